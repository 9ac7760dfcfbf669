"""批量检查's window while 重新检查's results arrive: how late the window's event loop runs, with
one report of ~2,300 findings among the files (its result is the biggest a worker hands over).

    .venv/bin/python benchmarks/bench_batch_arrival.py [--runs N] [--files N] [--chars N]

Each run is a fresh process (offscreen, 1400×900): the batch window (jobs=1, as a one-core
machine runs it) checks ``--files`` copies of the sample and one realistic report of ``--chars``
characters (tests/realistic.py, ~2,347 findings at 1,000,000), every file is then touched and
重新检查 reads them all again in its worker process.  A 2 ms timer on the running loop records
its gaps: while the recheck runs, and for as long again with nothing running (idle, the same
process, just before).  Printed per state: the median gap, the 99th percentile, the worst; for
the recheck also the worst gap within 0.5 s of the big report's result arriving, and the GUI
thread's time putting that result into the list.  The timer's slot is Python: a gap also counts
a wait for the GIL.  Medians over runs.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import BATCH_CHECKED, EDITOR_CHILD_START

ROOT = Path(__file__).resolve().parents[1]

CHILD = EDITOR_CHILD_START + BATCH_CHECKED + r"""
import json, os, shutil, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from ui.batch_window import BatchWindow

files, big = int(sys.argv[1]), sys.argv[2]
bw, folder = batch_checked(files, {"大": big}, prefix="bench-arrival-")

def gaps_for(seconds=None, work=None):
    # A 2 ms timer on a running loop: each tick's gap since the one before it.
    out, last = [], []
    def tick():
        now = time.perf_counter()
        if last:
            out.append(((now - last[0]) * 1000, now))
        last[:] = [now]
    timer = QTimer(interval=2)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    timer.start()
    if work is None:
        QTimer.singleShot(int(seconds * 1000), loop.quit)
    else:
        QTimer.singleShot(0, lambda: work(loop))
    loop.exec()
    timer.stop()
    return out

arrivals = []
real_put = bw.model.put
def put(r):
    t = time.perf_counter()
    real_put(r)
    arrivals.append((t, (time.perf_counter() - t) * 1000, len(r.findings)))
bw.model.put = put

def recheck(loop):
    for p in folder.rglob("*.docx"):
        os.utime(p, ns=(time.time_ns(), time.time_ns()))
    bw.rechecked.connect(loop.quit)
    assert bw.recheck_changed() is not None

for _ in range(20):  # the first run's repaints and column fits done
    app.processEvents()
    time.sleep(0.01)
t = time.perf_counter()
busy = gaps_for(work=recheck)
took = time.perf_counter() - t
idle = gaps_for(seconds=took)
huge = max(arrivals, key=lambda a: a[2])
near = [g for g, at in busy if huge[0] - 0.5 <= at <= huge[0] + 0.5]
shutil.rmtree(folder, ignore_errors=True)
print(json.dumps({"idle": [g for g, _ in idle], "busy": [g for g, _ in busy], "near": max(near),
                  "put_ms": huge[1], "findings": huge[2], "took_s": took}))
os._exit(0)  # the window's timers: nothing more to measure
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--files", type=int, default=20, help="copies of the sample beside the big report")
    ap.add_argument("--chars", type=int, default=1_000_000, help="the big report's characters")
    args = ap.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "大报告.docx"
        subprocess.run([sys.executable, "-c", "import sys; sys.path[:0] = ['.']\n"
                        "from tests.realistic import varied_report\nfrom app.io import save_report\n"
                        f"save_report(varied_report({args.chars}, 7), {str(big)!r})"],
                       cwd=ROOT, env=env, check=True, timeout=600)
        runs, load = [], []
        for _ in range(args.runs):
            load.append(os.getloadavg()[0])
            out = subprocess.run([sys.executable, "-c", CHILD, str(args.files), str(big)], cwd=ROOT, env=env,
                                 capture_output=True, text=True, timeout=1800)
            if out.returncode:
                raise SystemExit(out.stderr[-3000:])
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{args.files} copies of the sample and one report of {args.chars:,} characters "
          f"({runs[0]['findings']:,} findings); {args.runs} fresh processes; load average {min(load):.2f}–{max(load):.2f}")
    print(f"a 2 ms timer's gaps on the batch window's loop, medians over runs; 重新检查 took "
          f"{statistics.median(r['took_s'] for r in runs):.1f} s")
    for state in ("idle", "busy"):
        name = "idle" if state == "idle" else "recheck"
        print(f"{name:<8} median {statistics.median(statistics.median(r[state]) for r in runs):5.1f} ms, "
              f"p99 {statistics.median(pct(r[state], 0.99) for r in runs):6.1f} ms, "
              f"worst {statistics.median(max(r[state]) for r in runs):6.1f} ms")
    print(f"within 0.5 s of the big result's arrival: worst gap {statistics.median(r['near'] for r in runs):.1f} ms; "
          f"putting it into the list {statistics.median(r['put_ms'] for r in runs):.1f} ms of the GUI thread")


if __name__ == "__main__":
    main()
