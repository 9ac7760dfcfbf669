"""Whether text read out of a file is plausible Chinese: a right decoding of a web page, and a
PDF's text as its fonts' ToUnicode maps give it, are full of the characters every report uses;
a wrong one (GBK bytes read as Big5, a ToUnicode map off by one) has next to none.
"""

from __future__ import annotations

# Characters of every report, written alike in simplified and traditional script and in both
# GB2312 and Big5: a right decoding is full of them, a wrong one (GBK bytes read as Big5 or
# the other way round, Latin bytes as GBK) has next to none.
COMMON = frozenset(
    "的一是在不了有和人中大上我以要他用生到作地出就分成可主年同工也能下子方多定行法所民得十三之等部"
    "度家力如化高自二理起小物加都性好合因由其些然前外天政四日事平形相全表重新正心明看原又利比或但第"
    "向道此只意建月公立代想已通提直程五果入常文次品式及管特件求基位府申信息告依照按收共")
_LEAST_CJK = 40  # fewer ideographs than this say nothing about the encoding either way
_PLAUSIBLE = 0.12  # share of the non-ASCII characters that are common ones, at the least
SAMPLE = 20_000  # characters looked at for that: plenty to tell


def reads_as_chinese(text: str, least: int = _LEAST_CJK) -> bool | None:
    """Whether decoded text is plausible Chinese; None when it has fewer than ``least``
    ideographs, too few to say."""
    if "\x00" in text:
        return False  # UTF-16 read as a byte encoding
    wide = [c for c in text[:SAMPLE] if ord(c) > 0x7F and not c.isspace()]
    ideographs = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff")
    if ideographs < least:
        return None
    return sum(1 for c in wide if c in COMMON) >= _PLAUSIBLE * len(wide)
