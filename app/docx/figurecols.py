"""Which columns of a statutory table's part hold its figures, from the figures themselves: a
form's column-number row (栏次 | 1 | 2 …) is none, and a part a converter laid out otherwise than
the one before it (an extra empty column, a label column fewer) is read by where its figures stand."""

from __future__ import annotations

import re

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell
from app.textfold import fold

_FIGURE = re.compile(r"\s*[0-9][0-9,]*\s*")  # a cell holding a figure alone, as folded
# A CJK ideograph folds to itself (NFKC keeps it; fold drops only spaces and invisibles): a text
# holding one is no figure nor a column number, and is not folded — a label's cell, most cells.
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _figure(text: str) -> bool:
    if text.isascii():  # fold of ASCII text: its white space dropped (NFKC and the quotes leave it)
        return _FIGURE.fullmatch("".join(text.split())) is not None
    return IDEOGRAPH.search(text) is None and _FIGURE.fullmatch(fold(text)) is not None


def column_numbers(texts: list[str]) -> bool:
    """Whether a row's data cells number the columns, 1, 2, 3 … (a statistical form's 栏次 row
    under the header): no figures of the report."""
    if len(texts) < 3 or IDEOGRAPH.search(texts[0]) or fold(texts[0]).strip() != "1":  # most rows: their first cell
        return False
    return [fold(t).strip() for t in texts] == [str(i) for i in range(1, len(texts) + 1)]


def figure_columns(block: TableBlock, n: int) -> dict[int, int] | None:
    """Grid column -> data column when exactly ``n`` grid columns hold figures (a cell's first
    column); None otherwise (a column blank all through, a 序号 column: not to be guessed)."""
    columns = sorted({j for r in range(len(block.rows)) for j, c in block.distinct(r) if _figure(c.text)})
    return {j: i for i, j in enumerate(columns)} if len(columns) == n else None


def columns_as_before(block: TableBlock, prev: dict[int, int]) -> dict[int, int] | None:
    """A headerless part's columns by where its figures stand, as many as the part before had (all seven, or the
    社会公益组织…总计 of a part of 表三's columns), in their order."""
    columns = sorted(set(prev.values()))
    found = figure_columns(block, len(columns))
    return None if found is None else {j: columns[i] for j, i in found.items()}


def spread_figures(values: dict[int, GridCell], shown_once: GridCell) -> dict[int, GridCell] | None:
    """A row's figures a converter put in ONE cell across all of 表三's columns, apart by spaces, tabs or
    U+3000 (“128   125   133   130   127   124   767”, as the PDF showed them): one figure a column, when there
    are as many as columns and the last, the row's 总计, is the sum of the others — else None (refused, said)."""
    first = min(values)
    if len(values) < 3 or any(v is not shown_once for c, v in values.items() if c != first):
        return None
    pieces = values[first].text.split()
    if len(pieces) != len(values) or not all(p.isascii() and p.isdigit() for p in pieces) \
            or sum(map(int, pieces[:-1])) != int(pieces[-1]):
        return None
    return {c: GridCell(p, values[first].ident, values[first].notes) for c, p in zip(sorted(values), pieces, strict=True)}
