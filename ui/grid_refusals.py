"""The mark a statutory grid puts on an entry it refused (“12a” in a number cell).

The refused cell keeps its old value and a red frame; the latest refusal says what was not
taken in a note beside the cell, until the cell gets a value or Esc lets the entry go.  The
note never hides a figure: a spreadsheet user reads the figures around the cell to correct it
and goes on typing beside it, and a message over a typed figure reads as that figure gone
(gui16: “abc” refused in 商业企业 hid the 12 typed in 自然人).  So it lies where it covers no
filled cell, not the cell being typed and not the column headers (which column a note is about
is read there; 表二's heading and column names over each group too): on the cell's row to its left (usually over the row's label), else to its right,
under or above it, else at its corners; moved again whenever a figure is typed or the
cursor moves, wrapped on two lines where one line does not fit, shortened to “未填入” where
the sentence fits nowhere even so, and left out (the red
frame, the tooltip and the status bar still say it) where even that would cover a figure.  A
long entry is shortened inside its quotes, the sentence kept whole.  The typing goes on where
the key said: an entry refused and handed back in the same cell took the next figure typed
without a look at the screen, and every figure after it landed one column off (from the GUI
test).  Clicking the note goes back to the cell with the text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from app.schema import CellRef
from ui.frozen_panes import FrozenGrid
from ui.resources import Colors
from ui.table_model import StatutoryTableModel

_GAP = 3  # between the note and its cell
_WIDEST = 420  # px of text: about the label column a note lies over


SHORT = "未填入"  # the note where the whole sentence would hide a figure


def fitted(text: str, metrics: QFontMetrics, width: int) -> str:
    """The sentence in ``width`` px, shortened inside its first quotes (the entry refused: a
    long one's start says which it was), the rest whole; the end cut only if that is not enough."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    start = text.find("“")
    end = text.find("”", start + 1)
    if 0 <= start < end:
        head, entry, tail = text[: start + 1], text[start + 1 : end], text[end:]
        room = width - metrics.horizontalAdvance(head + tail)
        if room >= metrics.horizontalAdvance("0…0"):
            return head + metrics.elidedText(entry, Qt.TextElideMode.ElideRight, room) + tail
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def _spots(cell: QRect, size: QSize, area: QRect) -> list[QPoint]:
    """Where a note of ``size`` may lie beside ``cell``, best first, each inside ``area``: on the
    row to the left (over its label), to the right, under, above; then at the corners, under
    first (the first row's cell, with figures beside it and the cursor under it, had only the
    headers above: its note now lies on the next row's label)."""
    top = cell.center().y() - size.height() // 2
    x = max(area.left(), min(cell.left(), area.right() - size.width()))
    left, right = cell.left() - _GAP - size.width(), cell.right() + 1 + _GAP
    under, above = cell.bottom() + 1 + _GAP, cell.top() - _GAP - size.height()
    spots = [QPoint(left, top), QPoint(right, top), QPoint(x, under), QPoint(x, above),
             QPoint(left, under), QPoint(right, under), QPoint(left, above), QPoint(right, above)]
    return [spot for spot in spots if area.contains(QRect(spot, size))]


class RefusalNote(QLabel):
    """The note beside the latest refused cell: a child of the grid itself, above its frozen
    label columns (the note usually lies over the row's label), never over the column headers."""

    def __init__(self, grid: FrozenGrid, go_back: Callable[[CellRef], None]) -> None:
        super().__init__(grid)
        self.grid = grid
        self.ref: CellRef | None = None
        self._headings: tuple[object, frozenset[int]] | None = None
        self._go_back = go_back
        self.setObjectName("refusalNote")
        self.setStyleSheet(
            f"QLabel#refusalNote {{ background: #fff5f5; color: {Colors.ERROR.name()};"
            f" border: 1px solid {Colors.ERROR.name()}; border-radius: 3px; padding: 2px 6px; }}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()
        grid.overlays.append(self)  # raised again over the panes each time they are placed
        for bar in (grid.horizontalScrollBar(), grid.verticalScrollBar()):
            bar.valueChanged.connect(self.place)

    def _model(self) -> StatutoryTableModel:
        model = self.grid.model()
        assert isinstance(model, StatutoryTableModel)
        return model

    def show_for(self, ref: CellRef) -> None:
        self.ref = ref
        self.place()

    def place(self) -> None:
        """Beside its cell where it hides no figure (the module's docstring), or out of sight."""
        model = self._model()
        refusal = model.refusals.get(self.ref) if self.ref is not None else None
        if self.ref is None or refusal is None:
            self.ref = None
            self.hide()
            return
        text = refusal.describe()  # whole in the tooltip and the status bar
        self.setToolTip(f"{text}\n单击改正这一格；Esc 取消标记")
        viewport = self.grid.viewport()
        cell = self.grid.visualRect(model.index_of((self.ref.row, self.ref.col)))
        if not cell.intersects(viewport.rect()):
            self.hide()
            return
        offset = viewport.mapTo(self.grid, QPoint(0, 0))
        cell = cell.translated(offset)
        headers = self._headers_height()
        area = QRect(offset.x(), offset.y() + headers, viewport.width(), viewport.height() - headers)
        for shown, wrap in self._forms(text):
            self.setWordWrap(wrap is not None)
            self.setText(shown)
            if wrap is None:
                self.adjustSize()
            else:
                self.resize(wrap, self.heightForWidth(wrap))
            at = next((spot for spot in _spots(cell, self.size(), area)
                       if not self._hides_figure(QRect(spot - offset, self.size()))), None)
            if at is not None:
                self.move(at)
                self.show()
                self.raise_()
                return
        self.hide()  # every place would hide a figure: the red frame and the status bar say it

    def _forms(self, text: str) -> list[tuple[str, int | None]]:
        """The note's forms, best first, each with its width when wrapped (None: one line): the
        sentence on one line; on two lines half as wide (beside a cell whose label column is
        narrower than the sentence — a small window, a large font — “未填入” alone left the user
        guessing why: start20a, in the editor's own font); “未填入” only where neither fits."""
        metrics = self.fontMetrics()
        line = fitted(text, metrics, _WIDEST)
        self.setWordWrap(False)
        self.setText(line)
        frame = self.sizeHint().width() - metrics.horizontalAdvance(line)  # padding and border
        half = (metrics.horizontalAdvance(line) + 1) // 2 + metrics.horizontalAdvance("“”")
        return [(line, None), (line, half + frame), (SHORT, None)]

    def _headers_height(self) -> int:
        """How far down the viewport the column headers reach: the grid's own header rows, or
        the frozen copy of them over a scrolled grid.  The note lies below: over 商业企业's
        header, the note of a cell on the first row hid which column it was about (cells16)."""
        grid = self.grid
        own = grid.rowViewportPosition(self._model().spec.header_rows)
        frozen = grid.frozen_size()[1] if grid.top_pane.isVisible() else 0
        return max(own, frozen, 0)

    def _hides_figure(self, rect: QRect) -> bool:
        """Whether ``rect`` (in the viewport) lies over a filled cell, an entry refused, or the cell
        being typed (its editor).  Only the rows and columns under it are looked at: this runs on every
        scroll step while a note shows."""
        grid, model = self.grid, self._model()
        rect = self._over_cells(rect)
        if rect.isEmpty():
            return False  # over the frozen labels and headers only: no figure there
        if rect.intersects(grid.visualRect(grid.currentIndex())):
            return True
        def under(first: int, last: int, count: int) -> range:  # -1: past the last row/column
            return range(max(first, 0), count if last < 0 else last + 1)

        rows = under(grid.rowAt(rect.top()), grid.rowAt(rect.bottom()), model.rowCount())
        if not self._heading_rows().isdisjoint(rows):
            return True  # 表二's column names head each group: a note there hid 现行有效件数 (gui23)
        cols = under(grid.columnAt(rect.left()), grid.columnAt(rect.right()), model.columnCount())
        origins = {model.origin(r, c) or (r, c) for r in rows for c in cols}  # a merged cell's own
        # An entry refused before is one too, though the cell shows nothing: the note of “-3”
        # lay over the “2.5” refused beside it, its red frame hidden (user33 under Xvfb).
        return any((ref := model.ref(index)) is not None and (model.data(index) or ref in model.refusals)
                   for index in (model.index(*pos) for pos in origins))

    def _heading_rows(self) -> frozenset[int]:
        """The grid rows with no figure cell: 表二 heads each of its groups with its own heading
        and column names (its ``header_rows`` is 0), read as the column headers are."""
        spec = self._model().spec
        if self._headings is None or self._headings[0] is not spec:
            data = {cell.row for cell in spec.layout if cell.data is not None}
            self._headings = (spec, frozenset(r for r in range(spec.grid_rows) if r not in data))
        return self._headings[1]

    def _over_cells(self, rect: QRect) -> QRect:
        """The part of ``rect`` (in the viewport) where the grid's own cells show: not the frozen
        label columns and header rows laid over a scrolled grid.  The figures scrolled under them
        are out of sight, and the note over the labels hides none (left18a: a note beside the
        first column in view, over 3.危及…'s label, was judged to hide the figures under it)."""
        width, height = self.grid.frozen_size()
        shown = QRect(rect)
        if self.grid.left_pane.isVisible():
            shown.setLeft(max(rect.left(), width))
        if self.grid.top_pane.isVisible():
            shown.setTop(max(rect.top(), height))
        return shown

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.ref is not None and event.button() == Qt.MouseButton.LeftButton:
            self._go_back(self.ref)
            event.accept()
            return
        super().mousePressEvent(event)


def paint_refusals(view: QTableView, model: StatutoryTableModel, painter_on: QWidget) -> None:
    """A red frame round each cell whose entry was refused (its old value inside)."""
    if not model.refusals:
        return
    painter = QPainter(painter_on)
    pen = QPen(Colors.ERROR, 2)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    visible = painter_on.rect()
    for ref in model.refusals:
        rect = view.visualRect(model.index_of((ref.row, ref.col)))
        if rect.intersects(visible):
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
    painter.end()
