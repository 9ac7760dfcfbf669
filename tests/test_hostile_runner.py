"""The bounded runner (tests/hostile.py run_one) measures a read by what it takes of its own —
the clock less the time it waited for a processor — so a loaded machine does not fail a read
(the clock alone did at load 6–9), while a read that blocks still counts every second it blocks
and one that never ends is a hang, working or blocked."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile import make, run_one

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the runner forks")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make("txt", 1, tmp_path, heavy=False)


def _reading(monkeypatch: pytest.MonkeyPatch, read: object) -> None:
    monkeypatch.setattr("app.reading.load_report", read)
    monkeypatch.setattr("app.cli.check_report", lambda report: [])
    monkeypatch.setattr("app.cli.dump", lambda report: {})


def _works_for(seconds: float) -> object:
    def read(_path: object) -> None:
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
    return read


def test_a_read_working_for_ever_is_a_hang(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocked for ever: tests/test_fuzz.py's test_the_runner_catches_what_escapes."""
    _reading(monkeypatch, _works_for(3600))
    assert run_one(path, timeout=1).result == "hang"


def test_a_read_that_blocks_counts_every_second_it_blocks(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Processor time alone would say 0 s for a read waiting on a pipe or a lock."""
    _reading(monkeypatch, lambda _path: time.sleep(1.5))
    outcome = run_one(path, timeout=5)
    assert outcome.result == "read" and outcome.seconds >= 1.5, outcome
    # Blocked past its time but ending before the clock's cap (3 timeouts): a hang all the same
    _reading(monkeypatch, lambda _path: time.sleep(2))
    outcome = run_one(path, timeout=1)
    assert outcome.result == "hang" and outcome.seconds >= 2, outcome


@pytest.mark.skipif(not Path("/proc/self/schedstat").exists(), reason="the kernel does not say the time queued")
def test_a_loaded_machine_does_not_stretch_a_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0.2 processor seconds of reading beside two busy processes per processor: the clock sees
    it take at least twice as long (the clock alone said 0.5 s and more); the runner, 0.2 s."""
    _reading(monkeypatch, _works_for(0.2))
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2 * (os.cpu_count() or 1))]
    try:
        time.sleep(0.1)  # they are running
        outcome = run_one(path, timeout=5)
    finally:
        for p in busy:
            p.kill()
            p.wait()
    assert outcome.result == "read" and outcome.wall >= 1.5 * outcome.seconds, f"the clock was not stretched: {outcome}"
    assert 0.15 < outcome.seconds < 0.3, outcome
