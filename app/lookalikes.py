"""Characters that look like the common ideograph and are another code point: what a PDF's text
layer (and so PDF→Word conversions and a viewer's copy) gives for a glyph its font shares
between a radical and the character — ⼈ (U+2F08 KANGXI RADICAL MAN) for 人, ⼯ for 工, ⻓ for
长 — and the CJK Compatibility Ideographs (U+F900…) a converter may pick.  A person reads 人;
a site search for “人民政府”, 批量检查's organ names and last year's sentences do not.  Text
read from a file is written with the common characters (app/reading.py through
app/report.py ``as_saved``); what the user types is left as typed.

The Kangxi radicals and compatibility ideographs have Unicode's own mapping (NFKC, one
character for one); of the CJK Radicals Supplement only the simplified forms that stand as a
character of their own in a font (⻓ 长, ⻔ 门, ⻚ 页 …) are mapped, from this table."""

from __future__ import annotations

import re
import unicodedata

# The blocks looked at (app/report.py's pre-check has the same ranges).
_LOOKALIKE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")

# CJK Radicals Supplement forms a font draws as the whole character (NFKC maps only ⺟ and ⻳).
_SUPPLEMENT = dict(zip(
    "⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰",
    "民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙", strict=True))


def _common(m: re.Match[str]) -> str:
    ch = m.group()
    return _SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)


def common_forms(text: str) -> str:
    """``text`` with each look-alike written as the common ideograph (one character for one:
    offsets into the text stay valid); a radical no character is drawn like stays."""
    return _LOOKALIKE.sub(_common, text)
