"""← and → after typing a figure enter it and go to the next cell, as in Excel/WPS: under Xvfb
(gui20) 7 → 3 typed into 表三 left the editor open on “7”, the arrow moved the text cursor, and
the 3 made one cell 73.  An editor opened with F2 (or a double-click) edits the text: there the
arrows move the cursor, as in Excel's edit mode."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, CellRef
from tests.ui.conftest import table
from ui.cell_delegate import TYPING
from ui.main_window import MainWindow


def test_arrows_after_typing_enter_the_figure_and_move(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    for text, key in [("7", Qt.Key.Key_Right), ("3", Qt.Key.Key_Right), ("12", Qt.Key.Key_Left)]:
        qtbot.keyClick(view, text[0])  # the first key opens the editor, as a typist's does
        qtbot.keyClicks(view.focusWidget(), text[1:])
        qtbot.keyClick(view.focusWidget(), key)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    report = window.state.report
    assert report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 7
    assert report.value(CellRef("三", T3_NEW, T3_COL_NATURAL + 1)) == 3
    assert report.value(CellRef("三", T3_NEW, T3_COL_NATURAL + 2)) == 12
    assert view.currentIndex() == model.index_of((T3_NEW, T3_COL_NATURAL + 1))  # ← went back one
    assert view.hasFocus()
    # In an editor opened with F2 the arrows move the text cursor, as in Excel's edit mode
    # (held on the old code too: kept here so that the fix above never takes it away).
    here = model.index_of((T3_NEW, T3_COL_NATURAL))
    view.setCurrentIndex(here)
    qtbot.keyClick(view, "2")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    view.setCurrentIndex(here)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # edit the 2: make it 12
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClick(editor, "1")
    assert view.state() == QAbstractItemView.State.EditingState and editor.text() == "12"
    # F2 in an editor opened by typing switches it to editing the text, as Excel's F2 does.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    view.setCurrentIndex(here)
    qtbot.keyClick(view, "5")
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_F2)
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    qtbot.keyClick(editor, "4")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 45


def test_arrows_after_a_figure_an_input_method_committed_enter_it_too(window: MainWindow, qtbot: QtBot) -> None:
    """A full-width “１２” from a Chinese input method opens the cell as typed keys do (ui/table_view.py):
    → enters it and moves on, as after keys."""
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    event = QInputMethodEvent("", [])
    event.setCommitString("１２")
    QApplication.sendEvent(view, event)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "１２"
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 12
    assert view.currentIndex() == model.index_of((T3_NEW, T3_COL_NATURAL + 1))


def test_a_key_on_a_total_leaves_no_typing_mode_for_the_next_editor(window: MainWindow, qtbot: QtBot) -> None:
    """A figure typed on a total opens no editor; the editor opened after it without a key (the
    refusal note's 更正, ui/table_view.py) edits its text, the arrows moving the cursor (rev20:
    it inherited the typing mode of the key on the total)."""
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_TOTAL)))
    qtbot.keyClick(view, "5")
    assert view.state() != QAbstractItemView.State.EditingState  # a total is not typed into
    qtbot.wait(20)  # the user's next step comes after the event loop turned
    view.edit(model.index_of((T3_NEW, T3_COL_NATURAL)))
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.property(TYPING) is False
