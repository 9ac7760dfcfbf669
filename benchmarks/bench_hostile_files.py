"""Hostile files the readers must refuse cheaply: `python -m app check FILE` as a process, its
wall time, processor time and peak RSS, medians of several runs.  The anchor in the same run is
the published sample's check; ``--before DIR`` runs another checkout of the project (say main
before a change) on the same files, interleaved run by run, for a before/after figure.

    .venv/bin/python benchmarks/bench_hostile_files.py [--runs 5] [--before /work/main] [--only zip]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT, SAMPLE

CASES = {  # label: file name (made by _make)
    "anchor: the published sample": "",
    "zip: 300,000 parts (.docx)": "s16-300k-entries.docx",
    "zip: 300,000 parts named .xlsx": "s16-300k-entries.xlsx",
    "pdf: one page of 30,000 rules (p03)": "p03-30k-lines.pdf",
    "pdf: LZW bomb (256 MB in 100 KB)": "lzw-bomb.pdf",
    "pdf: RunLength over flate (256 MB)": "rl-bomb.pdf",
    "pdf: 1,000,000 operators drawing nothing": "q-flood.pdf",
    "pdf: 20,000 pages (p06)": "p06-20k-pages.pdf",
    "pdf: cut off, then one 30 MB word": "cut-then-word.pdf",
    "pdf: a page drawing one 30 MB word": "page-word.pdf",
    "xlsx: 150,000 defined names": "names.xlsx",
    "xlsx: 300,000 merges of one cell": "one-cell-merges.xlsx",
    "xlsx: a format rule over 500,000 cells": "cf-ranges.xlsx",
    "xlsx: a number format of 100,000 [": "long-format.xlsx",
    "xlsx: 290,000 blank formatted cells": "blank-cells.xlsx",
    "docx: 8 MB of empty paragraphs": "empty-paragraphs.docx",
    "docx: a list of 60,000 levels stepped through": "list-levels.docx",
    "word xml: 8.5 MB part of empty paragraphs": "empty-paragraphs.xml",
}


def _make(folder: Path) -> None:
    """The files, written by a child process: ru_maxrss survives exec, so the process that
    starts the measured ones must stay small."""
    import zlib

    from app.limits import MAX_PDF_STREAM_INFLATED as CAP
    from tests.hostile import many_parts_zip
    from tests.hostile_web import number_format, sheet_ending_with, workbook_with
    from tests.pdfmake import plain_pdf
    from tests.test_hostile_elements import _docx, _flat
    from tests.test_hostile_pdf import _pages, ruled_page
    from tests.test_hostile_workbook import _cells, _merges, _names
    from tests.test_pdf_inflate import lzw_of_one_byte, one_page, stream

    plain = plain_pdf(folder / "plain.pdf", [[f"line {j} of page {i}" for j in range(30)] for i in range(3)]).read_bytes()
    makers: dict[str, Callable[[], bytes]] = {
        "s16-300k-entries.docx": lambda: many_parts_zip(300_000, zip64=True),
        "s16-300k-entries.xlsx": lambda: many_parts_zip(300_000, zip64=True),
        "p03-30k-lines.pdf": lambda: ruled_page(30_000),
        "lzw-bomb.pdf": lambda: one_page([stream(lzw_of_one_byte(4 * CAP // 3839), b"/Filter /LZWDecode")]),
        "rl-bomb.pdf": lambda: one_page([stream(zlib.compress(b"\x81 " * (4 * CAP // 128), 9),
                                                b"/Filter [/FlateDecode /RunLengthDecode]")]),
        "p06-20k-pages.pdf": lambda: _pages(20_000),
        "q-flood.pdf": lambda: one_page([stream(zlib.compress(b"q Q\n" * 1_000_000, 9), b"/Filter /FlateDecode")]),
        "cut-then-word.pdf": lambda: plain[: len(plain) // 2] + b"A" * (30 << 20),
        "page-word.pdf": lambda: one_page([stream(zlib.compress(b"A" * (30 << 20), 9), b"/Filter /FlateDecode")]),
    }
    rule = ('<conditionalFormatting sqref="{}"><cfRule type="expression" priority="1"><formula>TRUE</formula>'
            "</cfRule></conditionalFormatting>")
    makers.update({
        "names.xlsx": lambda: workbook_with(book=_names(150_000)),
        "one-cell-merges.xlsx": lambda: workbook_with(sheet=_merges(300_000, "H{i}")),
        "cf-ranges.xlsx": lambda: workbook_with(sheet=sheet_ending_with(rule.format(_cells(500_000)))),
        "long-format.xlsx": lambda: workbook_with(styles=number_format("[" * 100_000 + "0")),
        "blank-cells.xlsx": lambda: workbook_with(sheet=sheet_ending_with(_blank_cells(10_000, 29))),
        "empty-paragraphs.docx": lambda: _docx(folder / "empty-paragraphs.docx").read_bytes(),
        "empty-paragraphs.xml": lambda: _flat(folder / "empty-paragraphs.xml").read_bytes(),
        "list-levels.docx": lambda: _list_levels(60_000),
    })
    for name, make in makers.items():
        (folder / name).write_bytes(make())


def _list_levels(count: int) -> bytes:
    """The sample with one list of ``count`` levels and as many paragraphs, one level deeper each
    (tests/test_hostile_lists.py)."""
    from tests.hostile_base import _sample_parts
    from tests.test_hostile_classes import _docx
    from tests.test_hostile_lists import _NUMBERING_REL, _NUMBERING_TYPE, _levels, _paragraph

    originals = {info.filename: data for info, data in _sample_parts()}
    steps = "".join(_paragraph(k, "项") for k in range(count))
    document = originals["word/document.xml"].decode("utf-8").replace("<w:body>", "<w:body>" + steps, 1)
    return _docx(document=document.encode("utf-8"), parts={
        "word/numbering.xml": _levels(count).encode(),
        "word/_rels/document.xml.rels": originals["word/_rels/document.xml.rels"].replace(b"</Relationships>", _NUMBERING_REL),
        "[Content_Types].xml": originals["[Content_Types].xml"].replace(b"</Types>", _NUMBERING_TYPE)})


def _blank_cells(rows: int, cols: int) -> str:
    """``rows`` rows below the tables of ``cols`` cells holding nothing but a format (s="1")."""
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c) for c in range(1, cols + 1)]
    return "".join(f'<row r="{r}">' + "".join(f'<c r="{x}{r}" s="1"/>' for x in letters) + "</row>"
                   for r in range(100, 100 + rows))


def _bounded() -> None:
    """In the child: a tree without a bound must not take the shared machine down with it."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))


