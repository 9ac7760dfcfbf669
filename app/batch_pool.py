"""The batch's worker processes (app/batch.py): a pool of spawned processes, each checking one
file at a time, ended at once — with any LibreOffice they run — when the batch is cancelled, the
parent goes away or a worker crashes (the file it had is then checked again alone).

What the pool runs must be a module-level function (spawn pickles it by name): the batch passes
``app.batch.check_file``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

    from app.batch import FileResult

R = TypeVar("R")

GROUPS_PREFIX = "nianbao-lo-groups-"  # a runner's records folder in the temporary folder
# How often a batch waiting for its workers looks whether it was cancelled: 取消 (or a window
# closed) ends the worker processes within about this, not when their current files are done.
CANCEL_POLL_S = 0.05
# (path, last year's figures or None[, cancelled]) → the file's result.
Check = Callable[..., "FileResult"]
# path → the result of a file whose own worker process died reading it.
Crashed = Callable[[str], "FileResult"]


def _warm_up(groups: str | None = None) -> None:
    """Import the readers and checks once per worker, not on its first file.  Ctrl+C on the
    terminal reaches every process of the group: the parent stops the batch with one line, the
    workers leave it to the parent instead of each printing a traceback.  Each worker leads a
    process group of its own (see ``kill_worker``).  A LibreOffice it converts with runs in a
    group of its own (app/office.py), which the worker stops when told to end (SIGTERM) or when
    its parent is gone, and writes down in ``groups`` for the parent to stop should the worker
    be killed outright."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setpgrp"):  # POSIX
        os.setpgrp()
    from app import office

    if groups is not None:
        office.record_groups_in(Path(groups))
        _private_temp(Path(groups))
    if hasattr(signal, "SIGKILL"):  # POSIX: SIGTERM is a request (on Windows it is TerminateProcess)
        signal.signal(signal.SIGTERM, _on_terminate)
    _leave_with_parent()
    from app import backstop

    backstop.arm()  # each file's read and checks bounded (app/batch.check_file): a hostile one ends alone
    from app import compile_cache

    # The readers' and checks' patterns from the compile cache for the worker's life (its tasks run
    # in this thread): compiled afresh they were ~100 ms of each worker's first file.  Never
    # released: what a worker meets new is left for the editor's and the command line's saves.
    compile_cache.hold()
    import app.checks
    import app.docx.reader  # noqa: F401


def _on_terminate(_signum: int, _frame: object) -> None:
    """SIGTERM (the batch ending its workers, or concurrent.futures ending a broken pool's):
    the worker's conversions stopped, then the worker ends.  From a thread: the handler may have
    interrupted this very thread starting a conversion (app.office's lock held); the thread
    waits for it to be recorded, then stops it."""
    import threading

    threading.Thread(target=_end_worker, name="end-worker", daemon=True).start()


def _end_worker() -> None:
    import shutil

    from app import office

    office.stop_all()
    if _own_temp is not None:  # os._exit runs no with-block's cleanup: a converted copy of a user's file
        shutil.rmtree(_own_temp, ignore_errors=True)
    os._exit(1)


_own_temp: Path | None = None
TEMP_PREFIX = "tmp-"  # a worker's own temporary folder in its runner's records folder: tmp-PID


def _private_temp(groups: Path) -> None:
    """The worker's temporary files (a .doc converted for reading, an unpacked Word XML file:
    copies of the user's documents; LibreOffice's own) in a folder of its own inside the
    runner's: a worker ended mid-read (取消, SIGTERM: ``os._exit``; killed outright; on Windows
    TerminateProcess) cannot remove its with-blocks' folders, and the runner removes this one
    with its records (``_end_records``, ``end_pool``)."""
    global _own_temp
    import tempfile

    folder = groups / f"{TEMP_PREFIX}{os.getpid()}"
    try:
        folder.mkdir()
    except OSError:  # the system's temporary folder as before: only the cleanup is lost
        return
    _own_temp = folder
    tempfile.tempdir = str(folder)
    for name in ("TMPDIR", "TEMP", "TMP"):  # LibreOffice's lu*.tmp folders with the rest
        os.environ[name] = str(folder)


