"""Tab from 目录 goes into the page it shows, as the window reads: 目录, the page, 检查结果.
A page is made the first time it is shown, after the findings panel, and Qt put it at the end
of the Tab order: under Xvfb (gui20, shot 68) 表四 chosen in 目录 and a row typed with Tab went
through the findings' filter buttons, the figures typed nowhere, and the grid came only after
the findings' buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.table_page import TablePage


@pytest.mark.parametrize("key", ["四", "一"])
def test_tab_from_the_contents_goes_into_the_page(window: MainWindow, qtbot: QtBot, key: str) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(key)
    window.nav.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.nav)
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and page.isAncestorOf(focused), type(focused).__name__
    if isinstance(page, TablePage):  # the grid first: its row is typed with Tab from here on
        assert focused is page.view
        qtbot.keyClicks(page.view, "7")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert page.view.grid_model().data(page.view.grid_model().index(3, 0)) in ("7", 7)
