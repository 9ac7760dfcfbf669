"""Superscript, subscript and strike-through given by a style, written onto the runs it reaches.

A table cell leaves out text set as a superscript or subscript (a note mark: “37” and a raised
“1” is 37) and struck-through text (an old figure beside the new one) by the run's own
properties (app/docx/blocks.py).  Word gives a run the same properties through its character
style, its paragraph's style (each through its basedOn chain) and the document defaults, and
shows the text alike; so before the body is read, every run a style raises, lowers or strikes
gets that property set on itself, and the one rule in blocks.py reads both ways alike.

Resolution follows the standard, as app/docx/hidden.py resolves hiding: a property set on the
run wins; w:vertAlign (not a toggle) comes from the character style, else the paragraph style,
else the defaults; w:strike and w:dstrike are toggles: set in both the character and the
paragraph style they cancel (as Word shows bold in bold), set in neither the defaults decide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from itertools import chain

from lxml import etree

from app.docx.invisible import TINY_HALF_POINTS, half_points, narrowed, page_colour, twips
from app.docx.package import DocxParts
from app.docx.stylechain import StyleSheet
from app.docx.xmlkids import W, bare_copy, child_val, first_child, run_properties

_R, _RPR, _PPR, _P, _RSTYLE, _PSTYLE, _VAL = (
    f"{{{W}}}{t}" for t in ("r", "rPr", "pPr", "p", "rStyle", "pStyle", "val"))
_DOC_DEFAULTS, _RPR_DEFAULT = f"{{{W}}}docDefaults", f"{{{W}}}rPrDefault"
_VERT_ALIGN, _STRIKE, _DSTRIKE = (f"{{{W}}}{t}" for t in ("vertAlign", "strike", "dstrike"))
_TOGGLES = (_STRIKE, _DSTRIKE)
_PROPS = (_VERT_ALIGN, *_TOGGLES)
_RAISED = ("superscript", "subscript")

# A property's setting: None (not set), else its value — vertAlign's w:val, "on" or "off" for a toggle.
Props = dict[str, str]


def _props(rpr: etree._Element | None) -> Props:
    out: Props = {}
    if rpr is None:
        return out
    for el in rpr:
        if el.tag == _VERT_ALIGN:
            out[_VERT_ALIGN] = el.get(_VAL, "baseline")
        elif el.tag in _TOGGLES:
            out[el.tag] = "off" if el.get(_VAL) in ("0", "false", "off") else "on"
    return out


def _marks(tag: str, value: str | None) -> bool:
    return value in _RAISED if tag == _VERT_ALIGN else value == "on"


class MarkStyles:
    """Which paragraph and character styles (and the defaults) raise, lower or strike text."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._sheet = StyleSheet(styles, lambda style: _props(first_child(style, _RPR)) or None)
        self.default_paragraph = self._sheet.default_paragraph
        self.defaults: Props = {}
        if styles is not None:
            self.defaults = _props(styles.find(f"{_DOC_DEFAULTS}/{_RPR_DEFAULT}/{_RPR}"))

    def resolve(self, kind: str, sid: str, tag: str) -> str | None:
        """A style's setting of one property: its own or the nearest in its basedOn chain."""
        return self._sheet.resolve(kind, sid, lambda props: props.get(tag), tag)

    def may_mark(self, kind: str) -> bool:
        """Whether any style of this kind sets a marking property itself (else none can mark)."""
        return any(k == kind for k, _ in self._sheet.own)

    def marks(self, kind: str, sid: str) -> bool:
        """Whether the style ``sid`` marks text by itself (its own setting or an inherited one).
        Asked only of the styles the body names: a report names a few dozen of the thousands
        a styles.xml may hold."""
        return any(_marks(t, self.resolve(kind, sid, t)) for t in _PROPS)

    def marks_by_default(self) -> bool:
        """Whether a run that names no style, in a paragraph that names none, is marked."""
        return bool(self.effective({}, "", ""))

    def effective(self, direct: Props, char_style: str, para_style: str) -> list[tuple[str, str]]:
        """The marking properties the styles give a run and the run does not set itself."""
        para_style = para_style or self.default_paragraph
        out: list[tuple[str, str]] = []
        for tag in _PROPS:
            if tag in direct:
                continue  # the run's own setting wins
            c = self.resolve("character", char_style, tag) if char_style else None
            p = self.resolve("paragraph", para_style, tag) if para_style else None
            if tag == _VERT_ALIGN:
                value = c if c is not None else p if p is not None else self.defaults.get(tag)
            elif c is None and p is None:
                value = self.defaults.get(tag)
            else:
                value = "off" if c == "on" and p == "on" else "on" if "on" in (c, p) else "off"
            if _marks(tag, value):
                out.append((tag, value or ""))
        return out


