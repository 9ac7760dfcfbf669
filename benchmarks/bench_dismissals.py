"""What dismissals cost the checks that rerun after every edit (not a test): prints medians.

    .venv/bin/python benchmarks/bench_dismissals.py [--runs N]

The anchor, in the same run: all checks of the sample report (run_all).  Measured: splitting
their findings into counted and dismissed (fingerprints of every finding: the content each is
about and the words beside a passage, hashed) with every finding of the sample dismissed;
with none stored the split returns at once.  And the worst case: a record of an older version
that matches nothing (its finding gone) stays in the file, so every check also computes the
older fingerprints to look for it.
"""

from __future__ import annotations

import argparse

from common import SAMPLE, median_ms

from app import dismissals
from app.checks import run_all
from app.reading import load_report


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=30)
    runs = p.parse_args().runs
    report = load_report(SAMPLE)
    found = run_all(report)
    records = [dismissals.dismissal(report, f, fp, "基准") for f, fp in zip(found, dismissals.fingerprints(report, found), strict=True)]
    dismissals.set_records(report, dismissals.records_with(report, records))
    for _ in range(3):  # warm the checks' per-paragraph caches, as an editing session has
        run_all(report)
    anchor = median_ms(lambda: run_all(report), runs)
    split = median_ms(lambda: dismissals.split(report, found), runs)
    active, dismissed = dismissals.split(report, found)
    print(f"sample: {len(found)} findings, {len(dismissed)} dismissed, {len(active)} counted")
    print(f"run_all (anchor)              {anchor:8.2f} ms")
    print(f"split, every finding stored   {split:8.2f} ms   ({100 * split / anchor:.0f}% of the anchor)")
    if hasattr(dismissals, "VERSION"):  # this version: the records of older ones too
        old = {"fingerprint": "0" * 20 + "-1", "code": "DUP-PHRASE", "kind": "", "location": "", "message": "",
               "reason": "", "by": "", "at": ""}
        dismissals.set_records(report, [*dismissals.records_with(report), old])
        older = median_ms(lambda: dismissals.split(report, found), runs)
        print(f"… and an older record stored  {older:8.2f} ms   ({100 * older / anchor:.0f}% of the anchor)")


if __name__ == "__main__":
    main()
