"""从Excel导入 of a workbook whose 总计 of a row was typed over (3 where its parts make 1) while
Excel computed the grand total from it (GUI tester s12 #7): one 修复：按明细重算 on that total
recomputes the grand total computed from it too, and every total that disagrees with its
parts is drawn as the legend says (红字), whether the file stated it or an edit made it so."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from app.io import save_report
from app.schema import REQUESTS, T3_COL_TOTAL, T3_PARTLY_DISCLOSED, T3_RESULT_TOTAL, TABLES, CellRef
from app.xlsx_write import _Sheet, write_xlsx
from tests.test_dismissals import clean_report
from tests.ui.conftest import table
from tests.ui.test_excel import _answer
from ui.main_window import MainWindow
from ui.resources import Colors

ROW_TOTAL = CellRef(REQUESTS, T3_PARTLY_DISCLOSED, T3_COL_TOTAL)  # the tester's J8
CORNER = CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL)  # （七）总计 总计
TOTAL_CODES = {"T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T3-COLUMN-BALANCE"}


def _import_typed_over(window: MainWindow, tmp_path: Path) -> None:
    report = clean_report()
    report.set_value(CellRef(REQUESTS, T3_PARTLY_DISCLOSED, 0), 1)
    report.set_value(CellRef(REQUESTS, 0, 0), 1)
    save_report(report, tmp_path / "报告.docx")
    assert window.docs.load(tmp_path / "报告.docx")
    write_xlsx(report, tmp_path / "表.xlsx")
    book = openpyxl.load_workbook(tmp_path / "表.xlsx")
    sheet, where = book["表三"], _Sheet(TABLES[REQUESTS])
    sheet[where.addr((ROW_TOTAL.row, ROW_TOTAL.col))] = 3  # typed over its SUM formula
    sheet[where.addr((CORNER.row, CORNER.col))] = 3  # what Excel computed from it
    book.save(tmp_path / "表.xlsx")
    _answer(window, import_=tmp_path / "表.xlsx")
    window.year_tools.act_import_xlsx.trigger()
    assert window.state.report.value(ROW_TOTAL) == 3 and window.state.report.value(CORNER) == 3


def _totals_found(window: MainWindow) -> list[str]:
    return [f.message for f in window.state.findings if f.code in TOTAL_CODES]


def test_one_fix_of_a_row_total_recomputes_the_grand_total_computed_from_it(window: MainWindow, tmp_path: Path) -> None:
    _import_typed_over(window, tmp_path)
    view = table(window, REQUESTS)
    view.cell_actions(ROW_TOTAL)["修复：按明细重算"]()
    report = window.state.report
    assert report.value(ROW_TOTAL) == 1
    assert report.value(CORNER) == 1, "the grand total computed from the wrong 3 follows"
    assert _totals_found(window) == []
    window.state.stack.undo()  # one step: both figures of the file come back
    assert report.value(ROW_TOTAL) == 3 and report.value(CORNER) == 3


def test_every_total_that_disagrees_is_red(window: MainWindow, tmp_path: Path) -> None:
    _import_typed_over(window, tmp_path)
    model = table(window, REQUESTS).grid_model()
    for ref in (ROW_TOTAL, CORNER):
        brush = model.data(model.index_of((ref.row, ref.col)), Qt.ItemDataRole.ForegroundRole)
        assert brush is not None and brush.color() == Colors.PINNED_FG, ref


def test_a_corner_following_one_rule_and_not_the_other_is_red_too(window: MainWindow, tmp_path: Path) -> None:
    """The corner is under two rules (its row and its column): not pinned, it follows one and
    may disagree with the other while a total beneath it stays wrong.  It was bold black with
    an error's corner mark; the legend says a total that disagrees with its parts is 红字."""
    report = clean_report()
    report.tables[REQUESTS][(ROW_TOTAL.row, ROW_TOTAL.col)] = 3  # a file's figure, kept
    report.pinned.add(ROW_TOTAL)
    report.recompute(REQUESTS)
    assert CORNER not in report.pinned
    window.state.replace_report(report)
    assert any(f.location.cells[0] == CORNER for f in window.state.findings if f.code in TOTAL_CODES)
    model = table(window, REQUESTS).grid_model()
    index = model.index_of((CORNER.row, CORNER.col))
    brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert brush is not None and brush.color() == Colors.PINNED_FG
    assert "合计与明细不符（按明细应为3）" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    # A total that agrees is drawn as every total: not red.
    fine = model.index_of((T3_PARTLY_DISCLOSED + 1, T3_COL_TOTAL))
    assert model.data(fine, Qt.ItemDataRole.ForegroundRole) is None
