"""One command of the window as a QAction: its text (with its Alt key), what it does, its
shortcut and status-bar tip.  Shared by the window's own menus and the year tools."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Shortcut = QKeySequence | QKeySequence.StandardKey | None


def action(parent: QObject, text: str, slot: Callable[..., object], shortcut: Shortcut = None,
           tip: str = "") -> QAction:
    """One command: its text (with its Alt key), what it does, its shortcut and status tip."""
    act = QAction(text, parent)
    if shortcut is not None:
        act.setShortcut(shortcut)
    act.setStatusTip(tip)
    act.triggered.connect(slot)
    return act
