"""PDF export: the editor's own print layout (``ui.printing``), the one that prints.

Qt is imported only inside ``export_pdf`` (the domain never loads it on import).  Where Qt's
GUI libraries cannot be loaded at all (a server without libGL/libEGL), LibreOffice's rendering
of our own GB/T 9704 .docx is the fallback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from app import office
from app.io import WriteError, atomic_write, save_report
from app.report import Report


def export_pdf(report: Report, path: Path) -> None:
    """Write ``report`` as an A4 PDF at ``path``; WriteError (one line of Chinese) on failure."""
    try:
        from ui.printing import export_pdf as export_with_qt
    except ImportError as e:
        _export_with_libreoffice(report, path, reason=str(e))
        return
    export_with_qt(report, Path(path))


def _export_with_libreoffice(report: Report, path: Path, reason: str) -> None:
    if office.soffice() is None:
        raise WriteError(f"{path}：无法加载 Qt 图形库（{reason}），也未找到 LibreOffice；"
                         "可导出 .docx 后在 Word/WPS 中另存为 PDF")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "report.docx"
        save_report(report, src)
        out = office.convert(src, "pdf", Path(tmp))
        if out is None:
            raise WriteError(f"{path}：PDF 转换失败")
        atomic_write(Path(path), lambda dest: shutil.copyfile(out, dest))
