"""The GB/T 9704-2012 page and type, declared once: paper, margins, the 22 × 28 grid, the fonts
and sizes of every element, the page number, the signature.

Read by the .docx writer (``app/docx/writer.py``), the printer (``ui/print_*.py``) and the grid's
fonts (``ui/resources.py``): changing a margin or a font is one edit here.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from app.schema import REQUESTS

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_INCH / MM_PER_INCH


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


# -- paper and text block (GB/T 9704 5.2) --------------------------------------------------------

PAPER_W_MM = 210.0  # A4
PAPER_H_MM = 297.0
TOP_MM = 37.0  # 天头
BOTTOM_MM = 35.0
LEFT_MM = 28.0  # 订口
RIGHT_MM = 26.0
BLOCK_W_MM = PAPER_W_MM - LEFT_MM - RIGHT_MM  # 156 mm
BLOCK_H_MM = PAPER_H_MM - TOP_MM - BOTTOM_MM  # 225 mm
BLOCK_W_PT = mm_to_pt(BLOCK_W_MM)
HEADER_MM = 15.0  # no header is used; Word's distance for one typed in

# -- the grid: 22 lines of 28 characters (GB/T 9704 5.2.2) ----------------------------------------

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
BODY_PT = 16.0  # 3号
# The grid's pitches, in the whole twips Word stores them in (579 twips: as 公文 templates have it).
# Rounded down: 22 × 580 twips is a hair over the 225 mm block (12,756 twips), and Word and
# LibreOffice then set 21 lines a page.
LINE_PITCH_TWIPS = math.floor(mm_to_pt(BLOCK_H_MM) / LINES_PER_PAGE * TWIPS_PER_PT)
LINE_PT = LINE_PITCH_TWIPS / TWIPS_PER_PT
CHAR_PITCH_PT = BLOCK_W_PT / CHARS_PER_LINE  # 15.79 pt: a little under the 16 pt em
# w:docGrid charSpace: the pitch's difference from the default font's em, in 1/4096 pt.
GRID_CHAR_SPACE = round((CHAR_PITCH_PT - BODY_PT) * 4096)
LETTER_SPACING_PT = CHAR_PITCH_PT - BODY_PT  # the same pitch where there is no grid (Qt)
# The pitch in the whole twips LibreOffice keeps it in (315): an indent of n characters on the grid
# is n of these.  A hair more (2 × 16 pt, 640 twips) and LibreOffice rounds it up to the next cell:
# every first line indented three characters and holding 25.
GRID_PITCH_TWIPS = math.floor(CHAR_PITCH_PT * TWIPS_PER_PT)
# Word's default tab stops (settings.xml defaultTabStop, 420 twips as Word's Chinese template has
# it): a tab in the text goes to the next, counted from the text block's left edge.
TAB_STOP_PT = 21.0


def grid_twips(chars: float) -> int:
    """``chars`` characters of the 28-a-line grid in twips (a right indent counts these, on the
    grid or off it: the signature's lines align with the body's)."""
    return round(chars * GRID_PITCH_TWIPS)


# Glyphs on the grid are set this much narrower (w:w, percent) than 3号: LibreOffice gives a glyph
# wider than the grid's pitch two cells (14 characters a line), Word squeezes it into one.  At 98 %
# both set 28 a line; letter spacing instead makes LibreOffice drop line-end “，”.
GRID_GLYPH_SCALE = math.floor(100 * CHAR_PITCH_PT / BODY_PT)

# -- fonts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontSpec:
    """A font as GB/T 9704 names it, with what a machine without it should use instead.

    ``alt`` is Word's w:altName (the Windows family of the same design); ``family`` and
    ``panose`` let Word and WPS pick a look-alike; ``fallbacks`` are the printer's chain."""

    name: str
    alt: str
    family: str  # w:family: roman (serif), modern (fixed pitch), swiss (sans)
    panose: str
    fallbacks: tuple[str, ...]


# Shared tails: serif (Song-like) and sans (Hei-like) fonts found on most systems.
_SERIF_TAIL = ("Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Source Han Serif CN",
               "思源宋体", "AR PL UMing CN", "SimSun", "宋体", "NSimSun")
_SANS_TAIL = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "思源黑体",
              "Microsoft YaHei", "微软雅黑", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")


class Role(enum.Enum):
    """What a piece of text is set in."""

    BODY = "仿宋"
    TITLE = "小标宋"
    HEI = "黑体"
    KAI = "楷体"
    SONG = "宋体"


FONTS: dict[Role, FontSpec] = {
    Role.BODY: FontSpec("仿宋_GB2312", "仿宋", "modern", "02010609030101010101", (
        "仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "STFangsong", "华文仿宋",
        "方正仿宋_GBK", "FZFangSong-Z02", "方正仿宋简体", "FZFangSong-Z02S", *_SERIF_TAIL, *_SANS_TAIL)),
    Role.TITLE: FontSpec("方正小标宋简体", "宋体", "script", "02000000000000000000", (
        "方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
        "华文中宋", "STZhongsong", *_SERIF_TAIL, *_SANS_TAIL)),
    Role.HEI: FontSpec("黑体", "SimHei", "modern", "02010609060101010101", (
        "黑体", "SimHei", "方正黑体_GBK", "FZHei-B01", "方正黑体简体", "FZHei-B01S",
        "STHeiti", "华文黑体", "Heiti SC", *_SANS_TAIL, *_SERIF_TAIL)),
    Role.KAI: FontSpec("楷体_GB2312", "楷体", "modern", "02010609030101010101", (
        "楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "STKaiti", "华文楷体", "Kaiti SC",
        "方正楷体_GBK", "FZKai-Z03", "方正楷体简体", "FZKai-Z03S", "AR PL UKai CN", "AR PL KaitiM GB",
        *_SERIF_TAIL, *_SANS_TAIL)),
    Role.SONG: FontSpec("宋体", "SimSun", "auto", "02010600030101010101", (
        "宋体", "SimSun", "NSimSun", "新宋体", "STSong", "华文宋体", "Songti SC",
        "方正书宋_GBK", "FZShuSong-Z01", *_SERIF_TAIL, *_SANS_TAIL)),
}

