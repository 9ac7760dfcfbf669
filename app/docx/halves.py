"""表四 written as two tables: 行政复议's five columns in one, 行政诉讼's ten in the next.

Fifteen columns do not fit a portrait page, so some offices set the two halves side by side
(two floating tables) or one under the other; either way the file holds two tables in a row.
Read alone, the second was 表四 without its 行政复议 columns and the first no statutory table:
five figures lost.  Here the two are joined into one grid, row by row from the bottom (the
data rows meet; the shorter header is stretched up as a merged cell), and read as one table.
The same bands set one under the other in ONE table (a header after figures starts a band) are
set side by side alike: read as one grid, 行政复议's figures went under 行政诉讼's labels.
"""

from __future__ import annotations

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.fastgrid import GridCell
from app.labels import key, loose
from app.schema import T4_GROUPS, T4_LITIGATION, T4_RESULTS

_REVIEW, _DIRECT, _AFTER = (loose(g) for g in T4_GROUPS)
_LITIGATION = loose(T4_LITIGATION)
_RESULTS = tuple(loose(r) for r in T4_RESULTS)
_HEADER_WORDS = frozenset(key(x) for x in (*T4_GROUPS, T4_LITIGATION, *T4_RESULTS))


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
    last = max((i for i, row in enumerate(rows) if any(_figure(c.text) for c in row)),
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


def unstacked(block: TableBlock) -> list[TableBlock]:
    """表四 in one table as bands one under another (行政复议's header and figures, then 行政诉讼's,
    or a band a group): the bands side by side, as two tables are joined.  A band naming a group
    a band before it named begins a copy of the table, joined likewise (its cells are said as
    repeated where read).  Any other table: itself."""
    bands: list[list[list[GridCell]]] = [[]]
    figures = False
    for row in block.rows:
        if figures and any(key(c.text) in _HEADER_WORDS for c in row):
            bands.append([])
            figures = False
        bands[-1].append(row)
        figures = figures or any(_figure(c.text) for c in row)
    named = [_groups(loose("".join(c.text for row in band for c in row))) for band in bands]
    if len(bands) < 2 or not all(named):
        return [block]
    copies: list[tuple[set[str], TableBlock]] = []
    for band, groups in zip(bands, named, strict=True):
        part = TableBlock.of_rows(block.index, band)
        if copies and not copies[-1][0] & groups:
            copies[-1] = copies[-1][0] | groups, _joined(copies[-1][1], part)
        else:
            copies.append((groups, part))
    return [part for _, part in copies]


def _groups(text: str) -> set[str]:
    """The groups a band's header names (行政诉讼 alone: its two)."""
    named = {g for g in (_REVIEW, _DIRECT, _AFTER) if g in text}
    return named or ({_DIRECT, _AFTER} if _LITIGATION in text else set())


def _figure(text: str) -> bool:
    return text.strip().replace(",", "").isdigit()
