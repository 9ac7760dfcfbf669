"""A command under the findings list pressed from the keyboard (Tab to 删除此处重复, Space) that
makes its finding go: the keyboard stays in the list, on the finding now in its row, as after
忽略此问题.  The button hid under the focus and Qt passed it to the first field of the page —
机关名称 with its whole text selected, so the writer's next keys replaced the organ's name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from app.findings import Finding
from tests.ui.conftest import SAMPLE
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow


def _listed(window: MainWindow) -> list[Finding]:
    proxy = window.findings.proxy
    return [proxy.index(r, 0).data(FINDING_ROLE) for r in range(proxy.rowCount())]


def _shown_and_active(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)


def _press_on_the_duplicate(window: MainWindow, qtbot, button_name: str) -> int:  # type: ignore[no-untyped-def]
    """The sample's 前言 duplicate chosen in the list (the window shown and active) and the
    command ``button_name`` pressed from the keyboard (Tab to it, Space): the finding's row."""
    _shown_and_active(window, qtbot)
    panel = window.findings
    row = next(r for r, f in enumerate(_listed(window)) if f.location.section == "前言" and "重复" in f.message)
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.index(row, 0))
    button = panel.findChild(QPushButton, button_name)
    assert button is not None and button.isVisible()
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)
    QApplication.processEvents()
    return row


def test_delete_copy_from_the_keyboard_keeps_the_keyboard_in_the_list(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    organ = window.state.report.organ
    listed = _listed(window)
    panel = window.findings
    row = _press_on_the_duplicate(window, qtbot, "finding-delete-copy")
    assert listed[row] not in _listed(window), "the copy deleted, its finding gone"
    assert QApplication.focusWidget() is panel.view, f"the keyboard went to {QApplication.focusWidget()!r}"
    assert panel.current() == _listed(window)[row], "the finding now in its row chosen"
    QTest.keyClicks(QApplication.focusWidget(), "x")
    assert window.state.report.organ == organ, "typing went nowhere near 机关名称"


def test_a_command_that_leaves_its_finding_keeps_the_focus_where_it_went(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """转到另一处 puts the keyboard in the text at the other copy: left there."""
    assert window.docs.load(SAMPLE)
    panel = window.findings
    _press_on_the_duplicate(window, qtbot, "finding-other")
    assert QApplication.focusWidget() is not panel.view
    assert QApplication.focusWidget() is window.show_page("前言").editor
