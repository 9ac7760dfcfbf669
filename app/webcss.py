"""What of a saved web page the browser does not show, or shows as a note mark: the page's
style rules (app/websheets.py: its <style> and saved stylesheets; app/webselect.py: matched as a browser matches them)
and style attributes as far as they hide text — display:none, visibility:hidden, the hidden
attribute; text of no colour (transparent, an alpha of 0) or the colour behind it, of size 0,
clipped to nothing (the .sr-only pattern), scaled to nothing, in a box a pixel wide that cuts
it off, placed off the page — or mark it (raised, lowered, struck through), and the leaving out
of that text, as the .docx reader leaves out Word's hidden text (app/docx/hidden.py) and note
marks (app/docx/blocks.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import lxml.html

from app.limits import check_page_style_declarations, declaration_count
from app.webcascade import Ranked, cascade, folded
from app.webcellbox import beside_text
from app.webmatch import Page, matches
from app.webmath import simplified
from app.webplaced import (
    box_height,
    clipped,
    masked,
    moved_far,
    offscreen,
    out_of_flow,
    scaled_away,
    slides,
    squeezed,
    transparent,
)
from app.webquirks import quirks_mode
from app.webselect import MAX_WORK
from app.websheets import Decls, Reader
from app.webunshown import (
    FAINT,
    TEXT_FILL,
    alpha,
    faint,
    font_px,
    hsl_colour,
    same_to_eye,
    text_fill,
    too_small,
    vanishes,
)
from app.webvars import Customs, resolved

# In a table cell, what a browser shows raised or lowered (a note mark: “37” and a raised “1”
# is 37) or struck through (an old figure beside the new one) is not part of the figure, as
# the .docx reader leaves such runs out (app/docx/blocks.py): by tag or by CSS.
_NOTE_TAGS = {"sup", "sub", "s", "strike", "del"}


@dataclass
class Hidden:
    """What of a page's hidden text was left out: ``places`` with text, ``cells`` of them table
    cells (or rows) kept as blank cells; ``notes``: table cells read without a note mark or
    struck-through text."""

    places: int = 0
    cells: int = 0
    notes: int = 0
    numbers: list[str] = field(default_factory=list)  # figure cells' Word list numbers left out (“1.”): app/webgrid.py
    restyled: int = 0  # table cells whose text the page's CSS adds to or reverses: read as shown
    restyled_at: set[lxml.html.HtmlElement] = field(default_factory=set, repr=False, compare=False)  # those cells
    uncounted: bool = False  # the page's CSS counters too many to follow: their numbers read blank (webcounters)
    unfollowed: bool = False  # the page's style rules too many to follow (Css.unfollowed, Css.cut): said
    respanned: list[str] = field(default_factory=list)  # table rows a rowspan off by one shifted, read as meant (webcopy)
    furniture: list[str] = field(default_factory=list)  # page headers and footers left out holding text (webunshown)
    first: int | None = None  # the block holding the first hidden text, or the block after it
    # The element that stands where the first hidden text was (the blanked cell, the element
    # after a removed one, or its parent), and it with its ancestors: the walk into blocks
    # meets one of them as a block, or the element itself as a wrapper of blocks.
    anchor: lxml.html.HtmlElement | None = field(default=None, repr=False, compare=False)
    around: set[lxml.html.HtmlElement] = field(default_factory=set, repr=False, compare=False)
    sources: list[lxml.html.HtmlElement | None] = field(default_factory=list, repr=False, compare=False)  # each block's element


# A sheet of more rules (or rules costlier to match) than a file may take time for: the rest are
# not followed, and what they would hide is read — said, never silently (hostile16).
UNFOLLOWED = ("网页的样式表规则多到无法在时限内逐一核对（多为网页模板或恶意构造的网页），其余规则未用于判断文字是否显示；"
              "这些规则设为不显示的文字仍会被读入；请在浏览器中打开该网页，核对正文和表格的数字")


# -- the page's stylesheet, as far as it hides or marks text ---------------------------------------


@dataclass
class Css:
    """The page's style rules that reach each element (app/websheets.py: the <style> and saved
    linked sheets, @media for the screen; app/webselect.py: the selectors a browser matches), cascaded."""

    # element → the rules that match it: (specificity, order, declarations)
    matched: dict[lxml.html.HtmlElement, list[Ranked]] = field(default_factory=dict)
    # A rule not matched here (a selector beyond app/webselect.py) paints a background: a
    # colour there may be what is behind any text, so no text is judged unseen by its colour.
    unknown_backdrop: bool = False
    # (element, "before" or "after") → the rules of that generated box, as ``matched``
    generated: dict[tuple[lxml.html.HtmlElement, str], list[Ranked]] = field(default_factory=dict)
    _styles: dict[lxml.html.HtmlElement, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    _shared: dict[tuple[tuple[int, ...], str | None], dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    _behind: dict[lxml.html.HtmlElement, str | None] = field(default_factory=dict, repr=False, compare=False)
    _inline_declared: int = 0  # style attributes cascaded: declarations (limits.MAX_PAGE_STYLE_DECLARATIONS)
    _customs: Customs = field(default_factory=Customs, repr=False, compare=False)
    font_px: dict[lxml.html.HtmlElement, float] = field(default_factory=dict, repr=False, compare=False)  # webunshown
    factors: dict[str, dict[lxml.html.HtmlElement, float]] = field(default_factory=dict, repr=False, compare=False)  # same
    colours: dict[lxml.html.HtmlElement, str | None] = field(default_factory=dict, repr=False, compare=False)  # same
    cell_words: dict[lxml.html.HtmlElement, int] = field(default_factory=dict, repr=False, compare=False)  # app/webcellbox.py
    fills: dict[lxml.html.HtmlElement, tuple[lxml.html.HtmlElement, str] | None] = field(
        default_factory=dict, repr=False, compare=False)  # same
    # Rules of the page not followed: past MAX_WORK (counted), or past MAX_RULES (``cut``): what
    # they hide is read, and the reader says so (UNFOLLOWED, in app/webcopy.py).
    unfollowed: int = 0
    cut: bool = False
    base: Path | None = None  # the page's folder: what it names beside it is there (webunshown's <object>)

    @classmethod
    def of(cls, root: lxml.html.HtmlElement, base: Path | None = None, markup: str = "<!DOCTYPE html>") -> Css:
        """The rules of the page ``root``; its linked stylesheets read from under ``base`` (the
        page's folder), none when None; ``markup``: the page's text, whose doctype decides
        whether it is rendered in quirks mode (app/webquirks.py), where class and id selectors
        ignore case."""
        sheet = Reader(base, lambda decls: any(k in _STYLE_PROPS or k.startswith("--") for k in decls)).page(root)
        matched: dict[lxml.html.HtmlElement, list[Ranked]] = {}
        generated: dict[tuple[lxml.html.HtmlElement, str], list[Ranked]] = {}
        unknown = list(sheet.unknown)
        unfollowed = 0
        rest: list[Decls] = []  # the declarations of rules past the cap
        if sheet.rules:
            page = Page(root, quirks_mode(markup))
            page.work = sheet.work  # reading costly selectors spent some of it already
            rules = folded(sheet.rules)
            for i, (selector, entries) in enumerate(rules):
                if page.work > MAX_WORK:  # a hostile sheet: the rest not followed, as not understood
                    rest = [decls for _, later in rules[i:] for _, _, decls in later]
                    break
                found = list(matches(selector, page))
                # Each element matched costs its cascade later, a step per declaration combined:
                # of a selector's folded rules, those that fit in what is left (“*{--x1:1}” …
                # 5,000 times is one selector of 5,000 declarations for every element).
                kept = 0
                for _, _, decls in entries:
                    if page.work + len(decls) * len(found) > MAX_WORK:
                        break
                    page.work += len(decls) * len(found)
                    kept += 1
                for el in found:
                    if selector.pseudo:  # styles the box ::before/::after makes, not the element
                        generated.setdefault((el, selector.pseudo), []).extend(entries[:kept])
                    else:
                        matched.setdefault(el, []).extend(entries[:kept])
                if kept < len(entries):
                    page.work = MAX_WORK + 1  # the rest of the sheet is past the cap too
                    rest = [decls for _, later in [(selector, entries[kept:]), *rules[i + 1:]]
                            for _, _, decls in later]
                    break
            unknown += rest
            unfollowed = len(rest)
        css = cls(matched, any(_paints({k: v for k, (v, _) in d.items()}) for d in unknown), generated)
        css.unfollowed, css.cut, css.base = unfollowed, sheet.cut, base
        return css

    def styled(self, el: lxml.html.HtmlElement) -> bool:
        """Whether any rule or a style attribute sets something on ``el``."""
        return bool(el.get("style")) or el in self.matched

    def style(self, el: lxml.html.HtmlElement) -> dict[str, str]:
        """The declarations that reach ``el``, cascaded as a browser does: !important over
        plain, then the style attribute over the sheet, then specificity, then order."""
        known = self._styles.get(el)
        if known is not None:
            return known
        out = self._cascaded(el)
        if any("var(" in v for v in out.values()):  # custom properties (app/webvars.py)
            out = resolved(out, self._customs.at(el, self._cascaded))
        if any("(" in v for v in out.values()):  # calc(0px), min(0, 1): as the number a browser uses (app/webmath.py)
            out = {k: simplified(v) for k, v in out.items()}
        self._styles[el] = out
        return out

    def _cascaded(self, el: lxml.html.HtmlElement) -> dict[str, str]:
        """cascade() of the rules that reach ``el`` and its style attribute, combined once for
        all elements reached by the same rules (as a browser shares one element's computed
        style with its look-alike siblings): a thousand rows of a table matched by the same
        hundred rules are one combination, not a thousand."""
        rules = self.matched.get(el, ())
        key = (tuple(map(id, rules)), el.get("style"))
        known = self._shared.get(key)
        if known is None:
            if key[1]:  # a style attribute under rules new to it: parsed and held again, so counted again
                self._inline_declared += declaration_count(key[1])
                check_page_style_declarations(self._inline_declared)
            known = self._shared[key] = cascade(rules, key[1])
        return dict(known)  # (each element's own: style() may be resolved into it)

    def hides(self, el: lxml.html.HtmlElement) -> bool:
        if el.get("hidden") is not None:
            return True
        font_color = el.get("color") if el.tag == "font" else None  # old pages' <font color=…>
        if not self.styled(el) and font_color is None:
            return False
        style = self.style(el)
        if style.get("display") == "none" or style.get("content-visibility") == "hidden":
            return True
        if _zero(style.get("opacity")) or vanishes(el, self) or offscreen(style, lambda: self._positioned_around(el), lambda: slides(el, self.style)) or clipped(style, lambda: box_height(el, style, lambda: font_px(el, self), self.style)) or masked(style) \
                or squeezed(el, style) or ((out_of_flow(style) or moved_far(style)) and beside_text(el, self.cell_words)) \
                or scaled_away(style.get("transform"), style.get("scale")) or "opacity(0)" in style.get("filter", "").replace(" ", ""):
            return True  # nothing inside can undo any of these
        # What an element inside may set again (font-size:0 on a row of inline blocks is a
        # layout trick; visibility:visible inside a hidden box shows): unseen only when
        # nothing inside does.
        if style.get("visibility") in ("hidden", "collapse") and not self._inside_sets(el, "visibility"):
            return True
        if (_zero(style.get("font-size")) or _font_size_zero(style.get("font")) or too_small(el, self)) \
                and not self._inside_sets(el, "font-size"):
            return True
        fill = text_fill(el, self)
        if fill is not None:  # the letters are drawn in it, whatever color says
            return fill[0] is el and _unseen_ink(fill[1], self.backdrop(el), self.unknown_backdrop) \
                and not self._inside_sets(el, TEXT_FILL)
        raw = style.get("color") or font_color
        if transparent(raw) and not self._inside_sets(el, "color"):
            return True
        if faint(el, self, colour) and not self._inside_sets(el, "color"):
            return True  # opacity or alpha: drawn in (nearly) the colour behind it
        color = colour(raw)
        return (color is not None and not self.unknown_backdrop and same_to_eye(color, self.backdrop(el))
                and not self._inside_sets(el, "color"))

    def _positioned_around(self, el: lxml.html.HtmlElement) -> bool:
        """Some box around ``el`` is its containing block other than the first screen: positioned,
        or transformed (app/webplaced.offscreen asks, of an absolute box's bottom)."""
        for a in el.iterancestors():
            if self.styled(a):
                style = self.style(a)
                if style.get("position", "static").split("!")[0].strip() not in ("static", "") \
                        or style.get("transform", "none") not in ("none", ""):
                    return True
        return False

    def _inside_sets(self, el: lxml.html.HtmlElement, prop: str) -> bool:
        for d in el.iterdescendants():
            if not isinstance(d.tag, str):
                continue
            if prop == "color" and d.tag == "font" and d.get("color") is not None:
                return True
            if self.styled(d) and prop in self.style(d) \
                    and (prop != "visibility" or self.style(d)[prop] == "visible"):  # shown again inside
                return True
        return False

    def backdrop(self, el: lxml.html.HtmlElement) -> str | None:
        """The colour behind ``el``: the nearest background set on it or around it, else the
        white page (Word's “save as web page” writes its white text over none); None when a
        picture is behind it (its colours are not known)."""
        walked: list[lxml.html.HtmlElement] = []
        found: str | None = "ffffff"
        for a in chain((el,), el.iterancestors()):  # lazily: an answer is often one step up
            if a in self._behind:  # the answer for an ancestor is the answer for all below it
                found = self._behind[a]
                break
            walked.append(a)
            bg = a.get("bgcolor")
            if a.get("background"):
                found = None  # <td background=…>: a picture
                break
            if self.styled(a):
                style = self.style(a)
                image = style.get("background-image", "") + " " + style.get("background", "")
                if "url(" in image or "gradient(" in image:
                    found = None
                    break
                bg = style.get("background-color") or next(
                    (t for t in style.get("background", "").split() if colour(t)), None) or bg
            if bg and bg != "transparent" and colour(bg) is not None:
                found = colour(bg) or ""
                break
        for a in walked:
            self._behind[a] = found
        return found

    def marks(self, el: lxml.html.HtmlElement) -> bool:
        """Shown as a note mark (raised or lowered) or struck through."""
        if isinstance(el.tag, str) and el.tag.lower() in _NOTE_TAGS:
            return True
        if not self.styled(el):
            return False
        style = self.style(el)
        decoration = style.get("text-decoration", "") + " " + style.get("text-decoration-line", "")
        return style.get("vertical-align", "").split(" ")[0] in ("super", "sub") or "line-through" in decoration


# font-weight and font-style: bold and italic kept as runs (app/webruns.py), by a class's rule too.
_STYLE_PROPS = ("font-weight", "font-style", TEXT_FILL, "display", "visibility", "vertical-align", "text-decoration", "text-decoration-line", "opacity",
                "font-size", "font", "color", "background", "background-color", "background-image", "position", "left",
                "top", "text-indent", "clip", "clip-path", "transform", "width", "height", "max-width", "max-height",
                "overflow", "overflow-x", "overflow-y", "filter", "content-visibility", "content", "direction",
                "unicode-bidi", "letter-spacing", "counter-reset", "counter-increment", "counter-set", "zoom", "scale",
                "right", "bottom", "translate", "-webkit-clip-path", "mask", "mask-image", "mask-size", "-webkit-mask",
                "-webkit-mask-image", "-webkit-mask-size", "fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width",
                "order", "flex-direction", "flex-flow", "float", "margin", "margin-left", "padding", "padding-left",
                "grid-template-columns", "grid-template", "grid", "grid-auto-flow", "grid-area", "grid-row", "grid-column", "grid-row-start",
                "grid-row-end", "grid-column-start", "grid-column-end")  # (a CSS grid's table: app/webcssgrid.py)
_NAMED = {"white": "ffffff", "black": "000000", "red": "ff0000", "yellow": "ffff00", "blue": "0000ff",
          "green": "008000", "gray": "808080", "grey": "808080", "silver": "c0c0c0", "snow": "fffafa",
          "ghostwhite": "f8f8ff", "whitesmoke": "f5f5f5", "ivory": "fffff0", "floralwhite": "fffaf0"}
_LENGTH = re.compile(r"^(-?[\d.]+)(px|pt|em|rem|%)?$")


def colour(value: str | None) -> str | None:
    """A CSS colour as rrggbb (lower case); None when not one or of no alpha.  CSS Color 4's forms too: #rgba,
    #rrggbbaa, rgb() with spaces or % (hostile15: white as “#ffff” or “rgb(255 255 255 / 1)” was read)."""
    v = (value or "").strip().lower()
    if v in _NAMED:
        return _NAMED[v]
    if alpha(v) == 0:
        return None
    if m := re.fullmatch(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})", v):
        return "".join(c * 2 for c in m.group(1)[:3]) if len(m.group(1)) < 6 else m.group(1)[:6]
    m = re.fullmatch(r"rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)\s*(?:[,/][^)]*)?\)", v)
    if m is None:
        return hsl_colour(v)
    try:
        return "".join(f"{min(round(float(g[:-1]) * 2.55 if g.endswith('%') else float(g)), 255):02x}" for g in m.groups())
    except ValueError:
        return None


def _unseen_ink(value: str, behind: str | None, unknown_backdrop: bool) -> bool:
    """Text drawn in this CSS colour cannot be seen: transparent, faint, or the colour behind it."""
    if transparent(value) or alpha(value) <= FAINT:
        return True
    drawn = colour(value)
    return drawn is not None and not unknown_backdrop and same_to_eye(drawn, behind)


def _font_size_zero(font: str | None) -> bool:
    """The font shorthand setting a size of 0 (“font: 0/0 a”, the image-replacement trick)."""
    return bool(re.search(r"(?:^|\s)0(?:px|pt|em|rem|%)?(?:/|\s|$)", (font or "").strip()))


def _paints(decls: dict[str, str]) -> bool:
    """The declarations paint a background other than white."""
    if "background" not in decls and "background-color" not in decls:
        return False  # (most: asked of every rule past the cap)
    shorthand = next((t for t in decls.get("background", "").split() if colour(t)), None)
    return any(colour(v) not in (None, "ffffff") for v in (decls.get("background-color"), shorthand))


def _zero(value: str | None) -> bool:
    """opacity:0, font-size:0 (0px, 0pt, 0%, 0.0em)."""
    m = _LENGTH.match((value or "").strip())
    try:
        return m is not None and float(m.group(1)) == 0
    except ValueError:
        return False


# Table parts a hidden mark blanks rather than removes: taking a cell out would slide the
# row's later figures one column left (a hidden first 规章 cell would make 本年制发件数 the
# 本年废止件数), and taking a row out would let a rowspan above it reach into the next row.
_TABLE_PARTS = {"td", "th", "tr", "tbody", "thead", "tfoot"}


def drop_hidden(root: lxml.html.HtmlElement, css: Css) -> Hidden:
    """Elements the browser does not show (the hidden attribute, display:none or
    visibility:hidden, inline or by a class rule of the page's stylesheet) left out, as
    Word's hidden text is (app/docx/hidden.py).

    A hidden table cell is read blank, its colspan/rowspan kept: a browser keeps a
    visibility:hidden cell as an empty box, as the .docx reader leaves a cell with only hidden
    text blank.  A display:none (or hidden-attribute) cell has no box in a browser, so the row
    there really is one cell shorter; but in a statutory table that is a CMS quirk (a cell
    hidden, not deleted), and shifting the figures after it would misread every one of them
    silently, so it too is kept blank.  A hidden row is kept as a row of blank cells for the
    same reason (its rowspans and the rows below stay in place).  Anything else hidden is
    removed: an empty box, or no box, reads as nothing."""
    found = [el for el in root.iter() if isinstance(el.tag, str) and css.hides(el)]
    marked = set(found)
    # the outermost only, chosen before the tree changes (the inner go with them)
    outer = _outermost(root, marked)
    out = Hidden(unfollowed=bool(css.unfollowed or css.cut))
    for el in outer:
        has_text = bool(el.text_content().strip())
        if has_text and not out.places:
            out.anchor = anchor = _place(el, marked)
            out.around = {anchor, *anchor.iterancestors()} if anchor is not None else set()
        out.places += has_text
        if el.tag.lower() in _TABLE_PARTS:
            out.cells += has_text
            for cell in _cells(el):
                _blank(cell)
        elif el.getparent() is None:  # the page itself (html{display:none}, :not(.k){…}): nothing shown, as body{…}
            _blank(el)
        else:
            el.drop_tree()  # its tail is the next visible text: kept
    out.places += _drop_unseen_own_text(root, css)
    return out


def _drop_unseen_own_text(root: lxml.html.HtmlElement, css: Css) -> int:
    """visibility:hidden is inherited, and undone inside by visibility:visible: a box hidden so
    with a shown part inside it was kept (Css.hides); here its own text, and that of whatever
    inside it is not shown again, is taken out.  Returns the places (outermost such boxes
    that had text)."""
    unseen: dict[lxml.html.HtmlElement, bool] = {}
    places = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        inherited = unseen.get(parent, False) if parent is not None else False
        own = css.style(el).get("visibility") if css.styled(el) else None
        hidden = own in ("hidden", "collapse") if own in ("hidden", "collapse", "visible") else inherited
        unseen[el] = hidden
        if not hidden:
            continue
        had = bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)
        el.text = None
        for c in el:
            c.tail = None
        places += had and not inherited
    return places


