"""What of a saved web page the browser does not show, or shows as a note mark: the page's
<style> class rules and style attributes as far as they hide text (display:none,
visibility:hidden, the hidden attribute) or mark it (raised, lowered, struck through), and
the leaving out of that text, as the .docx reader leaves out Word's hidden text
(app/docx/hidden.py) and note marks (app/docx/blocks.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

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
    first: int | None = None  # the block holding the first hidden text, or the block after it
    # The element that stands where the first hidden text was (the blanked cell, the element
    # after a removed one, or its parent), and it with its ancestors: the walk into blocks
    # meets one of them as a block, or the element itself as a wrapper of blocks.
    anchor: lxml.html.HtmlElement | None = field(default=None, repr=False, compare=False)
    around: set[lxml.html.HtmlElement] = field(default_factory=set, repr=False, compare=False)


# -- the page's stylesheet, as far as it hides or marks text ---------------------------------------

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# An @media block holds rules for one medium (print, a narrow screen): not what the page shows
# as a rule, so left out whole (one level of nesting is all CSS has for it).
_CSS_AT_BLOCK = re.compile(r"@[^{};]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}")
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# The selectors followed: a tag with classes, or classes alone (“.fn”, “span.old”, “.a.b”):
# what CMS editors write.  A descendant or attribute selector is not followed (applying it to
# every element of the class would hide or cut more than the browser does).
_CSS_SELECTOR = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)?((?:\.[-\w]+)+)$")
_MAX_CSS_RULES = 5000  # a stylesheet is a few hundred rules; a hostile one stops here


def _declarations(text: str) -> dict[str, str]:
    """``prop: value; …`` as a dict, the last setting of a property winning, lower case."""
    out: dict[str, str] = {}
    for decl in text.split(";"):
        prop, sep, value = decl.partition(":")
        if sep:
            out[prop.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


@dataclass
class Css:
    """The class rules of a page's <style> elements: (tag or "", classes, declarations)."""

    rules: list[tuple[str, frozenset[str], dict[str, str]]]
    # A rule not followed (a descendant selector: “.tb th”) paints a background: a colour
    # there may be what is behind any text, so no text is judged unseen by its colour.
    unknown_backdrop: bool = False
    _index: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, root: lxml.html.HtmlElement) -> Css:
        rules: list[tuple[str, frozenset[str], dict[str, str]]] = []
        unknown_backdrop = False
        for style in root.iter("style"):
            sheet = _CSS_AT_BLOCK.sub("", _CSS_COMMENT.sub("", style.text or ""))
            for m in _CSS_RULE.finditer(sheet):
                decls = _declarations(m.group(2))
                if not any(k in decls for k in _STYLE_PROPS):
                    continue
                for selector in m.group(1).split(","):
                    sel = _CSS_SELECTOR.match(selector.strip())
                    if sel is not None and len(rules) < _MAX_CSS_RULES:
                        rules.append(((sel.group(1) or "").lower(), frozenset(sel.group(2).split(".")[1:]), decls))
                    elif sel is None and _paints(decls):
                        unknown_backdrop = True
        return cls(rules, unknown_backdrop)

    def style(self, el: lxml.html.HtmlElement) -> dict[str, str]:
        """The declarations that reach ``el``: its classes' rules in sheet order, then its own
        style attribute (which wins, as in a browser)."""
        out: dict[str, str] = {}
        classes = el.get("class")
        if classes and self.rules:
            own = set(classes.split())
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            by_class = self._by_class()
            # only the rules naming one of its classes, in sheet order: colour and size rules
            # make a CMS sheet hundreds of rules long
            for i in sorted({i for c in own for i in by_class.get(c, ())}):
                rule_tag, names, decls = self.rules[i]
                if names <= own and rule_tag in ("", tag):
                    out.update(decls)
        inline = el.get("style")
        if inline:
            out.update(_declarations(inline))
        return out

    def _by_class(self) -> dict[str, list[int]]:
        if self._index is None:
            self._index = {}
            for i, (_, names, _) in enumerate(self.rules):
                for name in names:
                    self._index.setdefault(name, []).append(i)
        return self._index

    def hides(self, el: lxml.html.HtmlElement) -> bool:
        if el.get("hidden") is not None:
            return True
        font_color = el.get("color") if el.tag == "font" else None  # old pages' <font color=…>
        if not el.get("style") and not (self.rules and el.get("class")) and font_color is None:
            return False
        style = self.style(el)
        if style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse"):
            return True
        if _zero(style.get("opacity")) or _offscreen(style):
            return True  # nothing inside can undo either
        # A size or colour an element inside may set again (font-size:0 on a row of inline
        # blocks is a layout trick): unseen only when nothing inside does.
        if _zero(style.get("font-size")) and not self._inside_sets(el, "font-size"):
            return True
        color = colour(style.get("color") or font_color)
        return (color is not None and not self.unknown_backdrop and color == self.backdrop(el)
                and not self._inside_sets(el, "color"))

    def _inside_sets(self, el: lxml.html.HtmlElement, prop: str) -> bool:
        for d in el.iterdescendants():
            if not isinstance(d.tag, str):
                continue
            if prop == "color" and d.tag == "font" and d.get("color") is not None:
                return True
            if (d.get("style") or (self.rules and d.get("class"))) and prop in self.style(d):
                return True
        return False

    def backdrop(self, el: lxml.html.HtmlElement) -> str:
        """The colour behind ``el``: the nearest background set on it or around it, else the
        white page (Word's “save as web page” writes its white text over none)."""
        for a in (el, *el.iterancestors()):
            bg = a.get("bgcolor")
            if a.get("style") or (self.rules and a.get("class")):
                style = self.style(a)
                bg = style.get("background-color") or next(
                    (t for t in style.get("background", "").split() if colour(t)), None) or bg
            if bg and bg != "transparent" and colour(bg) is not None:
                return colour(bg) or ""
        return "ffffff"

    def marks(self, el: lxml.html.HtmlElement) -> bool:
        """Shown as a note mark (raised or lowered) or struck through."""
        if isinstance(el.tag, str) and el.tag.lower() in _NOTE_TAGS:
            return True
        if not el.get("style") and not (self.rules and el.get("class")):
            return False
        style = self.style(el)
        decoration = style.get("text-decoration", "") + " " + style.get("text-decoration-line", "")
        return style.get("vertical-align", "").split(" ")[0] in ("super", "sub") or "line-through" in decoration


