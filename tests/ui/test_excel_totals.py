"""从Excel导入 of a workbook whose total was left blank while its row was filled in Excel: the total
is computed as typing the parts in the grid would, the status line says so, and undo takes the
whole import back (found by the GUI tester: 总计 stayed blank and pink, BLANK-CELL)."""

from __future__ import annotations

from pathlib import Path

from app.io import save_report
from app.schema import T3_CARRIED_IN, CellRef
from app.xlsx_write import write_xlsx
from tests.test_xlsx_totals import ROW_TOTAL, _fill, with_blank_row
from tests.ui.test_excel import _answer
from ui.main_window import MainWindow


def test_import_computes_a_blank_total_and_says_so(window: MainWindow, tmp_path: Path) -> None:
    report = with_blank_row()
    save_report(report, tmp_path / "报告.docx")
    assert window.docs.load(tmp_path / "报告.docx")
    write_xlsx(report, tmp_path / "表.xlsx")
    _fill(tmp_path / "表.xlsx", {0: 2, 1: 0, 2: 0, 3: 1, 4: 0, 5: 0}, drop_total=True)
    _answer(window, import_=tmp_path / "表.xlsx")
    window.year_tools.act_import_xlsx.trigger()
    grid = window.state.report.tables["三"]
    assert grid[(T3_CARRIED_IN, 0)] == 2 and grid[ROW_TOTAL] == 3
    assert CellRef("三", *ROW_TOTAL) not in window.state.report.pinned
    blank = [f for f in window.state.findings if f.code == "BLANK-CELL"
             and CellRef("三", *ROW_TOTAL) in f.location.cells]
    assert blank == []
    message = window.statusBar().currentMessage()
    assert "已从 表.xlsx 导入" in message and "空白的合计" in message and "“二、上年结转" in message
    window.state.stack.undo()
    assert window.state.report.tables["三"][ROW_TOTAL] is None  # one step, the total with it
