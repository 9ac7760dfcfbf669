"""Characters of a PDF page into lines of text, as the author typed them.

Spaces: a space the PDF draws is kept; between two characters of Latin script or digits a gap
wider than a quarter of the type size is a space (some producers draw none); between Chinese
characters a gap is only justification or Qt's spacing around Latin text, never a space.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.findings import GARBLED_FONT, Finding, Location
from app.pdfread import bounds
from app.pdfread.glyphs import Glyph
from app.pdfread.inks import NO_INK, PAPER, tint_white
from app.pdfread.overdrawn import Blots
from app.pdfread.redrawn import Drawn
from app.pdfread.seen import TINTS
from app.pdfread.visual import RIGHT_TO_LEFT, logical
from app.plausible import SAMPLE, reads_as_chinese
from app.report import Run
from app.schema import META

# Punctuation that may not start a line: a line breaker moves the character before it down too.
_NO_START = set("，。、；：？！）》」』】〕〉”’…%·,.;:?!)]}")
_NO_END = set("（《「『【〔〈“‘([{")
_CHECK_EVERY = 1024  # characters between looks at the reading's deadline


@dataclass(slots=True)
class Char:
    """One character of a PDF page: its text, box and style."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    upright: bool = True  # False: turned by a right angle (vertical text in a cell)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Unseen:
    """What of a page was drawn but is not seen, left out: ``white`` characters painted in white
    (their fill, or their outline where only it is drawn) with nothing dark behind them;
    ``noink`` painted in a spot colour that marks nothing (app/pdfread/inks.py), wherever they
    stand; ``invisible``, ``transparent``, ``tiny``, ``outside``, ``clipped``, ``covered``, ``layer``:
    as app/pdfread/seen.py marks them (invisible ones over a picture, a scan's text layer, are
    read); ``notes``: table cells read without a note mark."""

    white: int = 0
    invisible: int = 0
    transparent: int = 0
    tiny: int = 0
    outside: int = 0
    clipped: int = 0
    covered: int = 0
    layer: int = 0
    noink: int = 0  # painted with a spot colour that marks nothing (Separation /None: inks.py)
    overdrawn: int = 0  # letters or digits drawn over another in the same place: a blot, neither readable
    notes: int = 0
    # glyphs whose font gives no text for them (pdfminer's “(cid:N)”, a map to U+0000): read as
    # UNKNOWN (or left out where U+0000) and said, never as text they are not (unknown_glyphs)
    unmapped: int = 0
    # The wide characters read in each font (its name): a font whose ToUnicode map gives 乱码
    # while the rest reads right is text not as the page shows it (garbled_fonts).
    fonts: dict[str, list[str]] = field(default_factory=dict)
    blotted: list[tuple[Char, Char, int]] = field(default_factory=list)  # each blot's two, what it counted;
    clipped_chars: list[Char] = field(default_factory=list)  # and the clipped: a header's run on? (grid._overflow)

    @property
    def chars(self) -> int:
        """Characters left out."""
        return (self.white + self.invisible + self.transparent + self.tiny + self.outside + self.clipped
                + self.covered + self.layer + self.noink + self.overdrawn)


def _painted_white(c: Glyph) -> bool:
    """Whether what paints a character is white: its fill; its outline if only that is drawn
    (render mode 1, 5); both if both are (2, 6: seen.py gives the mode when it strokes, and the
    outline's colour space if it is one of tints)."""
    mode = c.render or 0
    if mode in (1, 5):
        return _white(c.stroke, c.scs)
    if mode in (2, 6):
        return _white(c.fill, c.ncs) and _white(c.stroke, c.scs)
    return _white(c.fill, c.ncs)


