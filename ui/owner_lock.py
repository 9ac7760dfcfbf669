"""The window's owner file (app/lock.py): taken when a file is opened, kept fresh while it is
open, moved by 另存为, given up when another file is opened, on 新建 and when the window closes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

import app.lock as app_lock
from app.names import same_file


class OwnerLocks(QObject):
    """The lock of the document shown, and the one taken for a file being read (the document's
    once it is read, dropped when the read fails or is cancelled)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.lock: app_lock.Lock | None = None
        self._claim: app_lock.Lock | None = None
        self._timer = QTimer(self, interval=app_lock.REFRESH_S * 1000)
        self._timer.timeout.connect(lambda: self.lock.refresh() if self.lock is not None else None)

    def holds(self, path: Path) -> bool:
        return self.lock is not None and same_file(self.lock.document, path)

    def claiming(self, path: Path) -> bool:
        """``path`` is being read here, its lock taken (``claim``)."""
        return self._claim is not None and same_file(self._claim.document, path)

    def claim(self, path: Path) -> app_lock.Owner | None:
        """Before reading ``path``: lock it.  Returns who has it when another editor (or another
        window) does; None when it is ours now or nothing can be written there."""
        self.drop_claim()
        if self.holds(path):
            return None  # opened again in this window: its lock stays
        self._claim = app_lock.acquire(path)
        return None if self._claim is not None else app_lock.live_owner(path)

    def drop_claim(self) -> None:
        if self._claim is not None:
            self._claim.release()
            self._claim = None

    def keep_claim(self, path: Path) -> None:
        """``path`` was read and is shown: its lock (if one was taken) replaces the previous."""
        if self.lock is not None and not (self._claim is None and self.holds(path)):
            self.lock.release()
            self.lock = None
        if self._claim is not None:
            self.lock, self._claim = self._claim, None
        self._schedule()

    def move_to(self, path: Path) -> None:
        """Saved as ``path`` (or recovered as it): the lock is there now, if it can be."""
        if self.holds(path):
            return
        self.release()
        self.lock = app_lock.acquire(path)
        self._schedule()

    def release(self) -> None:
        self.drop_claim()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self._schedule()

    def _schedule(self) -> None:
        if self.lock is not None:
            self._timer.start()
        else:
            self._timer.stop()
