"""Start-up: the methods ``dataclasses`` writes for every dataclass, compiled once, not at every start.

Python 3.11's ``dataclasses`` makes each class's ``__init__``, ``__eq__``, ``__hash__``… by
compiling generated source text with ``exec``; the editor creates some forty dataclasses before
its window holds a report, and compiling their methods is ~15 ms of every start.  The source
text alone decides the code (the class's namespace is given when the code runs), so the
compiled code is kept, as ``.pyc`` files keep a module's, in a cache file keyed by the text and
the Python version.  ``install()`` makes ``dataclasses`` compile through the cache; a missing,
unreadable, truncated, damaged (its checksum: ``_SEAL``) or foreign cache is only a slower start, and it is written (whole, under a
temporary name) at exit, when a class was new or the file held methods no longer needed.

Every process reads the whole file, so the file holds what this program version needs, not
what every version ever compiled: each entry names the modules whose classes used it, and a
process that declared a module's classes (imported it) drops that module's entries it did not
use — an older version's methods go at the first run of the new one.  Entries of modules a
process never imported (another command's, the editor's) are kept, unless no process that saved
has used them for ``KEEP_SAVES`` saves (a module since renamed or deleted).

Two installations on one PC (an old version beside a new one, the .deb and a bundle) would drop
each other's methods at every start, so each has a file of its own (named by its program
folder); a save removes other installations' files unwritten for ``OTHERS_DAYS`` days and all
but the ``OTHERS_KEPT`` newest (an installation removed long ago).  Two processes saving at once
take turns (``locked``): each merges what the other wrote, and a reader sees a whole file, the old
or the new, never half of one; a process that cannot take its turn soon does not save, which
only costs the next start time.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import errno
import marshal
import os
import stat
import sys
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import CodeType
from typing import Any

MAX_ENTRIES = 4000  # a safety net only (the program's classes are ~300); beyond it only the used stay
KEEP_SAVES = 32  # saves an entry of a module no saver imported survives unused (see the docstring)
# Bytecode and re's programs are per Python build: each cache file names the one it is for.
VERSION = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}-{sys.hexversion}"
OTHERS_KEPT = 4  # other installations' (and Python builds') files kept beside this one's, the newest
OTHERS_DAYS = 90  # an other installation's file unwritten this long goes (it is rewritten if still used)
LOCK_WAIT = 2.0  # seconds a save waits for another process's; then it leaves the file as it is
LOCK = ".lock"  # the caches' folder's lock file (``locked``): one for both caches


def _installation() -> str:
    """This installation's program folder as 8 hex digits: its own cache file's name."""
    return f"{zlib.crc32(os.fsencode(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))):08x}"


# The file's layout; a file of an earlier layout is never read, and removed at the next save
# (v2's, one for every installation, as other installations' files are: it may be an old one's).
_NAME = f"dataclasses-v3-{VERSION}-{_installation()}.bin"
_OLD_NAMES = (f"dataclasses-{VERSION}.bin",)  # {source: code}, every version's classes, up to 4000

Entry = tuple[CodeType, tuple[str, ...], int]  # the code, the modules that used it, the save it was last used in


def cache_file() -> Path:
    """Beside the user's other caches (NIANBAO_CACHE_DIR for tests and portable installs)."""
    base = os.environ.get("NIANBAO_CACHE_DIR")
    if base:
        return Path(base) / _NAME
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "nianbao"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nianbao"
    return root / _NAME


def load(path: Path) -> Any:
    """What ``save`` wrote to ``path``; None when there is none or it is not marshal data."""
    return read_marked(path)[0]


