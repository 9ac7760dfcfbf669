"""Where the keys move in a statutory grid: arrows, Enter, Tab, Home/End (ui/table_view.GridView).

Labels and merges are stepped over; Tab (a row typed figure by figure) also steps over the
totals, and at the table's first or last figure it leaves the grid as a form's Tab does, for the
text above the table or the findings after it (over the ＋ button above the table) — a keyboard
user is never shut in a grid.  Home
and End go to the row's first and last figure, Ctrl+Home and Ctrl+End to the table's: the label
column, where Home used to land, takes no figure, and what was typed there went nowhere."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ui.frozen_panes import FrozenGrid
from ui.tab_run import TabRun
from ui.table_model import StatutoryTableModel

_ARROWS = {
    QAbstractItemView.CursorAction.MoveUp: (-1, 0),
    QAbstractItemView.CursorAction.MoveDown: (1, 0),
    QAbstractItemView.CursorAction.MoveLeft: (0, -1),
    QAbstractItemView.CursorAction.MoveRight: (0, 1),
}


class GridMoves(FrozenGrid):
    tab_run: TabRun
    # Stops of the window's Tab order that Tab past the table's last figure goes over: the page's
    # ＋ 添加表格前的说明文字 sits above the table, after the grid in the order only so that Tab from
    # 目录 lands in the grid; one Tab too many then Space or Enter added a lead text (rev25c T1).
    passed_on_leaving: tuple[QWidget, ...] = ()

    def grid_model(self) -> StatutoryTableModel:
        model = self.model()
        assert isinstance(model, StatutoryTableModel)
        return model

    def step(self, index: QModelIndex, d_row: int, d_col: int, wrap: bool = False) -> QModelIndex:
        """The next selectable cell from ``index`` in a direction, skipping labels and merges;
        ``wrap`` (Tab) also skips the totals, which are never typed in: a row typed with Tab went
        on into its 总计 and the next row's first figure was refused there (GUI test s19).
        ``index`` itself when there is none."""
        model = self.grid_model()
        here = model.origin(index.row(), index.column()) or (index.row(), index.column())
        row, col = here
        rows, cols = model.rowCount(), model.columnCount()
        while True:
            row, col = row + d_row, col + d_col
            if wrap and not 0 <= col < cols:
                row, col = row + (1 if d_col > 0 else -1), (0 if d_col > 0 else cols - 1)
            if not (0 <= row < rows and 0 <= col < cols):
                return index
            origin = model.origin(row, col)
            if origin is None or origin == here:
                continue
            candidate = model.index(*origin)
            total = wrap and (ref := model.ref(candidate)) is not None and model.is_total(ref)
            if model.flags(candidate) & Qt.ItemFlag.ItemIsSelectable and not total:
                return candidate

    def figure_at_end(self, row: int | None, last: bool) -> QModelIndex:
        """The first (``last``: the last) figure cell of ``row``, or of the table (None)."""
        model = self.grid_model()
        rows = range(model.rowCount()) if row is None else (row,)
        cells = [model.index(r, c) for r in rows for c in range(model.columnCount())]
        for index in reversed(cells) if last else cells:
            origin = model.origin(index.row(), index.column())
            if origin == (index.row(), index.column()) and model.ref(index) is not None \
                    and model.flags(index) & Qt.ItemFlag.ItemIsSelectable:
                return index
        return QModelIndex()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        here = self.currentIndex()
        if action in _ARROWS and here.isValid():
            return self.step(here, *_ARROWS[action])
        ends = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)
        if action in ends and here.isValid():
            whole = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
            there = self.figure_at_end(None if whole else here.row(), action == ends[1])
            return there if there.isValid() else here
        return super().moveCursor(action, modifiers)

    def go(self, d_row: int, d_col: int, wrap: bool = False) -> None:
        here = self.currentIndex()
        start = self.tab_run.enter_from(here) if (d_row, d_col) == (1, 0) else here  # Enter: ui/tab_run.py
        there = self.step(start, d_row, d_col, wrap)
        self.setCurrentIndex(self.step(here, d_row, d_col, wrap) if there == start else there)
        if wrap:
            self.tab_run.tabbed(here, self.currentIndex())

    def tab(self, forward: bool) -> None:
        """Tab (Shift+Tab): the next (previous) figure to type; past the table's last (first),
        out of the grid to the next (previous) stop of the window's Tab order."""
        here = self.currentIndex()
        if here.isValid() and self.step(here, 0, 1 if forward else -1, wrap=True) == here:
            QWidget.focusNextPrevChild(self, forward)  # the window's order, not the view's cells
            landed = QApplication.focusWidget()
            if forward and landed is not None and landed in self.passed_on_leaving:
                QWidget.focusNextPrevChild(landed, True)
        else:
            self.go(0, 1 if forward else -1, wrap=True)

    def event(self, event: object) -> bool:
        # Tab belongs to the grid (next cell) until the table's end, not to the window's chain.
        tab = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress and event.key() in tab:
            self.tab(event.key() == Qt.Key.Key_Tab)
            return True
        return super().event(event)  # type: ignore[arg-type]
