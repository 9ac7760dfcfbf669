"""ui/tasks.py's Task on its own: progress, the result, items and errors arrive on the GUI thread,
in order; 取消 stops work that polls and drops what was still queued; an error is one message.
(Opening a file through it, in the window: test_tasks.py.)"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.errors import ReadError, WriteError
from ui import tasks
from ui.tasks import Cancelled, Control, Task


# -- the helper itself ---------------------------------------------------------------------------
def test_progress_then_the_result_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    where: list[int] = []

    def work(control: Control) -> str:
        for i in range(3):
            control.progress(i + 1, 3)
        return "完成"

    task = Task(work)
    steps: list[tuple[int, int]] = []
    task.progressed.connect(lambda done, total: (steps.append((done, total)), where.append(threading.get_ident())))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as got:
        task.start()
    assert got.args == ["完成"] and steps == [(1, 3), (2, 3), (3, 3)] and set(where) == {gui}


@pytest.mark.parametrize(("error", "says"), [
    (WriteError("磁盘已满"), "磁盘已满"),
    (ReadError("不是年报"), "不是年报"),
    (ZeroDivisionError("division by zero"), "导出PDF时出现意外问题（ZeroDivisionError: division by zero）"),
    (MemoryError(), "导出PDF时内存不足，未能完成"),
])
def test_an_error_is_one_message(qtbot: QtBot, error: Exception, says: str) -> None:
    def work(_control: Control) -> None:
        raise error

    task = Task(work, what="导出PDF")
    with qtbot.waitSignal(task.failed, timeout=5000) as got:
        task.start()
    assert got.args == [says]


def test_work_that_polls_stops_when_cancelled(qtbot: QtBot) -> None:
    polled = threading.Event()

    def work(control: Control) -> None:
        while True:
            polled.set()
            control.check()
            time.sleep(0.005)

    task = Task(work).start()
    assert polled.wait(5)
    ended: list[str] = []
    task.succeeded.connect(lambda _v: ended.append("succeeded"))
    task.failed.connect(lambda _m: ended.append("failed"))
    task.cancelled.connect(lambda: ended.append("cancelled"))
    task.cancel()
    assert task.wait(5), "the worker stopped at its next check"
    for _ in range(5):
        QApplication.processEvents()
    assert ended == ["cancelled"] and not task.running and task not in tasks._alive


def test_work_that_gives_up_by_itself_reports_cancelled(qtbot: QtBot) -> None:
    def work(_control: Control) -> None:
        raise Cancelled

    task = Task(work)
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()


# -- streaming: items as they come, kept after 取消 ------------------------------------------------
def test_items_arrive_in_order_on_the_gui_thread_before_the_result(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    news: list[object] = []
    where: set[int] = set()

    def work(control: Control) -> str:
        for i in range(200):
            control.emit(i)
            if i % 50 == 49:
                control.progress(i + 1, 200)
        return "完成"

    task = Task(work)
    task.item.connect(lambda item: (news.append(item), where.add(threading.get_ident())))
    task.progressed.connect(lambda done, total: news.append((done, total)))
    task.succeeded.connect(lambda value: news.append(value))
    with qtbot.waitSignal(task.ended, timeout=5000):
        task.start()
    expected: list[object] = []
    for i in range(200):
        expected.append(i)
        if i % 50 == 49:
            expected.append((i + 1, 200))
    assert news == [*expected, "完成"] and where == {gui}


def test_items_delivered_stay_and_none_follow_a_cancel(qtbot: QtBot) -> None:
    """The worker goes on emitting after 取消 (it cannot stop midway): what the caller had stays,
    nothing more reaches it."""
    gate = threading.Event()  # holds the worker until the cancel is in

    def work(control: Control) -> None:
        for i in range(3):
            control.emit(i)
        assert gate.wait(20)
        for i in range(3, 6):
            control.emit(i)  # after the cancel: dropped
        time.sleep(0.05)

    got: list[object] = []
    ends: list[str] = []
    task = Task(work)
    task.item.connect(got.append)
    task.cancelled.connect(lambda: ends.append("cancelled"))
    task.succeeded.connect(lambda _v: ends.append("succeeded"))
    task.start()
    qtbot.waitUntil(lambda: len(got) == 3, timeout=5000)
    task.cancel()
    assert ends == ["cancelled"] and got == [0, 1, 2]
    gate.set()
    assert task.wait(5)
    qtbot.waitUntil(lambda: task not in tasks._alive, timeout=5000)
    assert got == [0, 1, 2] and ends == ["cancelled"]


def test_a_cancel_from_an_items_handler_drops_the_items_already_queued(qtbot: QtBot) -> None:
    """Every item is queued before the first is handled; the handler of the fifth cancels: exactly
    five were delivered, deterministically, not however many the event loop had in hand."""
    def work(control: Control) -> str:
        for i in range(100):
            control.emit(i)
        return "完成"

    got: list[object] = []
    task = Task(work)

    def take(item: object) -> None:
        got.append(item)
        if len(got) == 5:
            task.cancel()

    task.item.connect(take)
    ends: list[str] = []
    task.succeeded.connect(lambda _v: ends.append("succeeded"))
    task.cancelled.connect(lambda: ends.append("cancelled"))
    task.start()
    assert task.wait(5)  # the worker has queued all hundred (and its result) before any is handled
    qtbot.waitUntil(lambda: bool(ends), timeout=5000)
    for _ in range(5):
        QApplication.processEvents()
    assert got == [0, 1, 2, 3, 4] and ends == ["cancelled"]


def test_a_stream_that_fails_keeps_its_items_and_says_why_once(qtbot: QtBot) -> None:
    def work(control: Control) -> None:
        control.emit("甲")
        control.emit("乙")
        raise ReadError("文件夹已不存在")

    got: list[object] = []
    task = Task(work, what="批量检查")
    task.item.connect(got.append)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    assert got == ["甲", "乙"] and failed.args == ["文件夹已不存在"]
