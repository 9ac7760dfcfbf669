"""忽略此问题 asks its reason in a dialog the screen holds, the finding wrapped to its width.

The finding was the dialog's label in one line: the sample's body pasted twice (about 110
characters) made the dialog 1236 px wide, just inside a 1366×768 screen (gui18 under Xvfb, shot 56);
at 125 % and above, or with a longer finding, the text and the input ran off the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.conftest import SAMPLE
from ui.main_window import MainWindow


def test_a_long_finding_is_wrapped_and_the_dialog_fits(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.docs.load(SAMPLE)
    finding = max(window.state.findings, key=lambda f: len(f.message))
    assert len(finding.message) > 100
    screen = QRect(0, 0, 800, 500)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    seen: list[tuple[QRect, bool]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        label = next(lb for lb in dialog.findChildren(QLabel) if finding.message in lb.text())
        seen.append((dialog.frameGeometry(), label.wordWrap()))
        dialog.reject()

    QTimer.singleShot(0, look)
    assert not window.findings.ask_and_dismiss(finding)  # cancelled: nothing dismissed
    frame, wrapped = seen[0]
    assert wrapped and frame.width() <= screen.width() and frame.height() <= screen.height(), frame
