"""批量检查's activation after a whole run (app/batch_recheck.recheck with the folders searched
again) on a tree of ``--reports`` reports, before and after the folders' listings were kept
(app/batch_collect.Listings):

    .venv/bin/python benchmarks/bench_batch_activation.py [--runs N] [--reports N] [--per-folder N]

The tree: ``--reports`` files named like reports, ``--per-folder`` a folder, each folder with a
subfolder of attachments, all last changed an hour ago; a row for each report with its stamp
(nothing changed: nothing is read again, only looked at).  Alternately, in one process:
"before", a fresh Listings each activation — every folder listed and every file's real path
resolved, what each activation did — and "after", the Listings the run left (one stat a
folder).  Medians over runs; also the folders listed each time.  Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from common import ROOT  # noqa: F401  # the project on the import path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--reports", type=int, default=500)
    parser.add_argument("--per-folder", type=int, default=10)
    args = parser.parse_args()

    from app import batch
    from app.batch_collect import Listings, collect
    from app.batch_recheck import recheck

    with tempfile.TemporaryDirectory(prefix="bench-activation-") as tmp:
        root = Path(tmp) / "收到的年报"
        paths = []
        for i in range(args.reports):
            folder = root / f"第{i // args.per_folder:03d}乡镇"
            (folder / "附件").mkdir(parents=True, exist_ok=True)
            path = folder / f"某县第{i}局2023年报.docx"
            path.write_bytes(b"PK\x03\x04 not read: its stamp is unchanged")
            paths.append(path)
        old = time.time() - 3600
        for folder, _dirs, _files in os.walk(root):
            os.utime(folder, (old, old))
        rows = [batch.FileResult(str(p), organ=f"某县第{i}局", year=2023, stamp=batch.file_stamp(str(p)))
                for i, p in enumerate(paths)]
        kept = Listings()
        collect([root], listings=kept)  # the run's search
        times: dict[str, list[float]] = {"before (fresh listings)": [], "after (kept listings)": []}
        listed: dict[str, int] = {}
        for _ in range(args.runs):
            for name, listings in (("before (fresh listings)", None), ("after (kept listings)", kept)):
                used = listings or Listings()
                start, t = used.listed, time.perf_counter()
                done = recheck(rows, lambda _r: None, lambda: False, folders=[root], listings=used)
                times[name].append((time.perf_counter() - t) * 1000)
                listed[name] = used.listed - start
                assert done.message() is None, done.message()
        folders = sum(1 for _ in os.walk(root))
        print(f"{args.reports} reports in {folders} folders, nothing changed; medians of {args.runs} runs:")
        for name, ms in times.items():
            print(f"  {name}: {statistics.median(ms):.1f} ms an activation, {listed[name]} folders listed")


if __name__ == "__main__":
    main()
