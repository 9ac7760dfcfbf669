"""Against last year's report (attached to this one, or given with ``check --last``): carried-over
applications, documents in force, text carried over unchanged, and changes that look like a
typing slip."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence

from app.findings import (
    CARRYOVER_UNKNOWN,
    CROSS_YEAR_CARRYOVER,
    CROSS_YEAR_CHANGE,
    CROSS_YEAR_IN_FORCE,
    IN_FORCE_UNKNOWN,
    SAME_AS_LAST_YEAR,
    SAME_FIGURES,
    SAME_SECTION_MOSTLY,
    SAME_SENTENCE,
    Finding,
    Fix,
    Location,
    Span,
)
from app.lastyear import LastYear, normal, only_moved_on, same_sentences, sentences, years_aside
from app.patterns import lazy
from app.report import Report
from app.schema import (
    ALL_TEXT_KEYS,
    PREAMBLE,
    PROACTIVE,
    REQUESTS,
    T2_IN_FORCE,
    T2_IN_FORCE_LABEL,
    T2_IN_FORCE_ROWS,
    T2_ISSUED,
    T2_REPEALED,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COLS,
    TABLES,
    YEARLY_SECTIONS,
    CellRef,
    section_name,
    t3_short,
)
from app.values import PERIOD, Value, as_number, format_value

SLIP_FACTOR = 10  # ten times last year's figure: a key pressed twice, more often than a real change
_SLIP_FLOOR = 2  # below this a tenfold change is ordinary (1 → 10 applications)
_NUMBER = lazy(r"\d+(?:\.\d+)?")
# A figure, not a date's year, month or day, nor a document number (〔2021〕30号).
_FIGURE = lazy(r"\d+(?:\.\d+)?(?!\d|\.\d|\s*[年月日号〕\]])")
# A figure of the year's statistics (12件, 3500条, 5次, 2.5万元, 100%): not a duration (20个工作日),
# an article (第33条 is 条 too: not after 第) or a standing count (查阅点1个, 工作人员3人), the same
# every year — those alone make no sentence “仍是上年的数字” (rev23 M6).
_STATISTIC = lazy(r"(?<!第)(?<![\d.])\d+(?:\.\d+)?(?=(?:余|多)?(?:件|条|次|篇|期|份|万|亿|元|宗|起|%))")


def check(report: Report, last: LastYear, text: Sequence[Finding] | None = None) -> Iterator[Finding]:
    """A figure last year's report left blank (or “—”) is unknown, not 0: no comparison is made
    with it (a fix “采用上年结转数” would blank this year's true figure).  ``text`` is ``text_findings(report, last)`` when the caller has it already (a table edit
    leaves both texts as they were)."""
    yield from _carryover(report, last)
    yield from _in_force(report, last)
    yield from _unknown(report, last)
    yield from text_findings(report, last) if text is None else text
    yield from _slips(report, last)


def text_findings(report: Report, last: LastYear) -> list[Finding]:
    """What compares this year's narrative with last year's: it reads no table."""
    return [*_same_sections(report, last), *_same_sentences(report, last)]


def known(last: LastYear, table: str, pos: tuple[int, int]) -> Value:
    """Last year's figure; None when its report left it blank (or a mark such as “—”): unknown,
    not 0 — the one rule of every comparison here."""
    return last.value(table, pos)  # type: ignore[no-any-return]


def _carryover(report: Report, last: LastYear) -> Iterator[Finding]:
    this3 = report.tables[REQUESTS]
    carried_in, carried_out = t3_short(T3_CARRIED_IN), t3_short(T3_CARRIED_OUT)
    for c, col in enumerate(T3_COLS):
        now, before = this3[(T3_CARRIED_IN, c)], known(last, REQUESTS, (T3_CARRIED_OUT, c))
        if before is not None and as_number(now) != as_number(before):
            ref = CellRef(REQUESTS, T3_CARRIED_IN, c)
            yield CROSS_YEAR_CARRYOVER.at(
                Location(REQUESTS, (ref,)),
                f"表三“{col}”列：本年“{carried_in}”为{format_value(as_number(now))}，"
                f"上年报告“{carried_out}”为{format_value(as_number(before))}",
                Fix("采用上年结转数", ((ref, before),)),
                inputs=(_which(last), format_value(before)),  # another last year's figure: another question
            )


def carried_cells(report: Report, last: LastYear) -> tuple[tuple[CellRef, ...], tuple[CellRef, ...]]:
    """The cells this year's report takes from last year's (表三's 上年结转, 表二's 现行有效) that
    are blank here and blank (or “—”) there: nothing to carry, nothing to hold them to.  Said by
    ``_unknown`` (CROSS-YEAR-CARRYOVER/IN-FORCE unknown), cell by cell; BLANK-CELL's 空白处填0
    leaves them (app/checks/content.py): 0 documents in force is a figure no one stated."""
    t3, t2 = report.tables[REQUESTS], report.tables[PROACTIVE]
    carried = tuple(CellRef(REQUESTS, T3_CARRIED_IN, c) for c in range(len(T3_COLS))
                    if _blank(report, CellRef(REQUESTS, T3_CARRIED_IN, c), t3[(T3_CARRIED_IN, c)])
                    and known(last, REQUESTS, (T3_CARRIED_OUT, c)) is None)
    in_force = tuple(CellRef(PROACTIVE, T2_ROW[label], T2_IN_FORCE) for label in T2_IN_FORCE_ROWS
                     if _blank(report, CellRef(PROACTIVE, T2_ROW[label], T2_IN_FORCE), t2[(T2_ROW[label], T2_IN_FORCE)])
                     and known(last, PROACTIVE, (T2_ROW[label], T2_IN_FORCE)) is None)
    return carried, in_force


def _blank(report: Report, ref: CellRef, value: Value) -> bool:
    return value is None and ref not in report.raw


def _unknown(report: Report, last: LastYear) -> Iterator[Finding]:
    carried, in_force = carried_cells(report, last)
    if carried:
        names = "、".join(f"“{T3_COLS[ref.col]}”" for ref in carried)
        yield CARRYOVER_UNKNOWN.at(
            Location(REQUESTS, carried),
            f"表三“{t3_short(T3_CARRIED_IN)}”的{names}列空白，上年报告“{t3_short(T3_CARRIED_OUT)}”的这些格也是空白，"
            "没有可沿用的数：请按上年实际结转的件数填写（上年没有结转的填0）",
            inputs=(_which(last),))
    if in_force:
        label = {T2_ROW[name]: name for name in T2_IN_FORCE_ROWS}
        names = "、".join(f"“{label[ref.row]}”" for ref in in_force)
        yield IN_FORCE_UNKNOWN.at(
            Location(PROACTIVE, in_force),
            f"表二{names}的“{T2_IN_FORCE_LABEL}”空白，上年报告的这一格也是空白，无法按上年现行有效+本年制发-本年废止推算："
            f"请按实际的{T2_IN_FORCE_LABEL}填写",
            inputs=(_which(last),))


def suggested_in_force(report: Report, last: LastYear, label: str) -> int | None:
    """上年现行有效 + 本年制发 − 本年废止 (None when last year's figure is blank)."""
    r = T2_ROW[label]
    before = known(last, PROACTIVE, (r, T2_IN_FORCE))
    if before is None:
        return None
    t2 = report.tables[PROACTIVE]
    value = as_number(before) + as_number(t2[(r, T2_ISSUED)]) - as_number(t2[(r, T2_REPEALED)])
    return int(value) if value >= 0 else None


def _in_force(report: Report, last: LastYear) -> Iterator[Finding]:
    t2 = report.tables[PROACTIVE]
    for label in T2_IN_FORCE_ROWS:
        r = T2_ROW[label]
        if known(last, PROACTIVE, (r, T2_IN_FORCE)) is None:
            continue  # last year's figure unknown: nothing to hold this year's to
        before = as_number(last.value(PROACTIVE, (r, T2_IN_FORCE)))
        issued, repealed = as_number(t2[(r, T2_ISSUED)]), as_number(t2[(r, T2_REPEALED)])
        expected = before + issued - repealed
        stated = as_number(t2[(r, T2_IN_FORCE)])
        if stated != expected:
            ref = CellRef(PROACTIVE, r, T2_IN_FORCE)
            fix = Fix(f"改为{expected}", ((ref, int(expected)),)) if expected >= 0 else None
            yield CROSS_YEAR_IN_FORCE.at(
                Location(PROACTIVE, (ref,)),
                f"表二“{label}”{T2_IN_FORCE_LABEL}为{stated}，按上年现行有效{before}"
                f"+本年制发{issued}-本年废止{repealed}应为{expected}；"
                f"如有集中清理等原因，请在正文中说明",
                fix,
                inputs=(_which(last), *(format_value(v) for v in (before, issued, repealed))),
            )


def _same_sections(report: Report, last: LastYear) -> Iterator[Finding]:
    """A section written anew each year that is last year's: word for word, or with only what
    moving it on changes (years, figures, punctuation: 全部替换 “2021年”→“2022年” is not
    rewriting), an error; with most of its sentences last year's, a warning saying how many."""
    for key in YEARLY_SECTIONS:
        paras = [p.text for p in report.sections.get(key, []) if p.text.strip()]
        text = "\n".join(paras)
        if not text.strip():
            continue
        name, before = section_name(key), last.section_text(key)
        # The wording dismissals of this finding have named since it was first written.
        identical = f"“{name}”与上一年度报告完全相同，格式要求不得年年雷同"
        # Which last year: a dismissal of “与上一年度报告完全相同” is about that pair of years, not
        # the next (rev23 H6: carried by 从上年报告新建, it hid the new year's same error).
        against = (_which(last), str(zlib.crc32(before.encode())))
        if text == before:
            yield SAME_AS_LAST_YEAR.at(Location(key), identical, inputs=against)
            continue
        changed = only_moved_on(text, last.folded_section(key))
        if changed is not None:
            yield SAME_AS_LAST_YEAR.at(
                Location(key), f"“{name}”与上一年度报告相比只改了{'、'.join(changed)}，格式要求不得年年雷同",
                about=identical, inputs=against)
            continue
        total, carried = same_sentences(paras, last.sentence_words())
        if carried * 2 > total:
            yield SAME_SECTION_MOSTLY.at(
                Location(key), f"“{name}”{total}句中有{carried}句与上年报告相同（不计年份、数字和标点），请按本年情况改写",
                inputs=against)


def _same_sentences(report: Report, last: LastYear) -> Iterator[Finding]:
    """Each sentence carried over unchanged is tinted until rewritten; one that is still last
    year's sentence with last year's figures (only its year changed, or nothing) is marked.
    Not tinted: 前言's 编制说明 and the 统计期限 sentence, the same every year by nature (the
    rollover moves the period on itself) — 42 hints on the sample's rollover, 4 of them there."""
    same = last.sentences()
    which = (_which(last),)
    moved = last.moved_sentences()  # 全部替换 “2021年”→“2022年” rewrites none of them
    shapes: dict[str, list[str]] = {}
    for s in same:
        shapes.setdefault(_shape(s), _FIGURE.findall(s))
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            for start, end, s in sentences(para.text):
                n = normal(s)
                figures = _FIGURE.findall(n)
                old = shapes.get(_shape(n))
                stale = old == figures and any(f.strip("0.") for f in _STATISTIC.findall(n))
                where = Location(key, span=Span(i, start, end))
                if stale:
                    yield SAME_FIGURES.at(where, f"“{_short(s)}”仍是上年报告的句子和数字"
                                          f"（{'、'.join(figures)}），请按本年的数字改写", inputs=which)
                elif key == PREAMBLE or PERIOD.search(s):
                    continue
                elif n in same:
                    yield SAME_SENTENCE.at(where, f"与上年报告相同：“{_short(s)}”", inputs=which)
                elif years_aside(n) in moved:
                    yield SAME_SENTENCE.at(where, f"与上年报告相同（只改了年份）：“{_short(s)}”", inputs=which)


def _shape(folded: str) -> str:
    """A sentence as compared for “still last year's figures”: its numbers as #, and its 统计期限 one
    mark however written (---, 至, 到, 起): putting this year's period in the usual wording, as
    STALE-YEAR asks, leaves last year's 3500条 beside it last year's."""
    return _NUMBER.sub("#", PERIOD.sub("〈统计期限〉", folded))


def _slips(report: Report, last: LastYear) -> Iterator[Finding]:
    """A hint, not an error: ten times last year's figure; totals that fell to 0, one hint a table
    (one figure cleared empties every total it is part of: 4 hints for one).  Not below the floor
    (1 application last year, none this: a small office's ordinary year), nor 结转下年度, whose 0
    is the goal (rev23 L6)."""
    for key, spec in TABLES.items():
        fell: list[tuple[tuple[int, int], Value]] = []
        for cell in spec.cells:
            pos = (cell.row, cell.col)
            now, before = report.tables[key][pos], known(last, key, pos)
            if now is None or before is None or (key, pos[0]) == (REQUESTS, T3_CARRIED_IN):
                continue
            n, b = as_number(now), as_number(before)
            if b >= _SLIP_FLOOR and n >= SLIP_FACTOR * b:
                yield CROSS_YEAR_CHANGE.at(Location(key, (CellRef(key, *pos),)),
                                           f"{spec.describe(*pos)}：本年{format_value(now)}，是上年"
                                           f"{format_value(before)}的{int(n // b)}倍，请核对是否输入有误",
                                           inputs=(_which(last), format_value(before)))
            elif pos in spec.totals and b >= _SLIP_FLOOR and n == 0 and (key, pos[0]) != (REQUESTS, T3_CARRIED_OUT):
                fell.append((pos, before))
        if fell:
            (first, before), *more = fell
            said = (f"合计由上年的{format_value(before)}变为0" if not more else
                    f"等{len(fell)}个合计由上年的{'、'.join(format_value(b) for _, b in fell)}变为0")
            yield CROSS_YEAR_CHANGE.at(Location(key, tuple(CellRef(key, *p) for p, _ in fell)),
                                       f"{spec.describe(*first)}{'：' if not more else ''}{said}，请核对是否输入有误",
                                       inputs=(_which(last), *(format_value(b) for _, b in fell)))


def _which(last: LastYear) -> str:
    """Which last year a finding compares with, for its dismissal (app/dismissals.py: inputs)."""
    return f"上年{last.year or ''}"


def _short(s: str, limit: int = 30) -> str:
    return s if len(s) <= limit else s[:limit] + "…"
