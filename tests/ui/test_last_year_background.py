"""从上年报告新建 and 与上年报告对照 read last year's file as 打开 reads one: on a worker thread, the
window showing 正在打开 with 取消 and answering meanwhile (a .doc through LibreOffice takes seconds);
取消 leaves the report, its file, its undo steps and the title exactly as they were."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

import app.reading as app_reading
from app.io import save_report
from app.lastyear import attached
from app.report import Report
from tests.test_lastyear import last_year
from ui.main_window import MainWindow

REAL_LOAD = app_reading.load_report


class SlowReader:
    """A reader that takes as long as the test says (a .doc being converted): it returns once
    ``gate`` is set, and gives up when its caller cancels, as LibreOffice is stopped."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()
        self.stopped = threading.Event()

    def __call__(self, path: Path, cancelled: Callable[[], bool] | None = None) -> Report:
        self.started.set()
        give_up = time.monotonic() + 10  # read on the UI thread, nobody could release it: fail, not hang
        while not self.gate.wait(0.01):
            if cancelled is not None and cancelled():
                self.stopped.set()
                raise RuntimeError("stopped")  # what a stopped conversion raises; the task drops it
            if time.monotonic() > give_up:
                raise RuntimeError("never released")
        return REAL_LOAD(path)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    this = last_year()  # this year's report: 2024, our own file, open in the window
    this.year = 2024
    mine = tmp_path / "本年.docx"
    save_report(this, mine)
    last = tmp_path / "某局2023年报.doc.docx"
    save_report(last_year(), last)
    return mine, last


COMMANDS = ["rollover", "attach"]


def _start(window: MainWindow, command: str, last: Path) -> None:
    tools = window.year_tools
    tools.last.ask_last_path = lambda title: str(last)  # type: ignore[method-assign]
    (tools.act_rollover if command == "rollover" else tools.act_attach).trigger()


def _reading(window: MainWindow, qtbot: QtBot, reader: SlowReader, last: Path) -> None:
    """The command returned with the file still being read; the window shows 正在打开 with
    取消 and its event loop turns."""
    assert reader.started.wait(10) and window.docs.loading is not None
    assert window.central.currentWidget() is window.task_page
    assert window.windowTitle().startswith(f"正在打开 {last.name}")
    ticked: list[bool] = []
    QTimer.singleShot(20, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=2000)  # while the reader still holds on
    assert not reader.gate.is_set() and window.docs.loading is not None


@pytest.mark.parametrize("command", COMMANDS)
def test_cancel_leaves_everything_as_it_was(window: MainWindow, qtbot: QtBot, files: tuple[Path, Path],
                                            monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    mine, last = files
    assert window.docs.load(mine)
    report, title, steps = window.state.report, window.windowTitle(), window.state.stack.count()
    reader = SlowReader()
    monkeypatch.setattr(app_reading, "load_report", reader)
    _start(window, command, last)
    _reading(window, qtbot, reader, last)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=10_000):
        assert window.task_page is not None
        window.task_page.cancel_button.click()
    assert reader.stopped.wait(10), "the read was told to stop"
    assert window.state.report is report and window.docs.path == mine
    assert window.state.stack.count() == steps and not window.state.is_modified()
    assert attached(report) is None and report.year == 2024
    assert window.windowTitle() == title and window.central.currentWidget() is window.splitter
    assert window.errors == []  # type: ignore[attr-defined]
    assert f"已取消读取 {last.name}" in window.statusBar().currentMessage()


@pytest.mark.parametrize("command", COMMANDS)
def test_the_read_report_is_used_once_it_is_in(window: MainWindow, qtbot: QtBot, files: tuple[Path, Path],
                                               monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    mine, last = files
    assert window.docs.load(mine)
    reader = SlowReader()
    monkeypatch.setattr(app_reading, "load_report", reader)
    _start(window, command, last)
    _reading(window, qtbot, reader, last)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=10_000):
        reader.gate.set()
    report = window.state.report
    assert attached(report) is not None and attached(report).source == last.name  # type: ignore[union-attr]
    if command == "rollover":
        assert report.year == 2024 and window.docs.path is None and window.state.is_modified()
        assert window.windowTitle().startswith("未命名 — 2024年度")
    else:
        assert window.docs.path == mine and report.year == 2024 and window.state.stack.count() == 1
        assert window.windowTitle().startswith("本年.docx")
    assert window.central.currentWidget() is window.splitter and window.errors == []  # type: ignore[attr-defined]


def test_an_edit_made_while_reading_is_asked_about_before_a_rollover_replaces_it(
        window: MainWindow, qtbot: QtBot, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
    from ui.commands import SetCellCommand

    mine, last = files
    assert window.docs.load(mine)
    reader = SlowReader()
    monkeypatch.setattr(app_reading, "load_report", reader)
    _start(window, "rollover", last)
    _reading(window, qtbot, reader, last)
    window.state.stack.push(SetCellCommand(window.state, CellRef("三", T3_NEW, T3_COL_NATURAL), 99))  # a script, a dialog
    from PySide6.QtWidgets import QMessageBox

    window.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    with qtbot.waitSignal(window.docs.loadEnded, timeout=10_000):
        reader.gate.set()
    assert window.docs.path == mine and window.state.report.year == 2024 and attached(window.state.report) is None
    assert window.state.is_modified(), "the edit kept, the rollover not made"
