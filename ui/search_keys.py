"""A filter box's keys lead to the list it filters, as in a file dialog's or a mail program's
search: Down (or Page Down) goes to the list at its first row, Enter opens the one row left.

批量检查: a reviewer who typed a unit's name into the filter and saw its one row had no key to
reach it — Down and Enter did nothing there, and the mouse was the only way (gui19 under Xvfb)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QToolTip, QWidget

_TO_LIST = (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
_OPEN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchKeys(QObject):
    """Watches ``search`` for the keys that lead to ``view``; ``open_row`` opens a row."""

    def __init__(self, search: QLineEdit, view: QAbstractItemView, open_row: Callable[[QModelIndex], None]) -> None:
        super().__init__(search)
        self.view = view
        self.open_row = open_row
        search.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        model = self.view.model()
        rows = model.rowCount() if model is not None else 0
        if event.key() in _TO_LIST and rows:
            # the first row, as a file dialog's search: a row chosen before another filter was
            # typed may now be anywhere in the list (rev19); its column kept
            current = self.view.currentIndex()
            self.view.setCurrentIndex(model.index(0, current.column() if current.isValid() else 0))
            self.view.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if event.key() in _OPEN and rows == 1:  # more rows: which one is for the list to say
            self.view.setCurrentIndex(model.index(0, 0))
            self.open_row(model.index(0, 0))
            return True
        if event.key() in _OPEN and rows > 1 and isinstance(watched, QWidget):
            # said beside the box, not in the status bar (its summary of the check stays): Enter
            # did nothing, and nothing told why (rev19)
            QToolTip.showText(watched.mapToGlobal(QPoint(0, watched.height())),
                              f"筛选后还有 {rows} 行：按 ↓ 到列表中选定一行，再按回车打开", watched)
            return True
        return False
