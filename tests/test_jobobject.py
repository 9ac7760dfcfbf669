"""The Windows job object that ends the editor's spawned processes with it (app/jobobject.py),
tested where the tests run (Linux): the structure as Windows lays it out, what is decided on each
system, and the calls made — through a stand-in kernel32 that records them — as the parent makes
the job and as each child joins it; and app.batch_pool.spawn_pool handing the job to every child
before its own start."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from typing import Any

import pytest

from app import batch_pool, jobobject


class Kernel32:
    """Records each call; ``refuse`` names the calls that fail (return 0)."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.refuse = refuse

    def _result(self, name: str, value: int) -> int:
        return 0 if name in self.refuse else value

    def CreateJobObjectW(self, attributes: object, name: str) -> int:
        self.calls.append(("CreateJobObjectW", attributes, name))
        return self._result("CreateJobObjectW", 0x1234)

    def SetInformationJobObject(self, handle: int, kind: int, info: Any, size: int) -> int:
        limits = info._obj  # what ctypes.byref points at
        assert isinstance(limits, jobobject.ExtendedLimits)
        self.calls.append(("SetInformationJobObject", handle, kind, limits.BasicLimitInformation.LimitFlags, size))
        return self._result("SetInformationJobObject", 1)

    def OpenJobObjectW(self, access: int, inherit: bool, name: str) -> int:
        self.calls.append(("OpenJobObjectW", access, inherit, name))
        return self._result("OpenJobObjectW", 0x88)

    def GetCurrentProcess(self) -> int:
        return -1  # the pseudo-handle

    def AssignProcessToJobObject(self, job: int, process: int) -> int:
        self.calls.append(("AssignProcessToJobObject", job, process))
        return self._result("AssignProcessToJobObject", 1)

    def CloseHandle(self, handle: int) -> int:
        self.calls.append(("CloseHandle", handle))
        return 1


class Refusing:
    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"kernel32.{name} called off Windows")


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobobject, "windows", lambda: True)
    monkeypatch.setattr(jobobject, "_held", [])


def test_the_limits_are_laid_out_as_windows_has_them() -> None:
    wide = ctypes.sizeof(ctypes.c_void_p) == 8
    assert ctypes.sizeof(jobobject.ExtendedLimits) == (144 if wide else 112)
    assert jobobject.BasicLimits.LimitFlags.offset == 16
    assert jobobject.ExtendedLimits.IoInfo.offset == (64 if wide else 48)
    assert jobobject.KILL_ON_JOB_CLOSE == 0x2000 and jobobject.EXTENDED_LIMITS == 9


def test_elsewhere_nothing_is_made_or_joined(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobobject, "windows", lambda: False)
    assert jobobject.for_children(Refusing()) is None
    assert jobobject.join("Local\\nianbao-job-1-ab", Refusing()) is False


def test_the_parent_makes_one_kill_on_close_job_and_keeps_it(on_windows: None) -> None:
    k = Kernel32()
    name = jobobject.for_children(k)
    assert name is not None and name.startswith(f"Local\\nianbao-job-{os.getpid()}-")
    assert k.calls == [("CreateJobObjectW", None, name),
                       ("SetInformationJobObject", 0x1234, 9, 0x2000, ctypes.sizeof(jobobject.ExtendedLimits))]
    assert jobobject.for_children(k) == name and len(k.calls) == 2, "one job for the process's life"
    assert not [c for c in k.calls if c[0] == "CloseHandle"], "its handle held: closing it would end the children"


@pytest.mark.parametrize("refused", ["CreateJobObjectW", "SetInformationJobObject"])
def test_a_refused_job_is_none_and_leaves_no_handle(on_windows: None, refused: str) -> None:
    k = Kernel32(refuse=(refused,))
    assert jobobject.for_children(k) is None
    assert jobobject._held == []
    if refused == "SetInformationJobObject":
        assert k.calls[-1] == ("CloseHandle", 0x1234), "a job that would not end them is let go"


def test_a_child_joins_then_lets_go_of_its_handle(on_windows: None) -> None:
    k = Kernel32()
    assert jobobject.join("Local\\nianbao-job-7-00ff", k) is True
    assert k.calls == [("OpenJobObjectW", jobobject.ASSIGN_PROCESS, False, "Local\\nianbao-job-7-00ff"),
                       ("AssignProcessToJobObject", 0x88, -1), ("CloseHandle", 0x88)]
    refused = Kernel32(refuse=("AssignProcessToJobObject",))
    assert jobobject.join("Local\\nianbao-job-7-00ff", refused) is False
    assert refused.calls[-1] == ("CloseHandle", 0x88), "closed whatever the answer"
    gone = Kernel32(refuse=("OpenJobObjectW",))
    assert jobobject.join("Local\\nianbao-job-7-00ff", gone) is False and len(gone.calls) == 1
    assert jobobject.join(None, Refusing()) is False


def test_every_spawned_process_joins_before_its_own_start(on_windows: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobobject, "kernel32", lambda: Kernel32())
    pool = batch_pool.spawn_pool(1, batch_pool.window_process_start)
    try:
        name = jobobject._held[0][0]
        assert pool._initializer is batch_pool._in_job  # type: ignore[attr-defined]
        assert pool._initargs == (name, batch_pool.window_process_start)  # type: ignore[attr-defined]
    finally:
        pool.shutdown()
    order: list[object] = []
    monkeypatch.setattr(jobobject, "join", lambda job, k=None: order.append(("join", job)) or True)
    batch_pool._in_job(name, lambda *a: order.append(("start", a)), "groups")
    assert order == [("join", name), ("start", ("groups",))]


def test_a_pool_off_windows_runs_as_before() -> None:
    """Linux: no job, and the workers start and work (the initializer's wrapper pickles by name)."""
    with batch_pool.spawn_pool(1, batch_pool.window_process_start) as pool:
        assert pool._initargs[0] is None  # type: ignore[attr-defined]
        assert pool.submit(os.getpid).result(timeout=60) != os.getpid()


def test_the_start_files_child_is_given_the_job_and_joins_it_first(
        on_windows: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The file named at the start is read in a child; on Windows a new process of the program
    (app/prefetch.py), which joins the editor's job before reading."""
    import subprocess

    from app import prefetch, prefetch_child

    monkeypatch.setattr(jobobject, "kernel32", lambda: Kernel32())
    started: list[list[str]] = []

    class Popen:
        def __init__(self, cmd: list[str], **_kw: object) -> None:
            started.append(cmd)

    monkeypatch.setattr(subprocess, "Popen", Popen)
    spawned = prefetch._spawn(tmp_path / "年报.docx", None)  # type: ignore[arg-type]
    assert spawned is not None
    name = jobobject._held[0][0]
    assert started[0][-3:] == [str(tmp_path / "年报.docx"), str(spawned.out), name]
    spawned.out.unlink(missing_ok=True)
    order: list[str] = []
    monkeypatch.setattr(jobobject, "join", lambda job, k=None: order.append(f"join {job}") or True)
    monkeypatch.setattr(prefetch_child, "result", lambda path: order.append("read") or (b"", 1))
    assert prefetch_child.main([str(tmp_path / "年报.docx"), str(tmp_path / "out"), name]) == 1
    assert order == [f"join {name}", "read"]
