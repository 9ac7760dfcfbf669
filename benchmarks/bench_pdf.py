"""PDF export speed, on the published sample report.  Prints medians of several runs: our Qt
layout in-process (the Qt application started and one export made before timing), its parts,
and, in the same run for comparison, LibreOffice turning our own .docx into PDF.

    .venv/bin/python benchmarks/bench_pdf.py [--runs N] [--lo-runs N]

Goal (issue 5): export of the sample to PDF ≤ 500 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import SAMPLE, median_ms
from PySide6.QtGui import QPdfWriter

from app.io import save_report
from app.reading import load_report
from app.report import Report
from ui.print_layout import layout_report
from ui.printing import ensure_app, export_pdf


def layout_only(report: Report, folder: Path) -> Callable[[], object]:
    writer = QPdfWriter(str(folder / "layout.pdf"))
    writer.setResolution(1200)
    return lambda: layout_report(report, writer)


def libreoffice_ms(report: Report, folder: Path, runs: int) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    docx = folder / "lo.docx"
    save_report(report, docx)
    cmd = [soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless", "--convert-to", "pdf",
           "--outdir", str(folder), str(docx)]
    subprocess.run(cmd, capture_output=True, check=True)  # first start creates the profile
    return median_ms(lambda: subprocess.run(cmd, capture_output=True, check=True), runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--lo-runs", type=int, default=5)
    args = ap.parse_args()
    t = time.perf_counter()
    ensure_app()
    start_ms = (time.perf_counter() - t) * 1000
    report = load_report(SAMPLE)
    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    out = folder / "sample.pdf"
    export_pdf(report, out)  # warm-up: fonts found and loaded once per process
    ours = median_ms(lambda: export_pdf(report, out), args.runs)
    rows = [
        ("Qt application start (excluded)", start_ms, ""),
        ("ours: layout only (pages measured, nothing painted)", median_ms(layout_only(report, folder), args.runs), ""),
        ("ours: export the sample to PDF", ours, "≤ 500 ms"),
    ]
    lo = libreoffice_ms(report, folder, args.lo_runs)
    print(f"sample: {SAMPLE.name}, {args.runs} runs (LibreOffice {args.lo_runs}), medians; "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}")
    for name, ms, goal in rows:
        print(f"  {name:<55} {ms:8.1f} ms  {goal}")
    if lo is None:
        print("  LibreOffice: soffice not found, no comparison")
    else:
        print(f"  {'LibreOffice: our .docx to PDF (soffice subprocess)':<55} {lo:8.1f} ms")
        print(f"  LibreOffice / ours: {lo / ours:.0f}×")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
