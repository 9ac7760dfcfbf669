"""Excel's Tab … Enter in a statutory grid: a row typed with Tab and ended with Enter goes on at
the next row's cell under where the Tab run began, not under its last cell.

A clerk typing 表三 from a paper form as in Excel/WPS (12 Tab 3 Tab 0 Enter) went down from
the 科研机构 column, and the next row's 自然人 figure landed under 科研机构 (gui19 under Xvfb)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex


class TabRun:
    """The column a run of Tabs began in, while the cursor is where its last Tab put it."""

    def __init__(self) -> None:
        self._start: int | None = None
        self._at: QPersistentModelIndex | None = None  # where the last Tab landed

    def tabbed(self, before: QModelIndex, after: QModelIndex) -> None:
        if after.row() != before.row():  # wrapped past the row's end: a run of the new row begins where it landed
            self._start = after.column()
        elif self._at is None or self._at != before:  # moved since: a run begins here
            self._start = before.column()
        self._at = QPersistentModelIndex(after)

    def enter_from(self, here: QModelIndex) -> QModelIndex:
        """Where Enter goes down from: the run's first column in this row while the run lasts
        (a click or an arrow key since ends it), else ``here``; the run ends either way."""
        start, at = self._start, self._at
        self._start = self._at = None
        if start is None or at is None or at != here or start == here.column():
            return here
        return here.siblingAtColumn(start)
