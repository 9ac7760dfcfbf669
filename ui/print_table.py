"""A statutory table on paper: the grid of ``spec.layout`` (merged cells exactly as declared),
fitted to the text width, every cell's text wrapped inside it, all borders.

Rows are flow units; a page may break between rows (never inside one).  A merged cell cut by a
page break is drawn on both pages, with its text on each part that can hold it; a break that
would leave its text room on neither part is not allowed.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QTextLayout

from app.page import BORDER_PT, CELL_PAD_X_MM, CELL_PAD_Y_MM, MIN_FIGURE_PT, ROW_HEIGHT_EM, TABLE_ROLE, Align
from app.plan import TableBlock, rows_kept_with_next
from app.schema import LayoutCell, TableSpec
from ui.print_flow import Context, Glue, RowUnit, Unit, draw_layout, set_width, text_option, utf16_length
from ui.print_fonts import font


class _Cell:
    """A layout cell with its text laid out to the cell's width."""

    def __init__(self, lc: LayoutCell, layout: QTextLayout, text_height: float) -> None:
        self.lc = lc
        self.layout = layout
        self.text_height = text_height


def _laid_out(text: str, f: QFont, width: float, align: Align, ctx: Context) -> tuple[QTextLayout, float]:
    """``text`` wrapped to ``width`` (anywhere if need be), single-spaced; and its height."""
    layout = QTextLayout(text, f, ctx.device)
    layout.setTextOption(text_option(align))
    layout.setCacheEnabled(True)  # keeps its glyphs after endLayout: drawn, it would shape them again
    layout.beginLayout()
    y, em, length = 0.0, ctx.pt_x(f.pointSizeF()), utf16_length(text)
    while (line := layout.createLine()).isValid():
        set_width(line, width, em, length)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout, y


def _covering(spec: TableSpec) -> list[LayoutCell]:
    """spec.layout plus an empty cell for any grid position no declared cell covers."""
    covered = {(r, c) for lc in spec.layout for r in range(lc.row, lc.row + lc.rowspan)
               for c in range(lc.col, lc.col + lc.colspan)}
    gaps = [LayoutCell(r, c) for r in range(spec.grid_rows) for c in range(spec.grid_cols)
            if (r, c) not in covered]
    return [*spec.layout, *gaps]


