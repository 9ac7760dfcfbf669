"""One table cell edit → totals, checks, repaint: this tree against another commit, same run.

    .venv/bin/python benchmarks/bench_edit.py [--against REV] [--runs N]

The edit is run.py's (a 1400×900 window, table 三 of a third-party .docx, or of a report with
200,000 characters of narrative; ``setData`` then ``processEvents``, which paints what the edit
invalidated).  Each side runs in fresh processes from its own source tree (``git archive REV``
unpacked in a temporary folder), alternately, so the machine's load falls on both alike; each
process prints the median wall and thread-CPU time of its edits, and the medians of those are
shown.  Nothing here is a test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EDITS = r"""
import json, statistics, sys, tempfile, time
from pathlib import Path
sys.path[:0] = [".", "benchmarks"]
from PySide6.QtWidgets import QApplication
from app.reading import load_report
from benchmarks.bench_text import big_report
from ui.main import create_application
app = create_application()
from ui.main_window import MainWindow
chars, path, n = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
window = MainWindow(autosave_dir=Path(tempfile.mkdtemp(prefix="bench-edit-autosave-")))
window.resize(1400, 900)
window.show()
window.state.replace_report(big_report(chars, seed=3) if chars else load_report(path))
page = window.show_page("三")
model = page.model
app.processEvents()
wall, cpu = [], []
for i in range(n):
    index = model.index_of((i % 20 + 2, i % 6))
    t, c = time.perf_counter(), time.thread_time()
    assert model.setData(index, str(i % 7 + 1))
    QApplication.processEvents()  # totals, the findings panel, the grid's repaint
    wall.append((time.perf_counter() - t) * 1000)
    cpu.append((time.thread_time() - c) * 1000)
window.state.stack.setClean()
print(json.dumps([statistics.median(wall), statistics.median(cpu)]))
"""


def tree_of(rev: str, folder: Path) -> Path:
    data = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def one(tree: Path, chars: int, doc: Path, edits: int) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="bench-edit-config-"))
    done = subprocess.run([sys.executable, "-c", EDITS, str(chars), str(doc), str(edits)], cwd=tree, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr[-2000:]}")
    wall, cpu = json.loads(done.stdout.strip().splitlines()[-1])
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", default="main", help="the commit to compare with (default: main)")
    ap.add_argument("--runs", type=int, default=5, help="processes per side and size (≥ 5)")
    args = ap.parse_args()
    runs = max(5, args.runs)
    folder = Path(tempfile.mkdtemp(prefix="bench-edit-"))
    sys.path.insert(0, str(ROOT / "tests"))
    from thirdparty import Spec, build  # type: ignore[import-not-found]

    doc = build(Spec(numbering="word", title_in_textbox=True,
                     t3={(r, c): str((r * 7 + c) % 13) for r in range(2, 20) for c in range(6)}),
                folder / "third-party.docx")
    other = tree_of(args.against, folder / "other")
    load_before = os.getloadavg()
    sides = {"this tree": ROOT, args.against: other}
    for chars, name in ((0, "one cell edit → totals, checks, repaint"),
                        (200_000, "the same edit, 200,000 characters of narrative")):
        results: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        for _ in range(runs):
            for side, tree in sides.items():
                results[side].append(one(tree, chars, doc, 50))
        for side, got in results.items():
            wall = statistics.median(w for w, _ in got)
            cpu = statistics.median(c for _, c in got)
            print(f"{name} — {side}: {wall:.1f} ms wall, {cpu:.1f} ms CPU (median of {runs} processes × 50 edits)")
    load_after = os.getloadavg()
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f}; {os.cpu_count()} cores; "
          "goal ≤ 8 ms")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
