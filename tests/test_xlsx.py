"""The workbook as a real spreadsheet: live SUM formulas derived from the schema's rules, a
check cell per 勾稽 relation, print setup, and reading back the same tables — also after
LibreOffice recalculated and re-saved it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from app.checks import run_all
from app.office import convert
from app.reading import load_report
from app.report import Report
from app.schema import (
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_NEW,
    T3_RESULT_TOTAL,
    TABLE3,
    TABLES,
    CellRef,
)
from app.xlsx_write import CHECKS_HEADING, DIFFERENT, SAME, write_xlsx


def _cells_of(formula: str) -> set[tuple[int, int]]:
    """(row, col) of every cell a =SUM(...) names."""
    inner = formula[formula.index("(") + 1: formula.rindex(")")]
    out = set()
    for part in inner.split(","):
        c1, r1, c2, r2 = range_boundaries(part)
        out |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    return out


def _position(ws: openpyxl.worksheet.worksheet.Worksheet, key: str) -> dict[tuple[int, int], tuple[int, int]]:
    """Data cell -> sheet (row, col), found from the labels on the sheet, not from the writer."""
    spec = TABLES[key]
    title_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == spec.title)
    return {c.data: (title_row + 1 + c.row, 1 + c.col) for c in spec.layout if c.data is not None}


def _wrong_total_report() -> Report:
    report = Report(organ="某区某局", year=2024)
    for key, spec in TABLES.items():  # filled in, as a finished report is: 0 where nothing happened
        for cell in spec.cells:
            if (cell.row, cell.col) not in spec.totals:
                report.set_value(CellRef(key, cell.row, cell.col), 0)
    for c in range(TABLE3.n_cols - 1):
        report.set_value(CellRef("三", T3_NEW, c), c + 1)
    report.set_value(CellRef("三", T3_DISCLOSED, T3_COL_NATURAL), 4)  # 予以公开
    report.set_value(CellRef("三", T3_RESULT_TOTAL, 0), 9)  # stated wrong: the parts give 4
    return report


def test_totals_are_live_formulas_over_their_parts(tmp_path: Path) -> None:
    report = _wrong_total_report()
    write_xlsx(report, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["表三"]
    pos = _position(ws, "三")
    checked = 0
    for rule in TABLE3.sum_rules:
        cell = ws.cell(*pos[rule.target])
        if isinstance(cell.value, str) and cell.value.startswith("=SUM("):
            # Some total rule of this cell sums exactly these cells (the (七)总计 总计 has two).
            rules = [r for r in TABLE3.sum_rules if r.target == rule.target]
            assert any(_cells_of(cell.value) == {pos[p] for p in r.parts} for r in rules)
            checked += 1
    assert checked >= 20
    new_total = ws.cell(*pos[(T3_NEW, T3_COL_TOTAL)])
    assert new_total.value.startswith("=SUM(")
    wrong = ws.cell(*pos[(T3_RESULT_TOTAL, 0)])
    assert wrong.value == 9 and "按明细应为4" in wrong.comment.text  # stays as stated, marked


def test_a_check_cell_per_relation(tmp_path: Path) -> None:
    write_xlsx(_wrong_total_report(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    for key, spec in TABLES.items():
        ws = wb[f"表{key}"]
        formulas = [c.value for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith("=IF(")]
        assert len(formulas) == len(spec.sum_rules) + len(spec.balance_rules)
        assert all(f'"{SAME}"' in f and f'"{DIFFERENT}"' in f for f in formulas)
        if formulas:
            assert any(c.value == CHECKS_HEADING for row in ws.iter_rows() for c in row)


def test_sheet_is_ready_to_print(tmp_path: Path) -> None:
    write_xlsx(_wrong_total_report(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.properties.title == "某区某局2024年度政府信息公开工作年度报告"
    assert wb.properties.creator == "某区某局"
    ws = wb["表三"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows.replace("$", "") == "1:4"  # title and the three header rows repeat on each page
    assert ws.merged_cells.ranges  # the annex's merged headers
    label = next(c for row in ws.iter_rows() for c in row if c.value and str(c.value).startswith("1.申请人无正当理由"))
    assert label.font.name == "宋体"
    assert ws.row_dimensions[label.row].height >= 2 * 14  # the long label wraps onto lines that show


def test_reads_back_the_same_tables(sample: Path, tmp_path: Path) -> None:
    original = load_report(sample)
    write_xlsx(original, tmp_path / "s.xlsx")
    back = load_report(tmp_path / "s.xlsx")
    assert back.tables == original.tables
    wrong = _wrong_total_report()
    write_xlsx(wrong, tmp_path / "w.xlsx")
    back = load_report(tmp_path / "w.xlsx")
    assert back.tables == wrong.tables
    assert CellRef("三", T3_RESULT_TOTAL, 0) in back.pinned


def test_a_part_edited_without_recalculation_moves_its_total(tmp_path: Path) -> None:
    """Saved by a program that does not calculate (no cached values): the SUM is computed."""
    write_xlsx(_wrong_total_report(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    ws = wb["表三"]
    pos = _position(ws, "三")
    ws.cell(*pos[(T3_NEW, 0)]).value = 11  # was 1
    wb.save(tmp_path / "r.xlsx")
    back = load_report(tmp_path / "r.xlsx")
    assert back.tables["三"][(T3_NEW, T3_COL_TOTAL)] == 11 + 2 + 3 + 4 + 5 + 6


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_libreoffice_round_trip(sample: Path, tmp_path: Path) -> None:
    """.docx -> .xlsx (formulas) -> LibreOffice recalculates and re-saves -> the same tables;
    its check cells say 相符 where the relation holds and 不符 where it does not."""
    original = _wrong_total_report()
    docx_report = load_report(sample)
    for name, report in (("sample", docx_report), ("wrong", original)):
        src = tmp_path / f"{name}.xlsx"
        write_xlsx(report, src)
        out = convert(src, "xlsx", tmp_path / "lo")
        assert out is not None
        resaved = openpyxl.load_workbook(out, data_only=True)
        with_formulas = openpyxl.load_workbook(out)
        assert any(isinstance(c.value, str) and c.value.startswith("=SUM(")
                   for row in with_formulas["表三"].iter_rows() for c in row)
        back = load_report(out)
        assert back.tables == report.tables, name
    results = [c.value for row in resaved["表三"].iter_rows() for c in row if c.value in (SAME, DIFFERENT)]
    assert results == [SAME if holds else DIFFERENT for holds in _relations_hold(original)]
    assert DIFFERENT in results


def _relations_hold(report: Report) -> list[bool]:
    """Table 三's relations in the schema's order, evaluated on the report itself."""
    grid = report.tables["三"]

    def total(cells: tuple[tuple[int, int], ...]) -> int:
        return sum(grid[p] or 0 for p in cells)  # type: ignore[misc]

    return [(grid[r.target] or 0) == total(r.parts) for r in TABLE3.sum_rules] + [
        total(b.left) == total(b.right) for b in TABLE3.balance_rules]


@pytest.mark.parametrize(("written", "value", "reason"), [
    ("=PRODUCT(2,3)", None, "“=PRODUCT(2,3)”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字"),
    ("=2+3", 5, ""),  # arithmetic the program computes as Excel does on opening (app/xlsxcalc.py)
    (dt.datetime(2023, 5, 1), None, "“2023-05-01”是日期，不是数字（单元格可能被设成了日期格式）"),
    (dt.date(2023, 1, 5), None, "“2023-01-05”是日期，不是数字（单元格可能被设成了日期格式）"),
    ("0（件）", 0, ""),
    (7.0, 7, ""),
])
def test_a_workbook_cell_is_read_as_excel_shows_it(tmp_path: Path, written: object, value: object, reason: str) -> None:
    """A formula saved without its result (a workbook a program wrote, never opened in Excel)
    and a count the spreadsheet took for a date are one VALUE-INVALID each, saying so — not a
    silent blank, nor “中间有空格” for a date's time."""
    from app.checks import run_all

    path = tmp_path / "t.xlsx"
    write_xlsx(_wrong_total_report(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb["表三"]
    row, col = _position(ws, "三")[(T3_NEW, T3_COL_NATURAL)]
    ws.cell(row, col).value = written
    total = ws.cell(*_position(ws, "三")[(T3_NEW, T3_COL_TOTAL)]).value
    wb.save(path)
    report = load_report(path)
    assert report.tables["三"][(T3_NEW, T3_COL_NATURAL)] == value
    invalid = [f.message for f in run_all(report) if f.code == "VALUE-INVALID"]
    # The row's total (saved by openpyxl: no result) reads a cell whose value is not known (Excel
    # adds a date as its serial): refused too, never the sum of the other five.
    refused = [f"“{total}”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字"] if value is None else []
    assert invalid == ([reason, *refused] if reason else []), invalid


@pytest.mark.parametrize("span", [(0, 1), (1, 0), (1, 1)])  # along the row, down the column, both
def test_a_figure_merged_over_data_cells_is_read_once_where_excel_holds_it(tmp_path: Path, span: tuple[int, int]) -> None:
    """表三's 一、本年新收 自然人 merged with the cell beside and/or below it (D5:E5, D5:D6, D5:E6):
    Excel keeps the figure in the first cell, the others are blank to its formulas; the figure
    is read there once, never in two columns or rows; the others read blank (BLANK-CELL says so)."""
    report = _wrong_total_report()
    src = tmp_path / "src.xlsx"
    write_xlsx(report, src)
    wb = openpyxl.load_workbook(src)
    ws = wb["表三"]
    pos = _position(ws, "三")
    first = (T3_NEW, T3_COL_NATURAL)
    row, col = pos[first]
    ws.cell(row, col).value = 12
    covered = {data for data, (r, c) in pos.items() if row <= r <= row + span[0] and col <= c <= col + span[1]}
    assert len(covered) == 1 + span[0] + span[1] + span[0] * span[1]
    ws.merge_cells(start_row=row, start_column=col, end_row=row + span[0], end_column=col + span[1])
    wb.save(tmp_path / "merged.xlsx")
    back = load_report(tmp_path / "merged.xlsx")
    grid = back.tables["三"]
    assert grid[first] == 12
    assert all(grid[data] is None for data in covered - {first}), {d: grid[d] for d in covered}
    assert [v for v in grid.values() if v == 12] == [12], "one figure, never two"
    blank = {(ref.row, ref.col) for f in run_all(back) if f.code == "BLANK-CELL"
             for ref in f.location.cells if ref.table == "三"}
    assert covered - {first} <= blank
    others = {d: v for d, v in grid.items() if d not in covered and d not in TABLE3.totals}
    assert others == {d: report.tables["三"][d] for d in others}, "the rest of the table as written"
