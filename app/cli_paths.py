"""What each path on the command line must be, said in one line before any work is done.

An output of the wrong kind was found out late and told wrongly: `new --to 年报.pdf` wrote a .docx,
which the check of a written PDF refused as 写出的文件不完整（磁盘空间可能不足）; `check --xlsx 某文件夹`
ran the whole batch and then asked for a name like 报告.docx; `new --to 年报.xlsx` and
`check --xlsx 汇总.docx` wrote as asked, a file no program opens by its name (rev23 L7).  Each
output is held here to the file it will be: not a folder, in a folder that is one (not a file's
name taken for a folder's), with the extension of what is written.
"""

from __future__ import annotations

import argparse
import glob
import os
from pathlib import Path

from app.names import is_folder, same_file


class UsageError(Exception):
    """Arguments that cannot be carried out as given (one line of Chinese; exit code 2, as
    argparse's own refusals)."""


def refuse_same_file(src: Path, dest: Path) -> None:
    """The output must not be the input: `new --from X --to X` would replace last year's report
    with a blank one, `export X --to X` a file of anyone's with ours — with no backup either way.
    The same file however named: a symbolic link, a hard link, another spelling of the path."""
    if same_file(src, dest):
        raise UsageError(f"{dest}：输出文件就是源文件 {src}，未写入（会覆盖源文件）；请给另一个文件名")


def output_file(path: Path, suffixes: tuple[str, ...], what: str, stem: str = "报告") -> None:
    """UsageError unless ``path`` can name the file a command writes: ``what`` (本年度报告,
    汇总表…) in one of the formats ``suffixes`` (the first is the example's), in a folder that
    exists.  The extension compared without case (Windows' “报告.DOCX”)."""
    kinds = "、".join(suffixes[:-1]) + (" 或 " if len(suffixes) > 1 else "") + suffixes[-1]
    if is_folder(path):
        raise UsageError(f"{path}：是一个文件夹，不是文件；请给出{what}的文件名（如 {path / (stem + suffixes[0])}）")
    if path.suffix.lower() not in suffixes:
        given = f"的扩展名是“{path.suffix}”" if path.suffix else "没有扩展名"
        example = path.with_name((path.stem if path.suffix else path.name) + suffixes[0])
        raise UsageError(f"{path}：{what}写为 {kinds} 文件，所给文件名{given}；请给出以 {kinds} 结尾的文件名"
                         f"（如 {example}）")
    if not is_folder(path.parent):
        from app.io import no_folder  # the reason atomic_write would give, said before the work

        raise UsageError(f"{path}：{no_folder(path.parent)}")
    if not path.is_file():  # a new file has no editor on it (app.lock, json: not loaded for nothing)
        return
    from app.lock import live_owner  # a file read only to answer this

    owner = live_owner(path)
    if owner is not None:  # as the editor's own 另存为/导出 refuse it: that window would save over us
        raise UsageError(f"{path}：文件正在编辑器中打开（{owner.describe()}），未写入；请另取一个文件名，"
                         "或先在编辑器中关闭它")
    from app import office_owner  # Word, WPS, LibreOffice: their next save would write back their copy

    other = office_owner.find(path)
    if other is not None:
        raise UsageError(office_owner.refusal(path, other))


def given_path(text: str) -> Path:
    """A file or folder read (argparse's type): an empty one is refused — ``Path("")`` is ".",
    and `check "$FILE"` with the name unset checked the whole current folder.  A file URI (what
    a file manager or a browser's download list copies: “file:///home/张三/%E5%B9%B4%E6%8A%A5.docx”)
    is the file it names: taken as a name, it was “file:/home/…：文件不存在”."""
    if not text.strip():
        raise argparse.ArgumentTypeError("文件名是空的")
    if text[:7].lower() == "file://":
        from urllib.parse import urlsplit
        from urllib.request import url2pathname  # (only for such a name: a heavy import)

        parts = urlsplit(text.strip())
        where = parts.path if parts.netloc.lower() in ("", "localhost") else f"//{parts.netloc}{parts.path}"
        return Path(url2pathname(where))
    return Path(text)


def expanded(paths: list[Path]) -> list[Path]:
    """The paths given, a wildcard one (“*.docx”, “2023?.pdf”) replaced by the files it matches:
    Windows' cmd and PowerShell hand `check *.docx` to the program as typed (no shell expands
    it), and it was “文件不存在”.  A name that exists as typed is itself (a Linux file may be
    named “a*.docx”); one matching nothing is said so."""
    out: list[Path] = []
    for path in paths:
        text = str(path)
        if ("*" in text or "?" in text) and not os.path.lexists(path):
            found = sorted(glob.glob(text))
            if not found:
                raise UsageError(f"{path}：没有与之相符的文件或文件夹")
            out += map(Path, found)
        else:
            out.append(path)
    return out


def one_file(path: Path) -> Path:
    """``path`` for a command that reads one file: a wildcard matching one is that one."""
    found = expanded([path])
    if len(found) > 1:
        raise UsageError(f"{path}：与之相符的有{len(found)}个（{found[0].name}、{found[1].name}…），"
                         "这个命令只读一个文件；请给出其中一个的文件名")
    return found[0]
