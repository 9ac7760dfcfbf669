"""Tab past a table's last figure goes on to 检查结果, over the page's ＋ 添加表格前的说明文字 —
which sits above the table, after the grid in the Tab order only so that Tab from 目录 lands in
the grid (rev25c T1: one Tab too many on 表四's last figure, then Space or Enter, added a lead
text; a figure typed went nowhere).  The button stays a Shift+Tab away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.schema import PROACTIVE, REQUESTS, REVIEWS
from tests.ui.conftest import SAMPLE
from tests.ui.test_page_keys import SHIFT, _figures, _in, _type
from ui.main_window import MainWindow


@pytest.mark.parametrize("key", [PROACTIVE, REQUESTS, REVIEWS])
def test_tab_past_the_last_figure_reaches_the_findings_not_the_add_button(window: MainWindow, qtbot: QtBot, key: str) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(key)
    grid = page.grid()
    assert grid is not None and window.dock.isVisible()
    grid.setFocus()
    qtbot.waitUntil(lambda: _in(grid))
    grid.setCurrentIndex(_figures(grid)[-1])
    _type(qtbot, grid, "0", Qt.Key.Key_Tab)  # the last figure typed, Tab: as a row is typed
    landed = QApplication.focusWidget()
    assert landed is not page.add_lead, "Tab went to ＋ 添加表格前的说明文字, above the table"
    assert landed is not None and window.findings.isAncestorOf(landed), f"Tab went to {type(landed).__name__}"
    qtbot.keyClick(landed, Qt.Key.Key_Backtab, SHIFT)
    # The button is still a Shift+Tab away (on a page whose text is shown it is not there)
    assert QApplication.focusWidget() is (page.add_lead if page.add_lead.isVisible() else grid)
