"""Qt's own messages (qWarning and the like) into stdlib logging, never onto the terminal.

Qt prints its warnings to stderr by default ("This plugin does not support propagateSizeHints()"
under the offscreen platform, fontconfig's and Wayland's notes): a user running
``python -m app FILE --screenshot`` or ``export --to .pdf`` from a script must see only our own
lines.  The messages are kept, not dropped: they go to the ``nianbao.qt`` logger, which the
editor writes to its log file (ui/crashlog.py) and a caller may configure as it likes.
No QtWidgets here: ``export --to .pdf`` (ui/print_pdf.py) uses this without loading them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from app import logger

if TYPE_CHECKING:
    import logging

# logging's levels (its documented values): ``logging`` itself is imported at the first message
# or when the log file opens, not at every start (~1 ms with string's), as the window is built.
DEBUG, INFO, WARNING, ERROR, CRITICAL = 10, 20, 30, 40, 50
LEVELS = {
    QtMsgType.QtDebugMsg: DEBUG,
    QtMsgType.QtInfoMsg: INFO,
    QtMsgType.QtWarningMsg: WARNING,
    QtMsgType.QtCriticalMsg: ERROR,
    QtMsgType.QtFatalMsg: CRITICAL,
}


def qt_log() -> logging.Logger:
    """The ``nianbao.qt`` logger (made, and logging imported, at the first call)."""
    return logger("nianbao.qt")


def level_of(mode: QtMsgType) -> int:
    return LEVELS.get(mode, WARNING)


def to_log(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The handler: the message into the log, at the level Qt gave it."""
    qt_log().log(level_of(mode), "%s", message)


def install() -> None:
    """Qt's messages into the log from now on, unless a handler of ours (or a test's) is there:
    it already takes them, and is left in place."""
    previous = qInstallMessageHandler(to_log)
    if previous is not None and previous is not to_log:
        qInstallMessageHandler(previous)
