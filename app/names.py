"""File names as Windows sees them, wherever the editor runs.

Every name the editor proposes (另存为's default, a “（修订）” copy beside another program's file,
an export's name, a name made from the organ or the title) goes through ``safe_name`` /
``beside``: the characters Windows forbids, its reserved device names, trailing dots and spaces
and names longer than a file system takes are made harmless here, on Linux too — the file goes
to a Windows PC on a USB stick.  What Word, WPS, LibreOffice and Windows leave in a folder of
reports (owner files, temporaries, thumbnails) is recognised by ``office_leftover``.

Pure: Windows' rules are applied with ntpath semantics (``PureWindowsPath``), so they are
tested on any system.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath

# The Creator the editor's 导出PDF writes (ui/print_pdf.py), by which 批量检查 knows it (app/ownfiles.py):
# here, a module of the standard library only, so the export's process loads nothing more for it.
PDF_CREATOR = "年报编辑器"

WINDOWS = os.name == "nt"  # this system's path rules (tests switch it to try Windows' on Linux)

# Forbidden in a Windows name: replaced by their full-width forms, which read the same to a
# Chinese user (“某县财政局：年报” stays legible, not “某县财政局_年报”).
_FORBIDDEN = str.maketrans({
    "<": "＜", ">": "＞", ":": "：", '"': "＂", "/": "／", "\\": "＼", "|": "｜", "?": "？", "*": "＊",
    **{chr(c): None for c in range(32)},  # control characters (a tab or line break of a title)
})
# Device names Windows reserves with any extension and in any case (“con.docx”, “Lpt1.tar.gz”);
# the superscript digits are reserved too.
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)
NAME_MAX = 255  # NTFS: UTF-16 units of a name; ext4 and most Linux file systems: its bytes
MAX_PATH = 260  # Windows without long-path support: the whole path, its closing NUL included
FALLBACK = "报告"  # a name that is nothing once cleaned


def safe_name(stem: str, tail: str = "") -> str:
    """``stem`` + ``tail`` (“（修订）.docx”: ours, kept whole) as a name both Windows and Linux
    take: forbidden characters replaced, a reserved device name prefixed with “_”, no dot or
    space at either end, at most 255 UTF-16 units and 255 UTF-8 bytes (the stem shortened)."""
    stem = stem.translate(_FORBIDDEN).strip(" ")
    if not tail:
        stem = stem.rstrip(". ")
    stem = stem or FALLBACK
    if _reserved(stem + tail):
        stem = "_" + stem
    while stem and not _fits(stem + tail):
        stem = stem[:-1]
    if not tail:
        stem = stem.rstrip(". ")
    stem = stem or FALLBACK
    if _reserved(stem + tail):  # shortened down to a device name (“CON” of “CONTENTS…”)
        stem = "_" + stem[:-1]
    return stem + tail


def _reserved(name: str) -> bool:
    # Windows reads the part before the first dot, trailing spaces ignored, as the device name.
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def _fits(name: str) -> bool:
    return len(name.encode("utf-16-le", "surrogatepass")) // 2 <= NAME_MAX and len(name.encode("utf-8", "surrogatepass")) <= NAME_MAX


def fit(folder: PurePath, stem: str, tail: str = "", *, windows: bool | None = None, reserve: int = 0) -> PurePath:
    """``folder`` / ``safe_name(stem, tail)``; on Windows (``windows`` None: this system) the stem
    shortened further until the whole path, and ``reserve`` characters more (a backup's “.bak”),
    is within MAX_PATH.  A folder too long for any name is kept: the save then says so."""
    name = safe_name(stem, tail)
    if windows if windows is not None else WINDOWS:
        limit = MAX_PATH - 1 - reserve
        over = _units(str(PureWindowsPath(folder) / name)) - limit
        if over > 0:
            short = _shorten(name[: len(name) - len(tail)], over)
            if short:
                name = safe_name(short, tail)
    return folder / name


def _units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _shorten(stem: str, units: int) -> str:
    while stem and units > 0:
        units -= _units(stem[-1])
        stem = stem[:-1]
    return stem.rstrip(". ")


REVISED = "（修订）"
# A name's revision tag at its end: “（修订）”, “（修订2）”, half-width brackets too (typed by hand).
_REVISION = re.compile(r"[（(]修订(\d{0,4})[）)]$")
_REVISIONS_TRIED = 100  # then the last one is offered: the save dialog asks before overwriting


def revisions(stem: str) -> tuple[str, list[str]]:
    """``stem`` without its revision tag, and the tags that follow it in turn: “报告” gives
    “（修订）”, “（修订2）”, …; “报告（修订）” gives “（修订2）”, …, never “报告（修订）（修订）”."""
    found = _REVISION.search(stem)
    if found is None:
        return stem, [REVISED] + [f"（修订{n}）" for n in range(2, _REVISIONS_TRIED)]
    after = int(found.group(1) or 1) + 1
    return stem[: found.start()], [f"（修订{n}）" for n in range(after, after + _REVISIONS_TRIED)]


def beside(source: PurePath, suffix: str, *, windows: bool | None = None, reserve: int = 0,
           taken: Callable[[PurePath], bool] | None = None) -> PurePath:
    """Where a file made from ``source`` goes by default: beside it, with its name and ``suffix``,
    never ``source`` itself (a revision tag added or counted on: a Word/WPS .docx keeps its
    original under its own name; “报告（修订）.docx” gives “报告（修订2）.docx”).  A tagged name
    ``taken`` says exists is passed over for the next (last year's “（修订）” is not proposed to
    be overwritten).  Compared without case, as Windows and a USB stick's FAT do (“报告.DOCX”)."""
    stem = source.stem if source.suffix else source.name
    target = fit(source.parent, stem, suffix, windows=windows, reserve=reserve)
    if target.name.casefold() != source.name.casefold():
        return target
    base, tags = revisions(stem)
    for tag in tags:  # the tag kept whole: the name shortened before it, never through it
        target = fit(source.parent, base, tag + suffix, windows=windows, reserve=reserve)
        if target.name.casefold() != source.name.casefold() and not (taken and taken(target)):
            break
    return target


def titled(title: str, suffix: str) -> str:
    """A name made from a report's title (its organ's name, as typed or imported)."""
    return safe_name(title, suffix)


def file_key(path: str | PurePath) -> str:
    """The file or folder ``path`` names, as one string for sets and dicts: absolute, links
    followed (to the file or a folder above it), “..” gone, on Windows without case.  A hard
    link keeps its own key (a string cannot know it: ``same_file`` asks the disk).  The name
    made absolute when the system refuses to look at it (too long, a NUL)."""
    try:
        return os.path.normcase(os.path.realpath(path))
    except (OSError, ValueError):
        try:
            return os.path.normcase(os.path.abspath(path))
        except (OSError, ValueError):
            return str(path)


def same_file(a: str | PurePath | None, b: str | PurePath | None) -> bool:
    """Whether ``a`` and ``b`` are one file however each is named — the one answer to that
    question (rev23 L10: five had four answers).  Both there: the system's identity of the file
    (device and inode: a hard link, a symbolic link, another spelling; on Windows the volume's
    serial and the file's index, which a mapped drive and its UNC path share).  Otherwise (a
    file not written yet, one that cannot be looked at) where the names lead (``file_key``)."""
    if a is None or b is None:
        return False
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return file_key(a) == file_key(b)


def same_path(a: str, b: str, *, windows: bool | None = None) -> bool:
    """Whether two remembered paths are spelt as one file, without asking the disk (the recent
    files' menu at start, a network drive that may not answer): on Windows without case
    (“C:\\年报\\A.docx” and “c:/年报/a.docx”), elsewhere as written.  Files to act on are
    compared by ``same_file``."""
    if windows if windows is not None else WINDOWS:
        return PureWindowsPath(a) == PureWindowsPath(b)
    return PurePath(a) == PurePath(b)


def base_name(path: str, *, windows: bool | None = None) -> str:
    """The last part of a remembered path, by the rules of the system it is from."""
    return (PureWindowsPath if (windows if windows is not None else WINDOWS) else PurePath)(path).name


def absolute(path: str, *, windows: bool | None = None) -> str:
    """``path`` made absolute against the current folder; a drive or UNC path
    (“\\\\server\\share\\年报.docx”) kept exactly as it is."""
    if windows if windows is not None else WINDOWS:
        win = PureWindowsPath(path)
        return str(win if win.is_absolute() else PureWindowsPath(os.getcwd(), win))
    return str(Path(path).absolute())


def exists(path: str) -> bool:
    """Whether a remembered file is there (may wait for a network drive's timeout: call it
    off the UI thread)."""
    try:
        return os.path.isfile(path)
    except (OSError, ValueError):  # a name the system cannot take (a NUL from a damaged setting)
        return False


def is_folder(path: str | PurePath) -> bool:
    """Whether ``path`` is a folder; False for one the system refuses to look at (a path too
    long, a name it cannot take): Path.is_dir raises for those, and whoever then reads the
    path as a file says why in one line."""
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


# -- what Word, WPS, LibreOffice and the system leave in a folder --------------------------------
_OWNER = ("Word/WPS 打开文件时留下的临时文件（文件名以“~$”开头，记下谁正在编辑该文件；Word/WPS 异常退出后会一直留着），"
          "不是年报本身；请打开同一文件夹中名称相近、不带“~$”的原文件")
_WPS = "WPS 或 LibreOffice 打开文件时留下的临时文件（文件名以“.~”开头），不是年报本身；请打开同一文件夹中不带“.~”的原文件"
_WORD_TEMP = "Word 保存文件时留下的临时文件（~WRL….tmp 之类），不是年报；请打开原文件"
_SYSTEM = "Windows 或其他系统自动生成的文件（缩略图、文件夹设置），不是年报"
_WORD_TEMP_NAME = re.compile(r"^~wr[a-z]\d{4}\.tmp$")
_SYSTEM_NAMES = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", ".ds_store"})


def office_leftover(name: str) -> str | None:
    """Why a file named ``name`` is something Word, WPS, LibreOffice or the system leaves beside
    documents rather than a document (None: it may be one)."""
    folded = name.casefold()
    if name.startswith("~$"):
        return _OWNER
    if name.startswith(".~"):
        return _WPS
    if _WORD_TEMP_NAME.match(folded):
        return _WORD_TEMP
    if folded in _SYSTEM_NAMES or name.startswith("._"):  # ._name: a Mac's resource copy on a USB stick
        return _SYSTEM
    return None


def this_host() -> str:
    """This computer's name, as owner files and temporaries carry it (app.lock, app.io): here,
    where exports reach it without the lock's imports (json, getpass)."""
    if hasattr(os, "uname"):  # POSIX: gethostname() is uname's node name, without importing socket (~5 ms)
        return os.uname().nodename
    import socket  # Windows

    return socket.gethostname()


# A run of a name's bytes that were not UTF-8 (os.fsdecode's lone surrogates U+DC80–U+DCFF) with
# the ASCII between them: a GBK character's second byte may be ASCII (“癅” is 0xB0 0x40).
_NOT_UTF8 = re.compile(r"[\udc80-\udcff\x20-\x7e]*[\udc80-\udcff][\udc80-\udcff\x20-\x7e]*")


def readable(text: str) -> str:
    """``text`` (a path, a name, a message naming one) as a person reads it: the bytes of a file
    name that are not UTF-8 — a zip made on a Chinese Windows, unzipped on 统信UOS/麒麟, names
    its files in GBK — decoded as GB 18030 (GBK's superset) where they are that, else one “�”
    each.  Qt drops lone surrogates from every string it shows: 报告.docx was shown as “.docx”.
    For showing only; the path itself stays as it was, losslessly (app/pathjson.py)."""
    if not _NOT_UTF8.search(text):
        return text

    def one(run: re.Match[str]) -> str:
        raw = run.group(0).encode("utf-8", "surrogateescape")
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("ascii", "replace")  # “�” a byte
    return _NOT_UTF8.sub(one, text)


def readable_path(path: str | PurePath) -> str:
    """A path or a file's name as a person reads it: each part holding bytes that are not UTF-8
    decoded whole as GB 18030 — some of a GBK name's byte pairs are UTF-8 by chance (“某” is
    0xC4 0xB3, UTF-8's “ĳ”), so only the whole name says what it is.  ``readable`` (a message's
    runs) for a part that is not GBK either."""
    parts = re.split(r"([\\/])", str(path))
    for i, part in enumerate(parts):
        if _NOT_UTF8.search(part):
            try:
                parts[i] = part.encode("utf-8", "surrogateescape").decode("gb18030")
            except UnicodeDecodeError:
                parts[i] = readable(part)
    return "".join(parts)


def shown_name(path: str | PurePath) -> str:
    """A path or a file's name in a line of words (a status message, a tooltip): readable
    (``readable_path``) and isolated (app/bidichars.py), so that a name holding a right-to-left
    override does not turn the words after it backwards."""
    from app.bidichars import isolated

    return isolated(readable_path(path))


_MACHINE: list[str] = []  # this_machine's answer, once looked up


def this_machine() -> str:
    """This computer's own identity beside its name, as 8 hex digits ("" where the system keeps
    none): host names repeat — PCs installed from one image, 统信UOS's default “<用户>-PC” with
    one account name in an office, “localhost” — and a lock or a temporary of another PC of the
    same name was taken for this one's, its process judged gone (rev25b S7).  Linux's machine-id,
    Windows' MachineGuid; a checksum of it, not the id itself, goes into files others can read."""
    if _MACHINE:
        return _MACHINE[0]
    found = b""
    if sys.platform == "win32":
        try:
            import winreg

            with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Cryptography", 0,
                                winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
                found = str(winreg.QueryValueEx(key, "MachineGuid")[0]).encode("utf-8", "replace")
        except OSError:
            pass
    else:
        for name in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
            try:
                with open(name, "rb") as f:
                    found = f.read(128).strip()
            except OSError:
                continue
            if found:
                break
    import zlib  # loaded at the start already (app.dataclass_cache)

    _MACHINE.append(f"{zlib.crc32(b'nianbao-machine:' + found):08x}" if found else "")
    return _MACHINE[0]
