"""Text a saved web page's style rules add: what ``::before``/``::after`` put before and after
an element's own text (strings, attr(), quotes), put into the page where a browser shows it,
so a figure is read as the reviewer sees it (app/webcss.py then hides or marks that text as
any other); and which table cells text so added to or reordered (app/webbidi.py) stands in,
for the note that says so."""

from __future__ import annotations

import re
from typing import NamedTuple

import lxml.html

from app.madetext import Budget
from app.webcascade import cascade
from app.webcounters import Scope, box_counters, counter_text
from app.webcss import Css
from app.webletter import style_first_letters
from app.webselect import GENERATED

# Elements with no ::before/::after box (replaced or void elements).
_NO_GENERATED = {"img", "br", "hr", "input", "meta", "link", "col", "area", "base", "embed", "source", "track", "wbr",
                 "iframe", "video", "audio", "canvas", "object", "select", "textarea", "html", "head"}
_CONTENT = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([-\w]+)\s*\)|(/)|([-\w]+\([^)]*\)|[^\s"']+))""",
                      re.S)
_ICON = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")  # private use: an icon font's glyphs
_QUOTES = {"open-quote": "“", "close-quote": "”", "no-open-quote": "", "no-close-quote": ""}
CELLS = ("td", "th")
# HIDDEN-TEXT (css) when the page's counters are too many to follow (app/webcounters.MAX_COUNTING).
UNCOUNTED = ("网页用样式表计数器（counter）编号的地方多到无法逐一计算，其后由计数器显示的编号和数字未读入（按空白读入）；"
             "请在浏览器中打开该网页，核对编号和表格数字")


class Added(NamedTuple):
    """What add_generated put into the page: ``boxes`` made with text in a table cell; ``uncounted``:
    the page's counters were too many to follow (app/webcounters.MAX_COUNTING), and the boxes
    showing one after that point were read blank."""

    boxes: list[lxml.html.HtmlElement]
    uncounted: bool


def add_generated(root: lxml.html.HtmlElement, css: Css) -> Added:
    """What ``::before``/``::after`` rules put before and after an element's own text, put into
    the page as a <span> carrying that box's own style (so a generated box hidden, or raised as
    a note mark, is treated as any other): a browser shows a cell holding 2106 with
    ``::after{content:"0"}`` as 21060, and that is the figure the reviewer sees.  Content this
    module cannot spell out (an image, a roman counter) reads as nothing, a counter() as the page
    counts it (app/webcounters.py), an icon font's glyph (private use) as no text.  Returns the
    boxes made with text in a cell (those still shown after hiding count in ``Hidden.restyled``),
    and whether the page's counters were too many to follow (those boxes then read as nothing)."""
    made: list[lxml.html.HtmlElement] = []
    in_cells = cell_of(root) if css.generated else {}
    boxes = {(el, which): cascade(rules, None) for (el, which), rules in css.generated.items()
             if which in GENERATED and isinstance(el.tag, str) and el.tag.lower() not in _NO_GENERATED and el.getparent() is not None}
    counted = box_counters(root, boxes, lambda el: css.style(el) if css.styled(el) else {})
    budget = Budget()  # one rule's text put into any number of elements (rev26h C1)
    for (el, which), decls in boxes.items():
        counters = counted.states.get((el, which))
        if counters is None and counted.cut and "counter" in decls.get("content", ""):
            text = None  # the numbering was not followed this far: no number is guessed
        else:
            text = _content_text(decls.get("content", "none"), el, counters or {})
            budget.spend(text or "")
        if text == "" or decls.get("display") == "none":
            continue
        box = lxml.html.Element("span")
        style = "; ".join(f"{k}: {v}" for k, v in decls.items() if k != "content")
        if style:
            box.set("style", style)
        block = decls.get("display", "inline") not in ("inline", "inline-block", "none", "contents")
        box.text = ("\n" if block and which == "after" else "") + (text or "") + ("\n" if block and which == "before" else "")
        if which == "before":
            box.tail, el.text = el.text, None
            el.insert(0, box)
        else:
            el.append(box)
        if el in in_cells and (text is None or text.strip()):
            made.append(box)
    style_first_letters(root, css)  # after the boxes: a ::before's text is the first letter
    return Added(made, counted.cut)


def _content_text(value: str, el: lxml.html.HtmlElement, counters: Scope) -> str | None:
    """The text a ``content`` value adds: strings, attr(), quotes, counter() as ``counters`` hold;
    "" for none (or nothing); None for what is not spelled out (an image, a roman counter)."""
    parts: list[str] = []
    pos = 0
    while pos < len(value.strip()):
        m = _CONTENT.match(value, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if m.group(1) is not None or m.group(2) is not None:
            parts.append(_unescape(m.group(1) if m.group(1) is not None else m.group(2)))
        elif m.group(3) is not None:
            parts.append(el.get(m.group(3)) or "")
        elif m.group(4) is not None:
            break  # what follows “/” is the text for screen readers, not shown
        elif m.group(5) in ("none", "normal") and not parts:
            return ""
        elif (shown := _QUOTES.get(m.group(5), counter_text(m.group(5), counters))) is not None:
            parts.append(shown)
        else:
            return None
    return _ICON.sub("", "".join(parts))  # an icon font's glyphs are no text


def _unescape(text: str) -> str:
    """A CSS string's escapes: \\31 (a hex code point, one space after it eaten), \\" and a
    backslash before a line end (which joins lines)."""
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            code = int(m.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return "" if m.group(2) == "\n" else m.group(2)
    return re.sub(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|(.))", one, text, flags=re.S)


def cell_of(root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, lxml.html.HtmlElement]:
    """Each element inside a table cell (and the cell itself) → the innermost cell holding it:
    one pass per level of nested tables, not a walk up from every element (a page may nest
    thousands deep)."""
    owner: dict[lxml.html.HtmlElement, lxml.html.HtmlElement] = {}
    for cell in root.iter(*CELLS):  # document order: an inner cell comes later and wins
        for el in cell.iter():
            owner[el] = cell
    return owner


def restyled_cells(root: lxml.html.HtmlElement, changed: list[lxml.html.HtmlElement]) -> set[lxml.html.HtmlElement]:
    """The table cells of the page holding (or under) what ``changed`` lists, those still in the
    page (hidden ones are gone with their element, or blanked with their cell)."""
    cells: set[lxml.html.HtmlElement] = set()
    owner = cell_of(root) if changed else {}
    for el in changed:
        if el.getroottree().getroot() is not root:
            continue  # taken out with what hid it
        cell = owner.get(el)
        cells.update([cell] if cell is not None else [c for c in el.iter(*CELLS) if c.text_content().strip()])
    return cells
