"""app.dataclass_cache: dataclasses made through the cache are the same classes; the cache
outlives the process (a relaunch compiles nothing it has seen), two instances writing it at
once leave a whole file, and a corrupt or unwritable cache is only a slower start.  The file
holds what the program version needs: a new version's first run drops the old one's methods,
however many an old file holds; and the test suite never writes the user's cache."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import subprocess
import sys
import time
import types
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
    whole = tmp_path / "whole.bin"
    first = dataclass_cache._Cache(whole)
    _through(first, monkeypatch)
    first.save()
    truncated = whole.read_bytes()[: whole.stat().st_size // 2]
    legacy = marshal.dumps({s: code for s, (code, _, _) in dataclass_cache._Cache(whole).codes.items()})  # {source: code}
    junk = (b"", b"not marshal at all", marshal.dumps({"def f(): pass": 3}), marshal.dumps([1, 2]),
            truncated, legacy, marshal.dumps((1, {"def f(): pass": (3, (), 1)})), marshal.dumps(("1", {})))
    junk_files = (*junk, *map(dataclass_cache._sealed, junk))  # an older layout's, and whole files of junk
    for junk in junk_files:
        path.write_bytes(junk)
        cache = dataclass_cache._Cache(path)
        assert _behaviour(*_through(cache, monkeypatch)) == plain
        assert cache.hits == 0 and cache.new, "nothing taken from it"
        cache.save()
        assert dataclass_cache._Cache(path).codes.keys() == set(cache.used), "written anew, whole, only ours"
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
            "print(d._installed.hits, len(d._installed.used))")
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache_dir), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def test_the_cache_outlives_the_process_and_two_instances_share_it(tmp_path: Path) -> None:
    two = [_start(tmp_path), _start(tmp_path)]  # two instances at once, each writing at exit
    outs = [p.communicate(timeout=120)[0].split() for p in two]
    assert all(p.returncode == 0 for p in two)
    assert all(int(codes) > 20 for _, codes in outs)
    # One whole file per cache (ui/__init__ imports Qt through app/compile_cache.py), no leftovers.
    files = sorted(f for f in tmp_path.iterdir() if f.name != dataclass_cache.LOCK)
    assert [f.name.split("-")[0] for f in files] == ["compiled", "dataclasses"], "one whole file each, no leftovers"
    assert isinstance(dataclass_cache.load(files[0]), dict)
    assert len(dataclass_cache._Cache(files[1]).codes) >= int(outs[0][1])
    third = _start(tmp_path)
    hits, _ = third.communicate(timeout=120)[0].split()
    assert third.returncode == 0 and int(hits) >= int(outs[0][1]), "the relaunch compiled nothing seen before"


def _module(cache: dataclass_cache._Cache, name: str, fields: str, monkeypatch: pytest.MonkeyPatch) -> type:
    """A frozen dataclass ``C`` with ``fields`` declared in a module ``name``, through ``cache``: a
    version of one of the program's modules."""
    module = types.ModuleType(name)
    monkeypatch.setitem(sys.modules, name, module)
    source = "import dataclasses\n@dataclasses.dataclass(frozen=True, order=True)\nclass C:\n"
    source += "".join(f"    {field}: int = 0\n" for field in fields.split())
    with monkeypatch.context() as patch:
        patch.setattr(dataclasses, "exec", cache.exec, raising=False)
        exec(source, module.__dict__)
    return module.C  # type: ignore[no-any-return]


