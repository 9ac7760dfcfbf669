"""PDF through LibreOffice's rendering of our own GB/T 9704 .docx: the fallback for the command
line where Qt's GUI libraries cannot be loaded at all (a server without libGL/libEGL).  The
PDF that prints is the editor's own layout (``ui.printing``); the command line (app/cli.py, the
one place outside ui/ that may start Qt) chooses between them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from app import office
from app.io import WriteError, atomic_write, save_report
from app.report import Report


def export_pdf_with_libreoffice(report: Report, path: Path, reason: str) -> None:
    """``reason``: why Qt could not be used, for the message when LibreOffice is missing too."""
    if office.soffice() is None:
        raise WriteError(f"{path}：无法加载 Qt 图形库（{reason}），也未找到 LibreOffice；"
                         "可导出 .docx 后在 Word/WPS 中另存为 PDF")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        save_report(report, src)
        try:
            out = office.convert(src, "pdf", Path(tmp))
        except office.TooSlow as e:
            raise WriteError(f"{path}：PDF 转换失败，{office.too_slow_text(e.seconds)}") from None
        if out is None:
            raise WriteError(f"{path}：PDF 转换失败")
        atomic_write(Path(path), lambda dest: shutil.copyfile(out, dest))
