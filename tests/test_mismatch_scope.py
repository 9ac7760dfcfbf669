"""A figure the narrative gives for another year or a period (2023年, 上年度, 近三年, 1-11月,
第一季度) is no statement about this year's table: TEXT-TABLE-MISMATCH said 正文说的是10，表三…为12
as an ERROR on true reports comparing with last year (rev23 H2).  The same sentences with this
year's figure wrong are still caught; the date checks read years with the same reader."""

from __future__ import annotations

import pytest

from app.checks import run_all, scope
from app.findings import STALE_YEAR, TEXT_TABLE_MISMATCH
from app.report import Paragraph, Report
from app.schema import REQUESTS, T3_CARRIED_IN, T3_COL_NATURAL, T3_DISCLOSED, T3_NEW, CellRef
from tests.test_dismissals import clean_report


def report(sentence: str) -> Report:
    """2024: 12 new applications, 3 carried in, 15 disclosed."""
    r = clean_report()
    r.set_value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL), 12)
    r.set_value(CellRef(REQUESTS, T3_CARRIED_IN, T3_COL_NATURAL), 3)
    r.set_value(CellRef(REQUESTS, T3_DISCLOSED, T3_COL_NATURAL), 15)
    r.recompute(REQUESTS)
    r.sections["一"] = [Paragraph.plain(sentence)]
    return r


def mismatches(sentence: str) -> list[str]:
    return [f.message for f in run_all(report(sentence)) if f.code == TEXT_TABLE_MISMATCH.code]


TRUE = [
    "2023年收到政府信息公开申请10件，2024年收到12件。",
    "2023年度共收到政府信息公开申请10件。",
    "上年度收到政府信息公开申请8件，本年度收到政府信息公开申请12件。",
    "去年收到政府信息公开申请10件，今年收到政府信息公开申请12件。",
    "近三年共收到政府信息公开申请30件。",
    "与上年相比，本年度收到政府信息公开申请12件，上年为10件。",
    "2021年至2024年累计收到政府信息公开申请40件。",
    "2021—2024年收到政府信息公开申请40件。",
    "本年度收到政府信息公开申请12件，比2023年收到政府信息公开申请10件增加2件。",
    "2024年1-11月收到政府信息公开申请11件，12月收到政府信息公开申请1件。",
    "第一季度收到政府信息公开申请3件。",
    "上半年收到政府信息公开申请5件，下半年收到政府信息公开申请7件。",
    "2023年，本机关共收到政府信息公开申请10件。2024年，本机关共收到政府信息公开申请12件。",
    "二〇二三年收到政府信息公开申请10件。",
    "《条例》修订施行以来，累计收到政府信息公开申请60件。",
    "2019年以来共收到政府信息公开申请60件。",
    "去年同期收到政府信息公开申请9件。",
    "2023年未收到政府信息公开申请，2024年收到12件。",
]


@pytest.mark.parametrize("sentence", TRUE)
def test_a_figure_of_another_year_or_period_is_no_mismatch(sentence: str) -> None:
    assert mismatches(sentence) == []


# This year's figure wrong (13, the table says 12): written for the whole year, still an error.
WRONG = [
    "2023年收到政府信息公开申请10件，2024年收到政府信息公开申请13件。",
    "上年度收到政府信息公开申请8件，本年度收到政府信息公开申请13件。",
    "本年度收到政府信息公开申请13件，比2023年收到政府信息公开申请10件增加3件。",
    "2024年共收到政府信息公开申请13件。",
    "二〇二四年收到政府信息公开申请13件。",
    "2024年，本机关共收到政府信息公开申请13件。",
    "2024年1月1日至12月31日，共收到政府信息公开申请13件。",
    "2024年1-12月收到政府信息公开申请13件。",
    "2024年1月至12月收到政府信息公开申请13件。",
    "截至12月31日共收到政府信息公开申请13件。",
    "2024年以来共收到政府信息公开申请13件。",
    "与上年相比，收到政府信息公开申请13件。",
    "全年共收到政府信息公开申请13件，比上年增加3件。",
    "上一年度结转3件，本年新收政府信息公开申请13件。",
    "根据《2023年政务公开工作要点》，共收到政府信息公开申请13件。",
]


@pytest.mark.parametrize("sentence", WRONG)
def test_this_years_figure_wrong_is_still_said(sentence: str) -> None:
    (message,) = mismatches(sentence)
    assert "13" in message and "12" in message


def test_last_years_carry_over_figure_is_still_read() -> None:
    """上年结转 names the statement's subject, not a year: 5 against the table's 3 is said."""
    (message,) = mismatches("上年结转政府信息公开申请5件。")
    assert "5" in message and "3" in message


def test_a_report_without_a_year_reads_a_written_year_as_its_own() -> None:
    r = report("2024年共收到政府信息公开申请13件。")
    r.year = None
    assert [f for f in run_all(r) if f.code == TEXT_TABLE_MISMATCH.code]


def test_last_years_figures_left_as_this_years_are_still_a_stale_year() -> None:
    """The date checks still say it once: a sentence stating 2023's work in a 2024 report."""
    found = run_all(report("2023年度共收到政府信息公开申请10件。"))
    assert [f.code for f in found if f.code in (STALE_YEAR.code, TEXT_TABLE_MISMATCH.code)] == [STALE_YEAR.code]


@pytest.mark.parametrize(("words", "other"), [
    ("2023年", True), ("2024年", False), ("本年度", False), ("上年度", True), ("上年度结转", False),
    ("近三年", True), ("2024年1-11月", True), ("2024年1月至12月", False), ("第三季度", True),
    ("2023年1月1日至12月31日", True), ("今年以来", False), ("与2023年相比2024年", False),
])
def test_the_scope_reader(words: str, other: bool) -> None:
    text = words + "收到"
    assert scope.other_period(text, len(text), 2024) is other
