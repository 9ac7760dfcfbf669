"""The window's read of a risky file, in a child process bounded by the backstop (app/backstop.py).

The window reads on a thread of its own process (ui/reads.py), where no memory ceiling or
processor deadline can be set without hitting the whole editor and the user's unsaved edits.
A file the cheap look below calls risky — large, a package that inflates to much more than a
report's text, a PDF (the reader most exposed to hostile files from the web) — is read in a
spawned process instead: past its limits, or killed, it is one message and the window goes on.
An ordinary report (a .docx of tens or hundreds of KB) is read on the thread as ever: a process
costs some 0.5 s to start and import the readers, which the ordinary open must not pay.

Left in the window's process: a small file of a hostile class no cap knows and no look below
sees (a few KB that take minutes); the readers' caps are its bound.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from app.errors import ReadError

if TYPE_CHECKING:
    from app.report import Report

# A report's .docx is tens to hundreds of KB (the sample 18 KB; with photos some MB); what its
# parts inflate to, its XML, some hundreds of KB (the sample's 390 KB).  Beyond these the read
# may take seconds and hundreds of MB, and the 0.5 s of a process is small beside it.
RISKY_FILE_BYTES = 4 * 1024 * 1024
RISKY_XML_BYTES = 4 * 1024 * 1024
KILLED = "读取时程序意外终止（文件可能已损坏，或内容过大），未能打开"  # app/prefetch.py's words


def risky(path: Path) -> bool:
    """Whether ``path``'s read goes to a child process: a look of a stat and, for a zip, its
    directory (never the content)."""
    from app.limits import open_regular

    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > RISKY_FILE_BYTES:
                return True
            head = fh.read(5)
            if head.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
                return True
            if head.startswith(b"PK\x03\x04"):
                return _inflates_much(fh)
    except (OSError, ReadError, ValueError):
        return False  # the ordinary read says why, in its own words
    return False


def any_risky(files: Sequence[Path]) -> bool:
    """Whether any of ``files`` is (a window's batch of one such file reads it in a worker)."""
    return any(risky(Path(f)) for f in files)


def _inflates_much(fh: BinaryIO) -> bool:
    import zipfile

    from app.ziplimits import check_zip_directory

    try:
        check_zip_directory(fh)  # a directory past the caps: the reader refuses it as cheaply
        with zipfile.ZipFile(fh) as z:
            xml = sum(i.file_size for i in z.infolist() if i.filename.lower().endswith((".xml", ".rels")))
    except (ReadError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return xml > RISKY_XML_BYTES


def read(path: Path, cancelled: Callable[[], bool]) -> Report | None:
    """``path`` read in a process of its own (app.reading.load_report's report, its ReadError
    raised here), or None when no process could be started (a locked-down desktop: the caller
    reads it itself).  ``cancelled()``: the process is ended at once and None returned too —
    the caller's own cancel check follows."""
    from app.batch_pool import CANCEL_POLL_S, end_pool, spawn_pool

    try:
        pool = spawn_pool(1, _start)
        future = pool.submit(_read, str(path))
    except OSError:
        return None
    try:
        while not cancelled():
            try:
                return future.result(timeout=CANCEL_POLL_S)
            except TimeoutError:
                continue
            except ReadError:
                raise
            except Exception:  # killed (BrokenProcessPool), its report too big to send back
                raise ReadError(f"{path}：{KILLED}") from None
        return None
    finally:
        with contextlib.suppress(Exception):
            end_pool(pool)


def _start() -> None:
    from app import backstop
    from app.batch_pool import window_process_start

    window_process_start()
    backstop.arm()
    if hasattr(signal, "SIGKILL"):  # POSIX: 取消 ends the child with SIGTERM first (batch_pool.end_pool)
        signal.signal(signal.SIGTERM, _on_terminate)


def _on_terminate(signum: int, _frame: object) -> None:
    """取消: the read unwinds — a temporary folder it reads in (a converted .doc, an unpacked Word
    XML file: a copy of the user's document) removed, a LibreOffice converting stopped
    (app/office.convert's own cleanup) — and the child ends.  By SIGTERM's default action it died
    where it stood and left the folder behind; one stuck in a C call is killed after the grace."""
    raise SystemExit(128 + signum)


def _read(path: str) -> Report:
    """In the child: the report, or one ReadError line (the backstop's too)."""
    from app import backstop
    from app.reading import load_report

    try:
        with backstop.reading():
            return load_report(path)
    except backstop.TooCostly as e:
        raise ReadError(f"{path}：{e}") from None
