"""A web page's table cut in two (a page break, or a （续表） line, between its parts) where cells
merged down it go on across the cut, as Word, WPS or LibreOffice save it: the second part's rows
given the cells the cut left out, as the .docx reads a merge going on at a table's top (blank
cells of their own, app/docx/fastgrid.py ``continued``); used by app/webgrid.py for app/webcopy.py."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from app import limits
from app.docx.fastgrid import GridCell
from app.webgrid import _FIGURE, Laid, _Cell, _label_text, _Laid, _own_columns


@dataclass
class Cut:
    """A table as the next one may continue it (a page break or a （续表） line between): its
    commonest width, and how many columns at the left of its last row are labels before the
    row's own (merged down into the cut, as 三、本年度办理结果 and （三）不予公开 beside 表三's
    reasons; none beside 四、结转下年度继续办理 over all three, or when the row is labels alone)."""

    width: int = 0
    open: int = 0
    # Merged cells of the last row whose rowspan runs past the table's end, as if the cut were
    # not there: (first column, columns, rows past the end).
    over: tuple[tuple[int, int, int], ...] = ()

    def carry(self, groups: list[list[list[_Cell]]], laid: Laid, budget: limits.TableBudget) -> bool:
        return _overrun(groups, laid, self, budget) or _carried(groups, laid, self, budget)

    def note(self, groups: list[list[list[_Cell]]], laid: Laid) -> None:
        self.width, self.open = _cut_of(laid)
        self.over = _over(groups[-1], laid[-1][1]) if groups and groups[-1] else ()


def _cut_of(laid: Laid) -> tuple[int, int]:
    grid = [row for g, _ in laid for row in g]
    if not grid:
        return 0, 0
    widths = [len(row) for row in grid]
    last = grid[-1]
    labels = next((i for i, c in enumerate(last) if not _label_text(c.text)), len(last))
    # The row's own label (its last, however wide) goes on nowhere: the labels before it may;
    # a row of labels alone (a header cut from its figures) leaves no merge going on.
    own = next((i for i in range(labels - 1, -1, -1) if last[i].ident != last[labels - 1].ident), -1) + 1 if labels else 0
    return max(set(widths), key=widths.count), own if labels < len(last) else 0


_MAX_CARRIED = 4  # label columns a merge may go on in across a cut: 表三 has three


def _carried(groups: list[list[list[_Cell]]], laid: Laid, cut: Cut,
             budget: limits.TableBudget) -> bool:
    """A table cut where cells merged down its left side go on (a page break, or a （续表） line,
    between its parts), as Word or WPS save it as a web page: the merge's rowspan ends with the
    first part (or runs past its end), and the second part's rows have no cells in those columns
    — each row of figures one to a few cells short at the left, fewer as the merges end.  The
    .docx reads a merge going on at a table's top as blank cells of its own (app/docx/fastgrid.py
    ``continued``); so are these read: blank cells merged down the columns the rows lack, the
    table as wide as the part before.  Rows of no figure (a repeated header) may come first;
    the short rows are the next ones, each no shorter than the one before and none short by more
    than the labels at the left of the part before's last row.  Whether it was so read."""
    if cut.open <= 0:
        return False
    for rows, (grid, info) in zip(groups, laid, strict=True):
        short = [cut.width - (sum(x.own) + len(x.covered)) for x in info]
        first = next((r for r, d in enumerate(short) if d), None)
        if first is None:
            if any(any(_FIGURE.fullmatch(c.text) for c in row) for row in grid):
                return False
            continue  # a group of header rows, whole
        if any(any(_FIGURE.fullmatch(c.text) for c in row) for row in grid[:first]):
            return False
        run = list(itertools.takewhile(lambda d: d > 0, short[first:]))
        if (any(d > min(cut.open, _MAX_CARRIED) for d in run) or any(b > a for a, b in itertools.pairwise(run))
                or any(short[first + len(run):]) or info[first].covered
                or not all(any(_FIGURE.fullmatch(c.text) for c in row) for row in grid[first:first + len(run)])):
            return False
        # Blank cells, one a column, each merged down the rows short of it.
        budget.add(sum(run))
        blanks = [_Cell(GridCell("", -(k + 1)), 1, sum(1 for d in run if d > k)) for k in range(run[0])]
        rows[first][:0] = blanks
        return True
    return False


def _over(rows: list[list[_Cell]], info: list[_Laid]) -> tuple[tuple[int, int, int], ...]:
    """The merged cells of the group's last row whose rowspan ran past its end: (first column,
    columns, rows past)."""
    cells = {id(c): c for row in rows for c in row}
    at = {**info[-1].covered, **_own_columns(rows[-1], info[-1])}
    first: dict[int, int] = {}
    for col in sorted(at):
        first.setdefault(at[col], col)
    return tuple((col, cells[k].span, cells[k].past) for k, col in sorted(first.items(), key=lambda x: x[1])
                 if cells[k].past > 0)


def _overrun(groups: list[list[list[_Cell]]], laid: Laid, cut: Cut,
             budget: limits.TableBudget) -> bool:
    """A table cut with merged cells going on across the cut, their rowspans written as if the cut
    were not there (they run past the first part's end) and the second part's rows without cells
    in their columns: blank cells merged down there, as the .docx reads a merge going on at a
    table's top — where the rows they cover are then as wide as the part before, and were not."""
    if not cut.over or not groups or not groups[0]:
        return False
    rows, info = groups[0], laid[0][1]
    widths = [sum(x.own) + len(x.covered) for x in info]
    depth = min(max(past for _, _, past in cut.over), len(rows))
    added = {r: sum(cols for _, cols, past in cut.over if past > r) for r in range(depth)}
    if any(widths[r] + added[r] != cut.width for r in range(depth) if added[r]) \
            or sum(cols for _, cols, _ in cut.over) > _MAX_CARRIED + 2:
        return False
    first: list[_Cell] = rows[0]
    laid_out: list[tuple[int, int, int]] = []  # (before which cell, columns, rowspan)
    for col, cols, past in cut.over:  # left to right: each lands in its column
        at, filled = 0, sum(c for _, c, _ in laid_out)
        while at < len(first) and filled < col:
            filled += first[at].span
            at += 1
        if filled != col:
            return False  # a cell of the row would straddle it
        laid_out.append((at, cols, min(past, depth)))
    budget.add(sum(cols * rowspan for _, cols, rowspan in laid_out))
    for (at, cols, rowspan), (col, _, _) in reversed(list(zip(laid_out, cut.over, strict=True))):
        first.insert(at, _Cell(GridCell("", -(col + 1)), cols, rowspan))
    return True
