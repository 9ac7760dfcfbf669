"""The files this program writes beside a report for itself, as a folder's walk must know them.

Saving keeps the previous version as ``<name>.bak.docx`` (ui/documents.py ``backup_path``);
导出发布稿 writes ``<name>（发布稿）.docx`` beside it (ui/output.py, app/publish.py);
opening writes the owner file ``.nianbao-lock.<name>#`` (app/lock.py); a save goes through
``.~nianbao-….tmp`` (app/io.py, passed over with the other programs' “.~” files by
app/names.py ``office_leftover``).  Recovery copies live in the user's application data, never
beside the report; the batch summary workbook is known by its mark (app/batch_summary.py).

None of these is a report, and a reviewer's batch must not count one as a report (a backup
holds the report as it was before the last save: checked, it was a phantom report with the old
errors and, its organ often corrected since, not even a duplicate — GUI tester, session 12) nor
as a file that is no report (the owner file was listed as “不是年报的文件类型（.docx#）”).

A backup or a 发布稿 is known by its name AND its content: a ``.bak.docx`` or ``（发布稿）.docx``
beside the file it is named after, written by this program.  A 发布稿 checked beside its report
was a second report of the same organ and year, unreviewed, its dismissed errors counted again
(a 发布稿 carries no dismissals) — rev25c P2; one sent on its own is checked as any report.  One that the name alone says is a backup (Word, WPS or a user
wrote it) is checked as a report, with its name said (``looks_like_backup``): a user may well
have named a real report so.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path

from app import lock, names

BACKUP_TAG = ".bak"  # “报告.docx” → “报告.bak.docx”
_SAVED = ".docx"  # what the editor saves, so what a backup is a copy of
# Why a backup is passed over: said in the window's 未检查 list, the CLI and the summary's 未检查 sheet.
BACKUP_REASON = "本程序保存年报时留下的备份（原文件上次保存前的版本，原文件与它同名、不带“.bak”），不是另一份年报"
_PEEK = 4096  # of a part: our marks are at its start


PUBLISHED_TAG = "（发布稿）"  # “报告.docx” → “报告（发布稿）.docx”
PUBLISHED_REASON = "本程序导出的发布稿（与原文件同名、多“（发布稿）”，原文件在同一文件夹中检查），不是另一份年报"
# 导出PDF beside its report: the Creator it writes (ui/print_pdf.py), and why one exported after the
# report's last save is passed over (the same report; one older than the report's last save is
# checked: what was published may differ, and the duplicate note then shows it).
PDF_CREATOR = names.PDF_CREATOR
EXPORT_REASON = "本程序导出的PDF（与原文件同名，导出后原文件未再修改，原文件在同一文件夹中检查），不是另一份年报"
OWN_REASONS = (BACKUP_REASON, PUBLISHED_REASON, EXPORT_REASON)
_CREATOR_MARK = b"/Creator (\xfe\xff" + PDF_CREATOR.encode("utf-16-be") + b")"  # Qt writes the Info dictionary first


def backup_name(name: str) -> str:
    """The backup's name for a saved file named ``name`` (the stem shortened to fit a file system)."""
    path = Path(name)
    return names.safe_name(path.stem, BACKUP_TAG + path.suffix)


def published_name(name: str) -> str:
    """The 发布稿's name for a report named ``name`` (of any format: the copy is a .docx)."""
    return names.safe_name(Path(name).stem + PUBLISHED_TAG, ".docx")


def published_in(folder_names: Iterable[str]) -> dict[str, str]:
    """Of the names in one folder: each that is the 发布稿's name of another, to that other's
    name (compared without case, as ``backups_in``)."""
    listed = list(folder_names)
    present = {n.casefold(): n for n in listed}
    found: dict[str, str] = {}
    for name in listed:
        copy = present.get(published_name(name).casefold())
        if copy is not None and copy != name:
            found[copy] = name
    return found


def exported_in(folder_names: Iterable[str]) -> dict[str, str]:
    """Of the names in one folder: each .pdf named as a .docx beside it, to that .docx's name
    (compared without case, as ``backups_in``)."""
    listed = list(folder_names)
    present = {n.casefold(): n for n in listed}
    found: dict[str, str] = {}
    for name in listed:
        if name.casefold().endswith(".pdf"):
            source = present.get(name[:-4].casefold() + _SAVED)
            if source is not None:
                found[name] = source
    return found