# -- paragraph kinds --------------------------------------------------------------------------------


class Align(enum.Enum):
    JUSTIFY = "both"
    CENTER = "center"
    RIGHT = "right"
    LEFT = "left"


@dataclass(frozen=True)
class ParaType:
    """How one kind of paragraph is set: read by the writer's styles and the printer."""

    role: Role
    size_pt: float = BODY_PT
    pitch_pt: float | None = None  # None: the grid's line pitch
    indent_chars: float = 2.0  # first line
    align: Align = Align.JUSTIFY
    keep_next: bool = False
    on_grid: bool = True  # 28 characters a line
    autospace: bool = True  # Word's quarter em between Chinese and Latin/digits
    space_after_lines: float = 0.0

    @property
    def pitch(self) -> float:
        return LINE_PT if self.pitch_pt is None else self.pitch_pt

    def indent_twips(self, chars: float) -> int:
        """A first-line indent of ``chars`` characters: grid cells on the grid, characters of
        this size off it."""
        return grid_twips(chars) if self.on_grid else pt_to_twips(chars * self.size_pt)


TITLE_PT = 22.0  # 2号
TITLE = ParaType(Role.TITLE, TITLE_PT, 35.0, 0.0, Align.CENTER, on_grid=False,  # 2号 clips at one pitch
                 space_after_lines=1.0)  # GB/T 9704 7.3.1: one empty line under the title
SECTION = ParaType(Role.HEI, keep_next=True)  # 一、总体情况 (黑体)
HEADING1 = ParaType(Role.HEI, keep_next=True)  # a “一、…” line inside a section
HEADING2 = ParaType(Role.BODY)  # “（一）…”: the lead sentence in 楷体 (KAI_ENDS)
BODY = ParaType(Role.BODY)
SIGNATURE = ParaType(Role.BODY, indent_chars=0.0, align=Align.RIGHT, keep_next=True, autospace=False)
# Off the grid: LibreOffice gives each run of digits whole cells (“2024 年1 月20 日”) where they are
# not 仿宋's half-em ones; the date is placed by its start (app/plan.py date_left_chars).  Its line
# one grid line all the same, exactly: off the grid a single line is the font's own height (26 pt
# in LibreOffice, less in Word), and the date stood closer under the organ than a line.
DATE = ParaType(Role.BODY, pitch_pt=LINE_PT, indent_chars=0.0, align=Align.RIGHT, autospace=False, on_grid=False)
KAI_ENDS = "。："  # a “（一）” paragraph's lead, in 楷体, ends at the first of these (“（一）主动公开情况：…”)

# -- signature (GB/T 9704 7.3.5.3, no seal) -----------------------------------------------------------

SIGNATURE_RIGHT_CHARS = 2.0  # the organ (or date) this far from the right edge
SIGNATURE_DATE_SHIFT_CHARS = 2.0  # the date starts this much right of the organ
SIGNATURE_GAP_LINES = 1.0  # an empty line between the text and the signature
DATE_ALONE_RIGHT_CHARS = 4.0
# A half-width character of the date (its digits) counted this much wider when the date pushes the
# organ left: placed by its start, the date is as wide as its digits are set — Qt's print font 0.55
# em, LibreOffice without 仿宋_GB2312 0.6–0.65 — and a date counted at 0.5 ran past its two
# characters from the right (rev25d F8; tests/ui/test_print_layout_model.py).
DATE_DIGIT_SLACK_CHARS = 0.15

# -- page number (GB/T 9704 7.5) ----------------------------------------------------------------

PAGE_NUMBER_PT = 14.0  # 4号
PAGE_NUMBER_ROLE = Role.SONG
PAGE_NUMBER_GAP_MM = 7.0  # from the text block's lower edge to the 一字线 (the dashes' top)
# Where the dashes' top sits below the top of their line (one em high, exact): 宋体's “—” is
# drawn a little above the middle of the em (Word: ascent 0.859 em, the dash ~0.41 em above the
# baseline); the .docx places its footer line by it.
PAGE_NUMBER_DASH_DROP_EM = 0.47
PAGE_NUMBER_IN_CHARS = 1.0  # odd pages right, even pages left, one character in
PAGE_NUMBER_DASH = "—"


def page_number_text(n: int | str) -> str:
    return f"{PAGE_NUMBER_DASH} {n} {PAGE_NUMBER_DASH}"


# -- tables ---------------------------------------------------------------------------------------

TABLE_PT = 10.5  # 5号
TABLE_PT_BY_KEY = {REQUESTS: 9.0}  # the 10-column table needs a smaller size to fit 156 mm
TABLE_ROLE = Role.BODY
CELL_PAD_X_MM = 1.0  # Word's 1.9 mm default wastes the narrow number columns
CELL_PAD_Y_MM = 0.5
BORDER_PT = 0.5
ROW_HEIGHT_EM = 1.8  # minimum row height in font sizes: single-spaced rows look cramped
DIGIT_EM = 0.65  # a digit's advance, generous: fallback fonts' digits are wider than 仿宋's
MIN_FIGURE_PT = 5.0


def table_pt(key: str) -> float:
    return TABLE_PT_BY_KEY.get(key, TABLE_PT)
