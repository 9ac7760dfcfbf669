"""One command of the window as a QAction: its text (with its Alt key), what it does, its
shortcut and status-bar tip.  Shared by the window's own menus and the year tools."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

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
