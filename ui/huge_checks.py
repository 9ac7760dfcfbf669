"""A huge report's checks off the GUI thread: EditorState's part for a report with more text
than BACKGROUND_CHECK_CHARS (ui/state.py), whose checks take longer than a keystroke may wait.

They run in the window's check process (app.check_apart), or on a worker thread once that
process died.  One check runs at a time and one waits at most — the newest text, taken when
the running one ends: checks overtaken by typing never run (five typing pauses during a check
gave the findings of the text as it is after five checks, not two; review15 L2).  Findings are
applied only if nothing changed meanwhile (never stale ones as current)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from shiboken6 import isValid

from ui.change import Change

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.check_apart import CheckProcess
    from app.findings import Finding
    from app.report import Report
    from ui.tasks import Control, Task

# Where the checks run: a process of the window's own (app.check_apart); False: on a worker
# thread (a test that slows the checks down with a run_all of its own, which a process never sees).
CHECK_APART = True
CHECK_PROCESS_LOST = "检查进程意外结束，此后改在本程序中检查（检查时窗口反应可能稍慢）"


def worker_copy(report: Report) -> Report:
    """A copy of ``report`` another thread may read while this one goes on editing: the
    sections' lists copied and their paragraphs shared (text is written back as new Paragraph
    objects, never changed in place), the tables and the rest copied whole (they are small).
    A deep copy of a section pasted into itself 10,000 times took a third of a second."""
    out = copy.copy(report)
    out.sections = {key: list(paragraphs) for key, paragraphs in report.sections.items()}
    out.tables = copy.deepcopy(report.tables)
    out.raw, out.pinned = dict(report.raw), set(report.pinned)
    out.import_findings = list(report.import_findings)
    out.extras = copy.deepcopy(report.extras)
    return out


def _on_thread(report: Report) -> Callable[[Control], list[Finding]]:
    """The checks of ``report`` (a worker_copy) as a Task's work on its worker thread."""
    def work(_control: Control) -> list[Finding]:
        from app.checks import run_all

        return run_all(report)
    return work


class HugeChecks:
    """EditorState's checks of a huge report (a mixin: the state is ``self``)."""

    # EditorState's, set in its __init__.
    report: Report
    message: SignalInstance
    _generation: int
    _unchecked: Change | None
    _apart: CheckProcess | None
    _running: Task | None
    _check_again: bool
    _ends = 0  # end_checks so far

    if TYPE_CHECKING:
        def _check(self, change: Change, everything: list[Finding] | None = None) -> None: ...
        def _huge(self) -> bool: ...

    def _check_on_worker(self, change: Change) -> None:
        self._unchecked = change if self._unchecked is None else dataclasses.replace(
            change, sections=change.sections | self._unchecked.sections)
        self._generation += 1
        if self._running is not None:  # out of date already: the newest text follows it
            self._check_again = True
            return
        self._start_check()

    def warm_check_process_later(self, delay_ms: int) -> None:
        """_warm_check_process in ``delay_ms``, unless end_checks comes first: a window closed
        (or given a small report) within the delay started a check process after its end, and
        that process stayed until the program ended (review16 L6)."""
        from PySide6.QtCore import QObject, QTimer

        ends = self._ends
        assert isinstance(self, QObject)
        QTimer.singleShot(delay_ms, self, lambda: self._warm_check_process() if self._ends == ends else None)

    def _warm_check_process(self) -> None:
        """A huge report that came checked (the start's child checked it): its check process
        started now and given the report, so that the first edit sends one paragraph to a
        process with its caches full, not the report to a process still starting.  Not its
        checks on a worker thread of this process: they held the GIL ~0.6 s (review15 L4).  Its
        findings are those the window has: not applied (``current`` is false: nothing unchecked)."""
        if isValid(self) and CHECK_APART and self._running is None and self._apart is None and self._huge():
            self._start_check(warm=True)

    def _start_check(self, warm: bool = False) -> None:
        """The checks of the report as it is now started off this thread: in the check process
        (when it is alive) or on a worker thread (not to ``warm``: nothing then)."""
        from ui.tasks import Task

        self._check_again = False
        generation = self._generation
        work = self._apart_work()
        if work is None:  # the process died: on a worker thread, as before there was one
            if warm:
                return
            work = _on_thread(worker_copy(self.report))

        def current() -> bool:  # nothing changed since, and the window is still there
            return isValid(self) and generation == self._generation and self._unchecked is not None

        def done(everything: list[Finding] | None) -> None:
            if everything is None:  # the check process died: said once, then checked on a thread
                if isValid(self):
                    self.message.emit(CHECK_PROCESS_LOST)
                if current():
                    self._check_on_worker(Change())
            elif current():
                self._check(Change(), everything)

        def failed(_message: str) -> None:
            if current():
                self._check(Change())  # the ordinary way: its error is the crash log's

        def ended() -> None:  # after done or failed: the newest text's check, if one waits
            if not isValid(self) or self._running is not task:  # end_checks came first
                return
            self._running = None
            if self._check_again and self._unchecked is not None:
                self._start_check()

        task = Task(work, what="检查")
        task.succeeded.connect(done)
        task.failed.connect(failed)
        task.ended.connect(ended)
        self._running = task
        task.start()

    def end_checks(self) -> None:
        """The check process ended (the window closes, or its report is no longer huge): the
        check running abandoned, and none waiting started — no handler of theirs acts (a check
        cancelled by the process's end was reported as failed, logged as a bug, and its handler
        checked the huge report again on the GUI thread; review15 M1)."""
        self._ends += 1  # a warm-up waiting (warm_check_process_later) is for the checks that end
        self._generation += 1
        self._unchecked = None
        self._check_again = False
        task, self._running = self._running, None
        if task is not None:
            task.cancel()
        if self._apart is not None:
            self._apart.close()
            self._apart = None

    def _apart_work(self) -> Callable[[Control], list[Finding] | None] | None:
        """The checks of the report as it is now, started in this window's check process
        (app.check_apart: a thread running them held up every call Qt makes into Python — a
        keystroke painted 2–4× later), as a Task's work that waits for them: None when they
        come back from a process that died.  None when that process is dead already."""
        from app.check_apart import CheckProcess

        if not CHECK_APART:
            return None
        if self._apart is None:
            self._apart = CheckProcess()
        apart = self._apart
        if apart.dead:
            return None
        try:
            future = apart.submit(self.report)  # pickled now: the report may change next
        except ChildProcessError:
            self.message.emit(CHECK_PROCESS_LOST)
            return None

        def work(control: Control) -> list[Finding] | None:
            from app.check_apart import Stopped
            from ui.tasks import Cancelled

            try:
                found = apart.result(future, control.cancelled)
            except Stopped:  # the process closed: the window's, which wants no answer
                raise Cancelled from None
            except ChildProcessError:
                return None
            if found is None:  # cancelled (end_checks): never taken for a process that died
                raise Cancelled
            return found
        return work
