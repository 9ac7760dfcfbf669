"""A window that grows to a larger minimum after it was placed stays wholly on its screen.

At 200 % on a 1600×1000 screen (800×500 to Qt) a start with a file placed the window while
only its navigation was in; the report's page and the findings then made its minimum 18 px
taller, the window grew down past the screen's foot and the status bar (the counts, 已保存)
was cut off (gui22 under Xvfb, shot 30; fixed: shot 32)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_window_layout import launch, quit_
from ui.main_window import MainWindow

SCREEN = QRect(0, 0, 800, 500)


def _grown(win: MainWindow, qtbot: QtBot) -> None:
    """The window's frame foot on the screen's foot, then its minimum taller (as the report's
    parts coming in made it): it grows down past the screen."""
    win.move(win.x(), SCREEN.bottom() + 1 - win.frameGeometry().height() - (win.y() - win.frameGeometry().y()))
    qtbot.wait(10)
    assert win.frameGeometry().bottom() <= SCREEN.bottom()
    bar = win.statusBar()
    bar.setMinimumHeight(bar.height() + win.height() - win.minimumSizeHint().height() + 18)
    layout = win.layout()
    assert layout is not None
    layout.activate()
    QApplication.processEvents()


def test_a_window_grown_to_its_minimum_is_put_back_on_its_screen(qtbot: QtBot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCREEN)
    win = launch(qtbot, tmp_path)
    win.layout_memory.presence.placed = win.size()  # as placed at start
    before = win.height()
    _grown(win, qtbot)
    qtbot.wait(10)
    # Grown 18 px down past the screen's foot, it is moved back at once, as it grows (since rev26
    # W2's fix: before, only when the report's parts came in below)
    assert win.height() > before, "the scene: the window grew to its new minimum"
    assert SCREEN.contains(win.frameGeometry()), (win.frameGeometry(), SCREEN)
    win.show_pages()  # the report in: the window's parts back
    assert SCREEN.contains(win.frameGeometry()), (win.frameGeometry(), SCREEN)
    quit_(win)


def test_a_window_the_program_sized_is_left_be(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A screenshot run sizes its window itself: larger than placed and than its minimum, it stays."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCREEN)
    win = launch(qtbot, tmp_path)
    win.layout_memory.presence.placed = win.size()
    win.resize(win.width(), win.height() + 120)
    qtbot.wait(10)
    where = win.frameGeometry()
    win.show_pages()
    assert win.frameGeometry() == where
    quit_(win)


def test_a_window_closed_as_it_grows_leaves_no_error(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The putting back on the screen is done a moment after the growth: a window closed and
    deleted in that moment (WA_DeleteOnClose: a second window's, closed as its report came in)
    was asked whether it was maximised once gone — “Internal C++ object already deleted” from
    a timer, an error in front of the user."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: SCREEN)
    win = MainWindow(autosave_dir=tmp_path / "autosave")  # not qtbot's to close: it deletes itself
    win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    win.show()
    qtbot.waitExposed(win)
    win.layout_memory.presence.placed = win.size()
    bar = win.statusBar()
    bar.setMinimumHeight(bar.height() + win.height() - win.minimumSizeHint().height() + 18)
    layout = win.layout()
    assert layout is not None
    before = win.height()
    layout.activate()  # grown now; put back on the screen once the event loop runs
    assert win.height() > before, "the scene: the window grew to its new minimum"
    assert win.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone before the loop runs on
    QApplication.processEvents()
    qtbot.wait(10)
