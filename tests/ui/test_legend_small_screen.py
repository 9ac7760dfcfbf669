"""At 1366×768 with 150 % scaling (a 910×512 screen to the program) 表三's legend took two lines
even without the keys: “（右键“按明细重算”）” pushed 错误 警告 onto a second line, a line of the
grid fewer in a page that shows one or two figure rows (gui20 under Xvfb, shots 31–32).  The
hint goes into the tooltip with the keys; the legend keeps to one line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.schema import REQUESTS
from tests.ui.test_table_lead import launch
from ui.table_page import TablePage


def test_the_legend_keeps_to_one_line_at_150_percent_of_1366_by_768(qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 910, 512))
    win = launch(qtbot, tmp_path)
    page = win.show_page(REQUESTS)
    assert isinstance(page, TablePage)
    qtbot.waitUntil(lambda: page.view._fit_width == page.view.viewport().width())
    QApplication.processEvents()
    legend = page.legend
    assert legend.height() <= legend.fontMetrics().lineSpacing() * 1.5, "one line"
    for word in ("错误", "警告", "红字"):
        assert "\u2060".join(word) in legend.text(), "the colours are all still told"
    # The findings below the page at this size (92340a2) leave the page wide enough for the hint
    # itself on the line; what does not fit is in the tooltip, and nothing is lost.
    assert "按明细重算" in legend.text() + legend.toolTip() and "F2 编辑" in legend.toolTip(), "the rest in the tooltip"
