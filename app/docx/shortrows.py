"""表三's rows that are not whole.  A row left short: fewer cells than the header's columns, the
blank ones at the right not written (a web page's row closed early, a copy of one, a .docx row
without its last cells); a browser or Word shows its cells from the left, so they are read where
they stand, the cells not written blank — never the figures slid right, never the row dropped —
and said.  A part's rows without row names, named by the part before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.docx.fastgrid import GridCell
from app.findings import ROW_SHORT, ROW_UNPLACED
from app.patterns import lazy
from app.schema import REQUESTS
from app.textfold import fold

if TYPE_CHECKING:  # tables.py uses this module
    from collections.abc import Sequence

    from app.docx.tables import Placement

# A cell a short row does not write: blank (a total left out is not computed), where the note points.
LEFT_OUT = GridCell("", -1, (ROW_SHORT.kind,))
_FIGURE = lazy(r"\s*[0-9][0-9,]*\s*")  # a cell holding a figure alone, as folded
Row = tuple[dict[int, str], dict[int, GridCell]]  # labels by grid column, figures by data column


def short_row(cells: Sequence[tuple[int, GridCell]], grid_row: list[GridCell], mapping: dict[int, int] | None,
              n: int) -> Row | None:
    """A row of fewer cells than the header's columns (or, with no header read, than ``n``
    figures after its labels): its labels and its figures from the left, the rest LEFT_OUT."""
    if mapping is not None:
        if not min(mapping) < len(grid_row) <= max(mapping):
            return None
        labels = {j: c.text for j, c in cells if j < min(mapping) and c.text.strip()}
        if any(_FIGURE.fullmatch(fold(t)) for t in labels.values()):
            return None  # a figure where a label stands: a row shifted left, not one left short
        values = {mapping[j]: grid_row[j] if j < len(grid_row) else LEFT_OUT for j in mapping}
        return labels, values
    texts = [c.text for _, c in cells]
    if len(cells) > n or not (lead := _figures_from(texts)):
        return None
    values = {c: cells[lead + c][1] if lead + c < len(cells) else LEFT_OUT for c in range(n)}
    return {j: t for j, t in enumerate(texts[:lead]) if t.strip()}, values


def _figures_from(texts: list[str]) -> int:
    """Where a row's figures start: after its labels, when figures (or blanks) alone follow them,
    one figure at least; 0 when the row is no such row."""
    lead = next((k for k, t in enumerate(texts) if not t.strip() or _FIGURE.fullmatch(fold(t))), len(texts))
    figures = texts[lead:]
    if lead and any(t.strip() for t in figures) and all(not t.strip() or _FIGURE.fullmatch(fold(t)) for t in figures):
        return lead
    return 0


def note_short(out: Placement, short: list[str]) -> None:
    """Said once for a part's short rows (their own labels), pointing at the cells they leave out."""
    if short:
        named = "”“".join(label.strip() for label in short[:3])
        out.note(ROW_SHORT, REQUESTS, f"表三有{len(short)}行比表头少几格（“{named}”{'等' if len(short) > 3 else ''}），"
                                      f"数字按各格所在的列从左起导入，少的格为空白，请核对这些行",
                 tuple(dict.fromkeys(out.noted.get(ROW_SHORT.kind, ()))))


def labelled(bare: list[dict[int, GridCell]], out: Placement) -> list[Row]:
    """A part's rows without row names, named by the part with them before it, row for row — when it has as
    many rows; else said, its figures not read (by position they could land a row off)."""
    if len(bare) == len(out.t3_leaves):
        return [({0: leaf}, values) for leaf, values in zip(out.t3_leaves, bare, strict=True)]
    if any(fold(c.text) for values in bare for c in values.values()):
        out.note(ROW_UNPLACED, REQUESTS, f"表三有一部分表格没有行名，且行数（{len(bare)}行）与前一部分"
                 f"（{len(out.t3_leaves)}行）不同，无法对应各行，其中的数字未导入，请核对后手工填写")
    return []
