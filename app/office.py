"""LibreOffice, where it is installed: converting old or foreign formats, with a private
profile so that a running LibreOffice (or another conversion) does not get in the way."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, to: str, outdir: Path, timeout: float = 180) -> Path | None:
    """``src`` converted to format ``to`` (docx, pdf, …) in ``outdir``; None when LibreOffice
    is missing, fails or takes too long."""
    program = soffice()
    if program is None:
        return None
    # A file URI, not "file://" + path: Windows paths and user names with spaces or Chinese.
    cmd = [program, f"-env:UserInstallation={(outdir / 'lo-profile').resolve().as_uri()}", "--headless",
           "--convert-to", to, "--outdir", str(outdir), str(src)]
    try:
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = outdir / f"{src.stem}.{to}"
    return out if out.exists() else None
