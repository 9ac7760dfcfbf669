"""One command of the window as a QAction: its text (with its Alt key), what it does, its
shortcut and status-bar tip.  Shared by the window's own menus and the year tools; and 退出,
its key and what it does, the same from every window of the program."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from app.names import WINDOWS

Shortcut = QKeySequence | QKeySequence.StandardKey | None


def quit_keys(windows: bool = WINDOWS) -> list[QKeySequence]:
    """退出's key, the same in every window of the program: Ctrl+Q on Linux, as GNOME's, KDE's and
    统信UOS's programs quit (⌘Q on a Mac); none on Windows, where programs leave 退出 without a
    key (Alt+F4 closes a window) and Ctrl+Q in Word clears a paragraph's formatting.  Decided
    here, not by QKeySequence.Quit, which is the platform plugin's: Ctrl+Q under X11, nothing on
    Windows nor under the offscreen plugin — and 批量检查 named Ctrl+Q itself, so Windows had the
    key in one window and not in the other."""
    return [] if windows else [QKeySequence("Ctrl+Q")]


def action(parent: QObject, text: str, slot: Callable[..., object], shortcut: Shortcut = None,
           tip: str = "") -> QAction:
    """One command: its text (with its Alt key), what it does, its shortcut and status tip."""
    act = QAction(text, parent)
    if shortcut is not None:
        act.setShortcut(shortcut)
    act.setStatusTip(tip)
    act.triggered.connect(slot)
    return act


def quit_program(first: QWidget) -> bool:
    """退出 (the editor's 文件 → 退出, Ctrl+Q in any window, 批量检查's too): every window of the
    program closes, as Word/WPS's 退出 closes every document.  Every editor with unsaved changes
    asks 保存/不保存/取消 first — ``first``, the window it was chosen in, then the others in the order opened — and
    取消 in any (or a save that fails) cancels the whole quit, every window still there; only
    once all have answered do the windows close, none asking again.  It closed each window as it
    went: Ctrl+Q in 批量检查 closed the list before the editors asked, and 取消 in the second
    editor kept it open but not the first one, already closed.  True: the windows closed."""
    # The editor windows (ui/main_window.MainWindow, which imports this module), made and shown
    editors: list[Any] = sorted((w for w in QApplication.topLevelWidgets() if hasattr(w, "quit_answered")
                                 and getattr(w, "completed", False) and w.isVisible()),
                                key=lambda w: (w is not first, w.opened))  # then in the order opened: Qt lists them in any
    for window in editors:
        window.docs.state.flush(findings=False)  # a cell being typed in, text typed a moment ago
        state = window.docs.state
        if state.is_modified() or state.open_entries() or state.field_entries():
            if window.isMinimized():  # the question shows over its own window
                window.showNormal()
            window.raise_()
            window.activateWindow()
            if not window.docs.maybe_save():
                return False
    for window in editors:
        window.quit_answered = True
    closed = QApplication.closeAllWindows() or True
    for window in editors:  # one that would not close (still being built) asks next time
        if window.isVisible():
            window.quit_answered = False
            closed = False
    return closed