def _white(color: object, space: object = None) -> bool:
    """A colour that is white: gray, RGB or CMYK components 0–1 of the paper's colour, or in a
    colour space of tints (Separation, DeviceN: a spot colour's ink) what its tint transform gives
    at the tint drawn where that is evaluated (inks.py), else no ink at all (tint 0 of any ink is
    the paper; a full tint of one is ink, whatever gray 1 would be).  Indexed and
    Pattern colours are not known: not white."""
    if space in (NO_INK, PAPER):  # marks nothing, or the paper's white at every tint (inks.py)
        return True
    if isinstance(color, (int, float)):
        color = (color,)  # a shape's gray (or tint) as pdfminer keeps it: one number
    judged = tint_white(space, color)  # a spot colour whose transform gives the colour drawn (inks.py)
    if judged is not None:
        return judged
    if space in TINTS:
        return _no_ink(color)
    if space in _UNKNOWN:
        return False
    try:  # a page has few colours, asked about for every character
        known = _WHITES.get(color)
    except TypeError:  # not hashable: not a colour pdfplumber gives
        return _is_white(color)
    if known is None:
        if len(_WHITES) > _COLOURS_KEPT:
            _WHITES.clear()
        known = _WHITES[color] = _is_white(color)
    return known


_UNKNOWN = ("Indexed", "Pattern")


def _no_ink(color: object) -> bool:
    return (isinstance(color, (tuple, list)) and bool(color)
            and all(isinstance(v, (int, float)) and v <= 0.03 for v in color))


_WHITES: dict[object, bool] = {}
_COLOURS_KEPT = 1024


def _is_white(color: object) -> bool:
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK: no ink
        return all(v <= 0.03 for v in color)
    return len(color) in (1, 3) and all(v >= 0.97 for v in color)


def _dark_behind(page: Any) -> list[tuple[float, float, float, float]]:
    """Filled rectangles of a colour other than white: a white character on one is seen
    (white on a dark header row)."""
    return [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
            if r.get("fill") and not _white(r.get("non_stroking_color"), r.get("ncs"))]


def chars_of_page(page: Any, glyphs: list[Glyph], unseen: Unseen | None = None) -> list[Char]:
    """The page's characters (``glyphs``: app/pdfread/glyphs.py) as a viewer shows them: drawn
    twice (a fake bold) once, slanted (a watermark) none; turned by a right angle (vertical text
    in a cell) marked.  None of what is not seen, counted in ``unseen``: drawn in white on the white page (an old figure
    kept out of sight: “99” before “37” would read 9937), invisible (render mode 3 or 7, but
    over a picture shown: a scan's text layer, seen.py), of no size, outside the page, clipped away, covered by
    a box drawn over it or in a layer that is off."""
    out: list[Char] = []
    drawn = Drawn()
    blots = Blots()
    gone: set[int] = set()  # places in ``out`` of glyphs another was drawn over
    width, height = page.width, page.height
    dark: list[tuple[float, float, float, float]] | None = None
    whites: dict[tuple[Any, Any], bool] = {}
    pales: dict[tuple[Any, ...], bool] = {}
    usual: float | None = None  # the page's usual type size, found once when first asked (0: none seen)
    for n, c in enumerate(glyphs):
        if n % _CHECK_EVERY == 0:
            bounds.check_time()  # pdfminer's parse looked at the clock; a page's characters are judged here
        text = c.text
        if not text or text in "\r\n\x00":
            if text == "\x00" and unseen is not None:
                unseen.unmapped += 1
            continue
        if text.startswith("(cid:"):  # what pdfminer writes for a code the font maps to no text
            text = UNKNOWN
            if unseen is not None:
                unseen.unmapped += 1
        try:  # judged once for each of the page's few colours
            pale = pales[(c.fill, c.ncs, c.stroke, c.scs, c.render)]
        except KeyError:
            pale = pales[(c.fill, c.ncs, c.stroke, c.scs, c.render)] = _pale(c)
        except TypeError:  # a colour that is no tuple of numbers
            pale = _pale(c)
        if pale and usual is None:
            usual = _usual_size(glyphs)
        if pale and usual and c.size >= _WATERMARK_SIZE * usual:
            # large pale type across the page (内部资料, the site's name): a watermark, not the
            # report, seen or not (a part of it clipped by its frame is not hidden text either)
            continue
        x0, x1, top, bottom = c.x0, c.x1, c.top, c.bottom
        why = c.unseen
        if why:
            if unseen is not None and text.strip():
                setattr(unseen, why, getattr(unseen, why) + 1)
                if why == "clipped":
                    unseen.clipped_chars.append(Char(text, x0, x1, top, bottom, float(c.size or 1.0), False, False))
            continue
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue  # off the page as pdfplumber places it
        mode = c.render
        if mode is None and c.ncs == NO_INK and text.strip():
            if unseen is not None:  # filled only, in a colour that marks nothing: on any background
                unseen.noink += 1
            continue
        if mode is None:  # filled only: a page's text comes in a few colours, judged once each
            try:
                white = whites[(c.fill, c.ncs)]
            except KeyError:
                white = whites[(c.fill, c.ncs)] = _white(c.fill, c.ncs)
            except TypeError:  # a colour that is no tuple of numbers
                white = _white(c.fill, c.ncs)
        else:
            white = _painted_white(c)
        if white and text.strip():
            if dark is None:
                dark = _dark_behind(page)
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if not any(a <= cx <= b and t <= cy <= u for a, t, b, u in dark):
                if unseen is not None:
                    unseen.white += 1
                continue
        a, b, _, d = c.matrix[:4]
        if abs(a * b) > 1e-3 * (a * a + b * b):
            continue  # turned at a slant: a watermark stamped across the page, not the report
            # (a slanted italic only shears: its baseline, a and b, stays level)
        if drawn.again(text, x0, top, x1 - x0, bottom - top):
            continue  # the same glyph drawn again a little off: a fake bold or a shadow
        # letters, digits, CJK; not rules, boxes, ticks or accents; nor Arabic, whose joined
        # letters reach into each other by design
        if text.isalnum() and not _JOINED.match(text):
            under = blots.under(text, x0, top, x1 - x0, bottom - top, len(out))
            if under is not None:  # “3” over a “2”, “无” over “37”: a blot that reads as neither
                if unseen is not None:
                    unseen.overdrawn += (counted := 1 + (under not in gone))
                    unseen.blotted.append((out[under], Char(text, x0, x1, top, bottom, float(c.size or 1.0), False, False), counted))
                gone.add(under)
                continue
        name = str(c.fontname)
        font = name.lower()
        if unseen is not None and ord(text[0]) > 0x2E7F and text != UNKNOWN:
            kept = unseen.fonts.setdefault(name, [])
            if len(kept) < SAMPLE:
                kept.append(text)
        size = float(c.size or (bottom - top) or 1.0)
        out.append(Char(text, x0, x1, top, bottom, size, "bold" in font or "heavy" in font,
                        "italic" in font or "oblique" in font,
                        a > 0 and d > 0 and abs(b) <= 1e-3 * a))
    return [c for i, c in enumerate(out) if i not in gone] if gone else out


