"""Undo commands.  Each calls domain methods, then tells the EditorState what changed (a Change:
the cells, the meta fields), so that views redraw only that.

Table edits snapshot the touched tables before and after (values, raw file text, pinned
totals), so undo restores exactly what the file said, including a wrong total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from app.report import Report
from app.schema import CellRef
from app.tablestate import TableState, capture, changed_cells, restore
from app.values import Value
from ui.change import Change

if TYPE_CHECKING:  # the state pushes these commands: only the type is needed here
    from ui.state import EditorState

TYPING_LABEL = "编辑文字"  # the undo step of plain typing in a section

META_COMMAND_ID = 1002
IME_COMMAND_ID = 1003


class TableCommand(QUndoCommand):
    """One undo step over one or more tables: a paste, a fix, clearing a selection."""

    def __init__(
        self, state: EditorState, text: str, tables: Iterable[str], action: Callable[[Report], None]
    ) -> None:
        super().__init__(text)
        self.state = state
        self.tables = frozenset(tables)
        self._action = action
        self._before: tuple[TableState, ...] = ()
        self._after: tuple[TableState, ...] | None = None
        self.cells: frozenset[CellRef] = frozenset()  # what the step changes, both ways

    def redo(self) -> None:
        report = self.state.report
        if self._after is None:
            self._before = capture(report, self.tables)
            self._action(report)
            self._after = capture(report, self.tables)
            self.cells = changed_cells(self._before, self._after)
        else:
            restore(report, self._after)
        self._changed()

    def undo(self) -> None:
        restore(self.state.report, self._before)
        self._changed()

    def _changed(self) -> None:
        self.state.edited(Change(cells=self.cells))


def set_cells_command(state: EditorState, text: str, edits: Iterable[tuple[CellRef, Value]]) -> TableCommand:
    """Several cells in one step (paste, fill with 0, apply a fix)."""
    edits = tuple(edits)

    def apply(report: Report) -> None:
        for ref, value in edits:
            report.set_value(ref, value)

    return TableCommand(state, text, {ref.table for ref, _ in edits}, apply)


def accept_total_command(state: EditorState, ref: CellRef) -> TableCommand:
    """按明细重算: a pinned total follows its parts again."""
    return TableCommand(state, "按明细重算", {ref.table}, lambda report: report.accept_computed(ref))


class SetCellCommand(TableCommand):
    """One entry into one cell is one step, as in Excel/WPS: its keystrokes stay in the cell
    editor until the entry is committed, so entries are never merged (5, then 3, then 1000
    into one cell are three steps)."""

    def __init__(self, state: EditorState, ref: CellRef, value: Value) -> None:
        super().__init__(state, "输入数据", {ref.table}, lambda report: report.set_value(ref, value))
        self.ref = ref


MetaValue = str | int | dt.date | None


class SetMetaCommand(QUndoCommand):
    """机关名称, 年度 or 成文日期; the keystrokes of one entry into a field merge into one step.
    ``entry`` numbers the entries: a field's entry ends when it loses focus or Enter is
    pressed, and the next entry into the same field is a step of its own."""

    def __init__(self, state: EditorState, field: str, value: MetaValue, entry: int = 0) -> None:
        super().__init__("修改基本信息")
        self.state = state
        self.field = field
        self.entry = entry
        self.old: MetaValue = getattr(state.report, field)
        self.new = value

    def redo(self) -> None:
        setattr(self.state.report, self.field, self.new)
        self.state.edited(Change(meta=True))

    def undo(self) -> None:
        setattr(self.state.report, self.field, self.old)
        self.state.edited(Change(meta=True))

    def id(self) -> int:
        return META_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetMetaCommand) or (other.field, other.entry) != (self.field, self.entry):
            return False
        self.new = other.new
        return True


class TextEditCommand(QUndoCommand):
    """Mirrors one undo step of a section's QTextDocument (which merges typing itself), or
    two: an input method typing over a selection removes it as its preedit begins and puts in
    what it commits later, two steps of the document that are one for the user (``ime``: which
    of the two this is)."""

    def __init__(self, state: EditorState, key: str, text: str = TYPING_LABEL, ime: str | None = None) -> None:
        super().__init__(text)
        self.state = state
        self.key = key
        self.ime = ime
        self.steps = 1  # the document's undo steps this one stands for
        self._done = True  # the document already did it when the command was pushed

    def id(self) -> int:
        return IME_COMMAND_ID if self.ime is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, TextEditCommand) and self.ime == "removal" and other.ime == "commit"
                and other.key == self.key):
            return False
        self.steps += other.steps
        self.ime = "merged"  # nothing more joins it
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        doc = self.state.document(self.key)
        for _ in range(self.steps):
            doc.redo()
        self.state.check_soon()  # findings follow the text at once, not after the typing pause
        self.state.focusRequested.emit(self.key)

    def undo(self) -> None:
        doc = self.state.document(self.key)
        for _ in range(self.steps):
            doc.undo()
        self.state.check_soon()
        self.state.focusRequested.emit(self.key)

