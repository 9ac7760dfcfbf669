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


# -- deadlines by the organ's level ----------------------------------------------------------------

@pytest.mark.parametrize(
    ("organ", "date", "words"),
    [
        ("某区财政局", dt.date(2024, 1, 31), None),
        ("某区财政局", dt.date(2024, 2, 1), "按县级以上人民政府部门年报，应在1月31日前公布"),
        ("某市生态环境局某区分局", dt.date(2024, 2, 20), "县级以上人民政府部门"),
        ("某县发展和改革委员会", dt.date(2024, 3, 1), "县级以上人民政府部门"),
        ("某县人民政府", dt.date(2024, 3, 20), None),
        ("某县人民政府", dt.date(2024, 3, 31), None),
        ("某县人民政府", dt.date(2024, 4, 1), "按县级以上地方人民政府本级年报，应在3月31日前公布"),
        ("某省人民政府", dt.date(2024, 3, 10), None),
        ("某市某区人民政府", dt.date(2024, 2, 28), None),
        ("某自治旗人民政府", dt.date(2024, 2, 28), None),
        ("某区政府", dt.date(2024, 3, 1), None),
        ("某市人民政府办公室", dt.date(2024, 2, 10), "按县级以上地方人民政府办公厅（室）年报，应在1月31日前公布"),
        ("某省人民政府办公厅", dt.date(2024, 3, 1), "办公厅（室）"),
        ("某县人民政府办公室（县政务服务管理办公室）", dt.date(2024, 2, 10), "办公厅（室）"),
        ("某市某区人民政府某某街道办事处", dt.date(2024, 2, 10), "按街道办事处年报，应在1月31日前公布"),
        ("某某街道", dt.date(2024, 2, 10), "街道办事处"),
        ("某县某某镇人民政府", dt.date(2024, 2, 10), "按乡镇人民政府年报，应在1月31日前公布"),
        ("某县某某民族乡人民政府", dt.date(2024, 3, 1), "乡镇人民政府"),
        ("某某镇", dt.date(2024, 2, 2), "乡镇人民政府"),
        ("某某", dt.date(2024, 2, 10), "未能从机关名称“某某”判断机关层级，按县级以上人民政府部门年报的时限1月31日核对"),
        ("", dt.date(2024, 2, 10), "没有机关名称"),
    ],
)
def test_deadline_by_the_organs_level(organ: str, date: dt.date, words: str | None) -> None:
    found = [f for f in dates.check(Report(organ=organ, year=2023, date=date)) if f.code == "LATE-PUBLICATION"]
    if words is None:
        assert found == []
    else:
        assert len(found) == 1 and words in found[0].message, found
        assert f"晚于{date.year}年" in found[0].message


def test_levels_are_declared_once_as_data() -> None:
    from app.deadlines import DEFAULT, LEVELS, level_of

    assert {lv.deadline for lv in LEVELS} == {(1, 31), (3, 31)}
    assert level_of("某某")[0] is DEFAULT and level_of("某某")[1] is False
    assert level_of("某县人民政府")[0].deadline == (3, 31)


# -- last year's year anywhere a sentence states this year's work ------------------------------------

