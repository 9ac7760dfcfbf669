"""A reviewer's batch: `python -m app check DIR` over 200 varied .docx reports, in one process
(--jobs 1) and in two (--jobs 2), run as a user runs it (a new process each time, its start
included), alternately, median of several runs.  Also the peak memory (the largest single
process of the run, kernel's max RSS) for 50 and for 200 reports: flat means no report is kept.

    .venv/bin/python benchmarks/bench_batch.py [--runs N] [--reports N]

Goal (issue 13): ≥ 60 reports/s with --jobs 2 on a 2-core machine.  The machine is shared:
the load average is printed with the figures, and so is the CPU time the batch's processes used,
which the others' load does not change.  (Linux shares the CPU between sessions first
(sched_autogroup): while other sessions keep both cores busy, a second worker process gets no more
CPU than one, and --jobs 2 cannot beat --jobs 1 in wall time.)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

from app.io import save_report
from app.report import Paragraph, Report
from app.schema import CellRef
from tests.thirdparty import Spec, build

PLACES = ["东城", "西湖", "南山", "北塘", "青云", "石门", "安平", "河口", "龙泉", "白沙"]
KINDS = ["人民政府", "财政局", "教育局", "卫生健康委员会", "自然资源局", "街道办事处", "镇人民政府", "乡人民政府"]
SENTENCES = [
    "本年度严格落实政府信息公开条例，主动公开各类信息。",
    "进一步规范依申请公开办理流程，按时答复率达到百分之百。",
    "加强政府信息管理，及时更新政府信息公开指南和目录。",
    "依托政府网站和政务新媒体，拓宽信息发布渠道。",
    "组织开展政务公开业务培训，提升工作人员业务能力。",
    "在监督保障方面，将政务公开工作纳入绩效考核。",
    "存在的主要问题是公开内容不够全面，解读形式较为单一。",
    "下一步将加大政策解读力度，提高公开质量和实效。",
    "未收取信息处理费。",
    "全年未发生因政府信息公开引起的行政复议和行政诉讼。",
]


def make_reports(folder: Path, n: int, seed: int = 13) -> None:
    """Half written by the editor's own writer, half built as third-party Word files (merged
    labels, other headings, automatic numbering); organs, years, figures and text vary."""
    rnd = random.Random(seed)
    for i in range(n):
        organ = f"某市{rnd.choice(PLACES)}区{rnd.choice(KINDS)}{i // 2}"
        year = rnd.choice([2022, 2023, 2023, 2024])
        if i % 2:
            r = Report(organ=organ, year=year)
            for key in ("前言", "一", "五", "六"):
                r.sections[key] = [Paragraph.plain("".join(rnd.sample(SENTENCES, rnd.randint(2, 6))))
                                   for _ in range(rnd.randint(1, 4))]
            for key, grid in r.tables.items():
                for pos in grid:
                    r.set_value(CellRef(key, *pos), rnd.choice([0, 0, 0, 1, 2, 5, 12]))
            save_report(r, folder / f"{i:03d}-{organ}.docx")
        else:
            spec = Spec(organ=organ, title=f"{organ}{year}年度政府信息公开工作年度报告",
                        date=f"{year + 1}年1月{rnd.randint(5, 30)}日",
                        numbering=rnd.choice([None, "word", "wps", "style"]),
                        t2={(r, c): str(rnd.randint(0, 9)) for r in range(2) for c in range(3)},
                        t3={(r, c): str(rnd.choice([0, 0, 1, 3])) for r in range(0, 25, 3) for c in range(7)})
            build(spec, folder / f"{i:03d}-{organ}.docx")


def timed(folder: Path, jobs: int) -> tuple[float, int, float]:
    """Wall time of one `check` run, the peak RSS (KiB) of the largest process in it and the CPU
    time (user + system) of all its processes: on a shared machine the wall time says how busy
    the others were, the CPU time what the batch itself costs."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(folder), "--jobs", str(jobs)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"check --jobs {jobs} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--reports", type=int, default=200)
    ns = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        make_reports(folder, ns.reports)
        small = Path(tmp) / "small"
        small.mkdir()
        for p in sorted(folder.iterdir())[: ns.reports // 4]:
            os.link(p, small / p.name)
        times: dict[int, list[float]] = {1: [], 2: []}
        peaks: dict[int, int] = {1: 0, 2: 0}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        load_before = os.getloadavg()[0]
        timed(folder, 2)  # warm the disk cache and the .pyc files
        for _ in range(ns.runs):  # alternately, so both see the same load
            for jobs in (1, 2):
                s, peak, c = timed(folder, jobs)
                times[jobs].append(s)
                cpu[jobs].append(c)
                peaks[jobs] = max(peaks[jobs], peak)
        small_peak = max(timed(small, 1)[1] for _ in range(2))
        per_core = ns.reports / statistics.median(cpu[2])
        print(f"load average (1 min) before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
        print(f"{ns.reports} .docx reports, `python -m app check DIR`, median of {ns.runs} runs, process start included:")
        for jobs in (1, 2):
            med = statistics.median(times[jobs])
            print(f"  --jobs {jobs}: {med:6.2f} s  = {ns.reports / med:6.1f} reports/s"
                  f"   (runs: {', '.join(f'{x:.2f}' for x in times[jobs])})   peak RSS {peaks[jobs] / 1024:.0f} MB"
                  f"   CPU {statistics.median(cpu[jobs]):.2f} s = {1000 * statistics.median(cpu[jobs]) / ns.reports:.1f} ms/report")
        print(f"  speed-up --jobs 2 over --jobs 1: {statistics.median(times[1]) / statistics.median(times[2]):.2f}×"
              f"   goal: ≥ 60 reports/s with --jobs 2")
        print(f"  CPU cost with --jobs 2: {per_core:.1f} reports per CPU-second, i.e. up to "
              f"{per_core * min(2, os.cpu_count() or 1):.0f} reports/s on 2 idle cores")
        print(f"memory, --jobs 1 (one process): peak RSS {small_peak / 1024:.0f} MB for {ns.reports // 4} reports, "
              f"{peaks[1] / 1024:.0f} MB for {ns.reports}")


if __name__ == "__main__":
    main()
