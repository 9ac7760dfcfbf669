"""成文日期's 日历… works from the keyboard (from the GUI tester: Space on the button opened the
calendar, but the arrows and Enter did nothing, only Esc closed it; the popup had no focus
widget, so the window system's keys went to the calendar's frame, not to its days)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow
from ui.pages import BASIC_INFO, BasicInfoPage


def _press(key: Qt.Key) -> None:
    """As Qt routes a key from the window system while a popup is open: to the popup's focus
    widget, or to the popup itself when it has none."""
    popup = QApplication.activePopupWidget()
    assert popup is not None, "the calendar is open"
    target: QWidget = popup.focusWidget() or popup
    QTest.keyClick(target, key)


def test_the_calendar_is_chosen_from_with_the_arrows_and_enter(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page(BASIC_INFO)
    assert isinstance(page, BasicInfoPage)
    page.date.set_date(dt.date(2024, 1, 12))
    page.date.button.setFocus()
    QTest.keyClick(page.date.button, Qt.Key.Key_Space)  # opens the calendar
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=3000)
    _press(Qt.Key.Key_Right)  # the next day
    _press(Qt.Key.Key_Down)  # a week on
    _press(Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2024, 1, 20)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=3000)
    assert page.date.line.text() == "2024年1月20日"


def test_escape_leaves_the_date_as_it_was(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page(BASIC_INFO)
    assert isinstance(page, BasicInfoPage)
    page.date.set_date(dt.date(2024, 1, 12))
    page.date.button.setFocus()
    QTest.keyClick(page.date.button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=3000)
    _press(Qt.Key.Key_Right)
    _press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None, timeout=3000)
    assert page.date.line.text() == "2024年1月12日"
