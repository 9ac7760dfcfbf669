"""A formula's stored result Excel would not show (hostile30 #11): a workbook asking Excel to
recalculate on opening (``<calcPr fullCalcOnLoad="1"/>``) with ``<f>100+21</f><v>21</v>``
shows 121 in Excel and WPS.  The formulas the program computes (app/xlsxcalc.py) are computed:
read as Excel shows them and said (VALUE-INVALID xlsx-formula, at the cell); one it does not
compute, under that flag, is said once to be read as saved (xlsx-cached).  Our own export sets
the flag: reading it back says nothing."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

import pytest

from app.checks import run_all
from app.findings import VALUE_XLSX_CACHED, VALUE_XLSX_FORMULA, Finding
from app.reading import load_report
from app.report import Report
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_COL_TOTAL, CellRef
from app.xlsx_write import write_xlsx
from app.xlsxcalc import CUT, UNKNOWN, evaluate, same
from tests.test_xlsx_formulas import ROW_FIGURES, _address, _report, _with_cells

TOTAL = (T3_CARRIED_IN, T3_COL_TOTAL)
NATURAL = (T3_CARRIED_IN, T3_COL_NATURAL)


def _findings(report: Report, kind: str) -> list[Finding]:
    return [f for f in run_all(report) if f.code == "VALUE-INVALID" and f.kind == kind]


def test_a_stale_result_under_recalculation_is_read_as_excel_shows_it_and_said(tmp_path: Path) -> None:
    path = _with_cells(tmp_path, {NATURAL: '<c r="{A1}"><f>100+21</f><v>21</v></c>'}, recalculated=True)
    a1 = _address(path, NATURAL)
    report = load_report(path)
    assert report.tables["三"][NATURAL] == 121
    [finding] = _findings(report, VALUE_XLSX_FORMULA.kind)
    assert finding.severity.name_zh == "警告"
    assert finding.location.cells == (CellRef("三", *NATURAL),)
    assert f"“表三”{a1}的公式“=100+21”算得121，文件中保存的结果是21" in finding.message
    assert "显示并读入的是计算结果" in finding.message
    assert _findings(report, VALUE_XLSX_CACHED.kind) == []


@pytest.mark.parametrize("calc", ["", ' calcId="191029"', ' calcId="191029" fullCalcOnLoad="0"'])
def test_a_stale_result_excel_does_not_recalculate_is_read_as_saved_and_said(tmp_path: Path, calc: str) -> None:
    """Without the flag (Excel's own calcPr has no fullCalcOnLoad, which openpyxl would take as
    set) the stored result is what a program that does not recalculate shows: read, and said."""
    path = _with_cells(tmp_path, {NATURAL: '<c r="{A1}"><f>100+21</f><v>21</v></c>'})
    _set_calc(path, calc)
    report = load_report(path)
    assert report.tables["三"][NATURAL] == 21
    [finding] = _findings(report, VALUE_XLSX_FORMULA.kind)
    assert "算得121，文件中保存的结果是21；读入的是保存的结果" in finding.message


def test_a_stale_sum_over_its_row_is_the_sum_and_a_cell_summing_it_follows(tmp_path: Path) -> None:
    """A total cached 999 over a row of 183: Excel shows 183; the figures add up, no T3-ROW-TOTAL."""
    path = _with_cells(tmp_path, {TOTAL: '<c r="{A1}"><f>SUM({row})</f><v>999</v></c>'}, recalculated=True)
    report = load_report(path)
    assert report.tables["三"][TOTAL] == sum(ROW_FIGURES)
    assert not [f for f in run_all(report) if f.code == "T3-ROW-TOTAL"]
    assert len(_findings(report, VALUE_XLSX_FORMULA.kind)) == 1


def test_a_formula_not_computed_under_recalculation_is_said_once(tmp_path: Path) -> None:
    """Another sheet's cell and a function not computed, both cached: read as saved, one 提示."""
    cells = {NATURAL: """<c r="{A1}"><f>'表二'!B15+7</f><v>28</v></c>""",
             TOTAL: '<c r="{A1}"><f>PRODUCT({row})</f><v>183</v></c>'}
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert (report.tables["三"][NATURAL], report.tables["三"][TOTAL]) == (28, 183)
    [finding] = _findings(report, VALUE_XLSX_CACHED.kind)
    assert finding.severity.name_zh == "提示"
    assert set(finding.location.cells) == {CellRef("三", *NATURAL), CellRef("三", *TOTAL)}
    assert _findings(report, VALUE_XLSX_FORMULA.kind) == []
    # Excel's own save, not recalculated on opening: the saved result is what it shows, no note
    report = load_report(_with_cells(tmp_path, cells))
    assert _findings(report, VALUE_XLSX_CACHED.kind) == []


