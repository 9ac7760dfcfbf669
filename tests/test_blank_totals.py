"""A total over parts that are all blank is blank, however they became blank (typing and
deleting, a paste, 按明细重算): no 0 is left behind to count as a figure (NO-FIGURES).  A
total the file states over blank parts stays as the file has it until one of its parts is edited."""

from __future__ import annotations

from app.report import Report
from app.schema import (
    T3_CARRIED_IN,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
    T3_RESULT_TOTAL,
    T4_GROUP_TOTALS,
    TABLE3,
    TABLE4,
    CellRef,
)


def _ref3(row: int, col: int) -> CellRef:
    return CellRef("三", row, col)


def _corner() -> CellRef:
    """表三's 总计 column of its last total row: a total over totals."""
    return _ref3(T3_RESULT_TOTAL, T3_COL_TOTAL)


def test_typing_a_figure_and_deleting_it_leaves_every_total_over_it_blank() -> None:
    r = Report()
    part = _ref3(T3_NEW, T3_COL_NATURAL)
    r.set_value(part, 5)
    assert r.value(_ref3(T3_NEW, T3_COL_TOTAL)) == 5
    r.set_value(part, None)
    assert r.value(_ref3(T3_NEW, T3_COL_TOTAL)) is None, "the row's 总计 follows its parts to blank"
    assert not r.has_figures(), "no 0 left behind: the report still has no figure"
    assert not r.pinned


def test_a_total_over_totals_follows_to_blank_too() -> None:
    """A result row typed and deleted: its row total, the （七）总计 row's cell and the corner."""
    r = Report()
    result_row = next(rule.parts[0][0] for rule in TABLE3.sum_rules if rule.target == (T3_RESULT_TOTAL, T3_COL_NATURAL))
    part = _ref3(result_row, T3_COL_NATURAL)
    r.set_value(part, 7)
    assert r.value(_corner()) == 7
    r.set_value(part, None)
    assert r.value(_corner()) is None and r.value(_ref3(T3_RESULT_TOTAL, T3_COL_NATURAL)) is None
    assert not r.has_figures()


def test_a_paste_then_clearing_it_leaves_table_four_blank() -> None:
    r = Report()
    group = next(rule for rule in TABLE4.sum_rules if rule.target == T4_GROUP_TOTALS[0])
    cells = [CellRef("四", *p) for p in group.parts[:2]]
    for ref, v in zip(cells, (1, 2), strict=True):
        r.set_value(ref, v)
    assert r.value(CellRef("四", *group.target)) == 3
    for ref in cells:
        r.set_value(ref, None)
    assert r.value(CellRef("四", *group.target)) is None
    assert not r.has_figures()


def test_a_zero_the_file_states_over_blank_parts_stays_until_a_part_is_edited() -> None:
    """A file's 0 in a total over blank parts is the file's figure: an edit elsewhere in the
    table does not rewrite it; an edit of one of its parts makes it follow them."""
    r = Report()
    total = _ref3(T3_NEW, T3_COL_TOTAL)
    r.tables["三"][(total.row, total.col)] = 0
    r.pin_disagreeing_totals()
    r.set_value(_ref3(T3_CARRIED_IN, T3_COL_NATURAL), 4)  # another row
    assert r.value(total) == 0
    r.set_value(_ref3(T3_NEW, T3_COL_NATURAL), 2)
    assert r.value(total) == 2
    r.set_value(_ref3(T3_NEW, T3_COL_NATURAL), None)
    assert r.value(total) is None


def test_a_zero_typed_into_a_total_over_blank_parts_is_kept() -> None:
    r = Report()
    total = _ref3(T3_NEW, T3_COL_TOTAL)
    r.set_value(total, 0)
    assert r.value(total) == 0, "what the user typed stays"


def test_recomputing_a_stated_total_over_blank_parts_makes_it_blank() -> None:
    """按明细重算 of a file's 9 over blank parts: the parts' sum is blank, not 0."""
    r = Report()
    total = _ref3(T3_NEW, T3_COL_TOTAL)
    r.tables["三"][(total.row, total.col)] = 9
    r.pin_disagreeing_totals()
    assert total in r.pinned
    r.accept_computed(total)
    assert r.value(total) is None and total not in r.pinned
