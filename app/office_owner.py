"""Word's, WPS's and LibreOffice's owner files: the report is open in another program.

While Word or WPS (Windows) has ``报告.docx`` open it keeps ``~$报告.docx`` beside it (162 bytes
naming the user); WPS on 统信UOS/麒麟 keeps ``.~报告.docx``; LibreOffice ``.~lock.报告.docx#``
(a line “name,host,user,date,…”).  On Windows Word's hold on the file makes our save fail; WPS
on Linux and LibreOffice anywhere hold nothing, so a save here replaced the file under them and
their next save (or their autosave) wrote their older copy back — our edits lost without a word
(rev25b S4).  ``find`` says who seems to have it open, so the editor asks, as it does for its own
owner files (app/lock.py).

An owner file stays behind when the program crashed: nothing in it tells a live one from a
left one (no process number; LibreOffice's names a computer, Word's only a user), so the
question says so and the user decides.  Not on the start's path: imported when a file is opened.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

WORD = "Word 或 WPS"  # Windows WPS names its owner file as Word does
EXCEL = "Excel 或 WPS"  # a workbook (导出Excel, 汇总表): Excel's owner file is named as Word's
_SHEETS = (".xlsx", ".xlsm", ".xls", ".et")
WPS = "WPS"
LIBREOFFICE = "LibreOffice"
_MAX_OWNER_BYTES = 4096  # Word's is 162 bytes, LibreOffice's a line: more is no owner file
_MAX_SHOWN_CHARS = 40  # a user or computer name as shown in the question


@dataclass(frozen=True)
class OtherProgram:
    """Another program's owner file beside a document."""

    program: str  # WORD, WPS or LIBREOFFICE
    file: str  # the owner file's path
    user: str = ""
    host: str = ""
    seen: tuple[int, int, int] = (0, 0, 0)  # its inode, size and time: the same file answered once

    def who(self) -> str:
        """“张三，计算机 PC-01” as far as the owner file says."""
        parts = [self.user] if self.user else []
        if self.host:
            parts.append(f"计算机 {self.host}")
        return "，".join(parts) or "用户不详"

    def name(self) -> str:
        return Path(self.file).name


def candidates(document: Path) -> list[tuple[Path, str]]:
    """The owner files the programs would keep beside ``document``.  Word takes the first
    characters off a long name (a stem of 7 characters loses one, of 8 or more two:
    ``~$24年政府信息公开年报.docx``); WPS on Windows writes the whole name."""
    name = document.name
    stem = len(Path(name).stem)
    word = ["~$" + name] + (["~$" + name[2:]] if stem >= 8 else ["~$" + name[1:]] if stem == 7 else [])
    office = EXCEL if document.suffix.lower() in _SHEETS else WORD
    return ([(document.with_name(n), office) for n in word]
            + [(document.with_name(".~" + name), WPS), (document.with_name(".~lock." + name + "#"), LIBREOFFICE)])


def find(document: Path) -> OtherProgram | None:
    """The other program that seems to have ``document`` open, or None.  Never raises: a name
    the system refuses, a folder that cannot be read, an owner file that is no regular file or
    too long are no owner."""
    for path, program in candidates(document):
        try:
            data, seen = _read(path)
        except (OSError, ValueError):
            continue
        user, host = _who(data, program)
        return OtherProgram(program, str(path), user, host, seen)
    return None


def _read(path: Path) -> tuple[bytes, tuple[int, int, int]]:
    """An owner file's bytes, without waiting (a FIFO) and within _MAX_OWNER_BYTES; OSError when
    it is not there or no small regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_OWNER_BYTES:
            raise OSError(errno.EINVAL, "no owner file", str(path))
        return fh.read(_MAX_OWNER_BYTES), (info.st_ino, info.st_size, info.st_mtime_ns)


def _who(data: bytes, program: str) -> tuple[str, str]:
    """The user (and computer) an owner file names; "" for what it does not say."""
    if program == LIBREOFFICE:  # “显示名,主机,用户,03.12.2026 09:00,file:///…;”
        fields = data.decode("utf-8", "replace").split(",")
        user = fields[0].strip() or (fields[2].strip() if len(fields) > 2 else "")
        return _shown(user), _shown(fields[1] if len(fields) > 1 else "")
    if program in (WORD, EXCEL) and len(data) > 2:
        # A byte of length, the name in the system's code page (GBK on a Chinese Windows); at
        # byte 54 the length again and the name in UTF-16.
        wide = int.from_bytes(data[54:56], "little") if len(data) >= 56 else 0
        if 0 < wide <= 64 and len(data) >= 56 + 2 * wide:
            return _shown(data[56:56 + 2 * wide].decode("utf-16-le", "replace")), ""
        return _shown(data[1:1 + data[0]].decode("gb18030", "replace")), ""
    return "", ""  # WPS's own on Linux: its content is not documented


def _shown(text: str) -> str:
    """A name fit to show: printable, trimmed, short."""
    kept = "".join(c for c in text if c.isprintable()).strip()
    return kept[:_MAX_SHOWN_CHARS]


def refusal(path: Path, other: OtherProgram) -> str:
    """One line saying why a command will not write ``path`` (app/cli_paths.py)."""
    return (f"{path}：文件似乎正在 {other.program} 中打开（{other.who()}），未写入（写入后 {other.program} 再保存时会"
            f"用它打开时的内容覆盖写出的文件）；请先在 {other.program} 中关闭它，或另取一个文件名。如果 {other.program} "
            f"已经关闭，标记文件“{other.name()}”是它异常退出时留下的，删除后再试")
