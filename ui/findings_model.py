"""The findings as a list model: one row per finding, errors first (app.findings.listing_order),
then those dismissed (已忽略), and the severity filter the panel shows them through.  The rows
follow the checks in place."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeAlias

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)

from app.dismissals import Dismissal
from app.findings import Finding, Location, Severity, listing_order
from ui.resources import severity_icon
from ui.state import EditorState

Index: TypeAlias = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
LOCATION_ROLE = Qt.ItemDataRole.UserRole + 3
DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 4  # the Dismissal of a finding listed under 已忽略
DISMISSED_COLOR = "#7a8591"


RowKey = tuple[str, str, Location, bool]
TEXTS_ROLE = Qt.ItemDataRole.UserRole + 5  # (location line, message): what a row shows


def _row_key(finding: Finding, dismissed: Dismissal | None) -> RowKey:
    """What makes a row the same row after the checks rerun (its message may change)."""
    return finding.code, finding.kind, finding.location, dismissed is not None


def _same_place(old: RowKey, new: RowKey) -> bool:
    """Two rows that differ only in their location's cells or span are one row changed."""
    return old[0] == new[0] and old[1] == new[1] and old[3] == new[3] and old[2].section == new[2].section


class _Row:
    """One listed finding, with its texts made once (laying out the list asks for them all)."""

    __slots__ = ("_texts", "dismissed", "finding")

    def __init__(self, finding: Finding, dismissed: Dismissal | None) -> None:
        self.finding, self.dismissed = finding, dismissed
        self._texts: tuple[str, str] | None = None

    def same(self, other: _Row) -> bool:
        # The checks hand back the very Finding objects an edit did not change (app.checks): the
        # identity test settles nearly every row of a long list without comparing fields.
        return ((self.finding is other.finding or self.finding == other.finding)
                and (self.dismissed is other.dismissed or self.dismissed == other.dismissed))

    def texts(self) -> tuple[str, str]:
        if self._texts is None:
            f, dismissed = self.finding, self.dismissed
            where = f.location.describe()
            if f.declared.opened_file:  # what was not imported is kept past saves: said of the source
                where += "（打开时的文件中未导入）" if f.declared.kept else "（打开时的文件）"
            message = f.message
            if dismissed is not None:
                where = f"已忽略 · {where}"
                reason = f"理由：{dismissed.reason}；" if dismissed.reason else ""
                message = f"{f.message}\n（{reason}{dismissed.by} 于 {dismissed.at.replace('T', ' ')} 忽略）"
            self._texts = (where, message)
        return self._texts


# The roles a changed row signals: all it shows, and its size only when that changed.
_REDRAWN = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
            FINDING_ROLE, SEVERITY_ROLE, LOCATION_ROLE, DISMISSED_ROLE, TEXTS_ROLE]
