"""表四 in the compact grid many offices use: the three groups as rows (行政复议 / 行政诉讼（未经
复议直接起诉） / 行政诉讼（复议后起诉）, 行政诉讼 merged over two rows, or the groups' short
names) and the five results as columns — or the results as rows and the groups as columns.  Read
by its labels into the statutory row of fifteen.  Before, none of it was read and every figure
was said to be an edited label."""

from __future__ import annotations

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell
from app.docx.headercols import T4_RESULT_INDEX
from app.labels import loose
from app.schema import T4_COL, T4_DIRECT_SUIT, T4_RESULTS, T4_REVIEW_GROUP, T4_SUIT_AFTER_REVIEW

_LEAST_RESULTS = 4  # results a header row names to be the grid's
_LEAST_GROUPS = 2  # group rows under it


def compact_figures(block: TableBlock) -> dict[int, GridCell] | None:
    """Statutory data column -> the cell holding its figure, when ``block`` is such a grid
    (either way round); None otherwise (the statutory layout, its transpose, bands)."""
    rows = [list(row) for row in block.rows]
    width = max((len(row) for row in rows), default=0)
    across = _read(rows)
    if across is not None:
        return across
    columns = [[row[j] for row in rows if j < len(row)] for j in range(width)]
    return _read(columns) if all(len(c) == len(rows) for c in columns) else None


def _read(lines: list[list[GridCell]]) -> dict[int, GridCell] | None:
    """``lines`` as rows: a line naming the results, then lines each labelled by a group."""
    header = next(((at, named) for at, line in enumerate(lines) if len(named := _results(line)) >= _LEAST_RESULTS), None)
    if header is None:
        return None
    at, named = header
    first = min(named.values())
    figures: dict[int, GridCell] = {}
    groups: set[str] = set()
    for line in lines[at + 1:]:
        label = "".join(loose(c.text) for c in {id(c): c for c in line[:first]}.values())
        group = _group(label)
        if group is None or group in groups:
            continue
        groups.add(group)
        figures |= {T4_COL[group, T4_RESULTS[result]]: line[j] for result, j in named.items() if j < len(line)}
    return figures if len(groups) >= _LEAST_GROUPS else None


def _results(line: list[GridCell]) -> dict[int, int]:
    """Result -> its first position on the line, for the results the line's cells name."""
    named: dict[int, int] = {}
    for j, cell in enumerate(line):
        hit = T4_RESULT_INDEX.column(cell.text) if cell.text.strip() else None
        if hit is not None:
            named.setdefault(hit[0], j)
    return named


def _group(label: str) -> str | None:
    """The group a line's label names: 复议后起诉, 未经复议直接起诉 (with or without 行政诉讼 before
    it), or 行政复议 alone."""
    if "复议后" in label:
        return T4_SUIT_AFTER_REVIEW
    if "未经复议" in label or "直接起诉" in label:
        return T4_DIRECT_SUIT
    if "复议" in label and "诉讼" not in label:
        return T4_REVIEW_GROUP
    return None
