"""Duplicated text: passages that appear twice (DUP-PARAGRAPH) and stutters (DUP-PHRASE).

Text is compared folded (app/textfold.py: white space, full-/half-width forms, quotes, 。).  Sentences are the
unit: a sentence of 20+ characters that appears twice anywhere in the report — in one
paragraph, in two sections — is a duplicate; so is a near-identical one (a few characters
differ), found through shared character 4-grams and confirmed by a similarity ratio — unless a
figure differs (第3项 / 第4项: a numbered list, not a copy) or it is one of three or more
paragraphs in a row alike but for a name (one per 社区).  Runs of duplicated sentences are
reported once, and a run only goes on over sentences that are copies of each other, so a
finding's span never covers text that is not written twice.  Per-paragraph work is cached by the paragraph's text,
so a rerun after a keystroke only re-reads the paragraph that changed.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import chain, repeat
from typing import NamedTuple

from app.findings import (
    DUP_NEAR,
    DUP_NEAR_SKIPPED,
    DUP_PARAGRAPH,
    DUP_PHRASE,
    DUP_PHRASE_MANY,
    Finding,
    Location,
    Span,
)
from app.patterns import lazy
from app.report import Report
from app.schema import ALL_TEXT_KEYS, section_name
from app.textfold import fold_sentence

MIN_CHARS = 20  # shorter repeats are phrases, not passages
NEAR = 0.9  # similarity ratio above which two sentences are “the same passage”
# [。！？；!?;]+ or a line break, written as alternatives that each begin with their mark: the
# engine then skips to the next mark instead of trying the pattern at every character.
_SENTENCE_END = lazy("|".join(f"{re.escape(c)}[。！？；!?;]*" for c in "。！？；!?;") + r"|\n")


class Sentence(NamedTuple):
    """One sentence of the narrative.  A named tuple: a check makes one per sentence and keys
    dicts and sets by them (made and hashed in C, where a frozen dataclass set each field and
    hashed in Python)."""

    section: str
    paragraph: int
    start: int  # offsets in the paragraph's text
    end: int
    norm: str  # folded text used for comparison
    text: str  # as written, for quoting

    def location(self, others: tuple[Location, ...] = ()) -> Location:
        return Location(self.section, span=Span(self.paragraph, self.start, self.end), others=others)

    def where(self) -> str:
        return f"{section_name(self.section)}第{self.paragraph + 1}段"


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, folded) of each sentence of a paragraph, the end mark included."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if norm := fold_sentence(text[start : m.end()]):
            out.append((start, m.end(), norm))
        start = m.end()
    if norm := fold_sentence(text[start:]):
        out.append((start, len(text), norm))
    return tuple(out)


def sentences(report: Report) -> list[Sentence]:
    out: list[Sentence] = []
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            text = para.text
            out += [Sentence(key, i, s, e, n, text[s:e]) for s, e, n in _split(text)]
    return out


@lru_cache(maxsize=16384)
def _grams(norm: str) -> frozenset[str]:
    """A fixed third of the sentence's 4-grams (chosen by hash, so two copies choose alike):
    near-identical sentences still share most of them, at a third of the counting."""
    every = {norm[i : i + 4] for i in range(len(norm) - 3)}
    memo = _memo  # this one throughout: another thread's check may start a new one meanwhile
    new = every.difference(memo.known)
    if new:  # chosen first: a gram another thread finds known is already chosen if it is
        memo.chosen.update(g for g in new if zlib.crc32(g.encode()) % 3 == 0)
        memo.known |= new
    # An intersection of two sets, in C: a third of the time that looking each gram up took.
    some = frozenset(every.intersection(memo.chosen))
    if len(memo.known) > _MEMO_MAX:
        forget_grams()
    return some if len(some) >= 6 else frozenset(every)


class _Memo:
    """Which 4-grams are known, and which of them are among the third kept (crc32: the same in
    every run, unlike hash()).  A report's text has far fewer distinct 4-grams than 4-grams, so
    the answer is remembered."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.chosen: set[str] = set()


