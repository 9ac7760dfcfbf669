"""A folder where a start cache's file (or the caches' lock) should be — made by hand, by a
backup tool restoring a tree, by a program that mistook the name — was never replaced: the cache
was then never written and every start and every `check` compiled everything afresh, for good
(state31).  An empty such folder is taken away at the next save; one holding anything is left
(the user's files are never deleted) and the start stays as without a cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import compile_cache, dataclass_cache
from tests.conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[1]


def check(cache: Path) -> None:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "app", "check", str(SAMPLE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr  # 1: the sample has findings
    assert "Traceback" not in done.stderr


def files(cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(cache))
    return dataclass_cache.cache_file(), compile_cache.path(), cache / dataclass_cache.LOCK


@pytest.mark.parametrize("which", ["dataclasses", "compiled", "lock"])
def test_an_empty_folder_in_a_caches_place_is_replaced_by_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str) -> None:
    cache = tmp_path / "cache"
    classes, compiled, lock = files(cache, monkeypatch)
    in_place = {"dataclasses": classes, "compiled": compiled, "lock": lock}[which]
    in_place.mkdir(parents=True)
    check(cache)
    assert classes.is_file() and dataclass_cache.load(classes) is not None
    assert compiled.is_file() and dataclass_cache.load(compiled) is not None
    assert lock.is_file()


def test_a_folder_holding_something_is_left_and_the_start_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    classes, compiled, _ = files(cache, monkeypatch)
    classes.mkdir(parents=True)
    (classes / "用户的文件.txt").write_text("留着", encoding="utf-8")
    check(cache)
    check(cache)
    assert (classes / "用户的文件.txt").read_text(encoding="utf-8") == "留着"
    assert compiled.is_file()  # the other cache is written as ever
