"""Tab goes from figure to figure as a clerk types a row, never into a total (which is never
typed in): typing 表三's first row with Tab went on into its 总计, and the next row's first
figure, typed there, was refused (“合计单元格按明细自动计算”) and lost (gui19 under Xvfb)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_COL_TOTAL, T3_LEGAL_KINDS, T3_NEW, CellRef
from tests.ui.conftest import table
from ui.main_window import MainWindow


def test_a_row_typed_with_tab_goes_on_to_the_next_rows_first_figure(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    figures = ["12", "3", "0", "0", "1", "0", "5"]  # a row of six, then the next row's first
    for text in figures:  # typed without a look at the screen, as from a paper form
        qtbot.keyClicks(view.focusWidget(), text[0])
        qtbot.keyClicks(view.focusWidget(), text[1:])
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    report = window.state.report
    row = [report.value(CellRef("三", T3_NEW, c)) for c in range(T3_COL_NATURAL, T3_COL_NATURAL + 1 + len(T3_LEGAL_KINDS))]
    assert row == [12, 3, 0, 0, 1, 0]
    assert report.value(CellRef("三", T3_NEW, T3_COL_TOTAL)) == 16  # worked out, not typed
    assert report.value(CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)) == 5
    assert "合计单元格" not in window.statusBar().currentMessage()
    # Shift+Tab goes back the same way: over the total to the row above's last figure.
    view.setCurrentIndex(model.index_of((T3_CARRIED_IN, T3_COL_NATURAL)))
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.currentIndex() == model.index_of((T3_NEW, T3_COL_TOTAL - 1))


@pytest.mark.parametrize("key", ["三", "四"])
def test_tab_never_lands_on_a_total(window: MainWindow, qtbot: QtBot, key: str) -> None:
    view = table(window, key)
    model = view.grid_model()
    view.setFocus()
    refs = [model.ref(model.index_of((c.row, c.col))) for c in model.spec.cells]
    fillable = [r for r in refs if r is not None and not model.is_total(r)]
    assert len(fillable) < len(refs), "the table has totals"
    view.setCurrentIndex(model.index_of((fillable[0].row, fillable[0].col)))
    seen = [fillable[0]]
    for _ in fillable[1:]:
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        ref = model.ref(view.currentIndex())
        assert ref is not None and not model.is_total(ref), ref
        seen.append(ref)
    assert sorted(seen) == sorted(fillable), "every figure is reached by Tab, each once"


def typed(qtbot: QtBot, view, text: str, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(view.focusWidget(), text[0])
    qtbot.keyClicks(view.focusWidget(), text[1:])
    qtbot.keyClick(view.focusWidget(), key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_enter_after_a_tab_run_goes_on_under_where_it_began(window: MainWindow, qtbot: QtBot) -> None:
    """As in Excel/WPS: 12 Tab 3 Tab 0 Enter, and the next row's first figure goes under the 12
    (it went under the 0, into 科研机构, silently)."""
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    for text, key in [("12", Qt.Key.Key_Tab), ("3", Qt.Key.Key_Tab), ("0", Qt.Key.Key_Return),
                      ("5", Qt.Key.Key_Tab), ("1", Qt.Key.Key_Return)]:
        typed(qtbot, view, text, key)
    report = window.state.report
    assert [report.value(CellRef("三", T3_NEW, T3_COL_NATURAL + i)) for i in range(3)] == [12, 3, 0]
    assert [report.value(CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL + i)) for i in range(3)] == [5, 1, None]
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN + 1, T3_COL_NATURAL))
    # Enter without typing (the cell left as it is) goes the same way.
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN, T3_COL_NATURAL))
    # A click after the Tabs ends the run: Enter goes straight down from there.
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    typed(qtbot, view, "7", Qt.Key.Key_Tab)
    elsewhere = model.index_of((T3_NEW, T3_COL_NATURAL + 3))
    view.setCurrentIndex(elsewhere)  # a click or an arrow key there
    typed(qtbot, view, "8", Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN, T3_COL_NATURAL + 3))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Left)  # an arrow after a Tab: the run ends as well
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN + 1, T3_COL_NATURAL + 4))


def test_a_tab_run_that_wraps_to_the_next_row_begins_again_there(window: MainWindow, qtbot: QtBot) -> None:
    """rev19: a run that Tab wrapped past the row's end kept the column it began in, so the row after
    it, typed from its first figure, went on under that column, not under its own first figure."""
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    last = T3_COL_NATURAL + len(T3_LEGAL_KINDS)  # the row's last figure, before its total
    view.setCurrentIndex(model.index_of((T3_NEW, last - 1)))
    for text, key in [("1", Qt.Key.Key_Tab), ("2", Qt.Key.Key_Tab),  # wrapped: the next row's first figure
                      ("5", Qt.Key.Key_Tab), ("6", Qt.Key.Key_Return)]:
        typed(qtbot, view, text, key)
    report = window.state.report
    assert [report.value(CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL + i)) for i in range(2)] == [5, 6]
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN + 1, T3_COL_NATURAL))
