"""基本信息 entered by keys — Enter on it in 目录, or F6 — puts the keyboard in 机关名称, its first
field, with Tab on to 报告年度 and 成文日期 (rev25c K3: the keyboard was on the page itself, what
was typed went nowhere and the first Tab went to 成文日期)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import SAMPLE, type_text
from ui.main_window import MainWindow


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_F6])
def test_entering_the_page_lands_in_the_organ_and_tab_goes_on_in_order(window: MainWindow, qtbot, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    window.nav.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.nav)
    QTest.keyClick(window.nav, Qt.Key.Key_Home)
    assert window.current_key() == "基本信息"
    QTest.keyClick(window.nav, key)
    page = window.show_page("基本信息")
    assert QApplication.focusWidget() is page.organ
    page.organ.end(False)
    type_text(page.organ, "机关")
    assert page.organ.text().endswith("机关"), "what is typed goes into 机关名称"
    QTest.keyClick(page.organ, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is page.year or page.year.isAncestorOf(focused)
    QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.date.line
