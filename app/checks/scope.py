"""What year or period a clause of the narrative speaks of: the one reader of years, 上年/本年,
months and ranges that the date checks (app/checks/dates.py: last year's year left in the text)
and the text-against-table checks (app/checks/mismatch.py: a figure about 2023, 上半年 or 近三年
is no statement about this year's table) share.

A figure belongs to the nearest scope written before it in its clause (back to ，；。): a year
(2023年, 二〇二三年度), a word for one (本年度, 今年, 上年, 去年, 前年), a span (近三年, 多年来,
以来, 2021年至2024年) or a part of a year (1-11月, 12月, 第一季度, 上半年).  With none there, a
sentence that opens with a bare period (“2023年，…”, “上半年，…”) gives its own."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from app.numerals import cn_number
from app.patterns import lazy

_CN_DIGIT = "〇零○一二三四五六七八九"
# A year, in digits or Chinese numerals: four of them, not the end of a longer number.  Written to
# begin with a character class (the look-behind after the first digit, where it is two characters
# wide): the engine then skips to the next digit instead of trying the look-behind everywhere.
YEAR = lazy(rf"([\d{_CN_DIGIT}](?<![\d{_CN_DIGIT}][\d{_CN_DIGIT}])"
            rf"(?:(?<=\d)\d{{3}}|(?<=[{_CN_DIGIT}])[{_CN_DIGIT}]{{3}}))\s*年(?:度)?")
CLAUSE_BREAK = lazy(r"[，,。；;！？!?：:\n]")
SENTENCE_BREAK = lazy(r"[。；;！？!?\n]")
THIS_YEAR_WORDS = ("本年", "今年", "本年度")
# A part of a year written right after it (2023年12月, 2023年底, 2023年上半年): no year's whole.
PART_AFTER_YEAR = (r"\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|底|末|初|年底|上半年|下半年|第[一二三四]季度|[一二三四]季度")

_CN_NUM = "一二两三四五六七八九十"
_M = rf"(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})"
# Every scope a clause can name, in the order written; the groups say which.  A year or 本年 with
# 以来 is that year so far; 以来 alone (条例实施以来) is longer than a year.
_SCOPE = lazy(
    rf"(?:(?P<since>[\d{_CN_DIGIT}]{{4}})\s*(?:年度?)?\s*[-—–~～至到]\s*)?"  # 2021年至2024年, 2021—2024年
    rf"(?P<year>[\d{_CN_DIGIT}]{{4}})\s*年(?:度)?(?:以来)?"  # whether it is this year: below
    r"|(?P<this>(?:本年度?|今年)(?:以来)?)"
    rf"|(?P<other>上一?年(?:度)?(?!度|结转)|去年|前年|近(?:[\d{_CN_NUM}]+)?年来?|[\d{_CN_NUM}]+年来|历年|多年来?|以来)"
    # a month, or a span of months (1-11月, 1月1日至12月31日), a quarter, a half
    rf"|(?P<part>(?:(?P<from>{_M})\s*月?\s*(?:\d{{1,2}}\s*日)?\s*[-—–~～至到]\s*)?(?P<to>{_M})\s*月"
    rf"|上半年|下半年|第?[一二三四1-4]季度|个月)"
)
_COMPARED = lazy(r"比|较|相比|同比|对比|相较")
_CLOSING = lazy(r"截至|截止")
_TITLE = lazy(r"《[^》]*》")  # a document's name (《2023年政务公开工作要点》) sets no scope


@lru_cache(maxsize=4)
def _clause_ends(text: str) -> list[int]:
    return [b.end() for b in CLAUSE_BREAK.finditer(text)]


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    return [b.end() for b in SENTENCE_BREAK.finditer(text)]


def clause_from(text: str, start: int) -> int:
    """Where the clause holding ``start`` begins: after the last clause break before it, else 0.
    The breaks of a text are found once for all its figures: found again from the paragraph's
    start for each, one pasted paragraph of 14,000 sentences took a minute of checking."""
    ends = _clause_ends(text)
    at = bisect_right(ends, start)  # a break is one character: it ends at or before ``start``
    return ends[at - 1] if at else 0


def sentence_from(text: str, start: int) -> int:
    """Where the sentence holding ``start`` begins (as clause_from)."""
    ends = _sentence_ends(text)
    at = bisect_right(ends, start)
    return ends[at - 1] if at else 0


def clause_to(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` ends: at the first clause break at or after it, else the
    text's end (a break is one character: found as clause_from, not searched for to the end)."""
    ends = _clause_ends(text)
    at = bisect_right(ends, pos)
    return ends[at] - 1 if at < len(ends) else len(text)


def sentence_to(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends (as clause_to)."""
    ends = _sentence_ends(text)
    at = bisect_right(ends, pos)
    return ends[at] - 1 if at < len(ends) else len(text)


def _lead(text: str, start: int) -> str:
    """The sentence's first clause before ``start`` when it is a bare period (“2023年”, “上半年”):
    the period the rest of the sentence speaks of; "" when it is anything else."""
    sentence_start = sentence_from(text, start)
    first = CLAUSE_BREAK.search(text, sentence_start, start)
    if first is None:
        return ""
    lead = text[sentence_start:first.start()].strip()
    if len(lead) > 14 or _COMPARED.search(lead):
        return ""  # “与上年相比，…”: a comparison, not the period of what follows
    return lead


def other_period(text: str, start: int, year: int | None) -> bool:
    """Whether what is stated at ``start`` of ``text`` (one paragraph) is about another year or
    period than the ``year`` of the report: the nearest scope before it in its clause, else the
    sentence's opening period.  An unknown ``year`` takes every year written for this one."""
    clause_start = clause_from(text, start)
    for part in (text[clause_start:start], _lead(text, clause_start)):
        found = _scope(part, year)
        if found is not None:
            return found
    return False


def _scope(words: str, year: int | None) -> bool | None:
    """Other (True), this year's whole (False) or none named (None) in ``words``: the last scope
    written decides — a part of a year unless its months close the year (1-12月, 截至12月31日)."""
    scopes = list(_SCOPE.finditer(_TITLE.sub("", words)))
    if not scopes:
        return None
    last = scopes[-1]
    if last.group("part") is not None:
        months = {cn_number(m.group(g)) for m in scopes for g in ("from", "to") if m.group(g)}
        if not (12 in months and (1 in months or _CLOSING.search(words))):
            return True
        years = [m for m in scopes if m.group("part") is None]
        return _scope(words[: years[-1].end()], year) if years else False
    if last.group("year") is not None:
        named = {cn_number(last.group(g)) for g in ("since", "year") if last.group(g)}
        return year is not None and named != {year}
    return last.group("other") is not None
