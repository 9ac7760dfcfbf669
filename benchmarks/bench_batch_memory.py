"""A reviewer's batch of many reports: the peak memory of `python -m app check DIR --jobs 2
--xlsx OUT` (or without the workbook: ``--no-xlsx``) — the whole process tree (the parent, its workers and the resource tracker, summed,
sampled every 0.1 s from /proc) — for 200 and for 2,000 reports, as a user runs it.

hostile30 #16: the parent kept every report's findings in full until the printout and the
workbook were done; 2,000 reports peaked ~60 MB over 200.  Flat means the parent keeps only a
compact record per report (app/batch.py ``Said``).

    .venv/bin/python benchmarks/bench_batch_memory.py [--runs N] [--other DIR]

``--other``: another tree of the program (``git archive main | tar -x -C DIR``), run with this
Python alternately on the same folders, for a comparison in the same run (the machine is
shared: the load is printed with the figures).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from bench_batch import make_reports
from common import ROOT


def _children(pid: int) -> list[int]:
    """``pid`` and every process under it."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += parents.get(p, [])
    return out


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def peak_tree_rss(root: Path, folder: Path, out: Path | None) -> tuple[int, float]:
    """(peak summed RSS of the tree in KiB, wall seconds) of one `check DIR --jobs 2 [--xlsx OUT]`."""
    t = time.perf_counter()
    workbook = ["--xlsx", str(out)] if out is not None else []
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(folder), "--jobs", "2", *workbook],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss_kib(p) for p in _children(proc.pid)))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = proc.wait()
    done.set()
    sampler.join()
    if code not in (0, 1):
        raise SystemExit(f"{root}: check exited {code}")
    return peak, time.perf_counter() - t


def copies(src: Path, dest: Path, times: int) -> None:
    """``times`` copies of every report in ``src``, each copy of another organ (某k市…): no two
    reports share an organ and year, so none is listed as another's duplicate."""
    for k in range(times):
        for p in sorted(src.iterdir()):
            with zipfile.ZipFile(p) as zin, zipfile.ZipFile(dest / f"{k}-{p.name}", "w", zipfile.ZIP_DEFLATED) as z:
                for info in zin.infolist():
                    data = zin.read(info)
                    if info.filename.endswith(".xml"):
                        data = data.replace("某市".encode(), f"某{k}市".encode())
                    z.writestr(info, data)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--times", type=int, default=10, help="the large folder is this many times the small one")
    ap.add_argument("--other", type=Path, help="another checkout to compare with, run alternately")
    ap.add_argument("--no-xlsx", action="store_true", help="without the summary workbook (the printout only)")
    ns = ap.parse_args()
    roots = [ROOT, *([ns.other] if ns.other else [])]
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small", Path(tmp) / "large"
        small.mkdir()
        large.mkdir()
        make_reports(small, ns.reports)
        copies(small, large, ns.times)
        load_before = os.getloadavg()[0]
        peaks: dict[tuple[Path, Path], list[int]] = {}
        walls: dict[tuple[Path, Path], list[float]] = {}
        for _ in range(ns.runs):
            for folder in (small, large):
                for root in roots:  # alternately, so both see the same load
                    peak, wall = peak_tree_rss(root, folder, None if ns.no_xlsx else Path(tmp) / "汇总.xlsx")
                    peaks.setdefault((root, folder), []).append(peak)
                    walls.setdefault((root, folder), []).append(wall)
        print(f"load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
        print(f"`check DIR --jobs 2{'' if ns.no_xlsx else ' --xlsx OUT'}`, peak RSS of the process tree (median of {ns.runs} runs):")
        for root in roots:
            cells = []
            for folder in (small, large):
                n = len(list(folder.iterdir()))
                cells.append(f"{n} reports {statistics.median(peaks[(root, folder)]) / 1024:.0f} MB"
                             f" ({statistics.median(walls[(root, folder)]):.0f} s)")
            grow = (statistics.median(peaks[(root, large)]) - statistics.median(peaks[(root, small)])) / 1024
            print(f"  {root}: {', '.join(cells)}; large − small = {grow:+.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
