"""Reading a saved web page (app/webcopy.html_blocks) whose size grows one way only: each hostile
page beside its control of the same size without the trick, medians of several runs in the same
run, at two sizes — a reader linear in the page takes about twice as long at twice the size,
and the hostile page about as long as its control (review14 M3, L1; the coloured spans: each
one's text fill looked up, review15 L6).

    .venv/bin/python benchmarks/bench_web_deep.py [--runs N]

Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from common import ROOT  # noqa: F401  (puts the project on sys.path)

from app.webcopy import html_blocks


def _page(css: str, body: str) -> str:
    return f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def cases(n: int) -> dict[str, str]:
    cells = "<table>" + "<tr><td class=n>x</td></tr>" * n + "</table>"
    resets = " ".join(f"c{i} {i}" for i in range(n))
    return {
        f"{n} counters on <body>, {n} cells": _page(f"body{{counter-reset:{resets}}} .n::before{{content:counter(c0)}}", cells),
        f"  control: 1 counter, {n} cells": _page("body{counter-reset:c0 1} .n::before{content:counter(c0)}", cells),
        f"{n} nested divs with opacity": _page("", '<div style="opacity:1">x' * n + "</div>" * n),
        f"  control: {n} nested plain divs": _page("", "<div>x" * n + "</div>" * n),
        f"{n} hidden spans under {n} divs": _page("", "<div>" * n + '<span style="display:none">1</span>' * n + "</div>" * n),
        f"  control: {n} plain spans under {n} divs": _page("", "<div>" * n + "<span>1</span>" * n + "</div>" * n),
        # hostile15: :has() looks below each element; var() resolved down the nesting, doubling at each level
        f"{n} nested divs, *:has(*) and :has(span)": _page("*:has(*){color:red} div:has(span){display:block}", "<div>x" * n + "<span>1</span>" + "</div>" * n),
        f"{n} nested divs, var() doubling": _page("div{--x:var(--x,a) var(--x,a)} div{color:var(--x)}", "<div>x" * n + "</div>" * n),
        f"{n} nested empty divs, div::first-letter": _page("div::first-letter{color:#fff}", "<div>" * n + "x" + "</div>" * n),
        f"  control: {n} nested divs, plain rules": _page("div{color:red} span{display:block}", "<div>x" * n + "<span>1</span>" + "</div>" * n),
        f"{n} coloured spans under {n} divs": _page("", "<div>" * n + '<span style="color:#333">1</span>' * n + "</div>" * n),
    }


def once(html: str) -> float:
    start = time.perf_counter()
    html_blocks(html)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}")
    for n in (1000, 2000):
        for name, html in cases(n).items():
            times = [once(html) for _ in range(runs)]
            print(f"  {name:40} median {statistics.median(times):8.1f} ms  (min {min(times):.1f})")
    print(f"load after:  {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}")


if __name__ == "__main__":
    main()
