"""A start cache damaged on disk (a few bits flipped: a bad sector, a backup tool restoring a
mixed copy) is no cache: the program starts as without one and writes it anew.  Before the
checksum every `python -m app check` and every editor start died with an English traceback
(SystemError from marshal, a TypeError from a damaged __init__), for good (rev25b S8)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import compile_cache, dataclass_cache
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[1]


def check(cache: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "app", "check", str(SAMPLE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    cache = tmp_path_factory.mktemp("cache")
    done = check(cache)
    assert done.returncode in (0, 1), done.stderr  # 1: the sample has findings
    # Both caches: the command line compiles its patterns through the compile cache too.
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.bin")) == ["compiled", "dataclasses"]
    return cache, done


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0b1010_0100]) + data[at + 1:]


def compiled_cache(folder: Path) -> Path:
    where = folder / "compiled.bin"
    with compile_cache.compiled(where):
        re.purge()
        re.compile("受损(?:缓存)+")
        compile("x = 1", "<damage test>", "exec")
    return where


@pytest.mark.parametrize("kind", ["dataclasses", "compiled"])
def test_any_byte_changed_is_no_cache(made: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path,
                                      kind: str) -> None:
    path = next(made[0].glob("dataclasses-*.bin")) if kind == "dataclasses" else compiled_cache(tmp_path)
    data = path.read_bytes()
    assert dataclass_cache.load(path) is not None
    damaged = path.with_name("damaged.bin")
    step = max(1, len(data) // 300)
    for at in [*range(0, 40), *range(40, len(data), step), len(data) - 1]:  # the mark, the sum, the body
        damaged.write_bytes(flipped(data, at))
        assert dataclass_cache.read_marked(damaged) == (None, None), at
    damaged.write_bytes(data[: len(data) // 2])
    assert dataclass_cache.load(damaged) is None


@pytest.mark.parametrize("kind", ["dataclasses", "compiled"])
@pytest.mark.parametrize("share", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_a_damaged_cache_starts_as_none_and_is_written_anew(
        made: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path, share: float, kind: str) -> None:
    source, clean = made
    for f in source.glob("*.bin"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    [path] = tmp_path.glob(f"{kind}-*.bin")
    data = path.read_bytes()
    path.write_bytes(flipped(flipped(data, int(len(data) * share)), int(len(data) * share) + 7))
    done = check(tmp_path)
    assert "Traceback" not in done.stderr and (done.returncode, done.stdout) == (clean.returncode, clean.stdout)
    assert dataclass_cache.load(path) is not None, "written anew, whole"
