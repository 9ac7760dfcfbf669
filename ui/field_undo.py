"""Ctrl+Z / Ctrl+Y in a 基本信息 field act on the window's one undo stack, as the toolbar's 撤销 and
the text panes do (ui/narrative.py).  Left to Qt, a spin box's or line's own Ctrl+Z took the key
and did nothing (报告年度 after ↑, 成文日期 after its entry: rev24c U1) or kept a history of its
own beside the window's.  Text typed and not yet entered (a date still being written) is the
field's to undo: it is nowhere else yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


def is_undo_key(event: QKeyEvent) -> bool:
    """Undo or redo, as the platform spells them (Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z): the window's one stack's.
    Here, not in ui/textkeys.py: the start's 基本信息 must not import the text panes' modules."""
    return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)


class _ToWindowStack(QObject):
    def __init__(self, widget: QWidget, own: Callable[[], bool]) -> None:
        super().__init__(widget)
        self._own = own

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and is_undo_key(event) and not self._own()):
            event.ignore()  # not the field's: the window's 撤销/重做 shortcut takes the key
            return True
        return False


def to_window_stack(widget: QWidget, own: Callable[[], bool] = lambda: False) -> None:
    """The window's undo and redo keys pass through ``widget`` to the window's actions, unless
    ``own()`` says the widget holds an edit of its own (typed, not yet entered)."""
    widget.installEventFilter(_ToWindowStack(widget, own))
