"""Core speed, on the published sample report.  Prints medians of several runs; the bare
python-docx figures are measured in the same run, since this machine is shared and noisy.

    .venv/bin/python benchmarks/bench_core.py [--runs N]

Goals (issue 2): an edit's recompute + arithmetic checks ≤ 1 ms; reading the .docx ≤ 2× the
time python-docx alone takes to open it; writing the .docx ≤ 150 ms.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import docx
from common import SAMPLE, median_ms

from app.checks import arithmetic, run_all
from app.docx.writer import write_docx
from app.reading import load_report
from app.schema import CellRef


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    report = load_report(SAMPLE)
    ref = CellRef("三", 0, 0)
    counter = iter(range(10**9))

    def edit() -> None:
        report.set_value(ref, next(counter) % 7)
        list(arithmetic.check(report))

    out = Path(tempfile.mkdtemp()) / "out.docx"
    rows = [
        ("one cell edit: recompute totals + arithmetic checks", median_ms(edit, runs * 20), "≤ 1 ms"),
        ("one cell edit: recompute + all checks", median_ms(lambda: (edit(), run_all(report)), runs * 20), ""),
        ("python-docx alone: docx.Document(sample)", bare := median_ms(lambda: docx.Document(str(SAMPLE)), runs), ""),
        ("ours: read the sample into a Report", ours := median_ms(lambda: load_report(SAMPLE), runs), "≤ 2× python-docx"),
        ("ours: write the sample as GB/T 9704 .docx", median_ms(lambda: write_docx(report, out), runs), "≤ 150 ms"),
    ]
    print(f"sample: {SAMPLE.name}, {runs} runs each (edit: {runs * 20}), medians")
    for name, ms, goal in rows:
        print(f"  {name:<55} {ms:8.3f} ms  {goal}")
    print(f"  read ratio ours / python-docx: {ours / bare:.2f}×")


if __name__ == "__main__":
    main()
