"""A dismissed finding stays dismissed exactly as long as what it was computed from is unchanged:
not only the cells it points at but the other cells and last year's figures it read
(CROSS-YEAR-IN-FORCE, CROSS-YEAR-CARRYOVER, CROSS-YEAR-CHANGE, OTHER-HANDLING-HIGH).  Version 3
fingerprints held the pointed cell only: 本年制发 3→300 kept “应为13” dismissed while it said 应为310."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import dismissals
from app.checks import run_all
from app.docx.writer import write_docx
from app.findings import (
    CROSS_YEAR_CARRYOVER,
    CROSS_YEAR_CHANGE,
    CROSS_YEAR_IN_FORCE,
    DUP_PHRASE,
    OTHER_HANDLING_HIGH,
    Finding,
)
from app.lastyear import attach, attached
from app.nextyear import next_year
from app.reading import load_report
from app.report import Report
from app.schema import (
    PROACTIVE,
    REQUESTS,
    T2_IN_FORCE,
    T2_IN_FORCE_ROWS,
    T2_ISSUED,
    T2_REPEALED,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_NATURAL,
    T3_NEW,
    T3_OTHER_ROWS,
    T3_RESULT_ROWS,
    CellRef,
)
from tests.test_dismissals import clean_report, dismiss

DATA = Path(__file__).parent / "data"
ROW = T2_ROW[T2_IN_FORCE_ROWS[0]]
ISSUED, REPEALED, IN_FORCE = (CellRef(PROACTIVE, ROW, c) for c in (T2_ISSUED, T2_REPEALED, T2_IN_FORCE))
CARRIED_IN = CellRef(REQUESTS, T3_CARRIED_IN, T3_COL_NATURAL)


def this_year() -> Report:
    """2024 from a 2023 report (现行有效 10, 结转下年度 5): 制发 3, 现行有效 12 (13 expected),
    上年结转 4 (5 expected)."""
    last = clean_report()
    last.year = 2023
    last.set_value(CellRef(PROACTIVE, ROW, T2_IN_FORCE), 10)
    last.set_value(CellRef(REQUESTS, T3_CARRIED_OUT, T3_COL_NATURAL), 5)
    last.recompute(REQUESTS)
    now = next_year(last)
    base = clean_report()
    now.sections = base.sections
    for key, grid in base.tables.items():
        for pos, v in grid.items():
            if now.tables[key].get(pos) is None:
                now.tables[key][pos] = v
    now.set_value(ISSUED, 3)
    now.set_value(IN_FORCE, 12)
    now.set_value(CARRIED_IN, 4)
    for key in now.tables:
        now.recompute(key)
    return now


def the(report: Report, code: str, cell: CellRef) -> Finding:
    (f,) = [f for f in run_all(report) if f.code == code and cell in f.location.cells]
    return f


def is_dismissed(report: Report, code: str, cell: CellRef) -> bool:
    active, dismissed = dismissals.split(report, run_all(report))
    assert any(f.code == code and cell in f.location.cells for f in active + [f for f, _ in dismissed])
    return any(f.code == code and cell in f.location.cells for f, _ in dismissed)


def set_last(report: Report, table: str, pos: tuple[int, int], value: int) -> None:
    """Another last-year report attached: one of its figures differs."""
    last = attached(report)
    assert last is not None
    last.tables[table][pos] = value
    attach(report, last)


def test_in_force_comes_back_when_a_figure_it_is_computed_from_changes() -> None:
    for change in ("issued", "repealed", "last", "unrelated"):
        r = this_year()
        dismiss(r, the(r, CROSS_YEAR_IN_FORCE.code, IN_FORCE), "清理废止1件")
        assert is_dismissed(r, CROSS_YEAR_IN_FORCE.code, IN_FORCE)
        if change == "issued":
            r.set_value(ISSUED, 300)  # 应为310 now
        elif change == "repealed":
            r.set_value(REPEALED, 2)  # 应为11, and 12 is now one more than it
        elif change == "last":
            set_last(r, PROACTIVE, (ROW, T2_IN_FORCE), 20)
        else:
            r.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), 0)
            r.sections["五"][0].runs[0].text += "又一句。"
        assert is_dismissed(r, CROSS_YEAR_IN_FORCE.code, IN_FORCE) == (change == "unrelated"), change


def test_carryover_comes_back_when_last_years_figure_changes() -> None:
    r = this_year()
    dismiss(r, the(r, CROSS_YEAR_CARRYOVER.code, CARRIED_IN), "上年报告有误")
    r.set_value(ISSUED, 4)  # unrelated to it
    r.set_value(IN_FORCE, 14)
    assert is_dismissed(r, CROSS_YEAR_CARRYOVER.code, CARRIED_IN)
    set_last(r, REQUESTS, (T3_CARRIED_OUT, T3_COL_NATURAL), 400)
    assert not is_dismissed(r, CROSS_YEAR_CARRYOVER.code, CARRIED_IN)
    set_last(r, REQUESTS, (T3_CARRIED_OUT, T3_COL_NATURAL), 5)  # what was dismissed again
    assert is_dismissed(r, CROSS_YEAR_CARRYOVER.code, CARRIED_IN)


def test_a_tenfold_change_comes_back_when_last_years_figure_changes() -> None:
    r = this_year()
    cell = CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL)
    set_last(r, REQUESTS, (T3_NEW, T3_COL_NATURAL), 3)
    r.set_value(cell, 40)
    dismiss(r, the(r, CROSS_YEAR_CHANGE.code, cell), "确有其事")
    assert is_dismissed(r, CROSS_YEAR_CHANGE.code, cell)
    set_last(r, REQUESTS, (T3_NEW, T3_COL_NATURAL), 2)  # now twenty times
    assert not is_dismissed(r, CROSS_YEAR_CHANGE.code, cell)


def test_other_handling_comes_back_when_the_total_it_divides_by_changes() -> None:
    r = clean_report()
    other, first = CellRef(REQUESTS, T3_OTHER_ROWS[0], T3_COL_NATURAL), CellRef(REQUESTS, T3_RESULT_ROWS[0], T3_COL_NATURAL)
    r.set_value(other, 40)
    r.set_value(first, 60)
    r.recompute(REQUESTS)
    (f,) = [f for f in run_all(r) if f.code == OTHER_HANDLING_HIGH.code]
    dismiss(r, f, "多为重复申请")
    cell = f.location.cells[0]
    assert is_dismissed(r, OTHER_HANDLING_HIGH.code, cell)
    r.set_value(first, 0)  # 40 of 40 now: the same rows, another share
    r.recompute(REQUESTS)
    assert not is_dismissed(r, OTHER_HANDLING_HIGH.code, cell)


# -- a file saved by the previous version (v3 fingerprints) ---------------------------------------

V3_FILE = DATA / "dismissed-v3-2024.docx"  # this_year() with 现行有效, 上年结转 and the stutter dismissed, by 9f6711a


@pytest.fixture
def v3() -> Report:
    return load_report(V3_FILE)


def test_the_old_files_records_are_v3() -> None:
    records = load_report(V3_FILE).extras[dismissals.KEY]
    assert len(records) == 3 and all(r["fingerprint"].startswith("v3-") for r in records)


def test_a_v3_file_keeps_its_dismissals_and_they_are_rewritten(v3: Report, tmp_path: Path) -> None:
    _, dismissed = dismissals.split(v3, run_all(v3))
    assert sorted((f.code, d.reason) for f, d in dismissed) == sorted(
        [(CROSS_YEAR_IN_FORCE.code, "清理废止1件"), (CROSS_YEAR_CARRYOVER.code, "上年报告有误"), (DUP_PHRASE.code, "引用原文")])
    assert all(r["fingerprint"].startswith(dismissals.VERSION) for r in v3.extras[dismissals.KEY])
    write_docx(v3, tmp_path / "again.docx")
    back = load_report(tmp_path / "again.docx")
    assert len(dismissals.split(back, run_all(back))[1]) == 3
    back.set_value(ISSUED, 300)  # now in the current form, it follows its figures
    assert not is_dismissed(back, CROSS_YEAR_IN_FORCE.code, IN_FORCE)
    assert is_dismissed(back, CROSS_YEAR_CARRYOVER.code, CARRIED_IN)


def test_a_v3_record_is_not_honoured_once_its_figures_moved(v3: Report) -> None:
    """Before the record is rewritten: it named no figures, but its message quotes them all."""
    v3.set_value(ISSUED, 300)
    set_last(v3, REQUESTS, (T3_CARRIED_OUT, T3_COL_NATURAL), 400)
    assert not is_dismissed(v3, CROSS_YEAR_IN_FORCE.code, IN_FORCE)
    assert not is_dismissed(v3, CROSS_YEAR_CARRYOVER.code, CARRIED_IN)
    _, dismissed = dismissals.split(v3, run_all(v3))
    assert [(f.code, d.reason) for f, d in dismissed] == [(DUP_PHRASE.code, "引用原文")]
