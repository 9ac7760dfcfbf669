"""The editor's start and its signals before the window can answer them (ui/session_end takes
them over once the window is complete): a Ctrl+C ends it silently, as a C program ends, not with
a traceback from inside an import (rev23b L1); the file's reading child ends with the editor,
not seconds later for nobody (rev23b L4).  Real processes: `app.launch.main`, with a hook where
the start, its child forked, is about to import Qt and the window (prefetch.start), and the child's read slowed down."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"

# The start as `python -m app FILE`, with ``SIGNAL`` sent to itself where Qt and the window's
# modules are about to load (the child just forked); the child's read sleeps first.
START = r"""
import os, signal, sys, time
# As a terminal starts it: Python's own Ctrl+C (a test run started in the background, as by
# `cmd &` in a script, inherits SIGINT ignored, which the editor rightly leaves ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
from app import prefetch, prefetch_child
real_result = prefetch_child.result
def slow_result(*args, **kwargs):
    time.sleep(60)  # a huge or hostile file: the read takes long
    return real_result(*args, **kwargs)
prefetch_child.result = slow_result
real_start = prefetch.start
def start(path):
    started = real_start(path)
    child = prefetch._pending
    print(child.pid if child is not None else -1, flush=True)
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    time.sleep(5)  # where the signal is handled (or not)
    return started
prefetch.start = start
from app import launch
sys.exit(launch.main(sys.argv[1:2]))
"""


def _gone(pid: int) -> bool:
    """Ended: no such process, or a zombie nobody reaps (the container's first process may not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _start(tmp_path: Path, sig: str) -> tuple[int, str, int]:
    """The start's exit status, what it wrote on stderr and its child's pid.  Not
    ``subprocess.run``: it would wait for the end of the output, which a child left running
    holds open."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), NIANBAO_CACHE_DIR=str(tmp_path / "cache"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "xdg-cache"))
    env.pop("NIANBAO_PREFETCH", None)
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as err:
        process = subprocess.Popen([sys.executable, "-c", START, str(SAMPLE), sig], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE, stderr=err, text=True)
        assert process.stdout is not None
        try:
            child = int(process.stdout.readline())
            code = process.wait(timeout=120)
        finally:
            if process.poll() is None:  # not ended by the signal: a window left running otherwise
                process.kill()
                process.wait()
    return code, errors.read_text(), child


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "fork"),
                    reason="the forked child and /proc: Linux")
@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_a_signal_before_the_window_ends_the_start_and_its_child(tmp_path: Path, sig: str) -> None:
    code, errors, child = _start(tmp_path, sig)
    assert code == -getattr(signal, sig), errors
    assert "Traceback" not in errors and "Fatal Python error" not in errors, errors
    assert child > 0  # the file's child had been forked
    deadline = time.monotonic() + 20  # it would sleep 60 s, then read and check, for nobody
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)
