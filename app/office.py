"""LibreOffice, where it is installed: converting old or foreign formats, with a private
profile so that a running LibreOffice (or another conversion) does not get in the way, and
locked down so that converting a stranger's file never reaches the network nor runs its
macros: linked pictures and other untrusted links blocked, links never updated, macros off at
the highest security level, no proxy lookup, no update check."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from app import childenv

CANCEL_POLL_S = 0.1  # how often a conversion looks whether it was cancelled
# Long enough for a real old report on a slow office PC (LibreOffice's own start with a fresh
# profile takes a few seconds), short enough that `check` stays under the 60 s "never hang" bar.
TIMEOUT_S = 45.0


class TooSlow(Exception):
    """LibreOffice did not finish within the time given: the file is too large or too complex."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"{seconds:g}")
        self.seconds = seconds


def too_slow_text(seconds: float) -> str:
    return f"文件过大或过于复杂，LibreOffice 在 {seconds:g} 秒内未能转换完成"

# (configuration path, property, value): written into the private profile's
# registrymodifications.xcu before every conversion (names from LibreOffice's main.xcd).
LOCKDOWN: tuple[tuple[str, str, str], ...] = (
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "CheckDocumentEvents", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # 0: never update links
    ("/org.openoffice.Office.Writer/Content/Update", "Field", "false"),
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "0"),
    # Anything that still tries the network goes to a proxy that is never there (port 9, the
    # discard port, on this machine), local addresses included.
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments",
     "AutoCheckEnabled", "false"),
)


_DEAD = "http://127.0.0.1:9"
# The same dead proxy for whatever reads the environment rather than the profile.
DEAD_PROXY_ENV = {name: _DEAD for name in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy",
                                           "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY")}
DEAD_PROXY_ENV.update(no_proxy="", NO_PROXY="")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def private_profile(folder: Path) -> Path:
    """A fresh LibreOffice user profile in ``folder`` carrying LOCKDOWN; returns the folder."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in LOCKDOWN
    )
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n{items}\n</oor:items>\n',
        encoding="utf-8",
    )
    return folder


# `soffice` is a launcher (oosplash on Linux, soffice.exe on Windows) that starts soffice.bin
# and may exit first: killing only the process we started leaves soffice.bin running (a core
# busy, a gigabyte held).  Each conversion gets its own process group / session, and the whole
# group is stopped on timeout, cancel, error and interpreter exit.
_WINDOWS = sys.platform == "win32"
_live: set[int] = set()  # group leaders (POSIX) / root pids (Windows) not yet stopped
# Held from starting a conversion until it is in _live (and written down): whoever stops them
# all (stop_all, from another thread) then sees every one that was started.
_live_lock = threading.Lock()
_closed = False  # stop_all(final=True) ran: this process is ending, no conversion starts
# Where a batch worker writes down each conversion's group (one empty file named by its id),
# so that the batch that ends the worker — or finds it killed — stops them too (stop_recorded).
_record_in: Path | None = None


# Windows: a console program (soffice.com, taskkill) started from a windowed one opens a console
# window of its own that flashes up; every process the editor starts is given none.
NO_WINDOW = 0x08000000  # CREATE_NO_WINDOW


def no_window(windows: bool = _WINDOWS) -> int:
    """Popen's creationflags for a helper the user should never see (0 off Windows)."""
    return getattr(subprocess, "CREATE_NO_WINDOW", NO_WINDOW) if windows else 0


def group_options(windows: bool = _WINDOWS) -> tuple[int, bool]:
    """Popen's (creationflags, start_new_session) that put the conversion in a group of its own."""
    if windows:
        return getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200) | no_window(windows), False
    return 0, True


def taskkill_command(pid: int) -> list[str]:
    """Windows: the whole tree under ``pid`` (/T), forcibly (/F)."""
    return ["taskkill", "/F", "/T", "/PID", str(pid)]


