"""Owner files: who has a report open in the editor, as Word's “~$name.docx”.

Opening a file writes ``.nianbao-lock.<name>#`` beside it holding who has it open (user,
computer, process, time).  Another editor — a second window, another process, another computer
through a shared folder — finds it and asks before a second person edits the same file.

The name is our own: Word and WPS read “~$name” as their own owner file, and LibreOffice reads
“.~lock.name#”, so either name would make them report a lock in a format they cannot read;
and “.~…” names are the editor's own temporaries (app/io.py), removed when left by a crash.
A leading dot hides it on Linux (统信UOS/麒麟 file managers); on Windows it is marked hidden.

A lock is stale, and is replaced without asking, when its process is gone from this computer
(the editor crashed or was killed), when another computer's has not been refreshed for
``STALE_AFTER_S`` (an editor open there refreshes it every ``REFRESH_S``), or when it cannot be
read (an empty one too: nobody holds a lock that names no one).  Another computer's lock is aged
on the clock of the folder it is in — its file time against that of a file made there just now
(``app.fsclock``), both stamped by the file server — never this PC's clock against a
time another PC or the server wrote: two PCs' clocks differ, and a live lock must not be taken
over for it.  Its written time is that PC's clock, shown and never compared with ours.
A folder where no lock can be written (read-only, a CD, a share without write rights) simply
has none.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import stat
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from app.limits import bounded_int, epoch_time, state_json
from app.names import same_file, this_host, this_machine

PREFIX = ".nianbao-lock."
SUFFIX = "#"
APP = "nianbao"
REFRESH_S = 30 * 60  # an editor keeps its locks fresh this often
STALE_AFTER_S = 12 * 3600  # another computer's lock not refreshed for this long was left by a crash
_MAX_NAME_BYTES = 255  # a file name's limit on every file system we meet
_FILE_ATTRIBUTE_HIDDEN = 0x2
_START_MARGIN_S = 120
_LATEST_FOREIGN = 32503680000.0  # 3000-01-01: another computer's clock may be wrong, not by centuries
_MAX_PID = 2**31  # pid_t: what a process number can be anywhere
_HELD: dict[str, Path] = {}  # this process's locks (one per window): token -> lock file


@dataclass(frozen=True)
class Owner:
    """Who holds a lock: as written into the lock file."""

    user: str
    host: str
    pid: int
    time: float  # seconds since the epoch, when it was written or last refreshed
    token: str  # one per lock: two windows of one process are two owners
    app: str = APP
    touched: float = 0.0  # the lock file's time (refreshed while the editor is open); not written
    where: str = ""  # the lock file it was read from ("": made by hand); not written
    machine: str = ""  # app.names.this_machine of the computer that wrote it ("": an older version's)
    # Linux: the process as the kernel knows it — this boot's id and the process's start in clock
    # ticks since boot, neither moved by setting the clock ("" / 0: not known, an older version's).
    boot: str = ""
    ticks: int = 0

    def written(self) -> bytes:
        data = asdict(self)
        del data["touched"], data["where"]
        return json.dumps(data, ensure_ascii=False).encode("utf-8", "replace")  # a user name not UTF-8

    def describe(self) -> str:
        """“张三，计算机 PC-01，11月30日 09:12 打开”; never raises (the time is one ``_owner_in``
        took, but an Owner can be made by anyone)."""
        user, host = _shown(self.user) or "另一位用户", _shown(self.host) or "未知"
        try:
            when = dt.datetime.fromtimestamp(self.time)
        except (ValueError, OverflowError, OSError):
            return f"{user}，计算机 {host}，打开时间不详"
        return f"{user}，计算机 {host}，{when.month}月{when.day}日 {when:%H:%M} 打开"

    def on_this_computer(self) -> bool:
        """Its host's name is this computer's, and so is the machine's identity where both say one
        (another PC of the same name: its lock is judged by its age, never by our processes)."""
        if self.host.casefold() != this_host().casefold():
            return False
        here = this_machine()
        return not (self.machine and here) or self.machine == here


SHOWN_CHARS = 40  # of a user's or computer's name in a question: more is a forged or broken file


def _shown(name: str) -> str:
    """A name from an owner file (anyone's, up to 64 KB) as a question line shows it: one line,
    at most SHOWN_CHARS characters — a 20,000-character name made the question 14,568 px tall,
    its buttons off the screen (rev25b S14)."""
    line = " ".join(name.split())  # line breaks, tabs and control spacing: one line
    line = "".join(c for c in line if c.isprintable())
    return line if len(line) <= SHOWN_CHARS else line[:SHOWN_CHARS - 1] + "…"


def this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return ""


def lock_path(document: Path) -> Path:
    """The owner file of ``document``: beside it, hidden, its name within the file system's limit.
    Beside the file itself however it was reached — through a symbolic link to it or to a folder
    above it, a “..”, a relative name — so that every route finds one owner file: opened through
    a link on the desktop, a second editor was never asked (rev23 L1).  (A hard link is a name of
    its own, found by ``live_owner`` when the file has other names in its folder.)"""
    document = _real(document)
    name = document.name
    # Bytes as the file system has them (os.fsencode): a name that is not UTF-8 (a Windows zip's
    # GBK name, unzipped on Linux) holds lone surrogates that .encode("utf-8") refuses.
    raw = os.fsencode(name)
    if len(os.fsencode(PREFIX + SUFFIX)) + len(raw) > _MAX_NAME_BYTES:
        import hashlib  # here: only for a long name; hashlib (OpenSSL) is ~3 ms of the editor's start

        digest = hashlib.sha1(raw).hexdigest()[:12]
        room = _MAX_NAME_BYTES - len(os.fsencode(PREFIX + SUFFIX)) - len(digest) - 1
        name = raw[:room].decode("utf-8", "ignore") + "~" + digest
    return document.with_name(PREFIX + name + SUFFIX)


def _real(document: Path) -> Path:
    """The file ``document`` names, links followed (as app.io's atomic_write writes it); the name
    as given when the system refuses to look at it."""
    try:
        return Path(os.path.realpath(document))
    except (OSError, ValueError):
        return document


# A lock holds a few hundred bytes of JSON; more is no lock of ours.
_MAX_LOCK_BYTES = 64 * 1024


def _lock_bytes(path: Path) -> bytes:
    """A lock file's bytes, read without waiting and within _MAX_LOCK_BYTES.  The lock sits in
    a folder someone sent (a shared drive, an unpacked archive, which restores symbolic links):
    one that is a FIFO kept the window's open waiting for ever, a link to /dev/zero read until
    the memory ran out.  OSError when it is no regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return fh.read(_MAX_LOCK_BYTES + 1)


def read_owner(document: Path) -> Owner | None:
    """The owner written in ``document``'s lock; None when there is none or it cannot be read."""
    return _owner_in(lock_path(document))


def _owner_in(path: Path) -> Owner | None:
    """The owner the lock file ``path`` names; None when it cannot be read or is none of ours
    (app.limits.state_json: too long, malformed, nested past any lock: rev23 M5)."""
    try:
        data = state_json(_lock_bytes(path), _MAX_LOCK_BYTES)
        # The pid within what os.kill takes (1e400 raised OverflowError: rev23 M5); the time finite
        # and not far ahead — a NaN or year-10000 lock from another computer was never stale and
        # raised describing it (rev25b S2).  Either out of range: no lock of ours.
        # Another computer's time is its clock's, which may run days ahead of ours: bounded by
        # the year 3000 only (a PC two days fast had its live lock read as nobody's and taken).
        host = str(data["host"])
        latest = time.time() if host.casefold() == this_host().casefold() else _LATEST_FOREIGN
        pid, when = bounded_int(data["pid"], 1, _MAX_PID - 1), epoch_time(data["time"], latest)
        if pid is None or when is None:
            return None
        return Owner(user=str(data["user"]), host=host, pid=pid, time=when, token=str(data["token"]),
                     app=str(data.get("app", APP)), touched=path.stat().st_mtime, where=str(path),
                     machine=str(data.get("machine") or "")[:16], boot=str(data.get("boot") or "")[:64],
                     ticks=bounded_int(data.get("ticks"), 0, 2**62) or 0)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def is_stale(owner: Owner, now: float | None = None) -> bool:
    """Whether a lock was left behind (see the module's docstring)."""
    if not owner.on_this_computer():
        quiet = unconfirmed_for(owner, now)
        return quiet is not None and quiet > STALE_AFTER_S
    if owner.pid == os.getpid():
        return owner.token not in _HELD  # a window of this process that has let it go
    if owner.boot and owner.ticks and owner.boot == _boot_id():
        # The same process, whatever the clock did since: a clock set forward two minutes made a
        # live editor's lock look older than its process, and it was taken over (rev25b S5).
        # Not to be seen (/proc mounted hidepid, another user's process): asked as before.
        ticks = _start_ticks(owner.pid)
        if ticks is not None:
            return ticks != owner.ticks
    return not process_alive(owner.pid, owner.time)


def unconfirmed_for(owner: Owner, now: float | None = None) -> float | None:
    """How long another computer's editor has not refreshed its lock, in seconds: the lock file's
    time against the time of a file made beside it now (the server's clock for both); None when
    that cannot be told — a clock behind the lock's (the server's time was set back), which is
    taken as live.  Where nothing can be made beside it (a read-only folder, where no lock can
    be taken over either) or the owner names no file, this PC's clock stands in."""
    fs_now = None
    if owner.where:
        from app.fsclock import folder_clock  # only for another computer's lock
        from app.io import temp_name

        fs_now = folder_clock(Path(owner.where).parent, temp_name())
    if fs_now is None:
        fs_now = time.time() if now is None else now
        return fs_now - max(owner.time, owner.touched) if not owner.where else fs_now - owner.touched
    quiet = fs_now - owner.touched
    return quiet if quiet >= -_START_MARGIN_S else None


def quiet_note(owner: Owner) -> str:
    """For the question about another computer's live lock: how long its editor has not said it
    is still there, when that is more than two refreshes (by the folder's clock, as
    ``unconfirmed_for``) — it may have crashed or its PC been switched off, which only the user
    can find out; "" otherwise (this computer's locks are judged by their process)."""
    if owner.on_this_computer():
        return ""
    quiet = unconfirmed_for(owner)
    if quiet is None or quiet < 2 * REFRESH_S + 300:
        return ""
    hours = int(quiet // 3600)
    said = f"约 {hours} 小时" if hours >= 2 else f"约 {int(quiet // 60)} 分钟"
    return (f"对方的编辑器已{said}没有确认仍在使用（打开期间每 {REFRESH_S // 60} 分钟确认一次），"
            "可能已异常退出或那台计算机已关机；确认对方没有在编辑后，可以仍然打开。")


def live_owner(document: Path) -> Owner | None:
    """The live lock on ``document`` (another editor's, or another window's here), else None."""
    owner = read_owner(document)
    if owner is None or is_stale(owner):
        return _linked_owner(document)
    return owner


def _linked_owner(document: Path) -> Owner | None:
    """The live lock on another name of ``document`` in its folder: a hard link is a name of
    its own, and so is its owner file.  Looked for only when the file has more than one name (one
    stat; the folder listed only then).  A link in another folder is not found, nor a name too
    long to stand whole in its owner file's."""
    real = _real(document)
    try:
        if os.stat(real).st_nlink < 2:
            return None
        listing = os.scandir(real.parent)
    except (OSError, ValueError):
        return None
    own = lock_path(real).name
    with listing:
        for entry in listing:
            if entry.name == own or not (entry.name.startswith(PREFIX) and entry.name.endswith(SUFFIX)):
                continue
            other = real.with_name(entry.name[len(PREFIX):-len(SUFFIX)])
            if same_file(other, real):
                owner = _owner_in(Path(entry.path))
                if owner is not None and not is_stale(owner):
                    return owner
    return None


class Lock:
    """A lock this process holds on a document (one window's)."""

    def __init__(self, document: Path, owner: Owner) -> None:
        self.document = document
        self.path = lock_path(document)
        self.owner = owner

    def refresh(self) -> None:
        """Tell other computers the editor is still there: the file's time.  Its bytes written
        again in place, so that the file system stamps it with its own clock — on a share the
        server's, the clock other computers age it by (``unconfirmed_for``); os.utime sends this
        PC's time over SMB.  Never created anew (Windows opens no hidden file to replace it)."""
        owner = _owner_in(self.path)
        if self.owner.token in _HELD and owner is not None and owner.token == self.owner.token:
            try:
                fd = os.open(self.path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
                try:
                    os.write(fd, self.owner.written())
                finally:
                    os.close(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.utime(self.path)

    def release(self) -> None:
        """Remove the lock file if it is still ours (never another editor's)."""
        _HELD.pop(self.owner.token, None)
        owner = _owner_in(self.path)
        if owner is not None and owner.token == self.owner.token:
            with contextlib.suppress(OSError):
                self.path.unlink()


def acquire(document: Path) -> Lock | None:
    """Write our lock on ``document`` (replacing a stale one).  None when it cannot be written
    (a read-only folder) or when someone else's live lock is there (``live_owner`` says who)."""
    owner = Owner(user=this_user(), host=this_host(), pid=os.getpid(), time=time.time(),
                  token=os.urandom(16).hex(), machine=this_machine(), boot=_boot_id(),
                  ticks=_start_ticks(os.getpid()) or 0)  # what uuid4 is made of, without importing uuid
    path = lock_path(document)
    for _attempt in range(2):
        try:
            _write_new(path, owner)
        except FileExistsError:
            found = _owner_in(path)
            if found is not None and not is_stale(found):
                return None
            with contextlib.suppress(OSError):
                path.unlink()  # stale: replaced (a second try, in case another editor races us)
            with contextlib.suppress(OSError):  # an empty folder of its name (made by hand, a sync
                path.rmdir()  # tool): the report opened with no owner file, silently (state31)
            continue
        except OSError:
            return None  # cannot write here: no lock, and no message
        if _linked_owner(document) is not None:  # held by another of its names: not ours to take
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        _HELD[owner.token] = path
        return Lock(document, owner)
    return None


def _write_new(path: Path, owner: Owner) -> None:
    """Create the lock file exclusively (two editors opening at once: one wins).  A lock that
    cannot be written whole (a full disk: the name is made, its bytes refused) is removed
    again: an empty or cut-off one would be left in the folder for good."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except PermissionError as e:
        # Windows refuses a folder in the name's place with EACCES, not EEXIST: said as POSIX
        # says it, so the empty folder is replaced there too (a folder that cannot be written stays None).
        if os.path.isdir(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from e
        raise
    data = owner.written()
    try:
        try:
            if os.write(fd, data) != len(data):  # a short write is the disk running out
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        finally:
            os.close(fd)  # on a network share the refusal may only come here
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    _hide(path)


def _hide(path: Path) -> None:
    if sys.platform == "win32":
        import ctypes

        ctypes.WinDLL("kernel32").SetFileAttributesW(str(path), _FILE_ATTRIBUTE_HIDDEN)


def process_alive(pid: int, since: float) -> bool:
    """Whether process ``pid`` of this computer exists and is older than a lock written at
    ``since`` (a newer one got a crashed editor's number)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    except OSError:
        return False
    started = _linux_start_time(pid)
    if started == _DEAD:
        return False
    # A process started after the lock got a crashed editor's number; the margin absorbs the
    # clock's adjustments since boot (better asked once too often than a live lock ignored).
    return started is None or started <= since + _START_MARGIN_S


_DEAD = -1.0  # a zombie: killed, its parent has not collected it yet (os.kill still finds it)


_BOOT: list[str] = []


def _boot_id() -> str:
    """This boot's id (Linux; "" elsewhere): a process's start ticks mean something only within it.
    Windows counts a process's start as a time of day fixed at its creation: one for every boot."""
    if sys.platform == "win32":
        return "windows"
    if not _BOOT:
        try:
            _BOOT.append(Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()[:64])
        except (OSError, ValueError):
            _BOOT.append("")
    return _BOOT[0]


def _start_ticks(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since boot (/proc/PID/stat field 22; on
    Windows its creation time); None when there is no such process to be seen, or it has ended
    (a zombie: killed, not yet collected)."""
    if sys.platform == "win32":
        return _windows_created(pid)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return None if fields[0] in ("Z", "X") else int(fields[19])
    except (OSError, ValueError, IndexError):
        return None


def _linux_start_time(pid: int) -> float | None:
    """When a process started (seconds since the epoch) where /proc says, _DEAD for a zombie
    (an editor killed under a parent that does not reap at once: its lock and window place were
    taken as live, the file 已在另一个编辑器中打开); else None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] in ("Z", "X"):  # field 3: the state
            return _DEAD
        ticks = int(fields[19])  # field 22: start time after boot
        boot = next(float(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _windows_created(pid: int) -> int | None:
    """A running process's creation time (FILETIME), None when it cannot be asked or has ended.
    Windows gives a crashed editor's number to the next process soon: the lock's own creation time
    tells the editor from that other program (rev25b S10), as QLockFile does by the name."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        times = [wintypes.FILETIME() for _ in range(4)]  # created, exited, kernel, user
        code = wintypes.DWORD()
        if not (kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times))
                and kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value == 259):  # STILL_ACTIVE
            return None
        return (times[0].dwHighDateTime << 32) | times[0].dwLowDateTime
    finally:
        kernel32.CloseHandle(handle)


def _windows_alive(pid: int) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = wintypes.DWORD()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


@atexit.register
def _release_all() -> None:
    """A process ending without closing its windows (a script, a screenshot run) leaves none."""
    for token, path in list(_HELD.items()):
        owner = _owner_in(path)
        if owner is not None and owner.token == token:
            with contextlib.suppress(OSError):
                path.unlink()
    _HELD.clear()
