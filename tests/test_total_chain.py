"""按明细重算 of one total recomputes the totals above it that were computed from its wrong
figure (Excel's SUM over a 总计 typed over), and leaves a total above that was wrong on its
own as stated, for its own finding (GUI tester s12 #7)."""

from __future__ import annotations

from app.checks import run_all
from app.report import Report
from app.schema import REQUESTS, T3_COL_TOTAL, T3_PARTLY_DISCLOSED, T3_RESULT_TOTAL, CellRef
from tests.test_dismissals import clean_report

ROW_TOTAL = CellRef(REQUESTS, T3_PARTLY_DISCLOSED, T3_COL_TOTAL)
CORNER = CellRef(REQUESTS, T3_RESULT_TOTAL, T3_COL_TOTAL)
TOTAL_CODES = {"T3-RESULT-TOTAL", "T3-ROW-TOTAL"}


def _as_read(row_total: int, corner: int) -> Report:
    """A report as read from a file stating these two totals (one part of the row is 1)."""
    r = clean_report()
    r.set_value(CellRef(REQUESTS, T3_PARTLY_DISCLOSED, 0), 1)
    r.set_value(CellRef(REQUESTS, 0, 0), 1)
    r.tables[REQUESTS][(ROW_TOTAL.row, ROW_TOTAL.col)] = row_total
    r.tables[REQUESTS][(CORNER.row, CORNER.col)] = corner
    r.pin_disagreeing_totals()
    return r


def _fix_of(r: Report, ref: CellRef):  # type: ignore[no-untyped-def]
    (found,) = [f for f in run_all(r) if f.fix is not None and f.location.cells[0] == ref]
    return found.fix


def test_the_fix_sets_the_grand_total_made_from_the_wrong_figure() -> None:
    r = _as_read(3, 3)  # the corner is what SUM made of the typed-over 3
    fix = _fix_of(r, ROW_TOTAL)
    assert dict(fix.edits) == {ROW_TOTAL: 1, CORNER: 1}
    for ref, value in fix.edits:
        r.set_value(ref, value)
    assert not [f for f in run_all(r) if f.code in TOTAL_CODES]
    assert not r.pinned


def test_accepting_the_computed_total_does_the_same() -> None:
    r = _as_read(3, 3)
    r.accept_computed(ROW_TOTAL)
    assert (r.value(ROW_TOTAL), r.value(CORNER)) == (1, 1)
    assert not [f for f in run_all(r) if f.code in TOTAL_CODES]


def test_a_grand_total_wrong_on_its_own_stays_for_its_own_finding() -> None:
    r = _as_read(3, 20)  # 20 agrees with no part of the table: not made from the 3
    fix = _fix_of(r, ROW_TOTAL)
    assert dict(fix.edits) == {ROW_TOTAL: 1}
    r.accept_computed(ROW_TOTAL)
    assert r.value(CORNER) == 20 and CORNER in r.pinned
    assert [f for f in run_all(r) if f.code in TOTAL_CODES and f.location.cells[0] == CORNER]
