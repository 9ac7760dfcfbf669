"""The end of a session nobody chose in the window: SIGTERM (logging out, shutting down, ``kill
PID``), SIGHUP (the terminal it was started from closed), SIGINT (Ctrl+C there).

Left to Python, TERM and HUP end the process at once, the report's owner file
(``.nianbao-lock.<name>#``) left in its folder, and INT raises KeyboardInterrupt into whichever
slot runs.  Here each window keeps its unsaved edits as its recovery copy (offered at the next
start, as after a crash), lets go of its locks, and the program quits asking nothing: nobody is
there to answer.  A second signal ends the process at once, as before.

Python runs its handler for a signal only when the interpreter next gets control, which can be
long while Qt's event loop waits; so the C-level handler's wakeup byte (``signal.set_wakeup_fd``)
goes into a pipe a QSocketNotifier watches, and the work runs in the event loop between two
events, never inside one.  Windows has neither signal from outside the process: nothing is
installed there.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("nianbao.editor")

ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


def _noted(_signum: int, _frame: FrameType | None) -> None:
    """Python's half of the handler does nothing: the wakeup byte has said it all."""


class SessionEnd(QObject):
    """The pipe, its notifier and the handlers, for as long as the application runs."""

    def __init__(self, app: QApplication, end: Callable[[int], None]) -> None:
        super().__init__(app)
        self._end = end
        self.ending = False
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)  # drained until empty
        os.set_blocking(self._write, False)  # set_wakeup_fd's rule: a full pipe drops a byte, never blocks
        self._previous_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        self._previous: dict[int, object] = {}
        for sig in ENDING:
            if signal.getsignal(sig) is signal.SIG_IGN:  # nohup: asked to outlive the terminal
                continue
            self._previous[sig] = signal.signal(sig, _noted)
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        try:
            data = os.read(self._read, 512)  # each byte a signal's number
        except OSError:
            return
        caught = [sig for sig in data if sig in self._previous]
        if not caught or self.ending:
            return
        self.ending = True
        for sig in self._previous:  # a second one while ending: the process ends at once
            signal.signal(sig, signal.SIG_DFL)
        self._end(caught[0])

    def uninstall(self) -> None:
        """Handlers and wakeup as they were (a test's process goes on)."""
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            if not self.ending:
                signal.signal(sig, handler)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._previous_fd)
        os.close(self._read)
        os.close(self._write)


def install(app: QApplication) -> SessionEnd | None:
    """From now on these signals end the session as ``end_session`` does (None: not here, on
    Windows or off the main thread)."""
    if os.name == "nt" or not ENDING:
        return None
    try:
        return SessionEnd(app, end_session)
    except (ValueError, OSError) as e:  # not the main thread; no pipe: as before
        log.warning("未能接管退出信号：%s", e)
        return None


def end_session(signum: int) -> None:
    """Every window's unsaved edits kept for the next start, its locks let go; then quit."""
    from ui.main_window import MainWindow

    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = str(signum)
    log.info("收到 %s：未保存的修改留作恢复副本，退出", name)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            try:
                keep_for_next_start(widget)
            except Exception:  # one window's trouble never keeps the others' locks, nor the program
                log.exception("退出时未能保留“%s”", widget.windowTitle())
    QApplication.exit(0)  # every event loop ends, a question's too: nobody is there to answer


def keep_for_next_start(window: QWidget) -> None:
    """As a crash would leave the window's report, but tidily: its unsaved edits in its
    recovery copy (written now, not when the timer would), the copy's lock and the report's
    owner file released; the window's layout and recent files kept as on closing."""
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    docs = window.docs
    docs.cancel_load()  # a file still being read was never shown: nothing of it to keep
    if window.completed:
        docs.state.flush()  # an open cell editor, text typed a moment ago
        docs.autosave()  # synchronous; with nothing unsaved it drops the copy instead
        window.save_window()
        docs.write_recent()
    slot = docs._slot
    if slot is not None:
        slot.release()  # kept, not discarded: the next start offers it
        docs._slot = None
    docs.locks.release()
