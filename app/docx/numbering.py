"""Automatic list numbers (自动编号) as Word and WPS show them.

A heading numbered by Word carries no “一、” in its text: the paragraph (or its style) points at
a list in numbering.xml, whose level says the format (chineseCounting, decimal …) and the text
around the number (“%1、”, “（%1）”).  Counting the list's paragraphs in document order gives
the label Word displays, which the reader puts in front of the paragraph's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from app.docx.symbols import character
from app.docx.xmlkids import W, child_val, first_child, first_children
from app.madetext import MAX_LEVEL_TEXT_CHARS, MAX_LIST_LABEL_CHARS

_VAL = f"{{{W}}}val"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P_PR, _NUM_PR, _NUM_ID, _ILVL, _P_STYLE = _w("pPr"), _w("numPr"), _w("numId"), _w("ilvl"), _w("pStyle")
_NUM_STYLE_LINK, _ABSTRACT_NUM_ID, _START_OVERRIDE, _LVL = (
    _w(t) for t in ("numStyleLink", "abstractNumId", "startOverride", "lvl"))


# Word 2010 writes a format of its own (“定义新编号格式”) as mc:AlternateContent: the w14 choice
# numFmt="custom" w:format="一, 二, 三, ...", and a fallback in an older format.
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_ALTERNATE, _FORMAT = f"{{{_MC}}}AlternateContent", _w("format")
# A custom format by its first number: the built-in format that writes it so.
_CUSTOM = {"\u4e00": "chineseCounting",  # 一: a numeral here, not the section (written as its code point)
           "壹": "chineseLegalSimplified", "甲": "ideographTraditional",
           "子": "ideographZodiac", "①": "decimalEnclosedCircle", "１": "decimalFullWidth", "01": "decimalZero",
           "1": "decimal", "A": "upperLetter", "a": "lowerLetter", "I": "upperRoman", "i": "lowerRoman"}


class Bullet(str):
    """A bullet (●) as a list label: shown before the paragraph's text, but decoration, no
    number: a heading in a bulleted list is still the heading, a table's label still its label."""

    __slots__ = ()


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition (w:lvl): how its numbers are written."""

    fmt: str  # numFmt, e.g. chineseCounting, decimal, bullet
    text: str  # lvlText, e.g. “%1、”
    start: int = 1
    legal: bool = False  # isLgl: every number of the label in Arabic digits
    restart: int | None = None  # lvlRestart: restarts after a level above this (1-based); 0 never
    font: str = ""  # the label's font (rPr/rFonts ascii): a bullet's code means a glyph of it


@dataclass
class _List:
    """A list being counted: its levels and each level's current number."""

    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


_CN = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _CN, ten: str = "十", hundred: str = "百") -> str:
    """一, 十, 十一, 二十, 一百零五 — as Word's chineseCounting writes them."""
    if not 0 <= n < 1000:
        return str(n)  # a hostile start value; no report numbers its headings past 999
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return digits[hundreds] + hundred
    middle = "" if rest >= 10 else digits[0]
    tail = _chinese(rest, digits, ten, hundred)
    if rest >= 10 and rest < 20:
        tail = digits[1] + tail  # 一百一十
    return digits[hundreds] + hundred + middle + tail


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    """A…Z, then AA, BB … as Word repeats them."""
    if n <= 0:
        return ""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One number in a list format; unknown formats fall back to Arabic digits."""
    # taiwaneseCountingThousand: how LibreOffice saves a Word/WPS list's chineseCounting (一、二、)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        if fmt in ("ideographDigital", "taiwaneseDigital"):
            return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, _CN_LEGAL, "拾", "佰")
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "none":
        return ""  # Word shows the level's text around no number (“一、” typed into it stays)
    return str(n)


def _int(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        # Word's own bound: a hostile start of 10**20 would make “AAAA…” of that length.
        return max(0, min(int(el.get(_VAL, default)), 32767))
    except ValueError:
        return default


_NUM_FMT, _LVL_TEXT, _LVL_RESTART, _IS_LGL, _START = (
    _w(t) for t in ("numFmt", "lvlText", "lvlRestart", "isLgl", "start"))
_RPR, _RFONTS, _ASCII, _H_ANSI = (_w(t) for t in ("rPr", "rFonts", "ascii", "hAnsi"))
# Bullets Word's 项目符号 dialog takes from Wingdings (its code in the font, as written in
# lvlText): they are pictures of the font, shown as these characters.  Others of a symbol
# font: app/docx/symbols.py (Symbol's F0B7 is “•”), or nothing.
_WINGDINGS_BULLETS = {0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0xA7: "▪",
                      0xD8: "➢", 0xFC: "✔", 0x9F: "•", 0xA1: "○", 0xAB: "★"}


def _alternate_format(alternate: etree._Element) -> str:
    """The numFmt Word shows from alternate content: the choice's (a custom format by its
    first number), else the fallback's; decimal, as without any."""
    for branch in alternate:  # mc:Choice, then mc:Fallback
        fmt = first_child(branch, _NUM_FMT)
        if fmt is not None:
            val = fmt.get(_VAL, "decimal")
            if val != "custom":
                return val
            first_number = fmt.get(_FORMAT, "").split(",")[0].strip()
            if first_number in _CUSTOM:
                return _CUSTOM[first_number]
    return "decimal"


