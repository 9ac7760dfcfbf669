"""Chinese names in pinyin order (安徽 before 北京 before 长沙), as Windows Explorer and WPS list
them, for lists sorted by Qt on precomputed strings (ui/batch_model.py's order keys).

``key(text)`` is a string that Qt's plain comparison (UTF-16 unit by unit) puts in pinyin order:
each Chinese character becomes two units, U+4E00 (so it still sorts where the Chinese characters
are, after digits and Latin letters, as Explorer lists them) and then U+4E00 plus its place in
resources/hanzi_order.txt.  Other characters are kept as they are.  The file is generated from
ICU's collation by scripts/make_hanzi_order.py, so the order is the same on every platform.

ICU files each character under one reading (重 under zhòng, 长 under zhǎng); a few place names are
read otherwise (重庆 chóng, 长沙 cháng, 厦门 xià) and a list of places puts them there.
resources/hanzi_words.txt lists them, each with how it sorts: ``key`` puts those names where
their reading does (a name and its homophone stand-in, 重庆 and 崇庆, sort alike).
"""

from __future__ import annotations

import re
from functools import cache

FILE = "hanzi_order.txt"
WORDS = "hanzi_words.txt"  # place names read otherwise than ICU files their first character
# 〇, CJK Extension A and the CJK Unified Ideographs: what names and folders are written in.
# (Extension B and later are outside the BMP: they keep code point order, after all of these.)
RANGES = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_MARK = 0x4E00  # the first unit of each character's two; the second is _MARK + its rank


@cache
def _table() -> dict[int, str]:
    """str.translate's table: code point → its two units (read once, at the first key)."""
    from importlib import resources

    chars = resources.files("resources").joinpath(FILE).read_text(encoding="utf-8").replace("\n", "")
    mark = chr(_MARK)
    # the ranks stay below the surrogates (0xD800): about 27,600 characters from 0x4E00
    return {ord(ch): mark + chr(_MARK + rank) for rank, ch in enumerate(chars)}


@cache
def _words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The names of WORDS (longest first, so a longer name wins) and how each sorts."""
    from importlib import resources

    lines = resources.files("resources").joinpath(WORDS).read_text(encoding="utf-8").splitlines()
    pairs = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    spelled = {name: sorted_as for name, sorted_as in pairs}
    return re.compile("|".join(map(re.escape, sorted(spelled, key=len, reverse=True)))), spelled


def key(text: str) -> str:
    """``text`` as a string whose code-unit order is pinyin order (see the module's docstring)."""
    names, spelled = _words()
    return names.sub(lambda m: spelled[m.group()], text).translate(_table())