def _leave_with_parent() -> None:
    """A worker ends when the process that started it is gone (killed, SIGTERM, a crash), with
    the LibreOffice it may be running: it waits on work from its parent's queue for ever
    otherwise, holding the caller's stdout (`check DIR | tee` never ends) and the resource
    tracker with it.  multiprocessing's parent sentinel is a pipe the parent holds open (POSIX)
    or the parent's process handle (Windows): readable once the parent is gone."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    sentinel = parent.sentinel if parent is not None else None
    if sentinel is None:
        return

    def watch() -> None:
        wait([sentinel])
        from app import office

        office.stop_all()  # in groups of their own: not reached by the killpg below
        if hasattr(os, "killpg") and os.getpgrp() == os.getpid():  # our own group (``_warm_up``)
            with contextlib.suppress(OSError):
                os.killpg(os.getpid(), signal.SIGKILL)
        os._exit(1)

    threading.Thread(target=watch, name="leave-with-parent", daemon=True).start()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # Windows, macOS
        return max(1, os.cpu_count() or 1)


def most_jobs() -> int:
    """The most worker processes a batch starts, whatever was asked: each is a Python with the
    readers and checks loaded (some 37 MB after a file), and `--jobs 99999` over a folder of 2,000
    reports started 2,000 of them.  Four a core (a worker also waits on a disk, a share or
    LibreOffice); Windows' process pool takes no more than 61 (ValueError beyond)."""
    return min(4 * default_jobs(), 61 if sys.platform == "win32" else 256)



