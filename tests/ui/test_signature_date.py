"""The 成文日期 under the organ (GB/T 9704 7.3.5.3: its first character two characters right of
the organ's first), on one line, whatever font sets its digits: in our print and in LibreOffice's
rendering of our .docx on a machine without 仿宋_GB2312 (DejaVu's digits, 0.64 em, not ½).

It was placed by a right indent computed from digits of half an em: LibreOffice set it a
character LEFT of the organ, and under an organ over 26 characters broke it “2024年1月20 / 日”."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtWidgets import QApplication

from app import office
from app.io import save_report
from app.page import BLOCK_W_MM, CHARS_PER_LINE, LEFT_MM, LINE_PT, MM_PER_INCH, PAPER_W_MM, PT_PER_INCH
from app.report import Paragraph, Report
from app.schema import SECTIONS
from tests.pdfmake import needs_soffice
from ui.printing import export_pdf

ORGANS = ["某局", "某县财政局", "宁波市北仑区人民政府小港街道办事处",
          "中共某某市委员会机构编制委员会办公室（某某市机构编制委员会办公室）"]
DATES = [dt.date(2024, 1, 20), dt.date(2024, 12, 31)]
CHAR_MM = BLOCK_W_MM / CHARS_PER_LINE
MM = MM_PER_INCH / PT_PER_INCH


def _reports() -> list[Report]:
    out = []
    for organ in ORGANS:
        for date in DATES:
            r = Report(organ=organ, year=2023, date=date)
            r.sections[SECTIONS[0].key] = [Paragraph.plain("正文。")]
            out.append(r)
    return out


def _signature(pdf: Path, report: Report) -> tuple[float, float, float]:
    """The organ's first line's start, the date's start and end, in mm from the paper's left;
    the date asserted on one line, a line under the organ's last (GB/T 9704: 署名下一行; off the
    grid, its single line was the font's height: 26 pt under the organ in LibreOffice)."""
    page = pdfplumber.open(pdf).pages[-1]
    rows: dict[int, list[dict]] = {}  # type: ignore[type-arg]
    for c in page.chars:
        if c["text"].strip():
            rows.setdefault(round(c["top"]), []).append(c)
    lines = [sorted(cs, key=lambda c: c["x0"]) for _, cs in sorted(rows.items())]
    texts = ["".join(c["text"] for c in line) for line in lines]
    date = f"{report.date.year}年{report.date.month}月{report.date.day}日"  # type: ignore[union-attr]
    assert date in texts, f"the date is not one line: {texts[-4:]}"
    at = texts.index(date)
    first = at - 1
    while first > 0 and "".join(texts[first - 1:at]) in report.organ:
        first -= 1
    assert "".join(texts[first:at]) == report.organ
    below = lines[at][0]["bottom"] - lines[at - 1][0]["bottom"]
    assert below == pytest.approx(LINE_PT, abs=2.0), f"the date {below:.1f} pt under the organ"
    return lines[first][0]["x0"] * MM, lines[at][0]["x0"] * MM, lines[at][-1]["x1"] * MM


def _check(pdf: Path, report: Report) -> None:
    organ, start, end = _signature(pdf, report)
    assert (start - organ) / CHAR_MM == pytest.approx(2.0, abs=0.2), f"{report.organ}: {(start - organ) / CHAR_MM:+.2f}"
    assert start > LEFT_MM and end < PAPER_W_MM - 15  # on the paper, well inside its margin


def test_the_printed_date_starts_two_characters_right_of_the_organ(qapp: QApplication, tmp_path: Path) -> None:
    for k, report in enumerate(_reports()):
        export_pdf(report, tmp_path / f"{k}.pdf")
        _check(tmp_path / f"{k}.pdf", report)


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_libreoffice_sets_the_date_two_characters_right_of_the_organ_on_one_line(tmp_path: Path) -> None:
    reports = _reports()
    for k, report in enumerate(reports):
        save_report(report, tmp_path / f"{k}.docx")
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"{k}.docx") for k in range(len(reports)))],
                   check=True, timeout=300, capture_output=True)
    for k, report in enumerate(reports):
        _check(tmp_path / f"{k}.pdf", report)
