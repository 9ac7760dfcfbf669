"""Row 1 of benchmarks/run.py alone: process start → window shown with a report loaded and
checked, against a bare QMainWindow + QTableView process shown; interleaved runs, medians; wall
time to the window shown (the figure), to the process's exit, and CPU time.

    .venv/bin/python benchmarks/bench_start.py [--runs N] [--against REV]

``--against REV``: the editor of git revision REV started too (its tree extracted into a scratch
folder, its own caches), in the same interleaved runs: before and after a change in one table.

Quicker than the whole table while working on start-up; the programs measured are run.py's own
(EDITOR_WINDOW, BARE_WINDOW) and so is the timing (run.starts), so the figure is the same one.
Nothing here is a test.
"""

from __future__ import annotations

import argparse
import ast
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT
from run import BARE_WINDOW, EDITOR_WINDOW, SKELETON_WINDOW, prepare, starts


def revision_tree(rev: str) -> Path:
    """The tree at ``rev`` in a scratch folder, its modules compiled as the current tree's are."""
    folder = Path(tempfile.mkdtemp(prefix="bench-rev-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # a copy of the whole tree each run
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "ui"], cwd=folder, check=True)
    return folder


def editor_window_of(tree: Path) -> str:
    """The revision's own EDITOR_WINDOW (its benchmarks/run.py); this tree's when it has none."""
    try:
        module = ast.parse((tree / "benchmarks" / "run.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return EDITOR_WINDOW
    for node in module.body:
        if (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "EDITOR_WINDOW" for t in node.targets)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            return node.value.value
    return EDITOR_WINDOW


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also start the editor of git revision REV")
    args = ap.parse_args()
    runs = max(5, args.runs)
    folder, env, doc = prepare("bench-start-")
    py = sys.executable
    sides = {"editor": [py, "-c", EDITOR_WINDOW, str(doc)], "bare": [py, "-c", BARE_WINDOW],
             "skeleton": [py, "-c", SKELETON_WINDOW]}
    if args.against:
        tree = revision_tree(args.against)
        # Its modules first on the path (before the working directory's), its caches its own,
        # and its own start script: the order of a start's steps is part of what a revision is.
        first = (f"import os, sys; sys.path.insert(0, {str(tree)!r}); "
                 f"os.environ['NIANBAO_CACHE_DIR'] = {str(folder / 'rev-cache')!r}\n")
        sides["editor@rev"] = [py, "-c", first + editor_window_of(tree), str(doc)]
    load_before = os.getloadavg()
    st = starts(sides, env, runs)
    load_after = os.getloadavg()
    e, b = st["editor"], st["bare"]
    print(f"start → window with a report loaded and checked, medians of {runs} interleaved runs; "
          f"{os.cpu_count()} cores; load {load_before[0]:.2f} → {load_after[0]:.2f}")
    print(f"  to shown: editor {e.shown:.0f} ms, bare {b.shown:.0f} ms, {e.shown / b.shown:.2f}× (goal ≤ 1.5×)")
    print(f"  to exit:  editor {e.exited:.0f} ms, bare {b.exited:.0f} ms, {e.exited / b.exited:.2f}×")
    print(f"  CPU:      editor {e.cpu:.0f} ms, bare {b.cpu:.0f} ms, {e.cpu / b.cpu:.2f}×; "
          f"of it the kernel's: editor {e.system:.0f} ms, bare {b.system:.0f} ms")
    print(f"  page faults (to the exit, children's with it): editor {e.faults:.0f}, bare {b.faults:.0f}, "
          f"skeleton {st['skeleton'].faults:.0f}")
    if args.against:
        r = st["editor@rev"]
        print(f"  {args.against}: editor shown at {r.shown:.0f} ms, {r.shown / b.shown:.2f}× the bare one; "
              f"CPU {r.cpu:.0f} ms (this tree {e.cpu:.0f} ms), page faults {r.faults:.0f} (this tree {e.faults:.0f})")
    k = st["skeleton"]
    print(f"  reference: an empty PySide window of the editor's kinds (menus, tool bar, list, pages, "
          f"table, dock, status bar) shown at {k.shown:.0f} ms, {k.shown / b.shown:.2f}× the bare one")


if __name__ == "__main__":
    main()
