"""What pairing with last year's report costs, on the published sample rolled over to the next
year (every sentence carried over: the worst case for the sentence comparison).  Prints
medians of several runs; the same checks without last year are measured in the same run.

    .venv/bin/python benchmarks/bench_lastyear.py [--runs N]

Goal (issue 10): the cross-year checks add well under the typing pause (150 ms) to a rerun
of the checks; writing the .xlsx with formulas stays under a second.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
from pathlib import Path

from common import SAMPLE, median_ms

from app.checks import run_all
from app.lastyear import KEY
from app.nextyear import next_year
from app.reading import load_report
from app.xlsx import read_xlsx
from app.xlsx_write import write_xlsx


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    runs = ap.parse_args().runs
    last = load_report(SAMPLE)
    paired = next_year(last, SAMPLE.name)
    alone = copy.deepcopy(paired)
    alone.extras.pop(KEY)
    out = Path(tempfile.mkdtemp()) / "t.xlsx"
    write_xlsx(last, out)
    rows = [
        ("all checks, no last year (anchor)", median_ms(lambda: run_all(alone), runs * 4)),
        ("all checks, last year attached", median_ms(lambda: run_all(paired), runs * 4)),
        ("write .xlsx with formulas and check cells", median_ms(lambda: write_xlsx(last, out), runs)),
        ("read that .xlsx back (SUMs computed)", median_ms(lambda: read_xlsx(out), runs)),
    ]
    for name, ms in rows:
        print(f"{name:<45} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
