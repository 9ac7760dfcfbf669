"""Table snapshots: an edit undone exactly, and what it changed named cell by cell."""

from __future__ import annotations

from decimal import Decimal

from app.report import Report
from app.schema import (
    T3_CARRIED_IN,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
    TABLE2,
    TABLE3,
    CellRef,
)
from app.tablestate import capture, changed_cells, restore


def _ref3(row: int, col: int) -> CellRef:
    return CellRef("三", row, col)


def test_an_edit_changes_its_cell_and_the_totals_that_follow() -> None:
    report = Report()
    before = capture(report, {"三"})
    report.set_value(_ref3(T3_NEW, T3_COL_NATURAL), 7)
    after = capture(report, {"三"})
    changed = changed_cells(before, after)
    assert _ref3(T3_NEW, T3_COL_NATURAL) in changed and _ref3(T3_NEW, T3_COL_TOTAL) in changed
    followed = {CellRef("三", *r.target) for r in TABLE3.sum_rules if (T3_NEW, T3_COL_NATURAL) in r.parts}
    assert followed <= changed
    # Nothing else: every other cell holds what it held.
    assert all(report.value(r) == before[0].values[(r.row, r.col)] for r in
               (CellRef("三", c.row, c.col) for c in TABLE3.cells) if r not in changed)
    restore(report, before)
    assert changed_cells(after, capture(report, {"三"})) == changed, "undo changes the same cells back"


def test_file_text_pins_and_kinds_count_as_changes() -> None:
    report = Report()
    amount = next(CellRef("二", c.row, c.col) for c in TABLE2.cells if c.kind.name == "AMOUNT")
    report.raw[_ref3(T3_CARRIED_IN, T3_COL_BUSINESS)] = "十二"
    before = capture(report, {"三", "二"})
    report.set_value(_ref3(T3_CARRIED_IN, T3_COL_BUSINESS), None)  # the same blank value, the file's text gone
    report.pinned.add(_ref3(T3_NEW, T3_COL_TOTAL))
    report.tables["二"][(amount.row, amount.col)] = Decimal("0.0")
    after = capture(report, {"三", "二"})
    report.tables["二"][(amount.row, amount.col)] = 0
    kind_only = capture(report, {"三", "二"})
    assert {_ref3(T3_CARRIED_IN, T3_COL_BUSINESS), _ref3(T3_NEW, T3_COL_TOTAL), amount} <= changed_cells(before, after)
    assert changed_cells(after, kind_only) == {amount}, "0 and 0.0 are equal but shown differently"
    assert changed_cells(after, after) == frozenset()
