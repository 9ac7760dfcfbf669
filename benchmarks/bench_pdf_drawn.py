"""Telling a glyph drawn again (a fake bold, a shadow) from one drawn anew, on a page of many
of one character: ``chars_of_page`` alone (pdfminer's parse done first, not timed), medians
of processor time.  In the same run: a page of N small “a”, the same page after one huge
“a” (the hostile case: its reach once made every later glyph compare with all before it),
and the small page drawn twice a fraction of a point off (every glyph found again).

    .venv/bin/python benchmarks/bench_pdf_drawn.py [--runs N] [--chars N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import ROOT  # noqa: F401  (puts the project on the import path)

from app.pdfread import glyphs, seen
from app.pdfread.text import Unseen, chars_of_page
from tests.pdfmake import plain_pdf


def cpu_median_ms(page: object, runs: int) -> tuple[float, int]:
    drawn = glyphs.of_page(page)  # parsed before the clock starts
    times = []
    kept = 0
    for _ in range(runs):
        t = time.process_time()
        kept = len(chars_of_page(page, drawn, Unseen()))
        times.append((time.process_time() - t) * 1000)
    return statistics.median(times), kept


def main() -> None:
    import pdfplumber

    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chars", type=int, default=4000)
    args = ap.parse_args()
    seen.install()
    grid = "".join(f"1 0 0 1 {50 + (i % 90) * 5} {100 + (i // 90) * 6} Tm (a) Tj " for i in range(args.chars))
    small = f"BT /F1 3 Tf {grid} ET"
    pages = {
        f"{args.chars} small “a”": small,
        f"one 1000 pt “a”, then {args.chars} small": f"BT 1 0 0 1 50 100 Tm /F1 1000 Tf (a) Tj /F1 3 Tf {grid} ET",
        f"{args.chars} small “a” drawn twice 0.3 pt apart": f"{small} q 1 0 0 1 0.3 0 cm {small} Q",
    }
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-drawn-"))
    print(f"chars_of_page, {args.runs} runs each, median processor time")
    for i, (name, drawing) in enumerate(pages.items()):
        with pdfplumber.open(plain_pdf(folder / f"{i}.pdf", [["Plain text"]], drawing)) as pdf:
            page = pdf.pages[0]
            ms, kept = cpu_median_ms(page, args.runs)
        print(f"  {name:<48} {ms:9.1f} ms  ({kept} characters kept)")


if __name__ == "__main__":
    main()
