"""Every undo and redo shows what it changed, wherever it is: the window turns to the page the
step touched, chooses its cells or puts the caret where its text changed, and says in the status
bar what went (已撤销输入数据：表三“…”行“其他”列 7 → 空白), as Excel turns to the sheet an
undo touches and Word scrolls to the text.

The report has one undo stack, text and tables together, in the order the user made the
changes (a text pane's own undo could not skip the table entries made after its typing).  Ctrl+Z
in a text pane may therefore undo a figure in 表三: never unseen, since the step is shown.

The stack tells which of its steps moved (``UndoStack.revealed``); each command describes itself
(its ``reveal(undo)``), a macro (全部替换) by its first step.  Pushing a new step reveals nothing:
the user is looking at it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from app.findings import Location

if TYPE_CHECKING:  # the window that shows a step: only its type here
    from ui.main_window import MainWindow


@dataclass(frozen=True)
class Reveal:
    """What one undo or redo changed: where it is and what it was."""

    undo: bool  # undone (else redone)
    label: str  # the step's name: 输入数据, 编辑文字, 全部替换“…”
    location: Location | None = None  # where to look: cells, or a caret in a section's text
    detail: str = ""  # what changed there: 表三“…”行“其他”列 7 → 空白

    def message(self) -> str:
        said = f"{'已撤销' if self.undo else '已重做'}{self.label}"
        return f"{said}：{self.detail}" if self.detail else said


class Revealing(Protocol):
    def reveal(self, undo: bool) -> Reveal | None: ...


class UndoStack(QUndoStack):
    """The report's stack; ``revealed`` after each undo or redo (menu, toolbar, keys, code)."""

    revealed = Signal(object)  # a Reveal
    pushed = Signal()  # a new step (or none left): what an undo said no longer describes the report

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._at = 0  # the index last seen: a move from it is an undo (down) or a redo (up)
        self._quiet = 0  # pushing, a macro, clearing: moves that are not undo or redo
        self.indexChanged.connect(self._moved)

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """A push, a macro's edges or a clear: the index it moves to is no undo or redo, and the
        next move is measured from it."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1
            self._at = self.index()

    def push(self, cmd: QUndoCommand) -> None:
        with self._quietly():
            super().push(cmd)
        self.pushed.emit()

    def beginMacro(self, text: str) -> None:
        with self._quietly():
            super().beginMacro(text)

    def endMacro(self) -> None:
        with self._quietly():
            super().endMacro()
        self.pushed.emit()

    def clear(self) -> None:
        with self._quietly():
            super().clear()
        self.pushed.emit()

    def _moved(self, index: int) -> None:
        at, self._at = self._at, index
        if self._quiet or index == at or self.count() == 0:
            return
        undo = index < at
        # Undone: the step at the new index is the last one undone; redone: the one below it.
        reveal = describe(self.command(index if undo else index - 1), undo)
        if reveal is not None:
            self.revealed.emit(reveal)


def describe(command: QUndoCommand, undo: bool) -> Reveal | None:
    """The command's own account, or a macro's: its name, its first step's place, and the
    parts of the report its steps changed."""
    own = getattr(command, "reveal", None)
    if own is not None:
        return own(undo)  # type: ignore[no-any-return]
    steps = [r for i in range(command.childCount()) if (r := describe(command.child(i), undo)) is not None]
    where = [s.location for s in steps if s.location is not None]
    from app.schema import section_short

    # The navigation's names, apart by “，” (they hold “、” themselves: 一、总体情况).
    parts = list(dict.fromkeys(section_short(w.section) for w in where))
    detail = "，".join(parts[:3]) + (f"等{len(parts)}个部分" if len(parts) > 3 else "")
    return Reveal(undo, command.text(), where[0] if where else None, detail)


class Revealer(QObject):
    """Shows each undo and redo of a window's stack; its message goes at the next new step."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.said = ""  # the message of the last step shown, while it may still be on the bar
        window.state.stack.revealed.connect(self.show)
        window.state.stack.pushed.connect(self._outdated)

    def show(self, reveal: Reveal) -> None:
        """Turn to the step's page and choose what it changed; say what it was.  The keyboard
        follows only from a page (typing, then Ctrl+Z): the findings list or the navigation keeps it."""
        from PySide6.QtWidgets import QApplication

        window = self.window
        if reveal.location is not None:
            focused = QApplication.focusWidget()
            window.go_to_location(reveal.location, focus=focused is None or window.stack.isAncestorOf(focused))
        self.said = reveal.message()
        window.show_message(self.said)

    def _outdated(self) -> None:
        bar = self.window.statusBar()
        if self.said and bar.currentMessage() == self.said:
            bar.clearMessage()
        self.said = ""