# A watermark: type at least twice the page's usual size in a pale colour (Word's “水印” is silver,
# WPS's a light gray), standing or slanted; a report's own text, its title too, is dark.
_WATERMARK_SIZE = 2.0
_PALE, _WHITE = 0.6, 0.97  # lightness (0 black, 1 white) from which a colour is pale, and white (_is_white)


def _usual_size(glyphs: list[Glyph]) -> float:
    """The type size most of the page's characters have (to the half point)."""
    sizes = Counter(round(g.size * 2) for g in glyphs if g.text.strip() and g.unseen is None)
    return sizes.most_common(1)[0][0] / 2 if sizes else 0.0


def _pale(c: Glyph) -> bool:
    """Whether what paints ``c`` is a pale gray or colour (lightness ``_PALE`` or more) in
    DeviceGray, RGB or CMYK; spot colours and the rest are not judged."""
    color, space = (c.stroke, c.scs) if (c.render or 0) in (1, 5) else (c.fill, c.ncs)
    if space in TINTS or space in _UNKNOWN or space in (NO_INK, PAPER):
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK to RGB, as viewers approximate it
        color = tuple((1 - v) * (1 - color[3]) for v in color[:3])
    if len(color) == 3:
        color = (0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2],)
    # white is not pale: text.py's white text on the white page is hidden text, said as such
    return len(color) == 1 and _PALE <= color[0] < _WHITE


# A note mark: clearly smaller than the text beside it (Word and LibreOffice set a superscript
# at about 58–65 % of the size) and raised or lowered from its line by a fifth of the size.
_MARK_SIZE = 0.75
_MARK_SHIFT = 0.2


