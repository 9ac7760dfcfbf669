"""The checks' warm-up after a start (ui/warm_up.py): how long it holds the window's thread.

    .venv/bin/python benchmarks/bench_warm_up.py [--runs N] [--against REV]

The editor started as run.py's EDITOR_WINDOW does (the third-party .docx, checked by the start's
child), then left to run until the warm-up, ~300 ms after the window shows, has taken its last
step.  Each step (a module imported, a pattern compiled) is timed in the window thread's own CPU
time: the sum is what the warm-up costs that thread, the longest step the longest a key typed
meanwhile can wait for it.  The patterns compiled afresh (not from the compile cache) during the
steps are counted too.  Every start after the first on the same caches, as a user's second start
is.  With ``--against REV`` the code at git revision REV (its own caches) is measured too, runs
interleaved.  Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

from bench_start import revision_tree
from run import EDITOR_WINDOW, prepare

# Before EDITOR_WINDOW: every pattern re compiles afresh counted (the cache's misses go to
# compile_cache._compile_pattern, bound before this spy is), and ui.warm_up's steps timed.
SPY = r"""
import re, time, json
afresh = [0]
_real_compile = re._compiler.compile
def _counting(pattern, flags=0):
    afresh[0] += 1
    return _real_compile(pattern, flags)
re._compiler.compile = _counting
import app.compile_cache
app.compile_cache._compile_pattern = _counting
"""
# Once the window is made (before the report comes in, which sets the warm-up off): its steps timed.
STEPS = r"""
from ui import warm_up
steps_ms, step_afresh, done = [], [0], [False]
_real_steps = warm_up._steps
def _timed(read_text):
    steps = _real_steps(read_text)
    while True:
        before, t = afresh[0], time.thread_time()
        try:
            next(steps)
        except StopIteration:
            done[0] = True
            return
        finally:
            steps_ms.append((time.thread_time() - t) * 1000)
            step_afresh[0] += afresh[0] - before
        yield
warm_up._steps = _timed
"""
# After it: the event loop until the warm-up is over, then its figures.
AFTER = r"""
from PySide6.QtCore import QTimer
end = time.monotonic() + 20
def wait():
    if done[0] or time.monotonic() > end:
        loop.quit()
    else:
        QTimer.singleShot(5, wait)
QTimer.singleShot(0, wait)
loop.exec()
print(json.dumps({"done": done[0], "cpu_ms": sum(steps_ms), "longest_ms": max(steps_ms, default=0.0),
                  "steps": len(steps_ms), "afresh": step_afresh[0]}), flush=True)
"""


def script() -> str:
    # EDITOR_WINDOW's last lines quit at once; the warm-up needs the loop to go on.
    head, _, _ = EDITOR_WINDOW.partition("QTimer.singleShot(0, app.quit)")
    made = "w = first_window(path, (1400, 900))\n"
    assert made in head, "run.py's EDITOR_WINDOW changed: follow it here"
    return SPY + head.replace(made, made + STEPS) + AFTER


def measure(command: list[str], env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    got: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if not got["done"]:
        raise SystemExit("the warm-up did not end within 20 s")
    return got


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also measure git revision REV, runs interleaved")
    args = ap.parse_args()
    runs = max(5, args.runs)
    folder, env, doc = prepare("bench-warm-up-")
    sides = {"this tree": ([sys.executable, "-c", script(), str(doc)], env)}
    scratch = [folder]
    if args.against:
        tree = revision_tree(args.against)
        scratch.append(tree)
        first = f"import sys; sys.path.insert(0, {str(tree)!r})\n"
        rev_env = dict(env, NIANBAO_CACHE_DIR=str(folder / "rev-cache"))
        sides[args.against] = ([sys.executable, "-c", first + script(), str(doc)], rev_env)
    for command, side_env in sides.values():  # the first start: the caches filled
        measure(command, side_env)
    load_before = os.getloadavg()
    results: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, (command, side_env) in sides.items():
            results[name].append(measure(command, side_env))
    print(f"the checks' warm-up on the window's thread, second start on, medians of {runs} "
          f"(load {load_before[0]:.2f} → {os.getloadavg()[0]:.2f}):")
    for name, got in results.items():
        cpu = statistics.median(g["cpu_ms"] for g in got)
        longest = statistics.median(g["longest_ms"] for g in got)
        steps = statistics.median(g["steps"] for g in got)
        afresh = statistics.median(g["afresh"] for g in got)
        print(f"  {name:>12}: {cpu:6.1f} ms CPU in {steps:.0f} steps, longest {longest:5.1f} ms, "
              f"{afresh:.0f} patterns compiled afresh")
    for each in scratch:  # the runs' caches and the revision's tree: nothing left behind
        shutil.rmtree(each, ignore_errors=True)


if __name__ == "__main__":
    main()
