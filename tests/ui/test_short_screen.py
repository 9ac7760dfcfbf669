"""A screen too short for the findings panel below the page: the panel goes beside it.

At 200 % on a 1600×1000 screen (800×500 to Qt; a 1366×768 laptop at 150 % is 910×512) the
window put the panel below the page, as on any screen narrower than 1280: the page, the panel
and the bars were then taller than the screen, the window ran off its bottom and the status bar
(the counts, 已保存/未保存) was not on screen at all (gui18 under Xvfb, shot 40).  Beside the
page the window's minimum height fits; a screen tall enough keeps the panel below
(test_window_layout.py: 1024×700, 1024×768).  Since the blank page's 开始 sits on its title's
line, 800×500 and 910×512 are tall enough for the panel below a report, at every start
(tests/ui/test_dock_side_starts.py); shorter screens are taken here."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from tests.ui.test_window_layout import launch, quit_
from ui.window_layout import default_dock_extent, frame_margins


@pytest.mark.parametrize("screen", [(800, 440), (910, 450)])
def test_the_window_fits_a_short_screen_with_its_status_bar(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            screen: tuple[int, int]) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *screen))
    win = launch(qtbot, tmp_path)
    margins = frame_margins(win)
    assert win.minimumSizeHint().height() + margins.top() + margins.bottom() <= screen[1]
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    quit_(win)
    again = launch(qtbot, tmp_path)  # and from the second launch on
    assert again.dockWidgetArea(again.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert again.minimumSizeHint().height() + margins.top() + margins.bottom() <= screen[1]



def test_the_panel_squeezed_beside_a_short_screen_is_not_kept_on_a_larger_one(qtbot: QtBot, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the page of an 800 px window the panel was squeezed to about 210 px, and that width
    came back at 100 % on the same 1600 px screen: a panel narrower than ever by default (shot 65)."""
    screen = [QRect(0, 0, 800, 440)]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen[0])
    quit_(launch(qtbot, tmp_path))
    screen[0] = QRect(0, 0, 1600, 1000)
    # 200 % to 100 % keeps the window's pixels: twice as wide to Qt.  (Qt's restoreGeometry would
    # fit it to the real offscreen screen, not this one: the default size stands in for it.)
    QSettings().remove("window/geometry")
    win = launch(qtbot, tmp_path)
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert win.dock.width() >= default_dock_extent(win.width()) - 2, (win.dock.width(), win.width())
