"""从上年报告新建 / 与上年报告对照 in the editor window: how long the GUI thread is held up (the
longest gap between ticks of a 5 ms timer) while last year's report is read — in the background,
as the commands now read it (DocumentController.read_in_background, 正在打开 with 取消), against
on the GUI thread (app.reading.load_report called directly, what they did before) — in the same
process, interleaved, for last year's report as a .docx and as a Word 97 .doc (LibreOffice).

    .venv/bin/python benchmarks/bench_last_year_task.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_pdf_task import Figures, stalls
from common import SAMPLE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _as_doc(folder: Path) -> Path | None:
    """The sample as a Word 97 .doc (LibreOffice), or None where there is none."""
    from app.office import soffice as find_soffice

    soffice = find_soffice()
    if soffice is None:
        return None
    import subprocess

    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(folder), str(SAMPLE)], check=True, capture_output=True,
                   timeout=120)
    doc = folder / (SAMPLE.stem + ".doc")
    return doc if doc.exists() else None


def compare(source: Path, runs: int, command: str) -> tuple[Figures, Figures]:
    """Medians of (background, on the GUI thread) reading ``source`` for ``command``."""
    from ui.main import create_application

    app = create_application()
    from PySide6.QtWidgets import QMessageBox

    import app.reading as app_reading
    from ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="bench-last-year-"))
    window = MainWindow(autosave_dir=folder / "autosave")
    window.resize(1400, 900)
    window.show()
    window.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    window.year_tools.last.confirm_not_last_year = lambda *_a: True  # type: ignore[method-assign]
    app.processEvents()
    app_reading.load_report(source)  # warm-up: modules imported, LibreOffice started once

    def background() -> Figures:
        last = window.year_tools.last
        start = (lambda: last.rollover(source)) if command == "rollover" else (lambda: last.attach(source))
        return stalls(app, start, lambda: window.docs.loading is None)

    def on_gui_thread() -> Figures:
        finished: list[int] = []

        def read() -> None:
            app_reading.load_report(source)
            finished.append(1)

        return stalls(app, read, lambda: bool(finished))

    side_a: list[Figures] = []
    side_b: list[Figures] = []
    for _ in range(runs):
        side_a.append(background())
        side_b.append(on_gui_thread())
    window.state.mark_saved()
    window.close()
    shutil.rmtree(folder, ignore_errors=True)
    a, b = (tuple(statistics.median(x[i] for x in side) for i in range(3)) for side in (side_a, side_b))
    return a, b  # type: ignore[return-value]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = max(5, ap.parse_args().runs)
    work = Path(tempfile.mkdtemp(prefix="bench-last-year-doc-"))
    sources = [("the sample .docx", SAMPLE)]
    doc = _as_doc(work)
    if doc is not None:
        sources.append(("the sample as .doc", doc))
    else:
        print("no LibreOffice: the .doc case is left out", file=sys.stderr)
    print(f"last year's report read in a 1400×900 window, {runs} interleaved runs per side, medians; "
          f"load {os.getloadavg()}")
    for command in ("rollover", "attach"):
        for name, source in sources:
            (stall_a, wall_a, _), (stall_b, wall_b, _) = compare(source, runs, command)
            print(f"  {command:<8} {name:<20} background: longest stall {stall_a:6.1f} ms, done in {wall_a:6.0f} ms"
                  f"   on the GUI thread: stall {stall_b:6.0f} ms, done in {wall_b:6.0f} ms")
    shutil.rmtree(work, ignore_errors=True)
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