def _may_mark(parts: DocxParts) -> bool:
    """Whether styles.xml can name the properties at all: without the words it need not be
    parsed (most files).  Not UTF-8 (UTF-16 is allowed): the bytes say nothing, so look."""
    return any(b"vertAlign" in xml or b"strike" in xml or xml[:64].lstrip()[:1] != b"<" for xml in parts.run_styles_xml)


def apply_style_marks(body: etree._Element, parts: DocxParts) -> int:
    """Set on each run of ``body`` (the reader's own tree) the superscript, subscript or
    strike-through its styles give it; returns how many runs were given one."""
    if not _may_mark(parts):
        return 0
    styles = MarkStyles(parts.styles)
    runs = _candidates(body, styles)
    changed = 0
    # Each paragraph's style looked up once, not its children searched at each of its runs
    # (quadratic in a paragraph of many runs and no properties, as strip_hidden was).
    para_styles: dict[etree._Element | None, str] = {None: ""}
    for r in runs:
        rpr = first_child(r, _RPR)
        p = r.getparent()
        while p is not None and p.tag != _P:
            p = p.getparent()
        para_style = para_styles.get(p)
        if para_style is None:
            para_style = para_styles[p] = child_val(first_child(p, _PPR), _PSTYLE)
        add = styles.effective(_props(rpr), child_val(rpr, _RSTYLE), para_style)
        if not add:
            continue
        rpr = run_properties(r)
        for tag, value in add:
            el = etree.SubElement(rpr, tag)
            if tag == _VERT_ALIGN:
                el.set(_VAL, value)
        changed += 1
    return changed


def _candidates(body: etree._Element, styles: MarkStyles) -> list[etree._Element]:
    """The runs a style may mark: those naming a marking character style or standing in a
    paragraph of a marking paragraph style — every run when the defaults or the default
    paragraph style mark (a report has thousands of runs, a few of them marked)."""
    if styles.marks_by_default():
        return list(body.iter(_R))
    runs: dict[etree._Element, None] = {}
    marked = functools.cache(styles.marks)  # each style the body names asked once

    if styles.may_mark("character"):
        for el in body.iter(_RSTYLE):
            rpr = el.getparent()
            r = rpr.getparent() if rpr is not None else None
            if r is not None and r.tag == _R and marked("character", el.get(_VAL, "")):
                runs[r] = None
    if styles.may_mark("paragraph"):
        for el in body.iter(_PSTYLE):
            ppr = el.getparent()
            p = ppr.getparent() if ppr is not None else None
            if p is not None and p.tag == _P and marked("paragraph", el.get(_VAL, "")):
                runs.update(dict.fromkeys(p.iter(_R)))
    return list(runs)


# -- note marks raised or lowered by 字符位置 ---------------------------------------------------
# WPS's 提升/降低 (and Word's 字符间距 > 位置) move a run off the baseline by w:position without
# w:vertAlign: a small raised “1” beside 37 is a note mark as a superscript is, and read into
# the figure it makes 371.  Such a run — moved and set smaller than a run beside it in the same
# paragraph, by itself or through its character style — is given w:vertAlign, so the one rule
# for note marks (app/docx/blocks.py) leaves it out and counts it.  A run only moved (a whole
# figure nudged up to line up) is read as it is.
_POSITION, _SZ = f"{{{W}}}position", f"{{{W}}}sz"
_BODY_SIZE = 21  # half-points when neither the run, its style nor the defaults say: Word's 五号