# Replaced, never emptied in place, when it grows past what a pasted megabyte would make: the
# batch window checks in a thread of its own, and a gram another thread's check emptied out of
# `chosen` after this one found it `known` would be lost from this sentence's grams.
_memo = _Memo()
_MEMO_MAX = 500_000


def forget_grams() -> None:
    global _memo
    _memo = _Memo()


_COMMON = 12  # a 4-gram in more sentences than this (政府信息公开…) says nothing about copying


# Near-identical sentences are looked for in up to this much text (a real report has tens of
# thousands of characters); beyond it only exact repeats are, and a hint says so — the check
# stays within about a second on a pasted megabyte.
NEAR_BUDGET_CHARS = 300_000


def _pairs(items: list[Sentence], near: bool = True) -> Iterator[tuple[Sentence, Sentence]]:
    """(earlier, later) pairs of the same or near-identical long sentences."""
    long = [s for s in items if len(s.norm.rstrip(".;!?")) >= MIN_CHARS]
    first: dict[str, Sentence] = {}
    index: dict[str, list[int]] = {}
    grams = [_grams(s.norm) for s in long] if near else []
    needs = [0.6 * len(g) for g in grams]  # the share of a sentence's grams a near copy has
    for j, s in enumerate(long):
        if s.norm in first:
            yield first[s.norm], s
            continue
        first[s.norm] = s
        if not near:
            continue
        seen: list[list[int]] = []  # the postings of this sentence's grams met before
        for g in grams[j]:
            p = index.get(g)
            if p is None:
                index[g] = [j]
            else:
                seen.append(p)
        # Counted in C; looked at earliest first, so that the copy a near duplicate is paired
        # with does not depend on the order a set of strings happens to have in this process.
        shared = Counter(chain.from_iterable([p for p in seen if len(p) <= _COMMON]))
        for p in seen:
            p.append(j)
        need = needs[j]
        # n ≥ min(need, needs[i]), filtered before sorting: of the sentences sharing a gram
        # with this one (a few dozen), only a few share enough to be compared.
        for i in sorted([i for i, n in shared.items() if n >= need or n >= needs[i]]):
            if _similar(long[i].norm, s.norm):
                yield long[i], s
                break


@lru_cache(maxsize=16384)
def _similar(a: str, b: str) -> bool:
    if 2 * min(len(a), len(b)) < NEAR * (len(a) + len(b)):
        return False  # the ratio cannot reach NEAR whatever the content
    # SequenceMatcher.quick_ratio(): the characters the two share, as multisets — each
    # sentence's counted once (it meets several candidates), the minima summed in C.
    ca, cb = _chars(a), _chars(b)
    if 2.0 * sum(map(min, ca.values(), map(cb.get, ca, repeat(0)))) / (len(a) + len(b)) < NEAR:
        return False
    if SequenceMatcher(None, a, b, autojunk=False).ratio() < NEAR:
        return False
    # Sentences that differ in a figure say different things (“第3项…”, “第4项…”; “收到5件”,
    # “收到6件”): a numbered list or a run of template paragraphs, not a copy.
    return _figures(a) == _figures(b)


@lru_cache(maxsize=16384)
def _chars(norm: str) -> dict[str, int]:
    """How many times each character occurs in a folded sentence."""
    return dict(Counter(norm))


# A figure: Arabic digits (the fold made full-width ones ASCII), or Chinese numerals where they
# count something — after 第 or before a measure word — so that 统一, 进一步 are words, not figures.
_FIGURE = lazy(r"\d+(?:\.\d+)?[十百千万亿]*|(?<=第)[〇零一二两三四五六七八九十百千万亿]+"
               r"|[〇零一二两三四五六七八九十百千万亿]+(?=[件项段条个次年月日号人家名份元所户起批类部篇期季])")


def _figures(norm: str) -> list[str]:
    return _FIGURE.findall(norm)


