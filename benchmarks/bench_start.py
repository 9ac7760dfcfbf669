"""Row 1 of benchmarks/run.py alone: process start → window shown with a report loaded and
checked, against a bare QMainWindow + QTableView process shown; interleaved runs, medians; wall
time to the window shown (the figure), to the process's exit, and CPU time.

    .venv/bin/python benchmarks/bench_start.py [--runs N]

Quicker than the whole table while working on start-up; the programs measured are run.py's own
(EDITOR_WINDOW, BARE_WINDOW) and so is the timing (run.starts), so the figure is the same one.
Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import sys

from run import BARE_WINDOW, EDITOR_WINDOW, SKELETON_WINDOW, prepare, starts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = max(5, ap.parse_args().runs)
    _folder, env, doc = prepare("bench-start-")
    py = sys.executable
    load_before = os.getloadavg()
    st = starts({"editor": [py, "-c", EDITOR_WINDOW, str(doc)], "bare": [py, "-c", BARE_WINDOW],
                 "skeleton": [py, "-c", SKELETON_WINDOW]}, env, runs)
    load_after = os.getloadavg()
    e, b = st["editor"], st["bare"]
    print(f"start → window with a report loaded and checked, medians of {runs} interleaved runs; "
          f"{os.cpu_count()} cores; load {load_before[0]:.2f} → {load_after[0]:.2f}")
    print(f"  to shown: editor {e.shown:.0f} ms, bare {b.shown:.0f} ms, {e.shown / b.shown:.2f}× (goal ≤ 1.5×)")
    print(f"  to exit:  editor {e.exited:.0f} ms, bare {b.exited:.0f} ms, {e.exited / b.exited:.2f}×")
    print(f"  CPU:      editor {e.cpu:.0f} ms, bare {b.cpu:.0f} ms, {e.cpu / b.cpu:.2f}×")
    k = st["skeleton"]
    print(f"  reference: an empty PySide window of the editor's kinds (menus, tool bar, list, pages, "
          f"table, dock, status bar) shown at {k.shown:.0f} ms, {k.shown / b.shown:.2f}× the bare one")


if __name__ == "__main__":
    main()
