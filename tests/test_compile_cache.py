"""app.compile_cache: PySide imported through the cache behaves as PySide imported plainly; a
second process compiles none of shiboken's embedded sources nor the patterns they compile; a
pattern from the cache is the pattern re makes; a corrupt or unwritable cache is only a slower
start; every other compile passes through.  PySide's cases each in a fresh interpreter: PySide is
imported once per process."""

from __future__ import annotations

import builtins
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

from app import compile_cache, dataclass_cache

ROOT = Path(__file__).resolve().parents[1]

# What PySide's signature support gives: the message for wrong argument types (errorhandler),
# a signature (parser, layout), an enum of the namespace; and how many embedded sources were
# compiled, here and now, rather than taken from the cache.
# The start of each child's script: every pattern compiled afresh (not from the cache) is counted.
COUNT_PATTERNS = """
import json, sys
from app import compile_cache
patterns = []
real_pattern = compile_cache._compile_pattern
def counting_patterns(pattern, flags=0):
    patterns.append(pattern)
    return real_pattern(pattern, flags)
compile_cache._compile_pattern = counting_patterns
"""
PROBE = COUNT_PATTERNS + """
compiles = []
real = compile_cache._compile
def counting(source, filename, mode, *a, **k):
    compiles.append(filename)
    return real(source, filename, mode, *a, **k)
compile_cache._compile = counting
if sys.argv[1] == "ui":
    import ui
elif sys.argv[1] == "cache":
    with compile_cache.compiled():
        import PySide6.QtCore
else:
    import PySide6.QtCore
import builtins, re
import PySide6.QtCore
from PySide6.QtGui import QFont
try:
    QFont().setPointSizeF("大")
except TypeError as e:
    message = str(e)
print(json.dumps({"message": message, "signature": QFont.setPointSizeF.__doc__,
                  "enum": repr(PySide6.QtCore.Qt.AlignmentFlag.AlignLeft),
                  "compiled": len([f for f in compiles if f.startswith(("shibokensupport/", "signature_bootstrap"))]),
                  "patterns": len(patterns),
                  "restored": builtins.compile is real and re._compiler.compile is real_pattern}))
"""


def probe(how: str, cache_dir: Path) -> dict[str, object]:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache_dir), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, how], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_pyside_through_the_cache_is_pyside(tmp_path: Path) -> None:
    plain = probe("plain", tmp_path)
    assert plain["compiled"] == 0 and not list(tmp_path.iterdir()), "no cache: shiboken compiles on its own"
    first, second = probe("cache", tmp_path), probe("cache", tmp_path)
    assert first["compiled"] >= 10, "the first process compiles shiboken's sources (and keeps them)"
    assert first["patterns"] >= 3, "and the patterns they compile as they load"
    assert second["compiled"] == 0 and second["patterns"] == 0, "the next one compiles none of them"
    for got in (first, second):
        assert {k: got[k] for k in ("message", "signature", "enum")} == {
            k: plain[k] for k in ("message", "signature", "enum")}
        assert got["restored"], "builtins.compile is Python's own again"
    assert "setPointSizeF" in str(plain["message"]) and "float" in str(plain["signature"])


def test_the_ui_package_imports_qt_through_the_cache(tmp_path: Path) -> None:
    first = probe("ui", tmp_path)
    (cached,) = (f for f in tmp_path.iterdir() if f.name != dataclass_cache.LOCK)
    stamp = cached.stat().st_mtime_ns
    second = probe("ui", tmp_path)
    assert first["compiled"] >= 10 and second["compiled"] == 0 and second["patterns"] == 0
    assert cached.stat().st_mtime_ns == stamp, "nothing new: not written again"


# shiboken's .pyi writer: which of the modules its import brings were loaded with PySide, and
# the writer's names once it is asked for one (``from … import`` included).
PYI = """
import json, sys
from app import compile_cache
if sys.argv[1] == "cache":
    with compile_cache.compiled():
        import PySide6.QtCore
else:
    import PySide6.QtCore
brought = ("argparse", "logging", "gettext")
before = [m for m in brought if m in sys.modules]
from PySide6.support.signature.lib.pyi_generator import Formatter, generate_pyi
from PySide6.support.signature.lib import pyi_generator
print(json.dumps({"before": before, "after": [m for m in brought if m in sys.modules],
                  "names": sorted(n for n in vars(pyi_generator) if not n.startswith("__")),
                  "module": generate_pyi.__module__, "formatter": Formatter.__name__}))
"""


