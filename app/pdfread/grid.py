"""Tables of a PDF from their ruling lines: cells (merged ones spanning several grid positions)
and a table continuing over pages put back together.

pdfplumber finds the cells a page's lines enclose.  A table cut by a page break is found as
one piece per page; consecutive pieces whose columns agree are one table: a header the
continuation repeats is dropped, and a row Word or LibreOffice split across the break (the
continuation's first row carries on the text of the last, with its number cells empty) is
joined again.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from app.docx.blocks import GridCell
from app.labels import loose
from app.pdfread.tablefinder import find_tables
from app.pdfread.text import Char, Unseen, join_text, lines_of, without_marks
from app.schema import TABLES

_TOL = 2.0  # points: line positions closer than this are the same line
_OVERFLOW_ROWS = 6  # a header repeated in part (at most 3 rows) and the rows its text may run on over
_NUMBER = re.compile(r"^[\s0-9０-９.．,，%-]+$")
# A figure cut by a line break the page break fell on: “10,23” at the foot, “4” atop the next
# page; “9,000” then “,261”; “12.” then “5” — a wide figure wraps in a narrow cell, at or after a
# separator or its decimal point, and the two halves are one well-formed figure again.
_UNFINISHED = re.compile(r"[0-9０-９][,，][0-9０-９]{0,2}$|[0-9０-９][,，.．]$")
_CONTINUING = re.compile(r"^[,，.．][0-9０-９]")
_GROUPED = re.compile(r"^(?:[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?$")
_NUMBERED = re.compile(r"^\s*([0-9０-９]+[.．、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")


@dataclass
class Cell:
    """One cell of a table ruled on a PDF page: its box and text."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str = ""
    # its characters as placed (note marks left out): a repeated header's text run on below
    # its clipped cell is known by them (``_overflow``)
    chars: list[Char] = field(default_factory=list, repr=False, compare=False)


@dataclass
class Piece:
    """One table as found on one page."""

    page: int
    cells: list[Cell]
    last_on_page: bool = False
    unseen: Unseen | None = field(default=None, repr=False, compare=False)  # its page's (blots: ``_overflow``)
    cols: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.cols = _cluster([x for c in self.cells for x in (c.x0, c.x1)])

    @property
    def top(self) -> float:
        return min(c.top for c in self.cells)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells)

    def continued_by(self, other: Piece) -> bool:
        """``other``, first on the next page, goes on with this table: the same outer edges, and
        the columns of one are among the other's (a part may merge some of them)."""
        if other.page != self.page + 1:
            return False
        a, b = self.cols, other.cols
        if abs(a[0] - b[0]) > _TOL or abs(a[-1] - b[-1]) > _TOL:
            return False
        small, big = (a, b) if len(a) <= len(b) else (b, a)
        return all(any(abs(x - y) <= _TOL for y in big) for x in small)


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    """The boundary nearest ``v``."""
    i = bisect_right(bounds, v)
    if i > 0 and (i == len(bounds) or v - bounds[i - 1] <= bounds[i] - v):
        return i - 1
    return i


# Work _open_sides may do on one page (verticals looked at, summed over its groups of rules): a
# report's page of tables does some thousands; a page drawn to make it quadratic (9,900 stacked
# rules over 9,900 small boxes took 49 s) gets no sides past it, as a page with none would.
_OPEN_SIDES_WORK = 400_000


