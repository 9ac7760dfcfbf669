"""Text that contradicts the tables (TEXT-TABLE-MISMATCH) and a high share of 其他处理.

A statement is a quantity the text gives with an unambiguous subject — applications received,
carried over, answered, each kind of result, 行政复议/行政诉讼 cases, 行政规范性文件 issued,
repealed or in force, 行政许可/处罚/强制 decisions — or a sentence that means zero
(未收到政府信息公开申请).  Each is compared with the table cells it is about.  Precision first:
when the subject is not clear the statement is ignored, since a false alarm teaches users to
ignore the panel.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from app.checks import scope
from app.findings import (
    OTHER_HANDLING_HIGH,
    TEXT_TABLE_MISMATCH,
    Finding,
    Location,
    Span,
)
from app.numerals import cn_number
from app.patterns import lazy, source
from app.report import Report
from app.schema import (
    ALL_TEXT_KEYS,
    PROACTIVE,
    REQUESTS,
    REVIEWS,
    T2_DECISION_ROWS,
    T2_IN_FORCE,
    T2_ISSUED,
    T2_NORMATIVE,
    T2_ONLY_COL,
    T2_REPEALED,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    T3_COL_TOTAL,
    T3_DISCLOSED,
    T3_KIND,
    T3_LEGAL,
    T3_LEGAL_KINDS,
    T3_NATURAL,
    T3_NEW,
    T3_OTHER_GROUP,
    T3_OTHER_ROWS,
    T3_RESULT_KINDS,
    T3_RESULT_TOTAL,
    T4_LITIGATION,
    T4_REVIEW,
    T4_SIDES,
    TABLE2,
    TABLE3,
    CellRef,
)
from app.values import as_number, format_value

_CN = "零〇一二两三四五六七八九十百千"
NUM = rf"(\d+|[{_CN}]+)"
_UNIT = r"\s*(?:件|起|宗|次|个(?!工作日|月|小时|日|自然日|百分点))"
_GAP = r"[^，。；,;：:（）()\d" + _CN + r"]{0,8}?"  # a few words, no other number or clause break
_SENTENCE = lazy(r"[^。；！？\n]+")

Cells = tuple[CellRef, ...]


def _t3(rows: range | tuple[int, ...]) -> Cells:
    return tuple(CellRef(REQUESTS, r, T3_COL_TOTAL) for r in rows)


def _t4(side: str) -> Cells:
    """The group totals of 行政复议 or of 行政诉讼 (直接起诉 and 复议后起诉)."""
    return tuple(CellRef(REVIEWS, *pos) for pos in T4_SIDES[side])


def _t2(row: int, col: int) -> Cells:
    return (CellRef(PROACTIVE, row, col),)


def _t2_name(row: int, col: int) -> str:
    """表二“行政规范性文件”本年制发件数, 表二“行政许可”本年处理决定数量."""
    cell = TABLE2.cell(row, col)
    assert cell is not None
    return f"表二“{cell.row_label}”{cell.col_label}"


def _t4_name(side: str) -> str:
    return f"表四“{side}”总计"




@dataclass(frozen=True)
class Subject:
    """What a quantity in the text is about, and how to find it."""

    name: str  # how the message names the table side
    pattern: re.Pattern[str]  # group "n" is the number (absent for zero statements)
    cells: Cells
    needs: str = ""  # a pattern the paragraph must also match (e.g. 申请) to be about it
    needs_in_sentence: bool = False  # … and for words as general as 办结, the sentence itself
    also: Cells = ()  # a second reading that is also accepted (e.g. 新收 + 上年结转)
    less: Cells = ()  # a third: the cells minus these (答复 N件 often leaves out （六）其他处理)
    unless: str = ""  # a sentence matching this speaks of other dispositions too: say nothing
    whole: bool = False  # a total: after 其中 in its sentence the same words name a part of it


# What makes an application a 政府信息公开 application (a 行政许可 or 信访 申请 is not).
_GI = r"(?:政府信息公开申请|信息公开申请|政府信息依申请公开|依申请公开(?:申请)?|公开政府信息(?:的)?申请)"
# Sentences that say their figures are about something else.
_NOT_GI = lazy(r"非政府信息公开|非信息公开|不属于政府信息公开|无关")
# A few applications named by their number before them (“5件…申请均已办结”, “上年结转的3件…申请”).
_SOME = rf"[\d{_CN}]+件[^，。；,;]{{0,20}}申请"
# Words that narrow applications to a part of the year's: an applicant kind (the table's own
# columns) or a channel.  “收到自然人…申请10件”, “通过互联网收到…申请8件” state a part, not 新收.
# (其他, two characters, is everyone's word: no kind of its own.)
_NARROW = lazy("|".join((T3_LEGAL, *(c for c in (T3_NATURAL, *T3_LEGAL_KINDS) if len(c) > 2),
                         "互联网", "网上", "网络", "在线", "当面", "现场", "信函", "邮寄", "传真", "电子邮件", "电话")))
# After a statement of none: an outcome or another matter, not the cases themselves
# (“未发生行政复议被纠错”, “未收到…申请方面的投诉”).
_EVERY = lazy(r"等|各种|各类|多种|所有|各个")
_NONE_OF_A_KIND = lazy(r"\s*(?:被?纠错|败诉|被?撤销|被?确认违法|方面|的?投诉|举报)")


_MANNERS = ("形式", "方式", "当面", "书面", "邮寄", "网上", "在线", "口头", "电话", "邮件", "延期", "逾期")
# 办结 or 答复 not after a manner word.  Written verb first, the look-behinds after its first
# character, so that the engine skips to the verb instead of trying twelve look-behinds at
# every position of every sentence (a fifth of the text checks' time).
_ANSWERED = "(?:" + "|".join(v[0] + "".join(f"(?<!{w}{v[0]})" for w in _MANNERS) + v[1:] for v in ("办结", "答复")) + ")"
# Results named together with one figure: “全部公开和部分公开共10件” is their sum.
_KIND_WORDS = {"全部公开": T3_KIND[T3_DISCLOSED], **{k: k for k in T3_RESULT_KINDS}}
_KIND = "(?:" + "|".join(_KIND_WORDS) + ")"
# The first kind with its look-behind after its first character (不 before it: 不予公开 is no
# 予以公开): the pattern then begins with the kinds' first characters and the engine skips to
# them instead of trying the look-behind at every character of every sentence.
_FIRST_KIND = "(?:" + "|".join(f"{w[0]}(?<!不{w[0]}){w[1:]}" for w in _KIND_WORDS) + ")"
_SUM = lazy(rf"(?P<kinds>{_FIRST_KIND}(?:(?:、|和|及|与|以及|或)(?:申请)?{_KIND})+)(?:的(?:申请)?)?"
                  rf"(?P<each>分别|各)?(?:共计|共|合计|总计|累计|总数)?(?:为|达|是)?(?P<n>{NUM[1:-1]}){_UNIT}")


def _p(text: str) -> re.Pattern[str]:
    return lazy(text.replace("{NUM}", f"(?P<n>{NUM[1:-1]})").replace("{UNIT}", _UNIT)
                      .replace("{GAP}", _GAP).replace("{GI}", _GI))


def _result_name(kind: str) -> str:
    return f"表三“{kind}”各项总计"


def _t3_label(row: int) -> str:
    return f"表三“{TABLE3.row_labels[row]}”总计"


SUBJECTS: tuple[Subject, ...] = (
    Subject(_t3_label(T3_NEW), _p(r"(?:收到|受理|新收|接收|接到)(?:了)?{GAP}{GI}(?:共计|共|合计|总计|数|量)?(?:为)?{GAP}{NUM}{UNIT}"),
            _t3((T3_NEW,)), also=_t3((T3_NEW, T3_CARRIED_IN)), whole=True),
    Subject(_t3_label(T3_NEW), _p(r"{GI}(?:的)?(?:受理量|受理数|收到数|数量)(?:为|是|共|共计)?{GAP}{NUM}{UNIT}"),
            _t3((T3_NEW,)), also=_t3((T3_NEW, T3_CARRIED_IN)), whole=True),
    Subject(_t3_label(T3_NEW), _p(r"(?:未|没有|无)(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?:政府信息公开|信息公开|依申请公开)申请"), _t3((T3_NEW,))),
    Subject(_t3_label(T3_CARRIED_IN), _p(r"上(?:一)?年(?:度)?结转{GAP}{NUM}{UNIT}"), _t3((T3_CARRIED_IN,)), needs="申请"),
    Subject(_t3_label(T3_CARRIED_OUT), _p(r"结转(?:至|到)?下(?:一)?年(?:度)?继续办理{GAP}{NUM}{UNIT}"), _t3((T3_CARRIED_OUT,))),
    Subject(_t3_label(T3_CARRIED_OUT), _p(r"结转(?:至|到)?下(?:一)?年(?:度)?(?!继续办理){GAP}{NUM}{UNIT}"), _t3((T3_CARRIED_OUT,)), needs="申请"),
    # “All of them done”: of the year's applications as a whole — not of a few (其余, 除…外, “5件…申请”),
    # nor beside the pending ones it names; 按时答复 is about time, not about 结转.
    Subject(_t3_label(T3_CARRIED_OUT), _p(r"(?:均已|全部|已全部)(?:(?:按时|按期|依法)?办结|答复)"), _t3((T3_CARRIED_OUT,)),
            needs=_GI, needs_in_sentence=True, unless=rf"其余|其他|剩余|另|除.{{0,20}}外|结转(?:至|到)?下一?年|{_SOME}"),
    # “以公开形式答复”, “当面答复”: a way of answering, a part of the total.
    Subject(_t3_label(T3_RESULT_TOTAL), _p(rf"{_ANSWERED}(?:了)?(?:{{GI}}|申请)?(?:共计|共)?{{NUM}}{{UNIT}}"), _t3((T3_RESULT_TOTAL,)),
            needs=rf"{_GI}|(?:办结|答复)了?申请", needs_in_sentence=True, less=_t3(T3_OTHER_ROWS),  # not 行政许可申请…办结480件
            unless=r"终止|撤回|未补正|逾期|不予处理|其他处理", whole=True),
    *(Subject(_result_name(name), _p(rf"{name}(?<!不{name})(?:的)?{{NUM}}{{UNIT}}"), _t3(rows))
      for name, rows in T3_RESULT_KINDS.items()),
    # Cases are counted only where the sentence says they are about 信息公开 (a government also
    # decides 复议, publishes 复议决定书 and defends 诉讼 on everything else).
    Subject(_t4_name(T4_REVIEW), _p(r"行政复议(?:案件)?{GAP}{NUM}{UNIT}"), _t4(T4_REVIEW), needs="信息公开",
            needs_in_sentence=True, whole=True),
    Subject(_t4_name(T4_LITIGATION), _p(r"行政诉讼(?:案件)?{GAP}{NUM}{UNIT}"), _t4(T4_LITIGATION), needs="信息公开",
            needs_in_sentence=True, whole=True),
    Subject(_t4_name(T4_REVIEW), _p(r"(?:未|没有)(?:发生|出现|收到)?(?:因政府信息公开(?:工作)?)?(?:被)?(?:申请)?行政复议"),
            _t4(T4_REVIEW)),
    Subject(_t4_name(T4_LITIGATION), _p(r"(?:未|没有)(?:发生|出现)?(?:因政府信息公开(?:工作)?)?(?:被申请)?(?:行政复议[、和及或与]?)?(?:被)?(?:提起)?行政诉讼"),
            _t4(T4_LITIGATION)),
    Subject(_t2_name(T2_NORMATIVE, T2_ISSUED), _p(r"(?:制发|印发|出台|发布)(?:了)?(?:行政)?规范性文件{GAP}{NUM}{UNIT}"),
            _t2(T2_NORMATIVE, T2_ISSUED), whole=True),
    Subject(_t2_name(T2_NORMATIVE, T2_REPEALED), _p(r"废止(?:了)?(?:行政)?规范性文件{GAP}{NUM}{UNIT}"),
            _t2(T2_NORMATIVE, T2_REPEALED), whole=True),
    Subject(_t2_name(T2_NORMATIVE, T2_IN_FORCE), _p(r"现行有效(?:的)?(?:行政)?规范性文件{GAP}{NUM}{UNIT}"),
            _t2(T2_NORMATIVE, T2_IN_FORCE), whole=True),
    *(Subject(_t2_name(T2_ROW[kind], T2_ONLY_COL), _p(rf"{kind}决定{{GAP}}{{NUM}}{{UNIT}}"), _t2(T2_ROW[kind], T2_ONLY_COL),
              whole=True)  # “处罚决定30件，其中交通运输类12件”: a part after 其中
      for kind in T2_DECISION_ROWS),
)


# Every subject's pattern as one: a sentence it finds nothing in (nearly every sentence) is not
# tried against each subject in turn.
# Each pattern's leading choice of words is spread over the whole (“(?:未|没有)X” → “未X|没有X”: the
# same sentences match), so that every alternative begins with a character: the engine then
# skips to the next character that can begin one instead of trying every pattern at every
# character of every sentence.
def _words_first(pattern: str) -> list[str]:
    if not pattern.startswith("(?:"):
        return [pattern]
    depth, alternatives, start = 0, [], 3
    for i, c in enumerate(pattern):
        if c == "\\":
            return [pattern]  # an escape: not taken apart
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                alternatives.append(pattern[start:i])
                rest = pattern[i + 1 :]
                if rest.startswith(("?", "*", "+", "{")) or any(a[:1] in ("", "(", "[", ".") for a in alternatives):
                    return [pattern]
                return [a + rest for a in alternatives]
        elif c == "|" and depth == 1:
            alternatives.append(pattern[start:i])
            start = i + 1
    return [pattern]


_ANY_SUBJECT = lazy("|".join(f"(?:{alternative})" for s in SUBJECTS
                             for alternative in _words_first(source(s.pattern).replace("(?P<n>", "(?:"))))


def _value(report: Report, cells: Cells) -> int | None:
    vals = [report.value(c) for c in cells]
    if all(v is None for v in vals):
        return None
    return int(sum(as_number(v) for v in vals))


def _readings(report: Report, subject: Subject, table: int) -> set[int]:
    """The figures a statement about ``subject`` may rightly give."""
    out = {table}
    if subject.also and (also := _value(report, subject.also)) is not None:
        out.add(also)
    if subject.less:
        out.add(table - (_value(report, subject.less) or 0))
    return out


@lru_cache(maxsize=4096)  # per paragraph text: a keystroke re-reads only its paragraph
def statements(text: str) -> tuple[tuple[Subject, int, int, int], ...]:
    return tuple(_statements(text))


def _statements(text: str) -> Iterator[tuple[Subject, int, int, int]]:
    """(subject, stated number, start, end) found in one paragraph.  A subject that needs
    context (申请) finds it in the paragraph: reports state the total in one sentence and the
    breakdown in the next."""
    # Looked up once per paragraph, not per sentence: a 1 MB paragraph has 20,000 sentences.
    in_text = {subject.needs: re.search(subject.needs, text) is not None for subject in SUBJECTS if subject.needs}
    for sentence in _SENTENCE.finditer(text):
        s = sentence.group()
        if _NOT_GI.search(s):
            continue
        sums = list(_SUM.finditer(s))
        for m in sums:
            n = cn_number(m.group("n"))
            if n is not None and not m.group("each"):  # “分别为8件、2件” is no sum
                yield _sum_subject(m.group("kinds")), n, sentence.start() + m.start(), sentence.start() + m.end()
        if not _ANY_SUBJECT.search(s):
            continue  # no subject's pattern matches anywhere in the sentence
        part_from = s.find("其中")
        if part_from >= 0 and not any(w.whole and w.pattern.search(s[:part_from]) for w in SUBJECTS):
            part_from = -1  # “其中，新收申请12件…” after last sentence's total: whole figures still
        for subject in SUBJECTS:
            if subject.needs and not (re.search(subject.needs, s) if subject.needs_in_sentence else in_text[subject.needs]):
                continue
            if subject.unless and re.search(subject.unless, s):
                continue
            for m in subject.pattern.finditer(s):
                if any(m.start() < t.end() and t.start() < m.end() for t in sums):
                    continue  # one of several results named together: the sum was compared
                if _narrowed(s, m, subject):
                    continue
                kind = _RESULT_NAMES.get(subject.name)
                inc = _INCLUDES.match(s, m.end()) if kind else None
                if inc is not None and (n := cn_number(m.group("n"))) is not None:
                    # “予以公开8件（含部分公开2件）”: the figure says itself it is the sum of both.
                    yield (_sum_subject(f"{kind}、{inc.group('kind')}"), n,
                           sentence.start() + m.start(), sentence.start() + inc.end())
                    continue
                if subject.whole and 0 <= part_from < m.start():
                    continue  # “办结13件，其中以公开形式答复8件”: a part of the total just stated
                n = cn_number(m.group("n")) if "n" in subject.pattern.groupindex else 0
                if n is not None:
                    yield subject, n, sentence.start() + m.start(), sentence.start() + m.end()


_RESULT_NAMES = {_result_name(name): name for name in T3_RESULT_KINDS}
_INCLUDES = lazy(rf"\s*[（(]\s*(?:含|包括|包含)(?P<kind>{_KIND})(?:的)?(?:申请)?{NUM}{_UNIT}[）)]?")


def _narrowed(s: str, m: re.Match[str], subject: Subject) -> bool:
    """Whether the statement ``m`` of sentence ``s`` is about a part of its subject: an applicant
    kind or a channel in its clause before the figure (表三), or what follows a statement of none."""
    counted = "n" in subject.pattern.groupindex
    if not counted:
        return _NONE_OF_A_KIND.match(s, m.end()) is not None
    if subject.cells[0].table != REQUESTS:
        return False
    clause_from = scope.clause_from(s, m.start())
    named = {w.group() for w in _NARROW.finditer(s, clause_from, m.start("n"))}
    # A list closed by 等/各种 (“通过当面、信函、网络等各种渠道”), or every applicant named
    # (自然人、法人或其他组织): the whole, not a part (rev23 L11).
    every = _EVERY.search(s, clause_from, m.start("n")) is not None or {T3_NATURAL, T3_LEGAL} <= named
    return bool(named) and not every


@lru_cache(maxsize=64)
def _sum_subject(kinds: str) -> Subject:
    """The sum of the results named in “全部公开和部分公开”, as a subject of its own."""
    names = list(dict.fromkeys(_KIND_WORDS[k] for k in re.findall(_KIND, kinds)))
    rows = tuple(r for name in names for r in T3_RESULT_KINDS[name])
    label = "与".join(f"“{name}”" for name in names)
    return Subject(f"表三{label}各项之和", _SUM, _t3(rows))


class Claim:
    """One statement of the narrative, read once per paragraph text: a table edit compares the
    claims it already has with the new table values instead of reading the text again."""

    __slots__ = ("_made", "end", "n", "paragraph", "quote", "section", "start", "subject")

    def __init__(self, section: str, paragraph: int, subject: Subject, n: int, start: int, end: int,
                 quote: str) -> None:
        self.section, self.paragraph, self.subject, self.n = section, paragraph, subject, n
        self.start, self.end, self.quote = start, end, quote
        # The finding last made for a table figure: the same Finding object while nothing it
        # says changed, so that the panel's diff of an edit's findings is an identity test.
        self._made: tuple[int, Finding] | None = None

    def finding(self, table: int) -> Finding:
        made = self._made  # read once: the batch window checks in a thread of its own
        if made is not None and made[0] == table:
            return made[1]
        subject, n, quote = self.subject, self.n, self.quote
        if "n" in subject.pattern.groupindex:
            message = f"正文“{quote}”说的是{n}，{subject.name}为{table}，两者不一致"
        else:
            message = f"正文说“{quote}”，但{subject.name}为{table}"
        found = TEXT_TABLE_MISMATCH.at(
            Location(self.section, subject.cells, Span(self.paragraph, self.start, self.end)), message)
        self._made = (table, found)
        return found


def claims(report: Report) -> tuple[Claim, ...]:
    """Every statement of the narrative about the report's year, in text order: what ``compare``
    holds the tables to.  A figure of another year or period (“2023年收到…10件”, “上年度…”,
    “近三年…”, “1-11月…”, “第一季度…”) is no statement about this year's table (app/checks/scope.py)."""
    out: list[Claim] = []
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            text = para.text
            out += [Claim(key, i, subject, n, start, end, text[start:end])
                    for subject, n, start, end in statements(text)
                    if not scope.other_period(text, start, report.year)]
    return tuple(out)


