"""帮助 → 检查项说明 wholly on a small screen.

It opened 1100×640 whatever the screen: at 200 % on 1600×1000 (800×500 to Qt) its right half,
with the column 处理, and its 关闭 button were off the screen (gui18 under Xvfb, shot 45)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from ui.codes_help import CodesHelp
from ui.main_window import MainWindow


def test_the_codes_window_fits_a_small_screen(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = QRect(0, 0, 800, 500)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert screen.contains(dialog.frameGeometry()), dialog.frameGeometry()


@pytest.mark.parametrize("screen", [(910, 512), (800, 500)])
def test_the_meaning_column_keeps_a_fair_width_on_a_small_screen(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                                  screen: tuple[int, int]) -> None:
    """含义, the longest text, was what the other columns left: at 1366×768 with 150 % scaling
    (910×512 to Qt) about 85 px, each meaning wrapped to six or seven lines of three or four
    characters, and a screen showed three codes (gui19 under Xvfb, shot 48)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *screen))
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    meaning = widths[3]
    assert meaning >= max(widths[2], widths[4]), widths  # the longest text the widest of the three
    assert meaning >= table.viewport().width() // 4, widths
    assert sum(widths) <= table.viewport().width() + 1, "no sideways scrolling"
