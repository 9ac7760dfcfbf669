"""The text every glyph of our PDF stands for, where Qt's ToUnicode maps cannot say it.

Qt's PDF engine writes one ToUnicode map per embedded font, built after the fact from the font's
cmap: each glyph gets the *lowest* BMP code point the font maps to it, and a glyph reached only
from outside the BMP gets nothing.  So a report's 生僻字 (𬌗 𠇔 in an organ's or a person's
name) were read back as nothing, a full-width space U+3000 as an em space U+2003, a no-break space
and a zero-width joiner as a tab.  The writer knows better: every line is drawn as glyph runs that
carry the string and each glyph's place in it (``Recorder``), so after Qt has written the file
each font's glyphs are matched to the subset codes Qt gave them (first use, the order Qt numbers
them in) and the map is written again with the text each glyph was drawn for
(``rewrite``): a surrogate pair where it is one, the character the report has where several share
a glyph.  Everything is checked against what Qt wrote (the codes in each page's drawing, the
entries of Qt's own map); where anything disagrees the file is left as Qt wrote it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QGlyphRun, QPainter, QRawFont, QTextLayout, QTextLine

from app.report import Report
from ui.pdf_objects import Mismatch, Pdf, cmap, content_objects, qt_map, stream_object
from ui.pdf_text import RADICALS, canonical, radical_equivalent

_FLAGS = (QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
          | QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
          | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes)


# Characters Qt's own maps give back in any font: no lower code point shares their glyph (the
# CJK radicals that share an ideograph's are ``ui.pdf_text``'s), and they are in the BMP.
_FAITHFUL = re.compile("[\n!-~\u00b7\u2014\u2018\u2019\u201c\u201d\u2026\u3001-\u303f\u4e00-\u9fff\uff01-\uff5e]*")


def needs_care(report: Report) -> bool:
    """Whether any text of ``report`` has a character Qt's maps would not give back (a space, a
    full-width space, a character outside the BMP, a tab, a right-to-left letter…): only then is
    the PDF drawn through a ``Recorder``; a plain Chinese report is drawn as before."""
    texts = [report.organ, report.title, *report.raw.values()]
    texts += [run.text for paras in report.sections.values() for p in paras for run in p.runs]
    return any(_FAITHFUL.fullmatch(t) is None for t in texts)


@dataclass(slots=True)
class Drawn:
    """One glyph run as drawn: its font and glyphs, with the text of each."""

    raw: QRawFont
    glyphs: list[int]
    texts: list[str | None]  # per glyph: its cluster's characters on the first glyph, "" after;
    # None: Qt's map says it (a right-to-left run: Qt's string indexes there are not reliable)

    @property
    def font(self) -> tuple[str, str]:
        return self.raw.familyName(), self.raw.styleName()


class Recorder(QPainter):
    """A painter that draws text as glyph runs and keeps them, page by page, in drawing order
    (``ui.print_flow.draw_layout`` hands it every layout)."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[Drawn]] = [[]]
        self._layout: tuple[QTextLayout, str, Callable[[int], int]] | None = None  # the last drawn

    def new_page(self) -> None:
        self.pages.append([])

    def draw_layout(self, layout: QTextLayout, at: QPointF, line: int | None) -> None:
        if self._layout is not None and self._layout[0] is layout:  # a paragraph's next line
            text, at16 = self._layout[1:]
        else:
            text = layout.text()
            at16 = _positions(text)
            self._layout = (layout, text, at16)
        for i in range(layout.lineCount()) if line is None else (line,):
            self._draw_line(layout.lineAt(i), at, text, at16)

    def draw_text(self, font: QFont, at: QPointF, text: str) -> None:
        """``drawText(at, text)`` (``at`` on the baseline) as a recorded layout."""
        layout = QTextLayout(text, font, self.device())
        layout.beginLayout()
        ln = layout.createLine()
        layout.endLayout()
        self._draw_line(ln, QPointF(at.x(), at.y() - ln.ascent()), text, _positions(text))

    def _draw_line(self, ln: QTextLine, at: QPointF, source: str, at16: Callable[[int], int]) -> None:
        kept = []
        for run in ln.glyphRuns(-1, -1, _FLAGS):
            glyphs = run.glyphIndexes()
            if glyphs:
                self.drawGlyphRun(at, run)
                kept.append((run, glyphs))
        if not kept:
            return
        if any(run.isRightToLeft() for run, _ in kept):  # Qt's maps say it: see Drawn.texts
            self.pages[-1] += _right_to_left(ln, kept, source, at16)
            return
        placed = [run.stringIndexes() for run, _ in kept]
        if not _in_order(placed):
            xs = [cast(tuple[float, int], ln.cursorToX(i))[0] for i in range(ln.textStart(), ln.textStart() + ln.textLength())]
            placed = [_indexes(ln, run, glyphs, source, at16, xs) for run, glyphs in kept]
        # Each glyph's text: its cluster's characters, up to the next cluster's (what drew no
        # glyph — a tab, a line's leading tab — goes with the glyph before it, or the first).
        every = [i for indexes in placed for i in indexes]
        begin, end = ln.textStart(), ln.textStart() + ln.textLength()
        first, last = every[0], every[-1]
        if last - first == len(every) - 1 and at16(last) == last and every == list(range(first, last + 1)):
            chars = list(source[first:last + 1])  # a glyph a character, as Chinese text is
            chars[0] = source[min(begin, first):first] + chars[0]
            chars[-1] += source[last + 1:max(end, last + 1)]
            k = 0
            for run, glyphs in kept:
                self.pages[-1].append(Drawn(run.rawFont(), glyphs, list(chars[k:k + len(glyphs)])))
                k += len(glyphs)
            return
        starts = sorted(set(every))
        bounds = [min(starts[0], begin), *starts[1:], max(end, starts[-1] + 1)]
        text_of = {s: source[at16(a):at16(b)] for s, a, b in zip(starts, bounds, bounds[1:], strict=False)}
        simple = len(starts) == len(every)  # a glyph a cluster, as Chinese text is
        glyphs_of = Counter(every)
        given: Counter[int] = Counter()
        for (run, glyphs), indexes in zip(kept, placed, strict=True):
            if simple:
                texts: list[str | None] = list(map(text_of.__getitem__, indexes))
            else:
                texts = []
                for i in indexes:
                    text, n = text_of[i], glyphs_of[i]
                    # A character a glyph where they are as many (a letter and its combining
                    # mark, even in two fonts), else the whole cluster on its first glyph.
                    texts.append(text[given[i]] if len(text) == n else "" if given[i] else text)
                    given[i] += 1
            self.pages[-1].append(Drawn(run.rawFont(), glyphs, texts))


