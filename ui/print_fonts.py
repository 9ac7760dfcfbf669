"""Fonts of the printed report: the official GB/T 9704 names first, then what Windows,
统信UOS/麒麟 and a bare Linux have, so that Qt always finds glyphs (never boxes).

Qt tries the families of ``QFont.setFamilies`` in order, per character, before its own
fallbacks; the chains end with the fonts a minimal Linux has (Noto CJK, WenQuanYi).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPaintDevice, QTextLayout

from app.page import BODY_PT, FONTS, Role
from app.report import Report
from ui.fontnames import family_of

__all__ = ["CHAINS", "Role", "families", "font", "installed", "missing_glyphs", "spaced", "undrawable", "undrawn_warning"]

CHAINS: dict[Role, tuple[str, ...]] = {role: spec.fallbacks for role, spec in FONTS.items()}

# Shaping features that replace glyphs with one the cmap does not reach, or reaches from another
# character (“——” composed into the glyph of “⸺”): see ``font``.
NO_SUBSTITUTION = ("locl", "ccmp", "liga", "clig", "dlig", "hlig")

# Characters every report prints: CJK, full-width punctuation, digits, the dash of the page number.
PROBE = "政府信息公开工作年度报告（一）〔2021〕“三安全一稳定”—0123456789"

# Families that already look like 方正小标宋 (a heavy Song); any other title font is set bold.
_HEAVY_TITLE = frozenset(CHAINS[Role.TITLE][:6])


def _forget_when_fonts_change() -> None:
    """``installed`` and ``families`` hold until Qt's font database changes: a font installed
    after 请先安装中文字体 (Qt says fontDatabaseChanged; on Windows at WM_FONTCHANGE) counts at
    the next export, not after a restart (rev18 L11).  Connected at the first reckoning."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and not app.property("print_fonts_watched"):
        app.setProperty("print_fonts_watched", True)
        app.fontDatabaseChanged.connect(installed.cache_clear)
        app.fontDatabaseChanged.connect(families.cache_clear)


@cache
def installed(role: Role) -> str | None:
    """The first family of the role's chain that the font database lists (None: none is; Qt's
    own fallback prints): the one ``families`` puts first.  The names the database lists, not
    QFontDatabase.hasFamily: that is a fontconfig substitution of its own per name (~1.1 M
    instructions each, seven for the title's chain on a bare Linux: 0.7% of an export), and it
    also says yes to a name fontconfig only aliases to another font, one Qt does not print in."""
    _forget_when_fonts_change()
    listed = {family_of(name).casefold() for name in QFontDatabase.families()}
    return next((name for name in CHAINS[role] if name.casefold() in listed), None)


@cache
def families(role: Role) -> tuple[str, ...]:
    """The role's chain as Qt is given it: the first family of the chain that the font database
    lists moved to the front, the rest in their order.  Qt asks fontconfig for the fallbacks of a
    first family it does not have (a sorted list of every font, per style and script: 12 such
    queries in an export of the sample on a bare Linux, where the official names are missing;
    1.6–2.2% of the process's instructions); with one it has, it needs none.  The same fonts
    print: each character still goes to the first family of the chain that draws it (the one
    moved first was the first that can; the chains name each font in all its spellings, side by
    side), and with no family of the chain listed the chain is given as it is (``installed``)."""
    _forget_when_fonts_change()
    chain = CHAINS[role]
    first = installed(role)
    return chain if first is None else (first, *(name for name in chain if name != first))


def font(role: Role, point_size: float) -> QFont:
    """A font for ``role``; its point size becomes device pixels on the device it is used on."""
    f = QFont()
    f.setFamilies(list(families(role)))
    f.setPointSizeF(point_size)
    # Outlines only (bitmap fonts cannot be embedded); no hinting, so that the layout measured
    # for one resolution holds for the next.
    f.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setKerning(False)
    # The PDF's text layer maps each glyph back through the font's cmap: a glyph substituted by
    # shaping has no entry, and its character vanishes from copied or searched text (Noto CJK's
    # 'locl' swaps the digits after Latin letters: “H5” came back as “H”; 'ccmp' sets “——” as
    # one glyph, which comes back as “⸺”).
    for tag in NO_SUBSTITUTION:
        f.setFeature(QFont.Tag(tag), 0)
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


def missing_glyphs(text: str | None = None, device: QPaintDevice | None = None) -> bool:
    """True if some character of ``text`` (default: PROBE) has no glyph in any font Qt can find:
    it would print as a box (glyph 0), so printing refuses instead.  ``device``: the one about to
    be painted; the probe then takes the body text's own font there, whose glyphs the body loads
    anyway (on the screen it cost a font of its own and ~35 glyphs: ~1 ms of each export)."""
    f = font(Role.BODY, BODY_PT)
    probe = PROBE if text is None else text
    layout = QTextLayout(probe, f) if device is None else QTextLayout(probe, f, device)
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    return any(0 in glyph_run.glyphIndexes() for glyph_run in layout.glyphRuns())


def undrawable(chars: str, device: QPaintDevice | None = None) -> set[str]:
    """The characters of ``chars`` that no font Qt can find draws: set in the body's font (its
    chain, then Qt's own fallbacks, as the printed report is), each one drawn with the empty glyph
    is one a page would show as a box (``app.undrawn`` names the ones worth asking about)."""
    if not chars:
        return set()
    text = " ".join(chars)  # apart: a combining mark is asked about on its own
    f = font(Role.BODY, BODY_PT)
    layout = QTextLayout(text, f) if device is None else QTextLayout(text, f, device)
    layout.beginLayout()
    while layout.createLine().isValid():
        pass
    layout.endLayout()
    # Qt's string positions count UTF-16 units: a character outside the BMP is two
    at16 = [i for i, ch in enumerate(text) for _ in range(1 + (ord(ch) > 0xFFFF))]
    flags = QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
    out = set()
    for run in layout.glyphRuns(-1, -1, flags):
        for glyph, at in zip(run.glyphIndexes(), run.stringIndexes(), strict=True):
            if glyph == 0 and 0 <= at < len(at16):
                out.add(text[at16[at]])
    return out - {" "}


def undrawn_warning(report: Report, device: QPaintDevice | None, output: str, then: str, kept: bool = True) -> str | None:
    """``app.undrawn.warning`` for the characters of ``report`` no font here draws, or None:
    asked only about the few outside GB 2312, so nothing is laid out for a report in common
    characters.  ``then``: what to do once such a font is installed (“后重新导出”)."""
    from app.undrawn import FONTS_HINT, candidates, warning

    ask = candidates(report)
    missing = undrawable(ask, device) if ask else set()
    return warning(report, missing, output, f"请安装{FONTS_HINT}{then}", kept) if missing else None
