"""成文日期 and stale years (app/checks/dates.py), and moving the period on in `new`."""

from __future__ import annotations

import datetime as dt

import pytest

from app.checks import dates
from app.nextyear import next_year
from app.report import Paragraph, Report


def codes(report: Report) -> list[str]:
    return [f.code for f in dates.check(report)]


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2024, 1, 15), []),
        (dt.date(2024, 1, 31), []),
        (dt.date(2024, 2, 18), ["LATE-PUBLICATION"]),
        (dt.date(2023, 12, 20), ["DATE-INVALID"]),
        (None, ["DATE-MISSING"]),
    ],
)
def test_date(date: dt.date | None, expected: list[str]) -> None:
    assert codes(Report(organ="某局", year=2023, date=date)) == expected


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("本报告所列数据的统计期限自2022年1月1日起至12月31日止。", True),
        ("统计期限为2023年1月1日至2023年12月31日。", False),
        ("本机关2022年度未收到政府信息公开申请。", True),
        ("2022年度共收到申请5件。", True),
        ("本机关2023年度未收到政府信息公开申请。", False),
        ("2024年，我局将继续做好政府信息公开工作。", False),
        ("自2019年以来持续推进。", False),
    ],
)
def test_stale_year(sentence: str, flagged: bool) -> None:
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 10))
    r.sections["前言"] = [Paragraph.plain(sentence)]
    assert ("STALE-YEAR" in codes(r)) is flagged


def test_next_year_moves_the_period_on() -> None:
    last = Report(organ="某局", year=2022, date=dt.date(2023, 1, 20))
    last.sections["前言"] = [Paragraph.plain("本报告统计期限自2022年1月1日起至12月31日止。2022年度未收到申请。")]
    new = next_year(last)
    assert new.section_text("前言").startswith("本报告统计期限自2023年1月1日起至12月31日止。")
    new.date = dt.date(2024, 1, 10)
    assert codes(new) == ["STALE-YEAR"]  # “2022年度未收到申请” is left for the author


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("2022年，本局坚持以习近平新时代中国特色社会主义思想为指导，深化政务公开。", True),
        ("2023年，本局坚持深化政务公开。", False),
        ("2024年，本局将继续做好政府信息公开工作。", False),
    ],
)
def test_a_paragraph_opening_with_last_year(sentence: str, flagged: bool) -> None:
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 10))
    r.sections["一"] = [Paragraph.plain(sentence)]
    found = [f for f in dates.check(r) if f.code == "STALE-YEAR"]
    assert bool(found) is flagged


def test_no_year_is_said() -> None:
    assert "YEAR-MISSING" in codes(Report(organ="某局", date=dt.date(2024, 1, 10)))
