"""Instructions per in-process read of a .docx, counted by valgrind's callgrind: the same figure
on a busy machine as on an idle one, where bench_read.py's milliseconds swing ±20%.  Issue 15's
“in-process read of a third-party .docx” (benchmarks/run.py's document): app.reading.load_report
against docx.Document() alone, each run from a clean heap (an untimed gc.collect(), as run.py
runs them).  Only the read is counted (callgrind collects inside one C function the read is
called through); the collections it sets off itself count, as they do in milliseconds.

    .venv/bin/python benchmarks/bench_read_instructions.py [--runs N] [--against REV]

``--against REV`` counts the reader of git revision REV beside today's.  Instructions are not
time — lxml's C code and Python's interpreter do not run as many a nanosecond — so read both
figures.  Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT

# Run inside valgrind: the read is called through functools.reduce, a C function nothing else
# here calls, and callgrind collects only while it runs (--toggle-collect).
CHILD = """
import functools, gc, sys
from pathlib import Path
side, runs, doc = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
if side == "docx":
    import docx
    fn = lambda: docx.Document(str(doc))
else:
    from app.reading import load_report
    fn = lambda: load_report(doc)
fn(); fn()
for _ in range(runs):
    gc.collect()
    functools.reduce(lambda _, f: f(), [fn], None)
"""


def instructions(side: str, root: Path, doc: Path, runs: int, folder: Path) -> float:
    """Millions of instructions per read, callgrind's count over ``runs`` reads."""
    out = folder / f"callgrind.{side}.{root.name}"
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(root))
    done = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
                           f"--callgrind-out-file={out}", sys.executable, "-c", CHILD, side, str(runs), str(doc)],
                          cwd=root, env=env, capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1)) / runs / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--against", metavar="REV", help="also count the reader of git revision REV")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import third_party_docx

    folder = Path(tempfile.mkdtemp(prefix="bench-read-instr-"))
    doc = third_party_docx(folder)
    sides = [("docx.Document()", "docx", ROOT), ("ours", "ours", ROOT)]
    if args.against:
        from bench_start import revision_tree

        sides.append((f"ours at {args.against}", "ours", revision_tree(args.against)))
    counts = {name: instructions(side, root, doc, args.runs, folder) for name, side, root in sides}
    base = counts["docx.Document()"]
    print(f"{doc.name}: millions of instructions per read (callgrind, {args.runs} reads each, PYTHONHASHSEED=0)")
    for name, count in counts.items():
        print(f"  {name:<28} {count:8.2f} M   {count / base:.2f}× docx.Document()")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
