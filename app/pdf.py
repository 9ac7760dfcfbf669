"""PDF export from the command line.

Until the Qt print layout (issue “打印”) lands, the PDF is LibreOffice's rendering of our own
GB/T 9704 .docx; where soffice is missing the message says what to do instead."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from app.io import WriteError, save_report
from app.report import Report


def export_pdf(report: Report, path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise WriteError(f"{path}：导出 PDF 需要 LibreOffice；也可导出 .docx 后在 Word/WPS 中另存为 PDF")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        save_report(report, src)
        cmd = [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
               "--convert-to", "pdf", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=180, check=False)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise WriteError(f"{path}：PDF 转换失败（{e}）") from e
        out = Path(tmp) / "report.pdf"
        if not out.exists():
            raise WriteError(f"{path}：PDF 转换失败")
        try:
            shutil.copyfile(out, path)
        except OSError as e:
            raise WriteError(f"{path}：无法写入（{e.strerror or e}）") from e
