"""Figures of 8 and 9 digits in 表三's narrow columns (a 汇总 of a large system) are too wide even at
the smallest size (MIN_FIGURE_PT): LibreOffice broke them over two lines (“2592590 / 7”, rev25d
F1).  Such a cell gives its side margins to the figure; others keep theirs."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.io import save_report
from app.report import Report
from app.schema import REQUESTS
from tests.ooxml_check import order_problems
from tests.pdfmake import libreoffice_pdf, needs_soffice


def _report() -> Report:
    r = Report(organ="某县某局", year=2023)
    for pos in r.tables[REQUESTS]:
        r.tables[REQUESTS][pos] = 1234567
    r.recompute(REQUESTS, set(r.tables[REQUESTS]))
    return r


def test_only_a_figure_too_wide_takes_its_cells_margins(tmp_path: Path) -> None:
    save_report(_report(), tmp_path / "r.docx")
    root = etree.fromstring(zipfile.ZipFile(tmp_path / "r.docx").read("word/document.xml"))
    assert order_problems(root, "document.xml") == []
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    bare = ["".join(tc.itertext()) for tc in root.iter(f"{w}tc") if tc.find(f"{w}tcPr/{w}tcMar") is not None]
    assert bare and all(len(text) >= 8 and text.isdigit() for text in bare)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_libreoffice_sets_every_figure_on_one_line(tmp_path: Path) -> None:
    r = _report()
    save_report(r, tmp_path / "r.docx")
    pdf = libreoffice_pdf(tmp_path / "r.docx", tmp_path / "lo")
    words = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    figures = {str(v) for v in r.tables[REQUESTS].values()}
    broken = [x for x in words if re.fullmatch(r"\d{4,}", x) and x not in figures and any(f.startswith(x) for f in figures)]
    assert not broken and {f for f in figures if len(f) >= 8} <= set(words)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_the_workbook_shows_every_figure_not_hashes(tmp_path: Path) -> None:
    """The same figures in the workbook showed “###” across （七）总计 (columns 8.22 wide): each
    column is as wide as its widest figure."""
    from app.xlsx_write import write_xlsx

    r = _report()
    write_xlsx(r, tmp_path / "r.xlsx")
    pdf = libreoffice_pdf(tmp_path / "r.xlsx", tmp_path / "lo")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "###" not in text
    assert {str(v) for v in r.tables[REQUESTS].values() if len(str(v)) >= 8} <= set(text.split())
