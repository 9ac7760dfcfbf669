"""The editor's log: Qt's messages and exceptions nobody caught go to the log file (app/logs.py).

An exception raised in a slot or an event handler (or in a worker thread) is logged with its
traceback; the user sees ONE message in Chinese naming the log file — never a traceback — and
the editor keeps running with the document open, so what was typed can still be saved. The same
fault repeating (a paint handler, a timer) is logged each time but shown once.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QMetaObject,
    QObject,
    QStandardPaths,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from app import __version__, logger
from ui import qtlog
from ui.appsetup import APP_NAME

if TYPE_CHECKING:
    import logging

# logging and app.logs are imported when the log file opens (after the window is up) or at the
# first fault: not at every start, with the window's modules (~1 ms).


def log() -> logging.Logger:
    """The editor's logger (logging imported at the first call)."""
    return logger("nianbao.editor")


def log_unexpected(what: str, error: BaseException) -> None:
    """A failure the user was told of in one line (保存失败: 写入时出现意外问题（TypeError）) with
    Python's own reason and traceback in the log, where support reads it: an autosave once failed
    so under Xvfb (gui23) and nothing anywhere said where.  The disk's refusals are no fault."""
    from app.io import WriteError  # here: app.io is not on the start's path

    cause: BaseException | None = error
    while isinstance(cause, WriteError):  # the path's line round the writer's line round the cause
        cause = cause.__cause__
    if cause is not None and not isinstance(cause, OSError | MemoryError):
        log().error("%s：%s", what, error, exc_info=cause)

OPEN_DELAY_MS = 300  # after the window is shown (ui.main arms it once the window is complete)
HELD_MAX = 200  # Qt warnings kept for the file until it opens; more open it at once
ShowError = Callable[[str], None]
QtHandler = Callable[[QtMsgType, QMessageLogContext, str], None]


def data_folder() -> Path:
    """The user's data folder Qt chooses for this program: ~/.local/share/nianbao/年报编辑器 on
    Linux, %APPDATA%\\nianbao\\年报编辑器 on Windows (needs the application's names set)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def crash_message(path: Path | None) -> str:
    if path:
        where = (f"详细情况已记录在日志文件中：\n{path}\n"
                 "如需帮助，请把这个日志文件发给技术支持（其中只有文件名，没有报告内容）。")
    else:  # nothing to send: say what to tell instead
        where = "（日志文件无法写入，未能记录详细情况。）\n如需帮助，请告诉技术支持出错前做了什么操作、打开的是哪个文件。"
    return (f"{APP_NAME}遇到了一个意外错误，刚才的操作可能没有完成。\n\n"
            "报告仍然打开，已输入的内容没有丢失：请先保存，再继续工作；如问题反复出现，请重新启动程序。\n\n"
            f"{where}")


def show_box(text: str) -> None:
    from ui.filedialogs import notice  # when a fault comes: QMessageBox's enums are not built at every start

    notice(QApplication.activeWindow(), f"{APP_NAME} - 意外错误", text, "critical")


class _Bridge(QObject):
    """Carries a worker thread's fault to the UI thread, where a message box may be shown."""

    fault = Signal(str)


