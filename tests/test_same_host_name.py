"""Two PCs of one name (installed from one image, 统信UOS's “<用户>-PC”) sharing a folder: the
other PC's owner file and save temporaries are judged as another computer's — by their age, never
by whether their process number is a process here (rev25b S7)."""

from __future__ import annotations

import json
import os
import time
import zlib
from pathlib import Path

import pytest

from app import io as app_io
from app import lock
from app.names import this_host, this_machine

GONE = 4_000_000  # no process here


def doc(tmp_path: Path) -> Path:
    path = tmp_path / "报告.docx"
    path.write_bytes(b"PK")
    return path


def write_lock(document: Path, age: float = 60, **fields: object) -> Path:
    owner = {"user": "user", "host": this_host(), "pid": GONE, "time": time.time() - age, "token": "b" * 32, **fields}
    path = lock.lock_path(document)
    path.write_text(json.dumps(owner), encoding="utf-8")
    os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_our_lock_names_this_machine() -> None:
    assert this_machine() == "" or len(this_machine()) == 8
    data = json.loads(lock.Owner("u", this_host(), 5, 1.0, "t", machine=this_machine()).written())
    assert data["machine"] == this_machine()


def test_another_pc_of_this_name_holds_its_lock_while_fresh(tmp_path: Path) -> None:
    if not this_machine():
        pytest.skip("a system that keeps no machine identity: judged by the name, as before")
    document = doc(tmp_path)
    write_lock(document, machine="0badc0de")
    owner = lock.live_owner(document)
    assert owner is not None and not owner.on_this_computer()
    assert lock.acquire(document) is None, "asked, not taken over"
    write_lock(document, age=lock.STALE_AFTER_S + 60, machine="0badc0de")  # not refreshed for 12 h: left
    held = lock.acquire(document)
    assert held is not None
    held.release()


def test_this_machines_lock_and_an_older_versions_are_judged_by_the_process(tmp_path: Path) -> None:
    document = doc(tmp_path)
    for fields in ({"machine": this_machine()}, {}):
        write_lock(document, **fields)
        assert lock.live_owner(document) is None, fields  # its process is gone: left by a crash
        held = lock.acquire(document)
        assert held is not None
        held.release()


def test_a_temporary_of_another_pc_of_this_name_is_kept(tmp_path: Path) -> None:
    if not this_machine():
        pytest.skip("a system that keeps no machine identity")
    other_tag = f"{zlib.crc32((this_host() + chr(0) + '0badc0de').casefold().encode('utf-8', 'replace')):08x}"
    assert other_tag != app_io.host_tag()
    theirs = tmp_path / f"{app_io.TEMP_PREFIX}h{other_tag}-{GONE}-0123abcd.docx.tmp"
    ours = tmp_path / f"{app_io.TEMP_PREFIX}h{app_io.host_tag()}-{GONE}-0123abce.docx.tmp"
    theirs.write_bytes(b"PC-2 writing")
    ours.write_bytes(b"ours, crashed")
    app_io.remove_stray_temporaries(tmp_path)
    assert theirs.exists(), "another PC's save in progress"
    assert not ours.exists(), "this machine's, its process gone"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux's /proc")
def test_a_live_editors_lock_stays_live_when_the_clock_jumps_forward(tmp_path: Path) -> None:
    """The lock written an hour 'ago' by the clock of then (set forward since, NTP correcting a PC
    booted with a wrong clock): its process is the same one, so the lock is live (rev25b S5)."""
    document = doc(tmp_path)
    parent = os.getppid()
    ticks = lock._start_ticks(parent)
    started = lock._linux_start_time(parent)
    assert ticks is not None and lock._boot_id() and started is not None
    # Written, by the clock of then, 10 minutes before its process started by today's clock.
    age = time.time() - started + 600
    write_lock(document, age=age, pid=parent, machine=this_machine(), boot=lock._boot_id(), ticks=ticks)
    owner = lock.live_owner(document)
    assert owner is not None and owner.pid == parent, "the same process: still there"
    write_lock(document, age=age, pid=parent, machine=this_machine(), boot=lock._boot_id(), ticks=ticks + 1)
    assert lock.live_owner(document) is None, "its number now another process's: left by a crash"
    write_lock(document, age=60, pid=parent, machine=this_machine(), boot="another-boot", ticks=ticks)
    assert lock.live_owner(document) is not None, "a lock of before the boot: judged by the time, as before"


def test_our_lock_says_which_process_it_is(tmp_path: Path) -> None:
    held = lock.acquire(doc(tmp_path))
    assert held is not None
    data = json.loads(held.path.read_text(encoding="utf-8"))
    held.release()
    if Path("/proc/self/stat").exists():
        assert data["boot"] == lock._boot_id() and data["ticks"] == lock._start_ticks(os.getpid()) > 0


def test_windows_a_crashed_editors_number_now_another_programs_is_no_owner(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows gives numbers again soon: after a crash the editor's number belonged to another
    program, and the user was asked about their own report at every open (rev25b S10).  Windows
    simulated: the number's process exists, created at another time than the lock says."""
    document = doc(tmp_path)
    monkeypatch.setattr(lock.sys, "platform", "win32")
    monkeypatch.setattr(lock, "_windows_alive", lambda pid: True)  # the number is a process's
    monkeypatch.setattr(lock, "_windows_created", lambda pid: 133_000_000_000_000_000)
    write_lock(document, pid=4242, machine=this_machine(), boot="windows", ticks=132_000_000_000_000_000)
    assert lock.live_owner(document) is None, "another program's process now"
    write_lock(document, pid=4242, machine=this_machine(), boot="windows", ticks=133_000_000_000_000_000)
    assert lock.live_owner(document) is not None, "the editor itself, still running"
    monkeypatch.setattr(lock, "_windows_created", lambda pid: None)  # not to be asked: as before, by the number
    assert lock.live_owner(document) is not None