def stop_group(pid: int, windows: bool = _WINDOWS,
               run: Callable[..., object] = subprocess.run) -> None:
    """Every process of the conversion started as ``pid``; never raises."""
    try:
        if windows:
            run(taskkill_command(pid), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                timeout=10, check=False, creationflags=no_window(windows))
        else:
            os.killpg(pid, signal.SIGKILL)  # pid is the group id: start_new_session made it so
    except (OSError, subprocess.SubprocessError):
        pass  # already gone, or nothing more this process may do about it


def _end_group(process: subprocess.Popen[bytes], windows: bool | None = None) -> None:
    """What is left of a conversion once it is over (done, failed, cancelled, too slow)
    stopped.  POSIX: its group, also after the launcher exited (a helper it left behind is still
    in the group).  Windows: taskkill finds the tree through its root only, so once the launcher
    has exited there is nothing it can find — a process (taskkill.exe) started for nothing after
    every conversion; only a launcher still running is stopped with its tree."""
    if (_WINDOWS if windows is None else windows) and process.poll() is not None:
        return
    stop_group(process.pid)


def stop_all(final: bool = True) -> None:
    """Every conversion this process is running stopped now (the process is ending: the editor
    quitting, a batch worker told to end); with ``final`` none starts after.  Safe from any
    thread — not from a signal handler, which may interrupt a conversion holding the lock."""
    global _closed
    with _live_lock:
        _closed = _closed or final
        pids = list(_live)
    for pid in pids:
        stop_group(pid)


def record_groups_in(folder: Path | None) -> None:
    """From now on each conversion's group is written down in ``folder`` while it runs."""
    global _record_in
    _record_in = folder


