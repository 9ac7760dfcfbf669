"""Slow work off the UI thread, behind one helper (as Anki's QueryOp): a pure function from app/
runs on a worker thread; its progress, its result or its one Chinese error message come back to
the GUI thread as signals, so the window keeps painting and answering while a file is read, a
.doc is converted or a PDF is prepared.

    task = Task(lambda control: load_report(path), what="打开")
    task.succeeded.connect(...); task.failed.connect(...)   # failed: one message, never a traceback
    task.start()
    task.cancel()  # the caller goes on at once; a result arriving later is dropped

Streaming: work that produces its results one by one (the reviewer's batch) hands each over with
``control.emit(item)``; ``Task.item`` delivers them on the GUI thread, in order, as they come.
An item delivered stays the caller's after a cancel (a cancelled batch keeps the rows already
checked); from the moment ``cancel()`` is called no further item is delivered, so what the user
saw when pressing 取消 is exactly what is kept, however far the worker got before it stopped.

Threads, not processes: the work is reading one file (tens to hundreds of milliseconds of
Python, lxml parsing without the GIL) or waiting for LibreOffice (a process already).  A thread
shares the result without pickling a Report and starts in microseconds, where a process would
first spend longer importing app/ than most reads take; Python hands the GIL back to the GUI
thread every few milliseconds (sys.getswitchinterval), which keeps the event loop turning (a
test measures it with a reader that never sleeps).  That holds while the window asks Python for
little; a repaint of a list asks its model thousands of times (4,256 data() calls for 40 rows of
the batch list), each waiting for the GIL in turn, so seconds of Python work beside a list that
repaints go to a process instead: the reviewer's batch (app.batch runs its own) and its summary
workbook (app.batch_pool.run_apart).

Cancelling is cooperative: work that takes a ``Control`` polls ``control.cancelled()`` (or
calls ``control.check()``); work that cannot stop midway runs to its end and its result is
dropped.  The caller learns of the cancel at once either way.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app import logger
from app.errors import ReadError, WriteError

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

# Its own pool: at exit only ours is waited for.  Room for several: a cancelled read that cannot
# stop midway (a LibreOffice conversion) keeps its thread until it ends, and must not hold up
# the next file the user opens.
_pool = QThreadPool()
_pool.setMaxThreadCount(8)
_alive: set[Task] = set()  # a task is kept until its worker has finished, whoever dropped it


class Cancelled(Exception):
    """Raised by ``Control.check()`` inside work that was cancelled."""


class Control:
    """What the work function sees of its task: report progress, ask whether to stop."""

    def __init__(self, stop: threading.Event, progress: Callable[[int, int], None],
                 emit: Callable[[object], None] = lambda _item: None) -> None:
        self._stop = stop
        self._progress = progress
        self._emit = emit

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled

    def progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps (total 0: busy, no measure yet)."""
        self._progress(done, total)

    def emit(self, item: object) -> None:
        """Hand ``item`` to the GUI thread now (``Task.item``); after a cancel it is dropped."""
        if not self._stop.is_set():  # no use queueing what the GUI thread will drop
            self._emit(item)


def error_message(error: BaseException, what: str) -> str:
    """The one message for a failed task: our errors say why; anything else is named."""
    if isinstance(error, ReadError | WriteError):
        return str(error)
    if isinstance(error, MemoryError):
        return f"{what}时内存不足，未能完成"
    return f"{what}时出现意外问题（{type(error).__name__}: {error}）"


class _Relay(QObject):
    """Carries the worker's news to the GUI thread: emitted from the worker, queued to the task."""

    step = Signal(int, int)
    item = Signal(object)
    result = Signal(object)
    error = Signal(str)
    over = Signal()


