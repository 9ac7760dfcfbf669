"""A saved web page of 5,000 rules of today's selectors and custom properties (:is(), :not(),
:has(), :where(), var()) over 3,000 elements, 0.6 MB — the page hostile15 measured at 6.4 s
for `python -m app check` under load 5, over the 5 s a file may take — beside its control: the
same page with 5,000 plain descendant rules of the same reach.  Medians of several runs in the
same run (the machine is shared: compare the two rows, not the figures across runs).  In
process (app/webcopy.html_blocks) and as the command a reviewer runs (`python -m app check`).

    .venv/bin/python benchmarks/bench_web_logical.py [--runs N]

Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT  # (puts the project on sys.path)

from app.schema import T3_COL_NATURAL, T3_NEW
from app.webcopy import html_blocks
from tests.test_webcopy import page

N_RULES = 5000
N_BLOCKS = 1000  # each a div holding a span and a b: 3,000 elements


def cases() -> dict[str, str]:
    base = page({(T3_NEW, T3_COL_NATURAL): "37"})
    body = "".join(f"<div class='w{k}'><span>甲{k}</span><b>乙</b></div>" for k in range(N_BLOCKS))
    logical = "".join(f":is(div, p, td):not(.x{i}):has(> span) :where(span, b, i) "
                      f"{{ --c{i}: #{i % 10}{i % 10}{i % 10}; color: var(--c{i}, red) }}\n" for i in range(N_RULES))
    plain = "".join(f"body div span {{ color: #{i % 10}{i % 10}{i % 10}; font-size: {10 + i % 7}px }}      "
                    f"div span:first-child {{ width: 1px }}\n" for i in range(N_RULES // 2))
    out = {}
    for name, css in (("5000 :is/:not/:has/var() rules", logical), ("  control: 5000 plain descendant rules", plain)):
        out[name] = base.replace("</head>", f"<style>{css}</style></head>").replace("</body>", body + "</body>")
    return out


def in_process(html: str) -> float:
    start = time.perf_counter()
    html_blocks(html)
    return time.perf_counter() - start


def command(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "check", str(path)], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, html in cases().items():
            path = Path(tmp) / "page.html"
            path.write_text(html, encoding="utf-8")
            inner = statistics.median(in_process(html) for _ in range(runs))
            outer = statistics.median(command(path) for _ in range(runs))
            print(f"{name:42} {len(html.encode()) / 1e6:.2f} MB  in process {inner:6.2f} s   check {outer:6.2f} s")
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}")


if __name__ == "__main__":
    main()
