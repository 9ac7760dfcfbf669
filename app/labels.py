"""Comparing labels and headings as people really type them.

Two levels: ``loose`` ignores what is not an edit (app/textfold.py's ``fold``: white space,
line breaks inside cells, full-/half-width forms, quote styles); ``key`` also forgives numbering
punctuation (“1、” for “1.”) and trailing punctuation, which *are* edits a reviewer flags.  Fuzzy matching catches
typos and inserted years.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from app.patterns import lazy
from app.schema import SAME_WORDS
from app.textfold import fold

_NUM_SEP = lazy(r"^(\d+)[、,，.．]")
_TRAIL = lazy(r"[。.,，、;；:：]+$")


@lru_cache(maxsize=8192)  # table cells repeat the same few hundred labels
def loose(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    s = loose(text)
    s = _NUM_SEP.sub(r"\1.", s)
    return _TRAIL.sub("", s)


_LEAD_NUMBER = lazy(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、]|\(\d+\))")
_NOTE = lazy(r"\([^()]*\)$")
# Words authors leave out of a statutory label without changing what it names.
_FILLER = lazy(r"政府信息公开|政府信息|信息公开|或者|或|的|\"|'")


@lru_cache(maxsize=8192)
def core(text: str) -> str:
    """What a label names, without its number, a closing note in brackets and filler words:
    “（二）部分公开（区分处理的，…）” and “部分公开” have one core."""
    s = key(text)
    s = _LEAD_NUMBER.sub("", s)
    s = _NOTE.sub("", s) or s
    return _FILLER.sub("", s) or s


# The same header words are compared in every report (a batch reads hundreds): once each.
@lru_cache(maxsize=8192)
def similarity(a: str, b: str) -> float:
    ca, cb = core(a), core(b)
    bound = 2 * min(len(ca), len(cb)) / ((len(ca) + len(cb)) or 1)
    if bound < 0.4:
        # The ratio can only be lower: every threshold is above this, and SequenceMatcher is
        # quadratic (a megabyte pasted into a table cell would hang the reader).
        return bound
    return SequenceMatcher(None, ca, cb, autojunk=False).ratio()


class LabelIndex:
    """Finds the statutory label a found label stands for."""

    def __init__(self, labels: tuple[str, ...] | list[str], threshold: float = 0.72) -> None:
        self.labels = tuple(labels)
        self._by_key = {key(lab): i for i, lab in enumerate(self.labels)}
        self._by_loose = {loose(lab): i for i, lab in enumerate(self.labels)}
        self.threshold = threshold

    @lru_cache(maxsize=1024)  # noqa: B019 - indexes are module-level and live forever
    def match(self, found: str) -> tuple[int, bool] | None:
        """(index, exact) — exact False means the label was edited but recognisably the same."""
        lo = loose(found)
        if lo in self._by_loose:
            return self._by_loose[lo], True
        k = key(found)
        if k in self._by_key:
            return self._by_key[k], False
        best, best_score = -1, 0.0
        for i, lab in enumerate(self.labels):
            other = key(lab)
            if 2 * min(len(k), len(other)) < self.threshold * (len(k) + len(other)):
                continue  # the ratio cannot reach the threshold (and a pasted megabyte would hang)
            score = SequenceMatcher(None, k, other, autojunk=False).ratio()
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= self.threshold:
            return best, False
        return self._by_core(found)

    def _by_core(self, found: str) -> tuple[int, bool] | None:
        """The one label whose core equals, contains or is contained in the found label's."""
        c = core(found)
        if len(c) < 2:
            return None
        same = [i for i, lab in enumerate(self.labels) if core(lab) == c]
        if len(same) == 1:
            return same[0], False
        # Containment counts only between words of comparable length (“其他” is inside many).
        near = [i for i, lab in enumerate(self.labels)
                if (c in core(lab) or core(lab) in c) and 2 * min(len(c), len(core(lab))) >= max(len(c), len(core(lab)))
                and min(len(c), len(core(lab))) >= 3]
        return (near[0], False) if len(near) == 1 else None

    @lru_cache(maxsize=1024)  # noqa: B019 - as ``match``: indexes live forever, headers repeat
    def column(self, found: str) -> tuple[int, bool] | None:
        """As ``match``, for a column's name in a header, which offices shorten: the word written for
        a statutory one (合计 for 总计, 其它 for 其他), or the one label a short name is part of
        (企业 → 商业企业, 有效 → 现行有效件数, 纠正 → 结果纠正)."""
        hit = self.match(found)
        if hit is not None:
            return hit
        k = key(found)
        k = SAME_WORDS.get(k, k)
        if k in self._by_key:
            return self._by_key[k], False
        inside = [i for i, lab in enumerate(self.labels) if k in key(lab)] if len(k) >= 2 else []
        return (inside[0], False) if len(inside) == 1 else None

    def match_at(self, found: str, expected: int | None, floor: float = 0.5) -> tuple[int, bool] | None:
        """As ``match``; else the label expected at this place (the row after the last one
        placed) when the found one is still like it — a label reworded in place."""
        hit = self.match(found)
        if hit is not None or expected is None or not 0 <= expected < len(self.labels):
            return hit
        if similarity(found, self.labels[expected]) >= floor:
            return expected, False
        return None
