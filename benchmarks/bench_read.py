"""In-process read of a .docx (app.reading.load_report) against python-docx's docx.Document()
alone, paired: the two run alternately after a warm-up, each from a clean heap (see paired),
medians of wall and CPU time, the load printed with them (the machine is shared).  Issue 15's
row “in-process read of a third-party .docx” (benchmarks/run.py) on its document, and beside it
the published sample and our own writer's output of it.

    .venv/bin/python benchmarks/bench_read.py [--runs N] [--profile]

``--profile`` prints cProfile's top functions of our read of the run.py document instead.
Nothing here is a test: it only prints.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ROOT, SAMPLE


def paired(a: Callable[[], object], b: Callable[[], object], runs: int,
           clean: bool = True) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) medians of ``a`` and of ``b``, run alternately ``runs`` times each after
    one warm-up.  ``clean``: each run starts after an untimed gc.collect(), as benchmarks/run.py
    runs them — python-docx leaves each Document in reference cycles, and freeing one (its
    parsed styles.xml …) would otherwise fall into the next run that sets off a collection,
    ours (which allocates more objects); False shows that figure too."""
    a(), b()
    got: dict[int, tuple[list[float], list[float]]] = {0: ([], []), 1: ([], [])}
    for _ in range(runs):
        for i, fn in enumerate((a, b)):
            if clean:
                gc.collect()
            w, c = time.perf_counter(), time.process_time()
            fn()
            got[i][1].append((time.process_time() - c) * 1000)
            got[i][0].append((time.perf_counter() - w) * 1000)
    return ([statistics.median(got[0][0]), statistics.median(got[0][1])],
            [statistics.median(got[1][0]), statistics.median(got[1][1])])


def documents(folder: Path) -> list[tuple[str, Path]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import third_party_docx

    from app.docx.writer import write_docx
    from app.reading import load_report

    ours = folder / "ours.docx"
    write_docx(load_report(SAMPLE), ours)
    return [("run.py third-party", third_party_docx(folder)), (f"sample {SAMPLE.name}", SAMPLE),
            ("our writer's output of the sample", ours)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    import docx

    from app.reading import load_report

    docs = documents(Path(tempfile.mkdtemp(prefix="bench-read-")))
    if args.profile:
        import cProfile
        import pstats

        doc = docs[0][1]
        load_report(doc)
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(20):
            load_report(doc)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; {args.runs} paired runs, medians")
    for clean in (True, False):
        print("each run from a clean heap (as run.py)" if clean else
              "without the collection between runs (the anchor's garbage freed in whichever run collects)")
        for name, path in docs:
            ours, base = paired(lambda p=path: load_report(p), lambda p=path: docx.Document(str(p)), args.runs, clean)
            print(f"  {name:<36} ours {ours[0]:6.2f} ms (cpu {ours[1]:6.2f})  docx.Document() {base[0]:6.2f} ms "
                  f"(cpu {base[1]:6.2f})  ratio {ours[0] / base[0]:.2f}× (cpu {ours[1] / base[1]:.2f}×)")
    print(f"load after:  {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