def _right_to_left(ln: QTextLine, kept: list[tuple[QGlyphRun, list[int]]], source: str,
                   at16: Callable[[int], int]) -> list[Drawn]:
    """A line with right-to-left runs: Qt's maps say its glyphs, but for the direction marks and
    joiners Qt draws as spaces of no width (their map would say a tab): where the line has as
    many of those characters as glyphs of no width, they are given them in turn (which mark
    is which matters not: the reader takes them out and says so, app/pdfread/visual.py)."""
    out = [Drawn(run.rawFont(), glyphs, [None] * len(glyphs)) for run, glyphs in kept]
    line = source[at16(ln.textStart()):at16(ln.textStart() + ln.textLength())]
    marks = [ch for ch in line if unicodedata.category(ch) == "Cf"]
    if marks:
        xs = sorted(p.x() for run, _ in kept for p in run.positions())
        zero = []  # a font's space glyph where another glyph stands too: a character of no width
        for drawn, (run, glyphs) in zip(out, kept, strict=True):
            space = run.rawFont().glyphIndexesForString(" ")
            zero += [(drawn, j) for j, (glyph, p) in enumerate(zip(glyphs, run.positions(), strict=True))
                     if [glyph] == space and bisect_right(xs, p.x() + _NEAR) - bisect_left(xs, p.x() - _NEAR) > 1]
        if len(zero) == len(marks):
            for (drawn, j), mark in zip(zero, marks, strict=True):
                drawn.texts[j] = mark
    return out


