"""表四 written as two tables (行政复议's five columns in one, 行政诉讼's ten in the next) or three
(a table a group), or as such bands one under another in one table.

Fifteen columns do not fit a portrait page, so some offices set the parts side by side
(floating tables, stored in any order) or one under the other, a “（续表）” line between.
Read alone, the second was 表四 without its 行政复议 columns and the first no statutory table:
five figures lost.  Here the two are joined into one grid, row by row from the bottom (the
data rows meet; the shorter header is stretched up as a merged cell), and read as one table.
The same bands set one under the other in ONE table (a header after figures starts a band) are
set side by side alike: read as one grid, 行政复议's figures went under 行政诉讼's labels.
"""

from __future__ import annotations

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.docx.fastgrid import GridCell
from app.docx.headings import classify_heading
from app.labels import key, loose
from app.schema import T4_GROUPS, T4_LITIGATION, T4_RESULTS

_REVIEW, _DIRECT, _AFTER = (loose(g) for g in T4_GROUPS)
_LITIGATION = loose(T4_LITIGATION)
_RESULTS = tuple(loose(r) for r in T4_RESULTS)
_HEADER_WORDS = frozenset(key(x) for x in (*T4_GROUPS, T4_LITIGATION, *T4_RESULTS))


_CAPTION = 40  # a line between two parts of 表四 no longer than this is their caption (（续表）, 行政诉讼情况如下：)
_LEAST_RESULTS = 3  # result names a part's header has at least


def joined_halves(blocks: list[Block]) -> dict[int, TableBlock | None]:
    """For each run of 表四's parts (tables each naming some of its groups and their results, no
    group twice in the run, in any order; between them nothing but short lines: （续表）, 表四（续）,
    （单位：件）, 行政诉讼情况如下：): the first's index → the parts joined side by side, in
    statutory order, the others' → None (read with the first)."""
    out: dict[int, TableBlock | None] = {}
    run: list[tuple[int, TableBlock]] = []  # (the part's first group, the part)
    named: set[str] = set()
    for b in [*blocks, None]:
        if isinstance(b, ParaBlock):
            if len(b.text.strip()) <= _CAPTION and classify_heading(b.text, False, "") is None:
                continue
            groups = None
        else:
            groups = _part(loose(b.all_text())) if b is not None else None
        if len(run) > 1 and (groups is None or groups & named):
            parts = [part for _, part in sorted(run, key=lambda x: x[0])]
            out[run[0][1].index] = _side_by_side(parts, run[0][1].index)
            out.update({part.index: None for _, part in run[1:]})
        if groups is None or groups & named:
            run, named = [], set()
        if groups is not None and isinstance(b, TableBlock):
            run.append((min(_ORDER[g] for g in groups), b))
            named |= groups
    return out


_ORDER = {g: i for i, g in enumerate((_REVIEW, _DIRECT, _AFTER))}


def _part(text: str) -> set[str] | None:
    """The groups a part of 表四 names (its results under them); None for a table that is none,
    or names all three (a whole 表四)."""
    groups = _groups(text)
    if not groups or len(groups) == len(_ORDER) or sum(r in text for r in _RESULTS) < _LEAST_RESULTS:
        return None
    return groups


def _side_by_side(parts: list[TableBlock], index: int) -> TableBlock:
    """The parts joined left to right, as the table at ``index`` (where the first stands in the file)."""
    joined = parts[0]
    for part in parts[1:]:
        joined = _joined(joined, part)
    return TableBlock.of_rows(index, joined.rows) if len(parts) > 1 else joined


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
        if figures and any(key(c.text) in _HEADER_WORDS or _groups(loose(c.text)) for c in row):
            bands.append([])
            figures = False
        bands[-1].append(row)
        figures = figures or any(_figure(c.text) for c in row)
    named = [_groups(loose("".join(c.text for row in band for c in row))) for band in bands]
    if len(bands) < 2 or not all(named):
        return [block]
    copies: list[tuple[set[str], list[tuple[int, TableBlock]]]] = []
    for band, groups in zip(bands, named, strict=True):
        part = (min(_ORDER[g] for g in groups), TableBlock.of_rows(block.index, band))
        if copies and not copies[-1][0] & groups:
            copies[-1][0].update(groups)
            copies[-1][1].append(part)
        else:
            copies.append((set(groups), [part]))
    return [_side_by_side([part for _, part in sorted(parts, key=lambda x: x[0])], block.index) for _, parts in copies]


def _groups(text: str) -> set[str]:
    """The groups a band's header names (行政诉讼 alone: its two)."""
    named = {g for g in (_REVIEW, _DIRECT, _AFTER) if g in text}
    return named or ({_DIRECT, _AFTER} if _LITIGATION in text else set())


def _figure(text: str) -> bool:
    return text.strip().replace(",", "").isdigit()