def exported_here(pdf: Path, source: Path) -> bool:
    """Whether ``pdf`` is this program's 导出PDF (its Creator, in the file's first bytes) written no
    earlier than ``source``'s last change.  Anything that goes wrong says no (it is then checked)."""
    from app.errors import ReadError
    from app.limits import open_regular  # never waits on a FIFO, only a regular file is read

    try:
        with open_regular(pdf) as fh:
            return _CREATOR_MARK in fh.read(_PEEK) and os.fstat(fh.fileno()).st_mtime >= source.stat().st_mtime
    except (OSError, ValueError, ReadError):
        return False


def own_note(reasons: Iterable[str | None], sep: str) -> tuple[int, str]:
    """Of the reasons files were passed over: how many are this program's own files, and what a
    count line adds for them (each kind after ``sep``)."""
    said = list(reasons)
    backups, published, exported = (said.count(BACKUP_REASON), said.count(PUBLISHED_REASON),
                                    said.count(EXPORT_REASON))
    return backups + published + exported, ((f"{sep}本程序保存时留下的备份 {backups} 个未检查" if backups else "")
                                            + (f"{sep}本程序导出的发布稿 {published} 个未检查" if published else "")
                                            + (f"{sep}本程序导出的PDF {exported} 个未检查" if exported else ""))


def is_lock(name: str) -> bool:
    """The editor's owner file (app/lock.py), left beside a report while it is open."""
    return name.startswith(lock.PREFIX) and name.endswith(lock.SUFFIX)


def backups_in(folder_names: Iterable[str]) -> dict[str, str]:
    """Of the names in one folder: each that is the backup's name of another, to that other's
    name.  Compared without case, as Windows and a USB stick's FAT compare names."""
    listed = list(folder_names)
    present = {n.casefold(): n for n in listed}
    found: dict[str, str] = {}
    for name in listed:
        if not name.casefold().endswith(_SAVED):
            continue
        backup = present.get(backup_name(name).casefold())
        if backup is not None and backup != name:
            found[backup] = name
    return found


def written_here(path: Path) -> bool:
    """Whether the .docx at ``path`` was written by this program: its extended properties name
    us as the application (Word and WPS put their own on re-saving), or it holds our data part
    (which they keep).  Anything that goes wrong says no; a FIFO or device is never opened for
    reading (it would block), and only the start of two small parts is read."""
    # Here, not at the top: ui/documents.py takes backup_name from this module, and app.docx
    # loads lxml and the template (urllib, ssl: ~80 ms) — off the editor's start
    # (tests/test_prefetch.py, tests/ui/test_start_ui.py).
    from app.docx.custom import NAMESPACE
    from app.docx.template import APPLICATION

    application = re.compile(rb"<(?:\w+:)?Application>\s*" + re.escape(APPLICATION.encode()) + rb"\s*</(?:\w+:)?Application>")

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return False
    with os.fdopen(fd, "rb") as fh, contextlib.suppress(Exception):
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        with zipfile.ZipFile(fh) as z:
            for info in z.infolist():
                part = info.filename.casefold()
                if part == "docprops/app.xml" or (part.startswith("customxml/item") and "props" not in part):
                    with z.open(info) as member:
                        head = member.read(_PEEK)
                    if application.search(head) or NAMESPACE.encode() in head:
                        return True
    return False


def own_backup(path: Path, folder_names: Iterable[str] | None = None) -> str | None:
    """The name of the file ``path`` is this program's backup of, beside it; None when it is
    none (its name is no backup's of a file there, or something else wrote it).
    ``folder_names``: the folder's names when already listed."""
    original = looks_like_backup(path, folder_names)
    return original if original is not None and written_here(path) else None


def looks_like_backup(path: Path, folder_names: Iterable[str] | None = None) -> str | None:
    """The name of the file beside ``path`` whose backup's name ``path`` has, by name only."""
    if not path.name.casefold().endswith(BACKUP_TAG + _SAVED):
        return None
    if folder_names is None:
        try:
            folder_names = os.listdir(path.parent)
        except (OSError, ValueError):
            return None
    return backups_in(folder_names).get(path.name)


def hidden_in_dialogs(path: Path, *, saving: bool = True) -> bool:
    """Whether the open and save dialogs leave the file at ``path`` out: what Word, WPS,
    LibreOffice or the system leave beside documents (the owner file ~$报告.docx, temporary
    files, Thumbs.db), this program's owner and temporary files — none a report to open nor a
    name to save over — and, in the save dialog only (``saving``), its backup of the report beside
    it (known by name and content, ``own_backup``): 打开 lists it, the one way back to what a save
    overwrote (保存会覆盖那些修改（原文件另存为备份 .bak.docx）, rev22b)."""
    name = path.name
    return (names.office_leftover(name) is not None or is_lock(name)
            or (saving and own_backup(path) is not None))