def same_text(a: str, b: str) -> bool:
    """Whether two folded sentences are one passage written twice: equal, or near-identical
    with the same figures."""
    return a == b or _similar(a, b)


def duplicates(report: Report) -> Iterator[Finding]:
    items = sentences(report)
    pos = {s: i for i, s in enumerate(items)}
    chars = sum(len(s.norm) for s in items)
    near = chars <= NEAR_BUDGET_CHARS
    if not near:
        # Filed where most of the text is: the section a large paste went into, not the first one.
        sizes: Counter[str] = Counter()
        for s in items:
            sizes[s.section] += len(s.norm)
        yield DUP_NEAR_SKIPPED.at(Location(sizes.most_common(1)[0][0]),
                                  f"正文共{chars}字，过长，只检查了完全相同的重复，未检查几乎相同的句子；"
                                  "请先删除误粘贴的大段内容后再检查")
    pairs = _without_lists(sorted(_pairs(items, near), key=lambda p: pos[p[1]]))
    pair_set = set(pairs)
    reported: set[Sentence] = set()
    for a, b in pairs:
        if b in reported:
            continue
        run = [(a, b)]  # extend over the following sentences, duplicated in step
        ia, ib = pos[a], pos[b]
        while ib + len(run) < len(items) and ia + len(run) < ib:
            na, nb = items[ia + len(run)], items[ib + len(run)]
            if (na.section, nb.section) != (a.section, b.section):
                break  # a passage is reported within its sections; the next section anew
            if not _in_step(na, nb, pair_set, near):
                break
            run.append((na, nb))
        reported.update(s for _, s in run)
        yield _dup_finding(run)


def _without_lists(pairs: list[tuple[Sentence, Sentence]]) -> list[tuple[Sentence, Sentence]]:
    """The pairs less those of a list of template paragraphs: three or more paragraphs in a row,
    each with a near-identical but different sentence (“小港社区依法公开…”, “红联社区依法公开…”,
    one per 社区).  They are items of a list, not copies; two such paragraphs are still
    reported, since one paragraph pasted twice and then edited looks just the same."""
    partners: dict[Sentence, list[Sentence]] = defaultdict(list)
    for a, b in pairs:
        if a.norm != b.norm:
            partners[a].append(b)
    listed: set[Sentence] = set()
    for a, later in partners.items():
        if len(later) < 2:
            continue
        members = sorted([a, *later], key=lambda s: (s.section, s.paragraph, s.start))
        chain = [members[0]]
        for s in [*members[1:], None]:  # None: closes the last chain
            prev = chain[-1]
            if s is not None and s.section == prev.section and s.paragraph - prev.paragraph == 1:
                chain.append(s)
                continue
            if len({c.norm for c in chain}) >= 3:
                listed.update(chain)
            if s is not None:
                chain = [s]
    if not listed:
        return pairs
    return [(a, b) for a, b in pairs if a.norm == b.norm or not (a in listed and b in listed)]


def _in_step(a: Sentence, b: Sentence, pairs: set[tuple[Sentence, Sentence]], near: bool) -> bool:
    """Whether ``b`` continues a run as the copy of ``a``: the same text, or — for a long
    sentence — ``a`` the very copy it was paired with.  Merely similar is not enough: in a
    list of template paragraphs (“附件说明第N段：…”, one per 社区) each is similar to every
    other, and a run built from that would span several distinct paragraphs."""
    if a.norm == b.norm or (a, b) in pairs:
        return True
    return near and len(b.norm.rstrip(".;!?")) < MIN_CHARS and _similar(a.norm, b.norm)


