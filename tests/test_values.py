"""Parsing what people type and what files contain (app/values.py)."""

import datetime as dt
from decimal import Decimal

import pytest

from app.schema import Kind
from app.values import parse

C, A = Kind.COUNT, Kind.AMOUNT


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("12", C, 12),
        ("１２", C, 12),  # full-width digits
        ("  7 ", C, 7),
        ("\u3000\u30000", C, 0),  # full-width spaces, as in the sample's table 二
        ("\u00a03\u00a0", C, 3),  # no-break spaces
        ("1,234", C, 1234),
        ("1，234", C, 1234),  # full-width comma
        ("5件", C, 5),
        ("5 件", C, 5),
        ("96171.6", A, Decimal("96171.6")),
        ("5949.088667", A, Decimal("5949.088667")),
        ("96,171.60万元", A, Decimal("96171.60")),
        ("０．５", A, Decimal("0.5")),
        ("12。5", A, Decimal("12.5")),  # the point typed with a Chinese input method's punctuation on
        ("１２。５万元", A, Decimal("12.5")),
        ("0", A, Decimal("0")),
        ("", C, None),
        ("   ", C, None),
        ("\u3000\n\t\x1c\u2007", A, None),  # white space of every kind only: blank
    ],
)
def test_accepted(text: str, kind: Kind, value: object) -> None:
    parsed = parse(text, kind)
    assert parsed.ok and not parsed.problem
    assert parsed.value == value
    assert type(parsed.value) is type(value)


def test_amount_keeps_its_digits_exactly() -> None:
    assert str(parse("96171.60", A).value) == "96171.60"


@pytest.mark.parametrize("text", ["—", "-", "/", "／", "无", "——", " — "])
def test_dash_means_blank_with_a_warning(text: str) -> None:
    parsed = parse(text, C)
    assert parsed.ok and parsed.value is None and parsed.warning
    assert "应填写0" in parsed.problem


@pytest.mark.parametrize(
    ("text", "kind", "reason"),
    [
        ("abc", C, "不是数字"),
        ("l2", C, "不是数字"),
        ("-3", C, "不能为负数"),
        ("－3", C, "不能为负数"),
        ("1.5", C, "整数"),
        ("2.0", C, "整数"),
        ("12元", A, "万元"),
        ("-1.5", A, "不能为负数"),
        ("约3", C, "不是数字"),
        ("1.2.3", A, "不是金额数字"),
        ("12。5", C, "整数"),  # read as 12.5, which no count is
        ("12。", A, "不是金额数字"),  # a sentence's full stop, no decimal
        ("1。2。3", A, "不是金额数字"),
        ("፩", C, "不是数字"),  # a digit to str.isdigit(), not to int()
        ("1 2", C, "中间有空格"),
    ],
)
def test_refused_with_reason(text: str, kind: Kind, reason: str) -> None:
    parsed = parse(text, kind)
    assert not parsed.ok and parsed.value is None
    assert reason in parsed.problem


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("0（件）", C, 0),  # the unit as the column header writes it
        ("3(件)", C, 3),
        ("12 （件）", C, 12),
        ("5.5（万元）", A, Decimal("5.5")),
    ],
)
def test_a_unit_in_brackets_is_a_unit(text: str, kind: Kind, value: object) -> None:
    parsed = parse(text, kind)
    assert parsed.ok and not parsed.problem and parsed.value == value and type(parsed.value) is type(value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-05-01", "“2023-05-01”是日期，不是数字（单元格可能被设成了日期格式）"),
        ("2023-05-01 00:00", "“2023-05-01 00:00”是日期，不是数字（单元格可能被设成了日期格式）"),
        ("2023年5月1日", "“2023年5月1日”是日期，不是数字（单元格可能被设成了日期格式）"),
        ("=2+3", "“=2+3”是公式，没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再读取，或填写数字"),
        ("约5", "“约5”不是数字"),
        ("(件)", "“(件)”不是数字"),
    ],
)
def test_dates_formulas_and_estimates_are_refused_saying_what_they_are(text: str, reason: str) -> None:
    parsed = parse(text, C)
    assert not parsed.ok and parsed.value is None and parsed.problem == reason


