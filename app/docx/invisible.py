"""Text Word prints but nobody can see: white (or shading-coloured) text and text of a point or
two, taken out of the body before it is read, as hidden text is (app/docx/hidden.py).

A figure kept “out of sight” this way (an old 99 coloured white before the new 37, or set at
1 pt) is glued onto the visible one by any reader of the XML: 9937.  Word, the printed page and
the PDF show only 37, so only 37 is read, and HIDDEN-TEXT says how many places were left out.

The rules, on a run's own properties (as Word's buttons set them):
- colour: the run's w:color equals the colour behind it — its own shading or highlight, else its
  paragraph's shading, else its table cell's, else the table's; with none of them, the page
  (w:background, its theme colour too, else white).  A table style's shading and colours for the cell (a banded or
  dark header style) are written onto the cell and its runs first (app/docx/tablestyles.py):
  white text on the style's dark header row is seen, white on its white body rows is not.
- a theme colour (w:themeColor, Word's 主题颜色) is the theme's (word/theme/theme1.xml), lightened
  or darkened by w:themeTint/w:themeShade, whatever w:val says: Word draws the theme's colour
  (text1 over a stale w:val of FFFFFF is black, background1 over 000000 is white).
- size: w:sz of 4 half-points (2 pt) or less (a w:sz Word does not take — negative, a fraction
  without a unit — is ignored as Word ignores it: the run keeps its inherited, readable size).  Nothing in a report is set that small to be
  read: the smallest note marks and table print are 5–6 pt, while 1–2 pt is what a run is
  shrunk to when meant to vanish (a dot of ink, not a glyph).
- width: a character scale (w:w, 字符缩放) of 20% or less: Word draws a “1” at 1% as a hairline,
  and a reader of the XML glued it onto the figure after it (121 for 21, hostile30); Word's own
  menu goes down to 33%, and no report narrows its text further to be read.  Text fitted into a
  width (w:fitText, 调整宽度) of 20% or less of its own is as narrow.
- overdrawn: character spacing (w:spacing, 字符间距“紧缩”) pulling each letter back by half the
  font size or more: the next character is drawn over it, so a “99” so set before “37” shows as
  a smudged 37 (review31 M3), as letter-spacing:-0.5em does on a web page (app/webunshown.py).
  Chinese reports tighten by a point at most.
- text effects (文本效果, w14:textFill): Word draws the effect's fill, not w:color; a fill of none
  (无填充) or at 97 % transparency or more draws nothing, a solid fill is held against what is
  behind the run as w:color is — the outline (w14:textOutline), when there is one, too
  (app/docx/texteffects.py).
A style's colour, size, scale or spacing (through its basedOn chain, or the defaults') is written
onto the runs it reaches first (app/docx/charstyles.py apply_style_ink), so these rules read the
run alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from app.docx.texteffects import NO_INK, W14, effect_inks
from app.docx.texteffects import hex_colour as _hex
from app.docx.xmlkids import W, first_child
from app.findings import HIDDEN_TEXT, Finding, Location
from app.schema import META

_R, _T, _P, _RPR, _PPR, _TC, _TCPR, _TBL, _TBLPR = (
    f"{{{W}}}{t}" for t in ("r", "t", "p", "rPr", "pPr", "tc", "tcPr", "tbl", "tblPr"))
_COLOR, _SZ, _SHD, _HIGHLIGHT, _BACKGROUND, _VAL, _FILL = (
    f"{{{W}}}{t}" for t in ("color", "sz", "shd", "highlight", "background", "val", "fill"))
_THEME_COLOR, _THEME_TINT, _THEME_SHADE = (f"{{{W}}}{t}" for t in ("themeColor", "themeTint", "themeShade"))
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# ST_ThemeColor -> the theme's colour scheme slot (Word's default w:clrSchemeMapping)
_THEME_SLOTS = {
    "dark1": "dk1", "text1": "dk1", "light1": "lt1", "background1": "lt1", "dark2": "dk2", "text2": "dk2",
    "light2": "lt2", "background2": "lt2", "hyperlink": "hlink", "followedHyperlink": "folHlink",
    **{f"accent{i}": f"accent{i}" for i in range(1, 7)},
}
_SYSTEM_COLORS = {"windowText": "000000", "window": "FFFFFF"}
TINY_HALF_POINTS = 4  # 2 pt: see the module's docstring
NARROW_PERCENT = 20  # w:w: see the module's docstring
_SCALE, _SPACING, _FIT_TEXT, _ID = (f"{{{W}}}{t}" for t in ("w", "spacing", "fitText", "id"))
DEFAULT_HALF_POINTS = 20  # Word's size for a run no style or default sizes: 10 pt
_WHITE = "FFFFFF"
# w:highlight's named colours (ST_HighlightColor)
_HIGHLIGHTS = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF", "red": "FF0000",
    "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
    "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080", "lightGray": "C0C0C0",
}


@dataclass
class Unseen:
    """Places (paragraphs or cell paragraphs) where invisible text was left out."""

    places: int = 0

    def findings(self) -> list[Finding]:
        if not self.places:
            return []
        return [HIDDEN_TEXT.at(
            Location(META), f"文件中有{self.places}处看不见的文字（白色或与底色相同颜色的字、2磅以下或缩放到20%以下的字、"
                            "字符间距紧缩到互相重叠的字、文本效果设为无填充或完全透明的字），未读入；"
                            "打印和发布的文件中看不到这些文字，请核对正文和表格，确需保留的在 Word/WPS 中改为可见后重新打开")]


def theme_scheme(theme: etree._Element | None) -> dict[str, str]:
    """The theme's colour scheme, slot -> RRGGBB; without a theme part Word's text and page
    colours (black on white)."""
    scheme = {"dk1": "000000", "lt1": "FFFFFF"}
    clr = next(theme.iter(f"{{{_A}}}clrScheme"), None) if theme is not None else None
    for slot in clr if clr is not None else ():
        c = next(slot.iterchildren(), None)
        if not isinstance(slot.tag, str) or c is None or not isinstance(c.tag, str):
            continue
        if etree.QName(c).localname == "sysClr":
            value = _hex(c.get("lastClr")) or _SYSTEM_COLORS.get(c.get("val", ""))
        else:
            value = _hex(c.get("val"))
        if value:
            scheme[etree.QName(slot).localname] = value
    return scheme


def _tinted(rgb: str, tint: str | None, shade: str | None) -> str:
    """w:themeTint lightens towards white, w:themeShade darkens towards black (0..FF of the
    colour kept); exact for the greys text and page colours are."""
    channels = [int(rgb[i : i + 2], 16) for i in (0, 2, 4)]
    for value, towards in ((tint, 255), (shade, 0)):
        if value and _hex(value * 3):
            keep = int(value, 16) / 255
            channels = [round(c * keep + towards * (1 - keep)) for c in channels]
    return "".join(f"{c:02X}" for c in channels)


class _Colors:
    """The colour a w:color draws: its theme colour when it names one, else w:val."""

    def __init__(self, theme: Callable[[], etree._Element | None]) -> None:
        self._theme = theme
        self._scheme: dict[str, str] | None = None

    def of(self, el: etree._Element, value: str = _VAL) -> str | None:
        """``el``'s colour: a run's w:color (its ``value`` in w:val), or the page's w:background
        (in w:color), whose theme colour wins the same way (review15 L1)."""
        slot = _THEME_SLOTS.get(el.get(_THEME_COLOR) or "")
        if slot is not None:
            base = self.slot(slot)
            if base is not None:
                return _tinted(base, el.get(_THEME_TINT), el.get(_THEME_SHADE))
        return _hex(el.get(value))

    def slot(self, name: str) -> str | None:
        """The theme's colour in this slot of its scheme ("lt1"), RRGGBB."""
        if self._scheme is None:  # parsed only when a run names a theme colour
            self._scheme = theme_scheme(self._theme())
        return self._scheme.get(name)

    def shading(self, props: etree._Element | None) -> str | None:
        """The fill colour a w:shd in these properties paints (None: not set, "auto" or clear):
        its theme colour (w:themeFill, or w:themeColor for a solid pattern, lightened or darkened)
        where it names one, whatever w:fill says — Word paints the theme's, as for text (a
        w:fill of 000000 under w:themeFill="background1" is white: hostile14)."""
        shd = first_child(props, _SHD)
        if shd is None:
            return None
        pattern = shd.get(_VAL, "clear")
        if pattern in ("clear", "nil"):
            theme, value, tint, shade = "themeFill", "fill", "themeFillTint", "themeFillShade"
        elif pattern == "solid":  # the pattern colour covers all
            theme, value, tint, shade = "themeColor", "color", "themeTint", "themeShade"
        else:
            return None
        slot = _THEME_SLOTS.get(shd.get(f"{{{W}}}{theme}") or "")
        base = self.slot(slot) if slot is not None else None
        if base is not None:
            return _tinted(base, shd.get(f"{{{W}}}{tint}"), shd.get(f"{{{W}}}{shade}"))
        return _hex(shd.get(f"{{{W}}}{value}"))


