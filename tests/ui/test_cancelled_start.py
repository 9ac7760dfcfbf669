"""取消 on a start's 正在打开: the blank report then shown is the one 文件 → 新建 gives — the same
findings (a blank report's: empty cells, missing parts, no year or date), counts, navigation
badges, title and status — never findings of the file not opened, nor none at all."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.pages import BASIC_INFO


def _looks(window: MainWindow) -> dict[str, object]:
    """What a user sees of the report in the window."""
    nav = window.nav_model
    return {
        "findings": [(f.code, f.kind, f.severity.name, f.location.describe(), f.message) for f in window.state.findings],
        "counts": window.state.counts(),
        "badges": [nav.data(nav.index(r), 0) for r in range(nav.rowCount(QModelIndex()))],
        "status": (window.error_label.text(), window.warning_label.text(), window.saved_label.text()),
        "title": window.windowTitle(),
        "modified": window.state.is_modified(),
        "dock": window.dock.isVisible(),
        "page": window.current_key(),
        "report": (window.state.report.organ, window.state.report.year, window.docs.path, window.docs.source),
        "开始": [b.text() for b in window.page(BASIC_INFO).findChildren(QToolButton) if b.isVisibleTo(window)],
    }


def test_a_cancelled_start_shows_what_new_shows(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.main
    from app import prefetch, reading
    from ui.main import first_window

    quick = reading.load_report

    def load_report(path: Path, **kwargs: object) -> object:  # a big file, or a .doc through LibreOffice
        time.sleep(1.0)
        return quick(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "load_report", load_report)
    monkeypatch.setattr(prefetch, "pending", lambda: True)  # the start's child has it: take() says read it here
    monkeypatch.setattr(ui.main, "REVEAL_LIMIT_MS", 50)
    copy = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, copy)
    window = first_window(copy, (1200, 800), tmp_path / "autosave")
    qtbot.addWidget(window)
    window.docs.load_in_background(copy)
    qtbot.waitUntil(lambda: window.task_page is not None and window.task_page.cancel_button.isVisible(), timeout=5000)
    window.task_page.cancel_button.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.docs.loading is None and window.central.currentWidget() is window.splitter, timeout=10_000)
    qtbot.wait(50)
    cancelled = _looks(window)
    assert cancelled["findings"], "a blank report's findings, as 新建 lists them"

    other = MainWindow(autosave_dir=tmp_path / "autosave2")
    qtbot.addWidget(other)
    other.resize(1200, 800)
    other.show()
    qtbot.waitExposed(other)
    other.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    assert other.docs.load(copy)  # a report open, then 文件 → 新建
    other.act_new.trigger()
    qtbot.wait(50)
    assert cancelled == _looks(other)
