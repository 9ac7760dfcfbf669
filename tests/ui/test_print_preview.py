"""打印预览 shows what prints: each page of the preview, rendered as the preview dialog renders it,
has every line of text where the printer and 导出PDF put it.

The preview records each page as a QPicture and replays it scaled; a text item replayed is laid
out again with its font alone, and a justified line of the 2022 sample came back with
“3500 条 。” and its last character “具” a line lower (GUI tester, session 11)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QGraphicsView

from app.nextyear import next_year
from app.reading import load_report
from app.report import Report
from tests.ui.printcheck import SAMPLE
from ui.print_flow import BLOCK_W_MM, LEFT_MM, TOP_MM, Context, LineUnit, Page
from ui.print_layout import layout_report
from ui.printing import new_printer, paint_page, paint_report

DPI = 150  # of the compared images: a character of 3号 is 33 px wide
SLOT_EDGE = 0.15  # of a line's slot left out at its top and at its bottom
# How far a line's centre of ink may lie from where it prints.  The preview fills the glyphs'
# outlines, a little bolder than the raster engine draws them, which moves the centre of a
# line by up to 0.6 mm (measured on the sample); one character moved off a line moves it 2.5 mm.
TOLERANCE_MM = 1.2


@dataclass(frozen=True)
class Ink:
    """The ink of one line's slot: how much, and where its centre of mass is (mm on the page)."""

    mass: float
    x_mm: float
    y_mm: float


def _grey(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    return image


def _profile(image: QImage) -> list[int]:
    """Darkness per row of ``image`` (0 white)."""
    raw, bpl, w = bytes(image.constBits()), image.bytesPerLine(), image.width()
    return [255 * w - sum(raw[r * bpl:r * bpl + w]) for r in range(image.height())]


def _ink(image: QImage, top: int, bottom: int) -> Ink:
    """The ink of rows ``top``..``bottom`` inside the text block's width (the preview's page
    has a frame line at the paper's edge)."""
    left, right = round((LEFT_MM - 1) / 25.4 * DPI), round((LEFT_MM + BLOCK_W_MM + 1) / 25.4 * DPI)
    band = image.copy(left, top, right - left, bottom - top)
    rows = _profile(band)
    cols = _profile(band.transformed(QTransform().rotate(90)))  # its rows are the band's columns
    mass = float(sum(rows))
    if not mass:
        return Ink(0.0, 0.0, 0.0)
    mm = 25.4 / DPI
    y = top + sum(r * d for r, d in enumerate(rows)) / mass
    x = left + sum(c * d for c, d in enumerate(cols)) / mass
    return Ink(mass, x * mm, y * mm)


def _line_slots(page: Page, ctx: Context, scale: float) -> list[tuple[int, int]]:
    """The image rows of each text line on ``page``: the middle of its slot, where its characters
    stand (not the slot's edges, where a table's border may run)."""
    top = ctx.mm_y(TOP_MM)
    return [(round((top + y + SLOT_EDGE * unit.height) * scale), round((top + y + (1 - SLOT_EDGE) * unit.height) * scale))
            for unit, y in page if isinstance(unit, LineUnit)]


def _preview_images(report: Report, printer: QPrinter, size: tuple[int, int]) -> list[QImage]:
    """Each page as the preview dialog shows it: its scene (a page item that replays the page's
    recorded picture), rendered at ``size``."""
    widget = QPrintPreviewWidget(printer)
    widget.paintRequested.connect(lambda device: paint_report(report, device))
    widget.updatePreview()
    view = widget.findChild(QGraphicsView)
    assert view is not None
    paper = printer.pageLayout().fullRectPixels(printer.resolution()).size()
    pages = sorted((item for item in view.scene().items() if item.parentItem() is None),
                   key=lambda item: (item.pos().y(), item.pos().x()))
    assert len(pages) == widget.pageCount()
    images = []
    for item in pages:
        image = _grey(*size)
        painter = QPainter(image)
        view.scene().render(painter, QRectF(0, 0, *size), QRectF(item.pos(), paper.toSizeF()))
        painter.end()
        images.append(image)
    widget.deleteLater()
    return images


def _printed_image(page: Page, number: int, ctx: Context, size: tuple[int, int], scale: float) -> QImage:
    """The page painted by the print path itself (its glyphs where the printer gets them)."""
    image = _grey(*size)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_page(painter, ctx, page, number)
    painter.end()
    return image


def test_preview_lines_are_where_they_print(qapp: QApplication) -> None:
    # 从上年报告新建 from the sample: its “2022年…” sets page 4's lines as in the tester's report.
    report = next_year(load_report(SAMPLE))
    printer = new_printer(report)
    ctx = Context(printer)
    pages = layout_report(report, printer)
    scale = DPI / printer.resolution()
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    size = (round(paper.width() * scale), round(paper.height() * scale))
    shown = _preview_images(report, printer, size)
    assert len(shown) == len(pages)
    moved = []
    for number, (page, preview) in enumerate(zip(pages, shown, strict=True), 1):
        printed = _printed_image(page, number, ctx, size, scale)
        for top, bottom in _line_slots(page, ctx, scale):
            want, got = _ink(printed, top, bottom), _ink(preview, top, bottom)
            assert want.mass, f"page {number}: a line slot without ink"
            if abs(want.x_mm - got.x_mm) > TOLERANCE_MM or abs(want.y_mm - got.y_mm) > TOLERANCE_MM:
                moved.append(f"page {number}, line at {want.y_mm:.0f} mm: printed centre "
                             f"({want.x_mm:.1f}, {want.y_mm:.1f}), preview ({got.x_mm:.1f}, {got.y_mm:.1f})")
    assert not moved, "\n".join(moved)
