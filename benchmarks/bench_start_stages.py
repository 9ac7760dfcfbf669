"""Where start-up's time goes, stage by stage: run.py's EDITOR_WINDOW with perf_counter marks,
in fresh processes, medians of several runs (ms since the interpreter started its first line).

    .venv/bin/python benchmarks/bench_start_stages.py [--runs N] [--against REV]

With ``--against REV`` the same stages of the code at git revision REV (extracted into a scratch
folder, its own caches) are measured too, runs of the two interleaved, and shown side by side:
a change's effect measured in one run, whatever the machine's load meanwhile.

Besides the stages, the parts of ``MainWindow.complete()`` (each wrapped with a timer) and the
enum classes PySide builds before the window is shown (Python 3.11's enum creation is slow and
PySide makes a class's enums on its first touch), and when the file's child process
(app.prefetch) had its result written, beside the end of ``first_window()``, where the window
starts waiting for it: whether the window waits for the child.  Nothing here is a test: it
only prints.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench_start import revision_tree
from common import ROOT
from run import prepare

# Mirrors run.py's EDITOR_WINDOW (and so app.launch.main, ui.main.run) with marks between its steps.
STAGED = r"""
import time
T0 = time.perf_counter()
import enum, json, sys
marks = {}
parts = {}
enums = {"count": 0, "ms": 0.0}
made = []  # (class, ms, stage, our line): shiboken names the class (its __qualname__) after making it
stage = ["(start)"]
_new = enum.EnumType.__new__
def _trigger():
    # The innermost frame in app/, ui/ or this script's own lines: the line whose touch made the
    # class (past _trigger, _record and the spy).
    f = sys._getframe(3)
    while f is not None:
        name = f.f_code.co_filename
        if "/app/" in name or "/ui/" in name or name == "<string>":
            where = name.rsplit("/", 2)
            return f"{'/'.join(where[-2:]) if name != '<string>' else 'bench'}:{f.f_lineno} {f.f_code.co_name}"
        f = f.f_back
    return "?"
inside = [0]  # a class made through the functional API is timed there, not again in __new__
def _record(cls, t):
    ms = (time.perf_counter() - t) * 1000
    enums["count"] += 1
    enums["ms"] += ms
    made.append((cls, ms, stage[0], _trigger()))
def _spy(*args, **kwargs):
    t = time.perf_counter()
    cls = None
    try:
        cls = _new(*args, **kwargs)
        return cls
    finally:
        if not inside[0]:
            _record(cls, t)
_spy.general = _new  # app/quick_enums.py looks behind it at the code it mirrors
enum.EnumType.__new__ = _spy
def _spy_calls():
    # After app/quick_enums.py is in (its short path for the functional API, which PySide uses,
    # makes the class without EnumType.__new__): PySide's classes timed where they are asked for.
    call = enum.EnumType.__call__
    def spied(cls, value, names=None, **kwargs):
        if names is None:
            return call(cls, value, **kwargs)
        t = time.perf_counter()
        made_here = None
        inside[0] += 1
        try:
            made_here = call(cls, value, names, **kwargs)
            return made_here
        finally:
            inside[0] -= 1
            _record(made_here, t)
    spied.general = getattr(call, "general", call)
    enum.EnumType.__call__ = spied
C0 = time.process_time()
cpu = {}
import resource
faults, system = {}, {}  # minor page faults and kernel CPU of this process: copy-on-write after the fork shows here
import gc
collected = {"ms": 0.0, "n": 0, "t": 0.0}
gcs = {}
def _gc_timer(phase, info):
    if phase == "start":
        collected["t"] = time.perf_counter()
    else:
        collected["n"] += 1
        collected["ms"] += (time.perf_counter() - collected["t"]) * 1000
gc.callbacks.append(_gc_timer)
def mark(name):
    stage[0] = name  # enums made after this mark are made in the next stage: named by its end below
    marks[name] = (time.perf_counter() - T0) * 1000
    cpu[name] = (time.process_time() - C0) * 1000
    gcs[name] = collected["ms"]
    used = resource.getrusage(resource.RUSAGE_SELF)
    faults[name], system[name] = used.ru_minflt, used.ru_stime * 1000
def timed(owner, name, label):
    fn = getattr(owner, name, None)
    if fn is None:  # not in the revision measured (--against)
        return
    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            parts[label] = parts.get(label, 0.0) + (time.perf_counter() - t) * 1000
    setattr(owner, name, wrapper)
from pathlib import Path
import app.launch
from app import collector
collector.hold()
path = Path(app.launch.parse(sys.argv[1:]).file if hasattr(app.launch, "parse") else sys.argv[1])
from app import dataclass_cache, prefetch
dataclass_cache.install()
try:  # the forked child's side (an older revision, --against: app.prefetch's own _serve)
    from app import prefetch_child as _side
    _serve_name = "serve"
