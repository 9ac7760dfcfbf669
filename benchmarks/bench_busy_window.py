"""The window while Python works beside it: how late a keystroke is painted, and how long the
batch list takes to repaint, while work of the window's own runs — the same window idle as the
comparison, and the work as it ran before ('thread') beside as it runs now ('process'), in the
same run.

    .venv/bin/python benchmarks/bench_busy_window.py [--runs N] [--rounds N] [--chars N] [--no-batch]
    .venv/bin/python benchmarks/bench_busy_window.py --start [--runs N]
    .venv/bin/python benchmarks/bench_busy_window.py --list-only [--runs N] [--rounds N]

Each run is a fresh process (offscreen, 1400×900).  Measured there:
- ``text key``: keys posted 20 ms apart (as the window system delivers them; each waits for the
  one before it to be painted) to a running event loop, each timed to section 一's editor's
  next paint, in a realistic report of ``--chars`` characters (tests/realistic.py; over
  BACKGROUND_CHECK_CHARS, so its checks run off the GUI thread when typing pauses) — idle, and
  while the background check runs (started as typing's pause starts it; each key typed
  meanwhile makes the check out of date, as a user typing on does);
- ``cell key``: the same with digits in an open cell editor of 表三;
- ``list repaint``: the batch window's list of 40 checked reports repainted (viewport
  repaint, every data() call of it), idle, and while 重新检查 reads the 40 files again after
  they changed on disk (jobs=1 as a one-core machine runs it), with the GUI thread's CPU time.
The busy figures are taken for as long as the same check takes on its own, measured first in
the same process.  ``--start``: keys typed during the second after the start's warm-up of the
checks began (ui/warm_up.py), against the warm-up as it ran before (on a thread) and none.
``--list-only``: the list's figures alone (no report typed into: the editor's part is skipped).
Printed: medians over all runs, and the worst run's 90th percentile.  Nothing here is a test.
(Keys sent with sendEvent and followed by processEvents and repaint() — this script's first
version — measured far longer stalls than a running loop shows: processEvents also ran every
event then pending.  The posted keys are what a user meets.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from common import BATCH_CHECKED, EDITOR_CHILD_START

ROOT = Path(__file__).resolve().parents[1]

CHILD = EDITOR_CHILD_START + BATCH_CHECKED + r"""
import json, os, shutil, statistics, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from tests.realistic import varied_report
from ui import huge_checks
from ui.main_window import MainWindow

chars, rounds, where = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if where == "thread":  # as before: the checks, the batch's reads on a worker thread of the window's
    from ui import batch_window_work
    huge_checks.CHECK_APART = False
    batch_window_work.APART = False
list_only = "--list-only" in sys.argv
report = varied_report(chars if not list_only else 2_000, 7)
window = MainWindow(autosave_dir=Path(tempfile.mkdtemp()))
window.resize(1400, 900)
window.show()
window.state.replace_report(report)
app.processEvents()
state = window.state

def settle():
    # No check pending or running: the findings are the text's.
    end = time.perf_counter() + 60
    while time.perf_counter() < end:
        app.processEvents()
        if (not state._dirty_text and not state._sync_timer.isActive() and state._unchecked is None
                and not running()):
            return
        time.sleep(0.002)
    raise SystemExit("the check never settled")

def running():
    from ui import tasks
    return bool(tasks._alive) or bool(getattr(state, "_checking", None))


def send(widget, key, text):
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))

cpu = {"text": [], "cell": [], "list": [], "-": []}

def timed(press, paint, what):
    # Wall time, and the GUI thread's CPU time beside it: what the wall time has over the CPU
    # time was spent waiting (for the GIL, or for a core the system gave to someone else).
    t, c = time.perf_counter(), time.thread_time()
    press()
    app.processEvents()
    paint()
    cpu[what].append((time.thread_time() - c) * 1000)
    return (time.perf_counter() - t) * 1000

from PySide6.QtCore import QEventLoop, QObject, QTimer

class Painted(QObject):
    # A key posted (as the window system delivers one) is timed to the widget's next paint.
    def __init__(self, out, posted):
        super().__init__()
        self.out, self.posted = out, posted
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and self.posted:
            self.out.append((time.perf_counter() - self.posted[0]) * 1000)
            self.posted.clear()
        return False

def posted_keys(widget, key, text, busy):
    # Keys posted 20 ms apart to a running event loop (a key waits for the one before it to be
    # painted), for as long as the check takes on its own: idle, or from the check's start.
    out, posted = [], []
    target = widget.viewport() if hasattr(widget, "viewport") else widget
    painted = Painted(out, posted)
    target.installEventFilter(painted)
    def post():
        if posted:
            return
        posted.append(time.perf_counter())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))
    ticker = QTimer(interval=20)
    ticker.timeout.connect(post)
    if busy:
        busy()
    ticker.start()
    loop = QEventLoop()
    QTimer.singleShot(int(check_s * 1000), loop.quit)
    loop.exec()
    ticker.stop()
    target.removeEventFilter(painted)
    return out