def _in_order(placed: list[list[int]]) -> bool:
    """Whether Qt's string indexes of a left-to-right line's runs can be what they say: each
    run's rising, every run past the one before, no run of several glyphs all at one place."""
    last = -1
    for indexes in placed:
        if indexes[0] <= last or (len(indexes) > 1 and (indexes[0] == indexes[-1] or indexes != sorted(indexes))):
            return False
        last = indexes[-1]
    return True


def _indexes(ln: QTextLine, run: QGlyphRun, glyphs: list[int], source: str, at16: Callable[[int], int],
             xs: list[float]) -> list[int]:
    """The string position (UTF-16) each glyph of a left-to-right run was drawn for: where the
    line's cursor stands at the glyph's place (``xs``: at each position of the line), where
    Qt's own string indexes are not in order (``_in_order``).  They are 0 for every glyph
    of a run after a fallback font's (a zero-width joiner, a letter another font draws), which
    would give one glyph the rest of the line.  Characters of no width stand where the next
    does: the last is taken (the visible one), unless the glyph is that of one just before."""
    begin = ln.textStart()
    raw = run.rawFont()
    out = [max(0, bisect_right(xs, place.x() + _NEAR) - 1) for place in run.positions()]  # a mark: its letter's
    chars = [source[at16(begin + i)] for i in out]
    drawn_with = raw.glyphIndexesForString("".join(chars))
    if len(drawn_with) == len(chars) and drawn_with != glyphs:
        for k, (glyph, was) in enumerate(zip(glyphs, drawn_with, strict=True)):
            if glyph != was:  # a character of no width before it, which this glyph draws?
                # (Qt draws a format character — a joiner, a direction mark — with a space
                # of no width, not the glyph its font maps it to)
                near = [i for i in range(max(0, out[k] - 3), min(len(xs), out[k] + 2))
                        if raw.glyphIndexesForString(source[at16(begin + i)]) == [glyph]
                        or (abs(xs[i] - xs[out[k]]) <= _NEAR and unicodedata.category(source[at16(begin + i)]) == "Cf")]
                out[k] = min(near, key=lambda i: abs(i - out[k]), default=out[k])
    return [begin + i for i in out]


_NEAR = 0.5  # device pixels (1200 dpi) within which a glyph stands where the cursor does


def _positions(source: str) -> Callable[[int], int]:
    """Qt's string positions (UTF-16 units: a character outside the BMP is two) as Python's."""
    if source.isascii() or max(source) <= "\uffff":
        return lambda i: i
    where = [i for i, ch in enumerate(source) for _ in range(1 + (ord(ch) > 0xFFFF))] + [len(source)]
    return where.__getitem__


# Qt's page drawing: each text item is "BT\n/F<font> <size> Tf ..." then one "<x y> Td <code> Tj"
# per glyph; a synthesized bold draws them again inside an empty ActualText span.
_BEGIN = re.compile(rb"BT\n/F(\d+) [^\n]*\n")
_GLYPH = re.compile(rb"<([0-9A-Fa-f]{4})> Tj")



@dataclass
class _Font:
    """One embedded font as the recorder saw it drawn: its subset codes and each code's text."""

    key: tuple[str, str] | None = None
    cid_of: dict[int, int] = field(default_factory=lambda: {0: 0})  # glyph → subset code
    entry: dict[int, str] = field(default_factory=dict)  # code → its map's text: the first drawn


# What a glyph's first text leaves out of the map's entry: characters that drew nothing after it
_DREW_NOTHING = re.compile(r"[\t\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+$")




