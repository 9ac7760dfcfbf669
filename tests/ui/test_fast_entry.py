"""Figures typed faster than the window answers land in the cells the keys say.

Typing a column from a paper form (“11⏎22⏎33⏎”) while the window was busy (a check after the
last figure, a slow machine) put the next figure into the cell just left: “112”, “233”… and
every later figure a row off (GUI tester gui16, xdotool at 60 ms a key: shots 72, 73).  Qt's
item delegate commits an entry on Enter only once the event loop comes back (a queued call), so
keys already waiting reached the old cell's editor first.  Here keys are queued to the window
as the window system hands them over, the focus deciding at delivery which widget gets each."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.io import save_report
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_NEW, CellRef
from tests.test_dismissals import clean_report
from tests.ui.conftest import table
from ui.main_window import MainWindow


def _queue_keys(window: MainWindow, keys: str) -> None:
    """Each character (⏎ for Enter) posted to the window at once, before any is handled."""
    handle = window.windowHandle()
    assert handle is not None
    for ch in keys:
        key, text = (Qt.Key.Key_Return, "\r") if ch == "⏎" else (Qt.Key(ord(ch)), ch)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(handle, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def test_figures_typed_ahead_of_enter_land_in_their_own_cells(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    save_report(clean_report(), tmp_path / "报告.docx")
    assert window.docs.load(tmp_path / "报告.docx")
    window.activateWindow()
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    first_result = T3_CARRIED_IN + 1  # （一）予以公开
    _queue_keys(window, "11⏎22⏎33⏎")
    qtbot.waitUntil(lambda: view.currentIndex() == model.index_of((first_result + 1, T3_COL_NATURAL)))
    report = window.state.report
    assert [report.value(CellRef("三", row, T3_COL_NATURAL)) for row in (T3_NEW, T3_CARRIED_IN, first_result)] == [11, 22, 33]


def test_shift_enter_in_an_open_editor_enters_the_figure_and_moves_up(window: MainWindow, qtbot: QtBot) -> None:
    """As without an editor, and as in Excel/WPS: Shift+Enter enters and goes up, Enter down
    (gui16, shot 77: after “9”, Shift+Enter went to the row below)."""
    view = table(window, "三")
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of((T3_CARRIED_IN, T3_COL_NATURAL)))
    qtbot.keyClicks(view, "9")  # typing opens the cell's editor
    editor = QApplication.focusWidget()
    assert editor is not view and editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.state.report.value(CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)) == 9
    assert view.currentIndex() == model.index_of((T3_NEW, T3_COL_NATURAL))
    qtbot.keyClicks(QApplication.focusWidget(), "8")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 8
    assert view.currentIndex() == model.index_of((T3_CARRIED_IN, T3_COL_NATURAL))
