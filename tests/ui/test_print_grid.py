"""The printed page's grid: 28 characters a line and 26 on a first line, at every resolution a
printer or the PDF export lays the report out for.  Qt sets a font at whole device pixels (3号
at 1200 dpi: 267 px for 266.67), so letter spacing by the 16 pt em's difference left each cell
0.02 pt too wide: the PDF export (1200 dpi) and 300 dpi printers set 27 a line and 25 on the
first, against the .docx's 28 and 26."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize, QPaintDevice, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from app.page import BLOCK_H_MM, CHAR_PITCH_PT, CHARS_PER_LINE, LINE_PT, LINES_PER_PAGE
from app.report import Paragraph, Report
from ui.print_flow import Context, LineUnit, paginate
from ui.print_layout import build_flow


@pytest.mark.parametrize("dpi", [300, 600, 1200])
def test_a_full_line_holds_28_characters_and_a_first_line_26(qapp: QApplication, tmp_path: Path, dpi: int) -> None:
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(dpi)
    ctx = Context(writer)
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain("政府信息公开工作按照条例要求认真落实" * 12)]  # no punctuation to move
    units = build_flow(report, ctx)
    lines = [u.layout.lineAt(u.index) for u in units if isinstance(u, LineUnit)
             and u.layout.text().startswith("政府")]
    assert len(lines) > 5
    assert lines[0].textLength() == CHARS_PER_LINE - 2
    assert lines[0].x() / ctx.pt_x(CHAR_PITCH_PT) == pytest.approx(2, abs=0.01)  # two cells in
    assert [ln.textLength() for ln in lines[1:-1]] == [CHARS_PER_LINE] * (len(lines) - 2)
    for ln in lines[1:-1]:  # the line's width is the text block's, to a point
        assert ln.naturalTextWidth() / ctx.pt_x(1) == pytest.approx(CHAR_PITCH_PT * CHARS_PER_LINE, abs=1.0)


@pytest.mark.parametrize("dpi", [300, 1200])
def test_a_full_page_holds_22_lines(qapp: QApplication, tmp_path: Path, dpi: int) -> None:
    """GB/T 9704: 22 lines in the 225 mm block.  The grid's pitch was 580 twips, 22 of which
    are a hair over the block: Word and LibreOffice set 21 lines a page (the printout 22)."""
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(dpi)
    ctx = Context(writer)
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain("政府信息公开工作按照条例要求认真落实" * 150)]
    pages = paginate(build_flow(report, ctx), ctx.block_height)
    lines = [sum(isinstance(u, LineUnit) for u, _ in page) for page in pages]
    assert lines[1:4] == [LINES_PER_PAGE] * 3  # the paragraph's pages after the first
    assert LINES_PER_PAGE * LINE_PT <= BLOCK_H_MM * 72 / 25.4  # the grid fits the block


def _device(kind: str, dpi: int, path: Path) -> QPaintDevice:
    if kind == "writer":  # the PDF export's
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(dpi)
        return writer
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


IDEOGRAPHS = "".join(map(chr, range(0x4E00, 0x9FA6)))  # the URO's 20,902: every common character


@pytest.mark.parametrize(("kind", "dpi"), [("printer", 300), ("printer", 600), ("printer", 1200), ("writer", 1200)])
def test_every_ideograph_ends_a_full_line(qapp: QApplication, tmp_path: Path, kind: str, dpi: int) -> None:
    """Each ideograph as the 28th character of a line of 国 (and one in 40 as the 26th of a first
    line): Qt broke before a last character whose ink passes its advance (Noto Serif CJK: 以其心员
    必真具办标…, 23 of 498 common characters at 300 dpi) and spread 27 over the line (rev24b P2);
    Word and LibreOffice set it.  Where it stands: as the 28th character of a line of 国 does."""
    ctx = Context(_device(kind, dpi, tmp_path / "x.pdf"))
    chunks = [IDEOGRAPHS[k:k + 40] for k in range(0, len(IDEOGRAPHS), 40)]  # one long layout is slow
    report = Report(organ="某局", year=2023)
    report.sections["一"] = [Paragraph.plain("国" * 25 + chunk[0] + "".join("国" * 27 + ch for ch in chunk[1:]) + "国")
                             for chunk in chunks]
    units = [u for u in build_flow(report, ctx) if isinstance(u, LineUnit) and u.layout.text().startswith("国" * 25)]
    ends = "".join(u.layout.text()[u.layout.lineAt(u.index).textStart() + u.layout.lineAt(u.index).textLength() - 1]
                   for u in units)
    expected = "".join(chunk + "国" for chunk in chunks)  # each paragraph's lines end so, its last with 国
    assert len(ends) == len(expected)
    wrong = [ch for ch, end in zip(expected, ends, strict=True) if ch != end]
    assert not wrong, f"{len(wrong)} lines broke early, first before {wrong[:20]}"
    reference = next(u.layout.lineAt(u.index) for u in units if u.index == 1)  # ends with 国
    last_x = [max(p.x() for run in u.layout.lineAt(u.index).glyphRuns() for p in run.positions()) for u in units
              if u.index >= 1 and u.index < u.layout.lineCount() - 1]
    ref_x = max(p.x() for run in reference.glyphRuns() for p in run.positions())
    assert max(abs(x - ref_x) for x in last_x) < ctx.pt_x(0.1)
