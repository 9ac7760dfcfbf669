"""Typing in the text after a save or a table edit is a new undo step and marks the report
modified (Qt would merge it into the text's previous step and the shared stack never hear)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, table, type_into, type_text


def _editor(window, key: str = "五"):  # type: ignore[no-untyped-def]
    editor = window.show_page(key).editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    return editor


def test_typing_after_a_save_is_unsaved(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    editor = _editor(window)
    type_text(editor, "甲")
    window.docs.ask_save_path = lambda: str(tmp_path / "a.docx")  # type: ignore[method-assign]
    assert window.docs.save_as()
    assert not window.isWindowModified()
    type_text(editor, "乙")
    assert window.state.is_modified() and window.isWindowModified()
    window.state.flush()
    assert window.state.report.section_text("五").endswith("甲乙")


def test_text_after_a_cell_edit_is_its_own_undo_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    editor = _editor(window)
    type_text(editor, "甲")
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "2")
    editor = _editor(window)
    type_text(editor, "丙")
    window.state.flush()
    window.state.stack.undo()  # the last thing done: 丙
    assert window.state.report.section_text("五").endswith("甲")
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 2  # the cell edit is still there


def test_enter_after_a_heading_starts_body_text_and_shift_enter_a_paragraph(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.report import ParaKind

    assert window.docs.load(SAMPLE)
    editor = window.show_page("一").editor
    editor.setFocus()
    cursor = QTextCursor(editor.document().findBlockByNumber(1))  # “（一）强化组织领导…”
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "新增的一段正文。")
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(editor, "又一段。")
    window.state.flush()
    paras = window.state.report.sections["一"]
    assert paras[1].kind is ParaKind.HEADING2
    assert (paras[2].text, paras[2].kind) == ("新增的一段正文。", ParaKind.BODY)
    assert paras[3].text == "又一段。"  # a paragraph, not a dropped line break
    assert "\u2028" not in editor.toPlainText()


def test_ctrl_b_applies_to_what_is_typed_next_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    editor = _editor(window, "五")
    QTest.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "粗")  # no pause: the style is on already
    window.state.flush()
    last = window.state.report.sections["五"][-1]
    assert last.runs[-1].text.endswith("粗") and last.runs[-1].bold


def test_showing_every_page_leaves_the_report_saved(window) -> None:  # type: ignore[no-untyped-def]
    """Laying out and highlighting the text panes is not an edit."""
    from app.schema import ALL_TEXT_KEYS, META, TABLES

    assert window.docs.load(SAMPLE)
    for key in (META, *ALL_TEXT_KEYS, *TABLES):
        window.show_page(key)
    window.state.flush()
    assert not window.state.is_modified() and window.saved_label.text() == "已保存"


def _ime(editor, preedit: str = "", commit: str = "") -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent(preedit, [])
    if commit:
        event.setCommitString(commit)
    QApplication.sendEvent(editor, event)


def test_an_input_method_over_a_selection_is_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    """Pinyin typed over a selected word: Qt removes the word as the preedit begins and puts the
    characters in at the commit; one 撤销 brings the word back, one 重做 the new characters.  A
    preedit given up is not joined with what is typed after it."""
    assert window.docs.load(SAMPLE)
    editor = _editor(window)
    type_text(editor, "甲乙")
    window.state.flush()
    before = window.state.report.section_text("五")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 2)
    editor.setTextCursor(cursor)
    steps = window.state.stack.index()
    _ime(editor, "bing")
    _ime(editor, "bingding")
    _ime(editor, commit="丙丁")
    window.state.flush()
    assert window.state.report.section_text("五") == before[:-2] + "丙丁"
    assert window.state.stack.index() == steps + 1
    window.act_undo.trigger()
    window.state.flush()
    assert window.state.report.section_text("五") == before
    window.act_redo.trigger()
    window.state.flush()
    assert window.state.report.section_text("五") == before[:-2] + "丙丁"
    # Given up: the selection went with the preedit (Qt's), and what is typed next is a step of its own.
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 2)
    editor.setTextCursor(cursor)
    steps = window.state.stack.index()
    _ime(editor, "wu")
    _ime(editor, "")
    type_text(editor, "戊")
    window.state.flush()
    assert window.state.report.section_text("五") == before[:-2] + "戊"
    assert window.state.stack.index() == steps + 2
    window.act_undo.trigger()
    window.state.flush()
    assert window.state.report.section_text("五") == before[:-2]
