"""No LibreOffice process outlives a conversion.  ``soffice`` is a launcher that starts
soffice.bin and waits for it: a fake launcher here does the same (a long-lived grandchild whose
pid it writes down), so the test runs without LibreOffice and shows what a real one left
behind (a 977 MB soffice.bin on a core) when only the launcher was killed."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import office, reading
from app.errors import ReadError
from tests import fake_soffice as fake_soffice_tool

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="process groups and /proc")


def alive(pid: int) -> bool:
    """Running, not a zombie (a killed orphan may wait a moment for init to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone(pid: int, within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def fake_soffice(folder: Path, then: str = "wait") -> tuple[Path, Path]:
    """A launcher that starts a 'soffice.bin' (sleep) and writes its pid; ``then``: what the
    launcher does next (wait for it like oosplash, or exit at once leaving it behind)."""
    pids = folder / "pids"
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > '{pids}'\necho $$ >> '{pids}'\n{then}\n")
    script.chmod(0o755)
    return script, pids


def read_pids(pids: Path) -> list[int]:
    end = time.monotonic() + 5
    while time.monotonic() < end:
        if pids.exists():
            got = [int(line) for line in pids.read_text().split()]
            if len(got) == 2:
                return got
        time.sleep(0.02)
    raise AssertionError("the fake launcher never started")


@pytest.fixture
def reaper() -> Iterator[list[int]]:
    """Pids a control case may leave behind: killed after the test, whatever happens."""
    left: list[int] = []
    yield left
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@posix_only
def test_a_timeout_stops_the_launcher_and_what_it_started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          reaper: list[int]) -> None:
    script, pids = fake_soffice(tmp_path)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    started = time.monotonic()
    with pytest.raises(office.TooSlow) as raised:
        office.convert(tmp_path / "big.doc", "docx", tmp_path / "out", timeout=0.5)
    assert raised.value.seconds == 0.5
    assert time.monotonic() - started < 5
    grandchild, launcher = read_pids(pids)
    reaper.extend([grandchild, launcher])
    assert gone(launcher) and gone(grandchild), "soffice.bin outlived the conversion"


@posix_only
def test_the_control_killing_only_the_launcher_leaves_the_grandchild(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reaper: list[int]) -> None:
    """What convert() did before: the test above can fail."""
    script, pids = fake_soffice(tmp_path)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    monkeypatch.setattr(office, "stop_group", lambda pid, **_kw: None)
    with pytest.raises(office.TooSlow):
        office.convert(tmp_path / "big.doc", "docx", tmp_path / "out", timeout=0.5)
    grandchild, launcher = read_pids(pids)
    reaper.extend([grandchild, launcher])
    assert gone(launcher)
    assert alive(grandchild)


@posix_only
def test_cancel_stops_the_whole_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reaper: list[int]) -> None:
    script, pids = fake_soffice(tmp_path)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    asked = time.monotonic()
    assert office.convert(tmp_path / "a.doc", "docx", tmp_path / "out", timeout=60,
                          cancelled=lambda: pids.exists() and time.monotonic() - asked > 0.3) is None
    grandchild, launcher = read_pids(pids)
    reaper.extend([grandchild, launcher])
    assert gone(launcher) and gone(grandchild)


@posix_only
def test_a_helper_left_behind_by_a_launcher_that_exited_is_stopped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reaper: list[int]) -> None:
    script, pids = fake_soffice(tmp_path, then="exit 0")
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    assert office.convert(tmp_path / "a.doc", "docx", tmp_path / "out", timeout=30) is None  # no output made
    grandchild, launcher = read_pids(pids)
    reaper.extend([grandchild, launcher])
    assert gone(grandchild)