_PROPS = {_P: _PPR, _TC: _TCPR, _TBL: _TBLPR}  # the containers that may be shaded: their properties' tag


class _Backdrop:
    """The colour behind a run, from its own shading up to the page."""

    def __init__(self, page: str, colors: _Colors) -> None:
        self.page = page
        self._shading = colors.shading
        # Each paragraph's, cell's and table's fill looked up once: a paragraph of 16,000 runs,
        # every other one white, was searched whole for its properties at each (8,000: 60 s).
        self._fills: dict[etree._Element, str | None] = {}

    def behind(self, r: etree._Element, rpr: etree._Element) -> str | None:
        """RRGGBB behind the run; None when it cannot be told."""
        hl = first_child(rpr, _HIGHLIGHT)
        if hl is not None and hl.get(_VAL, "none") != "none":
            return _HIGHLIGHTS.get(hl.get(_VAL, ""))
        own = self._shading(rpr)
        if own:
            return own
        node = r.getparent()
        while node is not None:
            props = _PROPS.get(node.tag)
            if props is not None:
                if node in self._fills:
                    fill = self._fills[node]
                else:
                    fill = self._fills[node] = self._shading(first_child(node, props))
                if fill:
                    return fill
            node = node.getparent()
        return self.page


def _run_of(el: etree._Element) -> etree._Element | None:
    """The run whose own properties hold ``el`` (not a paragraph mark's, nor a change record's)."""
    rpr = el.getparent()
    r = rpr.getparent() if rpr is not None and rpr.tag == _RPR else None
    return r if r is not None and r.tag == _R else None


