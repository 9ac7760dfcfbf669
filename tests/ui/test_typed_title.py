"""A figure typed into a cell and not yet entered is unsaved work — the recovery copy holds it —
so the title has its “*” and the status bar says 未保存 (GUI tester s12 #13: 已保存 while the copy
had it).  Given up with Esc, the report is as saved again; refused (red frame), it stays unsaved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.io import save_report
from app.reading import read_report
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.test_dismissals import clean_report
from tests.ui.conftest import table
from ui.main_window import MainWindow

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)


def _shows_unsaved(window: MainWindow) -> bool:
    unsaved = window.isWindowModified()
    assert window.saved_label.text() == ("未保存" if unsaved else "已保存")
    return unsaved


def _editor(window: MainWindow) -> QLineEdit:
    view = table(window, "三")
    (editor,) = [w for w in view.findChildren(QLineEdit) if w.isVisible()]
    return editor


def _typing(window: MainWindow, qtbot: QtBot, text: str) -> QLineEdit:
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((CELL.row, CELL.col)))
    qtbot.keyClicks(view, text[0])
    editor = _editor(window)
    qtbot.keyClicks(editor, text[1:])
    return editor


def test_a_figure_typed_and_not_entered_marks_the_report_unsaved(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    save_report(clean_report(), tmp_path / "报告.docx")
    assert window.docs.load(tmp_path / "报告.docx")
    assert not _shows_unsaved(window)
    editor = _typing(window, qtbot, "9")
    assert _shows_unsaved(window), "typed, not entered: unsaved, as the recovery copy has it"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # given up: the cell keeps its 0
    qtbot.waitUntil(lambda: table(window, "三").state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()
    assert not _shows_unsaved(window)
    # Typed back to the cell's own figure: nothing changed.
    editor = _typing(window, qtbot, "0")
    assert not _shows_unsaved(window)
    qtbot.keyClicks(editor, "5")
    assert _shows_unsaved(window)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # entered: an edit, unsaved still
    qtbot.waitUntil(lambda: table(window, "三").state() != QAbstractItemView.State.EditingState)
    assert window.state.report.value(CELL) == 5 and _shows_unsaved(window)
    window.state.stack.undo()
    assert not _shows_unsaved(window)


def test_a_refused_entry_stays_unsaved(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    save_report(clean_report(), tmp_path / "报告.docx")
    assert window.docs.load(tmp_path / "报告.docx")
    editor = _typing(window, qtbot, "3x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # refused: red frame, the cell keeps 0
    QApplication.processEvents()
    assert window.state.report.value(CELL) == 0
    assert _shows_unsaved(window), "the refused “3x” is in the recovery copy"


def test_saving_with_a_refused_entry_says_the_file_does_not_hold_it(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """Ctrl+S right after typing “3x”: the save enters it (refused: red frame) and writes the
    file with the cell's old figure.  The status said only 已保存到… beside 未保存, and nothing
    why (GUI tester gui16, shot 15): it names the entry the file does not hold."""
    path = tmp_path / "报告.docx"
    save_report(clean_report(), path)
    assert window.docs.load(path)
    _typing(window, qtbot, "3x")  # typed, not entered: the save enters it
    assert window.docs.save()
    assert read_report(path).value(CELL) == 0, "the file holds the cell's old figure"
    message = window.statusBar().currentMessage()
    assert message.startswith(f"已保存到 {path}"), message
    assert "“3x”" in message and "未填入表格" in message, message
    assert _shows_unsaved(window), "the refused “3x” is still to correct"
    # With nothing refused the message is the plain one.
    qtbot.keyClick(table(window, "三"), Qt.Key.Key_Escape)  # the entry given up
    QApplication.processEvents()
    assert window.docs.save()
    assert window.statusBar().currentMessage() == f"已保存到 {path}"
    assert not _shows_unsaved(window)