def test_a_sum_over_a_cell_not_computed_does_not_call_its_result_stale(tmp_path: Path) -> None:
    """D6 cached 28 from another sheet; SUM(D6:I6) cached 183: the sum is not judged on a guess."""
    cells = {NATURAL: """<c r="{A1}"><f>'表二'!B15+7</f><v>28</v></c>""",
             TOTAL: '<c r="{A1}"><f>SUM({row})</f><v>183</v></c>'}
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert report.tables["三"][TOTAL] == 183
    assert _findings(report, VALUE_XLSX_FORMULA.kind) == []


_LOOKUP = '<c r="{A1}"><f>VLOOKUP(1,A1:B2,2,FALSE)</f></c>'  # not computed here, no result stored


@pytest.mark.parametrize("total", ["SUM({row})", "IF(1,SUM({row}),0)", "SUM({row})*1+0"])
def test_a_formula_over_a_cell_not_known_is_refused_never_the_sum_of_the_rest(tmp_path: Path, total: str) -> None:
    """D6 a VLOOKUP saved without a result: the total over D6:I6 (a SUM, the branch IF takes)
    without one is refused as a formula — once read as 155, the other five, without a word."""
    cells = {NATURAL: _LOOKUP, TOTAL: f'<c r="{{A1}}"><f>{total}</f></c>'}
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert report.tables["三"][TOTAL] is None
    [finding] = [f for f in run_all(report) if f.code == "VALUE-INVALID" and CellRef("三", *TOTAL) in f.location.cells]
    assert finding.message.startswith(f"“={total.split('{')[0]}") and "是公式，没有保存计算结果" in finding.message


def test_a_formula_over_a_cell_not_known_reads_its_own_stored_result_and_says_so(tmp_path: Path) -> None:
    cells = {NATURAL: _LOOKUP, TOTAL: '<c r="{A1}"><f>SUM({row})</f><v>183</v></c>'}
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert report.tables["三"][TOTAL] == 183
    [finding] = _findings(report, VALUE_XLSX_CACHED.kind)
    assert CellRef("三", *TOTAL) in finding.location.cells


def test_a_result_excel_stored_right_is_no_news(tmp_path: Path) -> None:
    """0.1*280 stored as Excel stores it (28, 15 digits) and a sum stored right: nothing said."""
    cells = {NATURAL: '<c r="{A1}"><f>0.1*280</f><v>28.000000000000004</v></c>',
             TOTAL: '<c r="{A1}"><f>SUM({row})</f><v>183</v></c>'}
    report = load_report(_with_cells(tmp_path, cells, recalculated=True))
    assert report.tables["三"][TOTAL] == 183
    assert _findings(report, VALUE_XLSX_FORMULA.kind) == _findings(report, VALUE_XLSX_CACHED.kind) == []


def test_our_export_reads_back_without_a_word_about_formulas(tmp_path: Path) -> None:
    """write_xlsx sets fullCalcOnLoad and writes its totals as SUM and IF(COUNT(…),SUM(…),"")
    without results: all computed, a blank total blank, nothing said."""
    report = _report()
    report.set_value(CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL), None)
    path = tmp_path / "ours.xlsx"
    write_xlsx(report, path)
    with zipfile.ZipFile(path) as z:
        assert b'fullCalcOnLoad="1"' in z.read("xl/workbook.xml")
    back = load_report(path)
    assert back.tables["三"][TOTAL] == sum(ROW_FIGURES) - ROW_FIGURES[0]
    assert not [f for f in run_all(back) if f.kind in (VALUE_XLSX_FORMULA.kind, VALUE_XLSX_CACHED.kind)]


def _set_calc(path: Path, attributes: str) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["xl/workbook.xml"] = re.sub(rb"<calcPr[^>]*/>", f"<calcPr{attributes}/>".encode(), parts["xl/workbook.xml"])
    if not attributes:
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b"<calcPr/>", b"")
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


# The evaluator on its own: Excel's grammar and its answers.
_SHEET = {(1, 1): 10, (1, 2): 2.5, (1, 3): None, (1, 4): "文字", (2, 1): "#DIV/0!", (2, 2): UNKNOWN}


