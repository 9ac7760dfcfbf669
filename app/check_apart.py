"""The checks of a huge report in a process of its own, kept warm between checks.

A window whose report is too long to check while a key waits (ui/state.py) used to check it on
a worker thread; for the seconds that pure Python runs, every call Qt makes into Python on the
GUI thread (an event filter, a highlighter's block, a model's data()) waits its turn for the GIL,
and a keystroke typed meanwhile was painted 2–4× later than in an idle window (measured by
benchmarks/bench_busy_window.py).  Here the checks run in a spawned process, which shares no GIL
with the window.

The process keeps the last text it was sent: each check sends only the paragraphs that are new
since (the editor writes changed text back as new Paragraph objects and keeps the others), so a
keystroke in a million characters pickles one paragraph, not the report — pickled whole, a
report of 1 million characters took 130 ms of the GUI thread, in one call that holds the GIL.
Its caches (app.checks keeps results per paragraph text) stay warm too.
"""

from __future__ import annotations

import copy
import pickle
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from concurrent.futures import ProcessPoolExecutor

    from app.findings import Finding
    from app.report import Paragraph, Report

# In the process: the sections as last sent (a new delta's paragraph numbers refer to them).
_held: dict[str, list[Paragraph]] = {}


class Stopped(Exception):
    """A check whose process was closed before it answered: not wanted any more, not an error
    (the window closed, or its report is no longer huge)."""


class CheckProcess:
    """One process checking one window's report, the paragraphs it has already kept unsent.

    ``submit`` on one thread only (the GUI thread): the deltas must reach the process in the
    order they were made.  A process that died (killed, out of memory) is not started again:
    ``submit`` and ``result`` raise ChildProcessError from then on, and the caller checks in
    its own process.  Closed, it is not used again."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._sent: dict[str, list[Paragraph]] = {}  # the process's sections, as objects of ours
        self.dead = False
        self._closed = False

    def submit(self, report: Report) -> Future[list[Finding]]:
        """``report``'s checks started in the process.  What is sent is pickled here, at once:
        the report may change as soon as this returns."""
        if self.dead or self._closed:
            raise ChildProcessError("the check process died" if self.dead else "the check process was closed")
        from concurrent.futures.process import BrokenProcessPool

        rest = copy.copy(report)
        rest.sections = {}
        delta: dict[str, list[Paragraph | int]] = {}
        for key, paragraphs in report.sections.items():
            before = self._sent.get(key)
            if before is not None and len(before) == len(paragraphs) and all(
                    a is b for a, b in zip(before, paragraphs, strict=True)):
                continue
            # ``before`` is held (in _sent) while these ids are looked up: none is reused meanwhile.
            index = {id(p): i for i, p in enumerate(before or [])}
            delta[key] = [index.get(id(p), p) for p in paragraphs]
        payload = pickle.dumps((rest, delta, list(report.sections)), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            future = self._started().submit(_check, payload)
        except (BrokenProcessPool, RuntimeError, OSError) as e:  # died between checks; cannot start
            self._died()
            raise ChildProcessError(str(e)) from e
        self._sent = {key: list(paragraphs) for key, paragraphs in report.sections.items()}
        return future

    def result(self, future: Future[list[Finding]], stopped: Callable[[], bool],
               poll_s: float = 0.05) -> list[Finding] | None:
        """The findings (any thread), None when ``stopped()`` first; Stopped when the process
        was closed first (``close``: a check still queued is cancelled, the one running ended
        with its process); ChildProcessError when the process died.  An error of the checks
        themselves is raised as it was raised there."""
        from concurrent.futures import CancelledError
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        while not stopped():
            try:
                return future.result(timeout=poll_s)
            except FutureTimeout:
                continue
            except CancelledError:
                raise Stopped from None
            except BrokenProcessPool as e:
                if self._closed:  # ended by us, not died
                    raise Stopped from None
                self.dead = True
                raise ChildProcessError(str(e)) from e
        return None

    def pid(self) -> int | None:
        """The process's id (tests end it to see what the window does); None before the first check."""
        processes = getattr(self._pool, "_processes", None) or {}
        return next(iter(processes), None)

    def close(self) -> None:
        """The process ended now, whatever it is checking (the window's report is no longer
        checked there): its answers are not wanted any more.  Not shut down gracefully: that
        leaves the check under way, and the one already in its call queue, to run — and the
        interpreter's exit waits for them (6.85 s for a program quitting with 780,000
        characters, review15 L3).  Terminated, then killed after batch_pool's short grace."""
        pool, self._pool = self._pool, None
        self._sent = {}
        self._closed = True
        if pool is not None:
            from app.batch_pool import end_pool

            end_pool(pool)

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            from app.batch_pool import spawn_pool

            self._pool = spawn_pool(1, _warm_up)
            self._sent = {}
        return self._pool

    def _died(self) -> None:
        self.dead = True
        self._sent = {}


def _warm_up() -> None:
    """In the process, before its first check: Ctrl+C in the terminal is the window's to
    answer; the process ends with the window's (it would wait on its queue for ever); the
    checks imported and their patterns compiled."""
    from app import batch_pool, patterns

    batch_pool.window_process_start()
    import app.checks  # noqa: F401

    patterns.compile_all()


def _check(payload: bytes) -> list[Finding]:
    """In the process: the report put together from what it holds and what was sent, checked."""
    from app.checks import run_all

    global _held
    rest, delta, keys = pickle.loads(payload)
    sections: dict[str, list[Paragraph]] = {}
    for key in keys:
        if key in delta:
            old = _held.get(key, [])
            sections[key] = [old[p] if isinstance(p, int) else p for p in delta[key]]
        else:
            sections[key] = _held[key]
    _held = sections
    rest.sections = sections
    return run_all(rest)
