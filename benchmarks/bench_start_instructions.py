"""Instructions of the editor's start, counted by valgrind's callgrind: run.py's start (its
EDITOR_WINDOW to the window shown with the report loaded and checked, then its exit) and the bare
window's, each process whole — the window's and the file's reading child's apart.  The same
figure on a busy machine as on an idle one, where bench_start.py's milliseconds move more than
a change does: how to tell a few million instructions' gain from noise while other work runs.

    .venv/bin/python benchmarks/bench_start_instructions.py [--against REV]

Instructions are not time (page faults and the kernel are not in them; a Qt paint and an
unpickle are not as fast per instruction): read bench_start.py for the figure itself.  Nothing
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


def counts(cmd: list[str], env: dict[str, str], folder: Path, tag: str) -> list[int]:
    """Millions of instructions of each process the command ran (the first: the command's own)."""
    out = folder / f"cg-{tag}"
    out.mkdir()
    start_once(cmd, env)  # caches as a second start has them
    subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=no", "--separate-threads=no",
                    f"--callgrind-out-file={out}/callgrind.%p", *cmd],
                   cwd=ROOT, env=dict(env, PYTHONHASHSEED="0"), capture_output=True, text=True, check=True)
    found = []
    for f in sorted(out.iterdir(), key=lambda p: int(p.name.rsplit(".", 1)[1])):
        m = re.search(rb"^summary: (\d+)", f.read_bytes(), re.M) or re.search(rb"^totals: (\d+)", f.read_bytes(), re.M)
        if m:
            found.append(int(m.group(1)))
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--against", metavar="REV", help="also count the editor of git revision REV")
    args = ap.parse_args()
    folder, env, doc = prepare("bench-start-instr-")
    py = sys.executable
    sides = {"editor": [py, "-c", EDITOR_WINDOW, str(doc)], "bare": [py, "-c", BARE_WINDOW]}
    if args.against:
        tree = revision_tree(args.against)
        first = (f"import os, sys; sys.path.insert(0, {str(tree)!r}); "
                 f"os.environ['NIANBAO_CACHE_DIR'] = {str(folder / 'rev-cache')!r}\n")
        sides[args.against] = [py, "-c", first + EDITOR_WINDOW, str(doc)]
    print(f"instructions of a start (callgrind, millions; the window's process, then the reading child's); "
          f"load {os.getloadavg()[0]:.2f}")
    for name, cmd in sides.items():
        got = counts(cmd, env, folder, re.sub(r"\W", "_", name))
        parts = ", ".join(f"{n / 1e6:.1f} M" for n in got)
        print(f"  {name:>10}: {sum(got) / 1e6:.1f} M in all ({parts})")


if __name__ == "__main__":
    main()