def _level(lvl: etree._Element) -> Level:
    first = first_children(lvl)
    fmt = first.get(_NUM_FMT)
    if fmt is None and _ALTERNATE in first:
        fmt = etree.Element(_NUM_FMT, {_VAL: _alternate_format(first[_ALTERNATE])})
    text = first.get(_LVL_TEXT)
    restart = first.get(_LVL_RESTART)
    legal = first.get(_IS_LGL)
    fonts = first_child(first.get(_RPR), _RFONTS)
    return Level(
        fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text=text.get(_VAL, "")[:MAX_LEVEL_TEXT_CHARS] if text is not None else "",
        start=_int(first.get(_START), 1),
        legal=legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off"),
        restart=_int(restart, 0) if restart is not None else None,
        font=(fonts.get(_ASCII) or fonts.get(_H_ANSI) or "") if fonts is not None else "",
    )


# Word's nine levels (1–9 in its dialog, ilvl 0–8; the schema allows a list nine w:lvl): a level
# past them is none Word shows, and is not counted.  A list of 20,000 levels, its paragraphs one a level deeper each,
# made every label look at every level before it (3 s); a list now counts at most nine.
LEVELS = range(9)


def _levels(parent: etree._Element) -> dict[int, Level]:
    return {_int_attr(lvl, "ilvl"): _level(lvl) for lvl in parent.iterchildren(_w("lvl"))}


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return int(el.get(_w(name), "0"))
    except ValueError:
        return 0