_RESIZED = [*_REDRAWN, Qt.ItemDataRole.SizeHintRole]


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) of each run of consecutive ones."""
    out: list[tuple[int, int]] = []
    for row in rows:
        if out and out[-1][1] == row - 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


class FindingsModel(QAbstractListModel):
    """The current findings of the report, most severe first, then those dismissed (已忽略).
    After a rerun of the checks only the rows that came, went or changed are signalled: the
    list keeps its scroll position and choice, and repaints only what moved."""

    def __init__(self, state: EditorState) -> None:
        super().__init__(state)
        self.state = state
        self._rows = self._current()
        # A row's size (SizeHintRole), set by the view's delegate: laying out the list reads it
        # for every row, straight from Qt's delegate (one call into Python per row, not two).
        self.measure: Callable[[tuple[str, str]], QSize] | None = None

    def _current(self) -> list[_Row]:
        # Errors first, then warnings, then 提示, each in the report's order (app.findings).
        shown = listing_order(self.state.findings)
        return [*(_Row(f, None) for f in shown), *(_Row(f, d) for f, d in self.state.dismissed)]

    def reload(self) -> tuple[bool, list[tuple[str, str]]]:
        """Follow the state's findings: (whether rows came or went, the texts of the rows
        changed in place as they were before and as they are now, in turn)."""
        rows = self._current()
        if len(rows) == len(self._rows) and all(a.same(b) for a, b in zip(self._rows, rows, strict=True)):
            # Typing that changes no finding must not disturb the panel; but hold the new
            # objects: commands on a row act on the state's findings, not on equal stale ones.
            for old, row in zip(self._rows, rows, strict=True):
                old.finding, old.dismissed = row.finding, row.dismissed
            return False, []
        old_keys = [_row_key(r.finding, r.dismissed) for r in self._rows]
        new_keys = [_row_key(r.finding, r.dismissed) for r in rows]
        # An edit changes a few rows among many: match only what lies between the rows that
        # are the same at the start and at the end.
        lo, most = 0, min(len(old_keys), len(new_keys))
        while lo < most and old_keys[lo] == new_keys[lo]:
            lo += 1
        hi = 0
        while hi < most - lo and old_keys[-1 - hi] == new_keys[-1 - hi]:
            hi += 1
        moved = False
        for tag, i1, i2, j1, j2 in reversed(_opcodes(old_keys[lo:len(old_keys) - hi], new_keys[lo:len(new_keys) - hi])):  # from the end: earlier rows keep their numbers
            if tag == "equal":
                continue
            i1, i2, j1, j2 = i1 + lo, i2 + lo, j1 + lo, j2 + lo
            # A finding of the same code and kind in the same place whose cells moved (a table's
            # blank cells, less the one just typed in) is that row changed, redrawn in place:
            # inserting a row lays out the whole list again, every row measured.
            while i1 < i2 and j1 < j2 and _same_place(old_keys[i1], new_keys[j1]):
                i1, j1 = i1 + 1, j1 + 1  # left in place: compared with its new finding below
            if i1 == i2 and j1 == j2:
                continue
            moved = True
            if i2 > i1:
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._rows[i1:i2]
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(QModelIndex(), i1, i1 + j2 - j1 - 1)
                self._rows[i1:i1] = rows[j1:j2]
                self.endInsertRows()
        # The same rows now; those whose message, fix or dismissal changed are redrawn.
        changed = [i for i, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a is not b and not a.same(b)]
        texts = [t for i in changed for t in (self._rows[i].texts(), rows[i].texts())]
        for old, row in zip(self._rows, rows, strict=True):
            if old is not row and old.same(row):
                row._texts = old._texts
        self._rows = rows
        # One signal a run of neighbouring rows: a table figure that many sentences state
        # changes all their messages at once, and each signal costs the proxy and the view.
        # A run whose rows keep their size says so (no SizeHintRole): the list then redraws
        # them in place instead of measuring every row again.
        measure = self.measure
        k = 0  # where the run's rows are in ``changed``, and so their texts in ``texts``
        for first, last in _runs(changed):
            n = last - first + 1
            resized = measure is None or any(measure(texts[2 * i]) != measure(texts[2 * i + 1])
                                             for i in range(k, k + n))
            k += n
            self.dataChanged.emit(self.index(first), self.index(last), _RESIZED if resized else _REDRAWN)
        return moved, texts

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.SizeHintRole:
            return self.measure(row.texts()) if self.measure is not None else None
        f = row.finding
        if role == TEXTS_ROLE:
            return row.texts()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts()[1]
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            fix = f"可修复：{f.fix.label}" if f.fix else f"处理：{f.declared.fix}"
            opened = f"\n（{f.declared.note}）" if f.declared.note else ""
            return (f"{f.severity.name_zh}（{f.code}）{f.declared.title}\n{f.location.describe()}\n"
                    f"{f.message}\n{fix}{opened}")
        if role == LOCATION_ROLE:
            return row.texts()[0]
        if role == DISMISSED_ROLE:
            return row.dismissed
        if role == SEVERITY_ROLE:
            return int(f.severity)
        if role == FINDING_ROLE:
            return f
        return None


class SeverityFilter(QSortFilterProxyModel):
    """Shows the findings whose severity is switched on."""

    def __init__(self, source: FindingsModel, parent: QObject | None = None) -> None:
        # Not parented to its source: whoever shows the proxy owns it (the panel does).
        super().__init__(parent)
        self.shown: set[Severity] = set(Severity)
        self.show_dismissed = True
        self._source = source
        self.setSourceModel(source)

    def set_show_dismissed(self, shown: bool) -> None:
        self.show_dismissed = shown
        self.invalidateRowsFilter()

    def set_shown(self, severity: Severity, shown: bool) -> None:
        (self.shown.add if shown else self.shown.discard)(severity)
        # invalidateRowsFilter, not begin/endFilterChange: those arrived in Qt 6.10, and the pin
        # stays on a line with glibc-2.28 wheels (统信UOS/麒麟).
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        # The row itself, not two data() calls through Qt: every changed row is filtered again.
        rows = self._source._rows
        if parent.isValid() or not 0 <= row < len(rows):
            return False
        if rows[row].dismissed is not None:
            return self.show_dismissed
        return rows[row].finding.severity in self.shown


def _opcodes(old: list[Any], new: list[Any]) -> Sequence[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``old`` to ``new``; the first list of a report (nothing before it)
    or the last (nothing after) without importing difflib, which the start can do without."""
    if not old or not new:
        if not old and not new:
            return []
        return [("insert", 0, 0, 0, len(new))] if not old else [("delete", 0, len(old), 0, 0)]
    from difflib import SequenceMatcher

    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
