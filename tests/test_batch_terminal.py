"""`check DIR` on a terminal: a progress bar there (never in a pipe or a file), Ctrl+C's one line
and exit 130 with no traceback from any worker, and the workers ending with a command killed."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.io import save_report
from tests.helpers import terminal_signals
from tests.test_batch import report


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli_progress import ProgressBar as _ProgressBar

    for stream, shown in ((_Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        with _ProgressBar() as bar:
            bar(1, 3, None)
            bar(3, 4, None)  # a paired report checked again: the total grows
        text = stream.getvalue()
        assert ("\r检查" in text and "/3" in text) is shown
        assert (text == "") is not shown


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_the_batch_with_one_line(tmp_path: Path, jobs: str) -> None:
    """Ctrl+C on a terminal signals the whole process group: one line and exit 130, no
    traceback from the command line or from any worker."""
    import os
    import signal

    root = tmp_path / "many"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "r000.docx")
    for i in range(1, 400):
        shutil.copy(root / "r000.docx", root / f"r{i:03}.docx")
    # As from a terminal: a test run started in the background inherits SIGINT ignored, and
    # Python keeps it ignored; the command line gets the default a shell gives it.
    # Bytes, not text: communicate reads the pipe past what readline's buffer took, which may
    # end inside a character (a text-mode Popen then failed with UnicodeDecodeError).
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(root), "--jobs", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            cwd=Path(__file__).parents[1],
                            preexec_fn=terminal_signals)
    assert proc.stdout is not None
    proc.stdout.readline()  # the batch is under way
    os.killpg(proc.pid, signal.SIGINT)
    err = proc.communicate(timeout=120)[1].decode("utf-8")
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "已中断"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_when_the_parent_is_killed(tmp_path: Path) -> None:
    """`check DIR | …` killed (SIGTERM, as a timeout or a closed terminal does): its worker
    processes and multiprocessing's resource tracker went on, holding the caller's stdout for
    ever.  Now they end with it: the pipe reaches its end, no process is left."""
    import signal
    import time

    root = tmp_path / "many"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "r000.docx")
    for i in range(1, 400):
        shutil.copy(root / "r000.docx", root / f"r{i:03}.docx")
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(root), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=Path(__file__).parents[1])
    started: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while len(started) < 3 and time.monotonic() < deadline:  # two workers and the tracker
            started = _children(proc.pid)
            time.sleep(0.05)
        assert len(started) >= 3 and proc.poll() is None, started
        time.sleep(1)  # the workers at work on their files
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)  # stdout's end: every process that held it is gone
        deadline = time.monotonic() + 10
        while any(map(_alive, started)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p in started if _alive(p)]
    finally:
        proc.kill()
        for pid in started:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