def _blocks(content: bytes) -> list[tuple[int, int, int, list[int]]]:
    """A page's text items that draw glyphs: where each one's drawing starts and ends, its font
    and the codes it shows (a synthesized bold's second pass, the same codes again, left out).
    Searched with bytes.find and read in one conversion per item: a regex scanning each item
    character by character and an int() per glyph were 40% of ``rewrite``."""
    out = []
    begin = _BEGIN.search(content)
    while begin is not None:
        start = begin.end()
        end = content.find(b"ET\n", start)
        if end < 0:
            raise Mismatch("a text item without its end")
        bold = content.find(b"/Span", start, end)
        found = _GLYPH.findall(content, start, end if bold < 0 else bold)
        if found:
            codes = array("H", bytes.fromhex(b"".join(found).decode("ascii")))
            if sys.byteorder == "little":
                codes.byteswap()  # the codes are written big-endian
            out.append((start, end, int(begin.group(1)), codes.tolist()))
        begin = _BEGIN.search(content, end + 3)
    return out


def _match(font: _Font, drawn: Drawn, codes: list[int], qt: dict[int, int]) -> list[str] | None:
    """Give ``drawn``'s glyphs the codes Qt drew them with, and the text each code stands for
    here (None: its map's, everywhere).  Qt leaves out glyphs it does not print (a zero-width
    joiner's in some fonts), so the codes are a subsequence of the glyphs; their text goes with
    the code before (or after)."""
    if font.key is None:
        font.key = drawn.font
    elif font.key != drawn.font:
        raise Mismatch(f"font {font.key} drawn as {drawn.font}")
    cid_of, entry = font.cid_of, font.entry
    if list(map(cid_of.get, drawn.glyphs)) == codes:  # every glyph known and printed: most runs
        texts = drawn.texts
        if None in texts:
            texts = [entry.get(c, "") if t is None else t for c, t in zip(codes, texts, strict=True)]
        return None if list(map(entry.get, codes)) == texts else list(texts)  # type: ignore[arg-type]
    k = 0
    shown: list[str] = []
    pending = ""
    for glyph, text in zip(drawn.glyphs, drawn.texts, strict=True):
        code = codes[k] if k < len(codes) else None
        cid = cid_of.get(glyph)
        if cid is None and code == len(cid_of) and (code not in qt or _draws(drawn.raw, qt[code], glyph)):
            cid = cid_of[glyph] = code
            own = (_DREW_NOTHING.sub("", text) or text) if text else text
            # one character drawn with another glyph than its own: the text is not this glyph's
            if own and len(own) == 1 and glyph and unicodedata.category(own) != "Cf" \
                    and drawn.raw.glyphIndexesForString(own) not in ([glyph], [0]):
                raise Mismatch(f"{own!r} drawn with glyph {glyph}")
            entry[cid] = own if own else _qt_text(qt[cid]) if cid in qt else ""
        if text is None:
            text = entry.get(cid, "") if cid is not None else ""
        if cid is None or cid != code:  # not printed
            if shown:
                shown[-1] += text
            else:
                pending += text
            continue
        k += 1
        shown.append(pending + text)
        pending = ""
    if k != len(codes):
        raise Mismatch(f"font {font.key}: {len(codes)} codes drawn, {k} matched")
    return None if list(map(entry.get, codes)) == shown else shown


def _qt_text(uc: int) -> str:
    """Qt's entry for a glyph no recorded text names, put right as ``ui.pdf_text`` puts Qt's
    maps right (a radical for the ideograph drawn with its glyph, 〈 for U+2329)."""
    better = radical_equivalent(uc) if uc in RADICALS else canonical(uc)
    return chr(uc if better is None else better)


def _draws(raw: QRawFont, uc: int, glyph: int) -> bool:
    """Whether ``raw`` draws character ``uc`` with ``glyph`` (Qt's entry for a code: the lowest
    character of the glyph, U+2003 where the text had U+3000)."""
    return raw.glyphIndexesForString(chr(uc)) == [glyph]


