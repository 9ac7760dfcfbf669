"""Text Word does not show: hidden runs are taken out of the body before it is read.

A published report shows none of it, so none of it is read: not into the text (nor its
duplicate checks), not as a table figure (a hidden “999” beside the printed “5”).  Word hides
a run by the font's “隐藏” effect (w:vanish) or by w:specVanish (always hidden, as in a style
separator); either set directly on the run, or through its character style, its paragraph
style (the paragraph's runs take the style's font) or the document defaults.  w:webHidden is
not hiding here: it hides only in Word's web layout view, while the printed page and the PDF
show the text (Word sets it on every automatic table of contents' page numbers), so it is read.
Decided per case:
- a run hidden → dropped from its paragraph or cell (the rest of the paragraph is read);
- a paragraph whose runs are all hidden → nothing of it is read (a table cell with only hidden
  text is blank, as printed);
- a paragraph mark hidden (w:vanish in pPr/rPr) and nothing visible in it → the paragraph is
  dropped (a list item still counts in its list, as in Word: the next item's number follows
  it); with visible text, Word runs it into the next paragraph on screen: it is read as a
  paragraph of its own (its words are all there, only the break differs).

Resolution follows the standard: a property set on the run wins; else the character style and
the paragraph style (each through its basedOn chain, the nearest setting winning) are toggled
together (set in both: shown, as Word does with bold); else the document defaults.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from lxml import etree

from app.docx.stylechain import StyleSheet
from app.docx.xmlkids import W, child_val, first_child

_VANISH, _SPEC_VANISH = (f"{{{W}}}{t}" for t in ("vanish", "specVanish"))
# Not w:webHidden: that hides in Word's web layout view only; print and PDF show the text.
HIDING_TAGS = (_VANISH, _SPEC_VANISH)
_P, _R, _T, _RPR, _PPR, _PSTYLE, _RSTYLE = (
    f"{{{W}}}{t}" for t in ("p", "r", "t", "rPr", "pPr", "pStyle", "rStyle"))
_VAL, _DOC_DEFAULTS, _RPR_DEFAULT = (f"{{{W}}}{t}" for t in ("val", "docDefaults", "rPrDefault"))
_DRAWINGS = tuple(f"{{{ns}}}{t}" for ns, t in ((W, "drawing"), (W, "pict"), (W, "object")))
_LEFT_OUT = tuple(f"{{{ns}}}{t}" for ns, t in (
    ("http://schemas.openxmlformats.org/markup-compatibility/2006", "Fallback"), (W, "del"), (W, "moveFrom")))
# Set on a paragraph that is hidden as a whole: the reader skips it, only counting its list number.
GONE = "{urn:nianbao:reader}hidden"
# Set on each paragraph that lost hidden text: where the HIDDEN-TEXT note points (app/docx/hiddenplace.py).
LOST = "{urn:nianbao:reader}lost"
# How far a basedOn chain is followed: Word's own are a few deep; a cycle or a hostile chain stops.

# A run's or a style's setting: None (not set), "" (set to shown) or "vanish".
State = str | None
_SHOWN, _HIDDEN = "", "vanish"


def _state(rpr: etree._Element | None) -> State:
    """What this run-properties element says about hiding."""
    if rpr is None:
        return None
    out: State = None
    for el in rpr:
        if el.tag in HIDING_TAGS:
            if el.get(_VAL) not in ("0", "false", "off"):
                return _HIDDEN  # hidden whatever else is set
            if el.tag == _VANISH:
                out = _SHOWN
    return out


class Styles:
    """Which paragraph and character styles hide their text, from styles.xml."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._sheet = StyleSheet(styles, lambda style: _state(first_child(style, _RPR)))
        self.default_paragraph = self._sheet.default_paragraph
        self.defaults: State = None
        if styles is not None:
            self.defaults = _state(styles.find(f"{_DOC_DEFAULTS}/{_RPR_DEFAULT}/{_RPR}"))

    def hides_any(self) -> bool:
        return self.defaults == _HIDDEN or _HIDDEN in self._sheet.own.values()

    def hides_by_default(self) -> bool:
        """Whether a run that names no style, in a paragraph that names none, is hidden."""
        return self.effective(None, "", "") == _HIDDEN

    def may_hide(self, kind: str) -> bool:
        """Whether any style of this kind hides by its own setting (else none can hide)."""
        return any(k == kind and state == _HIDDEN for (k, _), state in self._sheet.own.items())

    def hides(self, kind: str, sid: str) -> bool:
        """Whether the style ``sid`` hides (its own setting or an inherited one).  Asked only of
        the styles the body names: a few dozen of the thousands a styles.xml may hold."""
        return self.resolve(kind, sid) == _HIDDEN

    def resolve(self, kind: str, sid: str) -> State:
        """The setting a style gives, its own or the nearest in its basedOn chain."""
        return self._sheet.resolve(kind, sid, lambda state: state)

    def effective(self, direct: State, char_style: str, para_style: str) -> State:
        if direct is not None:
            return direct
        c = self.resolve("character", char_style)
        p = self.resolve("paragraph", para_style or self.default_paragraph)
        if c is None and p is None:
            return self.defaults
        if c and p:
            return _SHOWN  # toggled twice
        return c or p


