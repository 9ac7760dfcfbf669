"""Header rows and label columns that stay in view while a statutory grid scrolls.

Three copies of the grid (top rows, left columns, their corner) are laid over it: same model,
selection, spans, widths and heights, so each draws exactly what it covers.  They are shown
only once the grid scrolls under them; a frozen part that would leave too little room for the
figures is not frozen.  The editing grid (ui/table_view.py) builds on ``FrozenGrid``.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QMouseEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QTableView,
    QWidget,
)

from app.schema import TableSpec
from ui.label_delegate import LabelDelegate
from ui.table_model import StatutoryTableModel

FROZEN_SHARE = 0.6  # frozen headers or labels taking more of the view than this are not frozen


def frozen_extent(spec: TableSpec) -> tuple[int, int]:
    """(rows, columns) that stay in view while the grid scrolls: the header rows, and the
    label columns before the first figure column unless a merged cell crosses into the figures
    (table 二's headings span the whole width: freezing half of one would cut it)."""
    cols = min((c.col for c in spec.layout if c.data is not None), default=0)
    if any(c.col < cols < c.col + c.colspan for c in spec.layout):
        cols = 0
    return spec.header_rows, cols


class FrozenPane(QTableView):
    """A copy of the grid's top rows or left columns laid over it, not scrolling that way:
    same model, selection, spans, widths and heights, so it draws exactly what it covers."""

    def __init__(self, grid: FrozenGrid) -> None:
        super().__init__(grid)
        self.grid = grid
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the grid
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.setEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Its own delegate: a shared one would tell every view of an editor closing with Tab,
        # and each would move the shared current cell once more.
        self.setItemDelegate(LabelDelegate(self))  # it shows labels: their lone last characters balanced
        self.setAutoScroll(False)
        self.hide()

    def attach(self, model: StatutoryTableModel) -> None:
        self.setModel(model)
        self.setSelectionModel(self.grid.selectionModel())
        self.clearSpans()
        for cell in model.spec.layout:
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Never on its own (the shared current cell would drag it): only with the grid."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        QApplication.sendEvent(self.grid.viewport(), event)  # the grid scrolls under the pane

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()  # labels and headers: nothing to choose (and never the cell beneath)

    mouseDoubleClickEvent = mousePressEvent


class FrozenGrid(QTableView):
    """A grid whose header rows and label columns stay in view while it scrolls: three
    FrozenPanes over it (top rows, left columns, their corner), placed as it scrolls or resizes."""

    _panes_made = False  # Qt lays the view out while it is being made, before the panes exist

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frozen = (0, 0)  # header rows and label columns kept in view (set with the model)
        self.top_pane, self.left_pane, self.corner_pane = FrozenPane(self), FrozenPane(self), FrozenPane(self)
        self.overlays: list[QWidget] = []  # kept above the panes (a refused entry's note over the labels)
        self._panes_made = True
        self.horizontalScrollBar().valueChanged.connect(self.top_pane.horizontalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.left_pane.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self._follow_down)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)

    def freeze(self, model: StatutoryTableModel) -> None:
        """The panes show ``model`` (set on the grid) and freeze what its layout declares."""
        self._frozen = frozen_extent(model.spec)
        for pane in self._panes():
            pane.attach(model)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_panes()

    def _panes(self) -> tuple[FrozenPane, FrozenPane, FrozenPane]:
        return self.top_pane, self.left_pane, self.corner_pane

    def frozen_size(self) -> tuple[int, int]:
        """(width, height) the frozen label columns and header rows cover now; label columns
        that would leave too little room for the figures are not frozen (they scroll as before).
        A header too tall keeps its lower part, down to the columns' own names (its last row):
        表三 on a 1366×768 screen at 150 % froze none of it, and scrolled down the figures'
        columns had no names (gui19 under Xvfb)."""
        rows, cols = self._frozen
        width = sum(self.columnWidth(c) for c in range(cols))
        height = self._header_height()
        view = self.viewport()
        share = int(view.height() * FROZEN_SHARE)
        if height > share:
            height = share if rows and share >= self.rowHeight(rows - 1) else 0
        return (width if width <= view.width() * FROZEN_SHARE else 0, height)

    def _header_height(self) -> int:
        return sum(self.rowHeight(r) for r in range(self._frozen[0]))

    def _place_panes(self) -> None:
        width, height = self.frozen_size()
        view = self.viewport().geometry()
        # Shown only once the grid scrolls under them: unscrolled, the grid shows the same.
        scrolled_down = self.verticalScrollBar().maximum() > 0
        scrolled_right = self.horizontalScrollBar().maximum() > 0
        places = (
            (self.top_pane, QRect(view.left(), view.top(), view.width(), height), scrolled_down),
            (self.left_pane, QRect(view.left(), view.top(), width, view.height()), scrolled_right),
            (self.corner_pane, QRect(view.left(), view.top(), width, height), scrolled_down or scrolled_right),
        )
        for pane, rect, needed in places:
            pane.setVisible(needed and rect.width() > 0 and rect.height() > 0)
            if pane.isVisible():
                pane.setGeometry(rect)
                pane.raise_()
        for overlay in self.overlays:
            overlay.raise_()
        self.top_pane.horizontalScrollBar().setValue(self.horizontalScrollBar().value())
        self.left_pane.verticalScrollBar().setValue(self.verticalScrollBar().value())
        self._follow_down(self.verticalScrollBar().value())

    def _follow_down(self, value: int) -> None:
        """A header frozen in part scrolls with the grid until its top is out of sight, then
        stays: unscrolled, the pane shows just what the grid shows under it."""
        cut = max(0, self._header_height() - self.frozen_size()[1])
        for pane in (self.top_pane, self.corner_pane):
            pane.verticalScrollBar().setValue(min(cut, value))

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        for pane in self._panes():
            pane.setColumnWidth(col, new)
        self._place_panes()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        for pane in self._panes():
            pane.setRowHeight(row, new)
        self._place_panes()

    def updateGeometries(self) -> None:
        super().updateGeometries()  # scroll ranges change with the size: the panes follow
        if self._panes_made:  # also called while the view is being made
            self._place_panes()

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """A cell is in view when no frozen pane covers it."""
        super().scrollTo(index, hint)
        rows, cols = self._frozen
        width, height = self.frozen_size()
        rect = self.visualRect(index)
        if width and index.column() >= cols and rect.left() < width:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - (width - rect.left()))
        if height and index.row() >= rows and rect.top() < height:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - (height - rect.top()))