STALE_FLAGGED = [
    ("2022年全区受理政府信息公开申请45件。", "error"),
    ("本机关2022年度未收到政府信息公开申请。", "error"),
    ("全年工作中，2022年我局共主动公开政府信息1200条。", "error"),
    ("我区2022年度共制发行政规范性文件3件。", "error"),
    ("在2022年共收到申请5件。", "error"),
    ("本年度，我局始终坚持公开为常态。2022年共办结申请12件。", "error"),
    ("２０２２年全区共受理申请10件。", "error"),
    ("2022年，本局坚持以习近平新时代中国特色社会主义思想为指导。", "warning"),
    ("二〇二二年，我镇持续深化政务公开。", "warning"),
    ("2022年度全区政务公开工作扎实推进。", "warning"),
    ("一年来，2022年本单位认真贯彻落实条例。", "warning"),
    ("围绕中心工作，我局2022年重点推进了政策解读。", "warning"),
]
STALE_LEFT_ALONE = [
    "较2022年增长15%。",
    "与2022年相比，申请数量有所增加。",
    "比2022年减少3件。",
    "申请量比2022年同期增长20%。",
    "本年收到申请8件，与上年相比增加2件。",
    "2022年12月印发的《某区政务公开工作规范》继续执行。",
    "严格执行《某区2022年政务公开工作要点》。",
    "按照2022年度政府信息公开工作年度报告的整改要求，逐项落实。",
    "2023年共收到申请8件，2022年为5件。",
    "今年收到的申请数量较去年（2022年）有所下降。",
    "自2022年以来，持续推进基层政务公开标准化。",
    "《某市政务公开三年行动计划（2022—2024年）》。",
    "2022年至2024年，持续推进。",
    "由2022年的5件增加到8件。",
    "2022年底建成的政务公开专区运行良好。",
    "于2022年印发实施。",
    "在2022年度全市政务公开考核中获评优秀等次。",
    "2022年被评为省级政务公开示范点。",
    "根据2022年度绩效考核结果，调整工作重点。",
    "截至2022年12月31日，现行有效规范性文件20件。",
    "本机关2023年度未收到政府信息公开申请。",
    "2021年，本局开始建设平台。",
]


@pytest.mark.parametrize(("sentence", "severity"), STALE_FLAGGED)
def test_last_years_year_anywhere_is_flagged(sentence: str, severity: str) -> None:
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 10))
    r.sections["一"] = [Paragraph.plain("第一句话。" if sentence[0] != "2" else ""), Paragraph.plain(sentence)]
    found = [f for f in dates.check(r) if f.code == "STALE-YEAR"]
    assert len(found) == 1 and found[0].severity.json_name == severity, found
    span = found[0].location.span
    assert span is not None and sentence[span.start: span.end].startswith(("2022", "２０２２", "二〇二二"))


@pytest.mark.parametrize("sentence", STALE_LEFT_ALONE)
def test_comparisons_dates_and_documents_are_left_alone(sentence: str) -> None:
    r = Report(organ="某局", year=2023, date=dt.date(2024, 1, 10))
    r.sections["一"] = [Paragraph.plain(sentence)]
    assert [f.message for f in dates.check(r) if f.code == "STALE-YEAR"] == []


def test_mentions_are_a_reusable_domain_function() -> None:
    from app.checks.dates import last_year_mentions

    text = "2023年共收到申请8件。2022年，本局共受理申请5件，较2021年增长。"
    (m,) = last_year_mentions(text, 2023)
    assert text[m.start: m.end] == "2022年" and m.figures and not m.opening


@pytest.mark.parametrize(("text", "why"), [
    ("2023年2月30日", "2023年2月只有28天"), ("2023年2月29日", "2023年2月只有28天"), ("2024年2月29日", None),
    ("二〇二三年四月三十一日", "2023年4月只有30天"), ("2023-13-01", "没有13月，月份是1至12"), ("2023年1月0日", "没有0日"),
    ("2024年1月15日", None), ("一月十五日", None), ("成文日期", None),
])
def test_an_impossible_date_says_which_part(text: str, why: str | None) -> None:
    """The 成文日期 field said “请写成 2024年1月15日 这样的形式” of 2023年2月30日, written just so (gui21)."""
    from app.values import impossible_date, parse_date

    assert impossible_date(text) == why
    if why is not None:
        assert parse_date(text) is None


def test_a_months_length_is_the_calendars() -> None:
    """The month's length is reckoned without importing calendar (and locale with it, ~1.3 ms of
    every start): the same day counts as calendar.monthrange, leap years and the range's ends too."""
    import calendar

    from app.values import impossible_date

    for year in (1, 4, 100, 400, 1900, 2000, 2023, 2024, 9999):
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            assert impossible_date(f"{year:04d}年{month}月{last}日") is None
            assert impossible_date(f"{year:04d}年{month}月{last + 1}日") == f"{year}年{month}月只有{last}天"
