"""Helpers shared by the tests: the command line run as a user runs it, a disk filled to a chosen
free space, a report of zeros with every section written, and cells by their schema names."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.report import Paragraph, Report
from app.schema import (
    OTHER_MATTERS,
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T4_ROW,
    TABLES,
    TEXT_SECTIONS,
    CellRef,
)
from app.values import zero

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"


def build_module(name: str) -> Any:
    """A module of build/ (scripts, not a package): loaded by path, as the spec loads it."""
    import importlib

    if str(BUILD) not in sys.path:
        sys.path.insert(0, str(BUILD))
    return importlib.import_module(name)


def run_app(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``python -m app ARGS`` in the project folder, offscreen, output captured as text."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)


def fill_disk(disk: Path, leave: int) -> None:
    """Fill the (small) disk mounted at ``disk`` until ``leave`` bytes are free."""
    (disk / "fill").unlink(missing_ok=True)
    st = os.statvfs(disk)
    with (disk / "fill").open("wb") as fh:
        fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - leave))


def temporaries(folder: Path) -> list[Path]:
    """The writers' temporary files (``.~…``) left in ``folder``."""
    return [p for p in folder.iterdir() if p.name.startswith(".~")]


def zero_report(organ: str = "某县某局", year: int = 2023, date: dt.date | None = None) -> Report:
    """All zeros (typed, so the totals are set as a user sets them), every text section written
    and the fee stated: no finding at all once it has a date."""
    r = Report(organ=organ, year=year, date=date)
    for key in TEXT_SECTIONS:
        r.sections[key] = [Paragraph.plain("本年度未收取信息处理费。" if key == OTHER_MATTERS else "正文。")]
    for key, spec in TABLES.items():
        for c in spec.cells:
            r.set_value(CellRef(key, c.row, c.col), zero(c.kind))
    return r


def t2(row: int, col: int) -> CellRef:
    """A cell of table 二 (app.schema: T2_RULES…T2_FEES, T2_ISSUED/T2_REPEALED/T2_IN_FORCE, T2_ONLY_COL)."""
    return CellRef(PROACTIVE, row, col)


def t3(row: int, col: int) -> CellRef:
    """A cell of table 三 (app.schema: T3_NEW, T3_ROW[label]…, T3_COL_NATURAL…T3_COL_TOTAL)."""
    return CellRef(REQUESTS, row, col)


def t4(col: int) -> CellRef:
    """A cell of table 四's one row (app.schema: T4_COL[(group, result)])."""
    return CellRef(REVIEWS, T4_ROW, col)


def terminal_signals() -> None:
    """For a child's preexec_fn: Ctrl+C and a closed terminal as a terminal delivers them. A
    suite started in the background (CI, `cmd &`) or under nohup runs with SIGINT/SIGHUP
    ignored, which children inherit, and the editor then rightly keeps ignoring them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def sheet_csv(xlsx: Path, sheet: str, each: Callable[[Any], Any] = lambda v: v) -> str:
    """A sheet of our .xlsx export as a user's 另存为 CSV holds it (CRLF rows): down to the check
    cells under the table (勾稽关系核对…, left off, as a user copying the table would), a formula's
    cell blank (the export holds no computed results: a blank total is read blank), every other
    cell through ``each``."""
    import csv
    import io

    import openpyxl

    ws = openpyxl.load_workbook(xlsx)[sheet]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in ws.iter_rows(values_only=True):
        if row[0] is not None and str(row[0]).startswith("勾稽关系核对"):
            break
        writer.writerow([each("" if v is None or str(v).startswith("=") else v) for v in row])
    return out.getvalue()