def read_marked(path: Path) -> tuple[Any, tuple[int, ...] | None]:
    """``load``'s value, and which file it came from (None: none): a later look at ``path``
    with the same answer is the same file, unchanged (``save`` replaces it, never rewrites it)."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read()
    except OSError:
        return None, None
    body = _unsealed(data)
    if body is None:
        return None, None  # damaged, or not ours: compiled as usual, written anew
    try:
        return marshal.loads(body), (st.st_ino, st.st_size, st.st_mtime_ns)
    except Exception:  # SystemError, MemoryError from a damaged code object: no cache either
        return None, None


# A cache file: this mark, the crc32 of the rest (4 bytes, little-endian), the marshal data.  A few
# bits flipped (a bad sector, a backup tool restoring a mixed copy) gave marshal a code object it
# refused with SystemError, or took with other names or bytecode that ran as a class's __init__:
# every start died with a Python traceback, the file never replaced (rev25b S8).  Checked before
# anything is unmarshalled; an older layout's file has no mark and is no cache.  The first byte
# is no marshal type: an older version reading this file takes it as not its own.
_SEAL = b"\x00nianbao-cache-1\x00"


def _sealed(body: bytes) -> bytes:
    return _SEAL + zlib.crc32(body).to_bytes(4, "little") + body


def _unsealed(data: bytes) -> bytes | None:
    """The marshal data of a cache file, None when the file is not whole and unchanged."""
    head = len(_SEAL) + 4
    if len(data) < head or not data.startswith(_SEAL):
        return None
    body = data[head:]
    return body if zlib.crc32(body) == int.from_bytes(data[len(_SEAL):head], "little") else None


def file_mark(path: Path) -> tuple[int, ...] | None:
    """Which file ``path`` is now (inode, size, time), as ``read_marked`` gives it; None: none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def save(path: Path, value: Any) -> None:
    """``value`` marshalled into ``path`` whole, under a temporary name first: another instance
    may write at once, and a reader sees the old file or the new one, never half.  A read-only
    home (or a value marshal refuses) leaves the old file: the next start compiles again."""
    import tempfile  # here: with shutil and random it is ~2 ms of every start, and saving is rare

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _empty_folder_gone(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_sealed(marshal.dumps(value)))
            _replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass


def _replace(tmp: str, path: Path, tries: int = 5) -> None:
    """``os.replace``, tried again a few times when refused: on Windows a file another process
    is reading (its start reading the cache, for a few ms) cannot be replaced until it is closed."""
    for _ in range(tries - 1):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            time.sleep(0.02)
    os.replace(tmp, path)


@contextmanager
def locked(path: Path, wait: float = LOCK_WAIT, name: str = LOCK) -> Iterator[bool]:
    """Inside, no other process holds the lock of ``path``'s folder (True), or it could not be had
    within ``wait`` seconds (False).  The operating system's lock on the file ``name`` there: a
    process that dies holding it releases it.  The file stays (removing it would let two lock two
    files).  ``name``: another file's, for another store's lock (app/review_marks.py)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _empty_folder_gone(path.with_name(name))
        fd = os.open(path.with_name(name), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + wait
        while not (taken := _lock(fd, True)):
            # (a folder whose file system takes no locks — a network home without its lock
            # service — is no turn to wait for: 最近打开's write held the window 2 s each time)
            if taken is None or time.monotonic() > deadline:
                yield False
                return
            time.sleep(0.005)
        try:
            yield True
        finally:
            _lock(fd, False)
    finally:
        os.close(fd)


def _empty_folder_gone(path: Path) -> None:
    """An empty folder where a cache's file or its lock should be (made by hand, a backup tool,
    a program that mistook the name) taken away: it was never replaced, and every start compiled
    afresh for good (state31).  One holding anything is left: never a user's files.  A save is
    rare: the look costs no start."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            os.rmdir(path)
    except OSError:  # none there (the usual case), or not empty
        pass


def _lock(fd: int, take: bool) -> bool | None:
    """Take (without waiting) or give back the lock on the file ``fd``: whether it was done, or
    None when the file system takes no locks at all (another process holding it is False)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK if take else msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, (fcntl.LOCK_EX | fcntl.LOCK_NB) if take else fcntl.LOCK_UN)
    except OSError as e:
        return False if e.errno in _HELD_ELSEWHERE else None
    return True


# How a lock another process holds is refused (flock: EWOULDBLOCK; msvcrt.locking: EACCES, or
# EDEADLOCK once its own ten tries are spent); any other refusal (ENOLCK, EOPNOTSUPP, EINVAL)
# is a file system that takes no locks.
_HELD_ELSEWHERE = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK,
                             getattr(errno, "EDEADLOCK", errno.EDEADLK)})


def _prune(path: Path) -> None:
    """Other installations' files beside ``path`` that are old, or too many (the docstring)."""
    others = []
    for other in path.parent.glob("dataclasses-*.bin"):
        try:
            if other.name != path.name:
                others.append((other.stat().st_mtime, other))
        except OSError:
            continue
    others.sort(reverse=True)
    old = time.time() - OTHERS_DAYS * 86400
    for n, (written, other) in enumerate(others):
        if n >= OTHERS_KEPT or written < old or other.name in _OLD_NAMES:
            with suppress(OSError):
                other.unlink()