def _dup_finding(run: list[tuple[Sentence, Sentence]]) -> Finding:
    first, second = run[0]
    last_first, last_second = run[-1]
    exact = all(x.norm == y.norm for x, y in run)
    chars = sum(len(y.norm) for _, y in run)
    quote = _clip(second.text.strip())
    if (first.section, first.paragraph) == (second.section, second.paragraph):
        where = f"在{second.where()}中写了两遍"
    else:
        where = f"前一处在{first.where()}，后一处在{second.where()}"
    how = "重复" if exact else "几乎相同（个别字不同）"
    span_a = _span(first, last_first)
    span_b = _span(second, last_second)
    other = Location(first.section, span=span_a)
    message = f"“{quote}”（{chars}字）内容{how}：{where}"
    return (DUP_PARAGRAPH if exact else DUP_NEAR).at(Location(second.section, span=span_b, others=(other,)), message)


def _span(first: Sentence, last: Sentence) -> Span:
    if last.paragraph == first.paragraph:
        return Span(first.paragraph, first.start, last.end)
    return Span(first.paragraph, first.start, last.end, last.paragraph)


def is_copy(report: Report, location: Location) -> bool:
    """Whether a duplicate's span is, sentence by sentence, the same text as its other copy
    (equal or near-identical with the same figures) and apart from it: what 删除此处重复
    checks before deleting, so that it never removes text written nowhere else."""
    other = location.others[0] if location.others else None
    if location.span is None or other is None or other.span is None:
        return False
    here, there = location.span, other.span
    if location.section == other.section and not (
            (here.last_paragraph, here.end) <= (there.paragraph, there.start)
            or (there.last_paragraph, there.end) <= (here.paragraph, here.start)):
        return False  # overlapping copies: deleting one would take part of the other
    mine, theirs = _folded(report, location.section, here), _folded(report, other.section, there)
    if not mine or theirs is None or len(mine) != len(theirs):
        return False
    return all(map(same_text, mine, theirs))


def _folded(report: Report, key: str, span: Span) -> list[str] | None:
    paragraphs = report.sections.get(key, [])
    if span.last_paragraph >= len(paragraphs):
        return None
    lengths = {i: len(paragraphs[i].text) for i in range(span.paragraph, span.last_paragraph + 1)}
    return [n for p, s, e in span.parts(lengths) for _, _, n in _split(paragraphs[p].text[s:e])]


