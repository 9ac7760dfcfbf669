"""The log a user can send to support: stdlib logging to a rotating file.

The editor logs to Qt's AppDataLocation (chosen in ui/crashlog.py); the command line writes a
file only when something unexpected happens (``log_unexpected``), to ``cli_log_folder()``: it is
scripted, prints one line per problem already, and runs many worker processes, so a file on
every run would cost start-up time and fill the folder with nothing.

Two programs at once: each running process takes the first free *slot* — nianbao.log,
nianbao-2.log, … — by holding an OS lock on the slot's ``.lock`` file for as long as it runs
(released by the OS when the process ends, even on kill -9: no stale locks). So one file has one
writer, and rotation (rename to .1, .2, …) never pulls a file from under another process. A
relaunch takes nianbao.log again and appends to it.

Privacy: the log records program events, file NAMES, Qt's messages and tracebacks — never the
report's content (text, organ names). An exception's message is logged whole only for our own
errors (app.errors: file names and reasons); any other exception's message may quote a cell or
a sentence, so its Chinese is masked and it is cut short. Keep it so: a user e-mails this file.

A folder that cannot be written leaves logging off: a log must never stop the program working.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from app import logger
from app.limits import clear_odd_file

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

STEM = "nianbao"
MAX_BYTES = 1_000_000  # years of normal use; the whole file still fits in an e-mail
BACKUPS = 3  # nianbao.log.1 … .3: at most ~4 MB per slot
SLOTS = 8  # programs running at once that each get a file; more log nowhere
MESSAGE_LIMIT = 200  # characters of an exception's message kept (privacy, see above)
FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"

log = logger("nianbao")


class _State:
    handler: RotatingFileHandler | None = None
    lock: IO[bytes] | None = None
    failed = False  # a record could not be written (disk full, file gone): say so, never claim it


_starting = threading.Lock()  # worker threads' exception hook may start the log at the same time


class _Formatter(logging.Formatter):
    def formatException(self, ei: Any) -> str:
        kind, value, tb = ei
        return describe(kind, value, tb) if value is not None else ""


def _failed(record: logging.LogRecord) -> None:
    """logging's default prints a traceback to stderr when a record cannot be written; the log
    must never put a traceback in front of a user, nor stop the program."""
    _State.failed = True


def cli_log_folder() -> Path:
    """Where the command line logs: %LOCALAPPDATA%\\nianbao on Windows, the XDG state folder
    elsewhere (~/.local/state/nianbao) — no Qt, so no QStandardPaths."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / STEM
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / STEM


def slot_name(slot: int) -> str:
    return f"{STEM}.log" if slot == 0 else f"{STEM}-{slot + 1}.log"


def _try_lock(path: Path) -> IO[bytes] | None:
    """An exclusive, non-blocking OS lock on ``path``, held while the returned file is open."""
    try:
        f = open(path, "a+b")  # noqa: SIM115 - kept open: the lock lives as long as the file
    except OSError:
        return None
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        return None
    return f


def start(folder: Path) -> Path | None:
    """Log the "nianbao" loggers' INFO and above to the first free slot in ``folder``; the file,
    or None when no file can be written. Once per process: a second call keeps the first file."""
    with _starting:
        return _start(folder)


def _start(folder: Path) -> Path | None:
    if _State.handler is not None:
        return Path(_State.handler.baseFilename)
    from logging.handlers import RotatingFileHandler  # ~10 ms of imports (socket, pickle): not at start-up

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for slot in range(SLOTS):
        path = folder / slot_name(slot)
        lock = _try_lock(folder / f"{path.name}.lock")
        if lock is None:
            continue
        clear_odd_file(path)  # a FIFO there blocked the open for ever
        try:
            handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                          errors="backslashreplace")  # a file name not UTF-8: \\udcb1
        except OSError:
            lock.close()
            return None
        handler.setFormatter(_Formatter(FORMAT))
        handler.handleError = _failed  # type: ignore[method-assign]
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        _State.handler, _State.lock = handler, lock
        return Path(handler.baseFilename)
    return None


def current() -> Path | None:
    """The file this process logs to, if any (shown in 关于)."""
    return Path(_State.handler.baseFilename) if _State.handler is not None else None


def written() -> Path | None:
    """The file, if everything logged so far reached it: what a message may point the user to."""
    if _State.handler is None:
        return None
    try:
        _State.handler.flush()
    except OSError:
        _State.failed = True
    return None if _State.failed else Path(_State.handler.baseFilename)


def stop() -> None:
    """Close the file and free the slot (tests; an ending process does this by itself)."""
    if _State.handler is not None:
        log.removeHandler(_State.handler)
        with contextlib.suppress(OSError):  # the last lines could not be written (disk full)
            _State.handler.close()
    if _State.lock is not None:
        _State.lock.close()
    _State.handler = _State.lock = None
    _State.failed = False


_CJK = None  # the pattern below, compiled on first use (not on the start-up path)


def _masked(message: str) -> str:
    """An exception's message without the report in it: every run of Chinese (and full-width)
    characters becomes 〔略〕 — sentences, names and labels are Chinese; Python's and the
    libraries' own words (No space left on device, division by zero) stay."""
    import re

    global _CJK
    if _CJK is None:
        _CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0002ffff]+")
    return _CJK.sub("〔略〕", message)


def describe(kind: type[BaseException], value: BaseException, tb: object) -> str:
    """The traceback as text: frames (our code's lines), the exception's type and its message
    cut to MESSAGE_LIMIT — whole for our own errors (file names and reasons), with its Chinese
    masked for any other, whose message may quote the report (privacy, see above)."""
    from app.errors import ReadError, WriteError

    frames = "".join(traceback.format_tb(tb)) if tb is not None else ""  # type: ignore[arg-type]
    message = str(value) if isinstance(value, (ReadError, WriteError)) else _masked(str(value))
    if len(message) > MESSAGE_LIMIT:
        message = message[:MESSAGE_LIMIT] + "…（已截断）"
    name = f"{kind.__module__}.{kind.__qualname__}" if kind.__module__ != "builtins" else kind.__qualname__
    return f"Traceback (most recent call last):\n{frames}{name}: {message}"


def log_unexpected(error: BaseException, where: str = "") -> Path | None:
    """Record an exception nobody expected (the command line's last resort): the log file it
    went to, or None when none could be written."""
    start(cli_log_folder())
    log.error("意外错误%s\n%s", f"（{where}）" if where else "",
              describe(type(error), error, error.__traceback__))
    return written()