class Numbering:
    """The list labels of one document, handed out in document order by ``label``."""

    def __init__(self, numbering: etree._Element | None,
                 styles: etree._Element | Callable[[], etree._Element | None] | None) -> None:
        """``styles``: styles.xml's root, or a function giving it, called only when a paragraph
        takes its list from its style (styles.xml is often large, and seldom needed here)."""
        self._abstract: dict[str, dict[int, Level]] = {}
        self._nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self._lists: dict[str, _List] = {}  # counters per abstract list: nums sharing one continue it
        self._merged: dict[str, tuple[str, dict[int, Level]]] = {}  # numId: its list and levels, overrides in
        self._started: set[tuple[str, int]] = set()  # (numId, ilvl) whose startOverride was applied
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._style_base: dict[str, str] = {}
        self._links: dict[str, str] = {}  # abstractNum -> the list style it follows
        # A level's w:pStyle: the paragraph style it numbers (Word's 将级别链接到样式), whose level
        # this is where the style's numPr names the list but no level (标题 2 → “（一）”, not “二、”).
        self._linked_level: dict[str, int] = {}
        self._styles = styles
        if numbering is not None:
            self._read_numbering(numbering)

    def _load_styles(self) -> None:
        styles, self._styles = self._styles, None
        if callable(styles):
            styles = styles()
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, numbering: etree._Element) -> None:
        for an in numbering.iterchildren(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"), "")
            self._abstract[aid] = _levels(an)
            for lvl in an.iterchildren(_LVL):
                linked = child_val(lvl, _P_STYLE)
                if linked:
                    self._linked_level.setdefault(linked, _int_attr(lvl, "ilvl"))
            link = first_child(an, _NUM_STYLE_LINK)  # a list that takes its levels from a list style
            if link is not None and not self._abstract[aid]:
                self._links[aid] = link.get(_VAL, "")
        for num in numbering.iterchildren(_w("num")):
            ref = first_child(num, _ABSTRACT_NUM_ID)
            overrides: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iterchildren(_w("lvlOverride")):
                ilvl = _int_attr(ov, "ilvl")
                start = first_child(ov, _START_OVERRIDE)
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                lvl = first_child(ov, _LVL)
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self._nums[num.get(_w("numId"), "")] = (ref.get(_VAL, "") if ref is not None else "", overrides, starts)

    def _read_styles(self, styles: etree._Element) -> None:
        for style in styles.iterchildren(_w("style")):
            sid = style.get(_w("styleId"), "")
            based = style.find(_w("basedOn"))
            if based is not None:
                self._style_base[sid] = based.get(_VAL, "")
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                num_id = num_pr.find(_w("numId"))
                ilvl = num_pr.find(_w("ilvl"))
                self._style_num[sid] = (num_id.get(_VAL) if num_id is not None else None,
                                        _int(ilvl, 0) if ilvl is not None else None)

    def __bool__(self) -> bool:
        return bool(self._nums)

    def _from_style(self, style: str) -> tuple[str | None, int | None]:
        if style and self._styles is not None:
            self._load_styles()
        seen: set[str] = set()
        level: int | None = None  # a level linked to the paragraph's style or one it is based on
        while style and style not in seen:
            seen.add(style)
            if level is None:
                level = self._linked_level.get(style)
            if style in self._style_num:
                num_id, ilvl = self._style_num[style]
                return num_id, ilvl if ilvl is not None else level
            style = self._style_base.get(style, "")
        return None, None

    def label(self, p: etree._Element, style: str | None = None) -> str:
        """The list label Word shows before this paragraph (“一、”, “（二）”, “3.”), or "".
        ``style``: the paragraph's style id, when the caller has it already."""
        p_pr = first_child(p, _P_PR)
        num_pr = first_child(p_pr, _NUM_PR)
        num_id: str | None = None
        ilvl: int | None = None
        if num_pr is not None:
            nid, lv = first_child(num_pr, _NUM_ID), first_child(num_pr, _ILVL)
            num_id = nid.get(_VAL) if nid is not None else None
            ilvl = _int(lv, 0) if lv is not None else None
        if num_id is None or ilvl is None:
            if style is None:
                style = child_val(p_pr, _P_STYLE)
            s_num, s_lvl = self._from_style(style)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else (s_lvl or 0)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        return self._count(num_id, ilvl)

    def _resolve(self, abstract_id: str) -> str:
        """The list whose levels a style-linked list uses (numStyleLink → style → num)."""
        if abstract_id in self._links and self._styles is not None:
            self._load_styles()
        for _ in range(4):  # links of links, but never a cycle
            style = self._links.get(abstract_id)
            if style is None:
                break
            num_id = self._style_num.get(style, (None, None))[0]
            if num_id is None or num_id not in self._nums:
                break
            abstract_id = self._nums[num_id][0]
        return abstract_id

    def _count(self, num_id: str, ilvl: int) -> str:
        abstract_id, overrides, starts = self._nums[num_id]
        if num_id not in self._merged:  # once a list, not again for each of its paragraphs
            resolved = self._resolve(abstract_id)
            self._merged[num_id] = resolved, {**self._abstract.get(resolved, {}), **overrides}
        abstract_id, levels = self._merged[num_id]
        if ilvl not in levels or ilvl not in LEVELS:  # (so a list's counters are nine at most)
            return ""
        lst = self._lists.setdefault(abstract_id or f"num{num_id}", _List(levels))
        level = levels[ilvl]
        if ilvl in starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            lst.counters[ilvl] = starts[ilvl]
        elif ilvl in lst.counters:
            lst.counters[ilvl] += 1
        else:
            lst.counters[ilvl] = level.start
        for deeper in [k for k in lst.counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart != 0 and (restart is None or restart > ilvl):
                del lst.counters[deeper]
        if level.fmt == "bullet":
            return _bullet(level)
        return _render(level, levels, lst.counters)


def _bullet(level: Level) -> Bullet:
    """The bullet Word shows: lvlText's characters, each a glyph of the level's font where that
    is a symbol font (or the code one of the font's, F000–F0FF)."""
    out = []
    for ch in level.text:
        code = ord(ch)
        font = level.font.strip().lower()
        if font == "wingdings" and (code & 0xFF) in _WINGDINGS_BULLETS and (code < 0x100 or code >= 0xF000):
            out.append(_WINGDINGS_BULLETS[code & 0xFF])
        elif font in ("symbol", "wingdings") or 0xE000 <= code <= 0xF8FF:
            out.append(character(level.font, f"{code:04X}") or "")
        else:
            out.append(ch)
    return Bullet("".join(out).strip())


def _render(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
    """The label of ``level`` with ``counters``; cut at MAX_LIST_LABEL_CHARS, and made no
    further (“%1” repeated at upperLetter 32767 made a label of megabytes per paragraph)."""
    out = []
    made = 0
    text = level.text
    i = 0
    while i < len(text) and made <= MAX_LIST_LABEL_CHARS:
        ch = text[i]
        if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
            k = int(text[i + 1]) - 1
            n = counters.get(k, levels[k].start if k in levels else 1)
            fmt = "decimal" if level.legal else (levels[k].fmt if k in levels else "decimal")
            number = format_number(n, fmt)
            out.append(number)
            made += len(number)
            i += 2
            continue
        out.append(ch)
        made += 1
        i += 1
    return "".join(out)[:MAX_LIST_LABEL_CHARS]
