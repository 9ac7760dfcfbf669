"""The year and the date: a late or impossible 成文日期, and last year's year left in the text
(the usual trace of a report started from last year's)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from app.checks import citations, scope
from app.deadlines import deadline
from app.findings import (
    DATE_INVALID,
    DATE_MISSING,
    LATE_PUBLICATION,
    STALE_MENTION,
    STALE_OPENING,
    STALE_YEAR,
    YEAR_MISSING,
    Declared,
    Finding,
    Location,
    Span,
)
from app.numerals import cn_number
from app.patterns import lazy
from app.report import Report
from app.schema import ALL_TEXT_KEYS, META
from app.values import PERIOD, example_date, format_date

# A year written as this report's work: “2023年全区受理…”, “2023年，本局…”, “本机关2023年度未收到…”.
# Years, clauses and the parts of a year are read as the text-against-table checks read them.
_YEAR = scope.YEAR
# What makes a year no statement of this year's work.
_COMPARED_BEFORE = lazy(r"(?:较|比|与|同|跟|相比|对比|相较|由|从|自|截至|截止|即|去年|上年)\s*$")
_EVENT_BEFORE = lazy(r"(?:在|于|获|评|荣获|入选|被评为)\s*$")  # a past event, unless it states figures
# (Matched at the year's end in the paragraph, not on a copy of the rest of it: no ``^``.)
_AFTER_YEAR_SKIP = lazy(
    rf"\s*(?:{scope.PART_AFTER_YEAR}|"
    r"以来|起|以前|之前|前|同期|相比|相较|比较|持平|基础上|水平|数据|的|被|获|荣获|入选|(?:至|到|—|–|-|－|~|～)\s*(?:\d{4}|今|本))"
)
_DOCUMENT_WORDS = r"报告|要点|方案|通知|意见|办法|规定|规划|计划|决定|清单|目录|指南|考核|评估|评议|测评|表彰"
_DOCUMENT_AT = lazy(rf"(?=({_DOCUMENT_WORDS}))")  # every place one begins, overlapping ones too (测评议)
# A statement of figures (“2023年共收到…”): surely last year's text, an error; others warn.
# (Matched at the words' start in the paragraph, up to their clause's end: no ``^``.)
_FIGURES = lazy(r"(?:内|全年)?(?:[^，,。；;]{0,8}?)(?:共|未|没有|无|收到|受理|新收|办结|制发|主动公开)")
_YEAR_AFTER = lazy(r"\s*(?:\d{4}|[〇零○一二三四五六七八九]{4})")
_COMMA_AFTER = lazy(r"\s*[，,]")


@dataclass(frozen=True)
class YearMention:
    """Last year's year where a sentence states this report's work."""

    start: int
    end: int  # the year and its 年/年度
    figures: bool  # the clause states figures (共收到…、未收到…) — surely left from last year
    opening: bool  # the paragraph opens with it


def last_year_mentions(text: str, year: int) -> list[YearMention]:
    """Where ``text`` (one paragraph of a ``year`` report) states work under ``year - 1``:
    leaves alone comparisons (较2023年增长, 与2023年相比, 比2023年), dates and ranges
    (2023年12月印发, 2023—2025年), names of documents (《…2023年…》, 2023年度报告) and sentences
    that set last year beside this one."""
    out: list[YearMention] = []
    # Everything about a mention is found without going over the text before it again, or after
    # it to the end of its clause or sentence: one pasted paragraph of 7,000 sentences naming last
    # year took minutes (as scope.py's clauses), and so did 16,000 mentions with no break between.
    # (Looked for at the first mention: most paragraphs have none.)
    para: _Paragraph | None = None
    for m in _YEAR.finditer(text):
        digits = m.group(1)
        value = cn_number(digits)
        if value != year - 1:
            continue
        para = para or _Paragraph(text, year)
        if para.left_alone(m):
            continue
        out.append(YearMention(m.start(), m.end(), para.figures(m.end()), m.start() <= para.first_letter))
    return out


def _positions(text: str, ch: str) -> list[int]:
    out: list[int] = []
    at = text.find(ch)
    while at >= 0:
        out.append(at)
        at = text.find(ch, at + 1)
    return out


class _Paragraph:
    """One paragraph's marks, breaks and document words, each found once for all its mentions."""

    def __init__(self, text: str, year: int) -> None:
        self.text, self.year = text, year
        self.titles = _positions(text, "《"), _positions(text, "》")
        self.first_letter = len(text) - len(text.lstrip())  # where the paragraph's text begins
        # Document words by where they end, and the latest start among those ending so far: a
        # clause [s, e) holds one when the latest start of those ending by e is at s or after.
        words = sorted((w.end(1), w.start()) for w in _DOCUMENT_AT.finditer(text))
        self.word_ends = [e for e, _ in words]
        self.latest_start: list[int] = []
        for _, start in words:
            self.latest_start.append(max(start, self.latest_start[-1]) if self.latest_start else start)
        self.compared: dict[tuple[int, int], bool] = {}  # a sentence's answer: it names this year

    def figures(self, pos: int) -> bool:
        """Whether the words the year ending at ``pos`` governs state figures: the rest of its
        clause, or after “2023年，” the next one."""
        skip = _COMMA_AFTER.match(self.text, pos)
        if skip and not self.text[pos: skip.end()].strip("，, "):
            pos = skip.end()
        return _FIGURES.match(self.text, pos, scope.clause_to(self.text, pos)) is not None

    def left_alone(self, m: re.Match[str]) -> bool:
        text = self.text
        opened, closed = (bisect_left(marks, m.start()) for marks in self.titles)
        if opened > closed:
            return True  # inside a document's title
        clause_start = scope.clause_from(text, m.start())
        lead = text[max(clause_start, m.start() - 6): m.start()]
        if _COMPARED_BEFORE.search(lead):
            return True
        if _AFTER_YEAR_SKIP.match(text, m.end()) or _YEAR_AFTER.match(text, m.end()):
            return True
        if not self.figures(m.end()) and (_EVENT_BEFORE.search(lead) or self._document_word(m.end(), scope.clause_to(text, m.end()))):
            return True  # “于2023年印发”, “2023年度报告”, “2023年政务公开工作要点”, “2023年度考核”
        sentence = scope.sentence_from(text, m.start()), scope.sentence_to(text, m.end())
        if (said := self.compared.get(sentence)) is None:
            words = text[sentence[0]: sentence[1]]
            # Last year set beside this one (“2024年共8件，2023年为5件”) is a comparison.
            said = self.compared[sentence] = str(self.year) in words or any(w in words for w in scope.THIS_YEAR_WORDS)
        return said

    def _document_word(self, start: int, end: int) -> bool:
        at = bisect_right(self.word_ends, end)
        return at > 0 and self.latest_start[at - 1] >= start


