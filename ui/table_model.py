"""One table model for every statutory table, driven by its TableSpec layout.

Grid positions come from ``spec.layout``: label cells show the verbatim statutory text and are
read-only; data cells hold values; totals (targets of ``spec.sum_rules``) are read-only and
follow their parts.  ``setData`` parses through ``app.values.parse``, refuses bad text by
returning False (and emitting ``refused`` with the reason for the view to show) and otherwise
pushes an undo command; the model never opens a dialog.

A refused entry is remembered by its cell (``refusals``) until that cell gets a value or the
user lets it go: the grid marks the cell and offers the text again to correct it — an entry
refused with only a passing note looked as if it had gone in, and the figures typed after it
as if they had landed one column off (from the GUI test).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from app.findings import Finding, Severity
from app.lastyear import last_figure
from app.nextyear import with_suggestion
from app.report import computed_sum
from app.schema import CellRef, LayoutCell, SumRule, TableSpec
from app.values import Value, as_number, format_value, parse
from ui.change import Change
from ui.commands import SetCellCommand, set_cells_command
from ui.resources import Colors
from ui.state import EditorState

Pos = tuple[int, int]
Index: TypeAlias = QModelIndex | QPersistentModelIndex
_LABEL_FLAGS = Qt.ItemFlag.ItemIsEnabled
_TOTAL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DATA_FLAGS = _TOTAL_FLAGS | Qt.ItemFlag.ItemIsEditable


@dataclass(frozen=True)
class Refusal:
    """What was typed into a cell and why it was not taken (the cell keeps its old value)."""

    typed: str
    reason: str

    def describe(self) -> str:
        return f"未填入：{self.reason}，原值保留"  # the reason quotes what was typed


class StatutoryTableModel(QAbstractTableModel):
    """The grid of one statutory table (二, 三 or 四) over the open report."""

    refused = Signal(QModelIndex, str)  # setData refused this text: the reason
    accepted = Signal(QModelIndex, str)  # accepted with a warning (e.g. “—” read as blank)

    def __init__(self, state: EditorState, spec: TableSpec) -> None:
        super().__init__(state)
        self.state = state
        self.spec = spec
        self._cells: dict[Pos, LayoutCell] = {(c.row, c.col): c for c in spec.layout}
        self._grid_of: dict[Pos, Pos] = {c.data: (c.row, c.col) for c in spec.layout if c.data}
        self._totals = spec.totals  # a property that builds a new set on every call
        self._origin: dict[Pos, Pos] = {
            (r, c): (cell.row, cell.col)
            for cell in spec.layout
            for r in range(cell.row, cell.row + cell.rowspan)
            for c in range(cell.col, cell.col + cell.colspan)
        }
        self._bold = QFont()
        self._bold.setBold(True)
        self.refusals: dict[CellRef, Refusal] = {}  # the entries refused here, by cell
        state.changed.connect(self._changed)

    # -- geometry -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.spec.grid_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.spec.grid_cols

    def layout_cell(self, index: Index) -> LayoutCell | None:
        return self._cells.get((index.row(), index.column())) if index.isValid() else None

    def ref(self, index: Index) -> CellRef | None:
        """The data cell at a grid index (None for labels and covered positions)."""
        cell = self.layout_cell(index)
        return CellRef(self.spec.key, *cell.data) if cell is not None and cell.data else None

    def index_of(self, data_pos: Pos) -> QModelIndex:
        row, col = self._grid_of[data_pos]
        return self.index(row, col)

    def origin(self, row: int, col: int) -> Pos | None:
        """Top-left grid position of the (possibly merged) cell covering (row, col)."""
        return self._origin.get((row, col))

    def is_total(self, ref: CellRef) -> bool:
        return (ref.row, ref.col) in self._totals

    # -- reading --------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.layout_cell(index)
        if cell is None:
            return None
        if cell.data is None:
            return self._label_data(cell, role)
        return self._value_data(CellRef(self.spec.key, *cell.data), role)

    def _label_data(self, cell: LayoutCell, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(Colors.LABEL_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(Colors.LABEL_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            # Row labels read left to right; headers and merged group labels are centred.
            left = self.spec.is_row_label(cell)
            horizontal = Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag.AlignHCenter
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def _value_data(self, ref: CellRef, role: int) -> Any:
        report = self.state.report
        value = report.value(ref)
        if role == Qt.ItemDataRole.DisplayRole:
            raw = report.raw.get(ref)
            return raw if raw is not None and value is None else format_value(value)
        if role == Qt.ItemDataRole.EditRole:  # the file's unreadable text, to correct it
            raw = report.raw.get(ref)
            return raw if raw is not None and value is None else format_value(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(ref)
        if role == Qt.ItemDataRole.ForegroundRole:
            if ref in report.pinned or self._wrong_rule(ref) is not None:  # as the legend: 红字
                return QBrush(Colors.PINNED_FG)
            return QBrush(Colors.RAW_FG) if ref in report.raw else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if self.is_total(ref) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(ref)
        return None

    def _background(self, ref: CellRef) -> QBrush | None:
        found = self.state.by_cell.get(ref)
        if found:
            worst = max(f.severity for f in found)
            if worst is Severity.ERROR:
                return QBrush(Colors.ERROR_BG)
            if worst is Severity.WARNING:
                return QBrush(Colors.WARNING_BG)
        return QBrush(Colors.TOTAL_BG) if self.is_total(ref) else None

    def _tooltip(self, ref: CellRef) -> str:
        lines = [self.spec.describe(ref.row, ref.col)]
        refusal = self.refusals.get(ref)
        if refusal is not None:
            lines.append(f"{refusal.describe()}（选中此格按 F2 改正，Esc 取消标记）")
        report = self.state.report
        wrong = self._wrong_rule(ref)
        if ref in report.pinned or wrong is not None:
            rule = wrong or next(r for r in self.spec.sum_rules if r.target == (ref.row, ref.col))
            computed = format_value(computed_sum(report.tables[ref.table], rule.parts)) or "空白"
            whose = "文件中的数值" if ref in report.pinned else "合计"
            lines.append(f"{whose}与明细不符（按明细应为{computed}），右键可“按明细重算”")
        elif self.is_total(ref):
            lines.append("合计单元格，按明细自动计算")
        if ref in report.raw:
            lines.append(f"文件中原文：“{report.raw[ref]}”")
        last = last_figure(report, ref.table, (ref.row, ref.col))
        if last is not None:
            lines.append(f"上年：{last}")
        lines += [f"{f.severity.name_zh}：{f.message}" for f in self._findings(ref)]
        return "\n".join(lines)

    def _wrong_rule(self, ref: CellRef) -> SumRule | None:
        """A rule the total disagrees with: not only a figure the file stated (pinned) — the
        corner under two rules follows one and may disagree with the other, and was drawn in
        black with an error's red corner while the legend says wrong totals are 红字."""
        if not self.is_total(ref):
            return None
        grid = self.state.report.tables[ref.table]
        stated = as_number(grid[(ref.row, ref.col)])
        return next((r for r in self.spec.rules_of((ref.row, ref.col))
                     if stated != as_number(computed_sum(grid, r.parts))), None)

    def _findings(self, ref: CellRef) -> list[Finding]:
        found = self.state.by_cell.get(ref, [])
        # A finding that names many cells (blank cells) says little about this one: show it last.
        return sorted(found, key=lambda f: (len(f.location.cells) > 8, -f.severity))

    def flags(self, index: Index) -> Qt.ItemFlag:
        ref = self.ref(index)
        if ref is None:
            return _LABEL_FLAGS if self.layout_cell(index) else Qt.ItemFlag.NoItemFlags
        return _TOTAL_FLAGS if self.is_total(ref) else _DATA_FLAGS

    # -- writing --------------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        ref = self.ref(index)
        if role != Qt.ItemDataRole.EditRole or ref is None or self.is_total(ref):
            return False
        cell = self.spec.cell(ref.row, ref.col)
        assert cell is not None
        text = str(value) if value is not None else ""
        if text == self._value_data(ref, Qt.ItemDataRole.EditRole):
            self.let_go(ref)  # the old value confirmed: the refused entry is dealt with
            return True  # the editor closed on what was there: nothing to do, nothing lost
        parsed = parse(text, cell.kind)
        if not parsed.ok:
            self.refusals[ref] = Refusal(text, parsed.problem)
            self.state.entriesChanged.emit()  # the recovery copy keeps it
            grid = self.index(index.row(), index.column())
            self.dataChanged.emit(grid, grid)  # its tooltip and mark
            self.refused.emit(grid, parsed.problem)
            return False
        self.let_go(ref)
        if parsed.warning:
            self.accepted.emit(self.index(index.row(), index.column()), parsed.problem)
        self.push_value(ref, parsed.value)
        return True

    def let_go(self, ref: CellRef) -> bool:
        """Forget the entry refused in ``ref`` (a value entered there, or Esc): whether there was one."""
        if self.refusals.pop(ref, None) is None:
            return False
        self.state.entriesChanged.emit()  # let go with Esc: it leaves the recovery copy
        pos = self._grid_of.get((ref.row, ref.col))
        if pos is not None:
            self.dataChanged.emit(self.index(*pos), self.index(*pos))
        return True

    def push_value(self, ref: CellRef, value: Value) -> None:
        report = self.state.report
        if report.value(ref) == value and ref not in report.raw:
            return  # nothing changes: no undo step
        edits = with_suggestion(report, ref, value)  # 现行有效 follows 制发/废止 after a rollover
        if len(edits) > 1:
            self.state.stack.push(set_cells_command(self.state, "输入数据", edits))
            return
        self.state.stack.push(SetCellCommand(self.state, ref, value))

    # -- refresh --------------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.report:  # another report: what was refused in the last one means nothing here
            self.refusals.clear()
        for ref in change.cells & self.refusals.keys():  # a value came (pasted, cleared, undone)
            del self.refusals[ref]
        if change.report or change.last_year:  # every cell's figures, or last year's beside them
            self.refresh_all()
            return
        # One signal per cell: a range would repaint every cell of its bounding rectangle.
        for ref in change.table_cells(self.spec.key):
            pos = self._grid_of.get((ref.row, ref.col))
            if pos is not None:
                index = self.index(*pos)
                self.dataChanged.emit(index, index)

    def refresh_all(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