class TableLayout:
    """One statutory table measured for a device; ``units()`` feeds the page flow."""

    def __init__(self, block: TableBlock, ctx: Context) -> None:
        spec = self.spec = block.spec
        self.ctx = ctx
        self.header_rows = spec.header_rows
        self.point_size = block.pt
        self.font = font(TABLE_ROLE, self.point_size)
        self.pad_x, self.pad_y = ctx.mm_x(CELL_PAD_X_MM), ctx.mm_y(CELL_PAD_Y_MM)
        total = sum(spec.col_widths)
        acc = [0.0]
        for w in spec.col_widths:
            acc.append(acc[-1] + w)
        self.edges = [ctx.block_width * a / total for a in acc]
        self._metrics = QFontMetricsF(self.font, ctx.device)
        # A table repeats its cells (“0”, empty ones): each distinct one is laid out once and
        # drawn wherever it stands (a laid-out QTextLayout is only read from then on).
        self._laid: dict[tuple[str, float, float, Align], tuple[QTextLayout, float]] = {}
        self.cells = [self._cell(lc, block.text(lc)) for lc in _covering(spec)]
        self.heights = self._row_heights()
        self._units = [RowUnit(self, r, h, g) for r, (h, g) in enumerate(zip(self.heights, self._glue(),
                                                                             strict=True))]

    # -- measuring ---------------------------------------------------------------------------------

    def _cell(self, lc: LayoutCell, text: str) -> _Cell:
        width = self.edges[lc.col + lc.colspan] - self.edges[lc.col] - 2 * self.pad_x
        align = Align.LEFT if self.spec.is_row_label(lc) else Align.CENTER
        f = self._figure_font(text, width) if lc.data is not None else self.font
        key = (text, f.pointSizeF(), width, align)
        if key not in self._laid:
            self._laid[key] = _laid_out(text, f, width, align, self.ctx)
        return _Cell(lc, *self._laid[key])

    def _figure_font(self, text: str, width: float) -> QFont:
        """A figure too wide for its column is set smaller rather than broken across lines
        (it still wraps, never clips, if even the smallest size is too wide)."""
        natural = self._metrics.horizontalAdvance(text)
        if natural <= width:
            return self.font
        size = max(MIN_FIGURE_PT, math.floor(2 * self.point_size * width / natural) / 2)
        return font(TABLE_ROLE, size)

    def _need(self, cell: _Cell) -> float:
        return cell.text_height + 2 * self.pad_y

    def _row_heights(self) -> list[float]:
        heights = [self.ctx.pt_y(ROW_HEIGHT_EM * self.point_size)] * self.spec.grid_rows
        for cell in sorted(self.cells, key=lambda c: c.lc.rowspan):
            rows = range(cell.lc.row, cell.lc.row + cell.lc.rowspan)
            short = self._need(cell) - sum(heights[r] for r in rows)
            if short > 0:  # a merged cell's text needs more room: every spanned row grows alike
                for r in rows:
                    heights[r] += short / len(rows)
        return heights

    def _glue(self) -> list[Glue]:
        """The rows the .docx binds by keep-with-next (app.plan.rows_kept_with_next) stay with
        the next row; the table may break between the others."""
        kept = rows_kept_with_next(self.spec)
        glue = [Glue.HARD if r in kept else Glue.FREE for r in range(self.spec.grid_rows)]
        for cell in self.cells:  # no break that leaves a merged cell's text room on neither part
            first, end = cell.lc.row, cell.lc.row + cell.lc.rowspan
            for k in range(first + 1, end):
                above, below = sum(self.heights[first:k]), sum(self.heights[k:end])
                if max(above, below) < self._need(cell):
                    glue[k - 1] = Glue.HARD
        glue[-1] = Glue.FREE
        return glue

    # -- flow --------------------------------------------------------------------------------------

    def units(self) -> list[Unit]:
        return list(self._units)

    def header_units(self) -> list[Unit]:
        """Fresh units for the header rows repeated at the top of a continued page."""
        return [RowUnit(self, r, self.heights[r], Glue.HARD) for r in range(self.header_rows)]

    # -- painting ----------------------------------------------------------------------------------

    def paint_rows(self, painter: QPainter, x: float, rows: list[tuple[int, float]]) -> None:
        """Paint the part of the table made of ``rows`` ((grid row, top y) in page order)."""
        tops = dict(rows)
        # Borders stroked with strokePath (the pen, no brush), not setPen/setBrush + drawRect:
        # PySide resolves setPen's and setBrush's overloads by trying Qt.PenStyle/Qt.BrushStyle
        # first, which builds the whole Qt namespace's enums (see print_flow.text_option).
        pen = QPen()  # solid black
        pen.setWidthF(self.ctx.pt_x(BORDER_PT))
        painter.save()
        for cell in self.cells:
            present = [r for r in range(cell.lc.row, cell.lc.row + cell.lc.rowspan) if r in tops]
            if not present:
                continue
            top = tops[present[0]]
            bottom = tops[present[-1]] + self.heights[present[-1]]
            left, right = self.edges[cell.lc.col], self.edges[cell.lc.col + cell.lc.colspan]
            rect = QRectF(x + left, top, right - left, bottom - top)
            border = QPainterPath()
            border.addRect(rect)
            painter.strokePath(border, pen)
            if rect.height() + 1 >= self._need(cell):
                offset = (rect.height() - cell.text_height) / 2
                draw_layout(painter, cell.layout, QPointF(rect.x() + self.pad_x, top + offset))
        painter.restore()
