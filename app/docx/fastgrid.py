"""The one-pass table grid: a table with nothing irregular in it (no text left out, note
marks, tabs, nested tables, wrappers, text boxes, blank columns — most tables) read in one
pass over its rows, cells and paragraphs. app/docx/blocks.py decides when it applies and
reads every other table with its general walk."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from itertools import chain

from lxml import etree

from app import limits
from app.docx.hidden import GONE
from app.docx.xmlkids import VAL, W, first_child
from app.limits import MAX_CELL_CHARS

_P, _T, _BR, _CR, _TC, _TR = (f"{{{W}}}{t}" for t in ("p", "t", "br", "cr", "tc", "tr"))
_TCPR, _GRID_SPAN, _VMERGE = (f"{{{W}}}{t}" for t in ("tcPr", "gridSpan", "vMerge"))
_TBL_GRID, _GRID_COL, _WIDTH = f"{{{W}}}tblGrid", f"{{{W}}}gridCol", f"{{{W}}}w"
_END = (None,)  # after a table's elements: its last cell and row closed
_NUMBERED = ("list-number",)
SLIVER = 57  # twips (1 mm): a grid column narrower is no column a person sees


@dataclass
class GridCell:
    """One grid position of a table as read: its text and the cell covering it."""

    text: str
    ident: int  # the same for every grid position a merged cell covers
    # What reading it left out or read otherwise (a finding's kind: “note”, “list-number”,
    # “xlsx-format”, “css”): the finding points at the statutory cell it is placed in.
    notes: tuple[str, ...] = ()


# A note of a spreadsheet's cell: a whole number under a fixed-decimals format (100 shown as
# 100.00, which is how Excel stores what was typed as 100.00), “places:2”.  An amount takes the
# places (app/docx/tables.py), a count never (its text stays “100”, no integer refused).
PLACES = "places:"


def shown_places(notes: tuple[str, ...]) -> int | None:
    if not notes:  # nearly every cell
        return None
    return next((int(n[len(PLACES):]) for n in notes if n.startswith(PLACES)), None)


def continued(vm: etree._Element | None, upper: GridCell | None, merging: set[int]) -> bool:
    """Whether a cell of w:vMerge ``vm`` is the cell ``upper`` above it, continued: a "continue"
    (the default) under a cell that began or continues a vertical merge.  One under a cell of no
    merge (the table's first row; a generator that wrote every merged cell "continue", none
    "restart") begins a merge of its own, as LibreOffice reads it: taken into the cell above,
    表三's row labels went into its header and three rows' figures were lost (unplaced)."""
    return (vm is not None and vm.get(VAL, "continue") == "continue" and upper is not None
            and upper.ident in merging)


def regular_grid(tbl: etree._Element, budget: limits.TableBudget, labels: dict[etree._Element, str],
                  breaks: bool = True, numbered: Container[etree._Element] = ()) -> list[list[GridCell]] | None:
    """The grid of a table with none of blocks._IRREGULAR in it, in one pass over its rows, cells,
    merges and paragraphs (their text gathered before, in one pass too): what the
    general walk of app/docx/blocks.py gives, at a fraction of its cost (lxml hands out only the elements
    asked for).  None, having read nothing, when an element stands where a table's rows,
    cells and paragraphs do not (a paragraph straight in a row, a cell outside a row …): the
    general walk then reads the table as it always has.  ``breaks`` False: the table has no
    line breaks (most).  ``numbered``: paragraphs whose list number was left out of their figure
    (their cell noted “list-number”)."""
    texts = _paragraph_texts(tbl, breaks)
    rows: list[list[GridCell]] = []
    above: dict[int, GridCell] = {}  # grid column -> the cell covering it in the row above
    merging: set[int] = set()  # the cells that began or continue a vertical merge (blocks.continued)
    ident = 0
    row: list[GridCell] = []
    tr: etree._Element | None = None
    tc: etree._Element | None = None
    span_el: etree._Element | None = None
    vm: etree._Element | None = None
    lines: list[str] = []
    flagged = False  # a paragraph of the cell is among ``numbered``
    add = budget.add
    # One place closes a cell (at the next cell's or row's start, or the table's end: the None
    # after the walk), its common case — one grid column, no merge — written out in the loop.
    # The cells' properties are not walked (nearly every cell has them, for its width): a merge
    # is found by itself, and counts only in its cell's first properties, as the general walk
    # reads it.  (Properties holding no merge, wherever they stand, change nothing it reads.)
    for el in chain(tbl.iter(_TR, _TC, _GRID_SPAN, _VMERGE, _P), _END):
        tag = el.tag if el is not None else None
        if tag == _P:
            if tc is None or el.getparent() is not tc:
                return None
            if el.get(GONE) is None:  # hidden as a whole (app/docx/hidden.py)
                pieces = texts.get(el)
                text = "".join(pieces) if pieces else ""
                lines.append(labels.get(el, "") + text if labels else text)
                flagged = flagged or (bool(numbered) and el in numbered)
            continue
        if tag in (_GRID_SPAN, _VMERGE):  # only the first of each in the cell's first properties counts
            props = el.getparent()
            if props is None or props.getparent() is not tc or props.tag != _TCPR or first_child(tc, _TCPR) is not props:
                return None
            if tag == _GRID_SPAN:
                span_el = span_el if span_el is not None else el
            else:
                vm = vm if vm is not None else el
            continue
        if tc is not None:  # a cell's or a row's start, or the end: the open cell is closed
            text = lines[0] if len(lines) == 1 else "\n".join(lines)
            if len(text) > MAX_CELL_CHARS:
                text = limits.cell_text(text)
            if span_el is None and vm is None:  # most cells: one grid column, no merge
                ident += 1
                add(1, len(text))
                row.append(GridCell(text, ident, _NUMBERED if flagged else ()))
            else:
                span = limits.span(span_el.get(VAL)) if span_el is not None else 1
                add(span)
                col = len(row)
                if continued(vm, above.get(col), merging):
                    cell = above[col]
                else:
                    ident += 1
                    cell = GridCell(text, ident, _NUMBERED if flagged else ())
                    if vm is not None:
                        merging.add(ident)
                add(0, len(cell.text) * max(span, 1))
                row.extend([cell] * max(span, 1))
        if tag == _TC:
            if tr is None or el.getparent() is not tr:
                return None
            tc, span_el, vm, lines, flagged = el, None, None, [], False
            continue
        if tr is not None:  # a row's start, or the end
            budget.row(len(row))
            above = dict(enumerate(row))
            rows.append(row)
            row = []
        if el is None:
            break
        if el.getparent() is not tbl:
            return None
        tr, tc = el, None
    return rows


def _paragraph_texts(tbl: etree._Element, breaks: bool) -> dict[etree._Element, list[str]]:
    """The pieces of text (w:t, a line break as "\\n") of each paragraph of the table, by its
    nearest paragraph: one pass for the whole table, where a pass per paragraph would set up
    lxml's tag matching each time.  (The dict holds the paragraphs, so the walk over them
    meets the same element objects.)"""
    out: dict[etree._Element, list[str]] = {}
    for t in tbl.iter(_T, _BR, _CR) if breaks else tbl.iter(_T):
        r = t.getparent()
        p = r.getparent() if r is not None else None
        if p is None or p.tag != _P:  # in a hyperlink, a field, an insertion …
            p = next(t.iterancestors(_P), None)
            if p is None:
                continue
        pieces = out.get(p)
        if pieces is None:
            pieces = out[p] = []
        pieces.append(t.text or "" if not breaks or t.tag == _T else "\n")
    return out


def without_slivers(tbl: etree._Element, rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """The grid without its sliver columns: grid columns under 1 mm wide (w:tblGrid) that no row
    has a cell of its own in — each row's cell there goes on to the left or right.  Dragged
    borders and converted files leave such slivers where a header's edge and its figures' edges
    are a few twips apart: 商业企业's header began in the sliver where each figure row's 自然人
    ended, and the header's column was read as the 自然人 cells' tail — 25 figures blank.  A
    sliver some row has a cell of its own in (a figure, a word) is kept: nothing is lost."""
    grid = tbl.find(_TBL_GRID)
    if grid is None:
        return rows
    widths = [_twips(col.get(_WIDTH)) for col in grid.iterchildren(_GRID_COL)]
    slivers = {j for j, w in enumerate(widths) if 0 < w < SLIVER}
    if not slivers or 2 * len(slivers) >= len(widths):  # widths that are no real measure
        return rows
    drop = {j for j in slivers if all(_goes_on(row, j) for row in rows if j < len(row))}
    return [[c for j, c in enumerate(row) if j not in drop] for row in rows] if drop else rows


def _goes_on(row: list[GridCell], j: int) -> bool:
    ident = row[j].ident
    return (j > 0 and row[j - 1].ident == ident) or (j + 1 < len(row) and row[j + 1].ident == ident)


def _twips(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0
