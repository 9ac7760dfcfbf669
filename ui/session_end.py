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

Windows asks instead (logging off, shutting down, an update's restart): WM_QUERYENDSESSION, which
Qt gives as ``commitDataRequest``; an X11 session manager asks the same way.  Unanswered, Windows
ends the program a moment later — the last seconds of typing lost, and the owner file left in
a shared folder, where another computer is told for 12 hours that the report is being edited.
``commit_data`` writes every window's unsaved edits into its recovery copy first (nothing is lost
whatever happens next); then, only when the session manager lets the program ask, each window
with unsaved edits asks 保存/不保存/取消 as on closing, 取消 cancelling the logoff.  Never a
question where none may be asked: the logoff would wait on a dialog nobody can see.  When the
session does end (Qt's aboutToQuit right before Windows ends the process), the locks go.

A window answered 不保存 keeps its recovery copy until then: a later window's 取消 (or another
program's) cancels the logoff, and that window goes on open with its edits — without a copy it
would be the one window a crash could lose (the GUI tester's L7).  Its copy goes when the
session really ends.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication, QWidget

from app import logger

if TYPE_CHECKING:
    from PySide6.QtGui import QSessionManager

log = logger("nianbao.editor")

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


# The signal that ended the session, once one has: one that came while a question of the start
# was up (文件正在编辑, a recovered copy) ended the question's event loop, but the program's had
# not begun and began after it, the window on with nothing in it (gui22 under Xvfb, shot 36).
ended: list[int] = []


def end_session(signum: int) -> None:
    """Every window's unsaved edits kept for the next start, its locks let go; then quit."""
    from ui.main_window import MainWindow

    ended.append(signum)

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
        docs.state.flush(findings=False)  # an open cell editor, text typed a moment ago
        docs.autosave()  # synchronous; with nothing unsaved it drops the copy instead
        # A huge report's check process ended, the check that flush started in it too: nobody
        # reads its findings, and the interpreter's exit would wait for it (review16 L4).
        docs.state.end_checks()
        window.save_window()
        docs.write_recent()
    slot = docs._slot
    if slot is not None:
        slot.release()  # kept, not discarded: the next start offers it
        docs._slot = None
    docs.locks.release()


class _Manager(Protocol):
    """What ``commit_data`` uses of a QSessionManager (a test gives its own)."""

    def allowsInteraction(self) -> bool: ...
    def cancel(self) -> None: ...
    def release(self) -> None: ...


_ending: list[QApplication] = []  # the application told its session may end (its aboutToQuit hooked)
# The windows answered 不保存 in the latest round of questions: their copies go when the session
# ends, not at the answer (the module's docstring).  A new round asks again from nothing.
_dropped: list[QWidget] = []


def install_commit_data(app: QApplication) -> None:
    """From now on a session ending asks through ``commit_data`` (Windows included)."""
    app.commitDataRequest.connect(commit_data)


def _main_windows() -> list[QWidget]:
    from ui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.completed and w.isVisible()]


def commit_data(manager: QSessionManager | _Manager) -> None:
    """The session is ending: edits kept, then asked about where asking is allowed (the
    module's docstring)."""
    from ui.main_window import MainWindow

    windows = [w for w in _main_windows() if isinstance(w, MainWindow)]
    _dropped.clear()
    log.info("会话即将结束（注销、关机或重启）：未保存的修改写入恢复副本")
    for window in windows:
        try:
            window.docs.state.flush(findings=False)  # an open cell editor, text typed a moment ago
            window.docs.autosave()  # synchronous; nothing unsaved: no copy
        except Exception:  # one window's trouble never stops the others' copies
            log.exception("会话结束时未能写入“%s”的恢复副本", window.windowTitle())
    app = QApplication.instance()
    if isinstance(app, QApplication) and app not in _ending:  # asked again after a cancelled logoff: once
        _ending.append(app)
        app.aboutToQuit.connect(_session_ended)  # Windows ends the process right after this
    unsaved = [w for w in windows if w.docs.state.is_modified()]
    if not unsaved or not manager.allowsInteraction():
        return  # nobody may be asked: the copies are what the next start offers
    try:
        for window in unsaved:
            if window.isMinimized():  # the question shows over its window (a maximised one stays so)
                window.showNormal()
            window.raise_()
            window.activateWindow()
            if not window.docs.maybe_save():  # 保存/不保存/取消, as on closing; a failed save too
                log.info("会话结束已取消：“%s”未保存", window.windowTitle())
                _dropped.clear()  # the windows answered 不保存 go on, their copies kept
                manager.cancel()
                return
            if window.docs.state.is_modified():  # 不保存: nothing to recover once the session ends
                _dropped.append(window)
    finally:
        manager.release()


def _session_ended() -> None:
    """The program ends with the session: each window still open lets go of its copy's lock
    (the copy kept for the next start; deleted where 不保存 was answered) and of its report's
    owner file; nothing is written or asked here (Windows allows no time for it)."""
    from ui.main_window import MainWindow

    dropped = list(_dropped)
    _dropped.clear()
    for window in _main_windows():
        assert isinstance(window, MainWindow)
        try:
            if window in dropped:  # answered 不保存: as on closing, no copy offered next time
                window.docs.clear_autosave()
            window.save_window()
            window.docs.write_recent()
            slot = window.docs._slot
            if slot is not None:
                slot.release()
                window.docs._slot = None
            window.docs.locks.release()
            window.docs.state.end_checks()  # as on SIGTERM (keep_for_next_start): no check for the exit to wait on
        except Exception:
            log.exception("退出时未能释放“%s”", window.windowTitle())
