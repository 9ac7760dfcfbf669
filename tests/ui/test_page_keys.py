"""Keyboard only on a table page (rev24c K1, K2): the text above 二's table and the grid are
joined by Tab and Shift+Tab as the page reads (the grid keeps Tab to itself until its first or
last figure); Home and End go to the row's first and last figure, Ctrl+Home and Ctrl+End to the
table's — Home used to land in the label column, and a figure typed there went nowhere."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.schema import PROACTIVE, REQUESTS
from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.table_view import GridView

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _in(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is widget or (focused is not None and widget.isAncestorOf(focused))


def _figures(view: GridView) -> list[QModelIndex]:
    """The grid's typeable figure cells in reading order (not labels, not totals)."""
    model = view.grid_model()
    cells = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            ref = model.ref(index)
            if ref is not None and not model.is_total(ref) and model.origin(r, c) == (r, c):
                cells.append(index)
    return cells


def _type(qtbot: QtBot, view: GridView, text: str, key: Qt.Key) -> None:
    """Typed where the cursor is, as a user types: the first key opens the cell's editor."""
    qtbot.keyClick(view, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor), "typing opens the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_shift_tab_from_the_first_figure_reaches_the_text_above_and_tab_comes_back(
        window: MainWindow, qtbot: QtBot) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(PROACTIVE)
    grid, text = page.grid(), page.text_edit()
    assert grid is not None and text is not None and text.isVisible(), "the sample has text above 表二"
    grid.setFocus()
    qtbot.waitUntil(lambda: _in(grid))
    first = _figures(grid)[0]
    grid.setCurrentIndex(first)
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, SHIFT)
    assert _in(text), f"Shift+Tab at the first figure went to {type(QApplication.focusWidget()).__name__}"
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    assert _in(grid), f"Tab from the text went to {type(QApplication.focusWidget()).__name__}"
    # Inside the table Shift+Tab is still the grid's: back one figure, focus kept.
    grid.setCurrentIndex(_figures(grid)[1])
    qtbot.keyClick(grid, Qt.Key.Key_Backtab, SHIFT)
    assert _in(grid) and grid.currentIndex() == first


def test_tab_on_the_last_figure_commits_it_and_leaves_the_grid(window: MainWindow, qtbot: QtBot) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(REQUESTS)
    grid = page.grid()
    assert grid is not None
    grid.setFocus()
    qtbot.waitUntil(lambda: _in(grid))
    last = _figures(grid)[-1]
    grid.setCurrentIndex(last)
    _type(qtbot, grid, "37", Qt.Key.Key_Tab)  # typing opens the cell's editor; Tab commits it
    assert grid.grid_model().data(last) in ("37", 37)
    assert not _in(grid), "past the table's last figure Tab goes on to the window's next stop"
    # One before the last: Tab stays in the grid, on the last.
    grid.setFocus()
    grid.setCurrentIndex(_figures(grid)[-2])
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert _in(grid) and grid.currentIndex() == last


def test_home_and_end_go_to_the_rows_figures_and_with_ctrl_to_the_tables(window: MainWindow, qtbot: QtBot) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(REQUESTS)
    view = page.grid()
    assert view is not None
    model = view.grid_model()
    view.setFocus()
    qtbot.waitUntil(lambda: _in(view))
    figures = _figures(view)
    row = figures[5].row()
    in_row = [i for i in figures if i.row() == row]
    view.setCurrentIndex(in_row[2])
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex() == in_row[0], "Home: the row's first figure, not its label"
    _type(qtbot, view, "13", Qt.Key.Key_Return)
    assert model.data(in_row[0]) in ("13", 13), "the figure typed after Home is in the row"
    view.setCurrentIndex(in_row[0])
    qtbot.keyClick(view, Qt.Key.Key_End)
    end = view.currentIndex()
    assert end.row() == row and model.ref(end) is not None and end.column() >= in_row[-1].column()
    qtbot.keyClick(view, Qt.Key.Key_Home, CTRL)
    top = view.currentIndex()
    assert model.ref(top) is not None and top.row() <= figures[0].row(), "Ctrl+Home: the table's first figure"
    qtbot.keyClick(view, Qt.Key.Key_End, CTRL)
    bottom = view.currentIndex()
    assert model.ref(bottom) is not None and bottom.row() >= figures[-1].row(), "Ctrl+End: the table's last figure"
