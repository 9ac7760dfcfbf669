"""导出PDF in the editor window: how long the GUI thread is held up (the longest gap between
ticks of a 5 ms timer) while a report is exported, in the background (ui.pdf_export, what
导出PDF does) against on the GUI thread (ui.print_pdf.export_pdf called directly: what 导出PDF
did before issue 11), in the same process, interleaved; and the time until the PDF is written.

    .venv/bin/python benchmarks/bench_pdf_task.py [--runs N]

Goal (issue 11): the window keeps answering during an export — longest stall a few frames
(the snapshot of the report is taken on the GUI thread), whatever the report's size.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import SAMPLE

from app.report import Report

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def stalls(app: QApplication, start: Callable[[], object], done: Callable[[], bool]) -> tuple[float, float, float]:
    """(longest GUI-thread gap ms, wall ms until done, CPU ms of the process) for one export."""
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    app.processEvents()
    cpu, t0 = time.process_time(), time.perf_counter()
    ticks.append(t0)
    start()
    while not done():
        app.processEvents()
        time.sleep(0.001)
    end = time.perf_counter()
    ticks.append(end)
    timer.stop()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    return max(gaps) * 1000, (end - t0) * 1000, (time.process_time() - cpu) * 1000


Figures = tuple[float, float, float]  # longest stall, wall, CPU (ms)


def compare(report: Report, runs: int) -> tuple[Figures, Figures]:
    """Medians of (background, on the GUI thread) for ``report``, interleaved runs."""
    from ui.main import create_application

    app = create_application()
    import ui.print_pdf as print_pdf
    from ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="bench-pdf-task-"))
    window = MainWindow(autosave_dir=folder / "autosave")
    window.resize(1400, 900)
    window.show()
    out = folder / "out.pdf"
    window.output.ask_pdf_path = lambda: str(out)  # type: ignore[method-assign]
    # The report's errors are asked about first (ui/output.py errors_ok): answered 仍要导出, as
    # a user who has seen them would; the question is not what is measured.
    window.output.ask_errors_left = lambda errors, title: "export"  # type: ignore[method-assign]
    window.state.replace_report(report)
    app.processEvents()
    print_pdf.export_pdf(report, out)  # warm-up: fonts found and loaded once per process

    def background() -> Figures:
        return stalls(app, window.output.export_pdf, lambda: window.output.exporting is None)

    def on_gui_thread() -> Figures:
        finished: list[int] = []

        def export() -> None:
            print_pdf.export_pdf(window.state.report, out)
            finished.append(1)

        return stalls(app, export, lambda: bool(finished))

    side_a: list[Figures] = []
    side_b: list[Figures] = []
    for _ in range(runs):
        side_a.append(background())
        side_b.append(on_gui_thread())
    window.state.stack.setClean()
    window.close()
    shutil.rmtree(folder, ignore_errors=True)
    a, b = (tuple(statistics.median(x[i] for x in side) for i in range(3)) for side in (side_a, side_b))
    return a, b  # type: ignore[return-value]


def stall_row(runs: int) -> tuple[str, str, str, str, str]:
    """benchmarks/run.py's row: the 200,000-character report."""
    from bench_text import big_report

    (stall, _, _), (frozen, _, _) = compare(big_report(200_000, seed=3), runs)
    return ("导出PDF, 200,000 chars: longest GUI-thread stall", f"{stall:.0f} ms",
            f"export on the GUI thread {frozen:.0f} ms", f"{stall / frozen:.2f}×", "a few frames (issue 11)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = max(5, ap.parse_args().runs)
    from bench_text import big_report

    from app.reading import load_report

    print(f"导出PDF in a 1400×900 window, {runs} interleaved runs per side, medians; load {os.getloadavg()}")
    for name, report in (("the sample", load_report(SAMPLE)), ("200,000 characters", big_report(200_000, seed=3))):
        (stall_a, wall_a, cpu_a), (stall_b, wall_b, cpu_b) = compare(report, runs)
        print(f"  {name:<20} background: longest stall {stall_a:6.1f} ms, PDF written in {wall_a:6.0f} ms "
              f"(cpu {cpu_a:5.0f})   on the GUI thread: stall {stall_b:6.0f} ms, written in {wall_b:6.0f} ms "
              f"(cpu {cpu_b:5.0f})")
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
