"""Every speed figure of issue 15 in one table, each beside its anchor measured in the same run.

    .venv/bin/python benchmarks/run.py [--runs N]

Process figures are process against process (a fresh interpreter each run, both sides started
the same way); in-process figures are medians of paired runs in this one process.  Runs of
the two sides are interleaved so that the load other programs put on the machine falls on
both alike; the load (uptime) is printed before and after, since the machine is shared.
Nothing here is a test: nothing fails, it only prints.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from common import ROOT

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE_WINDOW = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
w = QMainWindow(); w.resize(1400, 900)
v = QTableView(); v.setModel(QStandardItemModel(30, 8)); w.setCentralWidget(v)
w.show(); app.processEvents()
w.repaint()  # painted, whatever Qt still had scheduled: the moment is the same for every side
print(time.monotonic(), flush=True)  # shown: the harness's clock, read at the moment (CLOCK_MONOTONIC)
QTimer.singleShot(0, app.quit)
app.exec()
"""
# Not the anchor, a second reference: PySide alone building a window of the editor's kinds
# (menus with shortcuts, tool bar, navigation list, stacked pages, a 30×8 table, a text pane, a
# dock with a list, status bar; the Qt namespace touched), empty.  How much of the ratio is
# PySide's own cost for a window of that shape, before any of our code or data.
SKELETON_WINDOW = """
import time
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QListView, QMainWindow, QSplitter,
                               QStackedWidget, QTableView, QTextEdit)
app = QApplication([])
w = QMainWindow(); w.resize(1400, 900)
for name in ("文件", "编辑", "视图", "帮助"):
    menu = w.menuBar().addMenu(name)
    for i in range(8):
        a = QAction(f"{name}{i}", w); a.setShortcut(QKeySequence(f"Ctrl+Shift+{i}")); menu.addAction(a)
bar = w.addToolBar("工具")
for i in range(8):
    bar.addAction(QAction(f"按钮{i}", w))
nav = QListView(); nav.setModel(QStandardItemModel(8, 1))
pages = QStackedWidget()
table = QTableView(); table.setModel(QStandardItemModel(30, 8)); pages.addWidget(table); pages.addWidget(QTextEdit())
split = QSplitter(Qt.Orientation.Horizontal); split.addWidget(nav); split.addWidget(pages); w.setCentralWidget(split)
dock = QDockWidget("检查结果"); dock.setWidget(QListView()); w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
w.statusBar().addWidget(QLabel("就绪"))
w.show(); app.processEvents()
w.repaint()
print(time.monotonic(), flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""
# As `python -m app FILE` starts (app.launch.main, then ui.main.run): app.launch's imports, the
# collector held, the arguments read, the dataclass cache, the file's read and check started in a child process (app.prefetch), the
# compile cache held until the window is complete (app.compile_cache), the crash
# log's hooks, the window built (ui.main.first_window: not shown until the report is in, or
# 正在打开 if the file is slow), the autosave folder looked at, the report taken from the child on a
# worker thread and put in the window; it is ready once the window holds the checked report and
# has processed its events (and prints the moment, as the bare window does); the process then
# quits as the bare one does.
EDITOR_WINDOW = """
import sys, time
from pathlib import Path
import app.launch
from app import collector
collector.hold()  # app.launch.main's order from here to ui.main.run
# (bench_start --against an older revision: it read its arguments with argparse, not timed here)
path = Path(app.launch.parse(sys.argv[1:]).file if hasattr(app.launch, "parse") else sys.argv[1])
from app import dataclass_cache
dataclass_cache.install()
from app import compile_cache
compile_cache.hold()  # as app.launch: before the fork, to the window complete (ui.main.first_window)
from app import prefetch
prefetch.start(path)
from ui.main import create_application, first_window  # first, as app.launch: ui/__init__ loads Qt (cached)
from PySide6.QtCore import QEventLoop, QTimer
app = create_application()
from ui import crashlog
import os
hooks = crashlog.install(lambda text: (print(text, file=sys.stderr, flush=True), os._exit(3)), open_after_ms=None)  # no modal box
w = first_window(path, (1400, 900))
QTimer.singleShot(crashlog.OPEN_DELAY_MS, hooks.open_file)  # as ui.main.run
assert not w.docs.offer_restore()
loop = QEventLoop()  # not app.quit: since Qt 6 that closes the windows, and the picture with them
w.docs.loadEnded.connect(loop.quit)
w.docs.load_in_background(path)
loop.exec()
app.processEvents()  # the window shown (ui.main_window.show_pages reveals it once the report is in)
assert w.docs.source == path and w.state.report.organ and w.state.findings and w.isVisible()
w.repaint()
print(time.monotonic(), flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
"""
BARE_DOCX = "import sys, docx; docx.Document(sys.argv[1])"


def paired(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians (ms) of ``a`` and ``b``, run alternately ``runs`` times each after one warm-up,
    each from a clean heap: python-docx leaves every Document in reference cycles, and freeing
    one (its parsed parts, ~1.4 ms for the third-party .docx) fell into the next run that set
    off a collection — ours, which allocates more objects (benchmarks/bench_read.py shows both)."""
    a(), b()
    ta: list[float] = []
    tb: list[float] = []
    for _ in range(runs):
        for fn, times in ((a, ta), (b, tb)):
            gc.collect()  # untimed: neither side pays for the other's garbage
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(ta), statistics.median(tb)


def process(cmd: Sequence[str], env: dict[str, str]) -> Callable[[], object]:
    def run() -> None:
        done = subprocess.run(list(cmd), cwd=ROOT, env=env, capture_output=True)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    return run


@dataclass
class Started:
    """One start of a window process: wall ms to the window shown (with its report, for ours),
    wall ms to the process's exit, the process's CPU ms (its children's with it: the prefetch
    child), of it the kernel's, and its minor page faults (first touches of memory: nearly the
    same count run after run, where the times are not on a shared machine)."""

    shown: float
    exited: float
    cpu: float
    system: float = 0.0
    faults: float = 0.0


def start_once(cmd: Sequence[str], env: dict[str, str]) -> Started:
    """Run ``cmd`` (it prints time.monotonic() once its window is shown) and time it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    done = subprocess.run(list(cmd), cwd=ROOT, env=env, capture_output=True)
    exited = time.monotonic()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
    shown = float(done.stdout.split()[-1])
    system = after.ru_stime - before.ru_stime
    cpu = after.ru_utime - before.ru_utime + system
    return Started((shown - t) * 1000, (exited - t) * 1000, cpu * 1000, system * 1000,
                   after.ru_minflt - before.ru_minflt)


def starts(sides: dict[str, list[str]], env: dict[str, str], runs: int) -> dict[str, Started]:
    """Medians of each figure per side, the sides' runs interleaved, after one warm-up each."""
    for cmd in sides.values():
        start_once(cmd, env)
    got: dict[str, list[Started]] = {k: [] for k in sides}
    for _ in range(runs):
        for name, cmd in sides.items():
            got[name].append(start_once(cmd, env))
    return {k: Started(*(statistics.median(getattr(r, f) for r in v)
                         for f in ("shown", "exited", "cpu", "system", "faults")))
            for k, v in got.items()}


def third_party_docx(folder: Path) -> Path:
    """A report as Word writes one (auto-numbered headings, a text-box title), not ours."""
    sys.path.insert(0, str(ROOT / "tests"))
    from thirdparty import Spec, build  # type: ignore[import-not-found]

    return build(Spec(numbering="word", title_in_textbox=True,
                      t3={(r, c): str((r * 7 + c) % 13) for r in range(2, 20) for c in range(6)}),
                 folder / "third-party.docx")


def edit_ms(chars: int, path: Path, runs: int) -> float:
    """Median ms of one table cell edit → totals, checks, repaint, in a 1400×900 window;
    ``chars`` > 0 first replaces the narrative with that many characters of sentences."""
    from PySide6.QtWidgets import QApplication

    from app.reading import load_report
    from benchmarks.bench_text import big_report
    from ui.main import create_application

    app = create_application()
    from ui.main_window import MainWindow

    window = MainWindow(autosave_dir=Path(tempfile.mkdtemp(prefix="bench-run-autosave-")))
    window.resize(1400, 900)
    window.show()
    report = big_report(chars, seed=3) if chars else load_report(path)
    window.state.replace_report(report)
    page = window.show_page("三")
    model = page.model  # type: ignore[attr-defined]
    app.processEvents()
    times = []
    for i in range(runs * 10):
        index = model.index_of((i % 20 + 2, i % 6))
        t = time.perf_counter()
        assert model.setData(index, str(i % 7 + 1))
        QApplication.processEvents()  # totals, the findings panel, the grid's repaint
        times.append((time.perf_counter() - t) * 1000)
    window.state.stack.setClean()
    window.close()
    return statistics.median(times)


def text_check_ms(sizes: Sequence[int], runs: int) -> dict[int, float]:
    """Median ms of a full check (cold caches) of a report of each size.  The sizes' runs are
    interleaved, as the process sides are: a burst of load on this shared machine lasting a
    second or two fell on all seven runs of one size (100,000 characters once measured 225 ms,
    200,000 in the same run 299 ms; alone, minutes later, 112–130 ms and 236–257 ms)."""
    from app.checks import run_all
    from benchmarks.bench_text import big_report, clear_caches

    reports = {chars: big_report(chars, seed=chars) for chars in sizes}
    for report in reports.values():  # warm-up: the checks' patterns compiled, as in the window
        run_all(report)
    times: dict[int, list[float]] = {chars: [] for chars in sizes}
    for _ in range(runs):
        for chars, report in reports.items():
            times[chars].append(_timed(lambda report=report: (clear_caches(), run_all(report))))
    return {chars: statistics.median(t) for chars, t in times.items()}


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def prepare(prefix: str) -> tuple[Path, dict[str, str], Path]:
    """A scratch folder, the environment the measured processes start in (offscreen; private
    settings, data — log, autosave: a crashed copy there would ask a question nobody sees — and
    caches; bytecode compiled as an installed program has it) and the third-party .docx."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # every benchmark's, not only run.py's
    private = {name: str(folder / name.lower()) for name in
               ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA")}
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **private)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "ui"], cwd=ROOT, env=env, check=True)
    return folder, env, third_party_docx(folder)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    runs = max(5, ap.parse_args().runs)
    load_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    folder, env, doc = prepare("bench-run-")
    py = sys.executable
    rows: list[tuple[str, str, str, str, str]] = []  # figure, ours, anchor, ratio, goal

    def ratio_row(name: str, anchor: str, ours: float, base: float, goal: str) -> None:
        rows.append((name, f"{ours:.0f} ms", f"{anchor} {base:.0f} ms", f"{ours / base:.2f}×", goal))

    st = starts({"ours": [py, "-c", EDITOR_WINDOW, str(doc)], "bare": [py, "-c", BARE_WINDOW],
                 "skeleton": [py, "-c", SKELETON_WINDOW]}, env, runs)
    ratio_row("start → window shown, report loaded + checked", "bare QMainWindow+QTableView shown",
              st["ours"].shown, st["bare"].shown, "≤ 1.5×")
    ratio_row("(reference: an empty PySide window of the editor's kinds, shown)", "bare window shown",
              st["skeleton"].shown, st["bare"].shown, "—")
    ratio_row("(the same, to the process's exit)", "bare window, to its exit",
              st["ours"].exited, st["bare"].exited, "—")

    ours, base = paired(process([py, "-m", "app", "dump", str(doc)], env),
                        process([py, "-c", BARE_DOCX, str(doc)], env), runs)
    ratio_row("`dump` of a third-party .docx (process)", "python -c docx.Document", ours, base, "≤ 1.3×")

    import docx

    from app.reading import load_report
    in_runs = runs * 3
    ours, base = paired(lambda: load_report(doc), lambda: docx.Document(str(doc)), in_runs)
    ratio_row("in-process read of a third-party .docx", "docx.Document()", ours, base, "≤ 1.5×")

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        rows.append(("`export --to .pdf` (process)", "—", "soffice not installed", "—", "≤ 0.2×"))
    else:
        lo = [soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless", "--convert-to", "pdf",
              "--outdir", str(folder / "lo"), str(doc)]
        ours, base = paired(process([py, "-m", "app", "export", str(doc), "--to", str(folder / "ours.pdf")], env),
                            process(lo, env), runs)
        ratio_row("`export --to .pdf` (process)", "soffice --convert-to pdf", ours, base, "≤ 0.2×")
        # A real published report too: more distinct characters than the third-party one, and
        # embedding each font costs Qt in proportion to the glyphs it carries.
        sample = ROOT / "tests" / "data" / "xiaogang-2021.docx"
        if sample.is_file():
            lo[-1] = str(sample)
            ours, base = paired(
                process([py, "-m", "app", "export", str(sample), "--to", str(folder / "sample.pdf")], env),
                process(lo, env), runs)
            ratio_row("`export --to .pdf` of the published sample (process)", "soffice --convert-to pdf",
                      ours, base, "≤ 0.2×")

    for chars, name in ((0, "one cell edit → totals, checks, repaint"),
                        (200_000, "the same edit, 200,000 characters of narrative")):
        ms = edit_ms(chars, doc, runs)
        rows.append((name, f"{ms:.1f} ms", "(absolute, 1400×900 offscreen)", "—", "≤ 8 ms"))

    for chars, ms in text_check_ms((25_000, 50_000, 100_000, 200_000), runs).items():  # linear: ms per char level
        rows.append((f"full check (cold caches), {chars:,} chars of varied sentences", f"{ms:.0f} ms",
                     "(absolute)", "—", "≤ 200 ms at 100,000"))

    from bench_pdf_task import stall_row  # 导出PDF in the background (issue 11)
    rows.append(stall_row(runs))

    from bench_bundle import rows as bundle_rows  # the frozen program's size and command line
    rows += bundle_rows(doc, runs, env, py)

    load_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"benchmarks/run.py — medians of {runs} interleaved runs per side (in-process read: {in_runs}; "
          f"edits: {runs * 10}); {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}")
    print(f"load before: {load_before}")
    print(f"load after:  {load_after}")
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    head = ("figure", "ours", "anchor (same run)", "ratio", "goal")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    for r in (head, tuple("-" * w for w in widths), *rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
