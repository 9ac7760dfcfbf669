"""从上年报告新建 moves on the report's 统计期限 only (rev23 M4): the real sample's 二 opens with
“2021年1月1日---2021年12月31日，…主动公开政府信息共计3500条” — last year's figures; moved on, the
copy claimed them for 2022 and the one sure catch (STALE-YEAR, an error) became a warning."""

from __future__ import annotations

import sys

import pytest

from app.checks import run_all
from app.findings import STALE_YEAR
from app.nextyear import next_year
from app.reading import load_report
from app.report import Paragraph
from app.schema import PREAMBLE, PROACTIVE
from app.values import PERIOD
from tests.conftest import SAMPLE
from tests.hostile import ends_in_child
from tests.test_dismissals import clean_report


def periods(text: str) -> list[str]:
    return [m.group() for m in PERIOD.finditer(text)]


def test_the_samples_period_moves_on_its_figures_sentence_does_not() -> None:
    last = load_report(SAMPLE)
    assert last.year == 2021
    new = next_year(last)
    preamble = " ".join(p.text for p in new.sections[PREAMBLE])
    assert periods(preamble) and all("2022" in p or "2021" not in p for p in periods(preamble))
    first = new.sections[PROACTIVE][0].text
    assert first == last.sections[PROACTIVE][0].text and "2021年1月1日" in first and "3500" in first
    stale = [f for f in run_all(new) if f.declared is STALE_YEAR and f.location.section == PROACTIVE]
    assert stale and stale[0].severity.name == "ERROR"


def test_a_period_sentence_saying_what_it_is_moves_on_anywhere() -> None:
    last = clean_report()
    last.year = 2023
    last.sections["一"] = [Paragraph.plain("本年度统计时限为2023年1月1日至2023年12月31日。"),
                          Paragraph.plain("2023年1月1日至2023年12月31日，共主动公开政府信息120条。")]
    new = next_year(last)
    assert [p.text for p in new.sections["一"]] == [
        "本年度统计时限为2024年1月1日至2024年12月31日。", "2023年1月1日至2023年12月31日，共主动公开政府信息120条。"]


def test_the_rollover_does_not_hint_its_own_boilerplate() -> None:
    """rev23 L8: 前言's 编制说明 and the 统计期限 sentence the rollover moved on itself are the same
    every year by nature: not tinted “与上年报告相同”; the sections written anew still are."""
    from app.findings import SAME_SENTENCE

    new = next_year(load_report(SAMPLE))
    hints = [f for f in run_all(new) if f.declared is SAME_SENTENCE]
    assert not [f for f in hints if f.location.section == PREAMBLE]
    assert not [f for f in hints if PERIOD.search(f.message)]
    assert [f for f in hints if f.location.section != PREAMBLE]


@pytest.mark.skipif(sys.platform == "win32", reason="forks")
def test_a_paragraph_of_many_period_sentences_moves_on_at_once() -> None:
    """Each period's sentence was found by scanning the paragraph from its start (as the checks'
    clauses were before ddb2ca7): one paragraph of 30,000 period sentences took minutes of 从上年
    报告新建 (4,000: 3.5 s).  Run in a child held to 20 processor seconds: a hang ends it."""
    last = clean_report()
    last.year = 2023
    last.sections["一"] = [Paragraph.plain("本年度统计期限为2023年1月1日至12月31日，共收到申请12件。" * 30_000)]
    ends_in_child(lambda: next_year(last).sections["一"][0].text.count("2024年1月1日") == 30_000)


@pytest.mark.skipif(sys.platform == "win32", reason="forks")
def test_a_paragraph_of_periods_with_no_break_between_moves_on_at_once() -> None:
    """Each period still searched forward to its sentence's end (95ce7e3 found the start once):
    with no 。 between them, the rest of the paragraph each time — 8,000 periods, 5 s; 30,000,
    over a minute.  Run in a child held to 20 processor seconds: a hang ends it."""
    last = clean_report()
    last.year = 2023
    last.sections["一"] = [Paragraph.plain("统计期限为2023年1月1日至2023年12月31日" * 30_000)]
    ends_in_child(lambda: next_year(last).sections["一"][0].text.count("2024年1月1日至2024年12月31日") == 30_000)
