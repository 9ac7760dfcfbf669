"""批量检查's worker processes end with the run: 取消, closing the window, the editor's exit, a
LibreOffice a worker converts with, a 取消 while the workers are still starting."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests import fake_soffice
from tests.ui.test_batch_window import many
from ui import tasks
from ui.batch_window import BatchWindow


def slow_workers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Worker processes that each take a minute over a file; the folder where their ids appear."""
    from app import batch

    from . import batch_slow

    pids = tmp_path / "pids"
    pids.mkdir()
    monkeypatch.setenv("BATCH_SLOW_PIDS", str(pids))
    monkeypatch.setattr(batch, "check_file", batch_slow.check_file)
    return pids


def gone(pid: int) -> bool:
    """No such process (or only its exit status left, for a parent that is not us to collect)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def busy(qtbot: QtBot, w: BatchWindow, root: Path, pids: Path, n: int = 2) -> list[int]:
    """A run started, and ``n`` workers in the middle of a file."""
    w.start([root])
    qtbot.waitUntil(lambda: len(list(pids.iterdir())) >= n, timeout=60000)
    ids = sorted(int(p.name) for p in pids.iterdir())
    assert not any(map(gone, ids))
    return ids


def slow_run(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shown: bool = False,
             ) -> tuple[BatchWindow, list[int]]:
    """A window checking six files with slow workers, two of them in the middle of a file: the
    window and the workers' ids."""
    pids = slow_workers(monkeypatch, tmp_path)
    root = many(tmp_path, 6)
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    if shown:
        w.show()
    return w, busy(qtbot, w, root, pids)


def children() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.pid is not None}


def test_cancel_ends_the_worker_processes_at_once(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    w, ids = slow_run(qtbot, monkeypatch, tmp_path)
    task = w.worker
    assert task is not None and set(ids) <= children()
    w.cancel()
    assert w.status.currentMessage().startswith("已取消：已检查 0/6 份") and w.worker is None
    started = time.monotonic()
    assert task.wait(10), "the run waited for its files (a minute each)"
    assert time.monotonic() - started < 5
    assert all(map(gone, ids)) and not set(ids) & children()


def test_closing_the_window_during_a_run_ends_its_processes(qtbot: QtBot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    w, ids = slow_run(qtbot, monkeypatch, tmp_path, shown=True)
    started = time.monotonic()
    assert w.close()
    assert time.monotonic() - started < 5
    assert all(map(gone, ids)) and not set(ids) & children(), "a worker outlived the window"


def test_the_editors_exit_ends_a_batch(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w, ids = slow_run(qtbot, monkeypatch, tmp_path)
    tasks.cancel_all()  # what the application's aboutToQuit runs
    assert all(map(gone, ids)) and not set(ids) & children()
    assert w.status.currentMessage().startswith("已取消") and w.worker is None


def test_cancel_ends_the_libreoffice_a_worker_converts_with(qtbot: QtBot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """.doc files in the folder, a LibreOffice that takes its time: 取消 ends it with its worker,
    not when its own two-minute limit is up."""
    import stat

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pids = tmp_path / "soffice"
    pids.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ > '{pids}'/$$\nexec sleep 60\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    root = tmp_path / "旧格式"
    root.mkdir()
    for i in range(4):
        (root / f"旧{i}.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))  # Word 97-2003
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    ids = busy(qtbot, w, root, pids)
    task = w.worker
    assert task is not None
    w.cancel()
    assert task.wait(10)
    assert all(map(gone, ids)), "LibreOffice outlived the batch"


def old_documents(tmp_path: Path, n: int = 4) -> Path:
    root = tmp_path / "旧格式"
    root.mkdir()
    for i in range(n):
        (root / f"旧{i}.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))  # Word 97-2003
    return root


@pytest.fixture
def launcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A LibreOffice launcher that starts a soffice.bin of its own (tests/fake_soffice.py)."""
    pids = fake_soffice.install(tmp_path, monkeypatch)
    yield pids
    fake_soffice.reap(pids)


@pytest.mark.parametrize("close", ["cancel", "window", "editor-exit"])
def test_no_soffice_bin_outlives_a_cancelled_batch(qtbot: QtBot, tmp_path: Path, launcher: Path,
                                                   close: str) -> None:
    """LibreOffice runs in a group of its own (app/office.py), out of reach of the worker's
    group that 取消 kills: the worker stops it when told to end, and the batch stops what the
    workers wrote down."""
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    w.start([old_documents(tmp_path)])
    task = w.worker
    assert task is not None
    started = fake_soffice.wait_for(launcher, 4)  # two launchers, each with its soffice.bin
    assert not any(map(gone, started))
    if close == "cancel":
        w.cancel()
    elif close == "window":
        w.show()
        assert w.close()
    else:
        tasks.cancel_all()
    assert task.wait(10)
    assert fake_soffice.all_gone(started), "soffice.bin outlived the batch"


def test_a_worker_killed_outright_leaves_no_soffice_bin(qtbot: QtBot, tmp_path: Path, launcher: Path) -> None:
    """A worker killed by the system (out of memory) cannot stop its LibreOffice: the batch stops
    what it wrote down, and the others' (concurrent.futures ends them with SIGTERM)."""
    before = children()
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    w.start([old_documents(tmp_path)])
    task = w.worker
    assert task is not None
    started = fake_soffice.wait_for(launcher, 4)
    workers = children() - before
    assert len(workers) == 2
    os.kill(min(workers), signal.SIGKILL)  # the worker alone, as the OOM killer does
    assert fake_soffice.all_gone(started, within=10), "a killed worker's soffice.bin lives on"
    w.cancel()
    assert task.wait(10)
    assert fake_soffice.all_gone(fake_soffice.ids(launcher)), "soffice.bin outlived the batch"


@pytest.mark.parametrize("after_s", [0.0, 0.3, 1.0])
def test_a_cancel_while_the_workers_start_leaves_none(qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, after_s: float) -> None:
    """取消 at once, or while the worker processes are still being spawned (importing app/):
    none of them is left running either."""
    slow_workers(monkeypatch, tmp_path)
    root = many(tmp_path, 6)
    before = children()
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    w.start([root])
    task = w.worker
    assert task is not None
    qtbot.wait(int(after_s * 1000))
    w.cancel()
    assert task.wait(10)
    assert not children() - before
