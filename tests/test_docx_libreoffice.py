"""Our .docx as LibreOffice renders it: A4 pages, every heading, label and figure in the text."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from app.docx.writer import write_docx
from app.report import Report
from app.schema import SECTIONS, TABLES
from app.values import format_value
from tests.test_docx_writer import make_report


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_libreoffice_renders_the_report(tmp_path: Path) -> None:
    report = make_report()
    src = tmp_path / "report.docx"
    write_docx(report, src)
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        check=True, timeout=180, capture_output=True,
    )
    pdf = tmp_path / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 3 <= pages <= 12
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width == pytest.approx(595, abs=2) and height == pytest.approx(842, abs=2)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    flat = squeeze(text)
    for spec in SECTIONS:
        assert squeeze(spec.heading) in flat
    # -layout interleaves the lines of wrapped neighbouring cells; -raw keeps each cell whole.
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    _assert_tables_in_text(report, text, raw)
    _render_table3_page(pdf, pages, tmp_path)


def _assert_tables_in_text(report: Report, layout_text: str, raw_text: str) -> None:
    """Labels whole, and each table row's figures on one line, in order (none broken)."""
    flat, raw = squeeze(layout_text), squeeze(raw_text)
    for key, spec in TABLES.items():
        for lc in spec.layout:
            assert squeeze(lc.text) in raw, (key, lc.text)
        rows: dict[int, list[str]] = {}
        for lc in sorted(spec.layout, key=lambda c: (c.row, c.col)):
            if lc.data is not None and report.tables[key][lc.data] is not None:
                rows.setdefault(lc.row, []).append(format_value(report.tables[key][lc.data]))
        for figures in rows.values():
            assert "".join(figures) in flat, (key, figures)


def _render_table3_page(pdf: Path, pages: int, out: Path) -> None:
    """For a person to look at: the page where table 三 starts, at 60 dpi."""
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        if "勾稽关系" in text:
            subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(page), "-l", str(page), str(pdf),
                            str(out / "table3")], check=True, timeout=60)
            assert list(out.glob("table3*.png"))
            return
    pytest.fail("table 三 not found in the PDF")
