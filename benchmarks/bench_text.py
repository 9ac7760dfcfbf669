"""Text checks on large reports.  Prints medians of several runs.

    .venv/bin/python benchmarks/bench_text.py [--runs N]

Goals (issue 4): an incremental check after a keystroke ≤ 20 ms on a 20,000-character report;
a full check of a 100,000-character report ≤ 200 ms.  “Incremental” is what the editor does:
all checks rerun, but per-paragraph work is cached, so only the edited paragraph is re-read.
"""

from __future__ import annotations

import argparse

from common import median_ms

import app.checks as checks
from app.checks import mismatch, run_all, text
from app.report import Report


def big_report(chars: int, seed: int) -> Report:
    """Sentences recombined from the sample's clauses (so the vocabulary and the common
    phrases are a real report's), with a few passages deliberately pasted twice: the tests'
    generator (tests/realistic.py), so that benchmarks and tests measure the same text."""
    from tests.realistic import varied_report

    return varied_report(chars, seed)




def clear_caches() -> None:
    """Every cache the text checks keep, so that a “cold” run really reads the text: without
    resetting run_all's prose result a rerun on the same text only returns it."""
    for cached in (text._split, text._stutters, text._grams, text._similar, text._chars, mismatch.statements):
        cached.cache_clear()
    text.forget_grams()
    checks.forget()


def measure(chars: int, runs: int) -> None:
    r = big_report(chars, seed=chars)
    n = sum(len(p.text) for ps in r.sections.values() for p in ps)
    para = r.sections["一"][len(r.sections["一"]) // 2]
    counter = iter(range(10**9))

    def keystroke() -> None:
        para.runs[-1].text += "字" if next(counter) % 2 else ""
        run_all(r)

    run_all(r)
    print(f"report of {n} characters, {sum(len(v) for v in r.sections.values())} paragraphs:")
    print(f"  full check, cold caches            {median_ms(lambda: (clear_caches(), run_all(r)), runs):8.1f} ms"
          "   (goal ≤ 200 ms at 100k)")
    run_all(r)
    print(f"  after one keystroke (cached)       {median_ms(keystroke, runs):8.1f} ms   (goal ≤ 20 ms at 20k)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    for chars in (20_000, 100_000):
        measure(chars, runs)
    print("full check (cold caches) as the text grows — linear if the ms per 1,000 characters stay level:")
    for chars in (25_000, 50_000, 100_000, 200_000):
        r = big_report(chars, seed=chars)
        ms = median_ms(lambda r=r: (clear_caches(), run_all(r)), runs)
        print(f"  {chars:>7,} characters  {ms:7.1f} ms  ({ms / chars * 1000:.2f} ms per 1,000)")


if __name__ == "__main__":
    main()
