"""Totals and 勾稽 checks (app/report.py, app/checks/)."""

import datetime as dt
from decimal import Decimal

import pytest

from app.checks import run_all
from app.findings import Severity
from app.report import Paragraph, Report
from app.schema import (
    T2_FEES,
    T2_ONLY_COL,
    T3_CARRIED_IN,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_RESEARCH,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_FEE_UNPAID,
    T3_NEW,
    T3_RESULT_TOTAL,
    T3_ROW,
    T4_COL,
    T4_REVIEW_GROUP,
    T4_ROW,
    T4_UPHELD,
    TABLE3,
    CellRef,
)
from tests.helpers import t3, zero_report


def clean_report() -> Report:
    """All zeros, every section written: no finding at all."""
    return zero_report(date=dt.date(2024, 1, 15))


def codes(report: Report) -> list[str]:
    return [f.code for f in run_all(report)]


def test_clean_report_has_no_findings() -> None:
    assert codes(clean_report()) == []


def test_typing_a_part_updates_both_totals() -> None:
    r = clean_report()
    r.set_value(t3(T3_NEW, T3_COL_NATURAL), 5)  # 一、本年新收 · 自然人
    assert r.value(t3(T3_NEW, T3_COL_TOTAL)) == 5
    r.set_value(t3(T3_DISCLOSED, T3_COL_BUSINESS), 3)  # （一）予以公开 · 商业企业
    assert r.value(t3(T3_RESULT_TOTAL, 1)) == 3
    assert r.value(t3(T3_RESULT_TOTAL, T3_COL_TOTAL)) == 3
    assert r.value(t3(T3_DISCLOSED, T3_COL_TOTAL)) == 3


def test_column_balance_message_names_both_sides_and_the_difference() -> None:
    r = clean_report()
    r.set_value(t3(T3_NEW, T3_COL_NATURAL), 5)
    r.set_value(t3(T3_DISCLOSED, T3_COL_NATURAL), 4)
    found = [f for f in run_all(r) if f.code == "T3-COLUMN-BALANCE"]
    messages = [f.message for f in found]
    assert "表三“自然人”列：一+二=5，（七）总计+四=4，相差1" in messages
    assert all(f.severity is Severity.ERROR for f in found)


def test_a_wrong_total_from_a_file_is_kept_and_offered_a_fix() -> None:
    r = clean_report()
    grid = r.tables["三"]
    grid[(T3_NEW, T3_COL_NATURAL)] = 2
    grid[(T3_NEW, T3_COL_TOTAL)] = 3  # as a file might state it
    grid[(T3_DISCLOSED, T3_COL_NATURAL)] = 2
    grid[(T3_RESULT_TOTAL, T3_COL_NATURAL)] = 2
    grid[(T3_DISCLOSED, T3_COL_TOTAL)] = 2
    grid[(T3_RESULT_TOTAL, T3_COL_TOTAL)] = 2
    r.pin_disagreeing_totals()
    assert r.pinned == {t3(T3_NEW, T3_COL_TOTAL)}
    r.set_value(t3(T3_CARRIED_IN, T3_COL_NATURAL), 0)  # an unrelated edit must not silently fix the pinned total
    assert r.value(t3(T3_NEW, T3_COL_TOTAL)) == 3
    (row_total,) = [f for f in run_all(r) if f.code == "T3-ROW-TOTAL"]
    assert "总计=3" in row_total.message and "=2" in row_total.message and "相差1" in row_total.message
    assert row_total.fix is not None
    ((ref, value),) = row_total.fix.edits
    assert (ref, value) == (t3(T3_NEW, T3_COL_TOTAL), 2)
    r.accept_computed(ref)
    assert r.value(ref) == 2
    assert "T3-ROW-TOTAL" not in codes(r)


def test_table4_group_total() -> None:
    r = clean_report()
    grid = r.tables["四"]
    grid[(T4_ROW, T4_COL[T4_REVIEW_GROUP, T4_UPHELD])] = 1  # 复议 结果维持, total left at 0 as a file might
    r.pin_disagreeing_totals()
    found = [f for f in run_all(r) if f.code == "T4-GROUP-TOTAL"]
    assert len(found) == 1
    assert found[0].message.startswith("表四“行政复议”：总计=0")