# The properties of runs with text that may hide it, found by libxml2's XPath (looking at each
# run from Python would cost more than the rest of this module): a size that may be 2 pt or less
# (Word's empty spacer runs are often 2 pt) — a number up to 4 (a negative or a fraction too,
# judged below) or a size with a unit — and a character scale, a fitted width, a spacing that
# pulls letters back or a text effect's fill (w14:textFill, app/docx/texteffects.py).  One walk
# over the runs with text, each property asked of those runs' own w:rPr only: 6.5 M instructions
# a read of the sample, where two expressions over every run (the sizes', then the rest's)
# took 18 M.
_SUSPECT_PROPERTIES = etree.XPath(
    f".//w:r[w:t]/w:rPr/*[self::w:sz[@w:val <= {TINY_HALF_POINTS} or translate(@w:val, '0123456789', '') != '']"
    " or self::w:w or self::w:fitText or self::w:spacing[contains(@w:val, '-')] or self::w14:textFill]",
    namespaces={"w": W, "w14": W14})
_PERCENT = re.compile(r"\s*([0-9]{1,4})\s*%?\s*")
_MEASURE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(mm|cm|in|pt|pc|pi)")
_HALF_POINTS_PER = {"pt": 2, "pc": 24, "pi": 24, "in": 144, "cm": 144 / 2.54, "mm": 144 / 25.4}


def half_points(value: str) -> float | None:
    """The size a w:sz sets, in half-points; None when Word would not take it (ST_HpsMeasure
    is a whole number of half-points, or a positive size with a unit: “-4” or “2.5” is no size,
    so Word ignores it and the run keeps the size it inherits)."""
    value = value.strip()
    if value.isascii() and value.isdigit():
        return int(value)
    m = _MEASURE.fullmatch(value)
    return float(m.group(1)) * _HALF_POINTS_PER[m.group(2)] if m else None