def without_marks(chars: list[Char]) -> tuple[list[Char], bool]:
    """A table cell's characters without note marks (superscript or subscript “1” after 37:
    37, never 371), as the .docx reader leaves such runs out; and whether any was left out."""
    ink = [c for c in chars if not c.blank]
    if len(ink) < 2:
        return chars, False
    big = max(c.size for c in ink)
    if min(c.size for c in ink) > _MARK_SIZE * big:
        return chars, False  # one size throughout: most cells
    full = [c for c in ink if c.size >= 0.9 * big]
    out: list[Char] = []
    dropped = False
    for c in chars:
        if c.blank or c.size > _MARK_SIZE * big:
            out.append(c)
            continue
        near = [f for f in full if f.top < c.bottom and c.top < f.bottom
                and c.x0 - f.x1 <= f.size and f.x0 - c.x1 <= f.size]
        if near:
            f = min(near, key=lambda f: abs(f.x0 + f.x1 - c.x0 - c.x1))
            if c.bottom < f.bottom - _MARK_SHIFT * f.size or c.top > f.top + _MARK_SHIFT * f.size:
                dropped = True
                continue
        out.append(c)
    return out, dropped


def wide(ch: str) -> bool:
    """Chinese characters and full-width forms (including full-width digits)."""
    return unicodedata.east_asian_width(ch[0]) in ("W", "F")


