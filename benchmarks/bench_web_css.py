"""A saved web page's style rules (app/webselect.py, app/webcss.py): the time to gather, match
and judge them, medians of several runs, for a plain page, a CMS-like sheet of 900 selectors
mostly for other pages, and two hostile ones (5000 rules of “*”; a page nested 1500 <div>s deep
with 2000 long descendant selectors).  The load is printed with them (the machine is shared).

    .venv/bin/python benchmarks/bench_web_css.py [--runs N]

Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import lxml.html
from common import ROOT  # noqa: F401  (puts the project on sys.path)

from app.schema import T3_COL_NATURAL, T3_NEW
from app.webcss import Css, drop_hidden
from tests.test_webcopy import page


def cases() -> dict[str, str]:
    base = page({(T3_NEW, T3_COL_NATURAL): "37"})
    deep = base.replace("<body>", "<body>" + "<div>" * 1500).replace("</body>", "</div>" * 1500 + "</body>")
    cms = "".join(f".c{i} a:hover, #m{i} .x li > a, div.w{i} p {{ color:#333; width:{i}px }}" for i in range(300))
    return {
        "plain page": base,
        "CMS sheet, 900 selectors": base.replace("</head>", f"<style>{cms} td p {{ color:#222 }}</style></head>"),
        "5000 rules of *": base.replace("</head>", "<style>" + "".join(
            f"* {{ color:#{i % 10}{i % 10}{i % 10} }}" for i in range(5000)) + "</style></head>"),
        "1500 deep, 2000 long selectors": deep.replace("</head>", "<style>" + "".join(
            f"div div div div div div div div div div span.q{i} {{ display:none }}" for i in range(2000))
            + " div div div div div div div div div div td { color:#fff }</style></head>"),
    }


def once(html: str) -> float:
    start = time.perf_counter()
    root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    drop_hidden(root, Css.of(root))
    return (time.perf_counter() - start) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = ap.parse_args().runs
    print(f"load before: {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}")
    for name, html in cases().items():
        times = [once(html) for _ in range(runs)]
        print(f"  {name:32} median {statistics.median(times):8.1f} ms  (min {min(times):.1f})")
    print(f"load after:  {' '.join(f'{x:.2f}' for x in os.getloadavg()[:2])}")


if __name__ == "__main__":
    main()
