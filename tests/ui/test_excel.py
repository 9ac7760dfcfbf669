"""文件 → 导出Excel… / 从Excel导入… on the real window."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from app.reading import load_report
from app.schema import T2_ISSUED, T2_RULES, T3_CARRIED_IN, T3_COL_TOTAL, T3_NEW, TABLE3, CellRef
from app.xlsx_write import write_xlsx
from tests.ui.conftest import SAMPLE, table


def _answer(window, export: Path | None = None, import_: Path | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    excel = window.year_tools.excel
    if export is not None:
        excel.ask_export_path = lambda: str(export)
    if import_ is not None:
        excel.ask_import_path = lambda: str(import_)
    notes: list[str] = []
    excel.show_notes = lambda title, text: notes.append(text)
    return notes


def _cell_of(ws, label: str, col: int) -> openpyxl.cell.cell.Cell:  # type: ignore[no-untyped-def]
    """The data cell of row ``label`` in data column ``col``, found by the label on the sheet."""
    row = TABLE3.row_labels.index(label)
    grid_col = next(c.col for c in TABLE3.layout if c.data == (row, col))
    target = next(c for r in ws.iter_rows() for c in r if c.value == label)
    return ws.cell(target.row, grid_col + 1)


def test_export_from_the_menu(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.docs.load(SAMPLE)
    _answer(window, export=tmp_path / "表.xlsx")
    window.year_tools.act_export_xlsx.trigger()
    assert (tmp_path / "表.xlsx").exists()
    assert load_report(tmp_path / "表.xlsx").tables == window.state.report.tables
    assert not window.state.is_modified()  # exporting is not an edit


def test_import_is_one_undo_step(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = load_report(SAMPLE)
    write_xlsx(source, tmp_path / "in.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "in.xlsx")
    _cell_of(wb["表三"], "一、本年新收政府信息公开申请数量", 0).value = 40  # typed in Excel
    wb.save(tmp_path / "in.xlsx")
    _answer(window, import_=tmp_path / "in.xlsx")
    steps = window.state.stack.count()
    window.year_tools.act_import_xlsx.trigger()
    report = window.state.report
    assert report.tables["三"][(T3_NEW, 0)] == 40
    assert report.tables["三"][(T3_NEW, T3_COL_TOTAL)] == 40 + sum(
        source.tables["三"][(T3_NEW, c)] or 0 for c in range(1, T3_COL_TOTAL))  # the SUM, computed
    assert report.tables["二"] == source.tables["二"] and report.tables["四"] == source.tables["四"]
    view = table(window, "三")
    assert view.grid_model().index_of((T3_NEW, 0)).data() == "40"
    assert window.state.stack.count() == steps + 1 and window.state.is_modified()
    window.act_undo.trigger()
    assert report.tables["三"][(T3_NEW, 0)] is None and view.grid_model().index_of((T3_NEW, 0)).data() == ""
    window.act_redo.trigger()
    assert report.tables["三"][(T3_NEW, 0)] == 40


def test_a_workbook_that_is_not_the_tables(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "金额"])
    wb.active.append(["张三", 12])
    wb.save(tmp_path / "other.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    for name in ("other.xlsx", "broken.xlsx", "old.xls"):
        window.errors.clear()
        assert not window.year_tools.excel.import_xlsx(tmp_path / name)
        assert len(window.errors) == 1 and name in window.errors[0]
    assert window.state.stack.count() == 0 and not window.state.is_modified()


def test_what_cannot_be_placed_is_listed(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.state.report.set_value(CellRef("二", T2_RULES, T2_ISSUED), 5)  # table 二 is not in the workbook: kept
    write_xlsx(load_report(SAMPLE), tmp_path / "in.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "in.xlsx")
    del wb["表二"]
    ws = wb["表三"]
    label = next(c for r in ws.iter_rows() for c in r if c.value == "2.重复申请")
    label.value = "2.重复申请和其他莫名的事项"
    ws.cell(label.row, label.column + 1).value = 77
    wb.save(tmp_path / "in.xlsx")
    notes = _answer(window, import_=tmp_path / "in.xlsx")
    window.year_tools.act_import_xlsx.trigger()
    assert window.state.report.tables["二"][(T2_RULES, T2_ISSUED)] == 5
    assert len(notes) == 1 and "没有表二" in notes[0] and "重复申请和其他莫名的事项" in notes[0]


def test_what_was_left_out_of_a_figure_is_listed(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """“37” with a raised “1” imports as 37, and the note says so, naming the cell; a figure
    formatted ;;; (Excel shows nothing) imports blank, and the note says so."""
    write_xlsx(load_report(SAMPLE), tmp_path / "in.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "in.xlsx")
    ws = wb["表三"]
    marked = _cell_of(ws, "一、本年新收政府信息公开申请数量", 0)
    marked.value = CellRichText(["37", TextBlock(InlineFont(vertAlign="superscript"), "1")])
    unseen = _cell_of(ws, "二、上年结转政府信息公开申请数量", 0)
    unseen.value, unseen.number_format = 99, ";;;"
    wb.save(tmp_path / "in.xlsx")
    notes = _answer(window, import_=tmp_path / "in.xlsx")
    window.year_tools.act_import_xlsx.trigger()
    assert window.state.report.tables["三"][(T3_NEW, 0)] == 37
    assert window.state.report.tables["三"][(T3_CARRIED_IN, 0)] is None
    assert len(notes) == 1, notes
    assert "上标" in notes[0] and f"“表三”{marked.coordinate}" in notes[0], notes[0]
    assert "内容不显示的单元格" in notes[0], notes[0]


def test_another_years_or_organs_workbook_is_asked_about(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Last year's exported workbook, picked by its like name, replaced this year's tables without
    a word, and no check could tell (the GUI tester imported 2022's into the 2021 report)."""
    window.docs.load(SAMPLE)
    report = window.state.report
    other = load_report(SAMPLE)
    other.year = report.year + 1
    other.organ = report.organ.replace("小港", "大碶")
    other.tables["三"][(T3_NEW, 0)] = 40
    write_xlsx(other, tmp_path / "in.xlsx")
    _answer(window, import_=tmp_path / "in.xlsx")
    asked: list[str] = []
    window.year_tools.excel.confirm_other_report = lambda text: asked.append(text) or False
    steps = window.state.stack.count()
    assert not window.year_tools.excel.import_xlsx()
    assert len(asked) == 1 and f"是{other.year}年度的，本报告是{report.year}年度" in asked[0], asked
    assert f"是“{other.organ}”的，本报告是“{report.organ}”的" in asked[0] and "表二、三、四" in asked[0], asked
    assert window.state.stack.count() == steps and report.tables["三"][(T3_NEW, 0)] != 40, "取消: nothing changed"
    window.year_tools.excel.confirm_other_report = lambda text: asked.append(text) or True
    assert window.year_tools.excel.import_xlsx()
    assert report.tables["三"][(T3_NEW, 0)] == 40, "仍然导入"
    same = load_report(SAMPLE)
    same.organ = report.organ.replace("街道", " 街道")  # spacing is no other organ
    write_xlsx(same, tmp_path / "same.xlsx")
    asked.clear()
    assert window.year_tools.excel.import_xlsx(tmp_path / "same.xlsx") and not asked, "this report's: not asked"
