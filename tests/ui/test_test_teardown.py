"""The editor tests' own teardown (tests/ui/conftest.py): a window a test left open — its close
refused by the test's 取消 — holds no file's owner lock into the next test, where a program
started on that file would find it open in a live editor and wait on a question nobody answers
(tests/ui/test_tasks.py before tests/test_start_cache.py waited out 120 s)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import app.lock as app_lock
from ui.main_window import MainWindow

from .conftest import SAMPLE, _let_go_of_files


def test_a_window_whose_close_was_refused_lets_go_of_its_file(window: MainWindow, qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    report = shutil.copy(SAMPLE, tmp_path / "报告.docx")
    assert window.docs.load(Path(report))
    model = window.show_page("三").model  # type: ignore[attr-defined]
    assert model.setData(model.index_of((1, 0)), "9")  # unsaved: closing asks
    window.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    assert not window.close() and window.isVisible(), "取消 keeps the window, as it should"
    assert app_lock.live_owner(Path(report)) is not None, "and its lock, while it is open"
    _let_go_of_files()
    assert not window.isVisible()
    assert not app_lock.lock_path(Path(report)).exists()
    assert app_lock.live_owner(Path(report)) is None and not app_lock._HELD
