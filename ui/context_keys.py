"""Shift+F10 opens the context menu of what has the keyboard focus, as the Menu key does.

Windows turns Shift+F10 into a context-menu request itself; Qt's Linux platforms map only the
Menu key, which many office keyboards (and laptops) lack, so on 统信UOS/麒麟 a keyboard user could
not reach a finding's 忽略此问题… or a cell's 本表空白处填0 from its menu.  The request is made as
Qt makes the Menu key's: a keyboard context-menu event at the focus widget's cursor (an item view's
current item, a text edit's caret), else at its middle.  A window shortcut, not an event filter:
Qt matches the keys itself and calls into Python only when they are pressed.  Once one window has
it, every window the focus goes to gets it too, Qt's own among them: the file dialog's list (新建
文件夹, 显示隐藏文件…) and name box, an input dialog's box (a message box's buttons have no menu).

Enter and Return press a button that has the focus, as on Windows: Qt's buttons take only Space
outside a dialog, so Tab to 忽略此问题… and Enter did nothing (gui22 under Xvfb, shot 44)
(``enter_presses``).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget


def applies() -> bool:
    """Where the platform does not do it itself (Windows makes Shift+F10 a context-menu request)."""
    return not sys.platform.startswith(("win", "darwin"))


_NAME = "contextMenuKeys"  # the action's: a window has one (two with the same keys: neither fires)


def install(window: QWidget) -> None:
    """Shift+F10 in ``window`` and, from now on, in every window the focus goes to (nothing where
    the platform already does it)."""
    if not applies() or any(a.objectName() == _NAME for a in window.actions()):
        return
    keys = QAction(window)
    keys.setObjectName(_NAME)
    keys.setShortcut(QKeySequence("Shift+F10"))
    keys.triggered.connect(open_focus_menu)
    window.addAction(keys)
    app = QApplication.instance()
    if isinstance(app, QApplication) and not app.property(_NAME):
        app.setProperty(_NAME, True)
        app.focusWindowChanged.connect(_focus_went_to)  # Python runs only when another window gets the focus


def _focus_went_to(window: QWindow | None) -> None:
    # The QWidget of that window: QApplication.activeWindow() is set only after this signal.
    widget = next((w for w in QApplication.topLevelWidgets() if window is not None and w.windowHandle() is window), None)
    if widget is not None and widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog):
        install(widget)  # not a menu (a popup has the focus too): the action would be an item of it


def open_focus_menu() -> None:
    focus = QApplication.focusWidget()
    if focus is None:
        return
    here = at(focus)
    request = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, here, focus.mapToGlobal(here),
                                Qt.KeyboardModifier.NoModifier)
    # Posted, not sent: a menu's own loop run from inside the shortcut's handling (still in the
    # window system's key event) showed no menu under X11, though it did in tests.
    QApplication.postEvent(focus, request)


def at(widget: QWidget) -> QPoint:
    """Where a keyboard request for ``widget``'s menu is made: its cursor's middle if in sight."""
    cursor = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle)
    if isinstance(cursor, QRect) and not cursor.isEmpty() and widget.rect().contains(cursor.center()):
        return cursor.center()
    return widget.rect().center()  # no cursor, or a current item scrolled out of sight


class _EnterPresses(QObject):
    """Enter or Return (the keypad's too) on a tool button: clicked, as Space clicks it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QAbstractButton):
            return False
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched.isEnabled():
            watched.animateClick()
            return True
        return False


_presses: list[_EnterPresses] = []


def enter_presses(*buttons: QAbstractButton) -> None:
    """Enter and Return click each of ``buttons`` while it has the focus.  A push button does
    that itself as a dialog's does (auto-default: outside a dialog nothing else follows from it,
    no default button); a tool button is watched for the keys."""
    for button in buttons:
        if isinstance(button, QPushButton):
            button.setAutoDefault(True)
            continue
        if not _presses:
            _presses.append(_EnterPresses(QApplication.instance()))
        button.installEventFilter(_presses[0])
