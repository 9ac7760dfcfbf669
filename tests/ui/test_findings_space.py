"""F6 into 检查结果 makes its first row current without going there (tests/ui/test_keyboard.py); Space,
the list's key for choosing the row under the cursor, then chooses it: the page shows where it is
and the list keeps the keyboard, as ↓ does for the next one.  Space selected the row and nothing
moved: the first finding could be seen only by ↓ then ↑, or Enter, which left the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import SAMPLE
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow


def test_space_on_the_first_finding_shows_it(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.show_page("二")
    view = window.findings.view
    first = window.findings.proxy.index(0, 0).data(FINDING_ROLE)
    assert first.location.section != "二"
    while QApplication.focusWidget() is not view:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.current_key() == "二", "reaching the list chose nothing"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert window.current_key() == first.location.section, "Space chose it: its page shown"
    assert QApplication.focusWidget() is view, "the list keeps the keyboard"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.findings.current() == window.findings.proxy.index(1, 0).data(FINDING_ROLE)
