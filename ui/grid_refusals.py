"""The mark a statutory grid puts on an entry it refused (“12a” in a number cell).

The refused cell keeps its old value and a red frame; the latest refusal says what was not
taken in a note beside the cell, to its left over what was already typed (Enter moves down and
Tab right: the next cells stay free to type into), until the cell gets a value or Esc lets the
entry go.  The typing goes on where the key said: an entry refused and handed back in the same
cell took the next figure typed without a look at the screen, and every figure after it landed
one column off (from the GUI test).  Clicking the note goes back to the cell with the text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QLabel, QTableView, QWidget

from app.schema import CellRef
from ui.resources import Colors
from ui.table_model import StatutoryTableModel

_GAP = 3  # between the note and its cell
_WIDEST = 420  # px of text: about the label column a note lies over


class RefusalNote(QLabel):
    """The note beside the latest refused cell: a child of the grid itself, above its frozen
    label columns (the note usually lies over the row's label)."""

    def __init__(self, grid: QTableView, go_back: Callable[[CellRef], None]) -> None:
        super().__init__(grid)
        self.grid = grid
        self.ref: CellRef | None = None
        self._go_back = go_back
        self.setObjectName("refusalNote")
        self.setStyleSheet(
            f"QLabel#refusalNote {{ background: #fff5f5; color: {Colors.ERROR.name()};"
            f" border: 1px solid {Colors.ERROR.name()}; border-radius: 3px; padding: 2px 6px; }}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()
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
        """Beside its cell (to its left, else under it), or out of sight with the cell."""
        model = self._model()
        refusal = model.refusals.get(self.ref) if self.ref is not None else None
        if self.ref is None or refusal is None:
            self.ref = None
            self.hide()
            return
        text = refusal.describe()  # a long entry's reason quotes it all: one line of a note, whole in the tooltip
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, _WIDEST))
        self.setToolTip(f"{text}\n单击改正这一格；Esc 取消标记")
        self.adjustSize()
        viewport = self.grid.viewport()
        cell = self.grid.visualRect(model.index_of((self.ref.row, self.ref.col)))
        if not cell.intersects(viewport.rect()):
            self.hide()
            return
        cell = QRect(viewport.mapTo(self.grid, cell.topLeft()), cell.size())
        area = QRect(viewport.mapTo(self.grid, QPoint(0, 0)), viewport.size())
        top = cell.center().y() - self.height() // 2
        if cell.left() - _GAP - self.width() >= area.left():
            at = QPoint(cell.left() - _GAP - self.width(), top)
        else:  # no room on the left (a narrow window): under the cell, inside the view
            x = max(area.left(), min(cell.left(), area.right() - self.width()))
            at = QPoint(x, cell.bottom() + _GAP)
        self.move(at)
        self.show()
        self.raise_()

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