def stop_recorded(folder: Path, windows: bool = _WINDOWS) -> None:
    """The conversions written down in ``folder`` by processes that may have ended without
    stopping them (a batch worker killed): stopped, and their records removed."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return
    for name in names:
        if name.isdigit():
            stop_group(int(name), windows)
        with contextlib.suppress(OSError):
            (folder / name).unlink()


def _note(pid: int, running: bool) -> None:
    folder = _record_in
    if folder is None:
        return
    with contextlib.suppress(OSError):  # a record that cannot be written only loses the backstop
        if running:
            (folder / str(pid)).touch()
        else:
            (folder / str(pid)).unlink()


atexit.register(stop_all)


def convert(src: Path, to: str, outdir: Path, timeout: float | None = None,
            cancelled: Callable[[], bool] | None = None) -> Path | None:
    """``src`` converted to format ``to`` (docx, pdf, …) in ``outdir``; None when LibreOffice
    is missing, fails, or ``cancelled()`` turns true (LibreOffice is stopped then: the user who
    pressed 取消 is not kept waiting for it, nor is a second conversion); TooSlow after
    ``timeout`` seconds (TIMEOUT_S when None).  No process of the conversion outlives the call."""
    with contextlib.suppress(FileNotFoundError):  # gone: LibreOffice fails on it as on any it cannot open
        src = _own_copy(src, outdir / "source")  # first: a zip bomb is said so, LibreOffice or not
    program = soffice()
    if program is None:
        return None
    profile = private_profile(outdir / "lo-profile")
    # A file URI, not "file://" + path: Windows paths and user names with spaces or Chinese.
    # The file and folder by absolute paths: a name is the sender's to choose, and a relative one
    # (`check .`, `check *.doc`) read as LibreOffice's own option — "-env:UserInstallation=file:x.rtf"
    # put another profile in place of the private one that keeps it off the network, "--version.rtf"
    # failed the conversion.
    cmd = [program, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", to, "--outdir", os.path.abspath(outdir), os.path.abspath(src)]
    flags, new_session = group_options()
    with _sigterm_as_cancel() as terminated:
        with _live_lock:
            if _closed:
                return None
            try:
                from app import backstop

                with backstop.lifted():  # LibreOffice has its own timeout, not our read's limits
                    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                               env={**childenv.for_other_program(), **DEAD_PROXY_ENV},
                                               creationflags=flags, start_new_session=new_session)
            except OSError:
                return None
            _live.add(process.pid)
            _note(process.pid, running=True)
        try:
            stop = terminated if cancelled is None else lambda: terminated() or cancelled()
            if not _wait(process, TIMEOUT_S if timeout is None else timeout, stop):
                return None
        finally:
            _end_group(process)
            with _live_lock:
                _live.discard(process.pid)
                _note(process.pid, running=False)
            if process.poll() is None:
                process.kill()
            process.wait()
    out = outdir / f"{src.stem}.{to}"
    return out if out.exists() else None


def _own_copy(src: Path, folder: Path) -> Path:
    """``src`` copied into ``folder`` under its own name, through one opening that never waits
    (app.limits.open_regular): LibreOffice opens what it is given by name, and a file swapped for
    a FIFO since the reader looked kept it waiting to the timeout; the copy is the file looked at.
    A file still growing is copied only to app.limits.MAX_CONVERTED_BYTES (app.reading refused a
    larger one by its size before; this stops one that grew since); a zip's parts are bounded as a
    .docx's are (app.ziplimits).  ReadError naming the file when it is no regular file, too
    large, or a zip past those bounds; PermissionError as it is (the reader says it is held);
    any other refusal in Chinese."""
    from app import limits
    from app.errors import DAMAGED_DOCX, ReadError, unreadable
    from app.limits import open_regular
    from app.ziplimits import check_package

    try:
        with open_regular(src) as fh:
            if fh.read(4) == b"PK\x03\x04":  # an .odt (or a package under another name): a zip bomb
                try:  # is refused at once; LibreOffice inflated 1.5 GB of content.xml to its timeout
                    check_package(fh, "Word 文档")
                except ReadError as e:
                    if str(e) != DAMAGED_DOCX:  # a zip LibreOffice may still repair is its to try
                        raise ReadError(f"{src}：{e}") from e
            fh.seek(0)
            folder.mkdir(parents=True, exist_ok=True)
            copy = folder / src.name
            copied = 0
            with copy.open("wb") as out:
                while copied <= limits.MAX_CONVERTED_BYTES and (chunk := fh.read(1 << 20)):
                    out.write(chunk)
                    copied += len(chunk)
    except (PermissionError, FileNotFoundError):
        raise
    except OSError as e:
        raise ReadError(f"{src}：{unreadable(e)}") from e
    if copied > limits.MAX_CONVERTED_BYTES:
        copy.unlink()
        raise ReadError(f"{src}：文件超过{limits.MAX_CONVERTED_BYTES // 1048576} MB（读取时仍在变长，可能还没有下载或复制完），"
                        "不像一份年度报告，未读取")
    return copy


@contextlib.contextmanager
def _sigterm_as_cancel() -> Iterator[Callable[[], bool]]:
    """A command-line run (`check old.doc`) ended by SIGTERM, or by SIGHUP/SIGQUIT (its terminal
    closed) while it converts: by default the process would die on the spot and its LibreOffice,
    in a session of its own, live on.  While converting, the signal only says "stop" (noticed
    within CANCEL_POLL_S, even while LibreOffice is being started); the conversion is stopped,
    then the process ends as the signal meant.  Only signals nobody else handles (the editor
    and the batch workers handle theirs; one ignored, as under nohup, stays ignored) and only on
    the main thread (the only one Python lets set a handler)."""
    names = ("SIGTERM", "SIGHUP", "SIGQUIT")
    ours = [getattr(signal, n) for n in names if hasattr(signal, n)]
    if not hasattr(signal, "SIGKILL") or threading.current_thread() is not threading.main_thread():
        ours = []
    ours = [s for s in ours if signal.getsignal(s) is signal.SIG_DFL]
    if not ours:
        yield lambda: False
        return
    got: list[int] = []
    previous = {s: signal.signal(s, lambda signum, _frame: got.append(signum)) for s in ours}
    try:
        yield lambda: bool(got)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if got:
        raise SystemExit(128 + got[0])


def _wait(process: subprocess.Popen[bytes], timeout: float, cancelled: Callable[[], bool] | None) -> bool:
    """True when ``process`` ended by itself; False when cancelled; TooSlow after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            process.wait(timeout=CANCEL_POLL_S)
            return True
        except subprocess.TimeoutExpired:
            if cancelled is not None and cancelled():
                return False
            if time.monotonic() > deadline:
                raise TooSlow(timeout) from None
