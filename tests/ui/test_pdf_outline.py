"""导出PDF's bookmarks (rev24b P1): one per section heading, 一…六, titled as the heading and
opening the page where it is drawn, at its line; the file opens with them shown.  Qt writes
none; LibreOffice's PDF of the .docx has them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from PySide6.QtWidgets import QApplication

from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import SECTIONS
from tests.ui.conftest import SAMPLE
from ui.pdf_objects import Pdf
from ui.pdf_runs import needs_care
from ui.print_pdf import export_pdf

HEADINGS = [spec.heading for spec in SECTIONS]


def outline(path: Path) -> list[tuple[int, str, int, float]]:
    """(level, title, page from 1, the destination's top in points from the page's foot)."""
    with path.open("rb") as f:
        doc = PDFDocument(PDFParser(f))
        pages = {p.pageid: k for k, p in enumerate(PDFPage.create_pages(doc), 1)}
        out = []
        for level, title, dest, _action, _se in doc.get_outlines():
            page, kind, _left, top, _zoom = resolve1(dest)
            assert kind.name == "XYZ"
            out.append((level, title, pages[page.objid], float(top)))
    return out


def check(path: Path) -> None:
    got = outline(path)
    assert [(level, title) for level, title, *_ in got] == [(1, h) for h in HEADINGS]
    with pdfplumber.open(path) as pdf:
        for _level, title, number, top in got:
            page = pdf.pages[number - 1]
            text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", str(path), "-"],
                                  capture_output=True, text=True, check=True).stdout
            assert title in text.replace(" ", "")
            # the heading's characters stand just under the destination: within its 3号 line
            line = [c for c in page.chars if c["text"] == title[0] and c["size"] > 15]
            y = [page.height - c["top"] for c in line]
            assert any(0 <= top - t <= 16 for t in y), (title, top, y)
    objects = Pdf(path.read_bytes())
    assert b"/PageMode /UseOutlines" in objects.body(objects.root)  # opens with the bookmarks shown


def test_the_sample_has_a_bookmark_per_section_heading(qapp: QApplication, tmp_path: Path) -> None:
    report = load_report(SAMPLE)
    assert not needs_care(report)  # Qt's own maps put right in place (ui/pdf_text.py)
    export_pdf(report, tmp_path / "x.pdf")
    check(tmp_path / "x.pdf")
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(tmp_path / "x.pdf")], capture_output=True, text=True,
                          check=True).stdout
    assert f"Author:          {report.organ}" in info
    assert "Syntax Error" not in subprocess.run(["pdftotext", str(tmp_path / "x.pdf"), "-"], capture_output=True,
                                                text=True).stderr


@pytest.mark.parametrize("filled", [True, False])
def test_a_recorded_report_has_them_too(qapp: QApplication, tmp_path: Path, filled: bool) -> None:
    """A report drawn through the recorder (a full-width space, a 生僻字): its file written again
    (ui/pdf_runs.rewrite), the bookmarks kept; an empty report's headings too."""
    report = Report(organ="某县　财政局", year=2023)
    if filled:
        report.sections["一"] = [Paragraph.plain("𠀀字" * 400)] * 3  # 一 over pages
        report.sections["六"] = [Paragraph.plain("无。")]
    assert needs_care(report)
    export_pdf(report, tmp_path / "x.pdf")
    check(tmp_path / "x.pdf")
    if filled:
        assert outline(tmp_path / "x.pdf")[1][2] > outline(tmp_path / "x.pdf")[0][2]  # 二 pages after 一
