"""The report named on the command line, read and checked in a child process while the window
starts: start-up on two cores instead of one.

    prefetch.start(path)          # first thing, before Qt is imported (no thread exists yet)
    ...                           # the window is built meanwhile
    got = prefetch.take(path)     # (report, findings), or None: read it yourself

Why a child process: the window's start (importing Qt, building widgets) and the domain's
(importing python-docx and lxml, reading, the checks' first run) are each ~100 ms of Python
under one GIL; a thread could not overlap them, a process can.  On Linux the child is forked
before Qt is loaded (one thread: safe) and costs a millisecond; it inherits the interpreter with
what is imported so far and hands back a pickled report and its findings (a few hundred kB)
through a pipe.  Where there is no ``fork`` (Windows; macOS, where forking is unsafe once
frameworks load) the child is a new process of the same program (``python -m app.prefetch`` or
the frozen program's ``--prefetch-child``), started before Qt too, writing into a temporary file:
it pays for its own interpreter, on the other core.  NIANBAO_PREFETCH=fork|spawn|off chooses.

Anything unusual falls back to the caller's own read, so every message the user can get stays
the one the ordinary path gives: no ``fork`` (Windows), not a zip file (a .doc renamed .docx
goes through LibreOffice, which the ordinary path can cancel), the file changed since, the
child failed, or it is taken for another file.  A child *killed* while reading (a crash in a
parser, the memory exhausted by a hostile file) is the one case not read again: the editor would
go down the same way, so the user gets one message instead.
"""

from __future__ import annotations

# pickle's C half alone (the same loads and dumps): pickle.py around it is 87 kB of bytecode and
# Python classes the editor's start would unmarshal and build only to hand the data to this one.
import _pickle as pickle
import contextlib
import os
import stat
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app import logger
from app.errors import ReadError

if TYPE_CHECKING:
    import subprocess

    from app.findings import Finding
    from app.report import Report

TOO_BIG = "读取时内存不足（文件内容过大，或文件已损坏），未能打开"
_POLL_S = 0.05  # how often a waiting reader looks at its cancel flag


class _Stamp(NamedTuple):
    """What identifies the file read: the same path, file, size and times."""

    path: str
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, path: Path) -> _Stamp | None:
        """None for what is not a regular file (a folder; a FIFO, whose opening would block the
        start before the window exists: the ordinary read, on its worker thread, says why)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        return cls(os.path.abspath(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class _Child:
    def __init__(self, pid: int, fd: int, stamp: _Stamp, life: int = -1) -> None:
        self.pid = pid
        self.fd = fd  # the read end of the pipe the child writes its result to
        self.life = life  # the write end of the child's life line (``_leave_with_parent``): closed, it is let go
        self.stamp = stamp
        self.chunks: list[bytes] = []  # read so far (``drain``, ``wait``)
        self.ended = False  # all of it read: the child closed its end
        self.status: int | None = None  # its wait status, once reaped

    def drain(self) -> bool:
        """Read what the child has written so far, never waiting; True once all of it is in."""
        os.set_blocking(self.fd, False)
        while not self.ended:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return False
            except OSError:  # closed (discarded): nothing more will come
                chunk = b""
            self.ended = not chunk
            self.chunks.append(chunk)
        return True

    def wait(self, cancelled: Callable[[], bool]) -> bytes | None:
        """The child's whole output; None when cancelled (the child is stopped).  Waits for the
        child to end, but not when its output had all arrived (``arrived``: the window's thread
        takes it) and it wrote some: it may still be writing its caches; reaped later (``tidy``)."""
        import select

        watched = self.ended
        while not self.ended:
            if cancelled():
                self.discard()
                return None
            ready, _, _ = select.select([self.fd], [], [], _POLL_S)
            if ready:
                self.drain()
        os.close(self.fd)
        self.let_go()
        data = b"".join(self.chunks)
        self.status = _reap(self.pid, block=not (data and watched))
        if self.status is None and data:
            _unreaped.append(self)
        self.killed()
        return data

    def killed(self, block: bool = False) -> None:
        """Raise Crashed when the child was killed (``block``: wait for its end to know)."""
        if self.status is None and block:
            self.status = _reap(self.pid, block=True)
        if self.status is not None and os.WIFSIGNALED(self.status):
            raise Crashed(os.WTERMSIG(self.status))

    def let_go(self) -> None:
        """The child's life line closed: it has written its result, or is being stopped."""
        if self.life >= 0:
            with contextlib.suppress(OSError):
                os.close(self.life)
            self.life = -1

    def discard(self) -> None:
        import signal

        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.let_go()
        if not _gone_soon(self):  # stuck (on a network drive?): never waited for on the window's thread
            _unreaped.append(self)

    def gone(self) -> bool:
        """Ended and reaped (by this call or an earlier one)."""
        try:
            done, _status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            return True
        return done != 0


