"""The statutory grids: typing, totals, refusals, paste, fixes and undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from app.findings import Severity
from app.schema import (
    T2_FEES,
    T2_IN_FORCE,
    T2_ISSUED,
    T2_NORMATIVE,
    T2_ONLY_COL,
    T2_RULES,
    T3_CARRIED_IN,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
    T3_RESULT_TOTAL,
    T4_COL,
    T4_CORRECTED,
    T4_GROUP_TOTAL,
    T4_OTHER_RESULT,
    T4_PENDING,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    TABLE3,
    TABLES,
    CellRef,
)
from app.values import zero
from tests.ui.conftest import ref3, report_with, table, type_into
from ui.findings import FindingsModel, SeverityFilter, apply_fix
from ui.navigation import COUNTS_ROLE, NavigationModel
from ui.resources import Colors


def test_every_model_passes_the_model_tester(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 4}}))
    for key in TABLES:
        qtmodeltester.check(table(window, key).grid_model())
    findings = FindingsModel(window.state)
    qtmodeltester.check(findings)
    qtmodeltester.check(SeverityFilter(findings))
    qtmodeltester.check(NavigationModel(window.state))


def test_grid_shows_the_statutory_layout(window) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    model = view.grid_model()
    assert (model.rowCount(), model.columnCount()) == (TABLE3.grid_rows, TABLE3.grid_cols)
    for cell in TABLE3.layout:
        assert view.rowSpan(cell.row, cell.col) == cell.rowspan
        assert view.columnSpan(cell.row, cell.col) == cell.colspan
        if cell.data is None:
            assert model.index(cell.row, cell.col).data() == cell.text
            assert not model.flags(model.index(cell.row, cell.col)) & Qt.ItemFlag.ItemIsEditable
    total = model.index_of((0, T3_COL_TOTAL))
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index_of((T3_NEW, T3_COL_NATURAL))) & Qt.ItemFlag.ItemIsEditable
    assert view.horizontalHeader().isHidden() and view.verticalHeader().isHidden()


def test_long_labels_get_rows_tall_enough(window) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    view.fit()
    label_row = next(c for c in TABLE3.layout if c.text.startswith("2.申请人逾期未按收费通知")).row
    normal_row = next(c for c in TABLE3.layout if c.text == "1.属于国家秘密").row
    assert view.rowHeight(label_row) > view.rowHeight(normal_row)


def test_typing_updates_totals_findings_and_moves_down(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    model = view.grid_model()
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "12")
    report = window.state.report
    assert report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 12
    assert report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 12
    assert model.index_of((0, T3_COL_TOTAL)).data() == "12"
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN, T3_COL_NATURAL)), "Enter moves down"
    codes = {f.code for f in window.state.findings}
    assert "T3-COLUMN-BALANCE" in codes  # 12 received, none handled
    assert model.index_of((T3_NEW, T3_COL_NATURAL)).data(Qt.ItemDataRole.BackgroundRole).color() == Colors.ERROR_BG
    assert "一+二" in model.index_of((T3_NEW, T3_COL_NATURAL)).data(Qt.ItemDataRole.ToolTipRole)
    assert window.isWindowModified()


def test_tab_moves_right_and_totals_follow(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    model = view.grid_model()
    type_into(qtbot, view, (T3_RESULT_TOTAL - 1, 0), "3", Qt.Key.Key_Tab)
    assert view.currentIndex() == model.index_of((T3_RESULT_TOTAL - 1, 1))
    report = window.state.report
    assert report.value(ref3(T3_RESULT_TOTAL, 0)) == 3  # （七）总计 of the column
    assert report.value(ref3(T3_RESULT_TOTAL, T3_COL_TOTAL)) == 3


@pytest.mark.parametrize(("text", "reason"), [("a", "不是数字"), ("-1", "负数"), ("1.5", "整数")])
def test_bad_input_is_refused_and_keeps_the_old_value(window, qtbot, text, reason) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 7}}))
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), text)
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 7
    assert view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)).data() == "7"
    assert reason in window.statusBar().currentMessage()
    model = view.grid_model()
    assert view.currentIndex() == view.step(model.index_of((T3_NEW, T3_COL_NATURAL)), 1, 0), "Enter moves down as ever"
    assert window.state.stack.count() == 0
    # marked at the cell, not only in the status bar: a note beside it, its tooltip too
    assert ref3(T3_NEW, T3_COL_NATURAL) in model.refusals
    assert view.note.isVisible() and reason in view.note.text() and "未填入" in view.note.text()
    assert reason in model.index_of((T3_NEW, T3_COL_NATURAL)).data(Qt.ItemDataRole.ToolTipRole)


def test_each_entry_into_one_cell_is_its_own_undo_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Excel/WPS: 5, then 3, then 1000 typed into one cell are three steps; the keystrokes of
    one entry (1, 0, 0, 0) are one."""
    view = table(window, "三")
    stack = window.state.stack
    for n, text in enumerate(("5", "3", "1000"), 1):
        type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), text)
        assert stack.count() == n
    type_into(qtbot, view, (T3_NEW, T3_COL_BUSINESS), "2")
    assert stack.count() == 4
    assert window.state.report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 1002
    stack.undo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 1000
    stack.undo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 3
    assert view.grid_model().index_of((0, T3_COL_TOTAL)).data() == "3"
    stack.undo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 5
    stack.undo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) is None
    assert not window.isWindowModified()
    stack.redo()
    stack.redo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 3
    assert view.grid_model().index_of((0, T3_COL_TOTAL)).data() == "3"