class Runner:
    """Runs ``check`` (app.batch.check_file; ``crashed`` says what became of a file whose worker died) in this process (jobs=1) or in a pool of spawned processes."""

    def __init__(self, jobs: int, check: Check, crashed: Crashed, apart: bool = False) -> None:
        """``apart``: a process even for jobs=1 (a window's work: on its thread the checks held
        the GIL that each call Qt makes into Python waits for)."""
        self.jobs = jobs
        self.apart = apart
        self.check = check
        self.crashed = crashed
        self.pool: ProcessPoolExecutor | None = None
        # Where the workers write down the LibreOffice conversions they run (app/office.py):
        # a worker that dies (killed, out of memory) cannot stop its own.  Made with the first
        # pool, removed when the runner ends, however it ends (see ``_ending_signals``).
        self.groups: Path | None = None
        self._signalled: list[int] = []  # an ending signal that came while the pool ran
        self._handlers: dict[int, Any] = {}  # those signals' handlers before ours

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        try:
            if self.pool is not None:
                pool, self.pool = self.pool, None
                if exc_type is None and not self._signalled:
                    pool.shutdown(wait=True)
                else:  # interrupted (Ctrl+C, SIGTERM): the files being read are abandoned, their workers ended
                    end_pool(pool, self.groups)
        finally:
            if self.groups is not None:
                _end_records(self.groups)
                self.groups = None
            for signum, handler in self._handlers.items():
                signal.signal(signum, handler)
            self._handlers = {}
        if self._signalled and exc_type is None:
            raise SystemExit(128 + self._signalled[0])  # ended as the signal meant, nothing left behind

    def _ending_signals(self) -> None:
        """A command-line batch (`check DIR`) ended by SIGTERM, SIGHUP or SIGQUIT: by default the
        process would die on the spot and leave its records' folder behind (its workers leave
        with it).  While the pool runs such a signal only says "stop" (noticed within
        CANCEL_POLL_S): the pool is ended, the folder removed, then the process ends with
        128+signal.  Only signals nobody else handles (the editor handles its own; one ignored,
        as under nohup, stays ignored), and only on the main thread (the only one Python lets
        set a handler): in the editor the batch runs in a thread and ends with 取消 or quitting."""
        import threading

        if self._handlers or not hasattr(signal, "SIGKILL") or threading.current_thread() is not threading.main_thread():
            return
        for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
                self._handlers[signum] = signal.signal(signum, lambda got, _frame: self._signalled.append(got))

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        import tempfile

        self._ending_signals()  # before the folder: a signal from now on leaves none behind
        if self.groups is None:
            self.groups = Path(tempfile.mkdtemp(prefix=GROUPS_PREFIX))
        return spawn_pool(workers, _warm_up, str(self.groups))

    def map(self, work: list[tuple[int, str, dict[str, Any] | None]],
            stop: Callable[[], bool]) -> Iterable[tuple[int, FileResult]]:
        """(index, result) as each comes in (any order in a pool); none more once ``stop()``
        or an ending signal came (``_ending_signals``)."""
        def halted() -> bool:
            return bool(self._signalled) or stop()

        if halted():
            return
        if self.jobs == 1 and not self.apart:
            for i, path, last in work:
                if halted():
                    return
                yield i, self.check(path, last, halted)
            return
        if not work:
            return
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        try:
            if self.pool is None:
                self.pool = self._new_pool(self.jobs)
            futures: dict[Future[FileResult], tuple[int, str, dict[str, Any] | None]] = {
                self.pool.submit(self.check, path, last): (i, path, last) for i, path, last in work
            }
        except OSError:  # no process allowed (a locked-down desktop): the first submit starts them
            if self.jobs != 1 or not self.apart:
                raise
            if self.pool is not None:
                end_pool(self.pool, self.groups)
                self.pool = None
            self.apart = False  # in this process, as a one-core run always was
            yield from self.map(work, stop)
            return
        crashed: list[tuple[int, str, dict[str, Any] | None]] = []
        pending = set(futures)
        while pending:
            # Not as_completed: that waits for the next file however long it takes, and 取消
            # would wait with it.
            done, pending = wait(pending, timeout=CANCEL_POLL_S, return_when=FIRST_COMPLETED)
            for fut in sorted(done, key=lambda f: futures[f][0]):
                if halted():
                    break
                try:
                    yield futures[fut][0], fut.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory): find which file
                    crashed.append(futures[fut])
                except Exception:  # the worker's result never came back whole (check never raises:
                    # its result too big to send, the memory ceiling reached while sending it)
                    yield futures[fut][0], self.crashed(futures[fut][1])
            if halted():
                end_pool(self.pool, self.groups)
                self.pool = None
                return
        if crashed:
            end_pool(self.pool, self.groups)  # the dead worker's LibreOffice with the others
            self.pool = None
            for i, path, last in sorted(crashed):
                if halted():
                    return
                alone = self._alone(path, last, halted)
                if alone is None:
                    return
                yield i, alone

    def _alone(self, path: str, last: dict[str, Any] | None, stop: Callable[[], bool]) -> FileResult | None:
        """A file that was in a crashed pool, checked in a process of its own (None: cancelled)."""
        from concurrent.futures.process import BrokenProcessPool

        pool = self._new_pool(1)
        try:
            future = pool.submit(self.check, path, last)
            while not stop():
                try:
                    return future.result(timeout=CANCEL_POLL_S)
                except TimeoutError:
                    continue
                except BrokenProcessPool:
                    return self.crashed(path)
            return None
        finally:
            end_pool(pool, self.groups)


# How long workers told to end (SIGTERM) have to stop their LibreOffice and go, before they are
# killed: a worker waiting on a conversion answers within office.CANCEL_POLL_S.
TERMINATE_GRACE_S = 1.0


def end_pool(pool: ProcessPoolExecutor, groups: Path | None = None) -> None:
    """End a pool now, its workers too, whatever they are reading, with any LibreOffice they
    run, and wait until they are gone: no process of a cancelled batch outlives it.  (Shutting
    down only cancels the files not yet started; a worker in the middle of one would go on until
    it is done.)  ``groups``: where the workers wrote down their conversions (Runner.groups)."""
    # Before Python 3.14's terminate_workers the executor has no public way to end busy workers;
    # its own answer to a worker that dies is to end and join the others, which shutdown waits for.
    procs = list((getattr(pool, "_processes", None) or {}).values())
    if hasattr(signal, "SIGKILL"):  # POSIX: asked first, to stop their conversions themselves
        from multiprocessing.connection import wait

        for proc in procs:
            with contextlib.suppress(ValueError, OSError):
                proc.terminate()
        deadline = time.monotonic() + TERMINATE_GRACE_S
        waiting = [proc.sentinel for proc in procs if _has_sentinel(proc)]
        while waiting and (left := deadline - time.monotonic()) > 0:
            ready = wait(waiting, timeout=left)
            waiting = [s for s in waiting if s not in ready]
    for proc in procs:
        kill_worker(proc)
    if groups is not None:  # a worker killed outright (by us just now, or by the system)
        import shutil

        from app import office

        office.stop_recorded(groups)
        for proc in procs:  # its temporary files, now that nothing holds them open
            if proc.pid is not None:
                shutil.rmtree(groups / f"{TEMP_PREFIX}{proc.pid}", ignore_errors=True)
    pool.shutdown(wait=True, cancel_futures=True)


