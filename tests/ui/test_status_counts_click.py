"""Clicking the status bar's 错误 N / 警告 N brings the findings panel back, where it was, with
those findings shown: once its × closed it, 视图 → 检查结果面板 was the only way back (GUI tester, s17)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.findings import Severity
from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow


def test_clicking_the_error_count_reopens_the_closed_panel_where_it_was(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, window.dock)
    window.findings.toggles[Severity.ERROR].setChecked(False)  # errors hidden by the filter
    window.dock.close()
    qtbot.waitUntil(lambda: not window.dock.isVisible())
    qtbot.mouseClick(window.error_label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.dock.isVisible)
    assert window.dockWidgetArea(window.dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.findings.toggles[Severity.ERROR].isChecked()
    assert window.findings.proxy.rowCount() > 0


def test_clicking_the_warning_count_shows_warnings(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    window.findings.toggles[Severity.WARNING].setChecked(False)
    window.dock.close()
    qtbot.mouseClick(window.warning_label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.dock.isVisible)
    assert window.findings.toggles[Severity.WARNING].isChecked()
    assert not window.dock.isFloating()


def test_the_view_menus_panel_item_has_its_own_key_letter(window: MainWindow) -> None:
    toggle = window.dock.toggleViewAction()
    assert toggle in window.view_menu.actions()
    letters = [a.text().split("&")[1][0].upper() for a in window.view_menu.actions() if "&" in a.text()]
    assert "&" in toggle.text()
    assert letters.count(toggle.text().split("&")[1][0].upper()) == 1