except ImportError:
    _side, _serve_name = prefetch, "_serve"
_serve = getattr(_side, _serve_name)
def _timed_serve(*a, **k):
    # In the forked child: when its result is all in the pipe (which it closes then), and its CPU.
    c = time.process_time()
    try:
        return _serve(*a, **k)
    finally:
        sys.stderr.write("CHILD" + json.dumps({"written": (time.perf_counter() - T0) * 1000,
                                               "cpu": (time.process_time() - c) * 1000}) + "\n")
        sys.stderr.flush()
setattr(_side, _serve_name, _timed_serve)
from app import compile_cache
compile_cache.hold()
prefetch.start(path)
mark("app.launch, prefetch")
from app import quick_enums
quick_enums.install()  # as ui/__init__ does first (there again, a no-op)
_spy_calls()
import ui  # as app.launch: ui/__init__ imports QtCore, PySide's own Python from app/compile_cache.py
mark("QtCore")
from PySide6.QtCore import QTimer
import PySide6.QtWidgets
mark("QtWidgets")
import ui.main
from ui.main import create_application
mark("import ui.main")
app = create_application()
mark("QApplication")
import ui.main_window
from ui.main_window import MainWindow
from ui import window_menus
from ui.window_layout import WindowLayout
timed(window_menus, "install", "window_menus.install")
timed(WindowLayout, "restore_layout", "restore_layout")
for n in ("complete", "_build_pages", "_build_dock", "_build_status_bar", "_connect",
          "_nav_changed", "_pause", "show_opening", "show_pages", "reveal"):
    timed(MainWindow, n, n)
mark("import ui.main_window")
_take = prefetch.take
def _timed_take(*a, **k):
    try:
        return _take(*a, **k)
    finally:
        mark("(the child's result in)")
prefetch.take = _timed_take
from ui import crashlog
import os
hooks = crashlog.install(lambda text: (print(text, file=sys.stderr, flush=True), os._exit(3)), open_after_ms=None)  # no modal box
mark("crash log")
w = ui.main.first_window(path, (1400, 900))
QTimer.singleShot(crashlog.OPEN_DELAY_MS, hooks.open_file)  # as ui.main.run
mark("first_window()")
before_show = dict(enums)
assert not w.docs.offer_restore()
mark("offer_restore()")
from PySide6.QtCore import QEventLoop
loop = QEventLoop()  # not app.quit: since Qt 6 that closes the windows
w.docs.loadEnded.connect(loop.quit)
w.docs.load_in_background(path)
loop.exec()
mark("loaded")
app.processEvents()  # the window shown (ui.main_window.show_pages reveals it once the report is in)
assert w.docs.source == path and w.state.report.organ and w.state.findings and w.isVisible()
w.repaint()
mark("painted")
owners = {}  # owner class -> [count, ms, stage, the first line of our code that touched it]
for cls, ms, at, line in made:
    qual = getattr(cls, "__qualname__", "?")
    if getattr(cls, "__module__", "").startswith("PySide6"):
        got = owners.setdefault(qual.rpartition(".")[0] or "(module level)", [0, 0.0, at, line])
        got[0] += 1
        got[1] += ms
print("STAGES" + json.dumps({"marks": marks, "cpu": cpu, "gc": gcs, "faults": faults, "system": system, "parts": parts, "enums_before_show": before_show, "enums": enums, "owners": owners}))
"""


def _run(root: Path, env: dict[str, str], doc: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", STAGED, str(doc)], cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    line = next(x for x in done.stdout.splitlines() if x.startswith("STAGES"))
    got: dict[str, Any] = json.loads(line.removeprefix("STAGES"))
    child = next((x for x in done.stderr.splitlines() if x.startswith("CHILD")), None)
    got["child"] = json.loads(child.removeprefix("CHILD")) if child else None  # None: no forked child
    return got


def _child_line(results: list[dict[str, Any]]) -> str:
    """When the prefetch child had its result written (ms since the first line) and its CPU;
    beside first_window(), where the window's process starts waiting for it."""
    seen = [r["child"] for r in results if r["child"]]
    if not seen:
        return "no forked child"
    written = statistics.median(c["written"] for c in seen)
    cpu = statistics.median(c["cpu"] for c in seen)
    ready = statistics.median(r["marks"]["first_window()"] for r in results)
    return f"result written at {written:.1f} ms (first_window() ends at {ready:.1f} ms), its CPU {cpu:.1f} ms"