def _open_sides(page: Any) -> list[dict[str, Any]]:
    """The outer sides of tables drawn without them (left and right borders set to none, as some
    Word and WPS tables are), as lines for the table finder: rules across with the same two
    ends, each to the next joined by a column's line between those ends, but no line at an end —
    there the first and last columns' cells had no side and were no cells.  Rules with no
    column line between them (a 三线表, rules under a letterhead) are left as they are, and two
    tables of the same width one above the other (表二, a heading, 表三) get sides each.
    Each group's verticals are found by bisection and each pair of rules answered from a
    running maximum, never by a scan of every vertical for every pair."""
    from app.pdfread.bounds import check_time

    across: dict[tuple[int, int], list[dict[str, Any]]] = {}
    upright = []
    for e in page.edges:
        if e["orientation"] == "h":
            across.setdefault((round(e["x0"]), round(e["x1"])), []).append(e)
        else:
            upright.append(e)
    upright.sort(key=lambda v: v["x0"])
    xs = [v["x0"] for v in upright]
    sides: list[dict[str, Any]] = []
    work = 0
    for rules in (r for r in across.values() if len(r) > 1) if upright else ():
        x0, x1 = rules[0]["x0"], rules[0]["x1"]
        inner = sorted(upright[bisect_right(xs, x0 + _TOL):bisect_left(xs, x1 - _TOL)], key=lambda v: v["top"])
        work += len(inner) + len(rules)
        if work > _OPEN_SIDES_WORK:
            return []
        check_time()
        tops = [v["top"] for v in inner]
        reach = list(itertools.accumulate((v["bottom"] for v in inner), max))  # lowest bottom so far
        rules.sort(key=lambda e: e["top"])
        runs: list[list[float]] = []  # the tops of rules joined by a column's line
        for a, b in itertools.pairwise(rules):
            n = bisect_right(tops, a["top"] + _TOL)  # the verticals starting by a's rule
            if n and reach[n - 1] >= b["top"] - _TOL:
                if runs and runs[-1][-1] == a["top"]:
                    runs[-1].append(b["top"])
                else:
                    runs.append([a["top"], b["top"]])
        for run in runs:
            top, bottom = run[0], run[-1]
            for x in (x0, x1):
                near = upright[bisect_left(xs, x - _TOL):bisect_right(xs, x + _TOL)]
                work += len(near)
                if work > _OPEN_SIDES_WORK:
                    return []
                if not any(v["top"] <= top + _TOL and v["bottom"] >= bottom - _TOL for v in near):
                    sides.append({"object_type": "line", "x0": x, "x1": x, "top": top, "bottom": bottom,
                                  "width": 0.0, "height": bottom - top})
    return sides


_EDGE_KEYS = ("x0", "y0", "x1", "y1", "top", "bottom", "doctop", "width", "height", "object_type", "page_number")


def _slim_edges(page: Any) -> None:
    """pdfplumber's rectangle edges (``page.rect_edges``, its cache set first) made of the
    rectangles' places alone: pdfplumber copies the whole rectangle, path and colours, into each
    of its four edges and again at each move of the table finder's snapping — a table whose
    every border is a filled box of its own (Word's “Save as PDF”) has a thousand a page."""
    from pdfplumber.utils import rect_to_edges

    if not hasattr(page, "_rect_edges"):
        page._rect_edges = [e for r in page.rects for e in rect_to_edges({k: r[k] for k in _EDGE_KEYS if k in r})]


