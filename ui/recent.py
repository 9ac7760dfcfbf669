"""最近打开的文件, and the folder the next 打开 dialog starts in: what a window opened or saved,
remembered at once and written into the settings a moment later (or when the window closes), so
that writing the settings file is never on the way of opening a report.

Every way of opening a file (the command line, a recent file, a dropped one, a recovered one)
counts as the dialog's does: the next dialog, in this run or the next, starts in its folder.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer

from app import names
from app.limits import state_json
from ui import filedialogs, settings_check

if TYPE_CHECKING:
    from PySide6.QtGui import QFontMetrics

MAX_RECENT = 8
LOCK_NAME = "recent_files.lock"  # beside the settings file: whose turn it is to write the list
LOCK_WAIT_S = 2.0
WRITE_DELAY_MS = 2_000  # the list is written this long after an open or save
KEY = "recent_files"
PROBE_DELAY_MS = 1_500  # the files of the list are first looked for this long after the start
LABEL_SHARE = 0.75  # of the screen's width: a path in the menu is elided past it (a short one never)


class RecentFiles(QObject):
    """One window's share of the list (other windows and editors write theirs: merged)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._new: list[str] = []  # opened or saved here, not yet in the settings
        self._timer = QTimer(self, singleShot=True, interval=WRITE_DELAY_MS)
        self._timer.timeout.connect(self.write)
        # Whether each listed file is there, as the last look found (written by the probe's
        # thread: one dict item at a time).  Never looked at on the UI thread: a file on a
        # network drive that is gone (“\\\\server\\share\\…”, Z:) takes the network's timeout
        # to answer, tens of seconds on Windows.
        self._found: dict[str, bool] = {}
        self._probe: threading.Thread | None = None
        # the first look once the window is up, so that the menu's first opening knows already
        QTimer.singleShot(PROBE_DELAY_MS, self, self.missing)

    def items(self) -> list[str]:
        """The stored list with this window's newest openings first (those not yet written)."""
        return merged(self._new, stored())

    def add(self, path: Path) -> None:
        """Remembered now, written a moment later (merged then with what others wrote)."""
        # Absolute: a relative name would be a second entry, and wrong from another folder.
        self._new = merged([names.absolute(str(path))], self._new)
        self._found[self._new[0]] = True  # just opened or saved: there
        self._timer.start()

    def missing(self) -> set[str]:
        """The listed files the last look did not find (a file deleted, a USB stick or a network
        drive gone); a new look is started in the background, for the next time the menu opens."""
        items = self.items()
        if self._probe is None or not self._probe.is_alive():
            self._probe = threading.Thread(target=self._look, args=(items,), name="recent-files", daemon=True)
            self._probe.start()
        return {p for p in items if self._found.get(p) is False}

    def _look(self, items: list[str]) -> None:
        for p in items:
            self._found[p] = names.exists(p)

    def folder(self) -> Path | None:
        """The folder of the file this window opened or saved last, not yet written."""
        return Path(self._new[0]).parent if self._new else None

    def write(self) -> None:
        """The pending entries into the settings (also when the window closes); the newest one's
        folder is where the next dialog starts, in any window and after a relaunch."""
        self._timer.stop()
        if self._new:
            from app import pathjson  # not on the start's path

            with _turn():
                settings = QSettings()  # one object: one write of the settings file
                # pathjson: QSettings drops a name's lone surrogates (a GBK name from a Windows zip)
                settings.setValue(KEY, pathjson.dumps(self.items()))
                settings.setValue(filedialogs.LAST_FOLDER_KEY, pathjson.path_text(str(Path(self._new[0]).parent)))
                settings_check.written(settings)  # before the next instance reads, inside the turn
            self._new = []

    def forget(self, name: str) -> None:
        """``name`` off the list, in the settings at once (other windows' entries kept)."""
        from app import pathjson  # not on the start's path

        with _turn():
            kept = [p for p in self.items() if p != name]
            settings = QSettings()
            settings.setValue(KEY, pathjson.dumps(kept))
            settings_check.written(settings)
        self._new = [p for p in self._new if p != name]
        self._found.pop(name, None)

    def clear(self) -> None:
        self._timer.stop()
        self._new = []
        self._found = {}
        settings = QSettings()
        settings.setValue(KEY, "[]")
        settings_check.written(settings)


@contextmanager
def _turn() -> Iterator[None]:
    """The list read, merged and written by one instance at a time: two editors writing at once
    (both opened a file in the same second, both quit together) each read the list before the
    other wrote, and the one written last dropped the other's file (state31).  QSettings' own
    lock covers its write only.  Not had within LOCK_WAIT_S (a share that takes no locks, a
    stuck instance): written anyway, as before."""
    from app.dataclass_cache import locked  # the OS lock a dead process lets go of

    with locked(_lock_beside(), LOCK_WAIT_S, LOCK_NAME):
        yield


def _lock_beside() -> Path:
    """A file whose folder holds the turn's lock: the settings file's, where the settings are a
    file; the editor's data folder where they are Windows' registry (QSettings' native format on
    Windows), whose “file name” is a key (“\\HKEY_CURRENT_USER\\Software\\…”): taken for a path,
    it made folders named HKEY_CURRENT_USER at the root of the current drive."""
    import sys

    settings = QSettings()
    if sys.platform == "win32" and settings.format() == QSettings.Format.NativeFormat:
        from app.review_marks import data_folder

        return data_folder() / "settings"
    return Path(settings.fileName())


def menu_label(index: int, path: str, gone: bool, metrics: QFontMetrics, screen_width: int) -> str:
    """The menu's line for ``path``: a path deep in folders had the menu wider than the screen,
    its end (the file's name, （找不到）) cut off at the edge, so its middle is elided (the whole
    path is the action's tooltip); “&” doubled, or Qt takes it for the key letter and hides it."""
    width = int(screen_width * LABEL_SHARE)
    shown = metrics.elidedText(path, Qt.TextElideMode.ElideMiddle, width)
    return f"&{index} {shown.replace('&', '&&')}{'（找不到）' if gone else ''}"


def stored() -> list[str]:
    # Stored as JSON text: an empty list would be written as an invalid QVariant.
    items = state_json(str(QSettings().value(KEY, "[]")))  # None: damaged (app.limits.state_json)
    return [p for p in items if isinstance(p, str) and p] if isinstance(items, list) else []


def merged(first: list[str], then: list[str]) -> list[str]:
    """Newest first, each file once (on Windows “C:\\A.docx” is “c:/a.docx”), never what Word or
    WPS leaves beside a report (“~$报告.docx”: an older version remembered such names)."""
    items = [p for p in dict.fromkeys([*first, *then]) if not names.office_leftover(names.base_name(p))]
    return [p for i, p in enumerate(items) if not any(names.same_path(p, q) for q in items[:i])][:MAX_RECENT]
