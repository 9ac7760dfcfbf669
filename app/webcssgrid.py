"""Tables a web page draws with CSS grid instead of <table>: a box styled display:grid with its
columns given (grid-template-columns: 3fr repeat(7, 1fr)), each child a cell placed by the grid's
rules — in order, row by row, into the next free place its span fits, or where grid-column /
grid-row / grid-area put it, a merged label spanning rows or columns (grid-row: span 22).  A
person sees a table: it is made the <table> it draws — each grid row a <tr>, each child a <td>
with its spans, a place no child fills an empty cell — so the page's walk reads it as any other
(app/webcopy.py).  Without this each cell was a paragraph and the page had “no table”.  A grid
whose columns are not given as a count (auto-fill, auto-fit, template areas alone) is left as text."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html

from app.webcss import Css

MAX_COLUMNS = 64  # a statutory table has 15 at most; a grid far wider is a page's layout
MAX_ITEMS = 20_000  # a table's cells: 表三 has 215
MAX_SPAN = 1_000  # rows an item spans, at most: 表三's longest label spans 22
_TRIES = 2_000_000  # grid places looked at while placing a grid's items
_Item = tuple[lxml.html.HtmlElement, int, int]  # an item, its rowspan and colspan
_REPEAT = re.compile(r"repeat\(\s*(\d+)\s*,\s*((?:[^()]|\([^()]*\))*)\)", re.I)
_TRACK = re.compile(r"(?:minmax|fit-content)\([^()]*\)|[^\s\[\]]+")


def _columns(template: str) -> int:
    """How many column tracks ``grid-template-columns`` gives; 0 where it gives no count."""
    template = re.sub(r"\[[^\]]*\]", " ", template)  # line names
    if not template.strip() or re.search(r"auto-fill|auto-fit|subgrid|masonry", template, re.I):
        return 0
    count = 0
    for m in _REPEAT.finditer(template):
        count += int(m.group(1)) * len(_TRACK.findall(m.group(2)))
    count += len(_TRACK.findall(_REPEAT.sub(" ", template)))
    return count if count <= MAX_COLUMNS else 0


def _template(style: dict[str, str]) -> str:
    """The grid's column tracks: grid-template-columns, or the part after “/” of the grid-template
    or grid shorthand (“auto / 3fr repeat(7, 1fr)”; “auto-flow / …” names no count)."""
    if columns := style.get("grid-template-columns", "").strip():
        return columns
    for shorthand in ("grid-template", "grid"):
        rows, slash, columns = style.get(shorthand, "").partition("/")
        if slash and "auto-flow" not in columns and '"' not in rows:
            return columns
    return ""


def _line(value: str) -> tuple[int | None, int]:
    """A placement's value: (its line, 1-based; None if auto or a span) and a span it gives."""
    v = value.strip().lower()
    if m := re.fullmatch(r"span\s+(\d+)", v):
        return None, max(1, min(int(m.group(1)), 10_000))
    if m := re.fullmatch(r"-?\d+", v):
        return int(v), 1
    return None, 1


def _axis(style: dict[str, str], axis: str, area_at: int, lines: int) -> tuple[int | None, int]:
    """An item's start (0-based, None: auto) and span along ``axis`` (row, column)."""
    start, end = style.get(f"grid-{axis}-start", ""), style.get(f"grid-{axis}-end", "")
    if both := style.get(f"grid-{axis}", ""):
        start, _, end = both.partition("/")
    if (area := style.get("grid-area", "")) and not (start or end):
        parts = [p for p in area.split("/")]
        start = parts[area_at] if len(parts) > area_at else ""
        end = parts[area_at + 2] if len(parts) > area_at + 2 else ""
    a, span_a = _line(start)
    b, span_b = _line(end)
    if a is not None and a < 0:
        a = lines + 1 + a + 1 if lines else None
    if b is not None and b < 0:
        b = lines + 1 + b + 1 if lines else None
    if a is not None and b is not None and b > a:
        return a - 1, b - a
    if a is not None:
        return a - 1, span_b if end.strip().startswith("span") else 1
    if b is not None:
        return max(0, b - 1 - span_a), span_a
    return None, max(span_a, span_b)


