"""The printed page's grid: 28 characters a line and 26 on a first line, at every resolution a
printer or the PDF export lays the report out for.  Qt sets a font at whole device pixels (3号
at 1200 dpi: 267 px for 266.67), so letter spacing by the 16 pt em's difference left each cell
0.02 pt too wide: the PDF export (1200 dpi) and 300 dpi printers set 27 a line and 25 on the
first, against the .docx's 28 and 26."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize, QPdfWriter
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
