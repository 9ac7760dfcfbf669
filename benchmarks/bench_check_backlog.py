"""Typing in a huge report with pauses quicker than its checks: how long after the last pause
the findings of the text as typed are applied.

    .venv/bin/python benchmarks/bench_check_backlog.py [--runs N] [--chars N] [--pauses N] [--against REV]

Section 一 holds ``--chars`` characters (313,000 by default, review15's L2 figure) in 500
paragraphs; the window's check process is warmed by one edit first.  A round is ``--pauses``
typing pauses in a row (a character typed at the top, the text written back and its check
started, as the sync timer does), then the wait until the findings are of the text as it is.
``--against`` runs the same child on another commit's tree too (``git archive``), alternating
with this one, in the same run.  Printed: the median time from the last pause to current
findings, and one warm check's time for scale.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from common import EDITOR_CHILD_START

ROOT = Path(__file__).resolve().parents[1]

CHILD = EDITOR_CHILD_START + r"""
import json, sys, tempfile, time
from pathlib import Path
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from app.report import Paragraph, ParaKind, Report
from ui.main_window import MainWindow
chars, pauses, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
KEY = "一"
S = "本机关认真落实政府信息公开工作要求，持续推进决策、执行、管理、服务、结果公开。"
per = max(1, chars // (500 * len(S)))
report = Report(organ="某街道办事处", year=2024)
report.sections[KEY] = [Paragraph.plain("一、总体情况", ParaKind.HEADING1)] + [
    Paragraph.plain(S * per + str(i)) for i in range(500)]
window = MainWindow(autosave_dir=Path(tempfile.mkdtemp()))
window.show()
window.state.replace_report(report)
state = window.state

def settled():
    return not state._dirty_text and not state._sync_timer.isActive() and state._unchecked is None

def wait():
    while not settled():
        QApplication.processEvents()
        time.sleep(0.002)

def pause(ch):
    def edit(cursor):
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        cursor.insertText(ch)
    state.edit_text(KEY, "输入", edit)  # written back, its check started (as a typing pause)

t = time.perf_counter(); pause("热"); wait(); cold = time.perf_counter() - t
t = time.perf_counter(); pause("温"); wait(); one = time.perf_counter() - t
times = []
for r in range(rounds):
    for i in range(pauses):
        pause("甲乙丙丁戊己庚辛"[i % 8])
    t = time.perf_counter(); wait(); times.append(time.perf_counter() - t)
print(json.dumps({"chars": sum(len(p.text) for p in state.report.sections[KEY]), "one": one, "times": times}))
window.state.mark_saved()
window.close()
"""


def _tree(rev: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-backlog-"))
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _run(tree: Path, chars: int, pauses: int, rounds: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(chars), str(pauses), str(rounds)], cwd=tree,
                          capture_output=True, text=True, timeout=900,
                          env={"QT_QPA_PLATFORM": "offscreen", **dict(__import__("os").environ)})
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chars", type=int, default=313_000)
    parser.add_argument("--pauses", type=int, default=5)
    parser.add_argument("--against")
    args = parser.parse_args()
    trees = {"this": ROOT}
    if args.against:
        trees[args.against] = _tree(args.against)
    got: dict[str, list[float]] = {name: [] for name in trees}
    ones: dict[str, list[float]] = {name: [] for name in trees}
    for _ in range(args.runs):  # alternating: the machine's load falls on both alike
        for name, tree in trees.items():
            out = _run(tree, args.chars, args.pauses, 1)
            got[name] += out["times"]  # type: ignore[operator]
            ones[name].append(out["one"])  # type: ignore[arg-type]
    for name in trees:
        print(f"{name}: {args.pauses} pauses in a row → current findings after "
              f"{statistics.median(got[name]):.2f} s (median of {len(got[name])}); "
              f"one warm check {statistics.median(ones[name]):.2f} s")


if __name__ == "__main__":
    main()
