"""正在打开 answers the keyboard: 取消 has the focus when the page shows (however the window
came up), and Esc cancels wherever the focus is, as 取消 does."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import app.reading as app_reading
from app.report import Report
from ui.main_window import MainWindow

from .conftest import SAMPLE

REAL_LOAD = app_reading.load_report


@pytest.mark.parametrize("focus_on", ["cancel", "elsewhere"])
def test_esc_cancels_opening_and_cancel_has_the_focus(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, focus_on: str) -> None:
    first = Path(shutil.copy(SAMPLE, tmp_path / "甲.docx"))
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.open(first)
    before = window.windowTitle()
    gate = threading.Event()

    def read(path: Path, cancelled: object = None) -> Report:
        assert gate.wait(20)
        return REAL_LOAD(path)

    monkeypatch.setattr(app_reading, "load_report", read)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    task = window.docs.load_in_background(Path(shutil.copy(SAMPLE, tmp_path / "乙.docx")))
    assert task is not None
    page = window.task_page
    assert page is not None and page.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.cancel_button)
    if focus_on == "elsewhere":
        window.menuBar().setFocus()  # Esc still reaches 取消 (the page's shortcut is the window's)
    try:
        with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
            qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    finally:
        gate.set()
    assert task.wait(20)
    assert window.windowTitle() == before and window.docs.source == first
    assert not page.isVisible() and window.errors == []  # type: ignore[attr-defined]


def test_cancel_has_the_focus_when_the_window_shows_opening(qtbot: QtBot, tmp_path: Path) -> None:
    """A start with a file: 正在打开 set before the window is shown (ui.main.run)."""
    window = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(window)
    window.show_opening("命令行.docx")
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    page = window.task_page
    assert page is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.cancel_button)