def test_blank_cells_one_finding_per_table_with_a_fill_fix() -> None:
    r = clean_report()
    r.tables["三"][(T3_ROW["2.其他法律行政法规禁止公开"], T3_COL_RESEARCH)] = None
    r.tables["二"][(T2_FEES, T2_ONLY_COL)] = None
    found = {f.location.section: f for f in run_all(r) if f.code == "BLANK-CELL"}
    assert set(found) == {"二", "三"}
    assert found["三"].location.cells == (t3(T3_ROW["2.其他法律行政法规禁止公开"], T3_COL_RESEARCH),)
    fix = found["二"].fix
    assert fix is not None and fix.edits == ((CellRef("二", T2_FEES, T2_ONLY_COL), Decimal(0)),)


def test_invalid_text_from_a_file_is_reported() -> None:
    r = clean_report()
    r.tables["三"][(T3_NEW, T3_COL_NATURAL)] = None
    r.raw[t3(T3_NEW, T3_COL_NATURAL)] = "abc"
    r.tables["三"][(T3_CARRIED_IN, T3_COL_NATURAL)] = None
    r.raw[t3(T3_CARRIED_IN, T3_COL_NATURAL)] = "—"
    found = {f.location.cells[0]: f for f in run_all(r) if f.code == "VALUE-INVALID"}
    assert found[t3(T3_NEW, T3_COL_NATURAL)].severity is Severity.ERROR and "不是数字" in found[t3(T3_NEW, T3_COL_NATURAL)].message
    assert found[t3(T3_CARRIED_IN, T3_COL_NATURAL)].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("six", "fee_rows", "expected"),
    [
        ("本年度没有收取信息处理费。", 0, False),
        ("本年度无其他需要报告的事项。", 0, True),
        ("本年度无其他需要报告的事项。", 2, True),
    ],
)
def test_fee_not_reported(six: str, fee_rows: int, expected: bool) -> None:
    r = clean_report()
    r.sections["六"] = [Paragraph.plain(six)]
    r.set_value(t3(T3_FEE_UNPAID, T3_COL_NATURAL), fee_rows)
    assert ("FEE-NOT-REPORTED" in codes(r)) is expected


def test_section1_length_and_missing_sections() -> None:
    r = clean_report()
    r.sections["一"] = [Paragraph.plain("字" * 1001)]
    r.sections["五"] = []
    found = codes(r)
    assert "SECTION1-TOO-LONG" in found and "MISSING-SECTION" in found
    r.sections["一"] = [Paragraph.plain("字" * 1000 + "　 \n")]
    assert "SECTION1-TOO-LONG" not in codes(r)


def test_every_total_rule_is_checked() -> None:
    """Break each total in turn: its own rule must fire."""
    for rule in TABLE3.sum_rules:
        r = clean_report()
        r.tables["三"][rule.target] = 9
        r.pin_disagreeing_totals()
        assert rule.code in codes(r), rule


def test_a_pinned_total_that_agrees_again_follows_its_parts() -> None:
    r = clean_report()
    r.tables["三"][(T3_NEW, T3_COL_NATURAL)] = 2
    r.tables["三"][(T3_NEW, T3_COL_TOTAL)] = 3  # wrong, as a file stated it
    r.pin_disagreeing_totals()
    r.set_value(t3(T3_NEW, T3_COL_BUSINESS), 1)  # the parts now add up to the stated 3
    assert t3(T3_NEW, T3_COL_TOTAL) not in r.pinned
    r.set_value(t3(T3_NEW, T3_COL_RESEARCH), 4)
    assert r.value(t3(T3_NEW, T3_COL_TOTAL)) == 7  # follows again


def test_a_total_set_by_hand_is_kept_unless_it_agrees() -> None:
    r = clean_report()
    r.set_value(t3(T3_NEW, T3_COL_NATURAL), 1)
    r.set_value(t3(T3_NEW, T3_COL_TOTAL), 5)
    assert r.value(t3(T3_NEW, T3_COL_TOTAL)) == 5 and t3(T3_NEW, T3_COL_TOTAL) in r.pinned
    r.set_value(t3(T3_NEW, T3_COL_TOTAL), 1)
    assert t3(T3_NEW, T3_COL_TOTAL) not in r.pinned
