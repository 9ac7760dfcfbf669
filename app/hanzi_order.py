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
their reading does (a name and its homophone stand-in, 重庆 and 崇庆, sort alike) — only where a
place's name stands: at the start of the text or of a word (after a character not Chinese: a
path's separator, a digit, a bracket), after a division or an organ (湖南省长沙市, 西安市长安区,
水利部长江水利委员会), after a province's name written without 省 (湖南长沙) or another of the
places — or, whatever precedes it, before a division (国家税务总局长沙市税务局, 中共长沙市委, 关于
重庆市…).  Elsewhere the characters are the word they are in: 校长安排 is 校长 (zhǎng), not 长安.
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


# What a place's name follows in a name: the last character of a division (省 市 县 区 州 盟 旗 镇
# 乡, 自治区 and 地区 among them), of an organ a place's body is under (水利部长江水利委员会, 中国长江
# 三峡集团), of a year (2023年度长沙市…).  So 市长安 is read 市 长安 — 西安市长安区 is a publisher;
# the rare 市长安排 is the price (and 县长安排, 部长江某: any 长 after these).
_AFTER = "省市县区州盟旗镇乡部国年度"
# What makes a name a place whatever precedes it: a division after it (…总局长沙市税务局, 中共重庆市委;
# the organs before a place are too many to list: 局, 委, 共, 于 of 关于 …).
_BEFORE = "省市县区州盟旗镇乡"
# The provinces' names as written without 省 or 市 before a place (湖南长沙, 吉林长春).
_PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
              "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
              "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门")
_HAN = "".join(f"{chr(a)}-{chr(b)}" for a, b in RANGES)


def _after(words: list[str]) -> str:
    """The look-behinds where a name may stand: each of Python's look-behinds is of one width."""
    by_width: dict[int, list[str]] = {}
    for w in words:
        by_width.setdefault(len(w), []).append(re.escape(w))
    return "|".join([f"(?<![{_HAN}])", f"(?<=[{_AFTER}])",
                     *(f"(?<={'|'.join(ws)})" for _, ws in sorted(by_width.items()))])


@cache
def _words() -> tuple[re.Pattern[str], dict[str, str]]:
    """The names of WORDS where a name stands (``_after``; longest first, so a longer name wins)
    and how each sorts."""
    from importlib import resources

    lines = resources.files("resources").joinpath(WORDS).read_text(encoding="utf-8").splitlines()
    pairs = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    spelled = {name: sorted_as for name, sorted_as in pairs}
    names = "|".join(map(re.escape, sorted(spelled, key=len, reverse=True)))
    firsts = "".join(sorted({name[0] for name in spelled}))  # tried first: most places fail at once
    where = f"(?:{_after([*_PROVINCES, *spelled])})(?:{names})|(?:{names})(?=[{_BEFORE}])"
    return re.compile(f"(?=[{firsts}])(?:{where})"), spelled


def key(text: str) -> str:
    """``text`` as a string whose code-unit order is pinyin order (see the module's docstring)."""
    names, spelled = _words()
    return names.sub(lambda m: spelled[m.group()], text).translate(_table())