class Task(QObject):
    """One piece of slow work.  Exactly one of ``succeeded``, ``failed`` or ``cancelled`` is
    emitted (on the GUI thread), then ``ended``."""

    progressed = Signal(int, int)  # done, total
    item = Signal(object)  # streaming: each item the work hands over with control.emit, in order
    succeeded = Signal(object)  # the function's result
    failed = Signal(str)  # one Chinese message
    cancelled = Signal()
    ended = Signal()

    def __init__(self, work: Callable[[Control], Any], what: str = "处理",
                 describe: Callable[[BaseException, str], str] = error_message) -> None:
        super().__init__()  # parentless: it must outlive a window closed while the worker runs
        self.work = work
        self.what = what
        self.describe = describe
        self._stop = threading.Event()
        self._finished = threading.Event()  # the worker is done with this task
        self._settled = False  # the caller has had its answer
        self.started = False
        self._relay = _Relay()
        self._relay.step.connect(self._step)
        self._relay.item.connect(self._item)
        self._relay.result.connect(self._result)
        self._relay.error.connect(self._error)
        self._relay.over.connect(self._over)

    @property
    def running(self) -> bool:
        return self.started and not self._settled

    def start(self) -> Task:
        self.started = True
        _alive.add(self)
        _pool.start(self._run)
        return self

    def hold(self) -> Task:
        """Started, its work to run later on this (the GUI) thread, ``run_here``: a task that
        first waits for something the event loop watches.  ``cancel`` works meanwhile as ever;
        ``run_here`` must still be called (the work sees it cancelled) for the task to end."""
        self.started = True
        _alive.add(self)
        return self

    def run_here(self) -> None:
        """The work of a held task, now, on this thread: its news is delivered as it is emitted."""
        self._run()

    def isRunning(self) -> bool:
        """QThread's name for ``running``: code written for a worker thread reads the same."""
        return self.running

    def cancel(self) -> None:
        """Stop: the caller hears ``cancelled`` now; the worker's result, if any, and any item
        it emits from now on are dropped (items delivered before stay delivered)."""
        if self._settled:
            return
        self._stop.set()
        self._settle(self.cancelled.emit)

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the worker has finished (tests, exit); True if it did."""
        return self._finished.wait(timeout_s)

    # -- the worker thread ----------------------------------------------------------------------
    def _run(self) -> None:
        relay = self._relay
        control = Control(self._stop, lambda done, total: relay.step.emit(done, total), relay.item.emit)
        try:
            value = self.work(control)
        except Cancelled:
            pass
        except BaseException as e:  # anything: a worker must never raise into Qt's pool
            if not isinstance(e, (ReadError, WriteError)):  # a bug: its traceback for the log
                logger("nianbao.tasks").error("%s时出现意外错误", self.what, exc_info=e)
            relay.error.emit(self.describe(e, self.what))
        else:
            relay.result.emit(value)
        finally:
            try:
                relay.over.emit()
            finally:  # after it, posted before wait() returns: processEvents after it delivers it
                self._finished.set()

    # -- back on the GUI thread -----------------------------------------------------------------
    def _step(self, done: int, total: int) -> None:
        if not self._settled:
            self.progressed.emit(done, total)

    def _item(self, value: object) -> None:
        # Queued behind the items before it and ahead of the result: the order the work emitted.
        # Not after a cancel, even one made by the handler of the item before.
        if not self._settled and not self._stop.is_set():
            self.item.emit(value)

    def _result(self, value: object) -> None:
        if not self._settled and not self._stop.is_set():
            self._settle(lambda: self.succeeded.emit(value))

    def _error(self, message: str) -> None:
        if not self._settled and not self._stop.is_set():
            self._settle(lambda: self.failed.emit(message))

    def _over(self) -> None:
        if not self._settled:  # the work stopped itself (Cancelled) without being asked
            self._settle(self.cancelled.emit)
        _alive.discard(self)

    def _settle(self, emit: Callable[[], None]) -> None:
        self._settled = True
        emit()
        self.ended.emit()


def run_task(work: Callable[[Control], Any], what: str = "处理") -> Task:
    return Task(work, what).start()


def cancel_all(wait_s: float = 5.0) -> None:
    """At exit: every running task told to stop, and a moment for workers to end cleanly."""
    for task in list(_alive):
        task.cancel()
    _pool.waitForDone(int(wait_s * 1000))


# Also when the interpreter ends without the application quitting (a script, a test's process,
# events processed after quit): a worker still running Python while the interpreter tears down
# ends the process with a segmentation fault.
atexit.register(cancel_all)


class TaskPage(QWidget):
    """The page shown while slow work runs in place of a document: what is happening, how far
    (where the work says), and 取消."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPage")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("font-size: 13pt; color: #1f3a5f;")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(420)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setToolTip("停止打开，回到原来的报告")
        box = QVBoxLayout(self)
        box.addStretch(2)
        box.addWidget(self.label)
        box.addSpacing(8)
        box.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addSpacing(8)
        box.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(3)
        from PySide6.QtGui import QKeySequence, QShortcut  # built when a file is first opened, not at start

        # Esc is 取消 wherever the focus is in the window, only while this page shows (Qt fires a
        # widget's shortcut only while the widget is visible).
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WindowShortcut)
        escape.activated.connect(self.cancel_button.click)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.cancel_button.setFocus()  # shown in a window not yet shown too; Space cancels as well

    def show_task(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the work says how far it is

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
