"""A window's processes (its check process, run_apart's for 导出汇总表) end with the editor: killed
outright (SIGKILL, the out-of-memory killer, a crash), it leaves none of them behind (review15 M2:
run_apart's waited on its queue for ever, with its resource tracker)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The parent says "up" once its child process is at work (the work itself wrote ``marker``).
RUN_APART = """
import sys
from app.batch_pool import run_apart
if __name__ == "__main__":
    marker = sys.argv[1]
    print("up", flush=True)
    run_apart(exec, f"import pathlib, time; pathlib.Path({marker!r}).touch(); time.sleep(300)")
"""
CHECK_PROCESS = """
import pathlib, sys, time
from app.check_apart import CheckProcess
from app.report import Report
if __name__ == "__main__":
    p = CheckProcess()
    p.result(p.submit(Report()), lambda: False)
    pathlib.Path(sys.argv[1]).touch()
    print("up", flush=True)
    time.sleep(300)
"""


def _children(pid: int) -> list[int]:
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    kids.append(int(entry))
    return kids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("parent", [RUN_APART, CHECK_PROCESS], ids=["run_apart", "check_process"])
def test_a_windows_process_ends_when_the_editor_is_killed(parent: str, tmp_path: Path) -> None:
    marker = tmp_path / "working"
    editor = subprocess.Popen([sys.executable, "-c", parent, str(marker)], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    kids: list[int] = []
    try:
        assert editor.stdout is not None and editor.stdout.readline().strip() == "up"
        end = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < end:
            time.sleep(0.05)
        assert marker.exists(), "the window's process never started its work"
        kids = _children(editor.pid)
        assert kids
        editor.kill()
        editor.wait()
        # Its work would go on for minutes: a process still there well after this is orphaned.
        end = time.monotonic() + 20
        while any(_alive(k) for k in kids) and time.monotonic() < end:
            time.sleep(0.1)
        assert not [k for k in kids if _alive(k)], "left behind when the editor was killed"
    finally:
        editor.kill()
        for k in kids:  # what an old build left behind is not left on the machine
            with contextlib.suppress(OSError):
                os.kill(k, signal.SIGKILL)