def _has_sentinel(proc: BaseProcess) -> bool:
    try:
        proc.sentinel  # noqa: B018 - raises once the process object is closed
    except ValueError:
        return False
    return True


def _end_records(groups: Path) -> None:
    """The conversions written down in ``groups`` stopped and the folder removed: ours alone,
    made by this runner (another batch's folder is never looked at: its owner's pid may be
    reused by now)."""
    import shutil

    from app import office

    office.stop_recorded(groups)
    with contextlib.suppress(OSError):
        for entry in os.scandir(groups):  # anything else in it (stop_recorded removed the records)
            if entry.name.startswith(TEMP_PREFIX) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)  # a worker's temporary folder
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        groups.rmdir()


def kill_worker(proc: BaseProcess) -> None:
    pid = proc.pid
    if pid is None:
        return
    if hasattr(os, "killpg"):  # the worker's group: whatever else it started in it
        try:
            os.killpg(pid, signal.SIGKILL)
            return
        except (ProcessLookupError, PermissionError):
            pass  # not its own group yet (still starting): it has started nothing either
    elif proc.exitcode is None:  # Windows: the worker's tree, a LibreOffice it converts with too
        from app import office

        office.stop_group(pid)
    with contextlib.suppress(ValueError, OSError):  # already ended and closed
        proc.kill()


def run_apart(work: Callable[..., R], *args: object) -> R:
    """``work(*args)`` (a module-level function) in a spawned process of its own: its result, or
    its exception raised here; ChildProcessError when the process died (killed, out of memory).

    For long pure-Python work a window starts: on a thread of the window's own process it holds
    the GIL, which each of the thousands of short calls a repaint makes into Python (a list's
    data()) must wait for in turn — measured, a summary of 4,000 findings written on a thread
    kept the batch window from answering for 1.4 s.  A process costs ~0.3 s to start.  The
    process ends when the work does, the caller's interpreter waiting for it at exit: what was
    asked for is written."""
    from concurrent.futures.process import BrokenProcessPool

    with spawn_pool(1, window_process_start) as pool:
        try:
            return pool.submit(work, *args).result()
        except BrokenProcessPool as e:
            raise ChildProcessError(str(e)) from e


def spawn_pool(workers: int, initializer: Callable[..., object], *initargs: object) -> ProcessPoolExecutor:
    """A pool of spawned processes: the batch's workers, a window's check process, run_apart's.
    spawn everywhere: the same behaviour on Windows, and no fork of a process with Qt's threads.
    (Imported here: checking one file never starts a pool, and multiprocessing with
    concurrent.futures is ~15 ms of every `check FILE`'s start.)"""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from app import jobobject

    # Windows: each process joins the editor's kill-on-close job before its own start (app/jobobject.py)
    start: tuple[Any, ...] = (jobobject.for_children(), initializer, *initargs)
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_in_job, initargs=start)


def _in_job(job: str | None, initializer: Callable[..., object], *initargs: object) -> None:
    """A spawned process's start: into its parent's job (Windows; nothing elsewhere), then its own."""
    if job is not None:
        from app import jobobject

        jobobject.join(job)
    initializer(*initargs)


def window_process_start() -> None:
    """The start of each process a window runs work in (its check process, run_apart's): Ctrl+C
    in the terminal the window was started from is the window's to answer, and the process ends
    with the window's — killed (SIGKILL, the out-of-memory killer, a crash), it leaves no process
    waiting on its queue for ever (run_apart's did: it started with the Ctrl+C half only)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _leave_with_parent()
