"""Fonts of the printed report: the official GB/T 9704 names first, then what Windows,
统信UOS/麒麟 and a bare Linux have, so that Qt always finds glyphs (never boxes).

Qt tries the families of ``QFont.setFamilies`` in order, per character, before its own
fallbacks; the chains end with the fonts a minimal Linux has (Noto CJK, WenQuanYi).
"""

from __future__ import annotations

import enum
from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

# Shared tails: serif (Song-like) and sans (Hei-like) fonts found on most systems.
_SERIF_TAIL = ("Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Source Han Serif CN",
               "思源宋体", "AR PL UMing CN", "SimSun", "宋体", "NSimSun")
_SANS_TAIL = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "思源黑体",
              "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")


class Role(enum.Enum):
    """What a piece of text is; each role has its own family chain."""

    BODY = "仿宋"
    TITLE = "小标宋"
    HEI = "黑体"
    KAI = "楷体"
    SONG = "宋体"


CHAINS: dict[Role, tuple[str, ...]] = {
    Role.BODY: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋",
                "方正仿宋_GBK", "FZFangSong-Z02", "方正仿宋简体", "FZFangSong-Z02S",
                *_SERIF_TAIL, *_SANS_TAIL),
    Role.TITLE: ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
                 "华文中宋", "STZhongsong",
                 *_SERIF_TAIL, *_SANS_TAIL),
    Role.HEI: ("黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S",
               "STHeiti", "华文黑体", "Heiti SC",
               *_SANS_TAIL, *_SERIF_TAIL),
    Role.KAI: ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体", "Kaiti SC",
               "方正楷体_GBK", "FZKai-Z03", "方正楷体简体", "FZKai-Z03S", "AR PL UKai CN", "AR PL KaitiM GB",
               *_SERIF_TAIL, *_SANS_TAIL),
    Role.SONG: ("宋体", "SimSun", "NSimSun", "新宋体", "STSong", "华文宋体", "Songti SC",
                "方正书宋_GBK", "FZShuSong-Z01",
                *_SERIF_TAIL, *_SANS_TAIL),
}

# Characters every report prints: CJK, full-width punctuation, digits, the dash of the page number.
PROBE = "政府信息公开工作年度报告（一）〔2021〕“三安全一稳定”—0123456789"

# Families that already look like 方正小标宋 (a heavy Song); any other title font is set bold.
_HEAVY_TITLE = frozenset(CHAINS[Role.TITLE][:6])


@cache
def installed(role: Role) -> str | None:
    """The first family of the role's chain that this machine has (None: Qt's own fallback)."""
    return next((name for name in CHAINS[role] if QFontDatabase.hasFamily(name)), None)


def font(role: Role, point_size: float) -> QFont:
    """A font for ``role``; its point size becomes device pixels on the device it is used on."""
    f = QFont()
    f.setFamilies(list(CHAINS[role]))
    f.setPointSizeF(point_size)
    # Outlines only (bitmap fonts cannot be embedded); no hinting, so that the layout measured
    # for one resolution holds for the next.
    f.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setKerning(False)
    if role is Role.TITLE and installed(role) not in _HEAVY_TITLE:
        f.setWeight(QFont.Weight.Bold)
    return f


def spaced(f: QFont, spacing_pt: float) -> QFont:
    """``f`` with every character's advance changed by ``spacing_pt`` points.  Expressed as a
    percentage of a 1-em advance (CJK text), because Qt scales absolute spacing by a truncated
    dpi/96 factor, which is wrong on every device but 96 dpi multiples."""
    out = QFont(f)
    out.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100.0 * (1 + spacing_pt / f.pointSizeF()))
    return out


def missing_glyphs(text: str | None = None) -> bool:
    """True if some character of ``text`` (default: PROBE) has no glyph in any font Qt can find:
    it would print as a box (glyph 0), so printing refuses instead."""
    layout = QTextLayout(PROBE if text is None else text, font(Role.BODY, 12))
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    return any(0 in glyph_run.glyphIndexes() for glyph_run in layout.glyphRuns())