@dataclass
class Line:
    """Characters of a PDF page that stand on one line."""

    chars: list[Char]  # left to right
    # the edges of the column it stands in, on a page of two columns read one after the other
    # (layout.split_columns); None: the page's body edges
    column: tuple[float, float] | None = None

    @cached_property
    def tokens(self) -> list[tuple[str, Char]]:
        """The line's text piece by piece, each with the character whose style it has."""
        out: list[tuple[str, Char]] = []
        prev: Char | None = None
        for c in self.chars:
            if prev is not None and not prev.blank and not c.blank:
                gap = c.x0 - prev.x1
                # a gap after a tab or a space is theirs (an ActualText tab spans its width)
                if gap > 0.25 * c.size and not wide(prev.text[-1]) and not wide(c.text[0]) \
                        and not prev.text[-1].isspace() and not c.text[0].isspace():
                    out.append((" ", prev))
            out.append((c.text, c))
            prev = c
        return logical(out) if RIGHT_TO_LEFT.search("".join(t for t, _ in out)) else out

    @cached_property
    def text(self) -> str:
        return "".join(t for t, _ in self.tokens)

    @cached_property
    def ink(self) -> list[Char]:
        """The characters that are not spaces (where the line really starts and ends)."""
        return [c for c in self.chars if not c.blank] or self.chars

    @property
    def x0(self) -> float:
        return self.ink[0].x0

    @property
    def x1(self) -> float:
        return self.ink[-1].x1

    @cached_property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @cached_property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @cached_property
    def size(self) -> float:
        sizes = sorted(c.size for c in self.ink)
        return sizes[len(sizes) // 2]


def lines_of(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines (by their vertical middle), top to bottom."""
    groups: list[tuple[float, float, list[Char]]] = []  # (middle, size, chars)
    for c in sorted(chars, key=lambda c: c.mid):
        if groups and c.mid - groups[-1][0] <= 0.5 * min(c.size, groups[-1][1]):
            groups[-1][2].append(c)
        else:
            groups.append((c.mid, c.size, [c]))
    lines = [Line(sorted(g, key=lambda c: c.x0)) for _, _, g in groups]
    return [line for line in lines if line.text.strip()]


def unit_width(line: Line) -> float:
    """Width of what a line breaker moves as one piece to the start of this line: a Latin word
    or number, a Chinese character with the punctuation that may not start a line, or an
    opening bracket with the character after it."""
    ink = line.ink
    i = 0
    if ink[0].text in _NO_END and len(ink) > 1:
        i = 1
    if not wide(ink[i].text[0]) and ink[i].text[0].isalnum():
        while i + 1 < len(ink) and not wide(ink[i + 1].text[0]) and not ink[i + 1].blank \
                and ink[i + 1].x0 - ink[i].x1 < 0.25 * ink[i].size:
            i += 1
    while i + 1 < len(ink) and ink[i + 1].text[0] in _NO_START:
        i += 1
    return ink[i].x1 - ink[0].x0


def join_text(lines: list[Line]) -> str:
    """The text of wrapped lines: run together, with a space between two Latin words."""
    return "".join(t for t, _ in _joined_tokens(lines))


def _joined_tokens(lines: list[Line]) -> list[tuple[str, Char]]:
    out: list[tuple[str, Char]] = []
    for line in lines:
        tokens = line.tokens
        if out and tokens and out[-1][0][-1:].isascii() and out[-1][0][-1:].isalpha() \
                and tokens[0][0][:1].isascii() and tokens[0][0][:1].isalpha():
            out.append((" ", out[-1][1]))
        out += tokens
    return out


def line_runs(lines: list[Line]) -> list[Run]:
    """The paragraph's runs: consecutive text of one style (bold, italic) together."""
    runs: list[Run] = []
    for text, c in _joined_tokens(lines):
        if runs and (runs[-1].bold, runs[-1].italic) == (c.bold, c.italic):
            runs[-1].text += text
        else:
            runs.append(Run(text, c.bold, c.italic))
    return runs


_LEAST_IN_FONT = 20  # ideographs of one font that say whether its map gives Chinese


_JOINED = re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
UNKNOWN = "\ufffd"  # a glyph read as no known character


def unknown_glyphs(pages: list[tuple[int, Unseen]]) -> list[Finding]:
    """One warning where glyphs were drawn whose font says no text for them: a subset font
    without a ToUnicode entry for a 生僻字, a character no font had (drawn as an empty box).
    What they are is not known; the report reads them as UNKNOWN (never “(cid:12)”, nor
    nothing without a word)."""
    numbers = [n for n, unseen in pages if unseen.unmapped]
    if not numbers:
        return []
    count = sum(unseen.unmapped for _, unseen in pages)
    return [GARBLED_FONT.at(Location(META), f"第{'、'.join(map(str, numbers))}页有{count}个字读不出是什么字"
                                           f"（PDF 的字体没有给出它们对应的文字，多为生僻字或特殊符号），已读作“{UNKNOWN}”"
                                           "或未读入；请用 PDF 阅读器核对这些地方，改正机关名称、人名等文字，最好使用原 Word 文档")]


def garbled_fonts(pages: list[tuple[int, Unseen]]) -> list[Finding]:
    """One warning when some fonts' ToUnicode maps give 乱码 while the others read right
    (hostile30: a heading or a bold font's map off by one reads as a report with headings
    “not found”, and nothing says why).  A file all of whose text is 乱码 is refused before
    (app/pdfread/__init__.py _refuse_garbled); a font with too few ideographs is not judged."""
    text: dict[str, list[str]] = {}
    where: dict[str, list[int]] = {}
    for number, unseen in pages:
        for font, chars in unseen.fonts.items():
            text.setdefault(font, []).extend(chars)
            where.setdefault(font, []).append(number)
    bad = [font for font, chars in text.items() if reads_as_chinese("".join(chars), _LEAST_IN_FONT) is False]
    if not bad:
        return []
    numbers = sorted({n for font in bad for n in where[font]})
    sample = "".join(text[bad[0]][:8])
    return [GARBLED_FONT.at(Location(META), f"第{'、'.join(map(str, numbers))}页有{len(bad)}种字体的文字编码有误，"
                                           f"复制出的是乱码（如“{sample}”）：读入的这些字不是页面上显示的，"
                                           "标题、表格标签或数字可能因此没有找到或读错；请用 PDF 阅读器核对这几页，最好使用原 Word 文档")]


_SECTION_ORDINAL = re.compile(r"\s*([一二三四五六])、")


def section_heading_after_sentence(prev: Line, nxt: Line) -> bool:
    """A line ending a sentence flush with the right edge, then one of the six section headings at
    the left margin, where a paragraph's continuation lines start too: the heading starts a
    paragraph (rev25a C26: “…编制。一、总体情况” glued, heading 一 missed and its text put in 前言,
    our own 导出PDF included).  Only the statutory headings, named by their own ordinal: a numbered
    item (“1.” “（二）”) after a full line stays ambiguous, and splitting at those cut wrapped
    sentences of real reports (taken back in session 25)."""
    m = _SECTION_ORDINAL.match(nxt.text)
    if m is None or not prev.text.rstrip().endswith(("。", "！", "？")):
        return False
    from app.docx.headings import classify_heading

    found = classify_heading(nxt.text, False, "")
    return found is not None and found[0] == m.group(1)