@dataclass
class Dropped:
    """Places where hidden text was left out: paragraphs (or table cell paragraphs) that had some."""

    places: int = 0


def _has_content(el: etree._Element) -> bool:
    """Whether an element holds something a reader would see: text or a picture or box."""
    return any((t.text or "").strip() for t in el.iter(_T)) or next(el.iter(*_DRAWINGS), None) is not None


def _paragraph(r: etree._Element) -> etree._Element | None:
    node = r.getparent()
    while node is not None and node.tag != _P:
        node = node.getparent()
    return node


def _counted(el: etree._Element) -> bool:
    """Not deleted text of tracked changes nor the fallback copy of a text box (read as left out)."""
    node = el.getparent()
    while node is not None:
        if node.tag in _LEFT_OUT:
            return False
        node = node.getparent()
    return True


def strip_hidden(body: etree._Element, styles: Styles) -> Dropped:
    """Take every hidden run, and every hidden paragraph with nothing visible left, out of
    ``body`` (the tree is the reader's own copy, parsed for this read)."""
    dropped = Dropped()
    places: set[etree._Element] = set()  # paragraphs that lost visible-looking text
    gone: list[etree._Element] = []
    runs, paragraphs = _candidates(body, styles)
    # Each paragraph's style looked up once: a paragraph of 16,000 runs every other one hidden,
    # and no properties, was searched whole for them at each run (8,000 of them took 55 s).
    para_styles: dict[etree._Element | None, str] = {None: ""}
    for r in runs:
        p = _paragraph(r)
        para_style = para_styles.get(p)
        if para_style is None:
            para_style = para_styles[p] = child_val(first_child(p, _PPR), _PSTYLE)
        rpr = first_child(r, _RPR)
        state = styles.effective(_state(rpr), child_val(rpr, _RSTYLE), para_style)
        if state != _HIDDEN:
            continue
        gone.append(r)
        if p is not None and _has_content(r) and _counted(r):
            places.add(p)
    for r in gone:
        parent = r.getparent()
        if parent is not None:  # (a run inside a hidden run's text box went with it)
            parent.remove(r)
    for p in paragraphs:
        ppr = first_child(p, _PPR)
        mark_rpr = first_child(ppr, _RPR)
        mark = styles.effective(_state(mark_rpr), child_val(mark_rpr, _RSTYLE), child_val(ppr, _PSTYLE))
        if mark == _HIDDEN and not _has_content(p):
            p.set(GONE, "1")  # kept in place: Word counts a hidden list item in its list's numbers
    for p in places:
        p.set(LOST, "1")
    dropped.places = len(places)
    return dropped


def _candidates(body: etree._Element, styles: Styles) -> tuple[list[etree._Element], list[etree._Element]]:
    """The runs and paragraphs something may hide: those that set hiding themselves, name a
    style that hides, or stand in a paragraph whose style does — every one when the defaults
    or the default paragraph style hide.  (A report has thousands of runs, a few hidden.)"""
    if styles.hides_by_default():
        return list(body.iter(_R)), list(body.iter(_P))
    runs: dict[etree._Element, None] = {}
    paragraphs: dict[etree._Element, None] = {}

    def owner(el: etree._Element) -> None:
        """The run or paragraph whose properties ``el`` (a child of rPr) is in."""
        rpr = el.getparent()
        r = rpr.getparent() if rpr is not None else None
        if r is not None and r.tag == _R:
            runs[r] = None
        elif r is not None and r.tag == _PPR and (p := r.getparent()) is not None and p.tag == _P:
            paragraphs[p] = None

    for el in body.iter(*HIDING_TAGS):
        owner(el)
    hidden = functools.cache(styles.hides)  # each style the body names asked once

    if styles.may_hide("character"):
        for el in body.iter(_RSTYLE):
            if hidden("character", el.get(_VAL, "")):
                owner(el)
    if styles.may_hide("paragraph"):
        for el in body.iter(_PSTYLE):
            ppr = el.getparent()
            p = ppr.getparent() if ppr is not None else None
            if p is not None and p.tag == _P and hidden("paragraph", el.get(_VAL, "")):
                paragraphs[p] = None
                runs.update(dict.fromkeys(p.iter(_R)))
    return list(runs), list(paragraphs)
