"""A statutory table written with its rows and columns swapped (a 表三 whose first row lists
一、本年新收… 二、上年结转… and whose first column lists 自然人, 商业企业…; a 表四 set down a page
instead of across it): known by where its labels stand, and turned back before it is read.
Read as it stands, its figures landed in no cell or in the wrong ones, with a dozen findings
about edited labels that were not edited."""

from __future__ import annotations

from functools import cache

from app.docx.blocks import TableBlock
from app.docx.fastgrid import GridCell
from app.docx.t4grid import compact_figures
from app.docx.tables import Placement
from app.findings import TABLE_TRANSPOSED
from app.labels import loose
from app.schema import REVIEWS, TABLES

_LEAST_LABELS = 4  # labels found that make a layout certain
_SPREAD = 3  # how much more the labels spread one way than the other, to tell the layout


def _spread(points: list[tuple[float, float]]) -> float:
    """How much more the points spread across rows than across columns (distinct rows − columns)."""
    return len({r for r, _ in points}) - len({c for _, c in points})


def upright(block: TableBlock, kind: str, out: Placement) -> TableBlock | None:
    """The table to read: as it stands, or turned back (said); None, said, when it is written
    transposed but its rows are ragged (which figure is which cannot be known: none is guessed)."""
    back = turned(block, kind)
    if back is None or (kind == REVIEWS and compact_figures(block) is not None):  # 表四's groups × results grid
        return block
    if ragged(block):
        out.note(TABLE_TRANSPOSED, kind, f"表{kind}的行与列对调（行标签写成一行、列标签写成一列），而且各行的格数不同（合并的单元格复制为文字时没有留下位置），"
                                         "无法确定每个数字属于哪一格，未读入；请在编辑器中对照原文件填写")
        return None
    out.note(TABLE_TRANSPOSED, kind, f"表{kind}的行与列对调（行标签写成一行、列标签写成一列），已转回法定格式后读入，请核对各格数字")
    return back


@cache  # the statutory layout's: the same for every table of a kind
def _label_places(kind: str) -> dict[str, tuple[float, float]]:
    """Each statutory label of table ``kind``, as compared, and its place in the layout."""
    return {loose(c.text): (float(c.row), float(c.col)) for c in TABLES[kind].layout if c.data is None and c.text}


def turned(block: TableBlock, kind: str) -> TableBlock | None:
    """The table turned back when it is written transposed (its labels spread the other way
    from the statutory layout's); None when it stands upright or its labels do not tell."""
    layout = _label_places(kind)
    seen: set[int] = set()
    statutory: list[tuple[float, float]] = []
    found: list[tuple[float, float]] = []
    for r, row in enumerate(block.rows):
        for c, cell in enumerate(row):
            if cell.ident not in seen and (at := layout.get(loose(cell.text))) is not None:
                seen.add(cell.ident)  # (a merged label once)
                statutory.append(at)
                found.append((r, c))
    if len(found) < _LEAST_LABELS:
        return None
    want, have = _spread(statutory), _spread(found)
    if abs(want) < _SPREAD or abs(have) < _SPREAD or (want > 0) == (have > 0):
        return None
    width = max(len(row) for row in block.rows)
    ident = max((cell.ident for row in block.rows for cell in row), default=0)
    grid: list[list[GridCell]] = []
    for row in block.rows:
        pad = [GridCell("", ident + k + 1) for k in range(width - len(row))]  # (fresh cells: none merged)
        ident += len(pad)
        grid.append([*row, *pad])
    out = TableBlock.of_rows(block.index, [list(col) for col in zip(*grid, strict=True)])
    out.name = block.name
    return out


def ragged(block: TableBlock) -> bool:
    """Rows of different lengths (a browser's copy leaves out the cells a merged one covers):
    turned, its cells would not stand where they stood."""
    return len({len(row) for row in block.rows}) > 1
