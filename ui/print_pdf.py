"""The report painted on any paged device (QPdfWriter, QPrinter), and 导出PDF.

Kept apart from the print dialogs (``ui.printing``): `python -m app export --to .pdf` loads
neither QtWidgets nor QtPrintSupport.

For the command line and the main window::

    export_pdf(report, path) -> str|None # raises app.io.WriteError with a one-line message;
                                         # returns a warning line (characters no font draws)
    paint_report(report, device) -> int  # any QPagedPaintDevice (QPrinter, QPdfWriter)

Both take an optional ``step(done, total)``, called between pages (and by export_pdf once more,
(total, total), when the file is complete but has not yet replaced the target): the editor's
background export reports progress with it and stops by raising from it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF
from PySide6.QtGui import QFontMetricsF, QGuiApplication, QPagedPaintDevice, QPainter, QPdfWriter, QTransform

from app.io import WriteError, atomic_write
from app.names import PDF_CREATOR
from app.page import (
    PAGE_NUMBER_IN_CHARS,
    PAGE_NUMBER_PT,
    PAGE_NUMBER_ROLE,
    PAPER_H_MM,
    PAPER_W_MM,
    page_number_text,
)
from app.report import Report, saved_text
from ui.pdf_outline import Bookmark, add_outline
from ui.pdf_runs import Mismatch, Recorder, needs_care, rewrite
from ui.pdf_text import make_searchable
from ui.print_flow import BLOCK_H_MM, BLOCK_W_MM, LEFT_MM, PAGE_NUMBER_GAP_MM, TOP_MM, Context, Page, RowUnit
from ui.print_fonts import font, missing_glyphs, undrawn_warning
from ui.print_layout import layout_report

PDF_DPI = 1200
CREATOR = PDF_CREATOR  # what 批量检查 knows our PDF by (app/ownfiles.py)
Step = Callable[[int, int], None]  # pages done, pages in all; may raise to stop
_APP: QGuiApplication | None = None  # the application made here for a headless export


def ensure_app() -> QGuiApplication:
    """The running QGuiApplication, or one made for painting without a window (the command
    line), offscreen on Linux."""
    global _APP
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:
        raise WriteError("导出 PDF 需要图形界面组件（QGuiApplication），当前程序只启动了 QCoreApplication")
    # Painting a PDF needs no screen: on Linux never depend on one (a stale DISPLAY in an SSH
    # session would make Qt abort); Windows and macOS draw without a display anyway.
    if sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui import qtlog

    qtlog.install()  # the command line prints its own lines only: Qt's go to the log
    _APP = QGuiApplication([sys.argv[0] if sys.argv else "nianbao"])
    return _APP


def prepare_device(device: QPagedPaintDevice) -> None:
    """A4 portrait; painting starts at the paper's corner so that margins are ours."""
    print_support = sys.modules.get("PySide6.QtPrintSupport")  # a QPrinter needs it imported
    if print_support is not None and isinstance(device, print_support.QPrinter):
        device.setFullPage(True)  # keep the paper the user chose in the print dialog
        return
    from PySide6.QtGui import QPageLayout, QPageSize  # see a4_writer

    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    device.setPageLayout(layout)


def a4_writer(path: Path) -> QPdfWriter:
    """A PDF writer whose page is what ``prepare_device`` sets: a new QPdfWriter's page is
    already A4 portrait (Qt's default), so only its margins are set, in millimetres as there.
    QPageLayout and QPageSize are never touched: PySide would build their enums (the ~120 paper
    sizes among them), some 4 ms of each `export --to .pdf` process.  (tests/ui/test_printing.py
    holds the page: A4, the text inside the GB/T 9704 block measured from the paper's corner.)"""
    writer = QPdfWriter(str(path))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    return writer


def _wanted_pages(device: QPagedPaintDevice) -> Callable[[int], bool]:
    """The pages the print dialog asked for (all when no range was given)."""
    ranges = device.pageRanges()
    return (lambda n: True) if ranges.isEmpty() else ranges.contains


def check_fonts(device: QPagedPaintDevice | None = None) -> None:
    """WriteError where no installed font can draw Chinese: better no printout than boxes.
    ``device``: the one about to be painted (see ``missing_glyphs``)."""
    if missing_glyphs(device=device):
        raise WriteError("未找到中文字体（仿宋、宋体、Noto CJK 或文泉驿等），打印出来会是方框：请先安装中文字体")


def paint_report(report: Report, device: QPagedPaintDevice, step: Step | None = None, *,
                 prepared: bool = False, painter: QPainter | None = None,
                 headings: list[Bookmark] | None = None) -> int:
    """Paint every page of ``report`` on ``device``; the number of pages laid out.
    ``prepared``: the device's page is set already (``a4_writer``); ``painter``: the one to
    paint with (the PDF's ``ui.pdf_runs.Recorder``), begun here; ``headings``: given, gets
    where each section heading is drawn."""
    check_fonts(device)
    if not prepared:
        prepare_device(device)
    pages = layout_report(report, device)
    ctx = Context(device)
    if headings is not None:
        top = TOP_MM * 72 / 25.4
        headings += [(unit.heading, index, top + y * 72 / ctx.dpi_y) for index, page in enumerate(pages)
                     for unit, y in page if unit.heading is not None]
    wanted = _wanted_pages(device)
    fit = onto_paper(device, ctx)
    painter = QPainter() if painter is None else painter
    if not painter.begin(device):
        raise WriteError("无法开始打印：打印机或文件不可用")
    try:
        started = False
        for number, page in enumerate(pages, 1):
            if step is not None:
                step(number - 1, len(pages))
            if not wanted(number):
                continue
            if started and not device.newPage():
                raise WriteError(f"无法开始第 {number} 页：打印机或磁盘出错")
            if started and isinstance(painter, Recorder):
                painter.new_page()
            started = True
            if fit is not None:
                painter.setTransform(fit)
            paint_page(painter, ctx, page, number)
    finally:
        painter.end()
    return len(pages)