def _side_by_side(rev: str, mine: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> None:
    print(f"  {'stage':<24} {'this tree: at, CPU':>26}   {rev + ': at, CPU':>26}   CPU difference"
          "   minor faults, of CPU the kernel's: difference")
    for name in mine[0]["marks"]:
        if name not in theirs[0]["marks"]:
            continue
        at, cpu, faults, system = (statistics.median(r[k][name] for r in mine)
                                   for k in ("marks", "cpu", "faults", "system"))
        at2, cpu2, faults2, system2 = (statistics.median(r[k][name] for r in theirs)
                                       for k in ("marks", "cpu", "faults", "system"))
        print(f"  {name:<24} {at:10.1f} ms {cpu:9.1f} ms   {at2:10.1f} ms {cpu2:9.1f} ms   {cpu - cpu2:+7.1f} ms"
              f"   {faults - faults2:+6.0f} {system - system2:+6.1f} ms")
    count, ms = (statistics.median(r["enums"][k] for r in mine) for k in ("count", "ms"))
    count2, ms2 = (statistics.median(r["enums"][k] for r in theirs) for k in ("count", "ms"))
    print(f"  enum classes built in all: {count:.0f} in {ms:.1f} ms (this tree), {count2:.0f} in {ms2:.1f} ms ({rev})")
    print(f"  the file's child process: {_child_line(mine)} (this tree); {_child_line(theirs)} ({rev})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also measure git revision REV, runs interleaved")
    args = ap.parse_args()
    runs = max(5, args.runs)
    _folder, env, doc = prepare("bench-stages-")
    other = None
    if args.against:
        _other_folder, other_env, _doc = prepare("bench-stages-rev-")
        other_root = revision_tree(args.against)
        other_env["PYTHONPATH"] = str(other_root)
        other = (other_root, other_env)
    results: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    load_before = os.getloadavg()
    for i in range(runs + 1):
        got = _run(ROOT, env, doc)
        if other is not None:
            their = _run(*other, doc)
        if i:  # the first run warms the file cache
            results.append(got)
            if other is not None:
                theirs.append(their)
    load_after = os.getloadavg()
    print(f"start-up stages, medians of {runs} processes; load {load_before[0]:.2f} → {load_after[0]:.2f}")
    if other is not None:
        _side_by_side(args.against, results, theirs)
        return
    print("  (ms since the first line: wall; this process's CPU, the prefetch child's not in it; of it,")
    print("   the garbage collector's and the kernel's; this process's minor page faults)")
    previous = previous_cpu = previous_gc = previous_system = previous_faults = 0.0
    for name in results[0]["marks"]:
        at = statistics.median(r["marks"][name] for r in results)
        cpu = statistics.median(r["cpu"][name] for r in results)
        gc_ms = statistics.median(r["gc"][name] for r in results)
        system = statistics.median(r["system"][name] for r in results)
        faults = statistics.median(r["faults"][name] for r in results)
        print(f"  {name:<24} at {at:6.1f} ms (+{at - previous:5.1f})   CPU {cpu:6.1f} ms (+{cpu - previous_cpu:5.1f})"
              f"   GC +{gc_ms - previous_gc:4.1f}   kernel +{system - previous_system:4.1f}"
              f"   faults +{faults - previous_faults:5.0f}")
        previous, previous_cpu, previous_gc, previous_system, previous_faults = at, cpu, gc_ms, system, faults
    print(f"  the file's child process (app.prefetch): {_child_line(results)}")
    print("  parts of complete():")
    for name in results[0]["parts"]:
        print(f"    {name:<22} {statistics.median(r['parts'].get(name, 0.0) for r in results):6.1f} ms")
    # By owner class: PySide makes all of a class's enums at its first touch; the stage is the one
    # after the mark named (the touch happened before the next mark), the line our code's first.
    print("  enum classes by owner (count, median ms; made after the stage named; first touched at):")
    owners: dict[str, list[float]] = {}
    about: dict[str, tuple[str, str]] = {}
    for r in results:
        for owner, (count, ms, after, line) in r["owners"].items():
            owners.setdefault(owner, []).append(ms)
            about[owner] = (f"{count}", f"after {after:<22} {line}")
    for owner, times in sorted(owners.items(), key=lambda kv: -statistics.median(kv[1])):
        count, where = about[owner]
        print(f"    {owner:<34} {count:>3} {statistics.median(times):6.2f} ms  {where}")
    for key, label in (("enums_before_show", "by the end of first_window()"), ("enums", "in all")):
        count = statistics.median(r[key]["count"] for r in results)
        ms = statistics.median(r[key]["ms"] for r in results)
        print(f"  enum classes built {label}: {count:.0f}, {ms:.1f} ms")


if __name__ == "__main__":
    main()