def pieces_of_page(page: Any, chars: list[Char], number: int,
                   unseen: Unseen | None = None) -> tuple[list[Piece], list[Char]]:
    """The page's tables (with their text, note marks left out and counted in ``unseen``)
    and the characters outside them."""
    area = page.width * page.height
    # A frame round the text (a border drawn round the page, a box round a paragraph) is no
    # table: a statutory table has at least two cells, none of them a quarter of the page.
    _slim_edges(page)
    sides = _open_sides(page)
    found = [t for t in find_tables(page, {"explicit_vertical_lines": sides} if sides else None)
             if len(t.cells) >= 2 and max((c[2] - c[0]) * (c[3] - c[1]) for c in t.cells) < area / 4]
    if not found:
        return [], chars
    owners: list[tuple[tuple[float, float, float, float], list[float], list[float], dict[tuple[int, int], int]]] = []
    texts: list[list[list[Char]]] = []
    for t in found:
        xs = _cluster([x for c in t.cells for x in (c[0], c[2])])
        ys = _cluster([y for c in t.cells for y in (c[1], c[3])])
        owner: dict[tuple[int, int], int] = {}
        for n_cell, (x0, top, x1, bottom) in enumerate(t.cells):
            for r in range(_index(ys, top), _index(ys, bottom)):
                for col in range(_index(xs, x0), _index(xs, x1)):
                    owner[(r, col)] = n_cell
        owners.append((t.bbox, xs, ys, owner))
        texts.append([[] for _ in t.cells])
    outside: list[Char] = []
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, ch.mid
        for n, (bbox, xs, ys, owner) in enumerate(owners):
            if bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]:
                k = owner.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
                if k is not None:
                    texts[n][k].append(ch)
                    break
        else:
            outside.append(ch)
    pieces = []
    # Only the page's first table may go on from the last page under a header repeated in part,
    # its first rows' characters looked at again (``_overflow``); no other's are kept.
    first = min(range(len(found)), key=lambda n: found[n].bbox[1])
    tops = _cluster([c[1] for c in found[first].cells])
    reach = tops[min(len(tops) - 1, _OVERFLOW_ROWS)]
    for n, (t, cell_chars) in enumerate(zip(found, texts, strict=True)):
        cells = []
        for (x0, top, x1, bottom), cc in zip(t.cells, cell_chars, strict=True):
            cc, marked = without_marks(cc)
            if marked and unseen is not None:
                unseen.notes += 1
            kept = cc if n == first and top <= reach else []
            cells.append(Cell(x0, top, x1, bottom, join_text(lines_of(cc)).strip(), kept))
        pieces.append(Piece(number, cells, unseen=unseen))
    return pieces, outside