def _place(el: lxml.html.HtmlElement, hidden: set[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    """The element that stays where ``el``'s hidden text was: a table part itself (blanked,
    not removed), else the next element beside it that is not hidden too, else its parent."""
    if el.tag.lower() in _TABLE_PARTS:
        return el
    after = next((s for s in el.itersiblings() if isinstance(s.tag, str) and s not in hidden), None)
    return after if after is not None else el.getparent()


def _outermost(root: lxml.html.HtmlElement, marked: set[lxml.html.HtmlElement]) -> list[lxml.html.HtmlElement]:
    """Those of ``marked`` (all under ``root``) with none of ``marked`` around them, in document
    order: one pass down the page, not a walk up from each (thousands of hidden spans at the
    bottom of 2000 nested divs walked 2000 ancestors each)."""
    covered: set[lxml.html.HtmlElement] = set()  # marked, or inside one
    out: list[lxml.html.HtmlElement] = []
    for el in root.iter():
        parent = el.getparent()
        if el is not root and parent is not None and parent in covered:
            covered.add(el)
        elif el in marked:
            covered.add(el)
            out.append(el)
    return out


def drop_marks(cell: lxml.html.HtmlElement, css: Css) -> bool:
    """Note marks and struck-through text taken out of a table cell; whether any had text."""
    found = [el for el in cell.iter() if isinstance(el.tag, str) and css.marks(el)]
    if not found:
        return False
    marked = set(found)
    had_text = False
    for el in _outermost(cell, marked):
        had_text = had_text or bool(el.text_content().strip())
        if el is cell:
            _blank(cell)
        else:
            el.drop_tree()  # its tail (the figure after a struck one) is kept
    return had_text


def _cells(el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's own cells in ``el`` (a cell, a row or a row group), not those of a table
    nested in one of them (they go with their cell)."""
    tag = el.tag.lower()
    if tag in ("td", "th"):
        return [el]
    rows = [el] if tag == "tr" else [r for r in el if isinstance(r.tag, str) and r.tag.lower() == "tr"]
    return [c for r in rows for c in r if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _blank(cell: lxml.html.HtmlElement) -> None:
    """The cell emptied, the cell itself and its attributes (colspan, rowspan) kept."""
    for child in list(cell):
        cell.remove(child)  # with its tail: the whole content goes
    cell.text = None