def begin_check():
    # As typing's pause begins it: a keystroke, then the pause's handler at once.
    send(editor, Qt.Key.Key_A, "字")
    state.check_soon()

page = window.show_page("一")
editor = page.editor
editor.setFocus()
app.processEvents()
# How long the background check of an edit takes with nobody typing meanwhile.
settle()
calibrate = []
for _ in range(3):
    t = time.perf_counter()
    begin_check()
    settle()
    calibrate.append(time.perf_counter() - t)
check_s = statistics.median(calibrate)
text = {"idle": [], "busy": []}
for _ in range(0 if list_only else rounds):
    settle()
    text["idle"] += posted_keys(editor, Qt.Key.Key_A, "字", None)
    settle()
    text["busy"] += posted_keys(editor, Qt.Key.Key_A, "字", begin_check)
settle()

grid_page = window.show_page("三")
view = grid_page.view if hasattr(grid_page, "view") else grid_page.table
model = grid_page.model
app.processEvents()
cell = {"idle": [], "busy": []}
for _ in range(0 if list_only else rounds):
    for mode in ("idle", "busy"):
        settle()
        view.setFocus()
        index = model.index_of((3, 1))
        view.setCurrentIndex(view.model().index(index.row(), index.column()) if view.model() is not model else index)
        view.edit(view.currentIndex())
        app.processEvents()
        line = QApplication.focusWidget()
        cell[mode] += posted_keys(line, Qt.Key.Key_1, "1", begin_check if mode == "busy" else None)
        send(line, Qt.Key.Key_Escape, "")
        app.processEvents()
settle()
window.state.stack.setClean()
if "--no-batch" in sys.argv:
    print(json.dumps({"check_ms": check_s * 1000, "text": text, "cell": cell, "list": {"idle": [], "busy": []},
                      "cpu": cpu}))
    raise SystemExit(0)
for d in state.documents.values():
    d.setModified(False)

# The batch list: 40 checked copies of the sample, read again after they changed on disk.
from app import batch
bw, folder = batch_checked(40, prefix="bench-busy-")
lst = {"idle": [], "busy": []}
for _ in range(rounds):
    for _i in range(10):
        lst["idle"].append(timed(lambda: None, bw.view.viewport().repaint, "-"))
        time.sleep(0.02)
    for p in folder.rglob("*.docx"):
        os.utime(p, ns=(time.time_ns(), time.time_ns()))
    task = bw.recheck_changed()
    assert task is not None
    app.processEvents()
    while bw.rechecking is not None:
        lst["busy"].append(timed(lambda: None, bw.view.viewport().repaint, "list"))
        time.sleep(0.02)
shutil.rmtree(folder, ignore_errors=True)
print(json.dumps({"check_ms": check_s * 1000, "text": text, "cell": cell, "list": lst, "cpu": cpu}))
"""


# The start: the sample report read and checked by the start's child (app.prefetch), the window
# shown with it; WARM_UP_DELAY_MS later the checks are made ready in the window's process
# (ui.state._warm_up_checks, "准备检查") while the user may already type.  Keys 20 ms apart from
# the moment the report shows; those of the second after the warm-up began are kept — with the
# warm-up, and without it ("none": the same moment, nothing run) in the same run.
START = r"""
import json, os, sys, tempfile, time
sys.path[:0] = ["."]
from pathlib import Path
from app import prefetch
SAMPLE = Path("tests/data/xiaogang-2021.docx")
prefetch.start(SAMPLE)
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from ui.main import create_application, first_window
app = create_application()
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
import ui.warm_up
mode = sys.argv[1]
began = []
real = ui.warm_up.checks
def old_warm_up():
    # As it was before ui/warm_up.py: imports, patterns and the text's check on a worker thread.
    from ui.tasks import Task
    def work(_control):
        import app.checks
        from app import patterns, prefetch
        patterns.compile_all()
        spare = prefetch.spare()
        if spare is not None:
            app.checks.run_all(spare)
    Task(work, what="准备检查").start()
def warm_up():
    began.append(time.perf_counter())
    if mode == "warm":
        real()
    elif mode == "thread":
        old_warm_up()
ui.warm_up.checks = warm_up
window = first_window(SAMPLE, (1400, 900), Path(tempfile.mkdtemp()))
window.docs.start_file = SAMPLE
window.docs.load_in_background(SAMPLE)  # as ui.main.run does
end = time.perf_counter() + 60
while not window.state.report.organ and time.perf_counter() < end:
    app.processEvents()
    time.sleep(0.002)
