"""Enter and Return press the focused button, as Space does and as on Windows.

Outside a dialog Qt's buttons take Space only: a keyboard user who chose a finding and went on
with Tab to 忽略此问题… pressed Enter and nothing happened (gui22 under Xvfb, shot 44); so with
the findings' filters, 日历…, the start's 从上年报告新建…/打开, ＋ 添加表格前的说明文字 and the
batch window's buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QToolButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.pages import BasicInfoPage
from ui.table_page import TablePage


def _pressed(qtbot: QtBot, button: QAbstractButton, key: Qt.Key) -> None:
    """``key`` on ``button`` with the focus: clicked."""
    assert button.isVisible() and button.isEnabled(), button.text()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert button.hasFocus(), button.text()
    with qtbot.waitSignal(button.clicked, timeout=2000):
        qtbot.keyClick(button, key, Qt.KeyboardModifier.KeypadModifier if key == Qt.Key.Key_Enter else
                       Qt.KeyboardModifier.NoModifier)


def test_the_findings_buttons_take_enter(window: MainWindow, qtbot: QtBot) -> None:
    assert window.docs.load(SAMPLE)
    panel = window.findings
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    qtbot.wait(20)
    dismissed = []
    panel.dismiss_current = lambda: dismissed.append(True)  # type: ignore[method-assign]
    panel.dismiss_button.clicked.disconnect()
    panel.dismiss_button.clicked.connect(panel.dismiss_current)
    _pressed(qtbot, panel.dismiss_button, Qt.Key.Key_Return)
    assert dismissed == [True]
    for toggle in panel.toggles.values():
        before = toggle.isChecked()
        _pressed(qtbot, toggle, Qt.Key.Key_Enter)
        assert toggle.isChecked() != before, toggle.text()


def test_the_pages_tool_buttons_take_enter(window: MainWindow, qtbot: QtBot) -> None:
    info = window.show_page("基本信息")
    assert isinstance(info, BasicInfoPage)
    starts = [b for b in info.findChildren(QToolButton) if b.isVisible() and b.defaultAction() is not None]
    assert starts, "the blank report's start buttons"
    for button in starts:
        button.defaultAction().triggered.disconnect()  # pressed, not run (a file dialog)
        _pressed(qtbot, button, Qt.Key.Key_Return)
    calendar = next(b for b in info.findChildren(QToolButton) if b.text() == "日历(&C)…")
    calendar.clicked.disconnect()
    _pressed(qtbot, calendar, Qt.Key.Key_Return)
    page = window.show_page("三")
    assert isinstance(page, TablePage)
    qtbot.wait(20)
    _pressed(qtbot, page.add_lead, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.lead.isVisible())  # the text above the table, as a click opens it
