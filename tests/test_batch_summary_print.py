"""The summary workbook printed (app/batch_summary.py): A4 landscape, the header row on every
page, page numbers, long text wrapped in rows grown to hold it, and never smaller than 8 pt on
paper — 汇总's columns (fourteen then) fitted to the page's width once printed at 4 pt.  Read back with
openpyxl; printed through LibreOffice where it is installed."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from app import batch, batch_summary
from app.batch_summary import (
    CHARACTER_PX,
    ELSEWHERE_WIDER,
    FINDINGS_WIDEST,
    FONT_PT,
    LINE_PT,
    PRINT_WIDTH_PX,
    SMALLEST_PT,
    SUMMARY_WIDEST,
)
from app.io import save_report
from tests.test_batch import report

ORGANS = ["浙江省宁波市北仑区人民政府小港街道办事处", "某某市某某区发展和改革局", "某县卫生健康委员会",
          "某某市自然资源和规划局某某分局"]


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A reviewer's folder: long organ names in long file names two folders down, findings in most."""
    root = tmp_path_factory.mktemp("print") / "二〇二四年度各单位报送材料"
    for i in range(8):
        sub = root / ("乡镇街道" if i % 2 else "区直部门") / f"第{i // 4 + 1}批"
        sub.mkdir(parents=True, exist_ok=True)
        organ = ORGANS[i % len(ORGANS)] + ("" if i < 4 else f"（{i}）")
        save_report(report(organ, 2023, carried_in=i % 3, in_force=i % 4),
                    sub / f"{organ}2023年政府信息公开工作年度报告（定稿）.docx")
    dest = root.parent / "年报检查汇总.xlsx"
    batch_summary.write_summary(batch.run([root], 1), dest)
    return dest


def printed_pt(ws: openpyxl.worksheet.worksheet.Worksheet, widths: list[float]) -> float:
    """The size 11 pt text prints at: by the scale said, or — fitted to the width — by the scale
    that takes, the columns measured in the wider font of a desktop without Calibri."""
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        return FONT_PT * min(1.0, PRINT_WIDTH_PX / sum(w * CHARACTER_PX * ELSEWHERE_WIDER + 5 for w in widths))
    assert ws.print_title_cols == "$A:$A", "a row is known by its file on the pages of the columns that did not fit"
    assert ws.page_setup.pageOrder == "overThenDown"
    return FONT_PT * int(ws.page_setup.scale) / 100


def test_every_sheet_prints_readably_on_a4_landscape(summary: Path) -> None:
    wb = openpyxl.load_workbook(summary)
    for ws in wb:
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        assert ws.print_title_rows == "$1:$1", "the header on every page"
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text, "第 n 页，共 N 页"
        assert ws.oddHeader.center.text == "&A" and ws.print_options.gridLines
        assert ws.page_margins.left <= 0.25 and ws.page_margins.right <= 0.25
        assert printed_pt(ws, widths) >= SMALLEST_PT, ws.title
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue  # an empty cell has nothing to print
                assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
                assert cell.font.sz == FONT_PT, f"{ws.title}!{cell.coordinate}: a size left to the reader's default"


def test_the_summary_fits_the_width_in_excel_at_a_readable_size(summary: Path) -> None:
    ws = openpyxl.load_workbook(summary)["汇总"]
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(SUMMARY_WIDEST) + 1)]
    assert ws.max_column == len(SUMMARY_WIDEST)
    assert all(w <= most for w, most in zip(widths, SUMMARY_WIDEST, strict=True))
    assert sum(w * CHARACTER_PX + 5 for w in widths) * printed_pt(ws, widths) / FONT_PT <= PRINT_WIDTH_PX
    # At their widest too: all the columns across one page in Excel, at 8 pt or more.
    assert PRINT_WIDTH_PX / sum(w * CHARACTER_PX + 5 for w in SUMMARY_WIDEST) * FONT_PT >= SMALLEST_PT
    assert PRINT_WIDTH_PX / sum(w * CHARACTER_PX + 5 for w in FINDINGS_WIDEST) * FONT_PT >= SMALLEST_PT


def test_a_row_of_wrapped_text_is_made_tall_enough(summary: Path) -> None:
    ws = openpyxl.load_workbook(summary)["汇总"]
    head = [c.value for c in ws[1]]
    at = head.index("主要问题")
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(at + 1)].width
    grown = 0
    for row in ws.iter_rows(min_row=2):
        text = row[at].value or ""
        least = sum(max(1, -(-2 * len(line) // int(width))) for line in text.split("\n"))  # Chinese: two a character
        height = ws.row_dimensions[row[0].row].height
        if least > 1:
            grown += 1
            assert height is not None and height >= least * LINE_PT, (row[0].row, least, height)
    assert grown >= 4, "most rows quote findings over several lines"


@pytest.fixture(scope="module")
def printed(summary: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The summary printed to PDF by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("soffice not installed")
    out = tmp_path_factory.mktemp("printed")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(summary)],
                   check=True, timeout=180, capture_output=True)
    return out / f"{summary.stem}.pdf"


@pytest.mark.libreoffice
def test_printed_through_libreoffice_nothing_is_smaller_than_8_pt(printed: Path) -> None:
    import pdfplumber

    with pdfplumber.open(printed) as pdf:
        pages = len(pdf.pages)
        sheets: collections.Counter[str] = collections.Counter()
        for n, page in enumerate(pdf.pages, 1):
            assert (round(page.width), round(page.height)) == (842, 595), "A4 landscape"
            smallest = min(c["size"] for c in page.chars)
            assert smallest >= SMALLEST_PT - 0.1, f"page {n}: {smallest:.1f} pt"
            lines = page.extract_text().splitlines()
            sheets[lines[0]] += 1  # the sheet's name at the top
            assert lines[1].startswith("文件"), f"page {n}: the header row on every page"
            assert re.fullmatch(rf"第 {n} 页，共 {pages} 页", lines[-1]), lines[-1]
    assert set(sheets) == {"汇总", "全部问题", "无法读取", "未检查"}
    assert sheets["汇总"] <= 8, "eight reports: a few pages, not one per column"


@pytest.mark.libreoffice
def test_printed_through_libreoffice_each_file_is_whole_within_its_column(summary: Path, printed: Path) -> None:
    """The 文件 cell wraps on paper: every character of each file's path is printed inside the
    column (a linked cell was drawn on one line, cut at the column's edge: “区直部门/第1批/某县卫生
    健康委员会20” of a name four times as long)."""
    import pdfplumber

    files = {str(r[0]) for r in openpyxl.load_workbook(summary)["汇总"].iter_rows(min_row=2, values_only=True)}
    assert files and all(len(f) > 40 for f in files), "names longer than the column is wide"
    seen = ""
    with pdfplumber.open(printed) as pdf:
        for page in pdf.pages:
            lines = page.extract_text().splitlines()
            if lines[0] != "汇总" or not lines[1].startswith("文件"):
                continue
            chars = page.chars
            heading = min(c["top"] for c in chars if c["text"] == "文")  # the header row's 文件
            header = sorted((c for c in chars if abs(c["top"] - heading) < 2), key=lambda c: c["x0"])
            assert "".join(c["text"] for c in header[:2]) == "文件"
            edge = header[2]["x0"]  # the next column's heading (打开, or 文件 repeated on the pages across)
            inside = sorted((c for c in chars if c["top"] > heading + 2 and c["x1"] <= edge + 0.5),
                            key=lambda c: (round(c["top"]), c["x0"]))
            seen += "".join(c["text"] for c in inside) + "\n"
    for name in files:
        assert name in seen, (name, seen)
