"""SIGTERM (logout, shutdown, ``kill PID``), SIGHUP and SIGINT end the editor cleanly: the
unsaved edits kept as the recovery copy and offered at the next start, the report's owner file
gone from its folder, no question asked (from the GUI test: ``kill PID`` left
``.nianbao-lock.<name>#`` in the report's folder).  Real editor processes (tests/ui/editor_process.py)."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest

import app.io as app_io
import app.reading as app_reading
from app import lock as app_lock
from app.lock import PREFIX as LOCK_PREFIX
from tests.ui.conftest import SAMPLE
from tests.ui.test_autosave import copies, editor, read_typed, started

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM from outside a process on Windows")


def _locks(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(LOCK_PREFIX)]


def _ends_within(proc, seconds: float) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    sent = time.monotonic()
    try:
        proc.wait(seconds)
    except Exception:
        proc.kill()
        proc.wait(10)
        pytest.fail(f"still running {seconds} s after the signal")
    return proc.returncode, time.monotonic() - sent


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_keeps_the_edits_for_the_next_start_and_frees_the_file(tmp_path: Path, sig: str) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    report = folder / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), report)
    proc = editor(tmp_path, "edit", str(report), "1", "0.2")
    try:
        read_typed(proc, 1)  # typed a moment ago: the autosave timer has not written it yet
        assert _locks(folder), "the open report's owner file"
        proc.send_signal(getattr(signal, sig))
        code, took = _ends_within(proc, 2.0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    err = proc.stderr.read() if proc.stderr else ""
    assert code == 0, err
    assert "Traceback" not in err, err
    print(f"{sig}: ended {took:.2f} s after the signal")
    assert _locks(folder) == [], "the owner file is left in the report's folder"
    assert copies(tmp_path), "the unsaved edit's recovery copy"
    assert not list((tmp_path / "data").rglob("autosave*.lock")), "the copy's lock is released"
    offered, windows = started(tmp_path, "yes")
    assert [o["name"] for o in offered] == ["报告.docx"] and offered[0]["path"] == str(report)
    assert windows[0]["value"] == 1 and windows[0]["modified"]


def test_with_nothing_unsaved_a_signal_leaves_no_copy_and_no_lock(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    report = folder / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), report)
    proc = editor(tmp_path, "edit", str(report), "0", "0.2")  # opens it, types nothing
    try:
        deadline = time.monotonic() + 30
        while not _locks(folder):
            assert time.monotonic() < deadline and proc.poll() is None, "the report never opened"
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)
        code, _ = _ends_within(proc, 2.0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert code == 0
    assert _locks(folder) == [] and copies(tmp_path) == []
    offered, _ = started(tmp_path, "yes")
    assert offered == []


def test_a_signal_while_the_start_asks_ends_the_program(tmp_path: Path) -> None:
    """SIGTERM while 文件正在编辑 was asked at the start (the report open in another editor)
    closed the question and the program went on, a window with a blank report, its event loop
    begun after the signal (gui22 under Xvfb, shot 36).  Now it ends, leaving the other
    editor's owner file as it was and none of its own."""
    folder = tmp_path / "报告"
    folder.mkdir()
    report = folder / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), report)
    other = app_lock.acquire(report)  # another editor (this process, alive) has it open
    assert other is not None
    proc = editor(tmp_path, "asked", str(report))
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("asked "), (line, proc.stderr.read() if proc.stderr else "")
        proc.send_signal(signal.SIGTERM)
        code, _ = _ends_within(proc, 10.0)
        out = proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        other.release()
    err = proc.stderr.read() if proc.stderr else ""
    assert code == 0, err
    assert "Traceback" not in err, err
    assert "looped" not in out, "the program went on after the signal"