class CrashLog:
    """The installed hooks; ``uninstall`` puts back what was there (tests, embedding)."""

    def __init__(self, show: ShowError, folder: Path | None) -> None:
        self.show = show
        self.folder = folder  # where the file goes once opened (None: no file)
        self.shown: set[str] = set()  # fault sites already shown to the user
        # Qt's warnings before the file opens (at start-up some platforms warn at once: the
        # offscreen one, Wayland, fontconfig): written when it opens, not opening it early, each
        # with the time Qt said it (time.time(), as a log record's); no logging at start meanwhile.
        self.held: list[tuple[float, int, str]] = []
        self._holding = threading.Lock()  # Qt warns from any thread; open_file takes the list
        self.showing = False
        self.bridge = _Bridge()
        self.bridge.fault.connect(self._show_once)
        self._previous_qt: QtHandler | None = None
        self._previous_hooks = (sys.excepthook, threading.excepthook)
        self.quit_connection: QMetaObject.Connection | None = None

    def open_file(self) -> Path | None:
        """Open the log file (once; later calls return it). Deferred until the window is up, so
        start-up pays nothing, and forced at once by the first fault or Qt error (Qt's warnings
        meanwhile are held, and written first)."""
        from app import logs

        if self.folder is None or logs.current() is not None:
            return logs.current()
        path = logs.start(self.folder)
        log().info("%s %s 启动：Python %s，%s", APP_NAME, __version__, sys.version.split()[0], sys.platform)
        with self._holding:
            held, self.held = self.held, []
        qt_log = qtlog.qt_log()
        for said, level, message in held if path is not None else ():
            record = qt_log.makeRecord(qt_log.name, level, "(qt)", 0, "%s", (message,), None)
            record.created, record.msecs = said, int((said - int(said)) * 1000) + 0.0  # as logging makes them
            qt_log.handle(record)
        return path

    def qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = qtlog.level_of(mode)
        held = False
        if level == qtlog.WARNING and self.folder is not None:
            logs = sys.modules.get("app.logs")  # not imported: the file has not been opened
            with self._holding:
                if (logs is None or logs.current() is None) and len(self.held) < HELD_MAX:  # into the file when it opens
                    self.held.append((time.time(), level, message))
                    held = True
        if not held:
            if level > qtlog.INFO:
                self.open_file()
            qtlog.qt_log().log(level, "%s", message)
        # Never printed to stderr as Qt's default handler would: a screenshot run or a script
        # sees no Qt noise; the message is in the log (ui/qtlog.py).
        if self._previous_qt is not None and self._previous_qt is not qtlog.to_log:  # pytest-qt's capture, an embedder's
            self._previous_qt(mode, context, message)

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        from app import logs

        self.open_file()
        log().error("未捕获的异常\n%s", logs.describe(kind, value, tb))
        self._show_once(_site(tb, kind))

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        from app import logs

        name = args.thread.name if args.thread is not None else "?"
        self.open_file()  # a second opener racing this one is harmless: start() keeps the first
        log().error("线程 %s 中未捕获的异常\n%s", name, logs.describe(args.exc_type, args.exc_value, args.exc_traceback))
        self.bridge.fault.emit(_site(args.exc_traceback, args.exc_type))  # queued to the UI thread

    def _show_once(self, site: str) -> None:
        if self.showing or site in self.shown:  # a box is up, or this fault was shown: logged only
            return
        self.shown.add(site)
        self.showing = True
        from app import logs

        try:
            self.show(crash_message(logs.written()))
        except Exception:  # the message itself failed (no display, quitting): the log has it
            log().exception("无法显示错误消息")
        finally:
            self.showing = False

    def uninstall(self) -> None:
        if self.quit_connection is not None:
            QObject.disconnect(self.quit_connection)
        qInstallMessageHandler(self._previous_qt)  # type: ignore[arg-type]
        sys.excepthook, threading.excepthook = self._previous_hooks


def _site(tb: TracebackType | None, kind: type[BaseException]) -> str:
    """Where a fault was raised (innermost frame), so a repeating one is shown once."""
    last = tb
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    if last is None:
        return kind.__qualname__
    code = last.tb_frame.f_code
    return f"{kind.__qualname__}@{code.co_filename}:{last.tb_lineno}"


def install(show: ShowError = show_box, folder: Path | None = None, to_file: bool = True,
            open_after_ms: int | None = OPEN_DELAY_MS) -> CrashLog:
    """Route Qt's messages and uncaught exceptions to the log in ``folder`` (default: the user's
    data folder), opened once the event loop runs. With ``to_file`` False only the hooks (a
    screenshot run leaves the user's folders alone)."""
    hooks = CrashLog(show, (folder if folder is not None else data_folder()) if to_file else None)
    hooks._previous_qt = cast("QtHandler | None", qInstallMessageHandler(hooks.qt_message))
    sys.excepthook = hooks.excepthook
    threading.excepthook = hooks.thread_hook
    if to_file:
        if open_after_ms is not None:  # None: the caller opens it (ui.main: once its window is complete)
            QTimer.singleShot(open_after_ms, hooks.open_file)
        app = QCoreApplication.instance()
        if app is not None:  # no such line after 启动 in the log: that run crashed or was killed
            hooks.quit_connection = app.aboutToQuit.connect(lambda: log().info("正常退出"))
    return hooks
