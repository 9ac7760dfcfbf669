"""What a browser leaves out of a saved web page by the element's kind or size rather than by a
hidden style (app/webcss.py judges those): a closed <details> shows only its <summary>, a
<dialog> without ``open`` shows nothing, an <svg> (or its <foreignObject>) of no width or
height draws nothing.  And text no reader can see although it is drawn: smaller than
TINY_PX, or of a colour the eye cannot tell from what is behind it.

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
                or (tag in ("svg", "foreignobject") and _no_extent(el, css)):
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


def _zero_length(value: str | None) -> bool:
    m = _SIZE.match(value or "")
    return m is not None and float(m.group(1)) == 0


def too_small(el: lxml.html.HtmlElement, css: Css) -> bool:
    """``el`` sets a font size that comes to less than TINY_PX (a relative size taken from
    the sizes around it, as a browser does)."""
    own = _own_size(el, css)
    if own is None:
        return False
    return _resolve(own, el, css) < TINY_PX


def _own_size(el: lxml.html.HtmlElement, css: Css) -> str | None:
    if css.styled(el):
        size = css.style(el).get("font-size")
        if size:
            return size.strip().lower()
    if el.tag == "font" and el.get("size"):
        return "font:" + el.get("size", "")
    return None


def _resolve(size: str, el: lxml.html.HtmlElement, css: Css) -> float:
    """The size in px ``size`` (set on ``el``) comes to; an unknown value counts as the
    parent's size (a browser ignores a value it does not understand)."""
    factor = 1.0
    current: lxml.html.HtmlElement | None = el
    value: str | None = size
    while current is not None:
        if value is not None:
            px, relative = _size_px(value)
            if px is not None:
                return factor * px
            if relative is not None:
                factor *= relative
        current = current.getparent()
        value = _own_size(current, css) if current is not None else None
    return factor * _DEFAULT_PX


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
