"""Ctrl+Z and Ctrl+Y in a 基本信息 field keep the keyboard in that field (rev25c, K3's note: after
Ctrl+Z of a 报告年度 step the keyboard was put in 机关名称, and the next ↑ or digit went there)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import SAMPLE, type_text
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_undo_and_redo_in_the_year_keep_the_keyboard_there(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    year = window.state.report.year
    page.year.setFocus()
    QTest.keyClick(page.year, Qt.Key.Key_Up)
    for key, want in ((Qt.Key.Key_Z, year), (Qt.Key.Key_Y, year + 1)):
        QTest.keyClick(QApplication.focusWidget(), key, CTRL)
        qtbot.wait(20)
        focused = QApplication.focusWidget()
        assert window.state.report.year == want
        assert focused is page.year or page.year.isAncestorOf(focused), f"the keyboard went to {type(focused).__name__}"


def test_a_refused_date_is_still_where_the_keyboard_goes_back(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.findings import Location
    from app.schema import META

    assert window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    page.date.line.setFocus()
    page.date.line.selectAll()
    type_text(page.date.line, "2024年2月30日")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert page.date.invalid()
    page.organ.setFocus()
    page.show_location(Location(META))
    assert QApplication.focusWidget() is page.date.line
