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

import codecs
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator
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
_HEAD = re.compile(rb"\s+0\s+obj\s*<<\s*/Length\s+(\d+)\s*>>\s*stream\r?\n")  # after the number


class RoleFonts:
    """The distinct fonts the roles print with, loaded as a lookup first needs them; held for
    one PDF only (a QRawFont kept past the application would outlive its font engine)."""

    def __init__(self) -> None:
        self._roles = iter(Role)
        self._seen: set[tuple[str, str]] = set()
        self._fonts: list[tuple[tuple[str, str], QRawFont]] = []

    def __iter__(self) -> Iterator[tuple[tuple[str, str], QRawFont]]:
        i = 0
        while True:
            if i < len(self._fonts):
                yield self._fonts[i]
                i += 1
                continue
            role = next(self._roles, None)
            if role is None:
                return
            raw = QRawFont.fromFont(font(role, 12))
            key = (raw.familyName(), raw.styleName())
            if raw.isValid() and key not in self._seen:  # the roles mostly share one or two fonts
                self._seen.add(key)
                self._fonts.append((key, raw))


# Plain ints, per process: radical → ideograph (None: none), and per font (family, style) its
# radical table (``_radical_table``).
_EQUIVALENT: dict[int, int | None] = {}
_RADICAL_TABLES: dict[tuple[str, str], dict[int, int]] = {}
NO_GLYPH = -1  # in a radical table: the font does not draw the radical (0: no ideograph shares its glyph)
MAX_FONTS_KEPT = 64  # fonts in the table cache file; beyond that it starts over


def _first_ideographs(raw: QRawFont) -> dict[int, int]:
    """Glyph → the lowest unified ideograph ``raw`` draws with it."""
    # The 21,000 characters decoded at once ("".join(map(chr, …)) took 2 ms); "I" is 4 bytes.
    # The codec's function itself: by name, the codec registry imports a module for it.
    decode = codecs.utf_32_le_decode if sys.byteorder == "little" else codecs.utf_32_be_decode
    text = decode(array("I", UNIFIED).tobytes())[0]
    glyphs = raw.glyphIndexesForString(text)
    return dict(zip(reversed(glyphs), reversed(UNIFIED), strict=True))  # the lowest is set last


def _compute_radical_table(raw: QRawFont) -> dict[int, int]:
    """Every radical → the lowest unified ideograph ``raw`` draws with the radical's glyph (0:
    none does; NO_GLYPH: no glyph)."""
    glyphs = raw.glyphIndexesForString("".join(map(chr, RADICALS)))  # the cmap's, one per character
    first = _first_ideographs(raw) if any(glyphs) else {}
    return {cp: first.get(glyph, 0) if glyph else NO_GLYPH for cp, glyph in zip(RADICALS, glyphs, strict=True)}


def tables_file() -> Path:
    """Beside the compiled-code caches (app/dataclass_cache.py: the user's cache folder)."""
    from app.dataclass_cache import cache_file

    return cache_file().with_name("radicals.bin")


def _radical_table(key: tuple[str, str], raw: QRawFont) -> dict[int, int]:
    """The font's radical table, kept in the user's cache by the bytes of the font's cmap (all it
    depends on): looking up 21,000 ideographs in the font was 2–3% of each export process.  A
    font another program installed over the old one has another cmap, so another entry; a
    missing or damaged cache file is only the lookup made again."""
    table = _RADICAL_TABLES.get(key)
    if table is not None:
        return table
    import zlib

    from app.dataclass_cache import load, save

    cmap = raw.fontTable("cmap").data()
    digest = f"{key[0]}/{key[1]}/{len(cmap)}/{zlib.crc32(cmap):08x}/{zlib.adler32(cmap):08x}"
    where = tables_file()
    kept = load(where)
    kept = kept if isinstance(kept, dict) else {}
    table = kept.get(digest)
    # Another version's radicals (or a damaged file marshal still reads) would fail the lookup
    # in the middle of an export: the table must hold exactly our radicals.
    if not (isinstance(table, dict) and table.keys() == set(RADICALS)
            and all(isinstance(v, int) for v in table.values())):
        table = _compute_radical_table(raw)
        save(where, ({} if len(kept) >= MAX_FONTS_KEPT else kept) | {digest: table})
    _RADICAL_TABLES[key] = table
    return table