def compare(report: Report, found: tuple[Claim, ...]) -> Iterator[Finding]:
    """The claims the tables contradict: linear in the claims, the text is not read."""
    seen: set[tuple[str, str, int, int]] = set()
    values: dict[Cells, int | None] = {}  # many claims name the same cells
    for claim in found:
        subject = claim.subject
        cells = subject.cells
        table = values[cells] if cells in values else values.setdefault(cells, _value(report, cells))
        if table is None or claim.n in _readings(report, subject, table):
            continue
        where = (claim.section, subject.name, claim.paragraph, claim.start)
        if where in seen:
            continue
        seen.add(where)
        yield claim.finding(table)


def check(report: Report) -> Iterator[Finding]:
    yield from compare(report, claims(report))


def other_handling(report: Report, share: float = 0.3) -> Iterator[Finding]:
    grid = report.tables[REQUESTS]
    total = as_number(grid[(T3_RESULT_TOTAL, T3_COL_TOTAL)])
    other = sum(as_number(grid[(r, T3_COL_TOTAL)]) for r in T3_OTHER_ROWS)
    if total and other / total > share:
        yield OTHER_HANDLING_HIGH.at(
            Location(REQUESTS, _t3(T3_OTHER_ROWS)),
            f"“{T3_OTHER_GROUP}”共{other}件，占办理结果总计{total}件的{other * 100 // total}%，"
            f"比例偏高，主管部门会关注，建议在正文中说明原因",
            inputs=(format_value(total),),  # the share's other half: 总计 100→40 is a new question
        )


def check_all(report: Report) -> Iterator[Finding]:
    yield from check(report)
    yield from other_handling(report)
