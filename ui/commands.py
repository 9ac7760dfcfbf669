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

from app.findings import Location, Span
from app.report import Report
from app.schema import META, TABLES, CellRef, section_name
from app.tablestate import TableState, capture, changed_cells, restore
from app.values import Value, format_date, format_value
from ui.change import Change
from ui.reveal import Reveal

if TYPE_CHECKING:  # the state pushes these commands: only the type is needed here
    from ui.state import EditorState

TYPING_LABEL = "编辑文字"  # the undo step of plain typing in a section
BLANK = "空白"  # an empty cell or field, where an undo says what it was and is

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
        # The cells the user changed (an entry, a paste): what an undo chooses and names, not
        # the totals that follow them.  None: all it changes.
        self.targets: tuple[CellRef, ...] | None = None

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

    def reveal(self, undo: bool) -> Reveal:
        """The cells chosen on their table's page; one named with its figure before and after."""
        targets = self.targets if self.targets is not None else self.cells
        order = list(TABLES)
        shown = sorted(set(targets), key=lambda r: (order.index(r.table), r.row, r.col))
        if not shown:
            return Reveal(undo, self.text())
        tables = list(dict.fromkeys(ref.table for ref in shown))
        where = Location(shown[0].table, cells=tuple(r for r in shown if r.table == tables[0]))
        if len(tables) > 1:  # chosen on the first table's page; all named
            return Reveal(undo, self.text(), where, f"{'、'.join(f'表{t}' for t in tables)}共{len(shown)}格")
        if len(shown) > 1:
            return Reveal(undo, self.text(), where, where.describe())
        ref = shown[0]
        was, now = (self._after or (), self._before) if undo else (self._before, self._after or ())
        name = TABLES[ref.table].describe(ref.row, ref.col)
        return Reveal(undo, self.text(), where, f"{name} {_figure(was, ref)} → {_figure(now, ref)}")


def _figure(states: tuple[TableState, ...], ref: CellRef) -> str:
    """A cell as its grid shows it in a snapshot: its figure, else the file's text, else 空白."""
    for state in states:
        if state.table == ref.table:
            text = format_value(state.values.get((ref.row, ref.col))) or state.raw.get(ref, "")
            return text or BLANK
    return BLANK


def set_cells_command(state: EditorState, text: str, edits: Iterable[tuple[CellRef, Value]]) -> TableCommand:
    """Several cells in one step (paste, fill with 0, apply a fix)."""
    edits = tuple(edits)

    def apply(report: Report) -> None:
        for ref, value in edits:
            report.set_value(ref, value)

    command = TableCommand(state, text, {ref.table for ref, _ in edits}, apply)
    command.targets = tuple(ref for ref, _ in edits)
    return command


def accept_total_command(state: EditorState, ref: CellRef) -> TableCommand:
    """按明细重算: a pinned total follows its parts again."""
    command = TableCommand(state, "按明细重算", {ref.table}, lambda report: report.accept_computed(ref))
    command.targets = (ref,)
    return command


class SetCellCommand(TableCommand):
    """One entry into one cell is one step, as in Excel/WPS: its keystrokes stay in the cell
    editor until the entry is committed, so entries are never merged (5, then 3, then 1000
    into one cell are three steps)."""

    def __init__(self, state: EditorState, ref: CellRef, value: Value) -> None:
        super().__init__(state, "输入数据", {ref.table}, lambda report: report.set_value(ref, value))
        self.ref = ref
        self.targets = (ref,)


MetaValue = str | int | dt.date | None
META_NAMES = {"organ": "机关名称", "year": "报告年度", "date": "成文日期"}


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

    def reveal(self, undo: bool) -> Reveal:
        was, now = (self.new, self.old) if undo else (self.old, self.new)
        name = META_NAMES.get(self.field, self.field)
        return Reveal(undo, self.text(), Location(META), f"{name} {_meta(was)} → {_meta(now)}")

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetMetaCommand) or (other.field, other.entry) != (self.field, self.entry):
            return False
        self.new = other.new
        return True


def _meta(value: MetaValue) -> str:
    if isinstance(value, dt.date):
        return format_date(value)
    return f"“{value}”" if isinstance(value, str) and value else str(value) if value else BLANK


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
        self.position = -1  # where the document's last undo or redo left its cursor: the change

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
        self._step(redo=True)
        self.state.check_soon()  # findings follow the text at once, not after the typing pause

    def undo(self) -> None:
        self._step(redo=False)
        self.state.check_soon()

    def _step(self, redo: bool) -> None:
        from PySide6.QtGui import QTextCursor

        doc = self.state.document(self.key)
        cursor = QTextCursor(doc)
        for _ in range(self.steps):  # the cursor is left where the text changed
            if redo:
                doc.redo(cursor)
            else:
                doc.undo(cursor)
        self.position = cursor.position()

    def reveal(self, undo: bool) -> Reveal:
        """The caret where the text changed; the part and its paragraph named."""
        from ui import longpara

        block = self.state.document(self.key).findBlock(max(self.position, 0))
        paragraph, offset = longpara.to_paragraph(block.document(), block.blockNumber(), self.position - block.position())
        where = Location(self.key, span=Span(paragraph, offset, offset))
        return Reveal(undo, self.text(), where, f"{section_name(self.key)} 第{paragraph + 1}段")

