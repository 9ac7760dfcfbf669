"""app.dataclass_cache: dataclasses made through the cache are the same classes; the cache
outlives the process (a relaunch compiles nothing it has seen), two instances writing it at
once leave a whole file, and a corrupt or unwritable cache is only a slower start."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import dataclass_cache

ROOT = Path(__file__).resolve().parents[1]


def _declare() -> tuple[type, type]:
    """The same declarations each time: frozen with defaults and a factory, and ordered."""

    @dataclasses.dataclass(frozen=True)
    class Cell:
        table: str
        row: int = 0
        tags: tuple[str, ...] = ()
        notes: list[str] = dataclasses.field(default_factory=list, compare=False)

    @dataclasses.dataclass(order=True)
    class Place:
        section: str
        paragraph: int = 0

    return Cell, Place


def _behaviour(cell: type, place: type) -> list[object]:
    a, b = cell("三", 2, ("x",)), cell("三", 2, ("x",))
    try:
        a.row = 5  # type: ignore[misc]
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    return [a == b, hash(a) == hash(b), repr(a), a.notes is not b.notes, frozen,
            repr(sorted([place("六", 3), place("一", 9), place("六", 1)])), place("一") < place("二"),
            cell("四").row, [f.name for f in dataclasses.fields(cell)]]


def _through(cache: dataclass_cache._Cache, monkeypatch: pytest.MonkeyPatch) -> tuple[type, type]:
    monkeypatch.setattr(dataclasses, "exec", cache.exec, raising=False)
    try:
        return _declare()
    finally:
        monkeypatch.undo()


def test_classes_made_through_the_cache_behave_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _behaviour(*_declare())
    first = dataclass_cache._Cache(tmp_path / "c.bin")
    assert _behaviour(*_through(first, monkeypatch)) == plain
    assert first.new and first.hits == 0
    first.save()
    again = dataclass_cache._Cache(tmp_path / "c.bin")  # as the next start reads it
    assert _behaviour(*_through(again, monkeypatch)) == plain
    assert again.hits > 0 and not again.new, "nothing compiled a second time"


def test_a_corrupt_or_unwritable_cache_is_only_a_slower_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _behaviour(*_declare())
    path = tmp_path / "c.bin"
    for junk in (b"", b"not marshal at all", marshal.dumps({"def f(): pass": 3}), marshal.dumps([1, 2])):
        path.write_bytes(junk)
        cache = dataclass_cache._Cache(path)
        assert cache.codes == {} and _behaviour(*_through(cache, monkeypatch)) == plain
        cache.save()
        assert dataclass_cache._Cache(path).codes.keys() == cache.codes.keys(), "written anew, whole"
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    cache = dataclass_cache._Cache(blocked / "sub" / "c.bin")  # its folder cannot be made
    assert _behaviour(*_through(cache, monkeypatch)) == plain
    cache.save()  # no error, nothing written
    assert blocked.read_text() == "x"


def test_a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """Both caches save through ``dataclass_cache.save``: a value marshal refuses fails after the
    temporary file is made; the old cache stays whole and nothing is left beside it."""
    path = tmp_path / "c.bin"
    dataclass_cache.save(path, {"a": 1})
    dataclass_cache.save(path, {"a": object()})  # no error
    assert dataclass_cache.load(path) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["c.bin"]


def _start(cache_dir: Path) -> subprocess.Popen[str]:
    """A program starting as the editor does (ui.main installs the cache) and making a report."""
    code = ("import ui.main\nfrom app import dataclass_cache as d\nimport app.reading, app.checks\n"
            "print(d._installed.hits, len(d._installed.codes))")
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache_dir), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def test_the_cache_outlives_the_process_and_two_instances_share_it(tmp_path: Path) -> None:
    two = [_start(tmp_path), _start(tmp_path)]  # two instances at once, each writing at exit
    outs = [p.communicate(timeout=120)[0].split() for p in two]
    assert all(p.returncode == 0 for p in two)
    assert all(int(codes) > 20 for _, codes in outs)
    # One whole file per cache (ui/__init__ imports Qt through app/compile_cache.py), no leftovers.
    files = sorted(tmp_path.iterdir())
    assert [f.name.split("-")[0] for f in files] == ["compiled", "dataclasses"], "one whole file each, no leftovers"
    assert all(isinstance(marshal.loads(f.read_bytes()), dict) for f in files)
    third = _start(tmp_path)
    hits, _ = third.communicate(timeout=120)[0].split()
    assert third.returncode == 0 and int(hits) >= int(outs[0][1]), "the relaunch compiled nothing seen before"
