"""A row copied from Excel/WPS pasted into a cell whose editor is open (a double-click, then
Ctrl+V; F2 opens it the same way): pasted into the grid from that cell, as with the editor closed.  It went into the one
editor as “4 5” and was refused (gui23 under Xvfb, shots 88–89)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.schema import T3_CARRIED_IN, T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.ui.conftest import ref3, table
from ui.main_window import MainWindow
from ui.table_view import GridView


def open_editor(qtbot: QtBot, view: GridView, pos: tuple[int, int]) -> QLineEdit:
    index = view.grid_model().index_of(pos)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)  # as a double-click: the editor open on the cell's text
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState)
    editors = [w for w in view.findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1
    return editors[0]


def shown(view: GridView, pos: tuple[int, int]) -> str:
    return str(view.grid_model().index_of(pos).data() or "")


def test_a_row_pasted_into_an_open_cell_fills_the_row(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window, "三")
    editor = open_editor(qtbot, view, (T3_NEW, T3_COL_NATURAL))
    QGuiApplication.clipboard().setText("4\t5\r\n")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert [shown(view, (T3_NEW, c)) for c in (T3_COL_NATURAL, T3_COL_BUSINESS, T3_COL_TOTAL)] == ["4", "5", "9"]
    assert not view.grid_model().refusals
    assert "已粘贴1行×2列" in window.statusBar().currentMessage()
    assert view.state() != QAbstractItemView.State.EditingState
    window.state.stack.undo()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) is None, "one undo step"


def test_a_block_through_the_edit_menu_too(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window, "三")
    editor = open_editor(qtbot, view, (T3_NEW, T3_COL_NATURAL))
    QGuiApplication.clipboard().setText("1\n2\n")
    assert window.edit_target() is editor
    window.paste()
    QApplication.processEvents()
    assert [shown(view, (r, T3_COL_NATURAL)) for r in (T3_NEW, T3_CARRIED_IN)] == ["1", "2"]


def test_one_cell_pasted_goes_into_the_editor_as_before(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window, "三")
    editor = open_editor(qtbot, view, (T3_NEW, T3_COL_NATURAL))
    QGuiApplication.clipboard().setText("12\r\n")
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert view.state() == QAbstractItemView.State.EditingState and "12" in editor.text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert shown(view, (T3_NEW, T3_COL_NATURAL)) == "12"
