"""Figures an input method commits into a cell not yet open are typed, as keys are.

A Chinese input method in full-width mode (搜狗、微软拼音 全角) hands “１２” over as one committed
string, not as key presses; on a grid cell not yet being edited, Qt opened the cell's editor and
dropped the string: the cell stayed blank, nothing said (gui18 under Xvfb, shots 08–10; Qt only
passes on a commit that follows a composition).  A total cell answers it as it answers a key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, CellRef
from tests.ui.conftest import table
from ui.main_window import MainWindow
from ui.table_view import TOTAL_READ_ONLY, GridView


def _at(window: MainWindow, qtbot: QtBot, row: int, col: int) -> GridView:
    window.activateWindow()
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((row, col)))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    return view


def _commit(text: str) -> None:
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    widget = QApplication.focusWidget()
    assert widget is not None
    QApplication.sendEvent(widget, event)


def test_a_committed_string_opens_the_cell_with_it(window: MainWindow, qtbot: QtBot) -> None:
    _at(window, qtbot, T3_NEW, T3_COL_NATURAL)
    _commit("１２")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "１２"
    _commit("３")  # the open editor takes the next ones as before
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 123


def test_a_committed_string_replaces_the_figure_in_the_cell(window: MainWindow, qtbot: QtBot) -> None:
    view = _at(window, qtbot, T3_NEW, T3_COL_NATURAL)
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)))
    _commit("７")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 7


def test_a_committed_string_on_a_total_says_it_is_computed(window: MainWindow, qtbot: QtBot) -> None:
    view = _at(window, qtbot, T3_NEW, T3_COL_TOTAL)
    said: list[str] = []
    view.message.connect(said.append)
    _commit("５")
    assert said == [TOTAL_READ_ONLY]
    assert QApplication.focusWidget() is view