def test_a_figure_read_again_reads_the_same_in_its_kind() -> None:
    # plain digits are remembered once read, per kind: a count never comes back as an amount
    for _ in range(2):
        assert parse("7", C).value == 7 and type(parse("7", C).value) is int
        assert parse("7", A).value == Decimal("7") and type(parse("7", A).value) is Decimal
        assert parse(" 007 ", A) == parse("7", A)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.2万", Decimal("1.2")),  # 万 alone in a column of 万元: the same unit (rev26 V1)
        ("1.2 万", Decimal("1.2")),
        ("￥1.2万", Decimal("1.2")),
        ("人民币1.2万元", Decimal("1.2")),
        ("¥0.5万元", Decimal("0.5")),
    ],
)
def test_an_amount_in_wan_is_read_in_wan(text: str, value: Decimal) -> None:
    parsed = parse(text, A)
    assert parsed.ok and not parsed.problem and parsed.value == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("￥100", "“￥100”：金额单位应为万元（100元即0.01万元）"),
        ("¥1,200", "“¥1,200”：金额单位应为万元（1200元即0.12万元）"),
        ("RMB 50", "“RMB 50”：金额单位应为万元（50元即0.005万元）"),
        ("人民币12000元", "“人民币12000元”：金额单位应为万元（12000元即1.2万元）"),
        ("100元", "“100元”：金额单位应为万元（100元即0.01万元）"),
        ("约100元", "“约100元”：金额单位应为万元"),  # no plain figure: no conversion offered
    ],
)
def test_yuan_in_a_column_of_wan_is_refused_saying_what_it_is_in_wan(text: str, reason: str) -> None:
    """Never converted unasked (a figure that changes as it is typed is worse than one refused);
    the refusal gives the figure in 万元 to type instead."""
    parsed = parse(text, A)
    assert not parsed.ok and parsed.value is None and parsed.problem == reason


@pytest.mark.parametrize("text", ["万元", "万", "￥", "元", "RMB"])
def test_a_unit_alone_is_no_figure(text: str) -> None:
    parsed = parse(text, A)
    assert not parsed.ok and parsed.problem == f"“{text}”不是金额数字"


def test_a_count_in_wan_is_refused_with_the_whole_number() -> None:
    assert parse("1.2万", C).problem == "“1.2万”：件数请填写完整的数字（12000）"
    assert parse("3万件", C).problem == "“3万件”：件数请填写完整的数字（30000）"
    assert parse("1.23456万", C).problem == "“1.23456万”：件数请填写完整的数字"  # no whole number


def test_a_count_in_wan_of_many_digits_is_refused_with_its_exact_whole_number() -> None:
    """A cell may hold MAX_NUMBER_DIGITS (30) digits: moved by 万 under the default context's 28
    digits, 25 of them raised InvalidOperation out of parse (a typed cell, a read file refused
    whole as 文件结构异常), and more were said rounded."""
    text = "1" * 25 + "万"
    assert parse(text, C).problem == f"“{text}”：件数请填写完整的数字（{'1' * 25}0000）"
    text = "1234567890123456789012345678.9万"
    assert parse(text, C).problem == f"“{text}”：件数请填写完整的数字（12345678901234567890123456789000）"
    assert parse("1" * 25 + ".00001万", C).problem == f"“{'1' * 25}.00001万”：件数请填写完整的数字"  # no whole number


def test_yuan_of_many_digits_is_said_in_wan_exactly() -> None:
    text = "123456789012345678901234567891元"
    assert parse(text, A).problem == (f"“{text}”：金额单位应为万元"
                                      "（123456789012345678901234567891元即12345678901234567890123456.7891万元）")


@pytest.mark.parametrize("year", [9999, 0, -5, 20233, None])
def test_the_example_date_of_a_year_no_report_is_for_is_the_usual_one(year: int | None) -> None:
    """A report of year 9999 (a typo) was checked with a ValueError: January of year 10000 is no date."""
    from app.values import example_date

    assert example_date(year, on=dt.date(2023, 12, 4)) == "2024年1月15日"
    assert example_date(2022, on=dt.date(2023, 12, 4)) == "2023年1月15日"
    assert example_date(2022, on=dt.date(2031, 3, 1)) == "2023年1月15日", "a report's own year rules"


@pytest.mark.parametrize(("on", "example"), [
    (dt.date(2026, 6, 30), "2026年1月15日"),  # the report on 2025, due 2026-01-31, late or redrafted
    (dt.date(2026, 7, 1), "2027年1月15日"),  # from July: this year's report is the one coming due
    (dt.date(2026, 12, 31), "2027年1月15日"),
    (dt.date(2027, 1, 1), "2027年1月15日"),  # across New Year it is still the report on 2026
    (dt.date(2027, 1, 31), "2027年1月15日"),
    (dt.date(2027, 7, 1), "2028年1月15日"),
])
def test_without_a_year_the_example_is_the_one_the_writer_would_give_now(on: dt.date, example: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A blank report's example date was 2024年1月15日 even in December 2026 (tester, s32)."""
    from app import values

    assert values.example_date(None, on=on) == example
    monkeypatch.setattr(values, "today", lambda: on)  # the PC's clock, where no date is passed
    assert values.example_date(None) == example
    assert values.example_date(9999) == example
