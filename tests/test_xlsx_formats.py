"""A number format that makes Excel show another figure than the one stored (``0,`` shows 2106
as 2, ``0%`` shows 28 as 2800%, ``"99"`` shows 99, ``[<100]"0";0`` shows 0) is said, naming
the cell with both figures; the stored one is read.  A format showing the same figure (“2,106”,
“28件”, “21.00”) says nothing.  A float's noise past Excel's 15 digits (=0.1*280 cached as
28.000000000000004) is the 28 Excel shows, not a count that is no whole number."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.checks import run_all
from app.findings import VALUE_XLSX_FORMAT
from app.reading import load_report
from app.report import Report
from app.schema import PROACTIVE, REQUESTS, T2_FEES, T2_ONLY_COL, T3_NEW, TABLES
from app.xlsx_write import write_xlsx
from app.xlsxformat import other_figure
from tests.conftest import rewrite_docx


def _workbook(tmp_path: Path, key: str, pos: tuple[int, int], value: object, number_format: str) -> tuple[Path, str]:
    """Our export with one data cell set to ``value`` in ``number_format``; its A1 address."""
    report = Report(organ="某县某局", year=2023)
    path = tmp_path / "年报.xlsx"
    write_xlsx(report, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[f"表{key}"]
    title_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == TABLES[key].title)
    cell = next(c for c in TABLES[key].layout if c.data == pos)
    target = ws.cell(title_row + 1 + cell.row, 1 + cell.col)
    target.value = value
    target.number_format = number_format
    wb.save(path)
    return path, f"{get_column_letter(target.column)}{target.row}"


def _said(path: Path) -> tuple[Report, list[str]]:
    report = load_report(path)
    return report, [f.message for f in report.import_findings
                    if (f.code, f.kind) == (VALUE_XLSX_FORMAT.code, VALUE_XLSX_FORMAT.kind)]


@pytest.mark.parametrize(("number_format", "stored", "shown"), [
    ("0,", 2106, "2"),  # thousands
    ("#,##0,,", 2106000, "2"),  # millions
    ('"99"', 28, "99"),  # only a literal: the stored figure is not shown at all
    ('[<100]"0";0', 28, "0"),  # a condition's section
    ("0%", 28, "2800%"),
    ('0"0"', 28, "280"),  # a literal digit after the figure
    ("0.00E+00", 2106, "2.11E+03"),
])
def test_a_format_showing_another_figure_is_said(tmp_path: Path, number_format: str, stored: int, shown: str) -> None:
    path, a1 = _workbook(tmp_path, "三", (T3_NEW, 0), stored, number_format)
    report, said = _said(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == stored
    assert said == [f"1个单元格的数字格式使 Excel/WPS 表格显示的数与存储的不同，读入的是存储的数：“表三”{a1}显示为“{shown}”，"
                    f"存储的是{stored}；请核对，在 Excel/WPS 中把这些单元格的数字格式改为“常规”"]
    assert any(f.code == "VALUE-INVALID" and f.kind == "xlsx-format" for f in run_all(report))


@pytest.mark.parametrize(("number_format", "stored"), [
    ("#,##0", 2106), ('0"件"', 28), ('0;-0;"-"', 28), ('0;-0;"-"', 0), ("0.00", 21), ("[Red]0", 28),
    ("0_);(0)", 28), ('"¥"#,##0.00', 21), ("0.000E+00", 2106), ("General", 28), ("000", 28),
])
def test_a_format_showing_the_same_figure_says_nothing(tmp_path: Path, number_format: str, stored: int) -> None:
    path, _ = _workbook(tmp_path, "三", (T3_NEW, 0), stored, number_format)
    report, said = _said(path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == stored
    assert said == []


def test_an_amount_scaled_to_thousands_is_said(tmp_path: Path) -> None:
    """表二 行政事业性收费 21.5 (万元) formatted ``0.0,``: Excel shows 0.0."""
    path, a1 = _workbook(tmp_path, "二", (T2_FEES, T2_ONLY_COL), 21.5, "0.0,")
    report, said = _said(path)
    assert report.tables[PROACTIVE][(T2_FEES, T2_ONLY_COL)] == 21.5
    assert len(said) == 1 and f"“表二”{a1}显示为“0.0”，存储的是21.5" in said[0], said


def test_float_noise_past_fifteen_digits_is_what_excel_shows(tmp_path: Path) -> None:
    """=0.1*280 cached as Excel's calculation leaves it."""
    path, a1 = _workbook(tmp_path, "三", (T3_NEW, 0), 0, "General")
    index = openpyxl.load_workbook(path).sheetnames.index("表三") + 1
    noisy = '<f>0.1*280</f><v>28.000000000000004</v>'

    def edit(xml: str) -> str:
        new, n = re.subn(rf'(<c r="{a1}"[^>]*?)(?:/>|>.*?</c>)', lambda m: f"{m.group(1)}>{noisy}</c>", xml, count=1)
        assert n == 1
        return new
    noisy_path = rewrite_docx(path, tmp_path / "noisy.xlsx", edit, part=f"xl/worksheets/sheet{index}.xml")
    assert openpyxl.load_workbook(noisy_path, data_only=True)["表三"][a1].value != 28  # really not whole
    report = load_report(noisy_path)
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 28
    assert [f.message for f in run_all(report) if f.code == "VALUE-INVALID"] == []


@pytest.mark.parametrize(("number_format", "value"), [
    ("yyyy-mm-dd", 28), ("# ?/?", 28), ("@", 28), (";;;", 28), ("0", "二十八"), ("0%", True),
])
def test_formats_not_followed_are_never_called_different(number_format: str, value: object) -> None:
    assert other_figure(number_format, value) is None
