"""“疑为输入时多打或漏打” only where a slip is likely (rev23 L6): no hint for 1 application last year
and none this year, nor for 结转下年度 falling to 0 (its goal); one hint a table for totals that one
cleared figure empties, not one a total cell."""

from __future__ import annotations

from app.checks import run_all
from app.findings import CROSS_YEAR_CHANGE, Finding
from app.lastyear import LastYear, attach
from app.report import Report
from app.schema import REQUESTS, T3_CARRIED_OUT, T3_COL_NATURAL, T3_DISCLOSED, T3_NEW, CellRef
from tests.test_dismissals import clean_report


def pair(new: int, disclosed: int, carried_out: int) -> Report:
    """Last year's figures as given (this year's all 0)."""
    last = clean_report()
    last.year = 2023
    last.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), new)
    last.set_value(CellRef(REQUESTS, T3_DISCLOSED, T3_COL_NATURAL), disclosed)
    last.set_value(CellRef(REQUESTS, T3_CARRIED_OUT, T3_COL_NATURAL), carried_out)
    last.recompute(REQUESTS)
    now = clean_report()
    attach(now, LastYear.from_report(last))
    return now


def hints(report: Report) -> list[Finding]:
    return [f for f in run_all(report) if f.declared is CROSS_YEAR_CHANGE]


def test_one_application_last_year_none_this_year_is_no_slip() -> None:
    assert hints(pair(1, 1, 0)) == []


def test_carried_out_falling_to_0_is_no_slip() -> None:
    assert hints(pair(0, 0, 5)) == []


def test_totals_a_cleared_figure_empties_are_one_hint() -> None:
    (hint,) = hints(pair(5, 5, 0))
    assert len(hint.location.cells) >= 2 and "变为0" in hint.message and "请核对" in hint.message
    assert all(c.table == REQUESTS for c in hint.location.cells)


def test_a_tenfold_figure_is_still_said_cell_by_cell() -> None:
    now = pair(3, 3, 0)
    now.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), 30)
    now.set_value(CellRef(REQUESTS, T3_DISCLOSED, T3_COL_NATURAL), 30)
    now.recompute(REQUESTS)
    said = [f for f in hints(now) if "10倍" in f.message]
    assert len(said) >= 2 and all(len(f.location.cells) == 1 for f in said)
