"""导出PDF's status-bar widget (ui/pdf_export.ExportStatus) leaves the window's layout where it
was: the status bar keeps its height while it shows and after it hides, so the page, the
navigation and the findings list do not move up at the first export (GUI tester s15: they moved
up 5 px at the first 导出PDF of a window and stayed so)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow


def layout_of(window: MainWindow) -> tuple[int, QRect, QRect]:
    QApplication.processEvents()  # the bar lays itself out again on a posted request
    layout = window.layout()
    if layout is not None:
        layout.activate()
    return window.statusBar().height(), window.centralWidget().geometry(), window.dock.geometry()


def test_exporting_a_pdf_moves_nothing_in_the_window(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.docs.load(SAMPLE)
    monkeypatch.setattr(window.output, "ask_pdf_path", lambda: str(tmp_path / "年报.pdf"))
    before = layout_of(window)
    assert window.output.export_pdf()
    assert window.output.status is not None and window.output.status.isVisible()
    during = layout_of(window)
    qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)
    assert (tmp_path / "年报.pdf").stat().st_size > 0 and not window.errors
    assert window.output.status is not None and not window.output.status.isVisible()
    assert during == before, "the status bar grew while 正在导出PDF… showed"
    assert layout_of(window) == before, "the window's layout changed after the export"
