"""Row 1 of benchmarks/run.py alone: process start → window with a report loaded and checked,
against a bare QMainWindow + QTableView process, interleaved, medians; wall and CPU time.

    .venv/bin/python benchmarks/bench_start.py [--runs N]

Quicker than the whole table while working on start-up; the programs measured are run.py's own
(EDITOR_WINDOW, BARE_WINDOW), so the figure is the same one.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

from common import ROOT
from run import BARE_WINDOW, EDITOR_WINDOW, prepare


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms of the child) of one process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True)
    wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = max(5, ap.parse_args().runs)
    _folder, env, doc = prepare("bench-start-")
    py = sys.executable
    sides = {"editor": [py, "-c", EDITOR_WINDOW, str(doc)], "bare": [py, "-c", BARE_WINDOW]}
    for cmd in sides.values():  # warm-up: the file cache, not measured
        timed(cmd, env)
    walls: dict[str, list[float]] = {k: [] for k in sides}
    cpus: dict[str, list[float]] = {k: [] for k in sides}
    load_before = os.getloadavg()
    for _ in range(runs):
        for name, cmd in sides.items():
            wall, cpu = timed(cmd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    load_after = os.getloadavg()
    w = {k: statistics.median(v) for k, v in walls.items()}
    c = {k: statistics.median(v) for k, v in cpus.items()}
    print(f"start → window with a report loaded and checked, medians of {runs} interleaved runs; "
          f"load {load_before[0]:.2f} → {load_after[0]:.2f}")
    print(f"  wall: editor {w['editor']:.0f} ms, bare {w['bare']:.0f} ms, {w['editor'] / w['bare']:.2f}× (goal ≤ 1.5×)")
    print(f"  CPU:  editor {c['editor']:.0f} ms, bare {c['bare']:.0f} ms, {c['editor'] / c['bare']:.2f}×")


if __name__ == "__main__":
    main()
