"""Which files of the folders given a batch checks: a folder is searched recursively for the
formats a report comes in, its files listed in the batch window's order (pinyin for Chinese); what Word, WPS, the system or this program leaves
beside reports is left out or passed over with why; each real file and folder once, however
it is reached.  (What a file that is read turns out to be is app/batch.py's to say.)
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app import hanzi_order
from app.names import file_key, is_folder, office_leftover
from app.ownfiles import (
    BACKUP_REASON,
    BACKUP_TAG,
    EXPORT_REASON,
    PUBLISHED_REASON,
    PUBLISHED_TAG,
    backups_in,
    exported_here,
    exported_in,
    is_lock,
    published_in,
    written_here,
)

# Every format the reader takes or names (app/reading.py decides by content; these names are what
# a folder is searched for).  Other files in a folder are skipped and counted.
SUFFIXES = frozenset({
    ".docx", ".docm", ".doc", ".wps", ".rtf", ".odt", ".xlsx", ".xlsm", ".xls", ".et", ".pdf", ".htm", ".html", ".txt",
    ".mht", ".mhtml",
    # Reports in a format not read here are named with what to do (never passed over unseen):
    # OFD, what many offices publish.
    ".ofd",
})
# Word's “Word XML 文档” and LibreOffice's flat .fodt are read; a folder's other XML files (settings,
# exports of other programs) are not reports: such a file is listed only when its start says Word's.
_XML_SUFFIXES = (".xml", ".fodt")
# Word's owner files (“~$报告.docx”, 162 bytes), our own and other programs' save temporaries:
# named as passed over when asked about (``skip_reason``); a folder's walk leaves them out
# silently (``app.names.office_leftover``), as it does Thumbs.db and Word's ~WRL0001.tmp.
_NOT_A_REPORT = ("~$", ".~", "._")


# Where a linked folder may lead that no reviewer means to search: a folder the one checked is
# in (a link to the home folder, to "/": the rest of the disk) and the system's own virtual
# folders (/proc holds every process's working folder as a link: a link to "/" in a received
# folder walked the whole disk through them, 200,000 files in 74 s).  Not entered; listed as
# passed over (``skip_reason``).
_SYSTEM_FOLDERS = () if sys.platform == "win32" else ("/proc", "/sys", "/dev")
LINK_BEYOND_REASON = "指向上级文件夹或系统文件夹的链接，未进入（要检查那里的年报，请直接选择那个文件夹）"


def _beyond(key: str, root: str) -> bool:
    """Whether the folder ``key`` (a ``file_key``) holds the folder ``root`` being checked, or is
    a system folder ``root`` is not itself in."""
    if root.startswith(key.rstrip(os.sep) + os.sep):
        return True
    return any((key == s or key.startswith(s + "/")) and not root.startswith(s + "/") for s in _SYSTEM_FOLDERS)


@dataclass(frozen=True)
class _Listing:
    """What one folder holds, as ``collect`` sorts it out: its subfolders and report files, each
    with its ``file_key``, and the files skipped by name."""

    mark: tuple[int, int, int]  # the folder's (modification time, inode, device) when listed
    dirs: list[tuple[str, str]]
    files: list[tuple[Path, str]]
    skipped: list[Path]


class Listings:
    """The folders ``collect`` listed, kept for the next search of the same folders (批量检查
    searches them again on every activation, for reports new there): a folder whose modification
    time is unchanged holds the same names — a file added, removed or renamed in it changes it —
    so it is not listed again, nor its files' real paths looked up again: one stat a folder,
    where a search listed every folder and resolved every file's path.  (A file rewritten in
    place leaves its folder's time alone; its row's stamp says it, app/batch_recheck.py.)  Each
    folder is looked at, subfolders too: a file added below changes its own folder's time, not
    its parent's, on any file system.  A folder changed in the last seconds is listed again next
    time: a file-system time ticks coarsely (FAT's 2 s), and one more file within the same tick
    would go unseen.  On FAT and exFAT under Windows (a USB stick) a folder's time does not move
    when a file is added to it: those folders are listed at every search (``_dated``)."""

    RECENT_NS = 3_000_000_000

    def __init__(self) -> None:
        self._kept: dict[str, _Listing] = {}
        self.listed = 0  # folders listed (not taken from before): what a search cost

    def keys(self, paths: Iterable[str]) -> list[str]:
        """``file_key`` of each of ``paths``, those in kept listings not looked up again."""
        kept = {str(p): k for listing in self._kept.values() for p, k in listing.files}
        return [kept.get(p) or file_key(p) for p in paths]

    def listing(self, folder: Path) -> _Listing:
        """``folder``'s listing: the kept one while the folder is unchanged.  OSError: it cannot
        be listed (as os.walk's onerror is told)."""
        st = os.stat(folder)
        mark = (st.st_mtime_ns, st.st_ino, st.st_dev)
        kept = self._kept.get(str(folder))
        if kept is not None and kept.mark == mark:
            return kept
        made = _list(folder, mark)
        self.listed += 1
        # A drive's root on FAT or exFAT (a USB stick's E:\) has no time of its own to change:
        # listed again at every search.
        if (time.time_ns() - st.st_mtime_ns > self.RECENT_NS and not os.path.ismount(folder)
                and _dated(folder, st.st_dev)):
            self._kept[str(folder)] = made
        else:
            self._kept.pop(str(folder), None)
        return made


# File systems whose folders keep their time when a name is added in them, as Windows writes
# them (its FAT driver updates no folder's time; Linux's and macOS's do, in memory at least).
_UNDATED = frozenset({"fat", "fat12", "fat16", "fat32", "exfat"})
_DATED: dict[int, bool] = {}  # a device's: asked once a run of the program


def _dated(folder: Path, device: int) -> bool:
    """Whether a name added in the folders of ``device`` (``folder`` one of them) moves their time."""
    if device not in _DATED:
        _DATED[device] = volume_kind(folder).casefold() not in _UNDATED
    return _DATED[device]


def volume_kind(folder: Path) -> str:
    """The name of the file system ``folder`` is on, as Windows names it ("NTFS", "FAT32",
    "exFAT"); "" elsewhere or when Windows cannot say."""
    if sys.platform != "win32":
        return ""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    root = ctypes.create_unicode_buffer(1024)
    kind = ctypes.create_unicode_buffer(64)
    if not kernel32.GetVolumePathNameW(str(folder), root, len(root)):
        return ""
    if not kernel32.GetVolumeInformationW(root, None, 0, None, None, None, kind, len(kind)):
        return ""
    return str(kind.value)


def _list(folder: Path, mark: tuple[int, int, int]) -> _Listing:
    dirs: list[str] = []
    names: list[str] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # a link to a folder too: linked folders are followed
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
    files: list[tuple[Path, str]] = []
    skipped: list[Path] = []
    backups = backups_in(names) | published_in(names)
    exported = exported_in(names)
    for name in sorted(names):
        # Word/WPS/the system's own beside every document, and our owner file as theirs
        if office_leftover(name) or is_lock(name):
            continue
        p = folder / name
        ours = name in backups and written_here(p)  # our backup or 发布稿 of the file beside it: listed
        ours = ours or (name in exported and exported_here(p, folder / exported[name]))  # our 导出PDF of it, as it is
        suffix = p.suffix.lower()
        if ours or name.startswith(_NOT_A_REPORT) or (suffix not in SUFFIXES and not (
                suffix in _XML_SUFFIXES and _word_xml(p))):
            skipped.append(p)
        else:
            files.append((p, file_key(p)))
    return _Listing(mark, [(d, file_key(folder / d)) for d in sorted(dirs) if not d.startswith(".")], files, skipped)


def collect(paths: Iterable[str | Path], stopped: Callable[[], bool] | None = None,
            listings: Listings | None = None) -> tuple[list[Path], list[Path]]:
    """(files to check, files skipped).  A folder is searched recursively, in name order, for
    report files; what Word, WPS, the system or this program leaves beside them (owner files,
    temporaries, Thumbs.db) is neither checked nor listed; this program's backups and 发布稿
    beside their reports (app/ownfiles.py) are skipped, to be listed as such.  A file named explicitly is always checked (its
    content decides its format).
    The same file reached twice (a folder and a file in it, a symbolic link) is checked once.
    ``stopped`` is asked before each folder: what was found so far, once it says so (a share of
    thousands of files takes seconds to search).
    A folder's reports come in 批量检查's file order (``file_order``), so `check` prints them and
    writes its summary as the window lists them; files named one by one stay where named.
    ``listings``: the folders' listings kept from the last search, and kept for the next."""
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[str] = set()
    listings = listings if listings is not None else Listings()

    def add(p: Path, key: str | None = None) -> None:
        key = key or file_key(p)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for given in map(Path, paths):
        if not is_folder(given):
            add(given)  # a missing file is read and reported as unreadable, in its place
            continue
        # A folder that cannot be entered (no permission, a path too long, a drive gone) is
        # listed in its place and read as unreadable, saying why: its reports were not checked.
        # Linked folders are followed (a reviewer links each town's folder in), each real folder
        # once, so a link back up never loops.  Depth first, in name order, as os.walk went.
        root = file_key(given)
        walked = {root}
        start = len(files)
        due = [given]
        while due:
            if stopped is not None and stopped():
                files[start:] = sorted(files[start:], key=file_order)
                return files, skipped
            folder = due.pop()
            try:
                listing = listings.listing(folder)
            except OSError as e:
                add(Path(e.filename or folder))
                continue
            for p, key in listing.files:
                add(p, key)
            skipped.extend(listing.skipped)
            below = []
            for name, key in listing.dirs:
                if key not in walked:
                    walked.add(key)
                    if _beyond(key, root):
                        skipped.append(folder / name)
                    else:
                        below.append(folder / name)
            due.extend(reversed(below))
        files[start:] = sorted(files[start:], key=file_order)
    return files, skipped


def file_order(path: str | Path) -> str:
    """The order of the files a folder holds, in the batch window's list and wherever a batch is
    listed: by path, Chinese in pinyin order (app/hanzi_order.py), subfolders among the names;
    two paths of one key (重庆 and its stand-in 崇庆) by the paths themselves, so the order is one
    in every listing, not each sort's leftover (NUL: below anything in a key, in no path)."""
    text = str(path)
    return f"{hanzi_order.key(text)}\x00{text}"


def skip_reason(path: Path) -> str:
    """Why ``collect`` passed over a file by its name."""
    if path.name.startswith("~$"):
        return "Word 打开文件时留下的临时文件，不是年报"
    if path.name.casefold().endswith(BACKUP_TAG + ".docx"):  # a .docx skipped: only our backup is
        return BACKUP_REASON
    if path.name.casefold().endswith(PUBLISHED_TAG + ".docx"):  # or our 发布稿
        return PUBLISHED_REASON
    if path.name.startswith(_NOT_A_REPORT):
        return "临时文件，不是年报"
    if path.suffix.lower() == ".pdf":  # a PDF is passed over only as our 导出PDF beside its report
        return EXPORT_REASON
    if path.suffix.lower() in _XML_SUFFIXES:
        return "XML 文件，但不是 Word 或 WPS 保存的“Word XML 文档”，不是年报"
    if os.path.isdir(path):  # only a link collect would not follow is passed over as a folder
        return LINK_BEYOND_REASON
    return f"不是年报的文件类型（{path.suffix.lower() or '无扩展名'}）"


def read_head(path: Path, size: int) -> bytes | None:
    """The first bytes of a regular file; None for anything else (a FIFO named 报告.docx, a link
    to a device) or what cannot be opened.  Opened without blocking and its type checked on the
    open file: a FIFO would wait for a writer for ever, a device never end, and a name checked
    first could be swapped before the open."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, size)
    except OSError:
        return None
    finally:
        os.close(fd)


def _word_xml(path: Path) -> bool:
    from app.docx.flatopc import xml_document_kind  # lxml only when a folder holds an .xml

    head = read_head(path, 65536)
    return head is not None and xml_document_kind(head) is not None
