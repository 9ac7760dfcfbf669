"""The findings dock follows the window's width when the user resizes it (below the page in a
window narrower than SMALL_WINDOW, beside it in a wider one), unless the user placed it
themselves: that choice stays, across a quit and a relaunch too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_window_layout import assert_sane, launch, quit_
from ui.main_window import MainWindow
from ui.window_layout import FOLLOW_DELAY_MS, SMALL_WINDOW

RIGHT, BOTTOM, LEFT = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea,
                       Qt.DockWidgetArea.LeftDockWidgetArea)


def resized(qtbot: QtBot, win: MainWindow, width: int, height: int = 760) -> Qt.DockWidgetArea:
    """The window resized as the user does it: through the window system (its frame dragged)."""
    handle = win.windowHandle()
    assert handle is not None
    handle.resize(width, height)
    qtbot.wait(FOLLOW_DELAY_MS + 100)  # the resize has paused
    return win.dockWidgetArea(win.dock)


def test_the_dock_goes_below_when_the_window_is_narrowed_and_back_beside_when_widened(qtbot: QtBot, tmp_path: Path) -> None:
    win = launch(qtbot, tmp_path)
    assert resized(qtbot, win, 1400) == RIGHT
    assert resized(qtbot, win, 1024) == BOTTOM
    assert_sane(win)
    assert win.stack.width() >= win.width() - win.splitter.sizes()[0] - 40, "the page: the window's width"
    assert resized(qtbot, win, SMALL_WINDOW + 100) == RIGHT
    assert_sane(win)
    assert resized(qtbot, win, 1024) == BOTTOM
    quit_(win)
    again = launch(qtbot, tmp_path)  # relaunched narrow (at most the offscreen screen)
    assert again.width() < SMALL_WINDOW and again.dockWidgetArea(again.dock) == BOTTOM
    assert resized(qtbot, again, 1400) == RIGHT
    assert_sane(again)


def test_a_dock_the_user_placed_stays_where_they_put_it(qtbot: QtBot, tmp_path: Path) -> None:
    win = launch(qtbot, tmp_path)
    resized(qtbot, win, 1400)
    win.addDockWidget(LEFT, win.dock)  # as a drag and drop of the dock does (dockLocationChanged)
    assert resized(qtbot, win, 1024) == LEFT
    assert resized(qtbot, win, 1400) == LEFT
    quit_(win)
    again = launch(qtbot, tmp_path)
    assert again.dockWidgetArea(again.dock) == LEFT
    assert resized(qtbot, again, 1024) == LEFT
    again.addDockWidget(RIGHT, again.dock)  # dragged back to the right in the narrow window: kept there
    assert resized(qtbot, again, 1000) == RIGHT
    quit_(again)
    third = launch(qtbot, tmp_path)
    assert third.dockWidgetArea(third.dock) == RIGHT
    assert resized(qtbot, third, 1024) == RIGHT


def test_the_programs_own_resize_leaves_the_dock_be(qtbot: QtBot, tmp_path: Path) -> None:
    win = launch(qtbot, tmp_path)
    area = win.dockWidgetArea(win.dock)
    win.resize(1400 if area == BOTTOM else 1024, 760)  # a test, a script, the window's own placing
    qtbot.wait(FOLLOW_DELAY_MS + 100)
    assert win.dockWidgetArea(win.dock) == area


def test_a_layout_saved_before_choices_were_told_apart_follows_the_width(qtbot: QtBot, tmp_path: Path) -> None:
    win = launch(qtbot, tmp_path)
    resized(qtbot, win, 1024)
    quit_(win)
    settings = QSettings()
    settings.remove("window/dock/findingsDock/chosen")  # as an older version saved it
    settings.setValue("window/dock/findingsDock/area", RIGHT.value)
    settings.sync()
    again = launch(qtbot, tmp_path)
    assert again.width() < SMALL_WINDOW and again.dockWidgetArea(again.dock) == BOTTOM
    assert_sane(again)
