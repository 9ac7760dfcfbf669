"""机关名称 pasted with a line break (copied across two lines of a PDF or a Word title) is one
line: the report's organ, the title and the file name proposed had the break in them (gui23)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import type_text
from ui.main_window import MainWindow
from ui.pages import BasicInfoPage


def test_an_organ_pasted_across_two_lines_is_one(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("基本信息")
    assert isinstance(page, BasicInfoPage)
    page.organ.setFocus()
    QGuiApplication.clipboard().setText("宁波市北仑区\r\n财政局 \n")
    qtbot.keyClick(page.organ, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.year, Qt.Key.Key_Up)  # on to the year: 2000…
    QApplication.processEvents()
    report = window.state.report
    assert report.organ == "宁波市北仑区财政局"
    assert page.organ.text() == "宁波市北仑区财政局"
    assert "\n" not in page.title.text() and page.title.text().startswith("宁波市北仑区财政局")
    assert "\n" not in report.file_stem


def test_typing_keeps_its_spaces_until_done(window: MainWindow, qtbot: QtBot) -> None:
    page = window.show_page("基本信息")
    assert isinstance(page, BasicInfoPage)
    page.organ.setFocus()
    type_text(page.organ, "某县 财政局")
    assert page.organ.text() == "某县 财政局" and window.state.report.organ == "某县 财政局"
