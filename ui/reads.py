"""Reading a file for the window (ui/documents.py's DocumentController, of which this is a part):
打开 on this thread (scripts, a screenshot run) or on a worker thread (正在打开 with 取消, the report
shown untouched until the new one is read), and a file read for another command the same way
(last year's report for 从上年报告新建 and 与上年报告对照); the owner-file question before an open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QWidget

import app.lock as app_lock
from app import logger, prefetch
from app.findings import Finding
from app.names import shown_name
from app.report import Report
from ui.open_editors import front_editor_with
from ui.questions import read_error, replaced_by
from ui.tasks import Control, Task
from ui.window_commands import busy

if TYPE_CHECKING:
    from app.office_owner import OtherProgram
    from ui.owner_lock import OwnerLocks
    from ui.state import EditorState


class BackgroundReads(QObject):
    """The reads of ui.documents.DocumentController (its base class)."""

    message = Signal(str)
    loadStarted = Signal(str)  # a file is being read in the background: its name
    loadProgress = Signal(int, int)  # done, total (where the reader says)
    loadEnded = Signal()  # read, failed or cancelled: the window shows the report again
    state: EditorState
    locks: OwnerLocks
    window: QWidget

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.loading: Task | None = None  # the background read of ``loading_path``
        self.replacing = False  # the read is being cancelled because something else takes the window
        # The file named on the command line: its copy, just postponed at the start, is not asked
        # about again the moment that file opens; a read that fails or is cancelled forgets it.
        self.start_file: Path | None = None
        self.loading_path: Path | None = None
        self._loading_mode = "edit"  # the user's word on the file being read (another editor has it)
        # A file read for another command (last year's report): its report goes here, not opened.
        self._loading_done: Callable[[Report], None] | None = None
        self._loading_replaces = False  # that command replaces the report shown (a rollover)
        self._loading_title = "无法打开"
        self._load_base = 0
        # The other program's owner file (app/office_owner.py) the user chose to edit beside: its
        # path and stamp; a save over it is not asked about again.
        self.other_program_answered: tuple[str, tuple[int, int, int]] | None = None

    # -- the document controller's (ui/documents.py) ---------------------------------------------
    def show_error(self, title: str, text: str) -> None:
        raise NotImplementedError

    def ask_locked(self, path: Path, owner: app_lock.Owner) -> str:
        raise NotImplementedError

    def ask_in_other_program(self, path: Path, other: OtherProgram) -> str:
        raise NotImplementedError

    def maybe_save(self, then: str = "") -> bool:
        raise NotImplementedError

    def _loaded(self, path: Path, report: Report, mode: str = "edit", findings: list[Finding] | None = None) -> None:
        raise NotImplementedError

    # -- reading --------------------------------------------------------------------------------

    def shown_elsewhere(self, path: Path) -> bool:
        """Another window of this program has ``path`` (shows it, reads it, holds its owner
        file): that window comes forward and says so, and nothing changes here — as Word and
        WPS switch to a document opened again.  Asked before anything else about an open, a
        read under way in this window included: the user asked for a window, not for this one
        to give up what it was doing."""
        return front_editor_with(path, besides=self.window) is not None

    def load(self, path: Path) -> bool:
        """Read ``path`` now, on this thread (scripts, a screenshot run, tests); True if opened."""
        if self.shown_elsewhere(path):
            return False
        self._supersede_load()
        mode = self._claim_lock(path)
        if mode is None:
            return False
        try:
            with busy():
                report = _reading().load_report(path)
        except Exception as e:  # ReadError says why; anything else is still one message
            self.locks.drop_claim()
            self.show_error("无法打开", read_error(e, path))
            return False
        self._loaded(path, report, mode)
        return True

    def load_in_background(self, path: Path) -> Task | None:
        """Read ``path`` on a worker thread; the current report stays as it is until the new
        one is read, and stays for good when the read fails or is cancelled.  A second call
        supersedes the first.  None: not opened (another window of ours has it and is shown, or
        another editor has it and the user cancelled)."""
        if self.shown_elsewhere(path):
            if self.loading is None:  # else the read under way goes on, and ends as it does
                self._not_opened()
            return None
        self._supersede_load()
        mode = self._claim_lock(path)
        if mode is None:
            self._not_opened()
            return None
        # app.reading.load_report looked up when the worker runs it (tests replace it)
        task = Task(lambda control: _read(path, control), what=f"读取{shown_name(path.name)}",
                    describe=lambda e, _what: read_error(e, path))
        self.loading, self.loading_path, self._loading_mode = task, path, mode
        self._load_base = self.state.stack.index()  # an edit made while reading shows as a change
        return self._start(task, path)

    def _not_opened(self) -> None:
        prefetch.discard()  # the start's child read it for nothing
        self.state.ensure_checked()  # the report kept, with its findings, as after a failed open
        self.loadEnded.emit()  # a window showing 正在打开 (the start) shows its pages again

    def _start(self, task: Task, path: Path) -> Task:
        """One read, whichever kind: its progress, end and 取消 reach the same handlers."""
        task.progressed.connect(self.loadProgress)
        task.succeeded.connect(self._load_succeeded)
        task.failed.connect(self._load_failed)
        task.cancelled.connect(self._load_cancelled)
        self.loadStarted.emit(path.name)
        fd = prefetch.pipe(path)
        if fd is None:
            task.start()
        else:
            _when_arrived(task.hold(), fd, self)
        return task

    def read_in_background(self, path: Path, done: Callable[[Report], None], title: str,
                           replaces: bool = False) -> Task:
        """Read ``path`` as 打开 does — on a worker thread, the window showing 正在打开 with 取消
        and answering — but hand the report to ``done`` instead of opening it (last year's
        report, for 从上年报告新建 and 与上年报告对照).  No lock is taken: the file is only read.
        A failure is one message titled ``title``; 取消 leaves everything as it was.
        ``replaces``: ``done`` replaces the report shown, so an edit made meanwhile is asked
        about again, as at an open."""
        self._supersede_load()
        task = Task(lambda control: _read(path, control), what=f"读取{shown_name(path.name)}",
                    describe=lambda e, _what: read_error(e, path))
        self.loading, self.loading_path, self._loading_done = task, path, done
        self._loading_replaces, self._loading_title = replaces, title
        self._load_base = self.state.stack.index()
        return self._start(task, path)

    def cancel_load(self) -> None:
        """Stop a background read: back to the report as it was, nothing changed."""
        if self.loading is not None:
            self.loading.cancel()

    def _supersede_load(self) -> None:
        """cancel_load for a command that puts something else in the window (another read,
        新建, a recovered copy): whoever listens to the read's 取消 can tell it from the user's."""
        self.replacing = True
        try:
            self.cancel_load()
        finally:
            self.replacing = False

    def _end_load(self) -> Path:
        path = self.loading_path
        assert path is not None
        self.loading, self.loading_path = None, None
        self._loading_done, self._loading_title = None, "无法打开"
        self.loadEnded.emit()  # before the report changes: the window restores its actions first
        return path

    def _load_succeeded(self, got: Report | tuple[Report, list[Finding]]) -> None:
        report, findings = got if isinstance(got, tuple) else (got, None)
        done, replaces = self._loading_done, self._loading_replaces
        path = self._end_load()
        if done is not None:  # read for another command: it takes the report from here
            if replaces and self.state.stack.index() != self._load_base and not self.maybe_save(replaced_by(path)):
                self.message.emit(f"未使用 {shown_name(path.name)}：当前报告有修改")
                return
            done(report)
            return
        # The report was edited while the file was read (a modeless dialog, a script): the user
        # is asked again, as at the open, and may keep it instead.
        if self.state.stack.index() != self._load_base and not self.maybe_save(replaced_by(path)):
            self.locks.drop_claim()
            self.message.emit(f"未打开 {shown_name(path.name)}：当前报告有修改")
            return
        self._loaded(path, report, self._loading_mode, findings)

    def _load_failed(self, message: str) -> None:
        self.state.ensure_checked()  # the report kept is shown again: with its findings
        path = self.loading_path
        if path is not None:  # the log names the file, never its folders (README: privacy)
            logger("nianbao.documents").info("未能打开 %s：%s", path.name, message.replace(str(path), path.name))
        title = self._loading_title
        self.start_file = None
        self._end_load()
        self.locks.drop_claim()
        self.show_error(title, message)

    def _load_cancelled(self) -> None:
        self.start_file = None
        self.state.ensure_checked()
        opening = self._loading_done is None
        path = self._end_load()
        self.locks.drop_claim()
        self.message.emit(f"已取消{'打开' if opening else '读取'} {shown_name(path.name)}")

    def _claim_lock(self, path: Path) -> str | None:
        """Before reading ``path``: our owner file on it, or the user's word when another editor
        has it.  'edit', 'read_only', or None (cancelled: nothing happens)."""
        owner = self.locks.claim(path)
        if owner is None:  # ours now, or a folder where no lock can be written
            return self._ask_other_program(path)
        answer = self.ask_locked(path, owner)
        if not answer:
            self.message.emit(f"未打开 {shown_name(path.name)}：文件正由他人编辑")
            return None
        return "read_only" if answer == "read_only" else "edit"

    def _ask_other_program(self, path: Path) -> str | None:
        """Our lock taken: the user's word when Word, WPS or LibreOffice seems to have ``path``
        open (their owner file beside it: rev25b S4).  'edit', 'read_only', or None (cancelled,
        the lock given up).  An answer 仍然打开 stands for the saves of that same owner file."""
        from app import office_owner  # a few names looked at: not the start's modules

        other = office_owner.find(path)
        if other is None:
            return "edit"
        answer = self.ask_in_other_program(path, other)
        if not answer:
            self.locks.drop_claim()
            self.message.emit(f"未打开 {shown_name(path.name)}：文件似乎正在 {other.program} 中打开")
            return None
        if answer != "read_only":
            self.other_program_answered = (other.file, other.seen)
        return "read_only" if answer == "read_only" else "edit"


# The child's output this thread turns into the report itself; past it a worker does, as before
# the window took it here: a report of 60,000 paragraphs took 0.26 s to unpickle, the window
# frozen meanwhile (rev21).  A report as written is some tens of kilobytes.
TAKE_HERE_BYTES = 1 << 20


def _when_arrived(task: Task, fd: int, parent: QObject) -> None:
    """The start's child's report taken on this thread once the child has written all of it (its
    pipe watched by the event loop, read as it comes, never waited for): no worker to wait for it
    and hand it over (two thread hand-offs, ~4.5 ms of the start, ~20 under load).  A 取消
    meanwhile stops the child as the worker would (the work runs, sees it cancelled)."""
    notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, parent)
    watching = [True]

    def run() -> None:
        if not watching:
            return
        watching.clear()
        notifier.setEnabled(False)
        notifier.deleteLater()
        if task.running and not prefetch.pending():  # the child let go meanwhile: read on a worker
            task.start()
            return
        if prefetch.arrived_bytes() > TAKE_HERE_BYTES:  # a huge report: unpickled off this thread
            task.start()
            QTimer.singleShot(1000, prefetch.tidy)
            return
        task.run_here()
        QTimer.singleShot(1000, prefetch.tidy)  # the child, if it was still writing its caches

    def look() -> None:
        if prefetch.arrived() or not prefetch.pending() or not task.running:
            run()

    notifier.activated.connect(look)
    task.cancelled.connect(run)


def _reading() -> ModuleType:
    # Imported when a file is read: python-docx and lxml stay off the start's path (the file
    # named on the command line is read by app.prefetch's child); tests replace load_report.
    import app.reading

    return app.reading


def _read(path: Path, control: Control) -> Report | tuple[Report, list[Finding]]:
    """The report (and its findings, when the start's child process read and checked it)."""
    got: Report | tuple[Report, list[Finding]] | None = prefetch.take(path, control.cancelled)
    if got is None:
        control.check()  # 取消 while the child read it: not read again here
        got = _read_here_or_apart(path, control)
    control.check()  # cancelled while reading: the report is dropped here, not built into views
    assert got is not None
    return got


def _read_here_or_apart(path: Path, control: Control) -> Report:
    """A risky file (large, inflating to much, a PDF: app/read_apart.risky) in a child process
    bounded by the backstop — past its limits it is one message, not the editor's memory or
    minutes; an ordinary report on this thread, as fast as ever."""
    from app import read_apart

    if read_apart.risky(path):
        report = read_apart.read(path, control.cancelled)
        if report is not None:
            return report
        control.check()  # cancelled; else no process could be started: read here after all
    return _reading().load_report(path, cancelled=control.cancelled)  # type: ignore[no-any-return]