def _clip(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"


# -- stutters ---------------------------------------------------------------------------------

_CJK = "\u4e00-\u9fff"
_WORD_TWICE = lazy(rf"([{_CJK}0-9]{{2,12}}?)\1")
_CLAUSE_TWICE = lazy(rf"([{_CJK}]{{4,30}}+)[，、,]\1(?=[，。；、,;]|$)")
_PUNCT_TWICE = lazy(r"([，。、；：,])\1")
# Function characters that a careless paste doubles (“的的”, “和和”) — flagged unless the pair
# is the end of one word and the start of the next (目的的, 为了了解, 以及及时, 可以以).
_FUNCTION_CHARS = "的了在是和与及对将把被从并以于向经"
_SINGLE_TWICE = lazy(rf"([{_FUNCTION_CHARS}])\1")
_WORD_ENDS = set(
    ["目的", "有的", "是的", "为了", "除了", "到了", "了了", "现在", "存在", "正在", "实在", "所在", "是在", "总是", "但是", "就是", "还是", "于是", "凡是", "可是", "只是", "或是", "而是", "这是", "都是", "也是", "若是", "要是", "即是", "总和", "共和", "温和", "缓和", "参与", "给与", "以及", "涉及", "普及", "危及", "针对", "相对", "面对", "核对", "校对", "即将", "必将", "终将", "一把", "被被", "自从", "服从", "合并", "兼并", "可以", "所以", "难以", "予以", "加以", "得以", "给以", "由于", "关于", "对于", "属于", "等于", "至于", "在于", "处于", "位于", "趋于", "方向", "面向", "导向", "转向", "走向", "偏向", "已经", "曾经", "神经", "财经"]
)
_WORD_STARTS = set(
    ["的确", "了解", "在于", "在此", "是否", "是非", "和谐", "与其", "及时", "及其", "对于", "对象", "对外", "对照", "对接", "将来", "将近", "把握", "把关", "被告", "从而", "从事", "从严", "并且", "并非", "以及", "以来", "以上", "以下", "以前", "以后", "以便", "以往", "于是", "向前", "向上", "经过", "经济", "经验", "经费", "经营", "经办"]
)
# Legitimate repeats: reduplicated verbs and measure words, and idioms with a doubled unit.
_LEGIT = (
    "研究研究", "讨论讨论", "商量商量", "了解了解", "学习学习", "一个一个", "一件一件", "一项一项",
    "一条一条", "一步一步", "一年一年", "一批一批", "一次一次", "不了了之", "实实在在",
)


MAX_STUTTERS = 200  # beyond this the text is pasted junk: listing every stutter helps nobody


def stutters(report: Report) -> Iterator[Finding]:
    count = 0
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            found = _stutters(para.text)
            for start, end, unit in found:
                count += 1
                if count > MAX_STUTTERS:
                    message = (f"重复字词过多，只列出了前{MAX_STUTTERS}处；这段文字可能是误粘贴的，"
                               "请先检查并删除重复粘贴的内容")
                    yield DUP_PHRASE_MANY.at(Location(key, span=Span(i, start, end)), message)
                    return
                shown = para.text[max(0, start - 4) : end + 4]
                message = f"“{shown}”中“{unit}”连续重复，疑为多打"
                yield DUP_PHRASE.at(Location(key, span=Span(i, start, end)), message)


@lru_cache(maxsize=4096)
def _stutters(text: str) -> tuple[tuple[int, int, str], ...]:
    found: list[tuple[int, int, str]] = []  # kept sorted and without overlaps
    starts: list[int] = []

    def add(start: int, end: int, unit: str) -> None:
        # Bisect for the neighbours: a paragraph that is one word pasted 50,000 times has
        # tens of thousands of stutters, and comparing each with all would be quadratic.
        i = bisect.bisect_left(starts, start)
        if i > 0 and found[i - 1][1] > start:
            return
        if i < len(found) and found[i][0] < end:
            return
        starts.insert(i, start)
        found.insert(i, (start, end, unit))

    def enough() -> bool:  # only MAX_STUTTERS are ever shown: a pasted megabyte stops early
        return len(found) > MAX_STUTTERS

    for m in _CLAUSE_TWICE.finditer(text):
        add(m.start(), m.end(), m.group(1))
        if enough():
            return tuple(found)
    for m in _WORD_TWICE.finditer(text):
        unit = m.group(1)
        if len(set(unit)) > 1 and re.search(f"[{_CJK}]", unit) and not _in_legit(text, m.start(), m.end()):
            add(m.start(), m.end(), unit)
            if enough():
                return tuple(found)
    for m in _SINGLE_TWICE.finditer(text):
        if not _single_is_legit(text, m.start()):
            add(m.start(), m.end(), m.group(1))
            if enough():
                return tuple(found)
    for m in _PUNCT_TWICE.finditer(text):
        add(m.start(), m.end(), m.group(1))
        if enough():
            break
    return tuple(found)


def _in_legit(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 4) : end + 4]
    return any(w in window and w.find(text[start:end]) >= 0 for w in _LEGIT)


def _single_is_legit(text: str, start: int) -> bool:
    """XX where the first X ends a word or the second starts one, or AABB (认认真真)."""
    before = text[start - 1 : start + 1] if start > 0 else ""
    after = text[start + 1 : start + 3]
    if before in _WORD_ENDS or after in _WORD_STARTS or _in_legit(text, start, start + 2):
        return True
    prev2, next2 = text[max(0, start - 2) : start], text[start + 2 : start + 4]
    return (len(prev2) == 2 and prev2[0] == prev2[1]) or (len(next2) == 2 and next2[0] == next2[1])


def check(report: Report) -> Iterator[Finding]:
    yield from duplicates(report)
    yield from stutters(report)
