"""A window Qt grows to a new minimum after it was placed (the findings counted once the report
is in, after the lock question of a report open elsewhere) stays wholly on its screen: at
1366×768 @150 % the second window grew 8 px late and its status bar ran off the bottom (rev26 W2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_window_cascade import launch
from ui.window_layout import outer, place


def test_a_window_grown_to_its_new_minimum_is_moved_back_onto_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    win = launch(qtbot, tmp_path)
    least = win.minimumSizeHint()
    win.resize(least.width() + 137, least.height() + 10)
    QApplication.processEvents()
    # Lower than SHORT_WINDOW now: the short layout's bars and headings (ui/short_window.py), a
    # lower minimum; the window put back at that one's.
    least = win.minimumSizeHint()
    win.resize(least.width() + 137, least.height() + 10)
    QApplication.processEvents()
    frame = outer(win)
    frame.moveBottom(screen.bottom() - 2)  # its bottom 2 px above the screen's edge
    place(win, frame)
    QApplication.processEvents()
    assert outer(win).bottom() <= screen.bottom(), (outer(win), screen)
    win.centralWidget().setMinimumHeight(win.centralWidget().height() + 40)  # Qt grows the window by some 30 px
    qtbot.waitUntil(lambda: win.height() > least.height() + 10)
    grown = outer(win)
    qtbot.waitUntil(lambda: outer(win).bottom() <= screen.bottom(), timeout=5000)
    assert outer(win).top() >= screen.top(), grown
