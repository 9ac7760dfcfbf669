"""Comparing labels and headings as people really type them.

Two levels: ``loose`` ignores what is not an edit (white space, line breaks inside cells,
full-/half-width forms, quote styles); ``key`` also forgives numbering punctuation (“1、” for
“1.”) and trailing punctuation, which *are* edits a reviewer flags.  Fuzzy matching catches
typos and inserted years.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_WS = re.compile(r"[\s\u200b\ufeff]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'})
_NUM_SEP = re.compile(r"^(\d+)[、,，.．]")
_TRAIL = re.compile(r"[。.,，、;；:：]+$")


@lru_cache(maxsize=8192)  # table cells repeat the same few hundred labels
def loose(text: str) -> str:
    return _WS.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    s = loose(text)
    s = _NUM_SEP.sub(r"\1.", s)
    return _TRAIL.sub("", s)


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
            score = SequenceMatcher(None, k, key(lab), autojunk=False).ratio()
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= self.threshold:
            return best, False
        return None
