"""Chinese names in pinyin order (安徽 before 北京 before 长沙), as Windows Explorer and WPS list
them, for lists sorted by Qt on precomputed strings (ui/batch_model.py's order keys).

``key(text)`` is a string that Qt's plain comparison (UTF-16 unit by unit) puts in pinyin order:
each Chinese character becomes two units, U+4E00 (so it still sorts where the Chinese characters
are, after digits and Latin letters, as Explorer lists them) and then U+4E00 plus its place in
resources/hanzi_order.txt.  Other characters are kept as they are.  The file is generated from
ICU's collation by scripts/make_hanzi_order.py, so the order is the same on every platform.
"""

from __future__ import annotations

from functools import cache

FILE = "hanzi_order.txt"
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


def key(text: str) -> str:
    """``text`` as a string whose code-unit order is pinyin order (see the module's docstring)."""
    return text.translate(_table())
