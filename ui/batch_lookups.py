"""The disk looked at for 状态 off the window's thread: whether a marked file at another path is
still there (a copy, or moved) and whether it is this very file by another route.  The marked
path is often on a share (marked on \\\\server\\年报, checked again on the desktop copy): a share
offline makes each look a multi-second timeout on Windows, and 状态 was worked out on the
window's thread for every row at every activation (rev22 M9).  Here each look is answered from
what the last looks found, asked again on a worker thread, and the rows worked out again when the
answers come; a path never looked at is taken as there, not the same file (said 副本已审核 a
moment, rather than the window waiting)."""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app import names


class DiskLookups(QObject):
    """``exists`` and ``same`` for review_marks.Index, never touching the disk themselves."""

    answered = Signal()  # new answers: the rows' 状态 to work out again
    _found = Signal(object)  # from the worker: (exists answers, same answers)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._exists: dict[str, bool] = {}
        self._same: dict[tuple[str, str], bool] = {}
        self._was_exists: dict[str, bool] = {}  # the answers before ``renew``: used until new ones come
        self._was_same: dict[tuple[str, str], bool] = {}
        self._ask_exists: set[str] = set()
        self._ask_same: set[tuple[str, str]] = set()
        self._busy = False
        self._found.connect(self._take)

    def renew(self) -> None:
        """The disk may have changed (the window comes back to the front): every answer asked
        again, the last ones standing in meanwhile."""
        self._was_exists.update(self._exists)
        self._was_same.update(self._same)
        self._exists, self._same = {}, {}

    def exists(self, path: str) -> bool:
        if path in self._exists:
            return self._exists[path]
        self._ask(self._ask_exists, path)
        return self._was_exists.get(path, True)

    def same(self, a: str, b: str) -> bool:
        key = (a, b)
        if key in self._same:
            return self._same[key]
        self._ask(self._ask_same, key)
        return self._was_same.get(key, False)

    def _ask(self, asked: set[Any], item: object) -> None:
        if not asked and not self._ask_exists and not self._ask_same and not self._busy:
            QTimer.singleShot(0, self, self._start)  # after the rows judged now: one look for them all
        asked.add(item)

    def _start(self) -> None:
        if self._busy or not (self._ask_exists or self._ask_same):
            return
        paths, pairs = self._ask_exists, self._ask_same
        self._ask_exists, self._ask_same = set(), set()
        self._busy = True
        threading.Thread(target=self._look, args=(paths, pairs), daemon=True, name="状态-lookups").start()

    def _look(self, paths: set[str], pairs: set[tuple[str, str]]) -> None:
        exists = {p: os.path.lexists(p) for p in paths}
        same = {pair: names.same_file(*pair) for pair in pairs}
        with contextlib.suppress(RuntimeError):  # the window went meanwhile
            self._found.emit((exists, same))

    def _take(self, found: tuple[dict[str, bool], dict[tuple[str, str], bool]]) -> None:
        exists, same = found
        self._exists.update(exists)
        self._same.update(same)
        self._busy = False
        self.answered.emit()
        self._start()  # what was asked meanwhile
