"""What a browser leaves out of a saved web page by the element's kind or size rather than by a
hidden style (app/webcss.py judges those): a closed <details> shows only its <summary>, a
<dialog> without ``open`` shows nothing, an <svg> (or its <foreignObject>) of no width or
height draws nothing.  And text no reader can see although it is drawn: smaller than
TINY_PX, of a colour the eye cannot tell from what is behind it, or with the next letter
drawn over it.  Also LibreOffice's page header and footer, shown but page furniture.

A statutory table hidden so, before the visible one, was taken for the report's table and the
visible one called its duplicate; a closed <details> in a cell made “▸ 21” read 211.  Each is
left out as display:none is, and said in HIDDEN-TEXT."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import lxml.html

if TYPE_CHECKING:
    from app.webcss import Css

# Text drawn smaller than 4 CSS pixels (3 pt) at the page's 100 % is a smear no reader makes
# out: 6 px is the smallest print anyone uses on purpose (a footnote in a dense table), so
# nothing legible falls below this; 0.1px, 0.01em, 1% are the trick of hiding a digit.
TINY_PX = 4.0
# Two colours within this of each other on every channel (3 % of the range) look the same:
# #fefefe on white is white on white.  Chromatic pairs (yellow on white) differ far more.
SAME_TO_EYE = 8

_DEFAULT_PX = 16.0  # a browser's medium, the page's 100 %
_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0, "x-large": 24.0,
             "xx-large": 32.0, "xxx-large": 48.0}
_FONT_SIZE_ATTR = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}  # <font size=N>
_SIZE = re.compile(r"^\s*(-?\d*\.?\d+)\s*(px|pt|em|rem|%|ex|ch|pc|mm|cm|in|q)?\s*$", re.IGNORECASE)
_ABSOLUTE = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0, "q": 96 / 101.6}
_RELATIVE = {"em": 1.0, "%": 0.01, "ex": 0.5, "ch": 0.5}


def mark_unshown(root: lxml.html.HtmlElement, css: Css) -> None:
    """Mark with the hidden attribute what the browser does not show by kind or size, for
    app/webcss.drop_hidden to leave out and count as it does any hidden element (a table cell
    so marked is read blank, its row keeping its figures in place)."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "details" and el.get("open") is None:
            _fold(el)
        elif (tag == "dialog" and el.get("open") is None) \
                or (tag in ("svg", "foreignobject") and _no_extent(el, css)) or _overdrawn(el, css):
            el.set("hidden", "")


def _fold(details: lxml.html.HtmlElement) -> None:
    """A closed <details> shows its first <summary> only: all else in it (text included) goes
    into one hidden box after the summary."""
    summary = next((c for c in details if isinstance(c.tag, str) and c.tag.lower() == "summary"), None)
    box = lxml.html.Element("div", hidden="")
    box.text = (details.text or "") + (summary.tail or "" if summary is not None else "")
    details.text = None
    if summary is not None:
        summary.tail = None
    for child in list(details):
        if child is not summary:
            box.append(child)  # its tail with it
    details.append(box)


def _no_extent(el: lxml.html.HtmlElement, css: Css) -> bool:
    """An <svg> or <foreignObject> whose width or height is 0 (attribute or style): SVG clips
    to its box, so nothing inside is drawn.  A missing size is the default 300×150, drawn."""
    style = css.style(el) if css.styled(el) else {}
    return any(_zero_length(style.get(k) or el.get(k)) for k in ("width", "height"))


def _overdrawn(el: lxml.html.HtmlElement, css: Css) -> bool:
    """Letters pulled back by half their size or more (letter-spacing:-1em on a “1” before 21):
    the next character is drawn over each one, so what shows is not the text (“121” looks a
    smudged 21).  No page spaces its letters so for a layout: CJK pages tighten by a pixel."""
    if not css.styled(el):
        return False
    m = _SIZE.match(css.style(el).get("letter-spacing", "").split("!")[0])
    if m is None or float(m.group(1)) >= 0:
        return False
    number, unit = float(m.group(1)), (m.group(2) or "px").lower()
    if m.group(2) is None:
        return False  # a bare number is no length
    font = font_px(el, css)
    spacing = number * font * _RELATIVE[unit] if unit in ("em", "ex", "ch") else \
        number * _DEFAULT_PX if unit == "rem" else number * _ABSOLUTE.get(unit, 0.0)
    return spacing <= -font / 2


