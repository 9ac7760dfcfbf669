"""批量检查's list: one row per file checked (BatchModel) and the filters over it (ErrorsOnly:
errors only, files passed over shown or not, a text filter) — ui/batch_window.py's table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app import batch
from app.findings import Severity
from ui.findings_model import DISMISSED_COLOR

if TYPE_CHECKING:
    from pathlib import Path

# 已忽略: findings dismissed in the file (忽略此问题), out of 错误 and 警告 — counted apart, as the
# summary workbook counts them, so that a report with all its findings dismissed does not read as
# one never checked, nor one with dismissed errors as one with open errors.
COLUMNS = ("机关名称", "年度", "错误", "警告", "已忽略", "第一个问题", "备注", "文件")
_ORGAN, _YEAR, _ERRORS, _WARNINGS, _DISMISSED, _FIRST, _NOTE, _FILE = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_UNREADABLE = QColor("#b3261e")
_PASSED_OVER = QColor("#7a7f87")
# The count columns: the first click on one puts the most first (what a reviewer looks for);
# a second click reverses it, as on any column.
_COUNTS = (_ERRORS, _WARNINGS, _DISMISSED)


class BatchModel(QAbstractTableModel):
    """One row per file, in the order the results come in; a file checked again (paired with
    last year's report) keeps its row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results: list[batch.FileResult] = []
        self._row: dict[str, int] = {}
        self.base: Path | None = None  # files are shown by their path within it (batch.base_folder)
        # Rows being checked again (against last year's report, or their file changed): their
        # counts are not their last word; 备注 says so (path → the note) until the new result.
        self.pending: dict[str, str] = {}

    def clear(self) -> None:
        self.beginResetModel()
        self.results, self._row, self.pending = [], {}, {}
        self.endResetModel()

    def await_again(self, notes: dict[str, str]) -> None:
        """Rows about to be checked again: their counts stay, greyed, ``notes[path]`` in 备注."""
        self.pending.update(notes)
        for path in notes:
            self._changed(path)

    def stop_waiting(self, note: str, paths: Iterable[str] | None = None) -> None:
        """The check under way stopped before these rows' new results (``paths`` of them; all
        when None): 备注 says ``note``, their counts stay greyed."""
        for path in list(self.pending) if paths is None else [p for p in paths if p in self.pending]:
            self.pending[path] = note
            self._changed(path)

    def _changed(self, path: str) -> None:
        row = self._row.get(path)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def put(self, result: batch.FileResult) -> None:
        self.pending.pop(result.path, None)
        row = self._row.get(result.path)
        if row is None:
            row = len(self.results)
            self.beginInsertRows(QModelIndex(), row, row)
            self.results.append(result)
            self._row[result.path] = row
            self.endInsertRows()
        else:
            self.results[row] = result
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.InitialSortOrderRole and section in _COUNTS:
            return Qt.SortOrder.DescendingOrder  # QHeaderView asks it on a first click
        return None

    def shown(self, r: batch.FileResult) -> str:
        return batch.shown_path(r.path, self.base)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.results[index.row()]
        col = index.column()
        if role == SORT_ROLE and col == _FILE:
            return r.path  # by folder, then name: the order the command line prints
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            value = self._value(r, col)
            if role == SORT_ROLE:
                return value if value is not None else (-1 if col in (_YEAR, *_COUNTS) else "")
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.error is not None or r.not_report is not None:
                return f"{r.reason}\n{r.path}"
            if col == _ORGAN and r.organ:  # elided in a narrow column: whole here
                return f"{r.organ}\n{r.path}"
            if col == _DISMISSED and r.dismissed:
                return batch.dismissed_findings(r)
            if col in _COUNTS and r.path in self.pending:
                return f"{self.pending[r.path]}\n这一行的数字还不是最后结果"
            return {_FIRST: batch.first_findings(r, 10), _NOTE: self._value(r, _NOTE)}.get(col) or r.path
        if role == Qt.ItemDataRole.ForegroundRole and (r.not_report is not None or (col in _COUNTS and r.path in self.pending)):
            return QBrush(_PASSED_OVER)
        if role == Qt.ItemDataRole.ForegroundRole and (r.error is not None or (col == _ERRORS and r.count(Severity.ERROR))):
            return QBrush(_UNREADABLE)
        if role == Qt.ItemDataRole.ForegroundRole and col == _DISMISSED and r.dismissed:
            return QBrush(QColor(DISMISSED_COLOR))  # as the editor lists them: set aside, not open
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (_YEAR, *_COUNTS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _value(self, r: batch.FileResult, col: int) -> Any:
        if col == _FILE:
            return self.shown(r)
        if r.error is not None:  # the reason alone: the 文件 column names the file
            return {_ORGAN: "（无法读取）", _FIRST: r.reason}.get(col)
        if r.not_report is not None:
            what = "（未检查：本程序的备份）" if batch.is_own_backup(r) else "（未检查：不是年报）"
            return {_ORGAN: what, _FIRST: r.reason}.get(col)
        if col == _ORGAN:
            return r.organ or "（未写机关名称）"
        if col == _YEAR:
            return r.year
        if col == _ERRORS:
            return r.count(Severity.ERROR)
        if col == _WARNINGS:
            return r.count(Severity.WARNING)
        if col == _DISMISSED:
            return len(r.dismissed)
        if col == _FIRST:
            return batch.first_findings(r, 1).split("\n")[0] or batch.none_open(r)
        if col == _NOTE:
            # the duplicate first: it is what a reviewer must act on, and a narrow column shows
            # only the start (it was hidden behind the pairing, GUI tester session 12)
            notes = [batch.note(r, self.base)] if r.duplicates else []
            if r.path in self.pending:  # being compared or read again: not compared yet
                pairing = [self.pending[r.path]]
            else:
                pairing = [f"已对照上年：{batch.shown_path(r.paired_with, self.base)}"] if r.paired_with else []
            return "；".join([*notes, *pairing])
        return None


class ErrorsOnly(QSortFilterProxyModel):
    """只看有错误的 (unreadable files count as errors) and a text filter on organ or file name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.errors_only = False
        self.passed_over = False  # the files that are no report: listed only when asked for
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_passed_over(self, on: bool) -> None:
        self.passed_over = on
        self.invalidateFilter()

    def set_errors_only(self, on: bool) -> None:
        self.errors_only = on
        self.invalidateFilter()

    def set_text(self, text: str) -> None:
        self.text = text.strip()
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, BatchModel)
        r = model.results[row]
        if r.not_report is not None and not self.passed_over:
            return False
        if self.errors_only and r.error is None and not r.count(Severity.ERROR):
            return False
        return not self.text or self.text in r.organ or self.text in model.shown(r)
