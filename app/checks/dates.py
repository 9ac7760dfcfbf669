"""The year and the date: a late or impossible 成文日期, and last year's year left in the text
(the usual trace of a report started from last year's)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from app.findings import (
    DATE_INVALID,
    DATE_MISSING,
    LATE_PUBLICATION,
    STALE_OPENING,
    STALE_YEAR,
    YEAR_MISSING,
    Declared,
    Finding,
    Location,
    Span,
)
from app.report import Report
from app.schema import ALL_TEXT_KEYS, META
from app.values import format_date

# Deadline for 部门, 乡镇/街道 and a government office's own report (条例第四十九条).
DEADLINE = (1, 31)
PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日(?:起)?\s*(?:至|到|—|-|－|~|～)+\s*(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")
# A paragraph opening “2023年，…” in a 2024 report: the usual trace of last year's text.
_OPENING_YEAR = re.compile(r"^\s*(\d{4})\s*年度?(?:以来)?[，,、：:]?")
_YEAR_STATEMENT = re.compile(r"(\d{4})\s*年度?(?=(?:内|全年)?(?:共|未|没有|无|收到|受理|新收|办结|制发|主动公开))")


def check(report: Report) -> Iterator[Finding]:
    yield from _date(report)
    if report.year:
        yield from _stale_years(report, report.year)


def _date(report: Report) -> Iterator[Finding]:
    if not report.year:
        yield YEAR_MISSING.at(Location(META),
                              "没有报告年度（标题、统计期限中都没有找到），请在“基本信息”中填写；日期和年份的检查需要它")
    if report.date is None:
        if not any(f.code == DATE_INVALID.code for f in report.import_findings):
            yield DATE_MISSING.at(Location(META), "没有成文日期（正文末尾的日期，如2024年1月15日）")
        return
    if not report.year:
        return
    d, year = report.date, report.year
    if d <= dt.date(year, 12, 31):
        yield DATE_INVALID.at(Location(META),
                              f"成文日期{_zh(d)}早于{year}年度结束，应在{year + 1}年")
    elif d > dt.date(year + 1, *DEADLINE):
        yield LATE_PUBLICATION.at(Location(META),
                                  f"成文日期{_zh(d)}晚于{year + 1}年1月31日（部门、乡镇街道年报的公布时限；"
                      f"政府汇总年报县级2月20日、地市级3月10日、省级3月31日）")


def _stale_years(report: Report, year: int) -> Iterator[Finding]:
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            text = para.text
            for m in PERIOD.finditer(text):
                years = {int(y) for y in m.groups() if y}
                if years != {year}:
                    yield _stale(key, i, m, f"统计期限“{m.group()}”与报告年度{year}年不符")
            for m in _YEAR_STATEMENT.finditer(text):
                if int(m.group(1)) == year - 1:
                    yield _stale(key, i, m, f"“{text[m.start(): m.end() + 6]}”写的是{year - 1}年，"
                                 f"报告年度为{year}年，疑为沿用上一年度报告的文字")
            opening = _OPENING_YEAR.match(text)
            if opening and int(opening.group(1)) == year - 1 and not _YEAR_STATEMENT.match(text):
                yield _stale(key, i, opening, f"这一段以“{opening.group()}”开头，报告年度为{year}年，"
                             f"疑为沿用上一年度报告的文字", STALE_OPENING)


def _stale(key: str, i: int, m: re.Match[str], message: str, declared: Declared = STALE_YEAR) -> Finding:
    return declared.at(Location(key, span=Span(i, m.start(), m.end())), message)


def _zh(d: dt.date) -> str:
    return format_date(d)
