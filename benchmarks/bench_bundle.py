"""The frozen Linux program's figures: its size, and its command line against the venv's.

    .venv/bin/python benchmarks/bench_bundle.py [--runs N] [FILE]

Process against process: `build/out/dist/nianbao/nianbao-cli check FILE` and
`.venv/bin/python -m app check FILE` (the same for `dump`), run alternately after one warm-up
of each, medians of wall time and of processor time (user + system of the child). The load is
printed with them: the machine is shared. benchmarks/run.py prints the same rows in its table.
Without a bundle the rows say how to build one.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from common import ROOT, SAMPLE

BUNDLE = ROOT / "build" / "out" / "dist" / "nianbao"
HOW = "no bundle: build/out/dist/nianbao absent (bash build/build.sh)"


def bundle_bytes(folder: Path) -> int:
    """What the folder holds on disk (links count as themselves), as build/bundle_plan.py counts."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir() or p.is_symlink())


def paired_process(a: Sequence[str], b: Sequence[str], runs: int,
                   env: dict[str, str]) -> tuple[float, float, float, float]:
    """Medians (wall ms of a, of b, processor ms of a, of b), run alternately after a warm-up."""
    wall: dict[int, list[float]] = {0: [], 1: []}
    cpu: dict[int, list[float]] = {0: [], 1: []}
    for i in range(runs + 1):
        for side, cmd in enumerate((a, b)):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            done = subprocess.run(list(cmd), cwd=ROOT, env=env, capture_output=True)
            elapsed = (time.perf_counter() - t) * 1000
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')}")
            if i:
                wall[side].append(elapsed)
                cpu[side].append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1000)
    return (statistics.median(wall[0]), statistics.median(wall[1]),
            statistics.median(cpu[0]), statistics.median(cpu[1]))


def rows(doc: Path, runs: int, env: dict[str, str], py: str = sys.executable) -> list[tuple[str, str, str, str, str]]:
    """(figure, ours, anchor, ratio, goal) rows for benchmarks/run.py's table."""
    exe = BUNDLE / "nianbao-cli"
    if not exe.exists():
        return [("frozen one-folder bundle", "—", HOW, "—", "≤ 100 MB"),
                ("frozen `check` vs venv `check` (process)", "—", HOW, "—", "≤ 1.1×")]
    size = bundle_bytes(BUNDLE)
    out = [("frozen one-folder bundle", f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)",
            str(BUNDLE.relative_to(ROOT)), "—", "≤ 100 MB")]
    for command in ("check", "dump"):
        fw, vw, fc, vc = paired_process([str(exe), command, str(doc)], [py, "-m", "app", command, str(doc)], runs, env)
        out.append((f"frozen `{command}` (process)", f"{fw:.0f} ms (cpu {fc:.0f})",
                    f"venv python -m app {command} {vw:.0f} ms (cpu {vc:.0f})",
                    f"{fw / vw:.2f}× (cpu {fc / vc:.2f}×)", "≤ 1.1×" if command == "check" else "—"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("file", nargs="?", type=Path, default=SAMPLE)
    ns = ap.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app"], cwd=ROOT, env=env, check=True)
    before = os.getloadavg()
    table = rows(ns.file, max(5, ns.runs), env)
    after = os.getloadavg()
    print(f"bench_bundle: {ns.file.name}, medians of {max(5, ns.runs)} alternate runs per side; "
          f"load {before[0]:.1f} → {after[0]:.1f}, {os.cpu_count()} cores")
    for r in table:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
