"""Searchable text in the PDFs Qt writes.

Qt's PDF engine maps each embedded glyph back to the *lowest* code point the font maps to it.
CJK fonts (Noto CJK, Source Han, …) share glyphs between the radical blocks (U+2E80–U+2FDF)
and the unified ideographs, so “人民政府” would be copied and searched as “⼈⺠政府”.  The fix
rewrites those entries of the ToUnicode maps to the ideograph; every code stays four hex digits,
so the file keeps its length and its cross-reference table stays valid.  The same rewrite maps
canonically equivalent code points (〈〉 drawn with the glyph of the deprecated U+2329/U+232A)
to the characters the text has.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from PySide6.QtGui import QRawFont

from ui.print_fonts import Role, font

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
UNIFIED = range(0x4E00, 0xA000)
_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_SINGLE = re.compile(rb"^(<[0-9A-Fa-f]+>)\s+(<[0-9A-Fa-f]+>)\s+(<[0-9A-Fa-f]{4}>)\s*$", re.M)
_CHAR = re.compile(rb"^(<[0-9A-Fa-f]+>)\s+(<[0-9A-Fa-f]{4}>)\s*$", re.M)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


@cache
def radical_equivalents() -> dict[int, int]:
    """Radical code point → the unified ideograph drawn with the same glyph."""
    # The glyph decides first: NFKC folds the door radical ⼾ to the traditional 戶, while a
    # simplified-Chinese font draws it as 户 — the character the text really had.
    out: dict[int, int] = {}
    unified = "".join(map(chr, UNIFIED))
    radicals = list(RADICALS)
    for role in Role:
        raw = QRawFont.fromFont(font(role, 12))
        if not raw.isValid():
            continue
        by_glyph: dict[int, int] = {}
        for cp, glyph in zip(UNIFIED, raw.glyphIndexesForString(unified), strict=True):
            by_glyph.setdefault(glyph, cp)
        glyphs = raw.glyphIndexesForString("".join(map(chr, radicals)))
        for cp, glyph in zip(radicals, glyphs, strict=True):
            if glyph and glyph in by_glyph:
                out.setdefault(cp, by_glyph[glyph])
    for cp in RADICALS:  # no font draws it like an ideograph: the compatibility mapping
        folded = unicodedata.normalize("NFKC", chr(cp))
        if cp not in out and folded != chr(cp) and len(folded) == 1:
            out[cp] = ord(folded)
    return out


def canonical(cp: int) -> int | None:
    """The character ``cp`` is canonically equivalent to, where that is another single one: the
    deprecated angle brackets U+2329/U+232A are 〈〉 (U+3008/U+3009), a CJK compatibility
    ideograph its unified one.  Fonts map both to one glyph and Qt reports the lower code."""
    nfc = unicodedata.normalize("NFC", chr(cp))
    return ord(nfc) if len(nfc) == 1 and nfc != chr(cp) and ord(nfc) <= 0xFFFF else None


def _fix_code(match: re.Match[bytes]) -> bytes:
    cp = int(match.group(1), 16)
    better = radical_equivalents().get(cp) if cp in RADICALS else canonical(cp)
    return match.group(0) if better is None else b"<%04X>" % better


def fix_cmap(cmap: bytes) -> bytes:
    """Destination codes only (arrays of bfrange, one-code ranges, bfchar); never source codes."""
    cmap = _ARRAY.sub(lambda m: b"[" + _CODE.sub(_fix_code, m.group(1)) + b"]", cmap)
    cmap = _SINGLE.sub(lambda m: m.group(0) if m.group(1) != m.group(2) else
                       m.group(1) + b" " + m.group(2) + b" " + _CODE.sub(_fix_code, m.group(3)), cmap)
    return _CHAR.sub(lambda m: m.group(1) + b" " + _CODE.sub(_fix_code, m.group(2)), cmap)


def make_searchable(path: Path) -> int:
    """Rewrite the ToUnicode maps of an uncompressed-CMap PDF in place; the number fixed."""
    data = bytearray(path.read_bytes())
    fixed = 0
    for number in sorted(set(_TO_UNICODE.findall(data))):
        head = re.compile(rb"(?:^|[\r\n])" + number + rb"\s+0\s+obj\s*<<\s*/Length\s+(\d+)\s*>>\s*stream\r?\n")
        found = head.search(data)
        if found is None:
            continue  # a compressed or indirect-length stream: leave it as Qt wrote it
        start, length = found.end(), int(found.group(1))
        old = bytes(data[start:start + length])
        new = fix_cmap(old)
        if len(new) == len(old) and new != old:
            data[start:start + length] = new
            fixed += 1
    if fixed:
        path.write_bytes(bytes(data))
    return fixed
