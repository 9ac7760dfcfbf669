"""Opening and saving reports by file type; the one error type the UI and CLI show.

Every output goes through ``atomic_write``: written to a temporary file beside the target,
verified complete (a .docx/.xlsx reopened as a zip with every CRC checked, a .pdf's header and
trailer), flushed to the disk (the file and its folder), and only then renamed over the target.
A full disk, a read-only file or a killed run therefore never costs the user the old file.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import gc
import os
import re
import shutil
import stat
import sys
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import FILENAME_TOO_LONG_WINERROR, in_use, os_words

# raised here, and imported from here by callers
from app.errors import FileInUse as FileInUse
from app.errors import ReadError as ReadError
from app.errors import WriteError as WriteError

if TYPE_CHECKING:
    from app.report import Report


# Temporaries are “.~nianbao-h<host>-<pid>-<8 hex><suffix>.tmp”: hidden on Linux, never matched
# by a “*.docx” open dialog, and recognisable so that a killed run's leftovers can be removed.
# <host> (8 hex of the computer's name) says whose <pid> it is: in a shared folder a save here
# took a colleague's export in progress for a crash's leftover — its pid is none of this
# computer's — and deleted it under them (rev23 L5).  An older version's name has no host.  Only
# that exact shape is ever removed: “.~name.docx” is WPS's owner file, “.~lock.name#”
# LibreOffice's, “~$name.docx” Word's — deleting one of those (an older version removed
# “.~xxxxxxxx.docx”, its mkstemp names, which a WPS owner file of an 8-letter name matches) tells
# that program its file is no longer open.  An older version's leftovers stay: hidden, harmless.
TEMP_PREFIX = ".~nianbao-"
_OUR_TEMP = re.compile(r"^\.~nianbao-(?:h([0-9a-f]{8})-)?(\d+)-[0-9a-f]{8}(\.[^./\\]*)?\.tmp$")
STRAY_AGE_S = 600  # a temporary this old is no save in progress, whoever made it
_ZIP_SUFFIXES = (".docx", ".xlsx", ".docm", ".xlsm")


def save_report(report: Report, path: str | Path, backup: Path | None = None) -> None:
    """Write the report as a GB/T 9704 .docx, atomically; ``backup`` keeps the previous file."""
    from app.docx.writer import write_docx

    atomic_write(Path(path), lambda tmp: write_docx(report, tmp), backup)


def atomic_write(target: Path, write: Callable[[Path], object], backup: Path | None = None) -> None:
    """Write through a temporary file in the target's folder that replaces the target only
    once complete, verified and on the disk: a failed save never leaves half a file, nor loses
    the old one.  A symlink's file is updated (the link stays a link); a read-only file is
    refused.  ``backup``: where the file being replaced is first copied, as carefully as any
    output — a backup that cannot be written stops the save.
    Raises WriteError with one line of Chinese naming the file and why."""
    target = Path(target)
    real = _written(target)
    _refuse_read_only(target, real)
    remove_stray_temporaries(real.parent)
    if backup is not None and real.exists():
        try:
            _write_verified(Path(backup), lambda tmp: shutil.copyfile(real, tmp), lambda tmp: _same(tmp, real))
        except WriteError as e:
            raise type(e)(f"{target}：备份文件 {Path(backup).name} 无法写入，未保存，原文件未改动（{e}）") from e
    try:
        _write_verified(real, write, lambda tmp: _verify(tmp, real.suffix))
    except WriteError as e:
        raise type(e)(f"{target}：{e}") from e


def temp_name(suffix: str = "") -> str:
    """A new temporary's name in this program's shape (the note above TEMP_PREFIX)."""
    # os.urandom as secrets.token_hex does it (importing secrets loads hashlib: 3 ms of each export)
    return f"{TEMP_PREFIX}h{host_tag()}-{os.getpid()}-{os.urandom(4).hex()}{suffix}.tmp"


def check_target(target: Path) -> None:
    """The refusals ``atomic_write`` would make before writing anything (no folder, a read-only
    file, not a file), made up front: work that takes seconds to produce the bytes (a PDF
    export in the background) says at once that they could not be written there."""
    target = Path(target)
    real = _written(target)
    _refuse_read_only(target, real)
    if not _is_folder(real.parent):
        raise WriteError(f"{target}：{no_folder(real.parent)}")


def no_folder(folder: Path) -> str:
    """Why ``folder`` cannot take a file: “文件夹不存在”, and which name of the path is a file
    where a folder should be (`--to 报告.docx/新.docx`: a file's name taken for a folder's)."""
    at = folder
    with contextlib.suppress(OSError, ValueError):
        while not at.exists() and at.parent != at:
            at = at.parent
        if at.exists() and not at.is_dir():
            return f"文件夹不存在（{at} 是一个文件，不是文件夹）"
    return "文件夹不存在"


def _written(target: Path) -> Path:
    """The file a save to ``target`` writes: a symlink's file (the link stays a link).  WriteError
    naming ``target`` when the path cannot even be looked at: a name past the system's limit (a
    title of a hundred characters typed as the file name) was the system's English and a
    traceback (pathlib passes over only “no such file” and a link ring)."""
    try:
        return Path(os.path.realpath(target)) if target.is_symlink() else target
    except OSError as e:
        raise WriteError(f"{target}：{_reason(e, target.suffix)}") from e


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder; False where it cannot be looked at (a path past the limit)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _refuse_read_only(target: Path, real: Path) -> None:
    """Checked explicitly: an administrator (root) writes through 0444 regardless."""
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as e:
        raise WriteError(f"{target}：{_reason(e, real.suffix)}") from e
    if stat.S_ISDIR(mode):
        raise WriteError(f"{target}：是一个文件夹，不是文件；请给出要写入的文件的名称，而不只是文件夹")
    if not stat.S_ISREG(mode):
        raise WriteError(f"{target}：不是普通文件，无法写入")
    if not mode & stat.S_IWUSR or not os.access(real, os.W_OK):
        raise WriteError(f"{target}：文件是只读的，未写入；请另存为其他文件名，或先取消该文件的“只读”属性")


class Unwritable(enum.StrEnum):
    """Why a file cannot be saved where it is; its value is what the user reads (a title, the
    status bar), while callers choose by the member, never by comparing the wording."""

    FILE = "文件是只读的"
    FOLDER = "所在文件夹是只读的"
    DISK = "所在磁盘是只读的"


def unwritable_reason(target: Path) -> Unwritable | None:
    """Why saving over ``target`` where it is would be refused before anything is written: the
    file is read-only, or its folder takes no new file (a read-only share, a CD; the temporary
    goes there first); None when it is worth a try.  Said when a file is opened, as Word's [只读]."""
    target = Path(target)
    try:
        real = Path(os.path.realpath(target)) if target.is_symlink() else target
        mode = real.stat().st_mode
    except OSError:
        return None  # gone or unreachable: the save itself says why
    if _read_only_disk(real):  # before the file's own mode: os.access says no for every file there
        return Unwritable.DISK
    if stat.S_ISREG(mode) and (not mode & stat.S_IWUSR or not os.access(real, os.W_OK)):
        return Unwritable.FILE
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return Unwritable.FOLDER
    return None