def onto_paper(device: QPagedPaintDevice, ctx: Context) -> QTransform | None:
    """The A4 page onto the paper chosen in 页面设置 or the print dialog (横向, B5, Letter): scaled
    down to fit when the paper is smaller in either way, centred.  The report is laid out for A4
    portrait; painted 1:1 on other paper, what lay past its edge was silently not printed — the
    lower half of every page on 横向 (rev26 P1).  None on A4 portrait (and on every PDF export)."""
    width, height = device.width(), device.height()
    a4_w, a4_h = ctx.mm_x(PAPER_W_MM), ctx.mm_y(PAPER_H_MM)
    if abs(width - a4_w) <= ctx.mm_x(1) and abs(height - a4_h) <= ctx.mm_y(1):
        return None
    scale = min(width / a4_w, height / a4_h, 1.0)
    return QTransform(scale, 0, 0, scale, (width - a4_w * scale) / 2, (height - a4_h * scale) / 2)


def paint_page(painter: QPainter, ctx: Context, page: Page, number: int) -> None:
    """One page: its units in the text block, table rows in runs (merged cells span a run)."""
    x0, y0 = ctx.mm_x(LEFT_MM), ctx.mm_y(TOP_MM)
    rows: list[tuple[int, float]] = []
    table = None
    for unit, y in page:
        if isinstance(unit, RowUnit):
            if unit.table is not table and rows and table is not None:
                table.paint_rows(painter, x0, rows)
                rows = []
            table = unit.table
            rows.append((unit.row, y0 + y))
            continue
        if rows and table is not None:
            table.paint_rows(painter, x0, rows)
            rows, table = [], None
        unit.paint(painter, x0, y0 + y)
    if rows and table is not None:
        table.paint_rows(painter, x0, rows)
    paint_page_number(painter, ctx, number)


def paint_page_number(painter: QPainter, ctx: Context, number: int) -> None:
    """“— N —” in 4号宋体, its dashes 7 mm below the text block; odd pages right, even pages
    left, one character in (GB/T 9704 7.5)."""
    f = font(PAGE_NUMBER_ROLE, PAGE_NUMBER_PT)
    text = page_number_text(number)
    metrics = QFontMetricsF(f, ctx.device)
    dash = metrics.tightBoundingRect("—")
    baseline = ctx.mm_y(TOP_MM + BLOCK_H_MM + PAGE_NUMBER_GAP_MM) - dash.top()
    one_char = ctx.pt_x(PAGE_NUMBER_IN_CHARS * PAGE_NUMBER_PT)
    left = ctx.mm_x(LEFT_MM)
    if number % 2:
        x = left + ctx.mm_x(BLOCK_W_MM) - one_char - metrics.horizontalAdvance(text)
    else:
        x = left + one_char
    if isinstance(painter, Recorder):
        painter.draw_text(f, QPointF(x, baseline), text)
        return
    painter.save()
    painter.setFont(f)
    painter.drawText(QPointF(x, baseline), text)
    painter.restore()


def export_pdf(report: Report, path: Path, step: Step | None = None) -> str | None:
    """Write the report as an A4 PDF (fonts embedded, text extractable), atomically: a failed
    or stopped export never leaves half a file.  Raises WriteError with one line of Chinese
    (or what ``step`` raised, wrapped in one).  Returns a line of Chinese to show where some
    characters print as boxes, no installed font having them (``ui.print_fonts.undrawn_warning``),
    else None."""
    ensure_app()
    said: list[str | None] = [None]

    def write(tmp: Path) -> None:
        said[0] = _write_pdf(report, tmp, step)

    atomic_write(Path(path), write)
    return said[0]


def _write_pdf(report: Report, path: Path, step: Step | None = None) -> str | None:
    writer = a4_writer(path)
    writer.setResolution(PDF_DPI)
    writer.setTitle(saved_text(report.title))  # (a control character pasted into 机关名称: dropped, as in the .docx)
    writer.setAuthor(saved_text(report.organ))  # as Word and LibreOffice have it from the .docx
    writer.setCreator(CREATOR)
    # The text of each glyph written where Qt's maps would lose it (ui/pdf_runs.py)
    recorder = Recorder() if needs_care(report) else None
    headings: list[Bookmark] = []
    pages = paint_report(report, writer, step, prepared=True, painter=recorder, headings=headings)
    said = undrawn_warning(report, writer, "PDF 中", "后重新导出")
    del writer  # closes the file before it is moved into place
    if path.stat().st_size == 0:
        raise WriteError("PDF 未能写出（磁盘已满或文件不可写）")
    try:
        if recorder is None or not rewrite(path, recorder.pages):
            make_searchable(path)
    except Mismatch:  # Qt drew otherwise than recorded: its own maps, radicals put right
        make_searchable(path)
    add_outline(path, headings)
    if step is not None:
        step(pages, pages)
    return said
