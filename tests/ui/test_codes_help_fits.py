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