@posix_only
def test_interpreter_exit_stops_a_conversion_still_running(tmp_path: Path, reaper: list[int]) -> None:
    """The program quits (window closed, Ctrl+C in check) while a worker thread converts."""
    script, pids = fake_soffice(tmp_path)
    code = (
        "import threading, time, pathlib\n"
        "from app import office\n"
        f"office.soffice = lambda: {str(script)!r}\n"
        f"folder = pathlib.Path({str(tmp_path)!r})\n"
        "threading.Thread(target=office.convert, args=(folder / 'a.doc', 'docx', folder / 'out', 300),"
        " daemon=True).start()\n"
        f"pids = pathlib.Path({str(pids)!r})\n"
        "while not pids.exists() or len(pids.read_text().split()) < 2: time.sleep(0.02)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1], timeout=30, check=True)
    grandchild, launcher = read_pids(pids)
    reaper.extend([grandchild, launcher])
    assert gone(launcher) and gone(grandchild)


@posix_only
def test_a_slow_old_document_is_said_to_be_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     reaper: list[int]) -> None:
    script, pids = fake_soffice(tmp_path)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    monkeypatch.setattr(office, "TIMEOUT_S", 0.5)
    doc = tmp_path / "表格很大.doc"
    doc.write_text("{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 Arial;}}\\pard 2023\\par}", encoding="ascii")
    with pytest.raises(ReadError) as raised:
        reading.read_report(doc)
    reaper.extend(read_pids(pids))
    assert "文件过大或过于复杂" in str(raised.value) and "0.5 秒" in str(raised.value)
    assert str(doc) in str(raised.value)


def test_windows_starts_a_new_group_and_kills_the_tree() -> None:
    flags, new_session = office.group_options(windows=True)
    assert flags & 0x200 and new_session is False  # CREATE_NEW_PROCESS_GROUP
    assert office.group_options(windows=False) == (0, True)
    ran: list[list[str]] = []
    office.stop_group(4321, windows=True, run=lambda cmd, **_kw: ran.append(cmd))
    assert ran == [["taskkill", "/F", "/T", "/PID", "4321"]]


def test_stopping_never_raises_when_taskkill_is_missing() -> None:
    def missing(cmd: list[str], **_kw: object) -> None:
        raise FileNotFoundError(cmd[0])

    office.stop_group(4321, windows=True, run=missing)


def test_the_house_bar_check_never_hangs_past_a_minute() -> None:
    assert office.TIMEOUT_S < 60


# The class: whoever starts a LibreOffice group stops it — a command-line run ended by SIGTERM,
# a process that stops all its conversions from another thread, a batch worker killed outright
# (its parent stops what it wrote down).

def _converting_process(tmp_path: Path, setup: str = "") -> subprocess.Popen[bytes]:
    code = (
        "import pathlib, sys\n"
        "from app import office\n"
        f"folder = pathlib.Path({str(tmp_path)!r})\n"
        f"{setup}"
        "office.convert(folder / 'a.doc', 'docx', folder / 'out', 300)\n"
        "sys.exit(5)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                            stderr=subprocess.PIPE)


@posix_only
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_a_signal_to_a_command_line_conversion_stops_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 name: str) -> None:
    """`check old.doc` killed (a timeout, its terminal closed): the signal's default would end
    the process at once and leave LibreOffice, in a session of its own, running."""
    sig = getattr(signal, name)
    pids = fake_soffice_tool.install(tmp_path, monkeypatch)
    # As from a terminal: a suite run under nohup would hand SIGHUP down ignored.
    proc = _converting_process(tmp_path, f"import signal; signal.signal({int(sig)}, signal.SIG_DFL)\n")
    try:
        started = fake_soffice_tool.wait_for(pids, 2, within=30)
        proc.send_signal(sig)
        assert proc.wait(10) == 128 + sig
        assert proc.stderr is not None and b"Traceback" not in proc.stderr.read()
        assert fake_soffice_tool.all_gone(started), "LibreOffice outlived the command"
    finally:
        proc.kill()
        proc.wait()
        fake_soffice_tool.reap(pids)