def css_grids(root: lxml.html.HtmlElement, css: Css) -> int:
    """Retag the CSS grids under ``root`` that draw tables as HTML tables; how many there were."""
    def style(el: lxml.html.HtmlElement) -> dict[str, str]:
        return css.style(el) if isinstance(el.tag, str) and css.styled(el) else {}

    grids = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.lower() not in ("table", "tr", "td", "th")
             and style(el).get("display", "").strip().lower() in ("grid", "inline-grid")]
    made = 0
    for grid in grids:
        width = _columns(_template(style(grid)))
        items = [c for c in grid if isinstance(c.tag, str)]
        if width < 2 or not items or len(items) > MAX_ITEMS:
            continue
        placed = _placed(items, width, style)
        if placed is None:
            continue
        _retag(grid, placed, width)
        made += 1
    return made


def _placed(items: list[lxml.html.HtmlElement], width: int,
            style: Callable[[lxml.html.HtmlElement], dict[str, str]]) -> dict[tuple[int, int], _Item] | None:
    """Each item's (row, column) → (item, rowspan, colspan), by the grid's auto-placement (row
    flow, sparse); None where an item does not fit the columns, or placing them would cost more
    than a table's grid can (a hostile page's spans)."""
    taken: set[tuple[int, int]] = set()
    out: dict[tuple[int, int], _Item] = {}
    row = col = 0  # the auto-placement cursor
    budget = [_TRIES]
    for item in items:
        s = style(item)
        r0, rows = _axis(s, "row", 0, 0)
        c0, cols = _axis(s, "column", 1, width)
        cols, rows = min(cols, width), min(rows, MAX_SPAN)
        if c0 is not None and c0 + cols > width:
            return None
        if r0 is not None and c0 is not None:
            at: tuple[int, int] | None = (r0, c0)
        elif r0 is not None:  # a row given: the first column it fits in that row
            at = next(((r0, c) for c in range(width - cols + 1) if _free(taken, r0, c, rows, cols, budget)), (r0, 0))
        else:
            at = _next_free(taken, row, col, rows, cols, c0, width, budget)
            if at is None:
                return None
            row, col = at[0], at[1] + cols
        if at is None or budget[0] < 0:
            return None
        out[at] = (item, rows, cols)
        taken.update((at[0] + i, at[1] + j) for i in range(rows) for j in range(cols))
    return out


def _next_free(taken: set[tuple[int, int]], row: int, col: int, rows: int, cols: int, c0: int | None, width: int,
               budget: list[int]) -> tuple[int, int] | None:
    """The first place from the cursor (row, col) where an item of that size fits (in column
    ``c0`` if it gives one)."""
    r, c = row, col
    while budget[0] > 0:
        if c0 is not None:
            r, c = (r + 1, c0) if c0 < c else (r, c0)
        if c + cols <= width and _free(taken, r, c, rows, cols, budget):
            return r, c
        c += 1
        if c + cols > width:
            r, c = r + 1, 0
    return None


def _free(taken: set[tuple[int, int]], r: int, c: int, rows: int, cols: int, budget: list[int]) -> bool:
    budget[0] -= rows * cols
    return all((r + i, c + j) not in taken for i in range(rows) for j in range(cols))


def _retag(grid: lxml.html.HtmlElement, placed: dict[tuple[int, int], _Item], width: int) -> None:
    covered = {(r + i, c + j) for (r, c), (_, rows, cols) in placed.items() for i in range(rows) for j in range(cols)}
    height = max(r + 1 for r, _ in covered)
    tail = grid[-1].tail if len(grid) else None
    for child in list(grid):
        if isinstance(child.tag, str):
            grid.remove(child)  # (its tail text: a grid's text between items is no table's)
    grid.tag = "table"
    for r in range(height):
        tr = lxml.html.Element("tr")
        for c in range(width):
            if (r, c) in placed:
                item, rows, cols = placed[(r, c)]
                item.tag = "td"
                item.tail = None
                if rows > 1:
                    item.set("rowspan", str(rows))
                if cols > 1:
                    item.set("colspan", str(cols))
                tr.append(item)
            elif (r, c) not in covered:
                tr.append(lxml.html.Element("td"))
        grid.append(tr)
    if tail:
        grid.tail = (grid.tail or "") + tail
