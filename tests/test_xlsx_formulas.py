"""Formulas of every kind a spreadsheet saves are read as Excel shows them: an array formula
({=SUM(D6:I6)}, also how Excel 365 saves some ordinary formulas, and how LibreOffice and WPS
save a Ctrl+Shift+Enter one) and a 模拟运算表 (data table) give their cached result; without
one, the same “是公式，没有保存计算结果” as a plain formula — never the repr of the object
openpyxl holds them in, which reached the findings, the editor and every exported file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.checks import run_all
from app.io import save_report
from app.reading import load_report
from app.report import Report
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, TABLE3, TABLES, CellRef
from app.xlsx_write import write_xlsx

ROW_FIGURES = (28, 29, 30, 31, 32, 33)  # 二、上年结转: 自然人 … 其他; their total 183
NEW_FIGURES = (40, 41, 42, 43, 44, 45)


def _report() -> Report:
    report = Report(organ="某县某局", year=2023)
    for cell in TABLE3.cells:
        if (cell.row, cell.col) not in TABLE3.totals:
            report.set_value(CellRef("三", cell.row, cell.col), 0)
    for c, (carried, new) in enumerate(zip(ROW_FIGURES, NEW_FIGURES, strict=True)):
        report.set_value(CellRef("三", T3_CARRIED_IN, c), carried)
        report.set_value(CellRef("三", T3_NEW, c), new)
    return report


def _address(path: Path, pos: tuple[int, int]) -> str:
    """表三's data cell ``pos`` as A1, found from the sheet's title, not from the writer."""
    ws = openpyxl.load_workbook(path)["表三"]
    title_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == TABLES["三"].title)
    cell = next(c for c in TABLES["三"].layout if c.data == pos)
    return f"{get_column_letter(1 + cell.col)}{title_row + 1 + cell.row}"


def _with_cells(tmp_path: Path, cells: dict[tuple[int, int], str], recalculated: bool = False) -> Path:
    """Our export (its formulas without stored results) with 表三's data cells replaced by raw <c> XML, ``{A1}`` standing for each
    one's address and ``{row}`` for its row's natural-person…其他 range ({D6:I6}).  Saved as
    Excel saves it, without asking to recalculate on opening (openpyxl's fullCalcOnLoad), unless
    ``recalculated``."""
    src = tmp_path / "src.xlsx"
    write_xlsx(_report(), src)
    index = openpyxl.load_workbook(src).sheetnames.index("表三") + 1
    name = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    # Our formulas' stored results left out, as a program writing formulas without them saves
    # them: each test is about the cells it sets, not about totals stored over the figures replaced.
    xml = re.sub(r'(<c [^>]*?) t="str"(>(?:(?!</c>).)*?</f>)<v>[^<]*</v>', r"\1\2", parts[name].decode("utf-8"))
    xml = re.sub(r"(</f>)<v>[^<]*</v>", r"\1", xml)
    for pos, template in cells.items():
        a1 = _address(src, pos)
        first, last = _address(src, (pos[0], 0)), _address(src, (pos[0], T3_COL_TOTAL - 1))
        new = template.replace("{A1}", a1).replace("{row}", f"{first}:{last}")
        xml, n = re.subn(rf'<c r="{a1}"[^>]*?(/>|>.*?</c>)', new, xml, count=1)
        assert n == 1, a1
    parts[name] = xml.encode("utf-8")
    if not recalculated:
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    out = tmp_path / "改.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n_, data in parts.items():
            z.writestr(n_, data)
    return out


TOTAL = (T3_CARRIED_IN, T3_COL_TOTAL)
NATURAL = (T3_CARRIED_IN, T3_COL_NATURAL)


def _total_refused(path: Path, row: int) -> str:
    """The row's total (our export's SUM, saved here without a result) over a cell not known:
    refused as a formula, never the sum of the others."""
    first, last = _address(path, (row, 0)), _address(path, (row, T3_COL_TOTAL - 1))
    return f"“=SUM({first}:{last})”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字"


def _read(path: Path) -> tuple[Report, list[str]]:
    report = load_report(path)
    messages = [f.message for f in run_all(report)] + [f.message for f in report.import_findings]
    texts = messages + list(report.raw.values())
    assert not [t for t in texts if "object at" in t or "openpyxl" in t], texts
    return report, [m for f in run_all(report) if f.code == "VALUE-INVALID" for m in [f.message]]


def test_an_array_formula_reads_its_cached_result(tmp_path: Path) -> None:
    """A formula we cannot compute ({=D6:I6*1}), cached 183: 183 is what Excel shows."""
    path = _with_cells(tmp_path, {TOTAL: '<c r="{A1}"><f t="array" ref="{A1}">{row}*1</f><v>183</v></c>'})
    report, invalid = _read(path)
    assert report.tables["三"][TOTAL] == 183
    assert invalid == []


def test_an_array_formula_cached_otherwise_than_its_parts_is_the_cache(tmp_path: Path) -> None:
    """Excel shows the cached 999 until it recalculates; the reader reads 999 and the sums say it."""
    path = _with_cells(tmp_path, {TOTAL: '<c r="{A1}"><f t="array" ref="{A1}">SUM({row})</f><v>999</v></c>'})
    report, _ = _read(path)
    assert report.tables["三"][TOTAL] == 999
    assert any(f.code == "T3-ROW-TOTAL" for f in run_all(report))


def test_an_array_sum_without_a_cache_is_computed_as_a_plain_sum_is(tmp_path: Path) -> None:
    path = _with_cells(tmp_path, {TOTAL: '<c r="{A1}"><f t="array" ref="{A1}">SUM({row})</f></c>'})
    report, invalid = _read(path)
    assert report.tables["三"][TOTAL] == sum(ROW_FIGURES)
    assert invalid == []


def test_an_array_formula_without_a_cache_is_a_formula_without_a_result(tmp_path: Path) -> None:
    """One the program does not compute (PRODUCT); 20+8 it computes as Excel would, 28."""
    path = _with_cells(tmp_path, {NATURAL: '<c r="{A1}"><f t="array" ref="{A1}">PRODUCT(4,7)</f></c>'})
    report, invalid = _read(path)
    assert report.tables["三"][NATURAL] is None
    assert invalid == ["“=PRODUCT(4,7)”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字",
                       _total_refused(path, T3_CARRIED_IN)]
    report, invalid = _read(_with_cells(tmp_path, {NATURAL: '<c r="{A1}"><f t="array" ref="{A1}">20+8</f></c>'}))
    assert report.tables["三"][NATURAL] == 28
    assert invalid == []


def test_a_multi_cell_array_gives_each_cell_its_own_result(tmp_path: Path) -> None:
    """{=D5:D6*1} over two rows (一、本年新收 and 二、上年结转 自然人): the first cell holds the formula and 40, the second only its
    cached 28; with that cache missing it is the formula without a result, never a blank."""
    low = (T3_CARRIED_IN, T3_COL_NATURAL)
    top = (T3_NEW, T3_COL_NATURAL)
    write_xlsx(_report(), tmp_path / "where.xlsx")
    span = f"{_address(tmp_path / 'where.xlsx', top)}:{_address(tmp_path / 'where.xlsx', low)}"
    cells = {top: f'<c r="{{A1}}"><f t="array" ref="{span}">{span}*1</f><v>40</v></c>', low: '<c r="{A1}"><v>28</v></c>'}
    report, invalid = _read(_with_cells(tmp_path, cells))
    assert (report.tables["三"][top], report.tables["三"][low]) == (40, 28)
    assert invalid == []
    cells[low] = '<c r="{A1}"/>'
    path = _with_cells(tmp_path, cells)
    report, invalid = _read(path)
    assert (report.tables["三"][top], report.tables["三"][low]) == (40, None)
    assert invalid == [f"“={span}*1”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字",
                       _total_refused(path, T3_CARRIED_IN)]


def test_a_data_table_reads_its_cached_result_or_says_it_has_none(tmp_path: Path) -> None:
    cell = '<c r="{A1}"><f t="dataTable" ref="{A1}" dt2D="0" dtr="0" r1="B1"/>%s</c>'
    report, invalid = _read(_with_cells(tmp_path, {NATURAL: cell % "<v>28</v>"}))
    assert report.tables["三"][NATURAL] == 28
    assert invalid == []
    path = _with_cells(tmp_path, {NATURAL: cell % ""})
    report, invalid = _read(path)
    assert report.tables["三"][NATURAL] is None
    assert invalid == ["“=TABLE(B1)”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字",
                       _total_refused(path, T3_CARRIED_IN)]


@pytest.mark.parametrize("cached", ["<v>183</v>", ""])
def test_an_array_formula_never_reaches_an_exported_file(tmp_path: Path, cached: str) -> None:
    """The .docx written from such a workbook holds the figure (183, computed without a
    cache), not “<openpyxl.worksheet.formula.ArrayFormula object at 0x…>”."""
    path = _with_cells(tmp_path, {TOTAL: f'<c r="{{A1}}"><f t="array" ref="{{A1}}">SUM({{row}})</f>{cached}</c>'})
    out = tmp_path / "出.docx"
    save_report(load_report(path), out)
    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "openpyxl" not in document and "object at" not in document
    assert load_report(out).tables["三"][TOTAL] == 183
