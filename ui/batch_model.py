"""批量检查's list: one row per file checked (BatchModel) and the filters over it (ErrorsOnly:
errors only, files passed over shown or not, a text filter) — ui/batch_window.py's table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from app import batch, hanzi_order, review_marks
from app.batch_collect import LINK_BEYOND_REASON
from app.findings import Severity
from app.names import readable, readable_path
from app.ownfiles import EXPORT_REASON, PUBLISHED_REASON
from app.review_marks import Mark, Status
from ui.findings_model import DISMISSED_COLOR

if TYPE_CHECKING:
    from pathlib import Path

# 已忽略: findings dismissed in the file (忽略此问题), out of 错误 and 警告 — counted apart, as the
# summary workbook counts them, so that a report with all its findings dismissed does not read as
# one never checked, nor one with dismissed errors as one with open errors.
# 状态: the reviewer's 已审核 / 已发布 mark with its day (app/review_marks.py, ui/batch_marks.py).
COLUMNS = ("机关名称", "年度", "状态", "错误", "警告", "已忽略", "第一个问题", "备注", "文件")
_ORGAN, _YEAR, _STATUS, _ERRORS, _WARNINGS, _DISMISSED, _FIRST, _NOTE, _FILE = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's own value, as sorted
# What the list sorts by, up (A→Z, 1→9) and down: the value, then the file as the 文件 column
# orders it (A→Z both ways), so that rows with equal values come in the same order whichever
# order the workers finished in; Chinese in pinyin order, as Explorer lists names (order_keys).
# Strings compared in Qt: a Python lessThan would be called thousands of times per sort, each
# waiting for the GIL (see BatchModel).
ORDER_UP = Qt.ItemDataRole.UserRole + 2
ORDER_DOWN = Qt.ItemDataRole.UserRole + 3
_UNREADABLE = QBrush(QColor("#b3261e"))
_PASSED_OVER = QBrush(QColor("#7a7f87"))
_SET_ASIDE = QBrush(QColor(DISMISSED_COLOR))
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
# The count columns: the first click on one puts the most first (what a reviewer looks for);
# a second click reverses it, as on any column.
_COUNTS = (_ERRORS, _WARNINGS, _DISMISSED)


def passed_over_label(r: batch.FileResult) -> str:
    """What the 机关名称 column says of a file passed over: why, in a word (the 第一个问题 column
    says it whole).  A link not entered is no “not a report”: the reports may be where it leads."""
    if batch.is_own_file(r):
        return {PUBLISHED_REASON: "（未检查：本程序的发布稿）", EXPORT_REASON: "（未检查：本程序导出的PDF）"}.get(
            r.not_report or "", "（未检查：本程序的备份）")
    if r.not_report == LINK_BEYOND_REASON:
        return "（未检查：链接未进入）"
    return "（未检查：不是年报）"


class BatchModel(QStandardItemModel):
    """One row per file, in the order the results come in; a file checked again (paired with
    last year's report) keeps its row.

    Each row's cells (text, sort key, tooltip, colour, alignment) are worked out once, when its
    result comes or its note changes, and held by Qt: a repaint of the list, a sort or a column
    fitted to its content asks the model thousands of times (4,256 data() calls for 40 rows),
    and each such call into Python waits for the GIL while the window's other threads run
    Python — 重新检查's results arriving, a summary being prepared.  Held in C++, none is a
    Python call.  So every change goes through ``put``, ``await_again``, ``stop_waiting`` or
    ``base``, which work the row out again."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        for col, name in enumerate(COLUMNS):
            header = QStandardItem(name)
            if col in _COUNTS:  # QHeaderView asks it on a first click
                header.setData(Qt.SortOrder.DescendingOrder, Qt.ItemDataRole.InitialSortOrderRole)
            self.setHorizontalHeaderItem(col, header)
        self.results: list[batch.FileResult] = []
        self.errors: list[int] = []  # each row's open errors (ErrorsOnly asks on every filter)
        self._row: dict[str, int] = {}
        self._base: Path | None = None
        # Rows being checked again (against last year's report, or their file changed): their
        # counts are not their last word; 备注 says so (path → the note) until the new result.
        self.pending: dict[str, str] = {}
        self.marks: Mapping[Any, Mark] = {}  # the reviewer's marks (ui/batch_marks.py)
        self.marks_unknown = False  # they could not be read (``set_marks``)
        self.statuses: dict[str, Status] = {}  # path → its 审核状态 by them (worked out at ``put``)
        from ui.batch_lookups import DiskLookups

        self._disk = DiskLookups(self)  # other paths looked at off this thread (rev22 M9)
        self._disk.answered.connect(self._judge_all)
        self._index = self._new_index({}, {})  # the marks looked up, the rows' contents known

    @property
    def base(self) -> Path | None:
        """Files are shown by their path within it (batch.base_folder)."""
        return self._base

    @base.setter
    def base(self, folder: Path | None) -> None:
        self._base = folder
        self._changed(self._row)  # the 文件 and 备注 columns name files by it

    def clear(self) -> None:  # type: ignore[override]  # rows only: the columns and their headers stay
        self.beginResetModel()
        with QSignalBlocker(self):  # one reset said, not a removal of rows inside it
            self.setRowCount(0)
        self.results, self.errors, self._row, self.pending, self.statuses = [], [], {}, {}, {}
        self._index = self._new_index(self.marks, {})
        self.endResetModel()

    def set_marks(self, marks: Mapping[Any, Mark] | None) -> None:
        """The marks as stored now: the rows whose 审核状态 they change worked out again.  None:
        they could not be read, and none were before — 状态 says 未知, never 未审核 (rev23b L6)."""
        self.marks_unknown = marks is None
        marks = {} if marks is None else marks
        self.marks = marks
        self._disk.renew()
        self._index = self._new_index(marks, {r.path: r.digest for r in self.results})
        self._judge_all()

    def _new_index(self, marks: Mapping[Any, Mark], known: dict[str, str | None]) -> review_marks.Index:
        return review_marks.Index(marks, known, exists=self._disk.exists, same=self._disk.same)

    def _judge_all(self) -> None:
        old, self.statuses = self.statuses, {}
        for r in self.results:
            self._judge(r)
        self._changed([p for p in self._row if self.statuses.get(p) != old.get(p)])

    def _judge(self, r: batch.FileResult) -> None:
        self.statuses[r.path] = review_marks.status(self.marks, r.path, r.digest, self._index)

    def summary_on_disk(self) -> Callable[[], dict[str, tuple[str, str]]]:
        """导出汇总表's 状态 columns, to work out off the window's thread with the disk itself
        looked at: the list's own answers may be still unasked (a mark whose file was moved shows
        副本已审核 until the look comes back, rev22b M5).  The marks and rows as they are now."""
        marks, results, unknown = dict(self.marks), list(self.results), self.marks_unknown
        listed = [r for r in results if r.not_report is None and not (r.error is not None and r.digest is None)]

        def work() -> dict[str, tuple[str, str]]:
            if unknown:
                return {r.path: Status(None, unknown=True).columns for r in listed}
            index = review_marks.Index(marks, {r.path: r.digest for r in results})  # the disk's answers
            return {r.path: review_marks.status(marks, r.path, r.digest, index).columns for r in listed}
        return work

    def status(self, r: batch.FileResult) -> Status | None:
        """None for a file that is no report (nothing to review), or not read at all (a run that
        failed, a file gone: nothing there to mark)."""
        if r.not_report is not None or (r.error is not None and r.digest is None):
            return None
        if self.marks_unknown:
            return Status(None, unknown=True)
        return self.statuses.get(r.path, Status(None))

    def _stale(self, r: batch.FileResult) -> bool:
        """Marked, and changed since: a review to do again, in red as an open error is."""
        status = self.status(r)
        return status is not None and status.changed

    def await_again(self, notes: dict[str, str]) -> None:
        """Rows about to be checked again: their counts stay, greyed, ``notes[path]`` in 备注."""
        self.pending.update(notes)
        self._changed(notes)

    def stop_waiting(self, note: str, paths: Iterable[str] | None = None) -> None:
        """The check under way stopped before these rows' new results (``paths`` of them; all
        when None): 备注 says ``note``, their counts stay greyed."""
        stopped = list(self.pending) if paths is None else [p for p in paths if p in self.pending]
        for path in stopped:
            self.pending[path] = note
        self._changed(stopped)

    def _changed(self, paths: Iterable[str]) -> None:
        """The rows of ``paths`` worked out again: one dataChanged over them all, not one a row
        (each made the sorting proxy look at its order again: 40 rows waiting at once were 40)."""
        rows = [row for path in paths if (row := self._row.get(path)) is not None]
        if not rows:
            return
        with QSignalBlocker(self):  # said once, below
            for row in rows:
                for col, roles in enumerate(self._cells(self.results[row])):
                    self.setItemData(self.index(row, col), roles)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def put(self, result: batch.FileResult) -> None:
        self.pending.pop(result.path, None)
        # Its content may be new: marked, or changed since — and a marked file's copy elsewhere
        # in the list is known to be there (or to have changed) by it.
        content = self._index.known.get(review_marks.file_key(result.path), "")
        self._index.known[review_marks.file_key(result.path)] = result.digest
        if content != result.digest and content != "" and any(
                m.digest in (content, result.digest) for m in self.marks.values()):
            self._judge_all()
        self._judge(result)
        row = self._row.get(result.path)
        errors = result.count(Severity.ERROR) if result.error is None else 0
        if row is None:
            items = []
            for roles in self._cells(result):
                item = QStandardItem()
                item.setFlags(_FLAGS)  # as a read-only table's: no editing, no dragging
                for role, value in roles.items():
                    if value is not None:
                        item.setData(value, role)
                items.append(item)
            self.results.append(result)
            self.errors.append(errors)
            self._row[result.path] = len(self.results) - 1
            self.appendRow(items)
        else:
            self.results[row] = result
            self.errors[row] = errors
            self._changed([result.path])

    def shown(self, r: batch.FileResult) -> str:
        return batch.shown_path(r.path, self.base)

    def _cells(self, r: batch.FileResult) -> list[dict[int, Any]]:
        """Each column's roles for the row of ``r`` (None: the role unset)."""
        values = [self._value(r, col) for col in range(len(COLUMNS))]
        pending = self.pending.get(r.path)
        passed_over = r.not_report is not None
        unreadable = r.error is not None
        why = f"{r.reason}\n{r.path}" if unreadable or passed_over else ""
        path = batch.file_order(r.path)  # once a row, not a column
        down_path = turned(path)
        cells = []
        for col, value in enumerate(values):
            if col == _FILE:
                key: Any = r.path  # by folder, then name: the order the command line prints
            else:
                key = value if value is not None else (-1 if col in (_YEAR, *_COUNTS) else "")
            if why:
                tip = why
            elif col == _ORGAN and r.organ:  # elided in a narrow column: whole here
                tip = f"{r.organ}\n{r.path}"
            elif col == _DISMISSED and r.dismissed:
                tip = batch.dismissed_findings(r)
            elif col in _COUNTS and pending is not None:
                tip = f"{pending}\n这一行的数字还不是最后结果"
            elif col == _STATUS and (status := self.status(r)) is not None:
                tip = status.tip
            elif col == _FIRST:
                tip = batch.first_findings(r, 10) or r.path
            elif col == _NOTE:
                tip = value or r.path
            else:
                tip = r.path
            colour: QBrush | None = None
            if passed_over or (col in _COUNTS and pending is not None):
                colour = _PASSED_OVER
            elif unreadable or (col == _ERRORS and values[_ERRORS]) or (col == _STATUS and self._stale(r)):
                colour = _UNREADABLE
            elif col == _DISMISSED and r.dismissed:
                colour = _SET_ASIDE  # as the editor lists them: set aside, not open
            # the 文件 column sorts by the file order itself (``path``), as the command line lists
            up, down = (f"{path}\x00{path}", f"{path}\x00{down_path}") if col == _FILE else order_keys(key, path, down_path)
            cells.append({
                Qt.ItemDataRole.DisplayRole: "" if value is None else (readable_path if col == _FILE else readable)(str(value)),
                SORT_ROLE: key,
                ORDER_UP: up,
                ORDER_DOWN: down,
                Qt.ItemDataRole.ToolTipRole: (readable_path if tip == r.path else readable)(tip) if tip else tip,
                Qt.ItemDataRole.ForegroundRole: colour,
                Qt.ItemDataRole.TextAlignmentRole: _CENTRED if col in (_YEAR, *_COUNTS) else None,
            })
        return cells

    def _value(self, r: batch.FileResult, col: int) -> Any:
        if col == _FILE:
            return self.shown(r)
        if col == _STATUS:
            status = self.status(r)
            return None if status is None else status.label
        if r.error is not None:  # the reason alone: the 文件 column names the file
            return "（无法读取）" if col == _ORGAN else r.reason if col == _FIRST else None
        if r.not_report is not None:
            if col == _FIRST:
                return r.reason
            if col == _STATUS:
                return None
            return passed_over_label(r) if col == _ORGAN else None
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


def file_order(r: batch.FileResult) -> str:
    """The 文件 column's order A→Z, for the summary workbook's rows to come as the list's: the
    batch's file order (app.batch_collect.file_order), as the command line lists them."""
    return batch.file_order(r.path)


_TURN = bytes(range(255, -1, -1))  # byte b → 255 - b


def turned(path: str) -> str:
    """``path`` for a descending sort to list A→Z (order_keys): each UTF-16 unit written as four
    hex digits of 0xFFFF less it, ended by a character above the digits (a path then comes before
    the longer paths it begins)."""
    # each byte of a big-endian unit turned over is the unit turned over: one C call, not a loop
    return path.encode("utf-16-be", "surrogatepass").translate(_TURN).hex() + "~"


def order_keys(value: Any, path: str, turned_path: str) -> tuple[str, str]:
    """The keys a row sorts by in a column holding ``value`` (ORDER_UP, ORDER_DOWN): one string
    each, as Qt compares strings (UTF-16 unit by unit).  The value first — text with its Chinese
    in pinyin order (hanzi_order.key), an int written so that the string order is the numbers' —
    then, after a character below any in the value, the path (``path`` its hanzi_order.key): as
    it is for going up, ``turned(path)`` for going down, so that the descending sort lists equal
    values by path A→Z too."""
    if isinstance(value, bool) or not isinstance(value, int):
        head = hanzi_order.key(str(value))
    elif value >= 0:
        head = f"1{value:020d}"
    else:  # below every non-negative number, the more negative first
        head = f"0{10**20 + value:020d}"
    return f"{head}\x00{path}", f"{head}\x00{turned_path}"


class ErrorsOnly(QSortFilterProxyModel):
    """只看有错误的 (unreadable files count as errors) and a text filter on organ or file name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.errors_only = False
        self.passed_over = False  # the files that are no report: listed only when asked for
        self.text = ""
        self.setSortRole(ORDER_UP)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Once per click on a header: the keys of that direction (order_keys)."""
        self.setSortRole(ORDER_UP if order == Qt.SortOrder.AscendingOrder else ORDER_DOWN)
        super().sort(column, order)

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
        if self.errors_only and r.error is None and not model.errors[row]:
            return False
        status = model.status(r)
        return (not self.text or self.text in r.organ or self.text in model.shown(r)
                or (status is not None and self.text in status.label))
