"""PDF export speed.  Prints medians of several runs: our Qt layout in-process (the Qt
application started and one export made before timing), its parts, and, in the same run for
comparison, LibreOffice turning our own .docx into PDF.

    .venv/bin/python benchmarks/bench_pdf.py [--runs N] [--lo-runs N]
    .venv/bin/python benchmarks/bench_pdf.py --process [--runs N]

Goal (issue 5): export of the sample to PDF ≤ 500 ms.
Goal (issue 15), ``--process``: `python -m app export F --to F.pdf` ≤ 0.2× `soffice --headless
--convert-to pdf F`, a fresh process each, interleaved, for the sample and a 200,000-character
report (wall and CPU time: the machine is shared; the load average is printed with them).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT, SAMPLE, median_ms
from PySide6.QtGui import QPdfWriter

from app.io import save_report
from app.reading import load_report
from app.report import Report
from ui.print_layout import layout_report
from ui.print_pdf import ensure_app, export_pdf


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


def process_times(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) milliseconds of one run of ``cmd``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True)
    wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def process_main(runs: int) -> None:
    """Process against process, as benchmarks/run.py's row, on more than one report."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: nothing to compare with")
    from bench_text import big_report

    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-process-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(folder / "config"),
               PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "ui"], cwd=ROOT, env=env, check=True)
    big = folder / "big.docx"
    save_report(big_report(200_000, seed=3), big)
    print(f"fresh processes, {runs} interleaved runs per side, medians; load {os.getloadavg()}")
    for doc in (SAMPLE, big):
        ours = [sys.executable, "-m", "app", "export", str(doc), "--to", str(folder / "ours.pdf")]
        lo = [soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless", "--convert-to", "pdf",
              "--outdir", str(folder / "lo"), str(doc)]
        process_times(ours, env), process_times(lo, env)  # warm-up: the profile, the disk cache
        a: list[tuple[float, float]] = []
        b: list[tuple[float, float]] = []
        for _ in range(runs):
            a.append(process_times(ours, env))
            b.append(process_times(lo, env))
        (wall_a, cpu_a), (wall_b, cpu_b) = ((statistics.median(x[0] for x in side), statistics.median(x[1] for x in side))
                                            for side in (a, b))
        print(f"  {doc.name:<22} ours {wall_a:6.0f} ms (cpu {cpu_a:4.0f})   soffice {wall_b:6.0f} ms "
              f"(cpu {cpu_b:4.0f})   ratio {wall_a / wall_b:.2f}× wall, {cpu_a / cpu_b:.2f}× cpu   goal ≤ 0.2×")
    print(f"load after: {os.getloadavg()}")
    shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=None, help="default 15 in-process, 7 with --process")
    ap.add_argument("--lo-runs", type=int, default=5)
    ap.add_argument("--process", action="store_true", help="fresh processes: ours against soffice")
    args = ap.parse_args()
    if args.process:
        process_main(max(5, args.runs or 7))
        return
    args.runs = args.runs or 15
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