def test_paste_block_with_full_width_digits_and_dashes(window) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    model = view.grid_model()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    QGuiApplication.clipboard().setText("１２\t３\t—\n 4 \t０件\t/\n")
    view.setFocus()
    window.paste()
    report = window.state.report
    assert [report.value(ref3(T3_NEW, c)) for c in range(3)] == [12, 3, None]
    assert [report.value(ref3(T3_CARRIED_IN, c)) for c in range(3)] == [4, 0, None]
    assert report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 15
    assert window.state.stack.count() == 1, "a paste is one undo step"
    assert "已粘贴2行×3列" in window.statusBar().currentMessage()
    window.state.stack.undo()
    assert all(report.value(ref3(r, c)) is None for r in range(2) for c in range(3))


@pytest.mark.parametrize(
    ("origin", "block", "reason"),
    [((0, 5), "1\t2\t3", "超出了表格范围"), ((24, 0), "1\n2", "超出了表格范围"), ((0, 0), "1\t2\nx\t4", "不是数字")],
)
def test_a_block_that_does_not_fit_or_is_bad_is_refused_whole(window, origin, block, reason) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 9}}))
    view = table(window, "三")
    view.setCurrentIndex(view.grid_model().index_of(origin))
    before = dict(window.state.report.tables["三"])
    assert not view.paste(block)
    assert window.state.report.tables["三"] == before
    assert window.state.stack.count() == 0
    assert reason in window.statusBar().currentMessage()


def test_paste_into_table2_respects_merged_cells(window) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "二")
    model = view.grid_model()
    view.setCurrentIndex(model.index_of((T2_RULES, T2_ISSUED)))
    assert view.paste("1\t2\t3\n4\t5\t6")
    assert window.state.report.value(CellRef("二", T2_NORMATIVE, T2_IN_FORCE)) == 6
    view.setCurrentIndex(model.index_of((T2_FEES, T2_ONLY_COL)))
    assert not view.paste("1\t2"), "行政事业性收费 has one cell"
    assert view.paste("12.50万元")
    assert window.state.report.value(CellRef("二", T2_FEES, T2_ONLY_COL)) == Decimal("12.50")


def test_copy_gives_a_tab_separated_block(window) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 1, (T3_NEW, T3_COL_BUSINESS): 2, (T3_CARRIED_IN, T3_COL_NATURAL): 3}}))
    view = table(window, "三")
    model = view.grid_model()
    selection = view.selectionModel()
    for pos in ((T3_NEW, T3_COL_NATURAL), (T3_NEW, T3_COL_BUSINESS), (T3_CARRIED_IN, T3_COL_NATURAL), (T3_CARRIED_IN, T3_COL_BUSINESS)):
        selection.select(model.index_of(pos), selection.SelectionFlag.Select)
    view.copy()
    assert QGuiApplication.clipboard().text() == "1\t2\n3\t\n"


def test_fill_blanks_with_zero(window) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"四": {(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]): 2}}))
    view = table(window, "四")
    view.setCurrentIndex(view.grid_model().index_of((T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])))
    window.fill_zero()
    values = window.state.report.tables["四"]
    assert values[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])] == 2 and values[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])] == 0 and values[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL])] == 2
    assert "BLANK-CELL" not in {f.code for f in window.state.findings if f.location.section == "四"}
    window.state.stack.undo()
    assert values[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])] is None


