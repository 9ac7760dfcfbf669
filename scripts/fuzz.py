"""The long fuzz run: thousands of hostile inputs (tests/hostile.py at full sizes: zip bombs of
70 MB, megabyte paragraphs, 20,000-row tables), each read, checked and dumped in a forked
child with a time limit, an address-space cap and its peak RSS measured.  Prints, per format,
inputs tried, how they ended, peak memory and time per file; lists every crash, hang, raw
error and memory blowup.  Exit 1 when there is any.  POSIX only (fork).

    .venv/bin/python scripts/fuzz.py [--per-kind 500] [--doc 40] [--start 10000] [--timeout 20]

The .doc-like inputs go through LibreOffice when it is installed (seconds each, so fewer).
The figures in README come from this script.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.hostile import KINDS, Outcome, make, run_one  # noqa: E402

PEAK_MB = 500
HANG_S = 20


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-kind", type=int, default=500, help="inputs per format (.docx .xlsx .html .txt)")
    ap.add_argument("--doc", type=int, default=40, help=".doc-like inputs (LibreOffice takes seconds each)")
    ap.add_argument("--start", type=int, default=10_000, help="first seed (the CI suite uses 0…)")
    ap.add_argument("--timeout", type=float, default=HANG_S)
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    bad: list[Outcome] = []
    rows: list[tuple[str, int, dict[str, int], float, float, float]] = []
    slowest: list[Outcome] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds.split(","):
            n = args.doc if kind == "doc" else args.per_kind
            outcomes: list[Outcome] = []
            for seed in range(args.start, args.start + n):
                path = make(kind, seed, Path(tmp))
                outcome = run_one(path, timeout=args.timeout, memory_mb=2048)
                outcome.path = path.name
                outcomes.append(outcome)
                if outcome.result not in ("read", "refused") or outcome.peak_mb >= PEAK_MB:
                    bad.append(outcome)
                path.unlink()
            counts = {r: sum(1 for o in outcomes if o.result == r) for r in
                      ("read", "refused", "generic", "crash", "hang", "memory")}
            times = [o.seconds for o in outcomes]
            rows.append((kind, n, counts, max(o.peak_mb for o in outcomes), statistics.median(times), max(times)))
            slowest += outcomes
            print(f"{kind}: {n} done", file=sys.stderr, flush=True)
    print(f"| 格式 | 输入数 | 读入 | 拒绝（一行中文） | 原始错误 | 崩溃 | 超时（>{args.timeout:.0f} s） | 峰值内存 | 每个文件用时（中位/最长） |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, n, c, peak, med, worst in rows:
        print(f"| .{kind} | {n} | {c['read']} | {c['refused']} | {c['generic']} | {c['crash'] + c['memory']} | "
              f"{c['hang']} | {peak:.0f} MB | {med:.2f} s / {worst:.2f} s |")
    total = sum(r[1] for r in rows)
    print(f"\n{total} inputs in {time.perf_counter() - began:.0f} s; peak memory is the child's RSS (wait4), "
          "the parent's imports included")
    print("\nslowest:")
    for o in sorted(slowest, key=lambda o: -o.seconds)[:8]:
        print(f"  {o.seconds:6.2f} s {o.peak_mb:5.0f} MB {o.result:8} {o.path}")
    if bad:
        print("\nproblems:")
        for o in bad:
            print(f"  {o.result:8} {o.peak_mb:5.0f} MB {o.seconds:6.2f} s {o.path}: {o.message[:200]}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
