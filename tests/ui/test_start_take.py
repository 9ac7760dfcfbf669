"""The report of the file named on the command line, read by the start's child (app.prefetch), is
taken on the window's thread once the child has written all of it: the pipe is watched by the
event loop, never waited on, so the window answers while the child reads; 取消 meanwhile stops
the child; a child killed while reading is one message, as before."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

import app.reading as app_reading
from app import prefetch
from ui import tasks
from ui.main_window import MainWindow

from .conftest import SAMPLE

REAL_LOAD = app_reading.load_report


def _child_reads(monkeypatch: pytest.MonkeyPatch, before: Callable[[], None]) -> None:
    """The forked child's reader runs ``before`` first (the child inherits the patch)."""
    def load(path: Path, **kwargs: object) -> object:
        before()
        return REAL_LOAD(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app_reading, "load_report", load)


def _takes_on_main_thread(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """prefetch.take recorded: for each call, whether it ran on the window's (main) thread."""
    threads: list[bool] = []
    real_take = prefetch.take

    def take(path: Path, cancelled: Callable[[], bool] = lambda: False) -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        return real_take(path, cancelled)

    monkeypatch.setattr(prefetch, "take", take)
    return threads


def _gone(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG)[0] != 0
    except ChildProcessError:
        return True


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / "命令行.docx"
    shutil.copyfile(SAMPLE, path)
    return path


def _waits_for(flag: Path, at_most: float = 20.0) -> Callable[[], None]:
    """What the child runs before it reads: wait until ``flag`` exists (the test's window makes
    it from a timer), at most ``at_most`` seconds."""
    def wait() -> None:
        end = time.monotonic() + at_most
        while not flag.exists() and time.monotonic() < end:
            time.sleep(0.01)
    return wait


@pytest.mark.skipif(not prefetch.supported(), reason="the child is forked only where there is fork")
def test_the_report_is_taken_on_the_windows_thread_which_answers_meanwhile(
        window: MainWindow, qtbot: QtBot, copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The child reads only once the window's event loop has run a timer that lets it: were the
    # window waiting for the child, neither would go on (the load would end only when the child
    # gave up waiting, 20 s later, past waitSignal's 15 s).  Order, not time.
    flag = tmp_path / "go"
    _child_reads(monkeypatch, _waits_for(flag))
    threads = _takes_on_main_thread(monkeypatch)
    events: list[str] = []
    assert prefetch.start(copy)
    pid = prefetch._pending.pid  # type: ignore[union-attr]
    window.docs.loadEnded.connect(lambda *_: events.append("loaded"))
    window.docs.load_in_background(copy)
    QTimer.singleShot(50, lambda: (events.append("answered"), flag.touch()))
    with qtbot.waitSignal(window.docs.loadEnded, timeout=15000):
        pass
    assert window.docs.source == copy and window.state.report.organ and window.state.findings
    assert threads == [True], "taken once, on the window's thread, no worker"
    assert events == ["answered", "loaded"], "the window's events went on while the child waited"
    qtbot.waitUntil(lambda: (prefetch.tidy(), _gone(pid))[1], timeout=5000)  # reaped, no zombie left
    assert not tasks._alive


@pytest.mark.skipif(not prefetch.supported(), reason="the child is forked only where there is fork")
def test_cancel_while_the_child_reads_stops_it_and_opens_nothing(
        window: MainWindow, qtbot: QtBot, copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _child_reads(monkeypatch, _waits_for(tmp_path / "never", at_most=30.0))  # reads only if never stopped
    before = window.state.report
    assert prefetch.start(copy)
    pid = prefetch._pending.pid  # type: ignore[union-attr]
    window.docs.load_in_background(copy)
    qtbot.wait(100)
    # Ended by 取消, not by the child (still waiting, for 30 s): the load's end is not waited for.
    with qtbot.waitSignal(window.docs.loadEnded, timeout=5000):
        window.docs.cancel_load()
    assert window.state.report is before and window.docs.source is None
    qtbot.waitUntil(lambda: _gone(pid), timeout=5000)
    assert not prefetch.pending()
    # the worker that waited on the child leaves tasks._alive as its thread ends: under load a
    # moment after the load's end (it failed so in a loaded CI simulation), never later than this
    qtbot.waitUntil(lambda: not tasks._alive, timeout=5000)


@pytest.mark.skipif(not prefetch.supported(), reason="the child is forked only where there is fork")
def test_a_child_killed_while_reading_is_one_message_not_a_second_read(
        window: MainWindow, qtbot: QtBot, copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _child_reads(monkeypatch, lambda: os.kill(os.getpid(), signal.SIGKILL))
    errors: list[str] = []
    monkeypatch.setattr(window.docs, "show_error", lambda title, text: errors.append(text))
    reads: list[Path] = []
    assert prefetch.start(copy)
    monkeypatch.setattr(app_reading, "load_report", lambda path, **_k: reads.append(path))  # this process's
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.load_in_background(copy)
    assert errors == [f"{copy}：读取时程序意外终止（文件可能已损坏，或内容过大），未能打开"]
    assert reads == [] and window.docs.source is None


@pytest.mark.skipif(not prefetch.supported(), reason="the child is forked only where there is fork")
def test_a_huge_report_from_the_child_is_taken_on_a_worker(
        window: MainWindow, qtbot: QtBot, copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past TAKE_HERE_BYTES of the child's output the report is unpickled on a worker, as before
    the window took it itself: 60,000 paragraphs froze the window 0.26 s (rev21).  Here every
    report counts as huge: taken once, off the window's thread, and shown."""
    from ui import reads

    monkeypatch.setattr(reads, "TAKE_HERE_BYTES", 0)
    threads = _takes_on_main_thread(monkeypatch)
    assert prefetch.start(copy)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.load_in_background(copy)
    assert window.docs.source == copy and window.state.report.organ and window.state.findings
    assert threads == [False], "taken once, on a worker"
    qtbot.waitUntil(lambda: not tasks._alive, timeout=5000)