def test_a_new_version_drops_the_old_versions_methods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old version of a module the new one imports goes at its first save; a module it does
    not import (another command's) stays."""
    path = tmp_path / "c.bin"
    old = dataclass_cache._Cache(path)
    _module(old, "m.report", "year organ", monkeypatch)
    _module(old, "m.editor", "page", monkeypatch)
    old.save()
    editor = {s for s in old.used if "page" in s}
    new = dataclass_cache._Cache(path)
    made = _module(new, "m.report", "year title", monkeypatch)
    assert made(2024, 3) < made(2024, 4) and repr(made(1)) == "C(year=1, title=0)"
    assert new.new
    new.save()
    kept = dataclass_cache._Cache(path).codes
    assert kept.keys() == set(new.used) | editor, "the new version's and the other module's, no old one"
    assert not any("organ" in s for s in kept)
    again = dataclass_cache._Cache(path)
    _module(again, "m.report", "year title", monkeypatch)
    _module(again, "m.editor", "page", monkeypatch)
    assert not again.new and not again.stale()


def test_a_file_full_of_other_versions_is_pruned_by_the_first_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """4000 methods of earlier versions, as a user's cache had them: the first run that declares
    those modules' classes writes the file anew, though it compiled nothing new, with only what it
    used and what another module's classes used lately; the next run reads only that."""
    path = tmp_path / "c.bin"
    first = dataclass_cache._Cache(path)
    _module(first, "m.report", "year title", monkeypatch)
    first.save()
    saves, entries = dataclass_cache.load(path)
    code = next(iter(entries.values()))[0]
    for i in range(4000):
        entries[f"# old version {i}"] = (code, ("m.report",), saves)
    entries["# another module's, used lately"] = (code, ("m.editor",), saves)
    entries["# a deleted module's, unused for long"] = (code, ("m.gone",), saves - dataclass_cache.KEEP_SAVES)
    entries["# not an entry"] = code
    dataclass_cache.save(path, (saves, entries))
    run = dataclass_cache._Cache(path)
    _module(run, "m.report", "year title", monkeypatch)
    assert not run.new and run.stale()
    run.save()
    assert dataclass_cache._Cache(path).codes.keys() == set(first.used) | {"# another module's, used lately"}
    assert path.stat().st_size < 10_000


def test_two_instances_saving_one_after_the_other_keep_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both read the file before either saved (the editor and an export at once): the second
    merges what the first wrote instead of overwriting it."""
    path = tmp_path / "c.bin"
    a, b = dataclass_cache._Cache(path), dataclass_cache._Cache(path)
    _module(a, "m.report", "year", monkeypatch)
    _module(b, "m.editor", "page", monkeypatch)
    a.save()
    b.save()
    assert dataclass_cache._Cache(path).codes.keys() == set(a.used) | set(b.used)


def test_the_legacy_file_is_removed_at_the_first_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    legacy = tmp_path / f"dataclasses-{dataclass_cache.VERSION}.bin"
    legacy.write_bytes(marshal.dumps({"x = 1": compile("x = 1", "<string>", "exec")}))
    cache = dataclass_cache._Cache(dataclass_cache.cache_file())
    assert cache.codes == {}, "the earlier layout is never read"
    _through(cache, monkeypatch)
    cache.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == [dataclass_cache.LOCK, dataclass_cache.cache_file().name]


def test_the_suite_never_writes_the_users_cache() -> None:
    """tests/conftest.py points the caches at a folder of the session's own: ui.main installs the
    dataclass cache at import, and every class the suite declared after would be saved there."""
    folder = dataclass_cache.cache_file().parent.resolve()
    user = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").resolve()
    assert not folder.is_relative_to(user) and not folder.is_relative_to(Path.home().resolve())


READ_IN_CHILD = """
import json, sys
from pathlib import Path
from app import dataclass_cache, prefetch
cache = dataclass_cache.install()  # as app.launch: before the file's child is forked
path = Path(sys.argv[1])
assert prefetch.start(path) and prefetch.take(path) is not None
print(json.dumps(sorted(cache.modules)))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the file's child is forked only where there is fork")
def test_the_files_reading_child_keeps_the_readers_classes(tmp_path: Path, sample: Path) -> None:
    """At the editor's start the reader's modules are imported only in the forked child, which
    ends without exit handlers: it saves itself, so their methods are kept, and an older
    version's methods of those modules go, though the window's process never declares them."""
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path), NIANBAO_PREFETCH="fork", PYTHONPATH=str(ROOT))

    def start() -> list[str]:
        done = subprocess.run([sys.executable, "-c", READ_IN_CHILD, str(sample)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    parent = start()
    path = tmp_path / dataclass_cache.cache_file().name
    saves, entries = dataclass_cache.load(path)
    child_only = {m for _, modules, _ in entries.values() for m in modules} - set(parent)
    assert "app.docx.tables" in child_only, "the reader's classes, declared in the child only, are kept"
    code = next(iter(entries.values()))[0]
    entries["# an older version's method"] = (code, ("app.docx.tables",), saves)
    dataclass_cache.save(path, (saves, entries))
    assert "app.docx.tables" not in start()
    assert "# an older version's method" not in dataclass_cache._Cache(path).codes


# A start of one installation: its program folder ``sys.argv[1]`` (a link to this one's app/), a
# version of the module m.report whose class has the fields ``sys.argv[2]``.
INSTALLATION = """
import json, sys, types
sys.path.insert(0, sys.argv[1])
from app import dataclass_cache
assert dataclass_cache.__file__.startswith(sys.argv[1])
cache = dataclass_cache.install()
module = sys.modules["m.report"] = types.ModuleType("m.report")
fields = "".join(f"    {f}: int = 0\\n" for f in sys.argv[2].split())
exec("import dataclasses\\n@dataclasses.dataclass(frozen=True)\\nclass C:\\n" + fields, module.__dict__)
print(json.dumps(cache.new))
"""


def test_two_installations_started_in_turn_keep_each_others_methods(tmp_path: Path) -> None:
    """An old version beside a new one (or the .deb and a bundle), started in turn: each keeps its
    own file, so neither compiles nor writes anything after its first start."""
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    for name in ("old", "new"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "app").symlink_to(ROOT / "app")

    def start(name: str, fields: str) -> bool:
        done = subprocess.run([sys.executable, "-c", INSTALLATION, str(tmp_path / name), fields], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    def files() -> dict[str, int]:
        return {f.name: f.stat().st_mtime_ns for f in (tmp_path / "cache").glob("dataclasses-*")}

    assert start("old", "year organ") and start("new", "year title")
    first = files()
    assert len(first) == 2
    for _ in range(2):
        assert not start("old", "year organ") and not start("new", "year title"), "compiled again"
    assert files() == first, "a file written again"


def test_a_save_prunes_other_installations_files_unwritten_for_long_or_too_many(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    day = 86400
    now = time.time()
    others = [f"dataclasses-v3-{dataclass_cache.VERSION}-{n:08x}.bin" for n in range(6)]
    others.append(f"dataclasses-v2-{dataclass_cache.VERSION}.bin")  # the earlier layout's, a week old
    ages = [1, 2, 3, 5, 6, 1 + dataclass_cache.OTHERS_DAYS, 7]
    for name, age in zip(others, ages, strict=True):
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (now - age * day, now - age * day))
    (tmp_path / "compiled-x.bin").write_bytes(b"x")  # the other cache's: not this one's to prune
    cache = dataclass_cache._Cache(dataclass_cache.cache_file())
    _through(cache, monkeypatch)
    cache.save()
    kept = {p.name for p in tmp_path.iterdir()} - {dataclass_cache.LOCK, dataclass_cache.cache_file().name}
    assert dataclass_cache.OTHERS_KEPT == 4
    assert kept == {others[0], others[1], others[2], others[3], "compiled-x.bin"}
