"""Dialogs that grow while they show, kept wholly on their screen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QChildEvent, QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialog, QWidget

from ui.window_layout import fit_new_window


class KeptOnScreen(QObject):
    """A dialog that grows while it shows put back wholly on its screen: Qt's print dialog grows
    downward from where it was placed when 选项 >> is pressed, and at 1366×768 and 150 % its
    打印 and 取消 went off the bottom of the screen (gui23 shot 73).  The dialogs it opens are
    kept so too: the print preview's own 打印 opens a print dialog Qt makes, its child."""

    def __init__(self, window: QWidget) -> None:
        # The dialog is this filter's parent and is asked for as such, never kept in a Python
        # attribute: a dialog ending as its function returns sends its last events while
        # Python is already tearing this object's attributes down.
        super().__init__(window)
        window.setProperty("keptOnScreen", True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.parent()
        if watched is not window or not isinstance(window, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.Resize and window.isVisible():
            QTimer.singleShot(0, self._fit)  # once the resize is done: not moved inside it
        elif kind == QEvent.Type.ChildPolished:
            child = event.child() if isinstance(event, QChildEvent) else None
            if isinstance(child, QDialog) and not child.property("keptOnScreen"):
                KeptOnScreen(child)
        return False

    def _fit(self) -> None:
        window = self.parent() if shiboken6.isValid(self) else None
        if isinstance(window, QWidget) and shiboken6.isValid(window) and window.isVisible():
            fit_new_window(window)
