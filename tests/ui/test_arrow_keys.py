"""Arrow keys in a narrative pane with a selection, as in Word/WPS (GUI tester s12 #4): Enter on a
finding selects its passage in the text; Up there (to go back up the list) left the selection
when the passage was on the first line, and the next Enter replaced the passage with a
paragraph break, silently removing an error.  Up/Down collapse the selection to its start/end
and move from there; the status bar says where Enter put the focus, and Esc goes back to the
list with the same finding chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.report import Paragraph
from tests.helpers import zero_report
from ui import longpara
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow
from ui.narrative import NarrativeEdit, NarrativePage

CLAIM = "收到政府信息公开申请8件"
FIRST = f"本年度共{CLAIM}，均已按期答复。本机关未收取信息处理费。"
SHORT = f"本年度共{CLAIM}。"  # one line at any width a window has


def _report(*paragraphs: str, key: str = "六"):  # type: ignore[no-untyped-def]
    report = zero_report()
    report.sections[key] = [Paragraph.plain(p) for p in paragraphs]
    return report


def _enter_on_mismatch(window: MainWindow, qtbot: QtBot) -> NarrativeEdit:
    """The findings list has the focus; the TEXT-TABLE-MISMATCH row chosen; Enter."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = window.findings.view
    proxy = view.model()
    rows = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    row = next(i for i in rows if i.data(FINDING_ROLE).code == "TEXT-TABLE-MISMATCH")
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    view.setCurrentIndex(row)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = window.page("六").text_edit()
    assert isinstance(editor, NarrativeEdit)
    qtbot.waitUntil(editor.hasFocus)
    assert editor.textCursor().selectedText() == CLAIM
    return editor


def _codes(window: MainWindow) -> list[str]:
    window.state.sync_text()
    return [f.code for f in window.state.findings]


def test_up_then_enter_after_enter_on_a_finding_keeps_the_passage(window: MainWindow, qtbot: QtBot) -> None:
    """The tester's steps: Enter on the finding, Up, Enter.  The passage stays, so does its error."""
    window.state.replace_report(_report(FIRST))
    editor = _enter_on_mismatch(window, qtbot)
    start = editor.textCursor().selectionStart()
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    cursor = editor.textCursor()
    assert not cursor.hasSelection(), "Up collapses the selection as in Word"
    assert cursor.position() == start, "on the first line: at the selection's start"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    text = editor.document().toPlainText()
    assert CLAIM in text
    assert text.replace("\n", "") == FIRST, "Enter split the paragraph where the caret was, no more"
    assert "TEXT-TABLE-MISMATCH" in _codes(window)


def test_down_on_the_last_line_goes_to_the_selections_end(window: MainWindow, qtbot: QtBot) -> None:
    window.state.replace_report(_report(SHORT))
    editor = _enter_on_mismatch(window, qtbot)
    end = editor.textCursor().selectionEnd()
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    cursor = editor.textCursor()
    assert not cursor.hasSelection()
    assert cursor.position() == end


def test_up_and_down_move_a_line_from_the_selections_start_and_end(window: MainWindow, qtbot: QtBot) -> None:
    """Where there is a line to go to, Up goes above the selection's start (not above where the
    caret of a passage selected forwards stood, inside the passage) and Down below its end."""
    window.state.replace_report(_report("第一段。", SHORT, "第三段。"))
    editor = _enter_on_mismatch(window, qtbot)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    assert not editor.textCursor().hasSelection()
    assert editor.textCursor().blockNumber() == 0
    _enter_on_mismatch(window, qtbot)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert not editor.textCursor().hasSelection()
    assert editor.textCursor().blockNumber() == 2


def test_shift_up_still_extends_the_selection(window: MainWindow, qtbot: QtBot) -> None:
    window.state.replace_report(_report("第一段。", FIRST))
    editor = _enter_on_mismatch(window, qtbot)
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    cursor = editor.textCursor()
    assert cursor.hasSelection() and cursor.selectionStart() < editor.document().findBlockByNumber(1).position()


def test_the_status_bar_says_where_enter_went_and_esc_goes_back(window: MainWindow, qtbot: QtBot) -> None:
    window.state.replace_report(_report(FIRST))
    editor = _enter_on_mismatch(window, qtbot)
    message = window.statusBar().currentMessage()
    assert "第1段" in message and CLAIM in message and "Esc" in message, message
    chosen = window.findings.current()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.findings.view.hasFocus()
    assert window.findings.current() is chosen
    assert editor.document().toPlainText() == FIRST
    # Back in the list, Up moves in the list (nothing typed into the text).
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Up)
    assert editor.document().toPlainText() == FIRST


def test_esc_in_text_not_reached_from_the_list_does_nothing(window: MainWindow, qtbot: QtBot) -> None:
    window.state.replace_report(_report(FIRST))
    window.show_page("六")
    editor = window.page("六").text_edit()
    assert editor is not None
    window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.hasFocus()


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(longpara, "LONG_PARAGRAPH", 200)
    monkeypatch.setattr(longpara, "CHUNK_CHARS", 40)


def test_a_long_paragraphs_blocks_collapse_the_same_way(window: MainWindow, qtbot: QtBot, small_blocks: None) -> None:
    """A paragraph shown as several blocks (ui/longpara.py): a selection over a block boundary
    collapses to its start with Up on the first line and to its end with Down on the last."""
    window.state.replace_report(_report("本机关认真落实政府信息公开工作要求。" * 20, key="一"))
    page = window.show_page("一")
    assert isinstance(page, NarrativePage)
    page.resize(200, 400)  # several lines
    editor = page.editor
    doc = editor.document()
    assert doc.blockCount() > 2
    window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    end_of_doc = doc.characterCount() - 1
    for key, expected in ((Qt.Key.Key_Up, 2), (Qt.Key.Key_Down, end_of_doc - 1)):
        cursor = QTextCursor(doc)
        cursor.setPosition(2)
        cursor.setPosition(end_of_doc - 1, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        qtbot.keyClick(editor, key)
        assert not editor.textCursor().hasSelection()
        assert editor.textCursor().position() == expected
