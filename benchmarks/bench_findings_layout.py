"""What the findings list costs when its width changes (not a test): prints medians.

    .venv/bin/python benchmarks/bench_findings_layout.py [--runs N]

A width change (the dock dragged a few pixels, the scroll bar coming or going) measures every
row again at the new width, so that no message's last line is drawn over the next row.  The
anchor, in the same run: a relayout at the same width (every row's size from the delegate's
cache), what a change of findings costs.  Offscreen, the panel shown, events processed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Iterator

import common  # noqa: F401 - the project on the import path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.findings import Finding, Location, Severity, Span
from app.schema import OVERVIEW, REQUESTS, CellRef

SENTENCE = "正文说“共收到政府信息公开申请15件”，但表三“一、本年新收政府信息公开申请数量”总计为12件，请核对。"


def findings(n: int) -> list[Finding]:
    return [Finding("TEXT-TABLE-MISMATCH", Severity.ERROR,
                    Location(REQUESTS, (CellRef(REQUESTS, i % 20, i % 6),)) if i % 2
                    else Location(OVERVIEW, span=Span(i, 0, 5)), SENTENCE * (1 + i % 3) + f"（{i}）")
            for i in range(n)]


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=9)
    runs = p.parse_args().runs
    from ui.main import create_application

    app = create_application()
    from ui.findings import FindingsPanel
    from ui.state import EditorState

    print(f"load {os.getloadavg()[0]:.2f}")
    for n in (20, 100, 500):
        state = EditorState()
        state.findings = findings(n)
        panel = FindingsPanel(state)
        panel.resize(340, 600)
        panel.show()
        app.processEvents()
        widths = iter(range(300, 300 + 3 * 1000, 3))

        def narrower(panel: FindingsPanel = panel, widths: Iterator[int] = widths) -> None:
            panel.resize(next(widths) % 160 + 240, 600)  # a new width each time
            app.processEvents()

        def same(panel: FindingsPanel = panel) -> None:
            panel.view.scheduleDelayedItemsLayout()
            app.processEvents()

        width, anchor = [], []
        for _ in range(runs):  # interleaved: the machine's load falls on both alike
            width.append(timed(narrower))
            anchor.append(timed(same))
        w_wall, w_cpu = (statistics.median(t[i] for t in width) for i in (0, 1))
        a_wall, a_cpu = (statistics.median(t[i] for t in anchor) for i in (0, 1))
        print(f"{n:4d} findings: width change {w_wall:6.1f} ms (CPU {w_cpu:5.1f})   "
              f"anchor, relayout at the same width {a_wall:6.1f} ms (CPU {a_cpu:5.1f})   median of {runs}")
        panel.close()
        panel.deleteLater()
    print(f"load {os.getloadavg()[0]:.2f}")
    QApplication.processEvents()


if __name__ == "__main__":
    main()