@posix_only
def test_the_control_sigkill_to_a_conversion_leaves_libreoffice(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """What nobody can handle: the process killed outright.  Its LibreOffice lives on unless
    someone who wrote it down stops it (the next test): the tests above can fail."""
    pids = fake_soffice_tool.install(tmp_path, monkeypatch)
    records = tmp_path / "records"
    records.mkdir()
    proc = _converting_process(tmp_path, f"office.record_groups_in(pathlib.Path({str(records)!r}))\n")
    try:
        started = fake_soffice_tool.wait_for(pids, 2, within=30)
        end = time.monotonic() + 5
        while not list(records.iterdir()) and time.monotonic() < end:
            time.sleep(0.02)
        proc.kill()
        proc.wait(10)
        assert not fake_soffice_tool.all_gone(started, within=0.5)
        [record] = [int(p.name) for p in records.iterdir()]
        assert record in started  # the launcher: the group's id
        office.stop_recorded(records)
        assert fake_soffice_tool.all_gone(started), "a recorded conversion outlived stop_recorded"
        assert list(records.iterdir()) == []
    finally:
        proc.kill()
        proc.wait()
        fake_soffice_tool.reap(pids)


@posix_only
def test_stop_all_from_another_thread_stops_the_conversion_and_refuses_new_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a batch worker does when told to end, and the editor at its exit."""
    import threading

    pids = fake_soffice_tool.install(tmp_path, monkeypatch)
    monkeypatch.setattr(office, "_closed", False)
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.append(
        office.convert(tmp_path / "a.doc", "docx", tmp_path / "out", timeout=300)))
    try:
        worker.start()
        started = fake_soffice_tool.wait_for(pids, 2, within=30)
        office.stop_all()
        worker.join(10)
        assert not worker.is_alive() and got == [None]
        assert fake_soffice_tool.all_gone(started)
        assert office.convert(tmp_path / "b.doc", "docx", tmp_path / "out", timeout=300) is None
        assert fake_soffice_tool.ids(pids) == started, "a conversion started after stop_all"
    finally:
        fake_soffice_tool.reap(pids)


def test_windows_helpers_open_no_console_window() -> None:
    """taskkill (and soffice.com, which shutil.which finds before soffice.exe) are console
    programs: started from the windowed editor each would flash a console window."""
    ran: list[dict[str, object]] = []
    office.stop_group(4321, windows=True, run=lambda _cmd, **kw: ran.append(kw))
    assert ran[0]["creationflags"] == 0x08000000  # CREATE_NO_WINDOW
    flags, _ = office.group_options(windows=True)
    assert flags & 0x08000000 and flags & 0x200
    assert office.no_window(windows=False) == 0


@posix_only
@pytest.mark.parametrize(("then", "stopped"), [("exit 0", False), ("wait", True)], ids=["exited", "running"])
def test_windows_runs_taskkill_only_while_the_launcher_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            reaper: list[int], then: str, stopped: bool) -> None:
    """On Windows the tree is found through its root: after a conversion whose launcher exited
    taskkill finds nothing, and ran for nothing after every conversion.  It runs only for a
    launcher still running (here: one cancelled while it waits on its soffice.bin)."""
    script, pids = fake_soffice(tmp_path, then=then)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    monkeypatch.setattr(office, "_WINDOWS", True)
    asked: list[int] = []
    real = office.stop_group

    def taskkill(pid: int, windows: bool = False, run: object = None) -> None:
        asked.append(pid)
        real(pid, windows=False)  # what taskkill /T does there: the launcher and its soffice.bin

    monkeypatch.setattr(office, "stop_group", taskkill)
    started = time.monotonic()
    assert office.convert(tmp_path / "a.doc", "docx", tmp_path / "out", timeout=30,
                          cancelled=lambda: pids.exists() and time.monotonic() - started > 1) is None
    grandchild, launcher = read_pids(pids)
    reaper.extend([grandchild, launcher])
    assert asked == ([launcher] if stopped else [])
    assert gone(launcher)
