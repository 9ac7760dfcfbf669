"""表四 written as two tables: 行政复议's five columns in one, 行政诉讼's ten in the next.

Fifteen columns do not fit a portrait page, so some offices set the two halves side by side
(two floating tables) or one under the other; either way the file holds two tables in a row.
Read alone, the second was 表四 without its 行政复议 columns and the first no statutory table:
five figures lost.  Here the two are joined into one grid, row by row from the bottom (the
data rows meet; the shorter header is stretched up as a merged cell), and read as one table.
"""

from __future__ import annotations

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.fastgrid import GridCell
from app.labels import loose
from app.schema import T4_GROUPS, T4_LITIGATION, T4_RESULTS

_REVIEW, _DIRECT, _AFTER = (loose(g) for g in T4_GROUPS)
_LITIGATION = loose(T4_LITIGATION)
_RESULTS = tuple(loose(r) for r in T4_RESULTS)


def _review_half(text: str) -> bool:
    """The 行政复议 half: its group and results, nothing of the litigation groups."""
    return (_REVIEW in text and _LITIGATION not in text and _DIRECT not in text
            and sum(r in text for r in _RESULTS) >= 3)


def _litigation_half(text: str) -> bool:
    return _DIRECT in text and _AFTER in text and _REVIEW not in text


def joined_halves(blocks: list[Block]) -> dict[int, TableBlock | None]:
    """For each pair of halves: the first's index → the joined table, the second's → None
    (read with the first).  Only paragraphs without text may stand between the two."""
    out: dict[int, TableBlock | None] = {}
    left: TableBlock | None = None
    for b in blocks:
        if isinstance(b, ParaBlock):
            if left is not None and b.text.strip():
                left = None
            continue
        text = loose(b.all_text())
        if left is not None and _litigation_half(text):
            out[left.index], out[b.index] = _joined(left, b), None
            left = None
        else:
            left = b if _review_half(text) else None
    return out


def _to_figures(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """The rows down to the last with a cell holding a figure alone: a blank row or a 注： line
    under one half would otherwise stand beside the other's figures."""
    last = max((i for i, row in enumerate(rows) if any(c.text.strip().replace(",", "").isdigit() for c in row)),
               default=len(rows) - 1)
    return rows[:last + 1]


def _joined(left: TableBlock, right: TableBlock) -> TableBlock:
    a, b = _to_figures(left.rows), _to_figures(right.rows)
    height = max(len(a), len(b))
    a = [a[0]] * (height - len(a)) + a  # the shorter half's first row covers the rows it lacks
    b = [b[0]] * (height - len(b)) + b
    shift = 1 + max((c.ident for row in a for c in row), default=0)  # the right half's cells stay distinct
    moved: dict[int, GridCell] = {}
    rows = []
    for ra, rb in zip(a, b, strict=True):
        rows.append([*ra, *(moved.setdefault(c.ident, GridCell(c.text, c.ident + shift, c.notes)) for c in rb)])
    return TableBlock.of_rows(left.index, rows)
