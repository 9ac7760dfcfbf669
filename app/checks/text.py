"""Duplicated text: passages that appear twice (DUP-PARAGRAPH) and stutters (DUP-PHRASE).

Text is compared after folding white space and full-/half-width forms.  Sentences are the
unit: a sentence of 20+ characters that appears twice anywhere in the report — in one
paragraph, in two sections — is a duplicate; so is a near-identical one (a few characters
differ), found through shared character 4-grams and confirmed by a similarity ratio.  Runs of
duplicated sentences are reported once.  Per-paragraph work is cached by the paragraph's text,
so a rerun after a keystroke only re-reads the paragraph that changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from app.findings import Finding, Location, Severity, Span
from app.report import Report
from app.schema import ALL_TEXT_KEYS, PREAMBLE, SECTION_BY_KEY

MIN_CHARS = 20  # shorter repeats are phrases, not passages
NEAR = 0.9  # similarity ratio above which two sentences are “the same passage”
_SENTENCE_END = re.compile(r"[。！？；!?;]+|\n")
_FOLD = str.maketrans({"，": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?"})


@dataclass(frozen=True)
class Sentence:
    section: str
    paragraph: int
    start: int  # offsets in the paragraph's text
    end: int
    norm: str  # folded text used for comparison
    text: str  # as written, for quoting

    def location(self, others: tuple[Location, ...] = ()) -> Location:
        return Location(self.section, span=Span(self.paragraph, self.start, self.end), others=others)

    def where(self) -> str:
        name = "前言" if self.section == PREAMBLE else SECTION_BY_KEY[self.section].heading
        return f"{name}第{self.paragraph + 1}段"


def fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).translate(_FOLD)


@lru_cache(maxsize=4096)
def _split(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, folded) of each sentence of a paragraph, the end mark included."""
    out: list[tuple[int, int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if fold(text[start : m.end()]):
            out.append((start, m.end(), fold(text[start : m.end()])))
        start = m.end()
    if fold(text[start:]):
        out.append((start, len(text), fold(text[start:])))
    return tuple(out)


def sentences(report: Report) -> list[Sentence]:
    out: list[Sentence] = []
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            text = para.text
            out += [Sentence(key, i, s, e, n, text[s:e]) for s, e, n in _split(text)]
    return out


def _grams(norm: str) -> frozenset[str]:
    return frozenset(norm[i : i + 4] for i in range(len(norm) - 3))


def _pairs(items: list[Sentence]) -> Iterator[tuple[Sentence, Sentence]]:
    """(earlier, later) pairs of the same or near-identical long sentences."""
    long = [s for s in items if len(s.norm.rstrip(".;!?")) >= MIN_CHARS]
    first: dict[str, Sentence] = {}
    index: dict[str, list[int]] = defaultdict(list)
    grams = [_grams(s.norm) for s in long]
    for j, s in enumerate(long):
        if s.norm in first:
            yield first[s.norm], s
            continue
        first[s.norm] = s
        shared: dict[int, int] = defaultdict(int)
        for g in grams[j]:
            for i in index[g]:
                shared[i] += 1
        for i, n in shared.items():
            if n >= 0.6 * min(len(grams[i]), len(grams[j])) and _similar(long[i].norm, s.norm):
                yield long[i], s
                break
        for g in grams[j]:
            index[g].append(j)


def _similar(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR


def duplicates(report: Report) -> Iterator[Finding]:
    items = sentences(report)
    pos = {s: i for i, s in enumerate(items)}
    pairs = sorted(_pairs(items), key=lambda p: pos[p[1]])
    pair_set = set(pairs)
    reported: set[Sentence] = set()
    for a, b in pairs:
        if b in reported:
            continue
        run = [(a, b)]  # extend over the following sentences, duplicated in step
        ia, ib = pos[a], pos[b]
        while ib + len(run) < len(items) and ia + len(run) < ib:
            na, nb = items[ia + len(run)], items[ib + len(run)]
            if (na, nb) not in pair_set and not (na.norm == nb.norm or _similar(na.norm, nb.norm)):
                break
            run.append((na, nb))
        reported.update(s for _, s in run)
        yield _dup_finding(run)


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
    span_a = Span(first.paragraph, first.start, last_first.end if last_first.paragraph == first.paragraph else first.end)
    span_b = Span(second.paragraph, second.start, last_second.end if last_second.paragraph == second.paragraph else second.end)
    other = Location(first.section, span=span_a)
    message = f"“{quote}”（{chars}字）内容{how}：{where}"
    return Finding("DUP-PARAGRAPH", Severity.ERROR if exact else Severity.WARNING,
                   Location(second.section, span=span_b, others=(other,)), message)


def _clip(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"


# -- stutters ---------------------------------------------------------------------------------

_CJK = "\u4e00-\u9fff"
_WORD_TWICE = re.compile(rf"([{_CJK}0-9]{{2,12}}?)\1")
# Characters Chinese never doubles (as opposed to 常常, 人人, 年年, 层层, 一一, 看看 …).
_NEVER_DOUBLED = "的了在是和与及对将把被从并或而以于向按经已就也由使其之各该本"
_SINGLE_TWICE = re.compile(rf"([{_NEVER_DOUBLED}])\1")
_PUNCT_TWICE = re.compile(r"([，。、；：,])\1")
# Legitimate repeats: reduplicated verbs and measure words, and idioms with a doubled char.
_LEGIT = {
    "研究研究", "讨论讨论", "商量商量", "了解了解", "一个一个", "一件一件", "一项一项", "一条一条",
    "一步一步", "一年一年", "一批一批", "一次一次", "不了了之", "实实在在", "是是非非", "的的确确",
    "在在", "年年", "层层",
}


def stutters(report: Report) -> Iterator[Finding]:
    for key in ALL_TEXT_KEYS:
        for i, para in enumerate(report.sections.get(key, [])):
            for start, end, unit in _stutters(para.text):
                message = f"“{para.text[start:end]}”中“{unit}”连续重复，疑为多打"
                yield Finding("DUP-PHRASE", Severity.WARNING, Location(key, span=Span(i, start, end)), message)


@lru_cache(maxsize=4096)
def _stutters(text: str) -> tuple[tuple[int, int, str], ...]:
    found: list[tuple[int, int, str]] = []
    for m in _WORD_TWICE.finditer(text):
        unit = m.group(1)
        if not re.search(f"[{_CJK}]", unit) or _legit(text, m.start(), m.end()):
            continue
        if len(set(unit)) == 1:
            continue  # “一一一一” style: counted by the single-character rule if at all
        found.append((m.start(), m.end(), unit))
    for pattern in (_SINGLE_TWICE, _PUNCT_TWICE):
        for m in pattern.finditer(text):
            if _legit(text, m.start(), m.end()):
                continue
            if any(s <= m.start() < e for s, e, _ in found):
                continue
            found.append((m.start(), m.end(), m.group(1)))
    return tuple(sorted(found))


def _legit(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 2) : end + 2]
    if any(w in around for w in _LEGIT if len(w) >= end - start):
        return True
    # AABB (认认真真, 扎扎实实): a doubled character right before or after the doubled one.
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return (len(before) == 2 and before[0] == before[1]) or (len(after) == 2 and after[0] == after[1])


def check(report: Report) -> Iterator[Finding]:
    yield from duplicates(report)
    yield from stutters(report)
