"""The batch's summary workbook (导出汇总表, check --xlsx) for many findings (not a test): prints
the median time to write it, here and optionally in another checkout, in the same run.

    .venv/bin/python benchmarks/bench_summary.py [--findings 10000] [--reports 200] [--runs 3]
                                                 [--before /path/to/old/checkout]

Each report of the batch has findings/reports findings, with realistic messages and locations;
the workbook is written to a temporary folder (atomic write, zip checked) as the window does.
Each checkout is measured in a process of its own (its app/ first on the import path).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from common import ROOT

CHILD = """
import json, statistics, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from app import batch
from app.findings import BLANK_CELL, TEXT_TABLE_MISMATCH, VALUE_INVALID, Location
from app.schema import CellRef
n, reports, runs = (int(a) for a in sys.argv[2:5])
kinds = (BLANK_CELL, VALUE_INVALID, TEXT_TABLE_MISMATCH)
results = []
for i in range(reports):
    per = n // reports + (1 if i < n % reports else 0)
    findings = [kinds[j % 3].at(Location("三", (CellRef("三", j % 20, j % 7),)),
                                f"第{j}处：正文所说“共收到申请{j}件”与表三（一）本年新收 {j + 1} 不一致")
                for j in range(per)]
    results.append(batch.FileResult(f"/data/收到的年报/乡镇{i:03}/某县某乡镇{i}2024年政府信息公开工作年度报告.docx",
                                    organ=f"某县某乡镇{i}", year=2024, date="2025-01-20", findings=findings))
b = batch.Batch(results, base=Path("/data/收到的年报"))
times = []
with tempfile.TemporaryDirectory() as tmp:
    for k in range(runs):
        t = time.perf_counter()
        batch.write_summary(b, Path(tmp) / f"汇总{k}.xlsx")
        times.append(time.perf_counter() - t)
print(json.dumps({"median_s": statistics.median(times), "times": times}))
"""


def measure(root: Path, findings: int, reports: int, runs: int) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(findings), str(reports), str(runs)],
                         capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--findings", type=int, default=10000)
    p.add_argument("--reports", type=int, default=200)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--before", type=Path, help="another checkout (the code before a change)")
    args = p.parse_args()
    trees = ([("before", args.before.resolve())] if args.before else []) + [("this", ROOT)]
    print(f"summary workbook: {args.findings} findings in {args.reports} reports, median of {args.runs}")
    for name, root in trees:
        r = measure(root, args.findings, args.reports, args.runs)
        times = ", ".join(f"{t:.2f}" for t in r["times"])  # type: ignore[attr-defined]
        print(f"{name:7} {root}: {r['median_s']:.2f} s  ({times})")


if __name__ == "__main__":
    main()