_STYLE_PROPS = ("display", "visibility", "vertical-align", "text-decoration", "text-decoration-line", "opacity",
                "font-size", "color", "background", "background-color", "position", "left", "top", "text-indent")
_NAMED = {"white": "ffffff", "black": "000000", "red": "ff0000", "yellow": "ffff00", "blue": "0000ff",
          "green": "008000", "gray": "808080", "grey": "808080", "silver": "c0c0c0"}
_RGB = re.compile(r"^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$")
_LENGTH = re.compile(r"^(-?[\d.]+)(px|pt|em|rem|%)?$")
OFFSCREEN_PX = -1000  # left/top/text-indent this far out: the -9999px trick, never a layout


def colour(value: str | None) -> str | None:
    """A CSS colour as rrggbb (lower case); None when not one or not opaque."""
    v = (value or "").strip().lower()
    if v in _NAMED:
        return _NAMED[v]
    if re.fullmatch(r"#[0-9a-f]{3}", v):
        return "".join(c * 2 for c in v[1:])
    if re.fullmatch(r"#[0-9a-f]{6}", v):
        return v[1:]
    m = _RGB.match(v)
    if m and (m.group(4) is None or m.group(4) not in ("0", "0.0")):
        return "".join(f"{min(int(g), 255):02x}" for g in m.groups()[:3])
    return None


def _paints(decls: dict[str, str]) -> bool:
    """The declarations paint a background other than white."""
    shorthand = next((t for t in decls.get("background", "").split() if colour(t)), None)
    return any(colour(v) not in (None, "ffffff") for v in (decls.get("background-color"), shorthand))


def _zero(value: str | None) -> bool:
    """opacity:0, font-size:0 (0px, 0pt, 0%, 0.0em)."""
    m = _LENGTH.match((value or "").strip())
    try:
        return m is not None and float(m.group(1)) == 0
    except ValueError:
        return False


def _px(value: str | None) -> float | None:
    m = _LENGTH.match((value or "").strip())
    if m is None or m.group(2) == "%":
        return None
    try:
        return float(m.group(1)) * (16 if m.group(2) in ("em", "rem") else 4 / 3 if m.group(2) == "pt" else 1)
    except ValueError:
        return None


def _offscreen(style: dict[str, str]) -> bool:
    """Placed far off the page: position:absolute/fixed with left or top -1000px or beyond, or
    text-indent as far."""
    indent = _px(style.get("text-indent"))
    if indent is not None and indent <= OFFSCREEN_PX:
        return True
    if style.get("position") not in ("absolute", "fixed"):
        return False
    return any((v := _px(style.get(k))) is not None and v <= OFFSCREEN_PX for k in ("left", "top"))


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
    outer = [el for el in found if not any(a in marked for a in el.iterancestors())]
    out = Hidden()
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
        else:
            el.drop_tree()  # its tail is the next visible text: kept
    return out


def _place(el: lxml.html.HtmlElement, hidden: set[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    """The element that stays where ``el``'s hidden text was: a table part itself (blanked,
    not removed), else the next element beside it that is not hidden too, else its parent."""
    if el.tag.lower() in _TABLE_PARTS:
        return el
    after = next((s for s in el.itersiblings() if isinstance(s.tag, str) and s not in hidden), None)
    return after if after is not None else el.getparent()


def drop_marks(cell: lxml.html.HtmlElement, css: Css) -> bool:
    """Note marks and struck-through text taken out of a table cell; whether any had text."""
    found = [el for el in cell.iter() if isinstance(el.tag, str) and css.marks(el)]
    if not found:
        return False
    marked = set(found)
    had_text = False
    for el in (el for el in found if not any(a in marked for a in el.iterancestors())):
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
