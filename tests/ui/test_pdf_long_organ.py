"""An organ too long for one title line (20 characters of 2号) read back from a PDF of the report,
ours and LibreOffice's of our .docx: the title's lines are joined, not only the last taken (which
names an organ too: “员会2023年度…”, “税务分局2023年度…”), the 落款 saying which lines are the
title's; a 落款 wrapped past 26 characters is read whole, none of it left in 六."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from app.report import Paragraph, Report
from app.schema import TABLES
from tests.pdfmake import libreoffice_pdf, needs_soffice
from ui.print_pdf import export_pdf

LONG = ["中国（浙江）自由贸易试验区宁波片区管理委员会", "国家税务总局某某省某某市某某区税务局第一税务分局",
        "中共某某市委员会机构编制委员会办公室（某某市机构编制委员会办公室）"]


def _report(organ: str) -> Report:
    r = Report(organ=organ, year=2023, date=dt.date(2024, 1, 20))
    r.sections["一"] = [Paragraph.plain("本年度工作情况。")]
    r.sections["六"] = [Paragraph.plain("本年度未收取信息处理费。")]
    for key, spec in TABLES.items():
        for c in spec.cells:
            r.tables[key][(c.row, c.col)] = 0
    return r


def _same(back: Report, organ: str) -> None:
    assert (back.organ, back.year, back.date) == (organ, 2023, dt.date(2024, 1, 20))
    assert [p.text for p in back.sections["六"]] == ["本年度未收取信息处理费。"]
    assert not [f.message for f in back.import_findings if f.code == "TITLE-NONSTANDARD"]


@pytest.mark.parametrize("organ", LONG)
def test_our_pdf(tmp_path: Path, organ: str) -> None:
    export_pdf(_report(organ), tmp_path / "r.pdf")
    _same(load_report(tmp_path / "r.pdf"), organ)


@pytest.mark.skipif(needs_soffice, reason="LibreOffice prints the PDF")
@pytest.mark.parametrize("organ", LONG)
def test_libreoffice_pdf_of_our_docx(tmp_path: Path, organ: str) -> None:
    save_report(_report(organ), tmp_path / "r.docx")
    _same(load_report(libreoffice_pdf(tmp_path / "r.docx", tmp_path / "lo")), organ)
