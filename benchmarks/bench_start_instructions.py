"""Instructions of the editor's start, counted by valgrind's callgrind: run.py's start (its
EDITOR_WINDOW to the window shown with the report loaded and checked, then its exit) and the bare
window's, each process apart (the window's and the file's reading child's); the window's to the
moment it is shown (callgrind dumps when the script calls os.getppid there, the marker) and to its
exit.  The same
figure on a busy machine as on an idle one, where bench_start.py's milliseconds move more than
a change does: how to tell a few million instructions' gain from noise while other work runs.

    .venv/bin/python benchmarks/bench_start_instructions.py [--against REV]

Instructions are not time (page faults and the kernel are not in them; a Qt paint and an
unpickle are not as fast per instruction): read bench_start.py for the figure itself.  Under valgrind
the program runs some fifty times slower, so a timer the window arms for after it is shown (the
log file's opening at 300 ms, the checks' warm-up) fires before: a change that moves work into or
out of such a timer moves it across the marker here, not in a real start.  Nothing
here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from bench_start import revision_tree
from common import ROOT
from run import BARE_WINDOW, EDITOR_WINDOW, prepare, start_once

MARKER = "__import__('os').getppid()  # callgrind's dump: shown\n"


def marked(script: str) -> str:
    """``script`` calling the marker as its window is shown (before it prints the moment)."""
    shown = "print(time.monotonic(), flush=True)"
    assert script.count(shown) == 1, "run.py's scripts print the moment shown once"
    return script.replace(shown, MARKER + shown)


def counts(cmd: list[str], env: dict[str, str], folder: Path, tag: str) -> tuple[int, list[int]]:
    """Instructions of the command's own process to the moment shown, and of each process it
    ran to its end (the first: the command's own; then the children, in the order of their pids)."""
    out = folder / f"cg-{tag}"
    out.mkdir()
    start_once(cmd, env)  # caches as a second start has them
    subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=no", "--separate-threads=no",
                    "--dump-before=os_getppid*", f"--callgrind-out-file={out}/callgrind.%p", *cmd],
                   cwd=ROOT, env=dict(env, PYTHONHASHSEED="0", QT_HASH_SEED="0"), capture_output=True, text=True, check=True)
    parts: dict[int, list[int]] = {}
    for f in out.iterdir():
        m = re.search(rb"^summary: (\d+)", f.read_bytes(), re.M) or re.search(rb"^totals: (\d+)", f.read_bytes(), re.M)
        pid, _, part = f.name.removeprefix("callgrind.").partition(".")
        if m:
            parts.setdefault(int(pid), []).append(int(m.group(1)))
            if part == "1":
                shown = int(m.group(1))
    pids = sorted(parts)
    return shown, [sum(parts[p]) for p in pids]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", metavar="REV", help="also count the editor of git revision REV")
    args = ap.parse_args()
    folder, env, doc = prepare("bench-start-instr-")
    py = sys.executable
    sides = {"editor": [py, "-c", marked(EDITOR_WINDOW), str(doc)], "bare": [py, "-c", marked(BARE_WINDOW)]}
    if args.against:
        tree = revision_tree(args.against)
        first = (f"import os, sys; sys.path.insert(0, {str(tree)!r}); "
                 f"os.environ['NIANBAO_CACHE_DIR'] = {str(folder / 'rev-cache')!r}\n")
        sides[args.against] = [py, "-c", first + marked(EDITOR_WINDOW), str(doc)]
    print(f"instructions of a start (callgrind, millions: the window's process to shown; each process to its "
          f"end, the window's, then the reading child's); load {os.getloadavg()[0]:.2f}")
    for name, cmd in sides.items():
        shown, ended = counts(cmd, env, folder, re.sub(r"\W", "_", name))
        parts = ", ".join(f"{n / 1e6:.1f} M" for n in ended)
        print(f"  {name:>10}: to shown {shown / 1e6:.1f} M; to the end {parts}")


if __name__ == "__main__":
    main()
