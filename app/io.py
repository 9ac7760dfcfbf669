"""Opening and saving reports by file type; the one error type the UI and CLI show."""

from __future__ import annotations

import os
import tempfile
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


def save_report(report: Report, path: str | Path) -> None:
    """Write the report as a GB/T 9704 .docx, atomically: a temporary file in the same folder
    replaces the target only once it is complete, so a failed save never leaves half a file."""
    from app.docx.writer import write_docx

    target = Path(path)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=".~", suffix=".docx", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        write_docx(report, tmp)
        # mkstemp makes the file private; a saved report keeps the usual permissions.
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp, target)
        tmp = None
    except PermissionError as e:
        raise WriteError(f"{target}：没有写入权限（文件可能正在 Word/WPS 中打开，或文件夹只读）") from e
    except OSError as e:
        raise WriteError(f"{target}：无法写入（{e.strerror or e}）") from e
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
