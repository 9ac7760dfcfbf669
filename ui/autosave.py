"""Recovery copies of unsaved work: one per open document, owned by the process editing it.

Each document being edited gets a *slot* in the autosave folder: ``autosave-<pid>-<random>``
with a ``.docx`` (the copy), a ``.json`` (what the document is: its file, the file it was
imported from, its title, when; and what the reader said about that file, app/autosave.py) and a ``.lock`` held (QLockFile) for as long as the slot is
in use.  Another window or another editor never touches a slot whose lock is held; a slot
whose process has died (a crash, kill -9, a power cut) has a stale lock, and the next editor
to start takes it and offers the document by name.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile

import app.io as app_io
from app.findings import Finding
from app.report import Report

PREFIX = "autosave"  # "autosave.docx" alone is the single copy of older versions
_owned: set[str] = set()  # slots of this process: never offered to another window of it


@dataclass(frozen=True)
class Recovery:
    """What a crashed slot says about its document."""

    path: str = ""  # the document's own .docx ("" if never saved as ours)
    source: str = ""  # the file it was read from, when another program's (.doc, .xlsx, …)
    title: str = ""
    saved_at: str = ""  # ISO time of the copy
    # ``path`` as the crashed editor last read or wrote it (app.io.disk_stamp): the first save of
    # the recovered report asks before overwriting a file changed since.  None: not known.
    stamp: tuple[int, int] | None = None
    # What the reader said about the file as opened (app/autosave.py); None: a copy of an older
    # version, which kept none (the report recovers with what reading the copy says).
    findings: tuple[Finding, ...] | None = field(default=None, compare=False)
    typed_date: str = ""  # 成文日期 typed and refused (not in the report): typed again on restore

    def name(self) -> str:
        if self.path:
            return Path(self.path).name
        if self.source:
            return Path(self.source).name
        return self.title or "未命名报告"

    def origin(self) -> str:
        if self.path:
            return f"文件：{self.path}"
        if self.source:
            return f"从 {self.source} 打开，修改尚未保存"
        return "尚未保存过的新报告"

    def when(self) -> str:
        from app.limits import local_time

        when = local_time(self.saved_at)
        return "时间不详" if when is None else when.strftime("%Y年%m月%d日 %H:%M:%S")


class Slot:
    """One document's recovery copy; its lock is held while this object is in use."""

    def __init__(self, folder: Path, stem: str, lock: QLockFile) -> None:
        self.folder = folder
        self.stem = stem
        self._lock = lock
        _owned.add(stem)

    @property
    def copy(self) -> Path:
        return self.folder / f"{self.stem}.docx"

    @property
    def info_file(self) -> Path:
        return self.folder / f"{self.stem}.json"

    def info(self) -> Recovery:
        from app.limits import state_file

        data = state_file(self.info_file)  # None: gone, unreadable or damaged (app.limits.state_json)
        fields = ("path", "source", "title", "saved_at", "typed_date")
        if not isinstance(data, dict):
            data = {}
        # Text only: a number or a list (a damaged or hand-edited file) named a file “12”.
        known = {k: v if isinstance(v := data.get(k), str) else "" for k in fields}
        for k in ("path", "source"):  # a NUL no system's path holds: a damaged file, no file named (rev25b S9)
            # A relative name (older versions kept a file named so on the command line) means a
            # folder nobody knows: recovered there, a save wrote over another file (state31).
            if "\x00" in known[k] or not os.path.isabs(known[k]):
                known[k] = ""
        known["saved_at"] = _copy_time(self.copy, known["saved_at"])
        from app import autosave as kept  # a copy's description: not on the start's path (none found)

        findings = kept.findings_from_json(data.get("import_findings"))
        stamp = data.get("stamp")
        if not (isinstance(stamp, list) and len(stamp) == 2 and all(type(x) is int for x in stamp)):
            stamp = None
        return Recovery(**known, stamp=None if stamp is None else (stamp[0], stamp[1]),
                        findings=None if findings is None else tuple(findings))

    def read(self, info: Recovery) -> Report:
        """The report in the copy, with the findings the reader made of its file at the open
        (our copy's own say nothing of that file).  Raises app.io.ReadError."""
        import app.reading  # python-docx and lxml: only when there is something to recover

        report = app.reading.load_report(self.copy)
        if info.findings is not None:
            report.import_findings = list(info.findings)
        return report

    def write(self, report: Report, info: Recovery) -> None:
        """The description then the copy, each atomically (safe to run off the UI thread:
        ``report`` must be a snapshot nobody else changes).  Raises app.io.WriteError.
        In this order a crash (or a full disk) between the two never leaves a copy without its
        description — offered as 尚未保存过的新报告, its file and the reader's notes unknown: the
        first time there is no copy yet (nothing offered), later the previous copy is of the same
        document, and ``info`` takes its time from the copy itself."""
        from app import autosave as kept

        self._present()
        data = {"format": kept.FORMAT, "path": info.path, "source": info.source, "title": info.title,
                "saved_at": dt.datetime.now().isoformat(timespec="seconds"), "pid": os.getpid(),
                "stamp": list(info.stamp) if info.stamp is not None else None, "typed_date": info.typed_date,
                "import_findings": kept.findings_to_json(report.import_findings)}
        from app import pathjson  # a file name that is not UTF-8 (a GBK zip's) kept exactly

        text = pathjson.dumps(data)
        app_io.atomic_write(self.info_file, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
        app_io.save_report(report, self.copy)

    def _present(self) -> None:
        """The folder and this slot's lock made again when they went while the editor ran (a
        clean-up tool, a user tidying their profile): without them no copy was written for the
        rest of the session, a failure said at each try.  Raises OSError if the folder cannot be made."""
        held = self.folder / f"{self.stem}.lock"
        if held.exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # The old lock let go first (unlocking removes the file of its name, and Qt warns when
        # its own is missing: a stand-in to remove), then taken again.
        held.touch()
        self._lock.unlock()
        lock = _lock(self.folder, self.stem)
        if lock is not None:
            self._lock = lock

    def stamp_before(self, path: Path) -> tuple[int, int] | None:
        """``path``'s stamp for a copy of an older version, which records none: a file written
        after the copy was changed by someone else (our own save would have deleted the copy),
        so that stamp matches nothing."""
        now = app_io.disk_stamp(path)
        try:
            copied = self.copy.stat().st_mtime_ns
        except OSError:
            return now
        return (-1, -1) if now is not None and now[0] > copied else now

    def discard(self) -> None:
        """Nothing left to recover: the files go, then the lock."""
        for path in (self.copy, self.info_file):
            path.unlink(missing_ok=True)
        self.release()

    def release(self) -> None:
        """Let go without deleting (kept for a later start, or as a crash would leave it)."""
        self._lock.unlock()
        _owned.discard(self.stem)


def _copy_time(copy: Path, described: str) -> str:
    """When the copy was written, as naive local ISO text ("" when unknown): the description's
    time, unless the copy is older than that (the editor ended after the description, before the
    copy) or the description has none.  The description is a file in the user's profile: a time
    with a zone (a sync tool, a later version) or at the calendar's edge raised here at every
    start, its copy never offered (rev25b S3); app.limits.local_time reads it or says None."""
    from app.limits import local_time

    said = local_time(described)
    try:
        written = local_time(dt.datetime.fromtimestamp(copy.stat().st_mtime).isoformat(timespec="seconds"))
    except (OSError, ValueError, OverflowError):
        written = None
    if written is None or said is None:
        known = written or said
        return "" if known is None else known.isoformat()
    # The copy is renamed into place after the description's time was taken: never older, but
    # for the file system's rounding of its time.
    return (written if written < said - dt.timedelta(seconds=2) else said).isoformat()


def _lock(folder: Path, stem: str) -> QLockFile | None:
    from app.limits import clear_odd_file

    clear_odd_file(folder / f"{stem}.lock")  # QLockFile reads one there: a FIFO blocked the start for ever
    lock = QLockFile(str(folder / f"{stem}.lock"))
    lock.setStaleLockTime(0)  # held for hours while a report is open; stale only if its process died
    return lock if lock.tryLock(0) else None


def new_slot(folder: Path) -> Slot:
    """A fresh slot for a document of this process.  Raises OSError if the folder cannot be made."""
    folder.mkdir(parents=True, exist_ok=True)
    for _ in range(5):  # a random name taken twice is next to impossible: anything else is an error
        stem = f"{PREFIX}-{os.getpid()}-{os.urandom(4).hex()}"
        lock = _lock(folder, stem)
        if lock is not None:
            return Slot(folder, stem, lock)
    raise PermissionError(13, "自动保存文件夹不可写", str(folder))


def crashed_slots(folder: Path) -> list[Slot]:
    """The slots whose editor is gone, newest first, each now locked by this process; a
    slot of a running editor (this one's other windows included) is left alone."""
    try:
        copies = [p for p in folder.glob(f"{PREFIX}*.docx") if not p.name.startswith(".")]
    except OSError:
        return []
    found: list[Slot] = []
    for copy in copies:
        stem = copy.stem
        if stem in _owned:
            continue
        lock = _lock(folder, stem)
        if lock is not None:
            found.append(Slot(folder, stem, lock))
    found.sort(key=lambda s: s.info().saved_at, reverse=True)
    return found