def _rows(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped by the line their top is on, top to bottom, each row left to right."""
    rows: dict[float, list[Cell]] = {}
    tops = _cluster([c.top for c in cells])
    for c in cells:
        rows.setdefault(tops[_index(tops, c.top)], []).append(c)
    return [sorted(rows[t], key=lambda c: c.x0) for t in sorted(rows)]


def _same_row(a: list[Cell], b: list[Cell]) -> bool:
    return len(a) == len(b) and all(
        abs(x.x0 - y.x0) <= _TOL and abs(x.x1 - y.x1) <= _TOL and x.text == y.text for x, y in zip(a, b, strict=True)
    )


def _clipped_row(row: list[Cell], head: list[Cell], clipped: list[tuple[Cell, str]]) -> bool:
    """Whether ``row`` is ``head`` repeated with some of its cells cut short: a header row that
    spans down into a row not marked to repeat (LibreOffice repeating 2 of 表三's 3 header rows)
    keeps only the part within the repeated rows, each such cell's text its first lines.  Each
    cell cut short goes into ``clipped`` with the rest of its text, drawn on below it."""
    if len(row) != len(head):
        return False
    cut = []
    for a, b in zip(row, head, strict=True):
        if abs(a.x0 - b.x0) > _TOL or abs(a.x1 - b.x1) > _TOL or not b.text.startswith(a.text):
            return False
        if a.text != b.text:
            if not a.text:
                return False
            cut.append((a, b.text[len(a.text):]))
    clipped += cut
    return True


def _overflow(cell: Cell, remainder: str, below: list[Cell], unseen: Unseen | None) -> None:
    """The rest of a clipped header cell's text (``remainder``) taken out of the cells below it:
    LibreOffice draws it on, past the cell's bottom rule, over the next row — its lines at the
    cell's own line pitch and its characters at the cell's own places across, spelling the
    rest of the text in order.  Only such characters go; the row's own text stays, and a
    character of the row's that one of them was drawn over (a blot of both, left out) is read
    again, no longer counted as unseen; such characters clipped away (below a row cut by the
    page break) are not counted as hidden text either."""
    lines = lines_of(cell.chars)
    if not lines or not remainder:
        return
    size = lines[-1].chars[0].size
    pitch = lines[-1].chars[0].mid - lines[-2].chars[0].mid if len(lines) >= 2 else 1.2 * size
    if pitch <= 0.5 * size:
        return
    places = sorted({c.x0 for line in lines for c in line.chars})
    last = lines[-1].chars[0].mid
    reach = last + pitch * (len(remainder) // max(1, len(places)) + 2)

    def slot(c: Char) -> int | None:
        """Which line of the run-on text ``c`` stands on, None if it stands on none of its places."""
        n = (c.mid - last) / pitch
        if last < c.mid <= reach and abs(n - round(n)) * pitch <= 0.3 * size and abs(c.size - size) <= 0.5 \
                and cell.x0 - _TOL <= c.x0 <= cell.x1 + _TOL and any(abs(c.x0 - x) <= 0.1 * size for x in places):
            return round(n)
        return None

    under = [b for b in below if cell.x0 - _TOL <= b.x0 and b.x1 <= cell.x1 + _TOL]
    candidates: list[tuple[int, float, Char, Char | None, int]] = []  # line, place, char, its blot's other, count
    for ch in (ch for box in under for ch in box.chars):
        if (n := slot(ch)) is not None:
            candidates.append((n, ch.x0, ch, None, 0))
    for ch in unseen.clipped_chars if unseen is not None else ():
        if (n := slot(ch)) is not None:  # (clipped at the table's foot, maybe below every cell)
            candidates.append((n, ch.x0, ch, None, -1))  # -1: clipped, not a blot
    for first, second, count in unseen.blotted if unseen is not None else ():
        for ch, partner in ((first, second), (second, first)):
            if (n := slot(ch)) is not None and ch.text != partner.text and _holder(partner, under) is not None:
                candidates.append((n, ch.x0, ch, partner, count))
    at, gone, used = 0, set(), set()
    for _, _, c, other, counted in sorted(candidates, key=lambda s: (s[0], s[1])):
        found = remainder.find(c.text, at, at + 4)  # a character or three of it may be a blot, left out
        if found < 0 or id(c) in used:
            continue
        used.add(id(other))  # a blot's two characters: one is the run-on text, the other then is not
        at = found + len(c.text)
        gone.add(id(c))
        if counted < 0 and unseen is not None:
            unseen.clipped -= 1  # the run-on text clipped at the cell below's foot: no text of the report
            unseen.clipped_chars = [k for k in unseen.clipped_chars if k is not c]
        elif other is not None and (holder := _holder(other, under)) is not None and unseen is not None:
            holder.chars.append(other)
            holder.text = join_text(lines_of(holder.chars)).strip()
            unseen.overdrawn -= counted
            unseen.blotted = [k for k in unseen.blotted if k[0] is not c and k[1] is not c]
        if at >= len(remainder):
            break
    for box in under:
        kept = [ch for ch in box.chars if id(ch) not in gone]
        if len(kept) != len(box.chars):
            box.chars, box.text = kept, join_text(lines_of(kept)).strip()


def _holder(c: Char, cells: list[Cell]) -> Cell | None:
    """The cell whose box holds the middle of ``c``."""
    cx = (c.x0 + c.x1) / 2
    return next((b for b in cells if b.x0 <= cx <= b.x1 and b.top <= c.mid <= b.bottom), None)


def _one_cell_rows() -> frozenset[str]:
    out = set()
    for spec in TABLES.values():
        width = max(c.col + c.colspan for c in spec.layout)
        out |= {loose(c.text) for c in spec.layout if c.text and c.col == 0 and c.colspan == width}
    return frozenset(out)


ONE_CELL_ROWS = _one_cell_rows()  # rows of one cell across a statutory table (表二's 第二十条第（一）项)


def lone_first_row(text: str, piece: Piece) -> bool:
    """Whether ``text``, alone at the foot of the page before ``piece`` (which opens its page),
    is the table's first row: a statutory row of one cell across the table.  pdfplumber finds
    no table of one cell, so that row came as a line of text (a save would write it into the
    section's text).  When it is, it is put back into ``piece`` as a cell across its width."""
    if not piece.cells or loose(text) not in ONE_CELL_ROWS:
        return False
    top = piece.top
    height = min(c.bottom - c.top for c in piece.cells)
    piece.cells.insert(0, Cell(piece.cols[0], top - height, piece.cols[-1], top, text.strip()))
    return True


def merge_pieces(pieces: list[Piece]) -> list[list[GridCell]]:
    """One grid from a table's pieces, in page order."""
    cells = [Cell(c.x0, c.top, c.x1, c.bottom, c.text) for c in pieces[0].cells]
    head = _rows(pieces[0].cells)
    for piece in pieces[1:]:
        rows = _rows(piece.cells)
        k = 0
        clipped: list[tuple[Cell, str]] = []
        while k < len(rows) - 1 and k < len(head) and (_same_row(rows[k], head[k])
                                                       or _clipped_row(rows[k], head[k], clipped)):
            k += 1  # the header repeated on the new page
        rest = [c for row in rows[k:] for c in row]
        for cell, remainder in clipped:
            _overflow(cell, remainder, rest, piece.unseen)
        if not rest:
            continue
        bottom = max(c.bottom for c in cells)
        shift = bottom - min(c.top for c in rest)
        moved = [Cell(c.x0, c.top + shift, c.x1, c.bottom + shift, c.text) for c in rest]
        moved = _join_split_row(cells, moved, bottom)
        cells += moved
    return _grid(cells)


def _join_split_row(cells: list[Cell], moved: list[Cell], bottom: float) -> list[Cell]:
    """A row cut by the page break: the continuation's first row has a cell under every cell
    of the last row and goes on with some of their texts; a new row would bring a figure or a
    numbered label (“3.…”, “（四）…”) of its own.  A figure's digits go on only under a figure
    cut after a thousands separator (“10,23” then “4”)."""
    last = [c for c in cells if abs(c.bottom - bottom) <= _TOL]
    top = min(c.top for c in moved)
    first = [c for c in moved if abs(c.top - top) <= _TOL]
    pairs = []
    for c in first:
        above = next((a for a in last if abs(a.x0 - c.x0) <= _TOL and abs(a.x1 - c.x1) <= _TOL), None)
        if above is None and any(a.x0 - _TOL <= c.x0 and c.x1 <= a.x1 + _TOL for a in last):
            continue  # a row that starts under a wider cell (表四's results under 行政诉讼's groups)
        if above is None or (c.text and not above.text) or _NUMBERED.match(c.text):
            return moved
        pairs.append((above, c))
    wider = {id(a) for a in last if any(a.x0 - _TOL <= c.x0 and c.x1 <= a.x1 + _TOL and a.x1 - a.x0 > c.x1 - c.x0 + _TOL
                                        for c in first)}
    going_on = {id(c) for above, c in pairs if _figure_goes_on(above.text, c.text)}
    if len(pairs) + len(wider) != len(last) or not any(c.text for _, c in pairs) \
            or any(_NUMBER.match(c.text) for c in first if id(c) not in going_on):
        return moved
    for above, c in pairs:
        above.text += c.text
        above.bottom = c.bottom
    return [c for c in moved if all(c is not p for _, p in pairs)]


def _figure_goes_on(above: str, below: str) -> bool:
    """Whether ``below`` ends the figure ``above`` began: “10,23” and “4” are 10,234, “9,000”
    and “,261” 9,000,261, “12.” and “5” 12.5 — one of them cut at a separator or short of a
    group, and the two a figure of well-formed groups together; “3” and “4” are two figures."""
    above, below = above.strip(), below.strip()
    return bool(below and (_UNFINISHED.search(above) or (_CONTINUING.match(below) and above[-1:].isdigit()))
                and _GROUPED.match(above + below))


def _grid(cells: list[Cell]) -> list[list[GridCell]]:
    xs = _cluster([x for c in cells for x in (c.x0, c.x1)])
    ys = _cluster([y for c in cells for y in (c.top, c.bottom)])
    grid: list[list[GridCell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    ident = 0
    for c in sorted(cells, key=lambda c: (c.top, c.x0)):
        ident += 1
        cell = GridCell(c.text, ident)
        for r in range(_index(ys, c.top), _index(ys, c.bottom)):
            for col in range(_index(xs, c.x0), _index(xs, c.x1)):
                grid[r][col] = cell
    out: list[list[GridCell]] = []
    for row in grid:
        filled: list[GridCell] = []
        for found in row:
            if found is None:
                ident += 1
                found = GridCell("", ident)
            filled.append(found)
        out.append(filled)
    return out
