"""Text a saved web page shows in another order than it is written: a flex or grid container
lays its items out by their ``order`` (flex-direction: row-reverse or column-reverse, and a
right-to-left flex row, reverse them), so
``<span style="display:flex"><span style="order:2">00</span><span style="order:1">10</span></span>``
shows 1000 where the page's text is 0010 — read as 10, a silent wrong figure.  The items are
put in the order shown, as the browser shows them.  A grid item placed by grid-column/grid-row
is not followed (its place is not its order).

Floats in a table cell likewise: ``<td><span style="float:right">00</span>10</td>`` shows 10 at
the cell's left and 00 at its right, read 10 — the floated boxes are put where they are shown
(float:left first, float:right last, the first of them rightmost)."""

from __future__ import annotations

import lxml.html

from app.webbidi import direction
from app.webcellbox import cell_words
from app.webcss import Css

_CONTAINERS = {"flex", "inline-flex", "grid", "inline-grid"}


def reorder_items(root: lxml.html.HtmlElement, css: Css) -> list[lxml.html.HtmlElement]:
    """Each flex/grid container's items in the order it shows them; the containers reordered
    (for ``Hidden.restyled``: said where they are in table cells)."""
    made: list[lxml.html.HtmlElement] = []
    known: dict[lxml.html.HtmlElement, str] = {}
    for el in [e for e in root.iter() if isinstance(e.tag, str) and css.styled(e)]:
        style = css.style(el)
        display = set(style.get("display", "").lower().split())
        if not display & _CONTAINERS:
            continue
        flow = (style.get("flex-direction") or _flow_direction(style.get("flex-flow", ""))).lower().strip()
        flex = bool(display & {"flex", "inline-flex"})
        reverse = flex and flow.endswith("-reverse")
        if flex and not flow.startswith("column") and direction(el, css, known) == "rtl":
            reverse = not reverse  # a row's main axis runs from the right
        if not reverse and not any(_order(css, k) for k in el if isinstance(k.tag, str)):
            continue
        items, anonymous = _items(el)
        orders = [0 if k in anonymous else _order(css, k) for k in items]
        shown = sorted(range(len(items)), key=orders.__getitem__)
        if reverse:
            shown.reverse()
        if shown == list(range(len(items))):
            continue
        for k in items:
            k.tail = None  # blank between items (the text there was wrapped): nothing shown
            el.remove(k)
        for i in shown:
            el.append(items[i])
        made.append(el)
    return made


def _flow_direction(flow: str) -> str:
    return next((w for w in flow.split() if w.startswith(("row", "column"))), "")


def _order(css: Css, el: lxml.html.HtmlElement) -> int:
    if not css.styled(el):
        return 0
    try:
        return int(css.style(el).get("order", "0").strip())
    except ValueError:
        return 0  # not an integer: ignored, as a browser ignores it


def _items(el: lxml.html.HtmlElement) -> tuple[list[lxml.html.HtmlElement], set[lxml.html.HtmlElement]]:
    """``el``'s element children, each run of text directly in it first wrapped in a <span> of its
    own (an anonymous item, of order 0); and those wrapped."""
    anonymous: set[lxml.html.HtmlElement] = set()
    if (el.text or "").strip():
        span = lxml.html.Element("span")
        span.text, el.text = el.text, None
        el.insert(0, span)
        anonymous.add(span)
    for k in list(el):
        if (k.tail or "").strip():  # after an element or a comment
            span = lxml.html.Element("span")
            span.text, k.tail = k.tail, None
            k.addnext(span)
            anonymous.add(span)
    return [k for k in el if isinstance(k.tag, str)], anonymous


_FLOAT_WORDS = 40  # a statutory cell's few words: a layout cell's floated menus and pictures are not reordered


def float_items(root: lxml.html.HtmlElement, css: Css) -> list[lxml.html.HtmlElement]:
    """In each table cell of a few words, the boxes floated left put before the rest of their
    line's content and those floated right after it, as a browser shows them; the elements so
    reordered (said where they are in table cells, as ``reorder_items``'s)."""
    parents: dict[lxml.html.HtmlElement, None] = {}
    words: dict[lxml.html.HtmlElement, int] = {}  # once a cell: 8,000 floats in one cost its whole text each
    for el in root.iter():
        if isinstance(el.tag, str) and css.styled(el) and _float(css, el) and el.getparent() is not None:
            cell = next(el.iterancestors("td", "th"), None)
            if cell is None:
                continue
            if cell not in words:
                words[cell] = cell_words(cell)
            if words[cell] <= _FLOAT_WORDS:
                parents[el.getparent()] = None
    made: list[lxml.html.HtmlElement] = []
    for parent in parents:
        # what the line holds in source order: its runs of text and its elements
        written: list[object] = [t for t in [parent.text] if (t or "").strip()]
        sides: dict[object, str] = {}
        for k in parent:
            written += [k] if isinstance(k.tag, str) else []
            written += [k.tail] if (k.tail or "").strip() else []
        sides.update((k, _float(css, k)) for k in parent if isinstance(k.tag, str))
        shown = ([k for k in written if sides.get(k) == "left"] + [k for k in written if not sides.get(k)]
                 + [k for k in written if sides.get(k) == "right"][::-1])
        if shown == written:
            continue  # already where they are shown
        items, _ = _items(parent)
        left = [k for k in items if sides.get(k) == "left"]
        right = [k for k in items if sides.get(k) == "right"][::-1]
        for k in items:
            k.tail = None
            parent.remove(k)
        for k in [*left, *(k for k in items if not sides.get(k)), *right]:
            parent.append(k)
        made.append(parent)
    return made


def _float(css: Css, el: lxml.html.HtmlElement) -> str:
    if not css.styled(el):
        return ""
    side = css.style(el).get("float", "").split("!")[0].strip().lower()
    return side if side in ("left", "right") else ""