def test_the_pyi_writer_runs_at_its_first_use_and_is_the_same(tmp_path: Path) -> None:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))

    def run(how: str) -> dict[str, object]:
        done = subprocess.run([sys.executable, "-c", PYI, how], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]

    plain, first, second = run("plain"), run("cache"), run("cache")
    assert plain["before"] == ["argparse", "logging", "gettext"], "plainly, PySide's import runs the writer"
    for got in (first, second):  # the first compiles and keeps the stand-in, the second takes it from the file
        assert got["before"] == [], "through the cache, not at PySide's import"
        assert got["after"] == plain["after"] == ["argparse", "logging", "gettext"]
        assert {k: got[k] for k in ("names", "module", "formatter")} == {
            k: plain[k] for k in ("names", "module", "formatter")}
    assert "generate_pyi" in plain["names"] and "__getattr__" not in plain["names"]


def test_a_corrupt_or_unwritable_cache_is_only_a_slower_start(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    where = compile_cache.path().name
    (corrupt / where).write_bytes(b"\x00not marshal")
    got = probe("cache", corrupt)
    assert got["compiled"] >= 10 and got["restored"]
    assert set(dataclass_cache.load(corrupt / where)) == {"code", "re"}, "written anew, whole"
    assert probe("cache", corrupt)["compiled"] == 0
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    got = probe("cache", a_file / "cache")  # its folder cannot be made
    assert got["compiled"] >= 10 and got["restored"]


def test_other_compiles_pass_through(tmp_path: Path) -> None:
    with compile_cache.compiled(tmp_path / "c.bin") as cache:
        assert builtins.compile is not compile_cache._compile
        assert eval(compile("6 * 7", "<x>", "eval")) == 42
        code = compile(b"x = 1\n", "shibokensupport/other.py", "exec", dont_inherit=True)  # not as shiboken asks
        assert code.co_filename == "shibokensupport/other.py"
    assert builtins.compile is compile_cache._compile
    assert cache.codes == {} and not (tmp_path / "c.bin").exists()
    with compile_cache.compiled(tmp_path / "c.bin") as cache:
        debug = re.compile("[0-9]+(?#debug)", re.DEBUG)  # prints its parse: never from a cache
    re.purge()
    assert debug.match("12") and cache.programs == {}


CASES = [(r"(?P<year>\d{4})年(\d{1,2})月", 0), (rb"^\s*(?:foo|bar)+$", re.M), (r"第[一二三四五六七八九十]+条", re.I | re.X),
         (r"(a)|(?P<b>b)\1?", 0), (r"[\u4e00-\u9fff]{2,}(?=公开)", re.S)]
TEXTS = ["2023年12月", b"  foobar\nbar", "依照第十二条", "aa", "政府信息公开", "ba"]


def _behaviour(patterns: list[re.Pattern]) -> list[object]:
    out: list[object] = []
    for p in patterns:
        out += [p.pattern, p.flags, p.groups, dict(p.groupindex)]
        for t in TEXTS:
            if isinstance(t, bytes) == isinstance(p.pattern, bytes):
                out.append([m.span() + m.groups() for m in p.finditer(t)])  # type: ignore[arg-type]
    return out


def test_patterns_from_the_cache_are_the_patterns_re_makes(tmp_path: Path) -> None:
    where = tmp_path / "c.bin"
    re.purge()
    plain = [re.compile(p, f) for p, f in CASES]
    for attempt in ("compiled and kept", "from the cache"):
        re.purge()  # re's own per-process cache: the patterns are made again
        with compile_cache.compiled(where) as cache:
            got = [re.compile(p, f) for p, f in CASES]
        assert got == plain, attempt  # the same program, flags and pattern
        assert _behaviour(got) == _behaviour(plain), attempt
        assert (cache.hits, cache.new) == ((0, len(CASES)) if attempt == "compiled and kept" else (len(CASES), 0)), attempt
    re.purge()


def test_a_program_the_engine_refuses_is_compiled_as_usual(tmp_path: Path) -> None:
    where = tmp_path / "c.bin"
    re.purge()
    with compile_cache.compiled(where):
        re.compile(CASES[0][0])
    data = dataclass_cache.load(where)
    (key,) = data["re"]
    data["re"][key] = marshal.dumps((key[0], 0, [9999, 1, 2], 0, {}, (None,)))  # not a program (kept marshalled)
    dataclass_cache.save(where, data)
    re.purge()
    with compile_cache.compiled(where) as cache:
        got = re.compile(CASES[0][0])
    re.purge()
    assert got == re.compile(CASES[0][0]) and cache.hits == 0 and cache.new == 1
    kept = marshal.loads(dataclass_cache.load(where)["re"][key])
    assert kept[2] != [9999, 1, 2] and len(kept) == 6, "the good program kept instead"


EXPORT = COUNT_PATTERNS + """
from app import cli
code = cli.main(["export", sys.argv[1], "--to", sys.argv[2]])
print(json.dumps({"code": code, "misses": len(patterns)}))
"""


def test_the_pdf_export_compiles_its_patterns_once(tmp_path: Path) -> None:
    from tests.conftest import SAMPLE

    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path / "cache"), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT), NIANBAO_PREFETCH="off")
    got = []
    for n in range(2):
        done = subprocess.run([sys.executable, "-c", EXPORT, str(SAMPLE), str(tmp_path / f"{n}.pdf")], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        got.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert got[0]["code"] == got[1]["code"] == 0
    assert got[0]["misses"] >= 30, "the reader's, the print path's and shiboken's patterns"
    assert got[1]["misses"] == 0, "all from the cache the second time"
    kept = dataclass_cache.load(tmp_path / "cache" / compile_cache.path().name)["re"]
    assert any(pattern == rb"/ToUnicode\s+(\d+)\s+0\s+R" for pattern, _ in kept), "ui.pdf_text's, at import"


# Each process reads the cache, compiles its own pattern, says so, and saves only once the other
# has read the file too: both read before either wrote, as the editor and its reading child do.
AT_ONCE = """
import pathlib, re, sys, time
from app import compile_cache
here, other = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
with compile_cache.compiled():
    re.compile(sys.argv[1])
    here.touch()
    deadline = time.monotonic() + 60
    while not other.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    # The second saves after the first (both read the file before either wrote): two saves at
    # the same instant can still both miss the other's, which no reread before writing avoids.
    while sys.argv[4:] and not pathlib.Path(sys.argv[4]).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
saved = here.with_suffix(".saved")
saved.touch()
"""


def test_two_processes_at_once_keep_both_patterns(tmp_path: Path) -> None:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    where = tmp_path / compile_cache.path().name
    seed = subprocess.run([sys.executable, "-c", AT_ONCE, "seed(ed)", str(tmp_path / "s"), str(tmp_path / "s")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert seed.returncode == 0, seed.stderr
    ones = [subprocess.Popen([sys.executable, "-c", AT_ONCE, pattern, str(tmp_path / mine), str(tmp_path / theirs),
                              *after], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
            for pattern, mine, theirs, after in (("窗口(?:甲)+", "a", "b", []),
                                                 ("子进程(?:乙)+", "b", "a", [str(tmp_path / "a.saved")]))]
    for one in ones:
        _, err = one.communicate(timeout=60)
        assert one.returncode == 0, err
    kept = {pattern for pattern, _ in dataclass_cache.load(where)["re"]}
    assert {"seed(ed)", "窗口(?:甲)+", "子进程(?:乙)+"} <= kept, "each one's pattern, and what was there before"


def test_a_save_merges_only_a_file_of_ours_within_the_cap(tmp_path: Path) -> None:
    where = tmp_path / "c.bin"
    re.purge()
    foreigns = (b"\x00not marshal", marshal.dumps({"code": {}, "re": {("x", 0): "not a program"}}),
                marshal.dumps({"code": {}, "re": {}})[:-3])
    for n, foreign in enumerate((*foreigns, *map(dataclass_cache._sealed, foreigns))):
        where.unlink(missing_ok=True)
        with compile_cache.compiled(where):
            re.compile(f"本进程{n}(?:的)+")
            where.write_bytes(foreign)  # another program's, or a save cut short, since this one read it
        re.purge()
        assert {p for p, _ in dataclass_cache.load(where)["re"]} == {f"本进程{n}(?:的)+"}, foreign
    where.unlink()
    with compile_cache.compiled(where) as cache:  # another process fills the file to the cap meanwhile
        many = [f"另一个{n}" for n in range(compile_cache.MAX_ENTRIES)]
        re.compile("最后(?:一)+")
        assert cache.new == 1
        other = compile_cache.Cache(tmp_path / "other.bin")
        with compile_cache._installed(other):
            for p in many:
                re.compile(p)
        other.where = where
        other.read_from = None
        other.save()
    re.purge()
    assert {p for p, _ in dataclass_cache.load(where)["re"]} == {"最后(?:一)+"}, "over the cap: only its own"


# The start's warm-up of the checks, as ui/warm_up.py runs it: every pattern compiled afresh counted.
WARM_UP = COUNT_PATTERNS + """
import re
re._compiler.compile = counting_patterns  # re's own path too: outside the cache, every compile is afresh
from ui import warm_up
import app.prefetch  # the window has it (and pickle, which compiles a pattern) since the start
patterns.clear()
list(warm_up._steps(False))
from app import patterns as lazy
print(json.dumps({"afresh": len(patterns), "left": sum("search" not in p.__dict__ for p in lazy._declared)}))
"""


def test_the_second_starts_warm_up_compiles_nothing_afresh(tmp_path: Path) -> None:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    got = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", WARM_UP], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        got.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert got[0]["left"] == got[1]["left"] == 0, "the warm-up compiled every pattern the checks declare"
    assert got[0]["afresh"] >= 50, "the first one compiles the checks' patterns (and keeps them)"
    assert got[1]["afresh"] == 0, "the second one takes them all from the cache"


def test_between_the_steps_nothing_goes_through_the_cache(tmp_path: Path) -> None:
    def steps():
        re.compile("一步(?:内)+")
        yield
        re.compile("又一步(?:内)+")
        yield

    re.purge()
    between = []
    for _ in compile_cache.stepwise(steps(), tmp_path / "c.bin"):
        between.append(re.compile("用户的搜索(?:词)+"))  # a user's search, typed between two steps
        assert compile_cache._active is None and builtins.compile is compile_cache._compile
    re.purge()
    kept = {p for p, _ in dataclass_cache.load(tmp_path / "c.bin")["re"]}
    assert kept == {"一步(?:内)+", "又一步(?:内)+"} and len(between) == 2


def test_a_worker_threads_pattern_compiled_inside_a_step_or_a_hold_is_not_cached(tmp_path: Path) -> None:
    """``compile`` and re's code generator are process-wide: inside a warm-up slice (or the
    start's hold) a worker thread's pattern — a user's search, a file's reader — passes through."""
    import threading

    def worker(pattern: str) -> None:
        thread = threading.Thread(target=re.compile, args=(pattern,))
        thread.start()
        thread.join()

    def steps():
        worker("工作线程(?:甲)+")
        re.compile("本线程(?:甲)+")
        yield

    re.purge()
    for _ in compile_cache.stepwise(steps(), tmp_path / "c.bin"):
        pass
    with compile_cache.compiled(tmp_path / "d.bin"):
        worker("工作线程(?:乙)+")
        re.compile("本线程(?:乙)+")
    re.purge()
    assert {p for p, _ in dataclass_cache.load(tmp_path / "c.bin")["re"]} == {"本线程(?:甲)+"}
    assert {p for p, _ in dataclass_cache.load(tmp_path / "d.bin")["re"]} == {"本线程(?:乙)+"}


def test_an_entry_is_unmarshalled_only_when_it_is_used(tmp_path: Path) -> None:
    """The window's process uses shiboken's code and a few patterns, the file's reading child the
    checks' patterns: each unmarshals only its own entries, so an entry nobody uses here costs
    nothing, and a damaged one costs only itself (compiled again, and replaced)."""
    where = tmp_path / "c.bin"
    used, other = "窗口的(?:甲)+", "子进程的(?:乙)+"
    re.purge()
    with compile_cache.compiled(where):
        re.compile(used)
        re.compile(other)
    data = dataclass_cache.load(where)
    data["re"][(other, 0)] = b"\x00damaged"
    dataclass_cache.save(where, data)
    re.purge()
    with compile_cache.compiled(where) as cache:
        assert re.compile(used).match("窗口的甲甲")
    assert (cache.hits, cache.new) == (1, 0), "the used one from the file; the damaged one never looked at"
    re.purge()
    with compile_cache.compiled(where) as cache:
        assert re.compile(other).match("子进程的乙")
    assert (cache.hits, cache.new) == (0, 1), "the damaged one compiled again"
    re.purge()
    with compile_cache.compiled(where) as cache:
        re.compile(used)
        re.compile(other)
    assert (cache.hits, cache.new) == (2, 0), "and replaced"
    re.purge()


# A batch's worker as the pool starts it (its initializer), then one file checked: every pattern
# compiled afresh, not from the cache, counted.
BATCH_WORKER = COUNT_PATTERNS + """
import re
re._compiler.compile = counting_patterns  # re's own path too: outside the cache, every compile is afresh
from app import batch, batch_pool
batch_pool._warm_up(None)
patterns.clear()
result = batch.check_file(sys.argv[1])
assert result.error is None and result.findings, result
print(json.dumps({"afresh": len(patterns)}))
"""


def test_a_batch_worker_takes_the_checks_patterns_from_the_cache(tmp_path: Path) -> None:
    """`check DIR`'s workers (spawned, one per core) compiled the readers' and checks' patterns
    afresh on their first file (~100 ms each); once the command line has kept them, none."""
    from tests.conftest import SAMPLE

    env = dict(os.environ, NIANBAO_CACHE_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    checked = subprocess.run([sys.executable, "-m", "app", "check", str(SAMPLE)], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode in (0, 1), checked.stderr  # 1: the sample has findings
    done = subprocess.run([sys.executable, "-c", BATCH_WORKER, str(SAMPLE)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1])["afresh"] == 0
