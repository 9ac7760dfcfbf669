"""Which files of the folders given a batch checks: a folder is searched recursively for the
formats a report comes in, its files listed in the batch window's order (pinyin for Chinese); what Word, WPS, the system or this program leaves
beside reports is left out or passed over with why; each real file and folder once, however
it is reached.  (What a file that is read turns out to be is app/batch.py's to say.)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from app import hanzi_order
from app.names import is_folder, office_leftover
from app.ownfiles import BACKUP_REASON, BACKUP_TAG, backups_in, is_lock, written_here

# Every format the reader takes or names (app/reading.py decides by content; these names are what
# a folder is searched for).  Other files in a folder are skipped and counted.
SUFFIXES = frozenset({
    ".docx", ".docm", ".doc", ".wps", ".rtf", ".odt", ".xlsx", ".xlsm", ".xls", ".et", ".pdf", ".htm", ".html", ".txt",
    # Reports in formats not read here are named with what to do (never passed over unseen):
    # OFD, what many offices publish, and single-file web pages.
    ".ofd", ".mht", ".mhtml",
})
# Word's owner files (“~$报告.docx”, 162 bytes), our own and other programs' save temporaries:
# named as passed over when asked about (``skip_reason``); a folder's walk leaves them out
# silently (``app.names.office_leftover``), as it does Thumbs.db and Word's ~WRL0001.tmp.
_NOT_A_REPORT = ("~$", ".~", "._")


def file_key(path: str | Path) -> str:
    """The file or folder ``path`` names, the same however it is reached (a link, another spelling
    of the name on Windows)."""
    return os.path.normcase(os.path.realpath(path))


def collect(paths: Iterable[str | Path], stopped: Callable[[], bool] | None = None) -> tuple[list[Path], list[Path]]:
    """(files to check, files skipped).  A folder is searched recursively, in name order, for
    report files; what Word, WPS, the system or this program leaves beside them (owner files,
    temporaries, Thumbs.db) is neither checked nor listed; this program's backups
    (app/ownfiles.py) are skipped, to be listed as such.  A file named explicitly is always checked (its
    content decides its format).
    The same file reached twice (a folder and a file in it, a symbolic link) is checked once.
    ``stopped`` is asked before each folder: what was found so far, once it says so (a share of
    thousands of files takes seconds to search).
    A folder's reports come in 批量检查's file order (``file_order``), so `check` prints them and
    writes its summary as the window lists them; files named one by one stay where named."""
    files: list[Path] = []
    skipped: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = file_key(p)
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
        # once, so a link back up never loops.
        walked = {file_key(given)}
        start = len(files)

        def refused(e: OSError, top: Path = given) -> None:
            add(Path(e.filename or top))

        for root, dirs, names in os.walk(given, onerror=refused, followlinks=True):
            if stopped is not None and stopped():
                files[start:] = sorted(files[start:], key=file_order)
                return files, skipped
            dirs.sort()
            dirs[:] = [d for d in dirs if not d.startswith(".") and _first_visit(Path(root) / d, walked)]
            backups = backups_in(names)
            for name in sorted(names):
                # Word/WPS/the system's own beside every document, and our owner file as theirs
                if office_leftover(name) or is_lock(name):
                    continue
                p = Path(root) / name
                ours = name in backups and written_here(p)  # our backup of the file beside it: listed
                if ours or name.startswith(_NOT_A_REPORT) or p.suffix.lower() not in SUFFIXES:
                    skipped.append(p)
                else:
                    add(p)
        files[start:] = sorted(files[start:], key=file_order)
    return files, skipped


def file_order(path: str | Path) -> str:
    """The order of the files a folder holds, in the batch window's list and wherever a batch is
    listed: by path, Chinese in pinyin order (app/hanzi_order.py), subfolders among the names."""
    return hanzi_order.key(str(path))


def _first_visit(folder: Path, walked: set[str]) -> bool:
    key = file_key(folder)
    if key in walked:
        return False
    walked.add(key)
    return True


def skip_reason(path: Path) -> str:
    """Why ``collect`` passed over a file by its name."""
    if path.name.startswith("~$"):
        return "Word 打开文件时留下的临时文件，不是年报"
    if path.name.casefold().endswith(BACKUP_TAG + ".docx"):  # a .docx skipped: only our backup is
        return BACKUP_REASON
    if path.name.startswith(_NOT_A_REPORT):
        return "临时文件，不是年报"
    return f"不是年报的文件类型（{path.suffix.lower() or '无扩展名'}）"