def check(report: Report) -> Iterator[Finding]:
    yield from _date(report)
    if report.year:
        yield from _stale_years(report, report.year)
    yield from citations.check(report)  # a year replaced into a cited document's number


def _date(report: Report) -> Iterator[Finding]:
    if not report.year:
        yield YEAR_MISSING.at(Location(META),
                              "没有报告年度（标题、统计期限中都没有找到），请在“基本信息”中填写；日期和年份的检查需要它")
    if report.date is None:
        if not any(f.code == DATE_INVALID.code for f in report.import_findings):
            yield DATE_MISSING.at(Location(META), f"没有成文日期（正文末尾的日期，如{example_date(report.year)}）")
        return
    if not report.year:
        return
    d, year = report.date, report.year
    if d <= dt.date(year, 12, 31):
        yield DATE_INVALID.at(Location(META),
                              f"成文日期{_zh(d)}早于{year}年度结束，应在{year + 1}年")
    else:
        last, level, known = deadline(report.organ, year)
        if d <= last:
            return
        due = f"{last.month}月{last.day}日"
        if known:
            why = f"按{level.name}年报，应在{due}前公布（{level.basis}）"
        else:
            named = f"“{report.organ}”" if report.organ else "（没有机关名称）"
            why = (f"未能从机关名称{named}判断机关层级，按{level.name}年报的时限{due}核对；"
                   f"县级以上地方人民政府本级年报的时限为3月31日")
        yield LATE_PUBLICATION.at(Location(META), f"成文日期{_zh(d)}晚于{_zh(last)}：{why}")


def _stale_years(report: Report, year: int) -> Iterator[Finding]:
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            text = para.text
            for m in PERIOD.finditer(text):
                years = {int(y) for y in m.groups() if y}
                if years != {year}:
                    yield _stale(key, i, m, f"统计期限“{m.group()}”与报告年度{year}年不符")
            for mention in last_year_mentions(text, year):
                yield _mention_finding(key, i, text, mention, year)


def _mention_finding(key: str, i: int, text: str, mention: YearMention, year: int) -> Finding:
    shown = text[mention.start: mention.end + 8]
    location = Location(key, span=Span(i, mention.start, mention.end))
    if mention.figures:
        return STALE_YEAR.at(location, f"“{shown}”写的是{year - 1}年，报告年度为{year}年，疑为沿用上一年度报告的文字")
    if mention.opening:
        return STALE_OPENING.at(location, f"这一段以“{text[mention.start: mention.end]}”开头，报告年度为{year}年，"
                                          f"疑为沿用上一年度报告的文字")
    return STALE_MENTION.at(location, f"“{shown}”写的是{year - 1}年，报告年度为{year}年，请核对是否沿用了上一年度报告的文字"
                                      f"（与上年比较、文件名称和日期不在此列）")


def _stale(key: str, i: int, m: re.Match[str], message: str, declared: Declared = STALE_YEAR) -> Finding:
    return declared.at(Location(key, span=Span(i, m.start(), m.end())), message)


def _zh(d: dt.date) -> str:
    return format_date(d)