def _tiny(r: etree._Element) -> bool:
    sz = first_child(first_child(r, _RPR), _SZ)
    size = half_points(sz.get(_VAL, "")) if sz is not None else None
    return size is not None and size <= TINY_HALF_POINTS


def _narrow(r: etree._Element) -> bool:
    scale = first_child(first_child(r, _RPR), _SCALE)
    return scale is not None and narrowed(scale.get(_VAL, ""))


def narrowed(value: str) -> bool:
    """A character scale (w:w: a whole percent, or “n%” as Strict writes it) of 20% or less;
    one Word would not take (0, junk) leaves the run at its full width."""
    m = _PERCENT.fullmatch(value)
    return m is not None and 1 <= int(m.group(1)) <= NARROW_PERCENT


_TWIPS_PER = {"pt": 20, "pc": 240, "pi": 240, "in": 1440, "cm": 1440 / 2.54, "mm": 1440 / 25.4}
_SIGNED_MEASURE = re.compile(r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(mm|cm|in|pt|pc|pi)?\s*")


def twips(value: str) -> float | None:
    """A w:spacing or w:fitText measure in twentieths of a point (a whole number, or one with a
    unit as Strict writes it); None for one Word would not take."""
    m = _SIGNED_MEASURE.fullmatch(value)
    if m is None or (m.group(2) is None and "." in m.group(1)):
        return None
    return float(m.group(1)) * (_TWIPS_PER[m.group(2)] if m.group(2) else 1)


SizeOf = Callable[[etree._Element], "float | None"]  # a run's size (half-points) as its styles give it


def _size(r: etree._Element, styled: SizeOf) -> float:
    """The run's size: its own w:sz, else its styles' (charstyles.style_sizes), else Word's 10 pt."""
    sz = first_child(first_child(r, _RPR), _SZ)
    size = half_points(sz.get(_VAL, "")) if sz is not None else None
    return size or styled(r) or DEFAULT_HALF_POINTS


def _overdrawn(r: etree._Element, styled: SizeOf) -> bool:
    """Each letter pulled back by half the font size or more (w:spacing, twips; the size is in
    half-points, so half of it in twips is 5 × the half-points)."""
    spacing = first_child(first_child(r, _RPR), _SPACING)
    pulled = twips(spacing.get(_VAL, "")) if spacing is not None else None
    return pulled is not None and pulled <= -5 * _size(r, styled)


def _fitted(r: etree._Element, widths: dict[str, float], styled: SizeOf) -> bool:
    """Text fitted (w:fitText) into 20% or less of the width it takes: its runs of one w:id
    share the width; a figure's digits take half the font size each, other characters all of it."""
    fit = first_child(first_child(r, _RPR), _FIT_TEXT)
    width = twips(fit.get(_VAL, "")) if fit is not None else None
    if fit is None or width is None or width <= 0:
        return False
    natural = widths.get(fit.get(_ID, ""), 0.0) or _natural(r, styled)
    return natural > 0 and width <= natural * NARROW_PERCENT / 100


def _natural(r: etree._Element, styled: SizeOf) -> float:
    """The width in twips a run's text takes unscaled: 10 × half-points per character, half that
    for a digit or a Latin letter."""
    size = _size(r, styled)
    text = "".join(t.text or "" for t in r if t.tag == _T)
    return sum(size * (5 if ch.isascii() else 10) for ch in text)


Inks = tuple[str | None, ...]  # the colours a run's letters are drawn in (NO_INK: none; None: not known)


def _suspects(body: etree._Element) -> tuple[list[etree._Element], list[etree._Element]]:
    """The runs with text whose own properties hold a size that may be 2 pt or less (``_tiny``
    judges each), and those whose own properties hold a w:w, a w:fitText, a w:spacing with a
    minus sign or a w14:textFill: each once, in the document's order."""
    tiny: dict[etree._Element, None] = {}
    narrow: dict[etree._Element, None] = {}
    found = _SUSPECT_PROPERTIES(body)
    for el in found if isinstance(found, list) else ():
        rpr = el.getparent() if isinstance(el, etree._Element) else None
        r = rpr.getparent() if rpr is not None else None
        if r is not None:
            (tiny if el.tag == _SZ else narrow)[r] = None
    return list(tiny), list(narrow)


def _candidates(body: etree._Element, page: str, colors_of: _Colors,
                styled: SizeOf) -> list[tuple[etree._Element, Inks | None]]:
    """(run, the colours it draws in, or None for a tiny or narrow run) for the runs with text
    that may not be seen: set at 2 pt or less or narrowed to 20% or less, drawn by a text effect
    (a fill of none, or transparent), or in a colour that is behind some text of the file (the
    page's, a shading's, a highlight's) — in a report nearly none, so most runs are never looked at."""
    tiny, narrow = _suspects(body)
    out: list[tuple[etree._Element, Inks | None]] = [(r, None) for r in tiny if _tiny(r)]
    filled: set[etree._Element] = set()  # runs whose text effect, not w:color, is what Word draws
    for r in narrow:
        rpr = first_child(r, _RPR)
        inks = effect_inks(rpr, colors_of.slot) if rpr is not None else None
        if inks is not None:
            filled.add(r)
            if not _tiny(r) and all(ink is not None for ink in inks):
                out.append((r, inks))
    widths: dict[str, float] = {}
    for r in narrow:  # the runs that share one fitted width (w:fitText's w:id)
        fit = first_child(first_child(r, _RPR), _FIT_TEXT)
        if fit is not None and fit.get(_ID):
            widths[fit.get(_ID, "")] = widths.get(fit.get(_ID, ""), 0.0) + _natural(r, styled)
    out += [(r, None) for r in narrow if (_narrow(r) or _overdrawn(r, styled) or _fitted(r, widths, styled)) and not _tiny(r)]
    colors: list[etree._Element] = []
    behind = {page}
    for el in body.iter(_COLOR, _SHD, _HIGHLIGHT):
        tag = el.tag
        if tag == _COLOR:
            colors.append(el)
        elif tag == _HIGHLIGHT:
            behind.add(_HIGHLIGHTS.get(el.get(_VAL, ""), ""))
        else:
            behind.update(c for c in (_hex(el.get(_FILL)), _hex(el.get(f"{{{W}}}color")),
                                      colors_of.shading(el.getparent())) if c)
    return out + [(r, (ink,)) for el in colors if (ink := colors_of.of(el)) in behind
                  and (r := _run_of(el)) is not None and r not in filled]


def page_colour(document: etree._Element, theme: Callable[[], etree._Element | None]) -> str:
    """The page's colour, RRGGBB: w:background's theme colour or w:color, else white."""
    return _page(document, _Colors(theme))


def _page(document: etree._Element, colors: _Colors) -> str:
    bg = first_child(document, _BACKGROUND)
    return (colors.of(bg, _COLOR) if bg is not None else None) or _WHITE


def strip_invisible(body: etree._Element, document: etree._Element,
                    theme: Callable[[], etree._Element | None] = lambda: None,
                    styled: SizeOf = lambda r: None) -> Unseen:
    """Take the text of every run that cannot be seen out of ``body`` (the reader's own tree);
    its tabs and breaks stay (a line break in a cell still splits it).  ``theme`` gives the
    theme part, only when a run's colour is a theme colour; ``styled`` a run's size as its
    styles give it, only for a run whose letters are pulled back or fitted into a width."""
    colors_of = _Colors(theme)
    page = _page(document, colors_of)
    found = _candidates(body, page, colors_of, styled)
    if not found:
        return Unseen()
    backdrop: _Backdrop | None = None
    places: set[etree._Element] = set()
    for r, inks in found:
        if inks is not None:
            backdrop = backdrop or _Backdrop(page, colors_of)
            rpr = first_child(r, _RPR)
            behind = backdrop.behind(r, rpr) if rpr is not None else None
            if not all(ink in (NO_INK, behind) for ink in inks):
                continue
        texts = [t for t in r if t.tag == _T]
        if any((t.text or "").strip() for t in texts):
            p = r.getparent()
            while p is not None and p.tag != _P:
                p = p.getparent()
            places.add(p if p is not None else r)
        for t in texts:
            r.remove(t)
    return Unseen(len(places))