def _cell(row: int, col: int) -> object:
    return _SHEET.get((row, col))


@pytest.mark.parametrize(("formula", "result"), [
    ("=1+2*3", 7), ("=(1+2)*3", 9), ("=-A1+4", -6), ("=--3", 3), ("=7/2", 3.5), ("=A1*B1", 25.0),
    ("=$A$1+C1", 10), ("=SUM(A1:D1)", 12.5), ("=SUM(A1,B1,5)", 17.5), ("=sum( a1:b1 )", 12.5),
    ("=COUNT(A1:D1)", 2), ('=IF(COUNT(C1),SUM(C1),"")', None), ('=IF(COUNT(A1),SUM(A1),"")', 10),
    ("=1.5E2", 150.0), ("=100+21", 121),
])
def test_the_formulas_computed(formula: str, result: object) -> None:
    assert evaluate(formula, _cell) == result


@pytest.mark.parametrize("formula", [
    "=A1/C1",  # #DIV/0!
    "=A1+D1",  # text in arithmetic: #VALUE!
    "=A2+1", "=B2+1",  # an error value; a formula not computed
    "='表二'!B15", "=Sheet1!A1+1", "=fee", "=PRODUCT(2,3)", "=A1^2", "=A1&B1", "=A1>1", "=10%",
    "=A1:B1*2", "=1+", "=(1", "=IF(C1,1)", "",  # IF(A1,1) is 1, as in Excel
])
def test_what_is_not_computed(formula: str) -> None:
    assert evaluate(formula, _cell) is UNKNOWN


def test_a_range_is_cut_to_the_sheet_and_past_the_budget_is_cut_short() -> None:
    """The whole sheet's column range over a sheet written to D1 is D1's row; with no extent
    known, its 17 billion cells are past the budget: CUT, never a figure (review14 H1)."""
    assert evaluate("=SUM(A1:XFD1048576)", _cell, (1, 4)) == 12.5
    assert evaluate("=SUM(A1:XFD1048576)", _cell) is CUT


def test_a_formula_reading_a_cell_not_known_is_not_known() -> None:
    """B2 is a formula not computed (no stored result): a SUM over it is not the sum of the rest
    (12.5 for A1:B2 was once the figure); an error value stops SUM as in Excel."""
    assert evaluate("=SUM(A1:B2)", _cell) is UNKNOWN
    assert evaluate("=SUM(A1:A2)", _cell) is UNKNOWN  # A2 is #DIV/0!: Excel shows the error
    assert evaluate("=SUM(A1:B1)+B2", _cell) is UNKNOWN
    assert evaluate("=B2", _cell) is UNKNOWN


@pytest.mark.parametrize(("formula", "result"), [
    ("=IF(A1,B1,B2)", 2.5), ("=IF(C1,B2,A1)", 10), ("=IF(A1,SUM(A1:B1),VLOOKUP(1,A1:B2,2))", 12.5),
    ("=IF(C1,IF(B2,1,2),(A1+1))", 11), ("=IF(A1,7)", 7),
])
def test_if_computes_only_the_branch_taken(formula: str, result: object) -> None:
    """Excel's IF computes the branch taken: the other may read a cell not known, or a
    function not computed here, and the result is still the figure Excel shows."""
    assert evaluate(formula, _cell) == result


@pytest.mark.parametrize("formula", ["=IF(A1,B2,1)", "=IF(C1,1,B2)", "=IF(B2,1,1)", "=IF(C1,7)", "=IF(A1,(1,2)"])
def test_if_whose_branch_taken_reads_a_cell_not_known_is_not_known(formula: str) -> None:
    assert evaluate(formula, _cell) is UNKNOWN


def test_count_counts_numbers_as_excel_does() -> None:
    """COUNT passes over an error value, text and blanks (Excel: COUNT(A1:D2) over 10, 2.5,
    blank, 文字, #DIV/0! is 2 without B2) and counts a date; a cell not known it cannot count."""
    dated = {**_SHEET, (2, 2): datetime.datetime(2024, 1, 1)}
    assert evaluate("=COUNT(A1:D1,A2)", _cell) == 2
    assert evaluate("=COUNT(A1:D2)", lambda r, c: dated.get((r, c))) == 3
    assert evaluate("=COUNT(A1:D2)", _cell) is UNKNOWN


def test_same_compares_as_excel_shows() -> None:
    assert same(28.000000000000004, 28) and same(None, "") and same(121, 121.0)
    assert not same(121, 21) and not same(None, 0) and not same(3, "3")
