"""Opening and saving reports by file type; the one error type the UI and CLI show."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.report import Report


class ReadError(Exception):
    """A file could not be read.  str(err) is one line of Chinese naming the file and why."""


class WriteError(Exception):
    """A file could not be written.  str(err) is one line of Chinese naming the file and why."""


def load_report(path: str | Path) -> Report:
    """Read a .docx (ours or anyone's); a .doc is converted with soffice where available."""
    from app.docx.reader import read_report

    return read_report(Path(path))


def save_report(report: Report, path: str | Path, backup: Path | None = None) -> None:
    """Write the report as a GB/T 9704 .docx, atomically; ``backup`` keeps the previous file."""
    from app.docx.writer import write_docx

    atomic_write(Path(path), lambda tmp: write_docx(report, tmp), backup)


def atomic_write(target: Path, write: Callable[[Path], object], backup: Path | None = None) -> None:
    """Write through a temporary file in the target's folder that replaces the target only
    once complete: a failed save never leaves half a file, nor loses the old one.  ``backup``:
    where the file being replaced is copied first (a locked old backup does not block).
    Raises WriteError with one line of Chinese naming the file and why."""
    try:
        fd, name = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=target.parent)
        os.close(fd)
    except OSError as e:
        raise WriteError(f"{target}：{_reason(e)}") from e
    tmp: Path | None = Path(name)
    try:
        write(Path(name))
        # mkstemp makes the file private; a saved report keeps the usual permissions.
        os.chmod(name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        if backup is not None and target.exists():
            with contextlib.suppress(OSError):
                shutil.copy2(target, backup)
        os.replace(name, target)
        tmp = None
    except WriteError as e:
        raise WriteError(f"{target}：{e}") from e
    except OSError as e:
        raise WriteError(f"{target}：{_reason(e)}") from e
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "文件夹不存在"
    if isinstance(e, PermissionError):
        return "没有写入权限（文件可能正在 Word/WPS 中打开，或文件夹只读）"
    return f"无法写入（{e.strerror or e}）"