window.reveal()
page = window.show_page("一")
editor = page.editor
editor.setFocus()
app.processEvents()
# A real event loop, as a user's keys meet it: each key posted (a window system's event),
# its time taken when the editor next begins to paint.
from PySide6.QtCore import QObject, QTimer
keys, posted = [], []
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and posted:
            keys.append((posted[0], (time.perf_counter() - posted[0]) * 1000))
            posted.clear()
        return False
painted = Painted()
editor.viewport().installEventFilter(painted)
def post():
    if posted:  # the last key not painted yet: the next waits, as a user's would queue behind it
        return
    posted.append(time.perf_counter())
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.postEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "字"))
ticker = QTimer(interval=20)
ticker.timeout.connect(post)
ticker.start()
from PySide6.QtCore import QEventLoop
loop = QEventLoop()
QTimer.singleShot(3000, loop.quit)
loop.exec()
ticker.stop()
assert began, "no warm-up was asked for"
during = [ms for t, ms in keys if began[0] <= t < began[0] + 1.0]
window.state.stack.setClean()
print(json.dumps({"keys": during}), flush=True)
os._exit(0)  # the window's timers and the start's child: nothing more to measure
"""


def start_run(mode: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", START, mode], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])["keys"]  # type: ignore[no-any-return]


def one_run(chars: int, rounds: int, where: str, batch: bool = True, list_only: bool = False) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD, str(chars), str(rounds), where,
                          *([] if batch else ["--no-batch"]), *(["--list-only"] if list_only else [])], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=1800)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))] if ordered else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3, help="idle/busy rounds per process")
    ap.add_argument("--chars", type=int, default=300_000)
    ap.add_argument("--no-batch", action="store_true", help="the editor's figures only")
    ap.add_argument("--list-only", action="store_true", help="the batch list's figures only")
    ap.add_argument("--where", choices=("both", "process", "thread"), default="both",
                    help="the work as it runs now (process), as before (thread), or both")
    ap.add_argument("--start", action="store_true", help="only the keys typed during the start's warm-up of the checks")
    args = ap.parse_args()
    if args.start:
        keys: dict[str, list[list[float]]] = {"warm": [], "thread": [], "none": []}
        for _ in range(args.runs):
            for mode, runs in keys.items():
                runs.append(start_run(mode))
        print(f"keys typed in section 一 of the sample during the second after the start's 准备检查 began: "
              f"sliced (now), on a thread (before), none; {args.runs} fresh processes each")
        for mode, runs in keys.items():
            flat = [v for r in runs for v in r]
            name = {"warm": "sliced", "thread": "on a thread", "none": "none"}[mode]
            print(f"{name + ' warm-up':<20} median {statistics.median(flat):6.1f} ms, "
                  f"worst run's p90 {max(p90(r) for r in runs):6.1f} ms, max {max(flat):6.1f} ms ({len(flat)} keys)")
        return
    got: dict[str, list[dict[str, object]]] = {w: [] for w in ("process", "thread") if args.where in (w, "both")}
    load = []
    for _ in range(args.runs):  # alternately, so that the machine's load falls on both alike
        for where, runs in got.items():
            load.append(os.getloadavg()[0])
            runs.append(one_run(args.chars, args.rounds, where, not args.no_batch, args.list_only))
    print(f"report of {args.chars:,} characters; {args.runs} fresh processes × {args.rounds} rounds each way; "
          f"load average {min(load):.2f}–{max(load):.2f}")
    print("'process' (now): a huge report's checks in the window's check process (app.check_apart), 重新检查 "
          "reading in a worker process; 'thread' (before): both on a worker thread of the window's")
    print(f"{'checks in':<9} {'what':<14} {'idle median':>12} {'busy median':>12} {'(its CPU)':>10} "
          f"{'busy p90 (worst run)':>21} {'busy samples':>13} {'check takes':>12}")
    for where, runs in got.items():
        took = statistics.median(float(r["check_ms"]) for r in runs)  # type: ignore[arg-type]
        for what, label in (("text", "text key"), ("cell", "cell key"), ("list", "list repaint")):
            idle = [v for r in runs for v in r[what]["idle"]]  # type: ignore[index]
            busy = [v for r in runs for v in r[what]["busy"]]  # type: ignore[index]
            if not busy:
                continue
            worst = max(p90(r[what]["busy"]) for r in runs)  # type: ignore[index]
            cpus = [v for r in runs for v in r["cpu"][what]]  # type: ignore[index]
            cpu = statistics.median(cpus) if cpus else float("nan")
            print(f"{where:<9} {label:<14} {statistics.median(idle):>9.1f} ms "
                  f"{statistics.median(busy):>9.1f} ms {cpu:>7.1f} ms {worst:>18.1f} ms {len(busy):>13} "
                  f"{took:>9.0f} ms")

if __name__ == "__main__":
    main()
