"""导出Excel writes every total as its SUM formula, a blank one too; 从Excel导入 computes a total
left blank whose parts are filled (found by the GUI tester: row 二 blank at export, filled in
Excel, came back with its 总计 blank and pink)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from app.report import Report
from app.schema import T3_CARRIED_IN, T3_COL_TOTAL, TABLES, CellRef
from app.xlsx import read_xlsx
from app.xlsx_write import _Sheet, write_xlsx
from tests.conftest import SAMPLE
from tests.test_dismissals import clean_report

T3 = TABLES["三"]
ROW_TOTAL = (T3_CARRIED_IN, T3_COL_TOTAL)


def with_blank_row() -> Report:
    r = clean_report()
    for col in range(T3_COL_TOTAL + 1):
        r.set_value(CellRef("三", T3_CARRIED_IN, col), None)
    assert r.tables["三"][ROW_TOTAL] is None
    return r


def _fill(path: Path, values: dict[int, object], drop_total: bool = False) -> None:
    """Row 二's parts typed into the workbook as a user would in Excel (no cached results)."""
    wb = openpyxl.load_workbook(path)
    ws, sheet = wb["表三"], _Sheet(T3)
    for col, value in values.items():
        ws[sheet.addr((T3_CARRIED_IN, col))] = value
    if drop_total:  # a workbook exported before totals were always formulas
        ws[sheet.addr(ROW_TOTAL)] = None
    wb.save(path)


def test_every_total_is_a_formula_even_a_blank_one(tmp_path: Path) -> None:
    r = with_blank_row()
    write_xlsx(r, tmp_path / "表.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "表.xlsx")
    for spec in TABLES.values():
        sheet = _Sheet(spec)
        for target in {rule.target for rule in spec.sum_rules}:
            value = wb[f"表{spec.key}"][sheet.addr(target)].value
            assert isinstance(value, str) and "SUM(" in value, (spec.key, target, value)
    blank_total = wb["表三"][_Sheet(T3).addr(ROW_TOTAL)].value
    assert blank_total.startswith("=IF(COUNT("), "blank until a part holds a figure, as in the editor"
    assert read_xlsx(tmp_path / "表.xlsx").tables == r.tables, "a blank row's total reads back blank, not 0"


def test_the_total_of_a_row_filled_in_excel_is_there(tmp_path: Path) -> None:
    write_xlsx(with_blank_row(), tmp_path / "表.xlsx")
    _fill(tmp_path / "表.xlsx", {0: 2, 1: 0, 2: 0, 3: 1, 4: 0, 5: 0})
    back = read_xlsx(tmp_path / "表.xlsx")
    assert back.tables["三"][ROW_TOTAL] == 3
    assert back.fill_blank_totals(["三"]) == [] and CellRef("三", *ROW_TOTAL) not in back.pinned


def test_a_blank_total_with_its_parts_filled_is_computed_on_import(tmp_path: Path) -> None:
    write_xlsx(with_blank_row(), tmp_path / "旧.xlsx")
    _fill(tmp_path / "旧.xlsx", {0: 2, 1: 0, 2: 0, 3: 1, 4: 0, 5: "abc"}, drop_total=True)
    back = read_xlsx(tmp_path / "旧.xlsx")
    ref = CellRef("三", *ROW_TOTAL)
    assert back.tables["三"][ROW_TOTAL] is None and ref in back.pinned, "read as the file has it"
    assert back.fill_blank_totals(["二", "三", "四"]) == [ref]
    assert back.tables["三"][ROW_TOTAL] == 3 and ref not in back.pinned  # follows its parts from now on
    assert CellRef("三", T3_CARRIED_IN, 5) in back.raw, "the text that is no figure stays for correcting"


def test_a_total_holding_text_is_left_for_its_author(tmp_path: Path) -> None:
    write_xlsx(with_blank_row(), tmp_path / "表.xlsx")
    _fill(tmp_path / "表.xlsx", {0: 2})
    wb = openpyxl.load_workbook(tmp_path / "表.xlsx")
    wb["表三"][_Sheet(T3).addr(ROW_TOTAL)] = "约2"
    wb.save(tmp_path / "表.xlsx")
    back = read_xlsx(tmp_path / "表.xlsx")
    assert back.fill_blank_totals(["三"]) == [] and back.tables["三"][ROW_TOTAL] is None
    assert back.raw[CellRef("三", *ROW_TOTAL)] == "约2"
    write_xlsx(back, tmp_path / "再导出.xlsx")  # and exported again it is still that text, no formula
    assert openpyxl.load_workbook(tmp_path / "再导出.xlsx")["表三"][_Sheet(T3).addr(ROW_TOTAL)].value == "约2"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
def test_a_spreadsheet_that_calculates_shows_the_blank_total_blank_then_the_sum(tmp_path: Path) -> None:
    """Recalculated and saved by LibreOffice (cached results, as Excel or WPS would save them):
    the blank row's total is blank; filled, it is the row's sum."""
    from app.office import convert

    write_xlsx(with_blank_row(), tmp_path / "空.xlsx")
    write_xlsx(with_blank_row(), tmp_path / "填.xlsx")
    _fill(tmp_path / "填.xlsx", {0: 4, 3: 1})
    for name, expected in (("空", None), ("填", 5)):
        out = convert(tmp_path / f"{name}.xlsx", "xlsx", tmp_path / f"lo-{name}")
        assert out is not None
        cached = openpyxl.load_workbook(out, data_only=True)["表三"][_Sheet(T3).addr(ROW_TOTAL)].value
        assert cached in ((None, "") if expected is None else (expected,)), cached
        assert read_xlsx(out).tables["三"][ROW_TOTAL] == expected


def test_a_total_the_file_left_blank_beside_filled_parts_stays_blank_with_its_errors(tmp_path: Path) -> None:
    """The review's M1: a .docx whose 表三 row total is blank while the row holds figures is read
    with that total blank and three errors; 导出Excel must not turn it into a formula whose sum
    Excel shows and 从Excel导入 reads back, making the errors silently go."""
    from app.checks import run_all
    from app.io import save_report
    from app.reading import load_report
    from app.report import computed_sum

    r = load_report(SAMPLE)
    first_result = next(rule for rule in T3.sum_rules if rule.target[1] == T3_COL_TOTAL
                        and computed_sum(r.tables["三"], rule.parts))
    r.tables["三"][first_result.target] = None  # as a careless author leaves it in Word
    save_report(r, tmp_path / "报告.docx")
    read = load_report(tmp_path / "报告.docx")
    assert read.tables["三"][first_result.target] is None

    def errors(rep: Report) -> set[str]:
        return {f.code for f in run_all(rep) if f.severity.name == "ERROR" and f.code.startswith("T3-")}

    before = errors(read)
    assert "T3-ROW-TOTAL" in before, before
    write_xlsx(read, tmp_path / "表.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "表.xlsx")["表三"][_Sheet(T3).addr(first_result.target)]
    assert cell.value is None, "no formula: Excel would show a sum the report does not have"
    assert cell.comment is not None and "报告此处空白" in cell.comment.text
    back = read_xlsx(tmp_path / "表.xlsx")
    assert back.tables["三"][first_result.target] is None
    assert errors(back) == before
