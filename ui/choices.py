"""Inputs that change the report only when the user means it, as in Word and WPS.

A plain QComboBox applies a new item on the wheel turned over it and on the arrow keys or a
typed letter while it has focus, closed: a user scrolling the page or pressing Down after
Esc in its list changed a paragraph's style unawares.  ``ChoiceBox`` applies only an explicit
choice (a click in the list, Enter on an item); the keys that would step through it open the
list instead.  ``SpinBox`` (报告年度) takes the wheel only when it has focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

# On a closed box these step to another item (and Qt applies it at once): they open the list.
_OPEN_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down}
# These would step as well: nothing happens.
_STEP_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Home, Qt.Key.Key_End,
              Qt.Key.Key_Left, Qt.Key.Key_Right}


class ChoiceBox(QComboBox):
    """A drop-down list whose ``activated`` means a choice made in its open list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Never focused by the wheel (QComboBox's default is WheelFocus): a click or Tab only.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the page under it scrolls, as if the box were not there

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        # ↑/↓ with Shift or Meta too (QComboBox steps to the next item on those and applies it).
        if key in _OPEN_KEYS and not modifiers & Qt.KeyboardModifier.ControlModifier:
            self.showPopup()
            event.accept()
            return
        if key in _STEP_KEYS or (event.text().isprintable() and event.text().strip()
                                 and not modifiers & ~Qt.KeyboardModifier.ShiftModifier):
            event.accept()  # a typed letter would pick the item it starts, Home the first…
            return
        super().keyPressEvent(event)  # F4, Alt+Down, Space open the list; Tab, Esc as usual


class SpinBox(QSpinBox):
    """A spin box the wheel changes only once it has focus (clicked into or tabbed to)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # to the page under it