def _entries(loaded: Any) -> tuple[int, dict[str, Any]]:
    """The save count and the entries of a loaded file; (0, {}) for anything else.  The entries
    themselves are checked when used: checking every one here would cost each start."""
    if (isinstance(loaded, tuple) and len(loaded) == 2 and isinstance(loaded[0], int)
            and isinstance(loaded[1], dict)):
        return loaded[0], loaded[1]
    return 0, {}


def _entry(value: Any) -> Entry | None:
    """``value`` when it is an entry as ``_Cache.save`` writes it, else None."""
    if (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], CodeType)
            and isinstance(value[1], tuple) and isinstance(value[2], int)):
        return value
    return None


class _Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        loaded, self.read_from = read_marked(path)
        self.saves, self.codes = _entries(loaded)
        self.used: dict[str, tuple[CodeType, set[str]]] = {}  # compiled or taken here; the modules that used it
        self.modules: set[str] = set()  # modules whose classes this process declared
        self.new = False
        self.hits = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            # dataclasses runs every method's text in its class's module (in {} when the module
            # is not in sys.modules): the entry is kept for the modules that use it.
            module = globals.get("__name__") if isinstance(globals, dict) else None
            used = self.used.get(source)
            if used is None:
                entry = _entry(self.codes.get(source))
                if entry is None:
                    code = compile(source, "<string>", "exec")
                    self.new = True
                else:
                    code = entry[0]
                    self.hits += 1
                used = self.used[source] = (code, set())
            if isinstance(module, str):
                self.modules.add(module)
                used[1].add(module)
            source = used[0]
        builtins.exec(source, globals, locals)

    def _kept(self, codes: dict[str, Any], saves: int) -> dict[str, Entry]:
        """Of the entries of a file, those this process has no reason to drop (nor used)."""
        kept = {}
        for source, value in codes.items():
            entry = _entry(value)
            if entry is None or source in self.used:
                continue
            if entry[1] and self.modules.issuperset(entry[1]):
                continue  # its modules' classes were all declared here without it: an older version's
            if entry[2] <= saves - KEEP_SAVES:
                continue  # no saver used it for KEEP_SAVES saves: its module renamed or deleted
            kept[source] = entry
        return kept

    def stale(self) -> bool:
        """Whether the file read at the start holds entries that are no longer needed."""
        return len(self._kept(self.codes, self.saves + 1)) + len(self.used) != len(self.codes)

    def save(self) -> None:
        """Written when a class was new, or the file held what is no longer needed.  Another
        instance may have saved since this one started: its entries are merged, not lost."""
        if not self.new and not self.stale():
            return
        with locked(self.path) as turn:
            if turn:
                self._save()
        if self.path.name == _NAME:
            _prune(self.path)

    def _save(self) -> None:
        """``save``'s merge and write, while no other process does its own (``locked``)."""
        # Another instance (the file's reading child, another window, an export) may have
        # replaced the file since the start: then what it kept is what is kept (it read what this
        # one read, or later), and what it dropped stays dropped.  Reread only then: 4.7 MB of
        # an older version's methods cost as much to read twice as once.
        if self.read_from is not None and file_mark(self.path) == self.read_from:
            disk_saves, disk = self.saves, self.codes
        else:
            disk_saves, disk = _entries(load(self.path))
        saves = max(self.saves, disk_saves) + 1
        kept = self._kept(disk, saves)
        if len(kept) + len(self.used) > MAX_ENTRIES:
            kept = {}
        for source, (code, here) in self.used.items():
            # The modules that used it here, and those of before that this process did not import.
            before = _entry(disk.get(source)) or _entry(self.codes.get(source))
            others = {m for m in before[1] if isinstance(m, str) and m not in self.modules} if before else set()
            kept[source] = (code, tuple(sorted(here | others)), saves)
        save(self.path, (saves, kept))
        self.saves, self.codes, self.new, self.read_from = saves, dict(kept), False, file_mark(self.path)


_installed: _Cache | None = None


def save_installed() -> None:
    """The installed cache saved now, for a process that ends without exit handlers (the file's
    reading child, forked at the editor's start: the readers' classes are declared only there,
    so only it can tell their old versions' methods).  Never raises: it runs before ``os._exit``."""
    try:
        if _installed is not None:
            _installed.save()
    except BaseException:  # a cache is never worth a child that does not end
        pass


def install(path: Path | None = None) -> _Cache:
    """From now on, dataclasses compile their methods through the cache (once per process)."""
    global _installed
    if _installed is None:
        _installed = _Cache(path or cache_file())
        dataclasses.exec = _installed.exec  # type: ignore[attr-defined]  # the module's name for exec
        atexit.register(_installed.save)
    return _installed