def _read_only_disk(path: Path) -> bool:
    """A file system mounted read-only (a CD, a read-only share, a locked USB stick): its files
    may carry write bits that no one can use (from the GUI test: such a file was called 只读 and
    the user told to clear its 只读 attribute).  Windows has no statvfs: its read-only media show
    as read-only files, which the mode check says."""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False
    try:
        return bool(statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _write_verified(target: Path, write: Callable[[Path], object], verify: Callable[[Path], None]) -> None:
    """The temporary file dance; WriteError says only why (the caller names the file)."""
    folder = target.parent
    try:
        if not folder.is_dir():
            raise WriteError(no_folder(folder))
    except OSError as e:  # a path past the system's limit
        raise WriteError(_reason(e, target.suffix)) from e
    name = folder / temp_name(target.suffix)
    try:
        # The temporary made here first: a folder that cannot take it (a read-only disk, no right
        # to write) is refused with its reason, where a writer says less (Qt's PDF writer only
        # "QPainter::begin(): Returned false", which reached the user as 打印机或文件不可用).
        name.open("xb").close()
        with _unraisable_silenced():
            try:
                write(name)
            except BaseException as e:
                # A writer that failed half-way (a full disk) leaves a zip writer that tries to
                # finish in its destructor: let it fail here, silently, not after our message.
                traceback.clear_frames(e.__traceback__)
                gc.collect()
                raise
        verify(name)
        _keep_mode(name, target)
        _fsync_file(name)
        _fsync_folder(folder)  # the temporary's directory entry, before it is renamed
        _replace(name, target)
        _fsync_folder(folder)
    except WriteError:
        raise
    except OSError as e:
        raise (FileInUse if in_use(e) else WriteError)(_reason(e, target.suffix)) from e
    except MemoryError as e:
        raise WriteError("内存不足，未写入（原文件未改动）") from e
    except Exception as e:  # a writer's unexpected failure is one line too, never a traceback
        failed = os_error_of(e)
        if failed is not None:  # the disk's refusal, however the writer wrapped it
            raise (FileInUse if in_use(failed) else WriteError)(_reason(failed, target.suffix)) from e
        raise WriteError(f"写入时出现意外问题（{type(e).__name__}），未写入，原文件未改动") from e
    finally:
        with contextlib.suppress(OSError):
            name.unlink(missing_ok=True)


# Windows refuses to rename onto a file another program has open, and an antivirus scanner
# briefly holds a file just written: a few tries, 100 ms apart, before the save gives up.
REPLACE_TRIES = 4
REPLACE_PAUSE_S = 0.1
_RETRIED_WINERRORS = (5, 32, 33)  # access denied (a scanner's handle), sharing and lock violation


def _replace(source: Path, target: Path) -> None:
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError as e:
            if getattr(e, "winerror", None) not in _RETRIED_WINERRORS or attempt == REPLACE_TRIES - 1:
                if held_not_read_only(e, target):
                    raise FileInUse(_maybe_held(target.suffix)) from e
                raise
        time.sleep(REPLACE_PAUSE_S)


ACCESS_DENIED_WINERROR = 5
FILE_ATTRIBUTE_READONLY = 0x1


def held_not_read_only(e: OSError, target: Path) -> bool:
    """Windows' ERROR_ACCESS_DENIED on replacing a file that exists and is not read-only: what
    Word (or WPS) holding it open gives as often as the sharing violation (a file opened with
    delete sharing refused), so it is said as held, not as a missing right.  A read-only file
    (its attribute set since the check before writing) stays 没有权限."""
    if getattr(e, "winerror", None) != ACCESS_DENIED_WINERROR:
        return False
    try:
        st = os.stat(target)
    except OSError:
        return False  # gone: nothing holds it
    if not stat.S_ISREG(st.st_mode):
        return False
    attributes = getattr(st, "st_file_attributes", None)  # Windows only
    if attributes is not None:
        return not attributes & FILE_ATTRIBUTE_READONLY
    return bool(st.st_mode & stat.S_IWUSR)  # Windows maps the attribute onto the write bits too


def _maybe_held(suffix: str) -> str:
    holder = _HOLDERS.get(suffix.lower(), " Word/WPS ")
    return (f"文件可能正被{holder}等程序占用，无法保存（原文件未改动）；"
            f"请先在{holder}中关闭该文件再保存，或“另存为”其他文件名")


@contextlib.contextmanager
def _unraisable_silenced() -> Iterator[None]:
    old = sys.unraisablehook
    sys.unraisablehook = lambda _args: None
    try:
        yield
    finally:
        sys.unraisablehook = old


def _same(copy: Path, original: Path) -> None:
    """A backup is a byte-for-byte copy, whatever the old file held (even a damaged one)."""
    with copy.open("rb") as a, original.open("rb") as b:
        while True:
            x, y = a.read(1 << 20), b.read(1 << 20)
            if x != y:
                raise WriteError("复制不完整（磁盘空间可能不足）")
            if not x:
                return


def _verify(path: Path, suffix: str) -> None:
    """The written file is complete: a writer that lost bytes (Qt's PDF writer does not report
    a full disk) is caught here, before it can replace anything."""
    incomplete = WriteError("写出的文件不完整（磁盘空间可能不足），未写入，原文件未改动")
    size = path.stat().st_size
    if size == 0:
        raise incomplete
    suffix = suffix.lower()
    if suffix in _ZIP_SUFFIXES:
        try:
            with zipfile.ZipFile(path) as z:
                if "[Content_Types].xml" not in z.namelist() or z.testzip() is not None:
                    raise incomplete
        except (zipfile.BadZipFile, EOFError, ValueError) as e:
            raise incomplete from e
    elif suffix == ".pdf":
        with path.open("rb") as fh:
            head = fh.read(8)
            fh.seek(max(0, size - 2048))
            tail = fh.read()
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            raise incomplete


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


# A step of a save that only makes it better (durable sooner, the old permissions kept) and that a
# folder may refuse although the file itself is written: it never fails the save (rev25b S11).
_BEST_EFFORT_ERRNOS = frozenset(getattr(errno, n) for n in ("EACCES", "EPERM", "EINVAL", "ENOTSUP", "EOPNOTSUPP",
                                                               "ENOSYS", "EROFS") if hasattr(errno, n))


def _keep_mode(name: Path, target: Path) -> None:
    """The saved file keeps the permissions the old one had (a new one the usual ones).  A file
    system without permissions refuses (a share or phone through gvfs on 统信UOS/麒麟, some NAS
    mounts: “Operation not supported”): the file is saved with what it has."""
    try:
        os.chmod(name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
    except OSError as e:
        if e.errno not in _BEST_EFFORT_ERRNOS:
            raise


def _fsync_folder(folder: Path) -> None:
    """POSIX only: Windows cannot open a folder as a file (NTFS journals the rename itself).
    A folder that can be written but not read (a 上报 “drop box”, mode 0733) cannot be opened to
    sync: the rename stands unsynced, as on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as e:
        if e.errno in _BEST_EFFORT_ERRNOS:
            return
        raise
    try:
        os.fsync(fd)
    except OSError as e:
        if e.errno not in _BEST_EFFORT_ERRNOS:  # some filesystems cannot sync folders
            raise
    finally:
        os.close(fd)


def host_tag(host: str | None = None) -> str:
    """8 hex digits of a computer's name (this one's by default), as temporaries carry it: a
    Chinese computer name (张三的电脑) or a long one kept short and fit for any file system."""
    global _HOST_TAG
    if host is None and _HOST_TAG:
        return _HOST_TAG
    import zlib

    from app.names import this_host, this_machine  # as owner files say it (not app.lock: its json, getpass)

    # This computer's with its machine's identity: another PC of the same name has another tag
    # (rev25b S7), its temporaries judged by their age.
    named = (this_host() + "\0" + this_machine()).rstrip("\0") if host is None else host
    tag = f"{zlib.crc32(named.casefold().encode('utf-8', 'replace')):08x}"
    if host is None:
        _HOST_TAG = tag
    return tag


_HOST_TAG = ""


def remove_stray_temporaries(folder: Path) -> list[Path]:
    """Our temporaries left in ``folder`` by a killed run: the file older than any save takes,
    or made by this computer (its host in the name) by a process gone.  Another computer's
    (a shared folder), and an older version's that names no host, only by their age; a save in
    progress in another window is left alone.  Returns what was removed; never raises."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now: float | None = None
    for entry in entries:
        ours = _OUR_TEMP.match(entry.name)
        if ours is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now is None:  # a temporary's age on the clock that stamped it (a file server's)
                from app.fsclock import folder_clock

                now = folder_clock(folder, temp_name())
                now = time.time() if now is None else now
            old = now - entry.stat(follow_symlinks=False).st_mtime > STRAY_AGE_S
            if old or (ours.group(1) == host_tag() and _process_gone(int(ours.group(2)))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _process_gone(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return False  # on Windows os.kill(pid, 0) would send Ctrl+C: rely on the age there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


# What holds a file open so that Windows refuses to replace it, by the file's kind.
_HOLDERS = {".pdf": " PDF 阅读器", ".xlsx": " Excel/WPS "}  # spaced as the text around them


def os_error_of(e: BaseException) -> OSError | None:
    """The OSError behind a writer's own exception: one it chained, or lxml's SerialisationError
    (openpyxl writes through lxml, which turns the disk's ENOSPC/EFBIG into "IO_ENOSPC"/"IO_EFBIG"
    without the OSError); a serialisation error naming no errno is a write that failed too."""
    seen: set[int] = set()
    at: BaseException | None = e
    while at is not None and id(at) not in seen:
        seen.add(id(at))
        if isinstance(at, OSError):
            return at
        if type(at).__name__ == "SerialisationError":
            name = str(at).removeprefix("IO_")
            code = getattr(errno, name, None) if name.isupper() else None
            if isinstance(code, int):
                return OSError(code, os.strerror(code))
            return OSError(errno.EIO, "磁盘空间可能不足")
        at = at.__cause__ or at.__context__
    return None


def _reason(e: OSError, suffix: str = "") -> str:
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘空间不足，未写入（原文件未改动）；请清理磁盘或保存到其他位置"
    if e.errno == errno.EFBIG:  # a size limit: the file system's (FAT32: 4 GB) or the account's
        return "文件超出了磁盘或系统允许的大小（磁盘空间可能不足），未写入（原文件未改动）；请保存到其他位置"
    if e.errno == errno.EROFS:
        return "所在磁盘是只读的，无法写入；请保存到其他位置"
    if e.errno == errno.ENAMETOOLONG or getattr(e, "winerror", None) == FILENAME_TOO_LONG_WINERROR:
        return "文件名或路径过长，无法写入；请换一个短些的名字或位置"
    if isinstance(e, FileNotFoundError | NotADirectoryError):  # a file where a folder should be too
        return "文件夹不存在"
    if in_use(e):  # Windows: another program holds it open (Word's lock), not a read-only file
        holder = _HOLDERS.get(suffix.lower(), " Word/WPS ")
        return (f"文件正在{holder}中打开（被占用），无法保存（原文件未改动）；"
                f"请先在{holder}中关闭该文件再保存，或“另存为”其他文件名")
    if isinstance(e, PermissionError):
        holder = _HOLDERS.get(suffix.lower(), " Word/WPS ")
        return f"没有写入权限（文件可能正在{holder}中打开，或文件夹只读）"
    # Our own words (a serialisation error naming no errno: 磁盘空间可能不足) as they are; the
    # system's in Chinese (app.errors.os_words), never its English.
    own = e.strerror if isinstance(e.strerror, str) and e.strerror and not e.strerror.isascii() else None
    return f"无法写入（{own or os_words(e)}）"


def disk_stamp(path: Path) -> tuple[int, int] | None:
    """A file's modification time and size (None: gone): how the editor sees another program
    changed the file it has open."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size
