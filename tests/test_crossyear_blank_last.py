"""A figure last year's report left blank (“—”, or not read) is unknown, not 0 (rev23 M2): no
CROSS-YEAR-IN-FORCE “按上年现行有效0…应为3” with a fix over this year's true 57, no
CROSS-YEAR-CARRYOVER “上年报告…为0” whose fix blanks this year's 上年结转, no tenfold hint.
A 0 last year is a figure: compared as before."""

from __future__ import annotations

import pytest

from app.checks import run_all
from app.checks.crossyear import suggested_in_force
from app.findings import CROSS_YEAR_CARRYOVER, CROSS_YEAR_CHANGE, CROSS_YEAR_IN_FORCE
from app.lastyear import LastYear, attach, attached
from app.report import Report
from app.schema import (
    PROACTIVE,
    REQUESTS,
    T2_IN_FORCE,
    T2_IN_FORCE_ROWS,
    T2_ISSUED,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
    CellRef,
)
from tests.test_dismissals import clean_report

LABEL = T2_IN_FORCE_ROWS[1]
ROW = T2_ROW[LABEL]


def this_year(last_in_force: int | None, last_carried: int | None) -> Report:
    last = clean_report()
    last.year = 2023
    last.tables[PROACTIVE][(ROW, T2_IN_FORCE)] = last_in_force
    if last_in_force is None:
        last.raw[CellRef(PROACTIVE, ROW, T2_IN_FORCE)] = "—"
    last.tables[REQUESTS][(T3_CARRIED_OUT, T3_COL_NATURAL)] = last_carried  # the total left as the file said it
    now = clean_report()
    now.set_value(CellRef(PROACTIVE, ROW, T2_ISSUED), 3)
    now.set_value(CellRef(PROACTIVE, ROW, T2_IN_FORCE), 57)
    now.set_value(CellRef(REQUESTS, T3_CARRIED_IN, T3_COL_NATURAL), 2)
    now.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), 20)
    now.recompute(REQUESTS)
    attach(now, LastYear.from_report(last, "2023.docx"))
    return now


def codes(report: Report) -> list[str]:
    return [f.code for f in run_all(report) if f.code.startswith("CROSS")]


def test_blank_figures_last_year_are_not_compared() -> None:
    """As the real sample (xiaogang-2021.docx) leaves its 结转下年度 row: blank, total included."""
    now = this_year(None, None)
    last = attached(now)
    assert last is not None
    last.tables[REQUESTS][(T3_CARRIED_OUT, T3_COL_TOTAL)] = None
    attach(now, last)
    assert codes(now) == []
    assert suggested_in_force(now, attached(now), LABEL) is None  # type: ignore[arg-type]


def test_a_total_last_year_gave_is_a_figure_though_a_part_was_blank() -> None:
    now = this_year(54, None)
    last = attached(now)
    assert last is not None and last.value(REQUESTS, (T3_CARRIED_OUT, T3_COL_TOTAL)) == 0
    (carried,) = [f for f in run_all(now) if f.code == CROSS_YEAR_CARRYOVER.code]
    assert carried.location.cells == (CellRef(REQUESTS, T3_CARRIED_IN, T3_COL_TOTAL),)


@pytest.mark.parametrize("last_new", [2, None])
def test_a_tenfold_hint_needs_last_years_figure(last_new: int | None) -> None:
    now = this_year(54, 2)
    last = attached(now)
    assert last is not None
    last.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] = last_new
    attach(now, last)
    assert (CROSS_YEAR_CHANGE.code in codes(now)) is (last_new is not None)


def test_zero_last_year_is_a_figure() -> None:
    now = this_year(0, 0)
    found = [f for f in run_all(now) if f.code.startswith("CROSS")]
    (in_force,) = [f for f in found if f.code == CROSS_YEAR_IN_FORCE.code]
    assert "应为3" in in_force.message and in_force.fix is not None
    assert CROSS_YEAR_CARRYOVER.code in [f.code for f in found]