def pinned_report():  # type: ignore[no-untyped-def]
    report = report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 3}})
    report.tables["三"][(T3_NEW, T3_COL_TOTAL)] = 5  # as a file could state it
    report.pin_disagreeing_totals()
    return report


def test_a_wrong_total_from_a_file_is_shown_marked_and_fixed_in_one_step(window) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(pinned_report())
    view = table(window, "三")
    model = view.grid_model()
    total = model.index_of((0, T3_COL_TOTAL))
    assert total.data() == "5"
    assert total.data(Qt.ItemDataRole.ForegroundRole).color() == Colors.PINNED_FG
    assert "按明细应为3" in total.data(Qt.ItemDataRole.ToolTipRole)
    finding = next(f for f in window.state.findings if f.code == "T3-ROW-TOTAL")
    assert finding.severity is Severity.ERROR and finding.fix is not None
    apply_fix(window.state, finding)
    report = window.state.report
    assert report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 3 and ref3(T3_NEW, T3_COL_TOTAL) not in report.pinned
    assert model.data(total, Qt.ItemDataRole.ForegroundRole) is None  # (index.data would leak None)
    window.state.stack.undo()
    assert report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 5 and ref3(T3_NEW, T3_COL_TOTAL) in report.pinned
    window.state.stack.redo()
    assert report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 3


def test_accept_computed_from_the_grid(window) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(pinned_report())
    view = table(window, "三")
    view.accept_total(ref3(T3_NEW, T3_COL_TOTAL))
    assert window.state.report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 3
    window.state.stack.undo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_TOTAL)) == 5


def test_navigation_counts_follow_the_findings(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report_with(**{"三": {(c.row, c.col): 0 for c in TABLE3.cells}}))
    nav = window.nav_model
    row = nav.row_of("三")
    assert nav.index(row).data(COUNTS_ROLE) == (0, 0)
    with qtbot.waitSignal(nav.dataChanged):
        type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "4")
    errors, _warnings = nav.index(row).data(COUNTS_ROLE)
    assert errors >= 1
    window.state.stack.undo()
    assert nav.index(row).data(COUNTS_ROLE) == (0, 0)


def test_a_wrong_total_tints_the_total_not_its_parts(window) -> None:  # type: ignore[no-untyped-def]
    report = report_with(**{"四": {(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]): 2, (T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED]): 0, (T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_OTHER_RESULT]): 0, (T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_PENDING]): 0}})
    report.tables["四"][(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL])] = 5
    report.pin_disagreeing_totals()
    window.state.replace_report(report)
    model = table(window, "四").grid_model()
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index_of((T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL])), background).color() == Colors.ERROR_BG
    assert model.data(model.index_of((T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])), background) is None
    assert "相差3" in model.data(model.index_of((T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_GROUP_TOTAL])), Qt.ItemDataRole.ToolTipRole)


def test_totals_cannot_be_typed_into(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((0, T3_COL_TOTAL)))
    qtbot.keyClick(view, "7")
    assert view.state() != view.State.EditingState
    assert "自动计算" in window.statusBar().currentMessage()
    assert not view.paste("7")
    assert window.state.report.value(ref3(T3_NEW, T3_COL_TOTAL)) is None


def test_opening_and_leaving_an_unreadable_cell_keeps_its_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """F2 on a cell holding the file's “12.5元” and Enter again must not erase it."""
    from app.report import Report

    report = Report(organ="某局", year=2023)
    ref = CellRef("二", T2_FEES, T2_ONLY_COL)
    report.raw[ref] = "12.5元"
    window.state.replace_report(report)
    view = table(window, "二")
    model = view.grid_model()
    index = model.index_of((ref.row, ref.col))
    assert index.data(Qt.ItemDataRole.EditRole) == "12.5元"
    assert model.setData(index, "12.5元")
    assert window.state.report.raw[ref] == "12.5元" and window.state.stack.count() == 0
    assert model.setData(index, "12.5")
    assert str(window.state.report.value(ref)) == "12.5" and ref not in window.state.report.raw


