"""忽略此问题 in the findings list goes on to the next finding, the keyboard in the list, as a
reviewer going down it with ↓ expects (rev25c D1: the choice followed the dismissed finding under
已忽略 to the list's end, ↓ went nowhere and Enter sat on 恢复此问题)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

import ui.findings
from app.findings import Finding
from tests.ui.conftest import SAMPLE, plain
from ui.findings import DISMISSED_ROLE, FINDING_ROLE
from ui.main_window import MainWindow


def shown(window: MainWindow) -> list[tuple[Finding, bool]]:
    proxy = window.findings.proxy
    return [(proxy.index(r, 0).data(FINDING_ROLE), proxy.index(r, 0).data(DISMISSED_ROLE) is not None)
            for r in range(proxy.rowCount())]


@pytest.fixture
def listed(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[Finding]:
    monkeypatch.setattr(ui.findings, "ask_reason", lambda *a, **k: ("已核实", True))
    assert window.docs.load(SAMPLE)
    findings = [f for f, dismissed in shown(window) if not dismissed]
    assert len(findings) >= 4
    return findings


def _down_to(window: MainWindow, row: int) -> None:
    view = window.findings.view
    view.setFocus()
    view.setCurrentIndex(window.findings.proxy.index(0, 0))
    for _ in range(row):
        QTest.keyClick(view, Qt.Key.Key_Down)


def test_the_button_goes_on_to_the_next_finding(window: MainWindow, listed: list[Finding], qtbot) -> None:  # type: ignore[no-untyped-def]
    _down_to(window, 1)
    assert window.findings.current() == listed[1]
    button = window.findings.findChild(QPushButton, "finding-dismiss")
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)  # Tab to 忽略此问题…, Space, the reason, Enter
    assert (listed[1], True) in shown(window), "dismissed, listed under 已忽略"
    assert window.findings.current() == listed[2], "the one after it chosen"
    assert QApplication.focusWidget() is window.findings.view or not window.isActiveWindow()
    QTest.keyClick(window.findings.view, Qt.Key.Key_Down)
    assert window.findings.current() == listed[3], "↓ goes on down the list"
    assert not window.findings.restore_button.isVisible() and window.findings.dismiss_button.isVisible()


def test_the_last_one_dismissed_goes_back_to_the_one_before(window: MainWindow, listed: list[Finding]) -> None:
    _down_to(window, len(listed) - 1)
    window.findings.dismiss_current()
    assert window.findings.current() == listed[-2]


def test_the_rows_menu_goes_on_from_the_row_it_was_opened_on(window: MainWindow, listed: list[Finding]) -> None:
    _down_to(window, 0)
    panel = window.findings
    menu = panel.menu_for(panel.proxy.index(2, 0))
    assert menu is not None
    next(a for a in menu.actions() if plain(a.text()) == "忽略此问题…").trigger()
    assert (listed[2], True) in shown(window) and panel.current() == listed[3]


def test_cancel_keeps_the_choice(window: MainWindow, listed: list[Finding], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.findings, "ask_reason", lambda *a, **k: ("", False))
    _down_to(window, 1)
    window.findings.dismiss_current()
    assert window.findings.current() == listed[1] and all(not d for _, d in shown(window))


def test_the_list_stays_where_it_was(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A list longer than its dock (a new year's report from last year's: ~50 findings): the
    dismissed finding, kept chosen as it went under 已忽略 at the end, scrolled the list there and
    the next one came back at the top, the errors above it out of sight (the GUI tester read
    错误 4 and saw one error)."""
    monkeypatch.setattr(ui.findings, "ask_reason", lambda *a, **k: ("已核实", True))
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    assert window.year_tools.last.rollover(SAMPLE)
    qtbot.waitUntil(lambda: window.docs.loading is None, timeout=20000)
    QApplication.processEvents()
    panel = window.findings
    view, bar = panel.view, panel.view.verticalScrollBar()
    assert bar.maximum() > 0, "the list is longer than its dock"
    view.setFocus()
    row = next(r for r in range(1, panel.proxy.rowCount())
               if view.visualRect(panel.proxy.index(r, 0)).bottom() > view.viewport().height() // 2)
    view.setCurrentIndex(panel.proxy.index(row, 0))
    QApplication.processEvents()
    offset, above = bar.value(), panel.proxy.index(row - 1, 0).data(FINDING_ROLE)
    assert view.viewport().rect().intersects(view.visualRect(panel.proxy.index(row - 1, 0)))
    listed = [f for f, dismissed in shown(window) if not dismissed]
    panel.dismiss_current()
    QApplication.processEvents()
    assert panel.current() == listed[row + 1], "the next one chosen"
    assert bar.value() == offset, "the list did not move"
    index = panel.proxy.index(row - 1, 0)
    assert index.data(FINDING_ROLE) == above and view.viewport().rect().intersects(view.visualRect(index))


def test_alt_i_dismisses_and_alt_r_restores_from_the_list(window: MainWindow, listed: list[Finding], qtbot) -> None:  # type: ignore[no-untyped-def]
    """The panel's buttons have the letters of the list's menu (user33 under Xvfb: 忽略此问题… and
    恢复此问题 were the window's only buttons a keyboard user reached by Tab alone)."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _down_to(window, 1)
    QTest.keyClick(window.findings.view, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: (listed[1], True) in shown(window), timeout=3000)  # Qt clicks it 100 ms on
    view = window.findings.view
    row = next(r for r in range(window.findings.proxy.rowCount())
               if window.findings.proxy.index(r, 0).data(FINDING_ROLE) is listed[1])
    view.setCurrentIndex(window.findings.proxy.index(row, 0))
    assert window.findings.restore_button.isVisible()
    QTest.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: (listed[1], False) in shown(window), timeout=3000)