class _Sized:
    """A run's w:position and w:sz: its own, else its character style's (basedOn chain), else
    the defaults'."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._sheet = StyleSheet(styles, lambda style: first_child(style, _RPR))
        self.defaults: dict[str, int | None] = {_POSITION: None, _SZ: None}
        if styles is not None:
            rpr = styles.find(f"{_DOC_DEFAULTS}/{_RPR_DEFAULT}/{_RPR}")
            self.defaults = {tag: _number(first_child(rpr, tag)) for tag in (_POSITION, _SZ)}

    def get(self, rpr: etree._Element | None, tag: str) -> int | None:
        value = _number(first_child(rpr, tag))
        if value is not None:
            return value
        value = self._sheet.resolve("character", child_val(rpr, _RSTYLE), lambda own: _number(first_child(own, tag)), tag)
        return value if value is not None else self.defaults[tag]


def _number(el: etree._Element | None) -> int | None:
    try:
        return int(el.get(_VAL, "")) if el is not None else None
    except ValueError:
        return None


def mark_moved_runs(body: etree._Element, parts: DocxParts) -> int:
    """Give w:vertAlign to each run of ``body`` moved off the baseline and set smaller than a
    run beside it (see above); returns how many."""
    moved_by_style = any(b"position" in xml or xml[:64].lstrip()[:1] != b"<" for xml in parts.run_styles_xml)
    if next(body.iter(_POSITION), None) is None and not moved_by_style:
        return 0  # nothing in the file moves text: the common case costs one scan
    sized = _Sized(parts.styles if moved_by_style else None)
    paras: dict[etree._Element, None] = {}
    for el in body.iter(_POSITION, _RSTYLE) if moved_by_style else body.iter(_POSITION):
        r = el.getparent().getparent() if el.getparent() is not None else None
        if r is not None and r.tag == _R:
            p = r.getparent()
            while p is not None and p.tag != _P:
                p = p.getparent()
            if p is not None:
                paras[p] = None
    changed = 0
    for p in paras:
        runs = []
        for r in p.iter(_R):
            if not "".join(t.text or "" for t in r.iter(f"{{{W}}}t")).strip():
                continue
            rpr = first_child(r, _RPR)
            size = sized.get(rpr, _SZ)
            runs.append((r, rpr, bool(sized.get(rpr, _POSITION)), size if size is not None else _BODY_SIZE))
        for i, (r, rpr, moved, size) in enumerate(runs):
            beside = [n for n in runs[max(i - 1, 0) : i] + runs[i + 1 : i + 2] if not n[2]]
            if not moved or not any(n[3] > size for n in beside):
                continue
            rpr = run_properties(r)
            up = (sized.get(rpr, _POSITION) or 0) > 0
            changed += _raise(rpr, "superscript" if up else "subscript")
    return changed


def _raise(rpr: etree._Element, how: str) -> bool:
    """Set ``rpr`` (a run's own properties) as a superscript or subscript (``how``) unless it is
    one already; whether it changed."""
    align = first_child(rpr, _VERT_ALIGN)
    if align is not None and align.get(_VAL) in _RAISED:
        return False
    if align is not None:
        rpr.remove(align)
    etree.SubElement(rpr, _VERT_ALIGN).set(_VAL, how)
    return True


_NOTE_REFS = (f"{{{W}}}footnoteReference", f"{{{W}}}endnoteReference")
_CUSTOM_MARK = f"{{{W}}}customMarkFollows"


def mark_custom_note_marks(body: etree._Element) -> int:
    """Give w:vertAlign to each run holding a footnote or endnote reference with a custom mark
    (customMarkFollows: the run's text is the mark, “3” or “*”): a note mark whatever its
    formatting — Word raises it only through the note style, and a mark WPS or a generator left
    plain was glued onto the figure before it (21 and a mark “3” read 213, hostile30).  Returns
    how many."""
    changed = 0
    for ref in body.iter(*_NOTE_REFS):
        if ref.get(_CUSTOM_MARK, "").strip().lower() not in ("1", "true", "on"):
            continue
        r = ref.getparent()
        if r is None or r.tag != _R:
            continue
        changed += _raise(run_properties(r), "superscript")
    return changed


# -- colour and size given by a style ----------------------------------------------------------
# Text a style makes unseen — a character or paragraph style (or the document defaults) in white,
# or of a point — is as unseen as text set so on the run (app/docx/invisible.py judges the run's
# own w:color and w:sz).  So, when styles.xml can set such a colour or size at all, each run that
# sets neither itself is given its styles' (the character style's, else the paragraph style's,
# each through its basedOn chain, else the defaults').  Any colour is copied, not only white:
# white on the page is unseen, white on a dark shading seen — invisible.py tells them apart.
_COLOR, _SCALE, _SPACING = (f"{{{W}}}{t}" for t in ("color", "w", "spacing"))
_INK = (_COLOR, _SZ, _SCALE, _SPACING)
# Spacing from a style that may pull letters over each other: half of 5 pt (the smallest print)
# or more; what it does to a run is judged with the run's size (app/docx/invisible.py).
_PULLED_TWIPS = -50
_SHD_TAG, _BACKGROUND, _HIGHLIGHT, _FILL, _COLOR_ATTR, _THEME_COLOR = (
    f"{{{W}}}{t}" for t in ("shd", "background", "highlight", "fill", "color", "themeColor"))
_HIGHLIGHT_RGB = {"white": "FFFFFF", "yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "black": "000000",
                  "lightgray": "C0C0C0"}
# A literal start, no (?i): re skips to each “<w:” (a case-blind pattern took eight times as
# long).  One pattern, one pass over the bytes (a pattern each scanned them four times): each
# match lies inside one start tag and begins at its “<w:”, so no alternative hides another's.
_MAY_BE_UNSEEN = re.compile(rb"""<w:(?:color\b[^>]*(?:["'](?:[fF]{6})["']|background1|["']bg1["'])"""
                            rb"""|sz\b[^>]*val=["']\s*(?:-|[0-4](?![0-9]))"""
                            rb"""|w\b[^>]*val=["']\s*(?:1?[0-9]|20)(?![0-9])"""
                            rb"""|spacing\b[^>]*val=["']\s*-)""")
_STYLE_COLOUR = re.compile(rb"""<w:color\b[^>]*\bw:val=["']([0-9A-Fa-f]{6})["']""")


def _may_be_unseen(xml: bytes, fills: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a paragraph or character style, or the defaults, may set white or tiny text, or
    text in one of ``fills`` (a page or shading colour the document paints, RRGGBB): a table
    style's (a dark header row's white, in every built-in table style Word and python-docx's
    template carry) is the table styles' own (app/docx/tablestyles.py), not looked at here.
    Not UTF-8 (UTF-16 is allowed): the bytes say nothing, so look."""
    if xml[:64].lstrip()[:1] != b"<" or b"<w:style" not in xml:
        return True  # another prefix than w: (the patterns below would not see it)
    found: Iterator[int] = (m.start() for m in _MAY_BE_UNSEEN.finditer(xml))
    if fills - {"FFFFFF"}:  # red text in a style on a red page (review15 L1's sibling): read before
        found = chain(found, (m.start() for m in _STYLE_COLOUR.finditer(xml) if m.group(1).decode().upper() in fills))
    for at in found:  # lazily: the first outside a table style decides
        start = xml.rfind(b"<w:style ", 0, at)
        if start < 0 or b'w:type="table"' not in xml[start:xml.find(b">", start)]:
            return True
    return False


def apply_style_ink(body: etree._Element, parts: DocxParts) -> int:
    """Write onto each run of ``body`` the colour and size its styles give it where it sets
    none itself (see above); returns how many runs were given one."""
    fills = _fills(parts.document) | {page_colour(parts.document, lambda: parts.theme)}
    if not any(_may_be_unseen(x, fills) for x in parts.run_styles_xml):
        return 0  # no style can make text unseen: nothing need be parsed or copied
    root = parts.styles
    if root is None:
        return 0
    sheet = StyleSheet(root, lambda style: _ink(first_child(style, _RPR)) or None)
    default_paragraph = sheet.default_paragraph
    defaults = _ink(root.find(f"{_DOC_DEFAULTS}/{_RPR_DEFAULT}/{_RPR}"))

    def given(kind: str, sid: str, tag: str) -> etree._Element | None:
        return sheet.resolve(kind, sid, lambda ink: ink.get(tag), tag)

    def unseen(el: etree._Element | None) -> bool:
        """A colour that may be what is behind text, a size of 2 pt or less, a scale of 20% or
        less, or a spacing that may pull letters over each other."""
        if el is None:
            return False
        if el.tag == _SZ:
            size = half_points(el.get(_VAL, ""))
            return size is not None and size <= TINY_HALF_POINTS
        if el.tag == _SCALE:
            return narrowed(el.get(_VAL, ""))
        if el.tag == _SPACING:
            pulled = twips(el.get(_VAL, ""))
            return pulled is not None and pulled <= _PULLED_TWIPS
        return (el.get(_VAL) or "").upper() in fills or el.get(_THEME_COLOR) in ("background1", "light1", "background2",
                                                                                   "light2")

    def suspect(kind: str, sid: str) -> bool:
        return any(unseen(given(kind, sid, tag)) for tag in _INK)

    runs: dict[etree._Element, None]
    if any(unseen(el) for el in defaults.values()) or (default_paragraph and suspect("paragraph", default_paragraph)):
        runs = dict.fromkeys(body.iter(_R))
    else:
        runs = {}
        for el in body.iter(_RSTYLE, _PSTYLE):
            holder = el.getparent()
            owner = holder.getparent() if holder is not None else None
            if owner is None or not suspect("character" if el.tag == _RSTYLE else "paragraph", el.get(_VAL, "")):
                continue
            if owner.tag == _R:
                runs[owner] = None
            elif owner.tag == _P:
                runs.update(dict.fromkeys(owner.iter(_R)))
    changed = 0
    para_styles: dict[etree._Element, str] = {}
    for r in runs:
        rpr = first_child(r, _RPR)
        missing = [tag for tag in _INK if first_child(rpr, tag) is None]
        if not missing:
            continue
        p = r.getparent()
        while p is not None and p.tag != _P:
            p = p.getparent()
        if p is not None and p not in para_styles:
            para_styles[p] = child_val(first_child(p, _PPR), _PSTYLE) or default_paragraph
        para_style = para_styles[p] if p is not None else default_paragraph
        char_style = child_val(rpr, _RSTYLE)
        found = {tag: _first(given("character", char_style, tag), given("paragraph", para_style, tag), defaults.get(tag))
                 for tag in missing}
        add = [el for el in found.values() if unseen(el)]
        if not add:
            continue
        rpr = run_properties(r)
        for el in add:
            assert el is not None
            rpr.append(bare_copy(el))
        changed += 1
    return changed


def _ink(rpr: etree._Element | None) -> dict[str, etree._Element]:
    """The colour and size an rPr sets, by tag."""
    return {tag: el for tag in _INK if (el := first_child(rpr, tag)) is not None}


def _fills(document: etree._Element) -> set[str]:
    """The colours text may stand on: white (the page), the page's colour, every shading and
    highlight colour the body names (by name or RRGGBB, upper case)."""
    out = {"FFFFFF"}
    for el in document.iter(_SHD_TAG, _BACKGROUND, _HIGHLIGHT):
        for attr in (_FILL, _COLOR_ATTR, _VAL):
            v = el.get(attr)
            if v:
                out.add(v.upper())
    out.update(_HIGHLIGHT_RGB.get(v.lower(), "") for v in list(out))
    return out - {"", "AUTO", "CLEAR", "NIL", "NONE"}


def _first(*found: etree._Element | None) -> etree._Element | None:
    """The first that is there (an lxml element without children is false: no ``or`` chain)."""
    return next((el for el in found if el is not None), None)


def style_sizes(parts: DocxParts) -> Callable[[etree._Element], float | None]:
    """A run's size (half-points) as its styles give it — the character style's, else its
    paragraph's style's (each through its basedOn chain), else the defaults' — for the few runs
    whose letters are pulled back (app/docx/invisible.py), which judges them at that size.
    styles.xml is read into a chain only when the first is asked about."""
    sheet: list[StyleSheet[dict[str, etree._Element]]] = []
    defaults: dict[str, etree._Element] = {}
    para_styles: dict[etree._Element | None, str] = {}  # each paragraph's style looked up once

    def size(r: etree._Element) -> float | None:
        root = parts.styles
        if root is None:
            return None
        if not sheet:
            sheet.append(StyleSheet(root, lambda style: _ink(first_child(style, _RPR)) or None))
            defaults.update(_ink(root.find(f"{_DOC_DEFAULTS}/{_RPR_DEFAULT}/{_RPR}")))
        styles = sheet[0]
        p = r.getparent()
        while p is not None and p.tag != _P:
            p = p.getparent()
        para_style = para_styles.get(p)
        if para_style is None:
            para_style = para_styles[p] = ((child_val(first_child(p, _PPR), _PSTYLE) if p is not None else "")
                                           or styles.default_paragraph)
        found = _first(*(styles.resolve(kind, sid, lambda ink: ink.get(_SZ), _SZ)
                         for kind, sid in (("character", child_val(first_child(r, _RPR), _RSTYLE)), ("paragraph", para_style))),
                       defaults.get(_SZ))
        return half_points(found.get(_VAL, "")) if found is not None else None
    return size