def test_a_refused_entry_is_given_back_to_correct(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Nothing typed is lost: “5a” refused by Enter leaves the old value, the cell marked; F2 there
    (or a click on the note) opens the editor with “5a” selected to correct it; a number entered
    there takes the mark away; Esc on a marked cell lets the entry go, the old value kept."""
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 7}}))
    view = table(window, "三")
    model = view.grid_model()
    cell = model.index_of((T3_NEW, T3_COL_NATURAL))
    ref = ref3(T3_NEW, T3_COL_NATURAL)

    def editor() -> QLineEdit:
        qtbot.waitUntil(lambda: any(w.isVisible() for w in view.findChildren(QLineEdit)))
        return next(w for w in view.findChildren(QLineEdit) if w.isVisible())

    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "5a")
    assert window.state.report.value(ref) == 7 and model.refusals[ref].typed == "5a"
    assert "不是数字" in window.statusBar().currentMessage()
    view.setCurrentIndex(cell)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    line = editor()
    assert line.text() == "5a" and line.selectedText() == "5a"
    qtbot.keyClicks(line, "5")  # typing replaces the selection: the corrected entry
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.state.report.value(ref) == 5)
    assert ref not in model.refusals and not view.note.isVisible()
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "x")
    assert view.note.isVisible() and view.currentIndex() != cell
    qtbot.mouseClick(view.note, Qt.MouseButton.LeftButton)  # the note goes back to its cell
    line = editor()
    assert view.currentIndex() == cell and line.text() == "x"
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert ref not in model.refusals and not view.note.isVisible()
    assert window.state.report.value(ref) == 5 and window.state.stack.count() == 1
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "y")
    view.setCurrentIndex(cell)
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # not editing: Esc on the marked cell
    assert ref not in model.refusals and "已取消标记" in window.statusBar().currentMessage()


def test_figures_typed_after_a_refused_one_land_where_they_were_typed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """From the GUI test: typing a row with Tab, a letter in one cell handed that cell back with
    its text selected, the next figure replaced it, and every figure after landed one column left."""
    view = table(window, "三")
    model = view.grid_model()
    row = [T3_COL_NATURAL, T3_COL_BUSINESS, T3_COL_BUSINESS + 1, T3_COL_BUSINESS + 2]
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, row[0])))
    for text in ("3", "4x", "5", "6"):  # typed without a look at the screen
        qtbot.keyClicks(view.focusWidget(), text[0])
        qtbot.keyClicks(view.focusWidget(), text[1:])
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    report = window.state.report
    assert [report.value(ref3(T3_NEW, c)) for c in row] == [3, None, 5, 6]
    assert list(model.refusals) == [ref3(T3_NEW, row[1])] and view.note.isVisible()


def test_the_refused_cell_is_framed_in_red(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """What the user sees: a red frame round the cell (its old value inside), gone once a number
    is entered there."""
    from ui.resources import Colors

    view = table(window, "三")
    model = view.grid_model()
    def frame_is_red() -> bool:
        rect = view.visualRect(model.index_of((T3_NEW, T3_COL_BUSINESS)))
        image = view.viewport().grab().toImage()
        edge = image.pixelColor(rect.left() + 1, rect.center().y())
        return abs(edge.red() - Colors.ERROR.red()) < 30 and edge.green() < 90 and edge.blue() < 90

    assert not frame_is_red()
    type_into(qtbot, view, (T3_NEW, T3_COL_BUSINESS), "a")
    assert frame_is_red()
    note = view.note.geometry()
    cell = view.visualRect(model.index_of((T3_NEW, T3_COL_BUSINESS))).translated(view.viewport().pos())
    assert note.right() < cell.left() and note.top() < cell.bottom() and note.bottom() > cell.top(), \
        "beside the cell, on its row, over the row's label (nothing typed to its left)"
    type_into(qtbot, view, (T3_NEW, T3_COL_BUSINESS), "2")
    assert not frame_is_red() and not view.note.isVisible()


def test_a_new_report_forgets_the_refusals(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), "a")
    assert view.grid_model().refusals
    window.state.replace_report(report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 7}}))
    assert not view.grid_model().refusals and not view.note.isVisible()


def _file_with_blanks(tmp_path):  # type: ignore[no-untyped-def]
    """A report written to .docx with figures in each table, a “—” for none, a mistyped “12a”
    and blanks everywhere else; read back as a user opens it."""
    from app.docx.writer import write_docx

    report = report_with(**{"二": {(T2_RULES, T2_ISSUED): 1}, "三": {(T3_NEW, T3_COL_NATURAL): 4},
                            "四": {(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD]): 2}})
    report.raw[CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)] = "—"
    report.raw[CellRef("四", T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])] = "12a"
    path = tmp_path / "空白.docx"
    write_docx(report, path)
    return path


@pytest.mark.parametrize("page", ["前言", "二", "三", "四"])
def test_fill_zero_fills_every_table_from_any_page(window, tmp_path, page) -> None:  # type: ignore[no-untyped-def]
    """编辑 → 空白处填0 (toolbar, Ctrl+0) fills the blank figure cells of 表二, 表三 and 表四
    whichever page it is pressed on, in one undo step; never a total (it follows its parts),
    never a cell with text that is no number; a “—” standing for none becomes 0."""
    assert window.docs.load(_file_with_blanks(tmp_path))
    report = window.state.report
    mistyped = CellRef("四", T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_CORRECTED])
    dash = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)
    assert report.raw == {dash: "—", mistyped: "12a"}
    blank_before = {key: [c for c in spec.cells if report.value(CellRef(key, c.row, c.col)) is None
                          and (c.row, c.col) not in spec.totals] for key, spec in TABLES.items()}
    assert all(len(cells) > 1 for cells in blank_before.values())
    window.show_page(page)
    steps = window.state.stack.count()
    window.act_fill.trigger()
    assert window.state.stack.count() == steps + 1
    message = window.statusBar().currentMessage()
    assert all(f"表{key}" in message for key in TABLES), message
    for key, spec in TABLES.items():
        for c in blank_before[key]:
            ref = CellRef(key, c.row, c.col)
            if ref == mistyped:
                assert report.value(ref) is None and report.raw[ref] == "12a"
            else:
                assert report.value(ref) == 0 and type(report.value(ref)) is type(zero(c.kind)), ref
        for pos in spec.totals:  # computed from the parts, not pinned at 0
            assert CellRef(key, *pos) not in report.pinned
    assert report.value(CellRef("三", T3_NEW, T3_COL_TOTAL)) == 4
    assert report.value(CellRef("二", T2_FEES, T2_ONLY_COL)) == Decimal(0)
    codes = {(f.code, f.location.section) for f in window.state.findings}
    assert not any(code == "BLANK-CELL" for code, _ in codes)
    assert ("VALUE-INVALID", "四") in codes  # 12a is still to be corrected
    window.act_undo.trigger()
    for key in TABLES:
        assert all(report.value(CellRef(key, c.row, c.col)) is None for c in blank_before[key])
    assert report.raw[dash] == "—"
    window.act_fill.trigger()
    window.act_fill.trigger()  # nothing left: no empty step
    assert window.state.stack.count() == steps + 1 and "没有空白" in window.statusBar().currentMessage()


def test_the_grids_own_fill_zero_keeps_to_the_selection(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(_file_with_blanks(tmp_path))
    view = table(window, "三")
    model = view.grid_model()
    a, b = (T3_NEW, T3_COL_BUSINESS), (T3_CARRIED_IN, T3_COL_BUSINESS)
    view.setCurrentIndex(model.index_of(a))
    view.selectionModel().select(model.index_of(b), view.selectionModel().SelectionFlag.Select)
    assert view.fill_blanks_with_zero() == 2
    report = window.state.report
    assert report.value(CellRef("三", *a)) == 0 and report.value(CellRef("三", *b)) == 0
    assert report.value(CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)) is None  # not selected
    assert report.value(CellRef("二", T2_RULES, T2_IN_FORCE)) is None  # another table


def test_fitted_widths_share_the_width_above_each_minimum() -> None:
    from ui.grid_sizes import fitted_widths

    assert fitted_widths([1, 1, 1], [10, 10, 10], 300) == [100, 100, 100]
    # the narrow column at its minimum, the others share the rest: the total stays the width
    assert fitted_widths([4, 1, 1], [10, 60, 60], 300) == [180, 60, 60]
    assert fitted_widths([2, 1, 1, 4], [50, 40, 40, 10], 400) == [100, 50, 50, 200]  # no minimum in the way
    assert fitted_widths([1, 1, 6], [55, 55, 10], 400) == [55, 55, 290]  # was 55+55+300: past the width
    assert fitted_widths([1, 1], [200, 200], 300) == [200, 200]  # too narrow for the minimums: they win