def _run(tree: Path, path: Path) -> tuple[float, float, float, str]:
    """(wall s, processor s, peak RSS MB, the one line on stderr) of one `check` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "app", "check", str(path)], cwd=tree,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_bounded)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err.strip().splitlines()[-1:][0] if err.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", type=Path, help="another checkout of the project to compare with")
    ap.add_argument("--only", default="", help="run the cases whose label contains this")
    ap.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.make:
        _make(args.make)
        return
    trees = {"this": ROOT} | ({"before": args.before.resolve()} if args.before else {})
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs each, medians; trees: "
          + ", ".join(f"{k}={v}" for k, v in trees.items()))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, __file__, "--make", tmp], check=True)
        for label, name in CASES.items():
            path = Path(tmp) / name if name else SAMPLE
            if args.only and args.only not in label and not label.startswith("anchor"):
                continue
            got: dict[str, list[tuple[float, float, float, str]]] = {k: [] for k in trees}
            for _ in range(args.runs):
                for name, tree in trees.items():  # interleaved: the load falls on both alike
                    got[name].append(_run(tree, path))
            for name, runs in got.items():
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                rss = statistics.median(r[2] for r in runs)
                print(f"{label:40} {name:6} wall {wall * 1000:7.0f} ms  cpu {cpu * 1000:7.0f} ms  "
                      f"peak RSS {rss:6.0f} MB  {runs[-1][3][-60:]}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
