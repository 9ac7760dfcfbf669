"""A huge section's first show: how long until its page is usable, and how long the window is
ever held up afterwards (the finding marks are drawn in slices, those on screen first).

    .venv/bin/python benchmarks/bench_huge_section.py [--runs N] [--chars N] [--against REV]

Section 一 holds ``--chars`` characters (1.93 million by default, as the GUI tester's report):
``many`` — a real report's paragraphs pasted over and over (almost every paragraph a duplicate,
so almost every one is marked), ``one`` — the same text as a single paragraph.  Each run is a
fresh process (a first show is first only once), 1400×900, offscreen; the anchor, in the same
run and alternating with it, is the first show of the sample report's section 一.  ``--against``
runs the same script on another commit's tree too (``git archive``; slow: a minute a run before
the fix).  Printed: medians of the wall time to a usable page (show_page → painted), the longest
stall of the event loop afterwards until every mark is drawn, the time until then, a keystroke
at the top of the section (→ painted) and the longest stall while its text is checked, and for
删除此处重复 clicked on a duplicate paragraph the longest stall and the time until the findings of
the new text are applied (``many`` only: ``one`` has no duplicate paragraph); thread CPU time
beside the wall time.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from common import EDITOR_CHILD_START

ROOT = Path(__file__).resolve().parents[1]

CHILD = EDITOR_CHILD_START + r"""
import json, os, statistics, sys, tempfile, time
from pathlib import Path
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from app.reading import load_report
from app.report import Paragraph
from ui.main_window import MainWindow
shape, chars = sys.argv[1], int(sys.argv[2])
KEY = "一"
report = load_report(Path("tests/data/xiaogang-2021.docx"))
if shape != "sample":
    from tests.realistic import varied_report
    pool = [p.text for ps in varied_report(200_000, 3).sections.values() for p in ps]
    texts, n = [], 0
    while n < chars:
        texts.append(pool[len(texts) % len(pool)])
        n += len(texts[-1])
    report.sections[KEY] = [Paragraph.plain("".join(texts))] if shape == "one" else [Paragraph.plain(t) for t in texts]
window = MainWindow(autosave_dir=Path(tempfile.mkdtemp()))
window.resize(1400, 900)
window.show()
window.state.replace_report(report)
app.processEvents()

def stalls(until, limit_s=600.0):
    # The event loop's longest gap while ``until()`` is false: a 1 ms timer notes each turn.
    gaps, last = [0.0], [time.perf_counter()]
    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
    probe = QTimer(interval=1)
    probe.timeout.connect(tick)
    probe.start()
    start = time.perf_counter()
    while not until() and time.perf_counter() - start < limit_s:
        app.processEvents()
        time.sleep(0.0005)
    tick()
    probe.stop()
    return max(gaps) * 1000, (time.perf_counter() - start) * 1000

t, c = time.perf_counter(), time.thread_time()
page = window.show_page(KEY)
app.processEvents()
window.repaint()
shown, shown_cpu = (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000
editor = page.editor
highlighter = editor.highlighter
pending = getattr(highlighter, "pending", lambda: 0)
marks_stall, marks_done = stalls(lambda: pending() == 0)
keys, check_stalls, saves = [], [], []
for i in range(3):
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    t = time.perf_counter()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "字"))
    app.processEvents()
    editor.repaint()
    keys.append((time.perf_counter() - t) * 1000)
    # Until the findings of the new text are applied (a huge report's checks run on a worker).
    check_stalls.append(stalls(lambda: not window.state._dirty_text and not window.state._sync_timer.isActive()
                               and getattr(window.state, "_unchecked", None) is None)[0])
    editor.setFocus()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "字"))
    t = time.perf_counter()
    window.docs.autosave(background=True)  # what the UI thread pays when the recovery copy is due
    saves.append((time.perf_counter() - t) * 1000)
    window.docs._writer.join()
    stalls(lambda: not window.state._dirty_text and not window.state._sync_timer.isActive()
           and getattr(window.state, "_unchecked", None) is None)
assert editor.document().findBlockByNumber(0).text().startswith("字字字字字字"), "typed text lost"
# 删除此处重复 on a duplicate paragraph, as clicked in the findings panel: the longest stall and
# the time until the findings of the new text are applied.
from ui.finding_actions import DUPLICATE, delete_copy
settled = lambda: (not window.state._dirty_text and not window.state._sync_timer.isActive()
                   and getattr(window.state, "_unchecked", None) is None)
dups = [f for f in window.state.by_section.get(KEY, []) if f.code == DUPLICATE and f.location.span is not None]
fix_stall = fix_done = float("nan")
if dups:
    t = time.perf_counter()
    delete_copy(window.state, dups[len(dups) // 2])
    called = (time.perf_counter() - t) * 1000
    gap, done = stalls(settled)
    fix_stall, fix_done = max(called, gap), called + done
window.state.stack.setClean()
print(json.dumps({"shown": shown, "shown_cpu": shown_cpu, "marks_stall": marks_stall, "marks_done": marks_done,
                  "key": statistics.median(keys), "check_stall": max(check_stalls), "autosave": max(saves),
                  "fix_stall": fix_stall, "fix_done": fix_done}))
"""


def tree_of(rev: str, folder: Path) -> Path:
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def one_run(tree: Path, shape: str, chars: int) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", CHILD, shape, str(chars)], cwd=tree, env=env,
                         capture_output=True, text=True, timeout=1800)
    if out.returncode:
        raise SystemExit(f"{tree} {shape}: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chars", type=int, default=1_930_000)
    ap.add_argument("--shapes", default="many,one")
    ap.add_argument("--against", help="another commit, measured the same way in the same run")
    args = ap.parse_args()
    trees = {"this tree": ROOT}
    scratch = None
    if args.against:
        scratch = tempfile.TemporaryDirectory(prefix="bench-huge-")
        trees[args.against] = tree_of(args.against, Path(scratch.name))
    cases = [(name, shape) for shape in ["sample", *args.shapes.split(",")] for name in trees]
    got: dict[tuple[str, str], list[dict[str, float]]] = {case: [] for case in cases}
    load = []
    for _ in range(args.runs):  # alternately, so that the machine's load falls on all alike
        for name, shape in cases:
            load.append(os.getloadavg()[0])
            got[(name, shape)].append(one_run(trees[name], shape, args.chars))
    print(f"section 一 of {args.chars:,} characters; medians of {args.runs} fresh processes each; "
          f"load average {min(load):.2f}–{max(load):.2f}")
    print(f"{'tree':<12} {'shape':<7} {'usable page':>12} {'(CPU)':>8} {'longest stall':>14} {'marks done':>11} "
          f"{'keystroke':>10} {'stall checking':>15} {'autosave':>9} {'fix: stall':>11} {'fix: done':>10}")
    for name, shape in cases:
        runs = got[(name, shape)]

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        print(f"{name:<12} {shape:<7} {med('shown'):>9.0f} ms {med('shown_cpu'):>5.0f} ms {med('marks_stall'):>11.0f} ms "
              f"{med('marks_done'):>8.0f} ms {med('key'):>7.1f} ms {med('check_stall'):>12.0f} ms "
              f"{med('autosave') if all('autosave' in r for r in runs) else float('nan'):>6.0f} ms "
              f"{med('fix_stall'):>8.0f} ms {med('fix_done'):>7.0f} ms")
    if scratch is not None:
        scratch.cleanup()


if __name__ == "__main__":
    main()
