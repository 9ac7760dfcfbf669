"""A fake LibreOffice for process tests: ``soffice`` is a launcher (oosplash) that starts
soffice.bin and waits for it.  Each launch here starts a long-lived grandchild (``sleep``) and
writes both ids into a folder (one empty file per id), so a test sees what a real conversion
leaves behind when only the launcher, or only the process that started it, is killed."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest


def install(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``soffice`` on PATH for this test (worker processes inherit it); the folder of ids."""
    bin_dir = folder / "fake-bin"
    bin_dir.mkdir()
    pids = folder / "soffice-pids"
    pids.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 300 &\ntouch '{pids}'/$!\ntouch '{pids}'/$$\nwait\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return pids


def ids(pids: Path) -> list[int]:
    return sorted(int(p.name) for p in pids.iterdir())


def wait_for(pids: Path, n: int, within: float = 60.0) -> list[int]:
    """The ids of ``n`` processes (n // 2 launches), once they have all started."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        if len(got := ids(pids)) >= n:
            return got
        time.sleep(0.05)
    raise AssertionError(f"only {len(ids(pids))} of {n} fake LibreOffice processes started")


def alive(pid: int) -> bool:
    """Running, not a zombie (a killed orphan may wait a moment for init to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def all_gone(pids: list[int], within: float = 5.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not any(map(alive, pids)):
            return True
        time.sleep(0.05)
    return False


def reap(pids: Path) -> None:
    """After a test, whatever happened: none of them left running."""
    if pids.exists():
        for pid in ids(pids):
            with contextlib.suppress(OSError):  # still ours (the id not reused meanwhile)
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
                if b"sleep" in cmdline or b"soffice" in cmdline:
                    os.kill(pid, signal.SIGKILL)