class _Spawned:
    """A child started as a new process (no fork here); it writes its result into ``out``."""

    def __init__(self, process: subprocess.Popen[bytes], out: Path, stamp: _Stamp) -> None:
        self.process = process
        self.out = out
        self.stamp = stamp

    def wait(self, cancelled: Callable[[], bool]) -> bytes | None:
        while self.process.poll() is None:
            if cancelled():
                self.discard()
                return None
            time.sleep(_POLL_S / 5)
        code = self.process.returncode
        try:
            if code == 0:
                return self.out.read_bytes()
            if code != 1:  # 1: read error, said again by the ordinary read; else killed or crashed
                raise Crashed(-code if code < 0 else code)
            return None
        finally:
            self._remove_result()

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        if not _gone_soon(self):
            _unreaped.append(self)
        self._remove_result()

    def _remove_result(self) -> None:
        """The result file, and the one the child was writing it under when it was killed or
        crashed (app/prefetch_child.main: OUT.part, renamed when whole): a dead child's was
        left in the temporary folder, some MB a large report."""
        _remove(self.out)
        _remove(self.out.with_name(self.out.name + ".part"))

    def gone(self) -> bool:
        return self.process.poll() is not None


class Crashed(Exception):
    """The child was killed reading the file (a crash in a parser, the memory exhausted)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


_pending: _Child | _Spawned | None = None
_spare: bytes | None = None  # the last result taken, for spare()
_unreaped: list[_Child | _Spawned] = []  # stopped, not yet reaped: looked at again at each call
_lock = threading.Lock()  # take (a worker thread) and discard (the window's) swap _pending


def _swap(new: _Child | _Spawned | None = None) -> _Child | _Spawned | None:
    global _pending
    with _lock:
        old, _pending = _pending, new
        _unreaped[:] = [c for c in _unreaped if not c.gone()]
    return old


def mode() -> str:
    """'fork', 'spawn' or 'off' (NIANBAO_PREFETCH, else what this platform allows)."""
    chosen = os.environ.get("NIANBAO_PREFETCH", "")
    if chosen in ("spawn", "off") or (chosen == "fork" and supported()):
        return chosen
    return "fork" if supported() else "spawn"


def supported() -> bool:
    """Whether this platform can fork the child (else it is spawned)."""
    return hasattr(os, "fork") and sys.platform != "darwin"  # macOS: fork after frameworks is unsafe


def start(path: Path, *, check: bool = True) -> bool:
    """Start reading and checking ``path`` in a child process; False when it is left to the
    caller (see the module's notes).  Call before any thread is started (before Qt).
    ``check=False`` (`export --to .pdf`): read only, never spawned; ``take`` gives no findings."""
    discard()
    how = mode()
    if how == "off" or path.suffix.lower() != ".docx" or (how == "spawn" and not check):
        return False
    stamp = _Stamp.of(path)  # a stat, never an open: whatever the file is, the window comes first
    if stamp is None:
        return False
    if how == "spawn":
        spawned = _spawn(path, stamp)
        _swap(spawned)
        return spawned is not None
    _shared_imports()
    pipes: list[int] = []
    try:
        read_end, write_end = os.pipe()
        pipes += (read_end, write_end)
        life_end, life_line = os.pipe()  # the life line: held by this process alone (``_leave_with_parent``)
        pipes += (life_end, life_line)
        pid = os.fork()
    except OSError:
        for fd in pipes:
            with contextlib.suppress(OSError):
                os.close(fd)
        return False
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(read_end)
            os.close(life_line)
            from app import prefetch_child  # the child's side: never imported by the editor

            prefetch_child.leave_with_parent(life_end)
            code = prefetch_child.serve(path, write_end, check)
            from app import dataclass_cache

            dataclass_cache.save_installed()  # no exit handlers here; usually nothing to write
        finally:
            os._exit(code)  # no atexit handlers, no flushing the parent's buffered output twice
    os.close(write_end)
    os.close(life_end)
    _swap(_Child(pid, read_end, stamp, life_line))
    return True


def _shared_imports() -> None:
    """Before the fork, what the child and the editor both import before the window shows the
    report (its classes, the findings', the zip reader): imported once here and inherited, not a
    second time in the child — ~8 ms of CPU at every start that, on a PC whose other core is
    busy, the start waited for."""
    import zipfile  # noqa: F401

    from app import findings, lastyear, limits, report  # noqa: F401


def take(path: Path, cancelled: Callable[[], bool] = lambda: False) -> tuple[Report, list[Finding]] | None:
    """The report read from ``path`` by the child and its findings (run_all's), or None: read it
    yourself.  Waits for the child (polling ``cancelled``); taken once.  Raises ReadError when
    the child was killed reading it (a parser's crash, the memory exhausted): reading it again
    in the editor's process would end the editor."""
    child = _swap()
    if child is None:
        return None
    if _Stamp.of(path) != child.stamp:  # another file, or this one changed since
        child.discard()
        return None
    try:
        data = child.wait(cancelled)
        if not data:
            return None
        try:
            got = pickle.loads(data)
        except Exception:  # cut short: killed while writing it?  Then it has ended, or is ending
            if isinstance(child, _Child):
                child.killed(block=True)
            raise
    except Crashed as e:
        # Reading it again here would take the editor down the same way: one message instead.
        logger("nianbao.prefetch").warning("prefetch of %s: the reading process was killed by signal %d", path.name, e.signal_number)
        raise ReadError(f"{path}：读取时程序意外终止（文件可能已损坏，或内容过大），未能打开") from e
    except Exception:  # a child that died midway, a short pipe: the ordinary read says why
        logger("nianbao.prefetch").warning("prefetch of %s failed; reading it again", path.name, exc_info=True)
        return None
    if _Stamp.of(path) != child.stamp:  # changed while the child read it
        return None
    if not isinstance(got, tuple) or not got:
        return None  # not for the child (another kind of file): the ordinary read
    if got[0] == "error":  # the reader's own message: the same the ordinary read would give
        raise ReadError(str(got[1]))
    if got[0] == "too-big":
        raise ReadError(f"{path}：{TOO_BIG}")  # named as every other read error: the path given
    if got[0] == "ok" and len(got) == 3:
        global _spare
        _spare = data
        return got[1], got[2]
    return None


def spare() -> Report | None:
    """A second copy of the report last taken, unpickled now (once): for the editor's warm-up of
    the checks on a worker thread, which must not read the window's own copy."""
    global _spare
    data, _spare = _spare, None
    if data is None:
        return None
    got = pickle.loads(data)
    return got[1]  # type: ignore[no-any-return]


def drop_spare() -> None:
    """Let go of the copy spare() would give when nothing will ask for it (a huge report, whose
    warm-up does not read its text): it is a few MB, otherwise held until the next prefetch."""
    global _spare
    _spare = None


def discard() -> None:
    """Drop a prefetch nobody will take (the user chose a recovered document instead)."""
    child = _swap()
    if child is not None:
        child.discard()


def pending() -> bool:
    return _pending is not None


def pipe(path: Path) -> int | None:
    """The pipe the forked child reading ``path`` writes into (None: no such child): the window
    watches it and, once ``arrived``, calls ``take`` on its own thread instead of waiting on a
    worker for it — two thread hand-offs fewer before the report shows (~4.5 ms, ~20 under load)."""
    child = _pending
    if isinstance(child, _Child) and not child.ended and _Stamp.of(path) == child.stamp:
        return child.fd
    return None


def arrived() -> bool:
    """Whether the forked child's whole output has been read (what is there is read now, never
    waiting): ``take`` then returns without waiting.  False when there is no such child."""
    child = _pending
    return isinstance(child, _Child) and child.drain()


def arrived_bytes() -> int:
    """How much of the forked child's output has been read so far (0: no such child)."""
    child = _pending
    return sum(map(len, child.chunks)) if isinstance(child, _Child) else 0


def tidy() -> None:
    """Reap the children that ended since (a child still writing its caches when taken)."""
    with _lock:
        _unreaped[:] = [c for c in _unreaped if not c.gone()]


def _gone_soon(child: _Child | _Spawned, limit_s: float = 0.2) -> bool:
    """Whether a killed child has ended (and is reaped) within ``limit_s``: a killed process
    ends within a millisecond unless it waits on a device (a hung network drive)."""
    deadline = time.monotonic() + limit_s
    while not child.gone():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.002)
    return True


def _reap(pid: int, *, block: bool) -> int | None:
    """The child's wait status (None: already reaped, or still running without ``block``)."""
    try:
        done, status = os.waitpid(pid, 0 if block else os.WNOHANG)
    except ChildProcessError:
        return None
    return status if done else None


def _spawn(path: Path, stamp: _Stamp) -> _Spawned | None:
    import subprocess
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix="nianbao-prefetch-", suffix=".pickle")
        os.close(fd)
    except OSError:
        return None
    out = Path(name)
    if getattr(sys, "frozen", False):  # the frozen program answers --prefetch-child (build/entry.py)
        cmd = [sys.executable, CHILD_FLAG, str(path), str(out)]
    else:
        cmd = [sys.executable, "-m", "app.prefetch_child", str(path), str(out)]
    from app import jobobject

    job = jobobject.for_children()  # Windows: the child joins the job that ends it with the editor
    cmd += [job] if job else []
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console window flashing up
    try:
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, creationflags=flags)
    except OSError:
        _remove(out)
        return None
    return _Spawned(process, out, stamp)


CHILD_FLAG = "--prefetch-child"  # the frozen program's child (build/entry.py: app.prefetch_child.main)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()

