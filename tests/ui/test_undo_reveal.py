"""Every undo and redo shows what it changed (from the GUI tester: Ctrl+Z in section 六's text
took a 7 out of 表三 while the window stayed on 六 and said nothing).  The window turns to the
step's page, chooses its cell or puts the caret where its text changed, and says what it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from app.report import Paragraph, Report
from app.schema import OTHER_MATTERS, T3_COLS, T3_NEW, TABLES, CellRef
from tests.ui.conftest import SAMPLE, read_through, table, type_into, type_text
from ui.narrative import NarrativePage

OTHER = T3_COLS.index("其他")
CELL = CellRef("三", T3_NEW, OTHER)
NAME = TABLES["三"].describe(T3_NEW, OTHER)


def _text_page(window) -> NarrativePage:  # type: ignore[no-untyped-def]
    page = window.show_page(OTHER_MATTERS)
    assert isinstance(page, NarrativePage)
    return page


def _ctrl(qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+key where the keyboard is, as a user presses it."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def test_undo_in_the_text_shows_the_table_entry_it_takes_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.docs.open(str(SAMPLE))
    read_through(window)
    bar = window.statusBar()
    page = _text_page(window)
    editor = page.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    end = editor.textCursor().position()
    type_text(editor, "ABC")
    text = editor.toPlainText()
    was = window.state.report.value(CELL)
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, OTHER), "7")
    assert window.state.report.value(CELL) == 7
    _text_page(window)
    editor.setFocus()
    assert QApplication.focusWidget() is editor

    _ctrl(qtbot, Qt.Key.Key_Z)  # the last step is the entry in 表三: it is shown, not done unseen
    assert window.state.report.value(CELL) == was
    assert window.current_key() == "三", "the window turns to the table the undo changed"
    assert view.currentIndex() == view.grid_model().index_of((T3_NEW, OTHER))
    assert QApplication.focusWidget() is view, "the keyboard follows, as Excel's selection does"
    before = "空白" if was is None else str(was)
    assert bar.currentMessage() == f"已撤销输入数据：{NAME} 7 → {before}"
    assert editor.toPlainText() == text, "the typing is still there"

    _ctrl(qtbot, Qt.Key.Key_Z)  # then the typing, in 六
    assert window.current_key() == OTHER_MATTERS
    assert editor.toPlainText() == text.replace("ABC", "")
    assert QApplication.focusWidget() is editor and editor.textCursor().position() == end, "the caret where ABC was"
    paragraph = editor.document().findBlock(end).blockNumber() + 1
    assert bar.currentMessage() == f"已撤销编辑文字：六、其他需要报告的事项 第{paragraph}段"

    _ctrl(qtbot, Qt.Key.Key_Y)
    assert editor.toPlainText() == text and window.current_key() == OTHER_MATTERS
    assert editor.textCursor().position() == end + 3
    assert bar.currentMessage() == f"已重做编辑文字：六、其他需要报告的事项 第{paragraph}段"
    _ctrl(qtbot, Qt.Key.Key_Y)
    assert window.state.report.value(CELL) == 7 and window.current_key() == "三"
    assert bar.currentMessage() == f"已重做输入数据：{NAME} {before} → 7"


def test_the_menu_and_toolbar_undo_show_it_too_and_keep_the_findings_list_focused(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    report.sections["五"] = [Paragraph.plain("已有文字。")]
    window.state.replace_report(report)
    view = table(window, "三")
    type_into(qtbot, view, (T3_NEW, OTHER), "5")
    window.show_page("基本信息")
    window.findings.view.setFocus()
    window.act_undo.trigger()  # 编辑 → 撤销 (the toolbar's button is the same action)
    assert window.state.report.value(CELL) is None
    assert window.current_key() == "三" and view.currentIndex() == view.grid_model().index_of((T3_NEW, OTHER))
    assert QApplication.focusWidget() is window.findings.view, "the list the user is in keeps the keyboard"
    assert window.statusBar().currentMessage() == f"已撤销输入数据：{NAME} 5 → 空白"


def test_undoing_a_field_of_basic_information_shows_that_page(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(Report(organ="甲街道办事处"))
    page = window.show_page("基本信息")
    page.organ.setFocus()
    page.organ.end(False)
    qtbot.keyClicks(page.organ, "x")
    page.organ.editingFinished.emit()
    window.show_page("三")
    window.act_undo.trigger()
    assert window.current_key() == "基本信息" and window.state.report.organ == "甲街道办事处"
    assert window.statusBar().currentMessage() == "已撤销修改基本信息：机关名称 “甲街道办事处x” → “甲街道办事处”"


def test_replace_all_undone_shows_its_first_part(window) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    report.sections["一"] = [Paragraph.plain("政府信息公开工作。")]
    report.sections["六"] = [Paragraph.plain("未收取政府信息公开费用。")]
    window.state.replace_report(report)
    window.year_tools.act_replace.trigger()
    dialog = window.year_tools.find_dialog()
    dialog.find_edit.setText("政府信息公开")
    dialog.replace_edit.setText("政务公开")
    assert dialog.replace_all() == 2
    window.show_page("三")
    window.act_undo.trigger()
    assert window.state.report.section_text("一") == "政府信息公开工作。"
    assert window.current_key() == "一"
    assert window.statusBar().currentMessage() == "已撤销全部替换“政府信息公开”：一、总体情况，六、其他事项"


def test_undoing_a_dismissal_shows_the_finding_it_counts_again(window) -> None:  # type: ignore[no-untyped-def]
    from ui.dismiss import dismiss

    report = Report()
    report.sections["六"] = [Paragraph.plain("本年度无其他事项。")]
    window.state.replace_report(report)
    finding = next(f for f in window.state.findings if f.code == "FEE-NOT-REPORTED")
    assert dismiss(window.state, finding, "另有说明")
    assert finding not in window.state.findings
    window.show_page("三")
    window.act_undo.trigger()
    assert finding in window.state.findings
    assert window.current_key() == "六"
    assert window.statusBar().currentMessage() == f"已撤销忽略问题：{finding.message}"
