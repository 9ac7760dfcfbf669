"""Two statutory tables in one Word table, one under the other (an Excel sheet pasted whole: 表二's
rows, then 表三's header and rows; 表三, then 表四; with or without a caption row between), or two
PDF tables with nothing between them that a reader takes for one: cut where a row opens another
statutory table, each part read as its own.  Before, only the first was read; for the second the
user was told it was missing, or got ERRORs listing its header words as figures."""

from __future__ import annotations

from collections.abc import Callable

from app.docx.blocks import Block, TableBlock
from app.docx.figurecols import IDEOGRAPH
from app.labels import loose
from app.schema import (
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T2_GROUPS,
    T3_APPLICANT,
    T3_CORNER,
    T4_LITIGATION,
    T4_REVIEW,
)

# What a statutory table's first header row holds, as loose() folds it.
_OPENS = {
    PROACTIVE: (loose(T2_GROUPS[0][0]),),  # 第二十条第（一）项
    REQUESTS: (loose(T3_CORNER)[:12], loose(T3_APPLICANT)),
    REVIEWS: (loose(T4_REVIEW) + loose(T4_LITIGATION),),  # 行政复议 | 行政诉讼 side by side
}


# Each mark's ideographs: fold keeps them, so a row's raw text lacking one cannot hold the mark.
_IDEOGRAPHS = {k: [frozenset(IDEOGRAPH.findall(m)) for m in marks] for k, marks in _OPENS.items()}


def _opens(raw: str) -> str | None:
    """The statutory table a row's text opens (its marks), folded only where one may be."""
    chars = set(raw)
    if not any(need <= chars for needs in _IDEOGRAPHS.values() for need in needs):
        return None
    text = loose(raw)
    return next((k for k, marks in _OPENS.items() if any(m in text for m in marks)), None)


def stacked_parts(block: Block, kind_of: Callable[[TableBlock], str | None]) -> list[Block]:
    """``block`` cut before each row that opens another statutory table than the rows above
    it are (``kind_of``: the table a part is, app/docx/tables.py classify), once those rows hold
    a figure; a caption row (one cell, no figure) right above it goes with it.  Else itself."""
    if not isinstance(block, TableBlock) or len(block.rows) < 4:
        return [block]
    parts: list[TableBlock] = []
    start, figures = 0, False
    for r, row in enumerate(block.rows):
        # Only a row under figures can open another table: the header rows above are not looked at.
        opens = _opens("".join(c.text for _, c in block.distinct(r))) if figures and r > start else None
        if opens is not None:
            cut = r - 1 if r - 1 > start and _caption(block, r - 1) else r
            above = TableBlock.of_rows(block.index, block.rows[start:cut])
            if kind_of(above) not in (None, opens):
                parts.append(above)
                start, figures = cut, False
        figures = figures or any(c.text.strip().replace(",", "").isdigit() for c in row)
    if not parts:
        return [block]
    return [*parts, TableBlock.of_rows(block.index, block.rows[start:])]


def _caption(block: TableBlock, r: int) -> bool:
    cells = block.distinct(r)
    return (len(cells) == 1 and not any(ch.isdigit() for ch in cells[0][1].text)) or not any(c.text.strip() for _, c in cells)