def radical_equivalent(cp: int, fonts: RoleFonts | None = None) -> int | None:
    """The unified ideograph drawn with the glyph of radical ``cp`` (None: keep ``cp``).

    Looked up only for the radicals a PDF's text layer really has, in the role fonts in order
    until one draws it: the full table (every radical against 21,000 ideographs in each role
    font) cost 30 ms of every `export --to .pdf` process, most of the text-layer fix."""
    if cp in _EQUIVALENT:
        return _EQUIVALENT[cp]
    # The glyph decides first: NFKC folds the door radical ⼾ to the traditional 戶, while a
    # simplified-Chinese font draws it as 户 — the character the text really had.
    better = None
    for key, raw in RoleFonts() if fonts is None else fonts:
        found = _radical_table(key, raw)[cp]
        if found == NO_GLYPH:
            continue
        better = found or None
        if better is not None:
            break
    else:  # no font draws it like an ideograph: the compatibility mapping
        folded = unicodedata.normalize("NFKC", chr(cp))
        better = ord(folded) if folded != chr(cp) and len(folded) == 1 else None
    _EQUIVALENT[cp] = better
    return better


def canonical(cp: int) -> int | None:
    """The character ``cp`` is canonically equivalent to, where that is another single one: the
    deprecated angle brackets U+2329/U+232A are 〈〉 (U+3008/U+3009), a CJK compatibility
    ideograph its unified one.  Fonts map both to one glyph and Qt reports the lower code."""
    nfc = unicodedata.normalize("NFC", chr(cp))
    return ord(nfc) if len(nfc) == 1 and nfc != chr(cp) and ord(nfc) <= 0xFFFF else None


def fix_cmap(cmap: bytes, fonts: RoleFonts | None = None) -> bytes:
    """Destination codes only (arrays of bfrange, one-code ranges, bfchar); never source codes."""
    fonts = RoleFonts() if fonts is None else fonts

    def fix_code(match: re.Match[bytes]) -> bytes:
        cp = int(match.group(1), 16)
        better = radical_equivalent(cp, fonts) if cp in RADICALS else canonical(cp)
        return match.group(0) if better is None else b"<%04X>" % better

    cmap = _ARRAY.sub(lambda m: b"[" + _CODE.sub(fix_code, m.group(1)) + b"]", cmap)
    cmap = _SINGLE.sub(lambda m: m.group(0) if m.group(1) != m.group(2) else
                       m.group(1) + b" " + m.group(2) + b" " + _CODE.sub(fix_code, m.group(3)), cmap)
    return _CHAR.sub(lambda m: m.group(1) + b" " + _CODE.sub(fix_code, m.group(2)), cmap)


def _stream(data: bytes | bytearray, number: bytes) -> tuple[int, int] | None:
    """Start and length of object ``number``'s stream, where its length is stated directly."""
    # bytes.find, not one regex over the file: a pattern that cannot start with a literal
    # tries every byte of the (megabytes of) compressed page and font data.
    at = data.find(number)
    while at >= 0:
        if at == 0 or data[at - 1] in b"\r\n":
            head = _HEAD.match(data, at + len(number))
            if head is not None:
                return head.end(), int(head.group(1))
        at = data.find(number, at + 1)
    return None


def make_searchable(path: Path) -> int:
    """Rewrite the ToUnicode maps of an uncompressed-CMap PDF in place; the number fixed."""
    data = bytearray(path.read_bytes())
    fonts = RoleFonts()
    fixed = 0
    for number in sorted(set(_TO_UNICODE.findall(data))):
        found = _stream(data, number)
        if found is None:
            continue  # a compressed or indirect-length stream: leave it as Qt wrote it
        start, length = found
        old = bytes(data[start:start + length])
        new = fix_cmap(old, fonts)
        if len(new) == len(old) and new != old:
            data[start:start + length] = new
            fixed += 1
    if fixed:
        path.write_bytes(bytes(data))
    return fixed
