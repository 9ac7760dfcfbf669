"""Helpers of the printing tests: the synthetic full report, what its printout must show, and
reading PDFs back with poppler's tools."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QPdfWriter

from app.report import Paragraph, ParaKind, Report, Run
from app.schema import PREAMBLE, SECTIONS, T3_COL_NATURAL, T3_NEW, TABLES, Kind, TableSpec
from ui.printing import prepare_device

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"
ARTIFACTS = ROOT / "artifacts" / "print"
MM = 72 / 25.4  # PDF points per millimetre
TOL = 1.5 * MM
# GB/T 9704 (stated here, not imported: the test checks the layout against the standard).
LEFT_MM, RIGHT_MM, TOP_MM, BOTTOM_MM = 28.0, 210.0 - 26.0, 37.0, 297.0 - 35.0
BLOCK_W_MM = RIGHT_MM - LEFT_MM
AMOUNT = Decimal("5949.088667")
WIDE_FIGURE = 987654321  # too wide for a column of table 三 at 9 pt: set smaller, never clipped

needs_poppler = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm")),
    reason="poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) not installed")


# -- reports -------------------------------------------------------------------------------------


def full_report() -> Report:
    """Every section with paragraphs of every kind and style; every cell a distinct figure."""
    filler = "各级各部门按照要求认真落实政府信息公开工作各项任务，公开内容更加全面，公开形式更加多样。" * 3
    styled = [Run("本段含有"), Run("加粗", bold=True), Run("、"), Run("倾斜", italic=True), Run("和"),
              Run("下划线", underline=True), Run("的文字。"), Run(filler)]
    report = Report(organ="某某省某某市某某区人民政府办公室", year=2023, date=dt.date(2024, 1, 20))
    report.sections[PREAMBLE] = [Paragraph.plain("根据《中华人民共和国政府信息公开条例》要求，编制本报告。" + filler)]
    for n, section in enumerate(SECTIONS):
        paras = [Paragraph(styled), Paragraph.plain(f"第{n + 1}部分第二段。" + filler)]
        if section.table is None:
            paras += [
                Paragraph.plain("一、分项工作", ParaKind.HEADING1),
                Paragraph.plain("（一）主动公开。全年主动公开信息二百条。" + filler, ParaKind.HEADING2),
                Paragraph.plain("（二）依申请公开", ParaKind.HEADING2),  # a bare heading
                Paragraph([Run("换行之前\n换行之后"), Run("控制\x07字符", bold=True)]),
            ]
        report.sections[section.key] = paras
    figures = itertools.count(1001)
    for key, spec in TABLES.items():
        for cell in spec.cells:
            value = AMOUNT if cell.kind is Kind.AMOUNT else next(figures)
            report.tables[key][(cell.row, cell.col)] = value
    report.tables["三"][(T3_NEW, T3_COL_NATURAL)] = WIDE_FIGURE
    return report


def expected_texts(report: Report) -> list[str]:
    """Every piece of text the printout must show: title, headings, paragraphs, labels, figures,
    signature."""
    texts = [report.title, report.organ, f"{report.date:%Y}年{report.date.month}月{report.date.day}日"
             if report.date else ""]
    texts += [s.heading for s in SECTIONS]
    texts += [p.text for paras in report.sections.values() for p in paras]
    texts += [lc.text for spec in TABLES.values() for lc in spec.layout if lc.text]
    return [t for t in texts if t]


def squash(text: str) -> str:
    """NFKC, no white space, no control characters: what a reader of the page sees."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cc")


# -- poppler -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def pdf_words(pdf: Path) -> list[list[Word]]:
    pages = run("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:]
    return [[Word(html.unescape(m[4]), *map(float, m[:4])) for m in _WORD.findall(p)] for p in pages]


def pdf_pages_text(pdf: Path) -> list[str]:
    """Each page's text in content-stream order (a wrapped cell's lines stay together), without
    its page number (painted last)."""
    pages = run("pdftotext", "-raw", str(pdf), "-").split("\f")[:-1]
    return [re.sub(r"—\s*\d+\s*—\s*$", "", page) for page in pages]


def page_count(pdf: Path) -> int:
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf)))[1])  # type: ignore[index]


def is_footer(word: Word) -> bool:
    return word.y0 > BOTTOM_MM * MM


def column_centres(spec: TableSpec) -> dict[tuple[int, int], float]:
    """Each data cell's horizontal centre on the page (mm), from the widths in the schema."""
    total = sum(spec.col_widths)
    edges = [LEFT_MM + BLOCK_W_MM * sum(spec.col_widths[:i]) / total for i in range(spec.grid_cols + 1)]
    return {lc.data: (edges[lc.col] + edges[lc.col + lc.colspan]) / 2 for lc in spec.layout if lc.data}


def pdf_device(path: Path) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(1200)
    prepare_device(writer)
    return writer