def _zero_length(value: str | None) -> bool:
    m = _SIZE.match(value or "")
    return m is not None and float(m.group(1)) == 0


def too_small(el: lxml.html.HtmlElement, css: Css) -> bool:
    """``el`` sets a font size that comes to less than TINY_PX (a relative size taken from
    the sizes around it, as a browser does)."""
    return _own_size(el, css) is not None and font_px(el, css) < TINY_PX


def font_px(el: lxml.html.HtmlElement, css: Css) -> float:
    """The size in px of ``el``'s text.  Each element's size is remembered (Css.font_px): a
    page nesting 2000 spans of 1em would otherwise walk 2000 ancestors for each."""
    path: list[lxml.html.HtmlElement] = []
    size = _DEFAULT_PX
    current: lxml.html.HtmlElement | None = el
    while current is not None:  # a loop, not recursion: the nesting may be 2048 deep
        known = css.font_px.get(current)
        if known is not None:
            size = known
            break
        path.append(current)
        current = current.getparent()
    for node in reversed(path):
        own = _own_size(node, css)
        if own is not None:  # a value not understood is ignored, as a browser does
            px, relative = _size_px(own)
            size = px if px is not None else size * relative if relative is not None else size
        css.font_px[node] = size
    return size


def _own_size(el: lxml.html.HtmlElement, css: Css) -> str | None:
    if css.styled(el):
        size = css.style(el).get("font-size")
        if size:
            return size.strip().lower()
    if el.tag == "font" and el.get("size"):
        return "font:" + el.get("size", "")
    return None


def _size_px(value: str) -> tuple[float | None, float | None]:
    """(absolute px, None) or (None, factor of the parent's size) or (None, None) when not understood."""
    if value.startswith("font:"):  # <font size=N>, +N/-N relative to 3
        raw = value[5:].strip()
        try:
            n = int(raw) + (3 if raw[:1] in "+-" else 0)
        except ValueError:
            return None, None
        return _FONT_SIZE_ATTR[min(max(n, 1), 7)], None
    if value in _KEYWORDS:
        return _KEYWORDS[value], None
    if value == "smaller":
        return None, 1 / 1.2
    if value == "larger":
        return None, 1.2
    m = _SIZE.match(value.split("!")[0])
    if m is None:
        return None, None
    number, unit = float(m.group(1)), (m.group(2) or "px").lower()
    if number < 0:
        return None, None  # invalid: ignored by a browser
    if unit == "rem":
        return number * _DEFAULT_PX, None
    if unit in _RELATIVE:
        return None, number * _RELATIVE[unit]
    if unit == "px" and m.group(2) is None and number != 0:
        return None, None  # a bare number other than 0 is no length
    return number * _ABSOLUTE[unit], None


def same_to_eye(colour: str | None, behind: str | None) -> bool:
    """Two rrggbb colours a reader cannot tell apart (None: not known)."""
    if colour is None or behind is None:
        return False
    return all(abs(int(colour[i:i + 2], 16) - int(behind[i:i + 2], 16)) <= SAME_TO_EYE for i in (0, 2, 4))


def drop_page_furniture(root: lxml.html.HtmlElement) -> None:
    """LibreOffice writes a document's page header and footer into the page it saves, as
    <div title="header"> first and <div title="footer"> last: a page number (“— 13 —”) after
    the 落款 made the date no longer the text's end, so every such page had DATE-MISSING.  They
    are page furniture, not the report's text, as the .docx reader never reads a header or
    footer.  One holding a table is left alone: the statutory tables are never furniture."""
    for div in list(root.iter("div")):
        if (div.get("title") or "").strip().lower() in ("header", "footer") \
                and next(div.iter("table"), None) is None:
            div.drop_tree()