_SHOWN = re.compile(rb"[^\n]*Td <([0-9A-Fa-f]{4})> Tj\n")


def _utf16(text: str) -> bytes:
    return b"FEFF" + text.encode("utf-16-be").hex().upper().encode()


def _spans(block: bytes, texts: list[str], codes: list[int], entries: dict[int, str]) -> bytes:
    """The glyphs of a text item whose text here is not their map's, in an ActualText span each
    (PDF 32000 14.9.4): a tab that drew nothing, a no-break space drawn as a space, characters
    no font has, all drawn with the one empty glyph."""
    shown, _, rest = block.partition(b"/Span")
    at = 0
    out = []
    for m, code, text in zip(_SHOWN.finditer(shown), codes, texts, strict=True):
        if text != entries.get(code, ""):
            out += [shown[at:m.start()], b"/Span <</ActualText <%s>>> BDC\n" % _utf16(text), m.group(0), b"EMC\n"]
            at = m.end()
    out.append(shown[at:])
    return b"".join(out) + (b"/Span" + rest if _ else b"")


def rewrite(path: Path, pages: list[list[Drawn]]) -> int:
    """Write each font's ToUnicode map again with the text its glyphs were drawn for, and
    where one glyph stands for other text in one place, that place's text as an ActualText
    span; the number of objects written.  Raises ``Mismatch`` (the file untouched) where Qt's
    drawing is not what was recorded."""
    pdf = Pdf(path.read_bytes())
    maps = pdf.fonts()
    qt = {f: qt_map(pdf.stream(tu)) for f, tu in maps.items()}
    fonts: dict[int, _Font] = {}
    page_ids = pdf.pages()
    if len(page_ids) != len(pages):
        raise Mismatch(f"{len(page_ids)} pages written, {len(pages)} recorded")
    drawn_here: list[tuple[int, bytes, list[tuple[tuple[int, int], int, list[int], list[str] | None]]]] = []
    for page, drawn in zip(page_ids, pages, strict=True):
        contents = pdf.ref(page, b"Contents")
        if contents is None:
            raise Mismatch(f"page {page}: no contents")
        content = pdf.stream(contents)
        blocks = [((start, end), font_id, codes) for start, end, font_id, codes in _blocks(content)]
        if len(blocks) != len(drawn):
            raise Mismatch(f"page {page}: {len(blocks)} text items written, {len(drawn)} recorded")
        items = []
        for (m, font_id, codes), run in zip(blocks, drawn, strict=True):
            if font_id not in maps:
                raise Mismatch(f"font {font_id} has no ToUnicode map")
            items.append((m, font_id, codes, _match(fonts.setdefault(font_id, _Font()), run, codes, qt[font_id])))
        drawn_here.append((contents, content, items))
    new: dict[int, bytes] = {}
    entries_of: dict[int, dict[int, str]] = {}
    for font_id, font in fonts.items():
        entries = {cid: _qt_text(uc) for cid, uc in qt[font_id].items() if cid}
        entries.update((cid, text) for cid, text in font.entry.items() if cid and text)
        entries_of[font_id] = entries
        body = stream_object(maps[font_id], cmap(entries))
        if body != pdf.body(maps[font_id]):
            new[maps[font_id]] = body
    for contents, content, items in drawn_here:
        if all(texts is None for *_, texts in items):
            continue
        parts, at = [], 0
        for m, font_id, codes, texts in items:
            if texts is not None:
                parts += [content[at:m[0]], _spans(content[m[0]:m[1]], texts, codes, entries_of[font_id])]
                at = m[1]
        parts.append(content[at:])
        new.update(content_objects(pdf, contents, zlib.compress(b"".join(parts))))
    if new:
        path.write_bytes(pdf.replaced(new))
    return len(new)
