"""A batch's records folder (app/batch_pool.py: where its workers write down the LibreOffice
conversions they run) is removed when the batch ends — done, cancelled, failed, or its command
line ended by SIGTERM or SIGHUP — and no other folder of the kind is touched."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from app import batch
from app.batch_pool import GROUPS_PREFIX, Runner
from app.io import save_report
from tests import backstop_standin
from tests.helpers import terminal_signals
from tests.test_batch import report

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _folder(root: Path, files: int) -> Path:
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "r000.docx")
    for i in range(1, files):
        shutil.copy(root / "r000.docx", root / f"r{i:03}.docx")
    return root


def _records(tmp: Path) -> list[Path]:
    return sorted(tmp.glob(GROUPS_PREFIX + "*"))


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder this test's batches make their records folder in, with another
    batch's (a process that is gone, or still running) beside it: never touched."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    other = folder / (GROUPS_PREFIX + "other")
    other.mkdir()
    (other / "12345").touch()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_the_records_folder_goes_when_a_batch_is_done_cancelled_or_fails(tmp_path: Path, tmp: Path) -> None:
    root = _folder(tmp_path / "many", 6)
    other = _records(tmp)
    done = batch.run([root], jobs=2)
    assert len(done.results) == 6 and not done.cancelled
    assert _records(tmp) == other and (other[0] / "12345").exists()
    got: list[int] = []
    cancelled = batch.run([root], jobs=2, progress=lambda n, total, result: got.append(n), cancelled=lambda: bool(got))
    assert cancelled.cancelled and _records(tmp) == other

    def fails(done: int, total: int, result: batch.FileResult) -> None:
        raise OSError("the window is gone")

    with pytest.raises(OSError):
        batch.run([root], jobs=2, progress=fails)
    assert _records(tmp) == other and (other[0] / "12345").exists()


@posix_only
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_command_line_batch_ended_by_a_signal_leaves_no_records_folder(tmp_path: Path, signum: int) -> None:
    """`check DIR` ended by SIGTERM (a timeout, a service stopped) or SIGHUP (its terminal
    closed): it died on the spot and its records folder stayed in the temporary folder, one more
    for every batch so ended.  Now the pool is ended, the folder removed and the process exits
    128+signal."""
    root = _folder(tmp_path / "many", 400)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(root), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            cwd=Path(__file__).parents[1], env={**os.environ, "TMPDIR": str(tmp)},
                            preexec_fn=terminal_signals)
    try:
        deadline = time.monotonic() + 60
        while not _records(tmp) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _records(tmp) and proc.poll() is None, "the batch made no records folder where it was told to"
        time.sleep(1)  # the workers at work on their files
        proc.send_signal(signum)
        err = proc.communicate(timeout=60)[1].decode("utf-8", "replace")
    finally:
        proc.kill()
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert _records(tmp) == []


@posix_only
def test_a_worker_ended_mid_read_leaves_no_copy_of_the_file_in_the_temporary_folder(
        tmp_path: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """取消 while a worker reads in a temporary folder (a converted .doc, an unpacked Word XML
    file: a copy of the user's document): told to end, the worker left by os._exit and its
    with-block's folder stayed in the temporary folder, one for each cancelled batch."""
    monkeypatch.setenv("TMPDIR", str(tmp))  # the spawned workers' temporary folder
    root = _folder(tmp_path / "few", 2)
    work: list[tuple[int, str, dict[str, object] | None]] = [
        (i, str(path), None) for i, path in enumerate(sorted(root.iterdir()))]
    started = time.monotonic()

    def cancelled() -> bool:
        return bool(list(tmp.glob(f"{GROUPS_PREFIX}*/*/nianbao-standin-*/converted.docx"))
                    + list(tmp.glob("nianbao-standin-*/converted.docx"))) or time.monotonic() - started > 60

    with Runner(2, backstop_standin.check_in_temp, batch.crashed) as runner:
        assert dict(runner.map(work, cancelled)) == {}
    assert time.monotonic() - started < 60, "no worker got as far as its temporary folder"
    assert sorted(tmp.iterdir()) == [tmp / (GROUPS_PREFIX + "other")], sorted(tmp.rglob("*"))
