"""`check`'s words on a batch beyond the findings (app/cli.py): ``--json``'s entry of each file
without a finding, and what ``--last`` was and was not compared with."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.batch import Batch

# --json's entries of a file that has no finding to list (rev23b L3): every file of the batch is
# there — read and clean, unreadable, or passed over as no report — in the findings' own shape.
FILE_CLEAN, FILE_UNREADABLE, FILE_PASSED_OVER = "FILE-CLEAN", "FILE-UNREADABLE", "FILE-PASSED-OVER"


def file_entry(path: str, code: str, severity: str, message: str) -> dict[str, object]:
    return {"file": path, "code": code, "severity": severity, "location": "", "message": message}


def given_last(result: Batch, last: Path) -> None:
    """``check --last``: each report compared with it is paired with it (its 已对照上年报告 line,
    the 汇总's column, 对照上年 counted); one of another organ or year (app/batch.last_misfit)
    was not compared, and app/cli says so beside its name."""
    for r in result.checked:
        if r.last_refused is None:
            r.paired_with = str(last)
