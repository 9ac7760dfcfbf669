"""Both start caches (app/dataclass_cache.py, app/compile_cache.py) with two processes saving
at the same moment, many times over: every save is whole (a reader never meets a torn file) and
each merges what the other wrote (no entry is lost), since saves take turns (``locked``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import compile_cache, dataclass_cache

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 15  # each process's saves; both together stay under the dataclass cache's KEEP_SAVES

RACE = """
import json, re, sys, types
from pathlib import Path
from app import compile_cache, dataclass_cache
tag, rounds, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
patterns, classes = folder / "compiled.bin", folder / "dataclasses.bin"
go = folder / "go"
while not go.exists():  # both start together
    pass
torn = 0
for i in range(rounds):
    with compile_cache.compiled(patterns):
        re.compile(f"{tag}{i}(?:次)+")
    cache = dataclass_cache._Cache(classes)
    module = sys.modules[f"m.{tag}{i}"] = types.ModuleType(f"m.{tag}{i}")
    dataclass_cache.dataclasses.exec = cache.exec  # as install() does, one cache a round
    exec(f"import dataclasses\\n@dataclasses.dataclass\\nclass C:\\n    {tag}{i}: int = 0\\n", module.__dict__)
    cache.save()
    for where in (patterns, classes):  # a reader at this moment: the file is whole
        if where.exists() and dataclass_cache.load(where) is None:
            torn += 1
print(json.dumps(torn))
"""


def test_two_processes_saving_at_once_lose_nothing_and_never_tear_the_file(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    racers = [subprocess.Popen([sys.executable, "-c", RACE, tag, str(ROUNDS), str(tmp_path)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for tag in ("甲", "乙")]
    (tmp_path / "go").touch()
    torn = 0
    for racer in racers:
        out, err = racer.communicate(timeout=300)
        assert racer.returncode == 0, err
        torn += json.loads(out)
    assert torn == 0, "a reader met a torn file"
    wanted = {f"{tag}{i}" for tag in "甲乙" for i in range(ROUNDS)}
    patterns = compile_cache._entries(dataclass_cache.load(tmp_path / "compiled.bin"))[1]
    assert {p.removesuffix("(?:次)+") for p, _ in patterns} == wanted, "a pattern saved was lost"
    classes = dataclass_cache._Cache(tmp_path / "dataclasses.bin").codes.values()
    assert {m.removeprefix("m.") for _, modules, _ in classes for m in modules} == wanted, "a class was lost"


def test_a_save_refused_while_another_process_reads_the_file_is_tried_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a file open for reading cannot be replaced: the reader (another start reading the
    cache) closes it within milliseconds, so the save tries again rather than giving up."""
    where = tmp_path / "c.bin"
    dataclass_cache.save(where, {"old": 1})
    real, refusals = os.replace, [2]

    def replace(src: str, dst: Path) -> None:
        if refusals[0]:
            refusals[0] -= 1
            raise PermissionError(13, "另一个程序正在使用此文件")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    dataclass_cache.save(where, {"new": 2})
    assert dataclass_cache.load(where) == {"new": 2}
    assert [p.name for p in tmp_path.iterdir()] == ["c.bin"], "no temporary left"


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_folder_that_takes_no_locks_is_not_waited_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that takes no locks (a network home without its lock service: flock refuses
    with ENOLCK) gives no turn however long one waits: ``locked`` waited its whole wait there
    (2 s of 最近打开's write, on the window's thread, at each open and save) — it goes on at
    once.  A lock another process holds is still waited for (the control)."""
    import errno
    import fcntl

    slept: list[float] = []
    monkeypatch.setattr(dataclass_cache.time, "sleep", slept.append)

    def flock_failing(error: type[OSError], code: int) -> Callable[[int, int], None]:
        def flock(fd: int, how: int) -> None:
            if how & fcntl.LOCK_EX:
                raise error(code, os.strerror(code))
        return flock

    monkeypatch.setattr(fcntl, "flock", flock_failing(OSError, errno.ENOLCK))
    with dataclass_cache.locked(tmp_path / "settings", 2.0, "turn.lock") as turn:
        assert turn is False
    assert slept == []

    monkeypatch.setattr(fcntl, "flock", flock_failing(BlockingIOError, errno.EWOULDBLOCK))  # held by another
    with dataclass_cache.locked(tmp_path / "settings", 0.05, "turn.lock") as turn:
        assert turn is False
    assert slept  # waited for its turn
