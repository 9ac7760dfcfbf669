"""Symbol characters (w:sym), as Word's 插入 → 符号 writes them, read as the text they show.

A w:sym names a font and a character code instead of holding text: a digit or “①” inserted
from the 符号 dialog, “±” or “≤” from the Symbol font, a check box from Wingdings.  Before the
body is read each one that shows a real character becomes ordinary text (w:t) in its run, so a
digit entered that way is no longer dropped from a table cell nor a sentence.  The code is a
Unicode character, or (F000–F0FF, or below 0100 in a symbol font) a byte of the named symbol
font: the Symbol font's letters are Greek and its punctuation mathematical (Adobe's Symbol
encoding); of Wingdings only the circled digits and check boxes are read.  Any other glyph of a
private font (a Wingdings picture, a private-use code) shows no character: left out, as before.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from app.docx.stylechain import StyleSheet
from app.docx.xmlkids import W, child_val, first_child

_SYM, _T, _FONT, _CHAR = (f"{{{W}}}{t}" for t in ("sym", "t", "font", "char"))
_R, _RPR, _RFONTS, _ASCII, _RT, _P = (f"{{{W}}}{t}" for t in ("r", "rPr", "rFonts", "ascii", "rt", "p"))

# Adobe's Symbol encoding where it differs from ASCII, and its upper half (bracket pieces left out).
_SYMBOL_DIFF = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
    **dict(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", strict=True)),
    **dict(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True)),
    **dict(zip(range(0xA1, 0xC0), "ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐⎯↵", strict=True)),
    **dict(zip(range(0xC0, 0xE6), "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓◊〈®©™∑", strict=True)),
    0xF1: "〉", 0xF2: "∫",
}
_WINGDINGS = {
    0x80: "⓪", **{0x81 + i: chr(0x2460 + i) for i in range(10)},  # ① … ⑩
    0x8B: "⓿", **{0x8C + i: chr(0x2776 + i) for i in range(10)},  # ❶ … ❿
    0xA8: "☐", 0xFB: "✘", 0xFC: "✔", 0xFD: "☒", 0xFE: "☑",
}


def _symbol(code: int) -> str | None:
    if code in _SYMBOL_DIFF:
        return _SYMBOL_DIFF[code]
    return chr(code) if 0x20 <= code < 0x7F and code != 0x60 else None


_FONTS: dict[str, Callable[[int], str | None]] = {"symbol": _symbol, "wingdings": _WINGDINGS.get}
# Fonts whose every glyph is a picture (Word draws “37” typed in them as two pictograms).
_PICTURE_FONTS = {"wingdings 2", "wingdings 3", "webdings", "marlett", "zapf dingbats", "zapfdingbats"}


def character(font: str, char: str) -> str | None:
    """The character a w:sym shows, None when it is a glyph of a private font only."""
    try:
        code = int(char.strip(), 16)
    except ValueError:
        return None
    table = _FONTS.get(font.strip().lower())
    if font.strip().lower() in _PICTURE_FONTS:
        return None  # every glyph a picture (Webdings' “1” is no 1)
    if 0xF000 <= code <= 0xF0FF or (code < 0x100 and table is not None):
        return table(code & 0xFF) if table is not None else None
    if 0xE000 <= code <= 0xF8FF or 0xD800 <= code <= 0xDFFF or code < 0x20 or code > 0x10FFFF:
        return None  # private use, half a surrogate pair, a control character: nothing to read
    if 0x7F <= code < 0xA0:
        return None
    return chr(code)


def read_symbols(body: etree._Element) -> int:
    """Each w:sym in ``body`` (the reader's own tree) that shows a character becomes a w:t of
    it in place; returns how many did.  (A file without any costs nothing: lxml knows the
    document has no such tag.)"""
    found = 0
    for sym in list(body.iter(_SYM)):
        text = character(sym.get(_FONT, ""), sym.get(_CHAR, ""))
        if text is None:
            continue
        t = etree.Element(_T)
        t.text = text
        t.tail = sym.tail
        parent = sym.getparent()
        if parent is not None:
            parent.replace(sym, t)
            found += 1
    return found


_RSTYLE, _PSTYLE, _PPR = (f"{{{W}}}{t}" for t in ("rStyle", "pStyle", "pPr"))
_DOC_DEFAULTS, _RPR_DEFAULT = f"{{{W}}}docDefaults", f"{{{W}}}rPrDefault"


def _symbolic(font: str | None) -> bool:
    f = (font or "").strip().lower()
    return f in _FONTS or f in _PICTURE_FONTS


def _font(rpr: etree._Element | None) -> str | None:
    """The font an rPr names for ASCII text (w:rFonts w:ascii); None when it names none."""
    fonts = first_child(rpr, _RFONTS)
    if fonts is None:
        return None
    return fonts.get(_ASCII) or None


def apply_style_fonts(body: etree._Element, styles_xml: list[bytes],
                      styles: Callable[[], etree._Element | None]) -> int:
    """A symbol font given by a style (a character style, the paragraph's style, the document
    defaults, each through its basedOn chain) is written onto the runs it reaches that name no
    font of their own, so read_symbol_fonts reads them as Word draws them.  styles.xml is
    parsed only when its bytes name such a font; returns how many runs were given one."""
    # Wingdings, Webdings, Symbol, Zapf Dingbats (Marlett, a system font, is not looked for)
    if not any(b"dings" in x or b"ymbol" in x or b"ingbats" in x or x[:64].lstrip()[:1] != b"<" for x in styles_xml):
        return 0
    root = styles()
    if root is None:
        return 0
    sheet = StyleSheet(root, lambda style: _font(first_child(style, _RPR)))
    default_para = sheet.default_paragraph
    defaults = root.find(f"{_DOC_DEFAULTS}/{_RPR_DEFAULT}/{_RPR}/{_RFONTS}")
    default_font = defaults.get(_ASCII) if defaults is not None else None

    def font_of(kind: str, sid: str) -> str | None:
        return sheet.resolve(kind, sid, lambda font: font)

    if not _symbolic(default_font) and not any(_symbolic(f) for f in sheet.own.values()):
        return 0
    given = 0
    para_fonts: dict[etree._Element, str | None] = {}
    for r in list(body.iter(_R)):
        p = _place(r)
        if p not in para_fonts:
            pstyle = child_val(first_child(p, _PPR), _PSTYLE) if p.tag == _P else ""
            para_fonts[p] = font_of("paragraph", pstyle or default_para)
        para_font = para_fonts[p]
        rpr = first_child(r, _RPR)
        fonts = first_child(rpr, _RFONTS)
        if fonts is not None and fonts.get(_ASCII):
            continue  # the run names its own font
        char_font = font_of("character", child_val(rpr, _RSTYLE))
        font = char_font or para_font or default_font
        if not _symbolic(font):
            continue
        if rpr is None:
            rpr = etree.Element(_RPR)
            r.insert(0, rpr)
        if fonts is None:
            fonts = etree.SubElement(rpr, _RFONTS)
        fonts.set(_ASCII, font or "")
        given += 1
    return given


def read_symbol_fonts(body: etree._Element) -> int:
    """A run typed in a symbol font shows what the font draws for its letters and digits, not
    them: “37” in Wingdings is two pictograms (nothing to read), “a” in Symbol is “α”.  Only the
    characters Word draws with the run's w:ascii font (ASCII) are changed.  Returns the places
    where a digit was drawn as a symbol — those runs, and each w:sym of a digit's code in a
    symbol font left unread — for the note that says so (符号字体): the figure the XML holds is
    not the one Word shows.  Called after hidden text is gone: what is not shown is not said."""
    lost: set[etree._Element] = set()
    for fonts in list(body.iter(_RFONTS)):
        font = (fonts.get(_ASCII) or "").strip().lower()
        if font not in _FONTS and font not in _PICTURE_FONTS:
            continue
        rpr = fonts.getparent()
        r = rpr.getparent() if rpr is not None and rpr.tag == _RPR else None
        if r is None or r.tag != _R:
            continue
        table = _FONTS.get(font, lambda code: None)
        for t in r.iter(_T):
            text = t.text or ""
            shown = "".join(c if ord(c) >= 0x80 else table(ord(c)) or "" for c in text)
            if any("0" <= c <= "9" and table(ord(c)) != c for c in text):
                lost.add(_place(r))
            if shown != text:
                t.text = shown
    for sym in body.iter(_SYM):  # left by read_symbols: a glyph of a private font
        try:
            code = int(sym.get(_CHAR, "").strip(), 16)
        except ValueError:
            continue
        if 0x30 <= code & ~0xF000 <= 0x39:  # a digit's key (F030–F039, or 30–39) in that font
            lost.add(_place(sym))
    return len(lost)


def _place(el: etree._Element) -> etree._Element:
    """The paragraph ``el`` is in (a table cell's paragraph for a figure), else ``el``."""
    p = el.getparent()
    while p is not None and p.tag != _P:
        p = p.getparent()
    return p if p is not None else el


def drop_ruby_text(body: etree._Element) -> int:
    """Phonetic guides (拼音指南, w:ruby) are read without their annotation: the base text is
    the text (“37” with a small “1” above it is 37, not 137)."""
    found = list(body.iter(_RT))
    for rt in found:
        parent = rt.getparent()
        if parent is not None:
            parent.remove(rt)
    return len(found)
