"""Find and replace over the report's text: 基本信息's 机关名称 and every section's paragraphs,
in the order the editor's navigation lists them.  Pure: the editor passes the live texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Match:
    """One occurrence: ``place`` is the page's position in the search order."""

    place: int
    paragraph: int
    start: int
    end: int


def pattern(needle: str, match_case: bool = False) -> re.Pattern[str] | None:
    """The literal text as a pattern (IGNORECASE keeps offsets: lower() might not)."""
    if not needle:
        return None
    return re.compile(re.escape(needle), 0 if match_case else re.IGNORECASE)


def find_all(pages: Sequence[Sequence[str]], needle: str, match_case: bool = False) -> list[Match]:
    """Every occurrence in ``pages`` (each a list of paragraphs), in reading order; matches do
    not overlap, as in Word."""
    pat = pattern(needle, match_case)
    if pat is None:
        return []
    return [
        Match(place, p, m.start(), m.end())
        for place, paragraphs in enumerate(pages)
        for p, text in enumerate(paragraphs)
        for m in pat.finditer(text)
    ]


def next_match(matches: Sequence[Match], after: tuple[int, int, int] | None, backward: bool = False) -> int | None:
    """Index of the match after (or before) position (place, paragraph, offset), wrapping round."""
    if not matches:
        return None
    if after is None:
        return len(matches) - 1 if backward else 0
    if backward:
        before = [i for i, m in enumerate(matches) if (m.place, m.paragraph, m.start) < after]
        return before[-1] if before else len(matches) - 1
    later = [i for i, m in enumerate(matches) if (m.place, m.paragraph, m.start) >= after]
    return later[0] if later else 0
