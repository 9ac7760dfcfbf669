"""A font's tables bounded as pdfminer expands them: a width table's ranges (/W “0 99999999 500”:
one entry for each code) and a character map's ranges (“<00000000> <FFFFFFFF> <4E00>” in a
ToUnicode or encoding CMap) are written in a few bytes and were expanded into a dictionary of
every code — a 700-byte PDF took 1.35 GB and 9 s, one of 4 G codes hung past 40 s and 1.5 GB.
A font has at most 65,536 glyphs; past MAX_FONT_ENTRIES a font is damaged or made to exhaust
its reader, and ``FontLimit`` stops it (app/pdfread/refusals.py says so).  All fonts of one
document share MAX_DOCUMENT_FONT_ENTRIES: pdfminer builds every font a page's resources list,
used or not, one table each even when they share one stream — 100 fonts under the per-font cap
took 980 MB from a 12 KB file."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from app.pdfread.budget import Budget

MAX_FONT_ENTRIES = 1 << 17  # codes one font's table may give: twice the glyphs a font can have
# All the fonts of one document together: four fonts each mapping every glyph it can have, far
# past a report's (a few subset fonts of some hundred characters; a fully embedded 宋体 ~30,000)
MAX_DOCUMENT_FONT_ENTRIES = 4 * MAX_FONT_ENTRIES


class FontLimit(Exception):
    """A font's width table or character map expands to more than MAX_FONT_ENTRIES codes, or all
    the fonts of a document to more than MAX_DOCUMENT_FONT_ENTRIES (``document``)."""

    def __init__(self, document: bool = False) -> None:
        limit = MAX_DOCUMENT_FONT_ENTRIES if document else MAX_FONT_ENTRIES
        super().__init__(f"{'all fonts' if document else 'a font'}'s tables of more than {limit} entries")
        self.document = document


# Entries all fonts of the document being read may still expand to
_ENTRIES = Budget("pdf_font_entries_left", MAX_DOCUMENT_FONT_ENTRIES, lambda: FontLimit(document=True))
_spend = _ENTRIES.spend


def budget() -> AbstractContextManager[None]:
    """The fonts' tables expanded inside are counted against one total (one document's read)."""
    return _ENTRIES.within(MAX_DOCUMENT_FONT_ENTRIES)


def _expanded(seq: Iterable[object], group: int) -> int:
    """How many entries pdfminer's get_widths (``group`` 3) or get_widths2 (5) makes of ``seq``:
    a list after a code gives one a member (or a triple), ``first last w…`` one a code between."""
    from pdfminer.pdftypes import resolve1

    total, numbers = 0, 0
    first: object = None
    last: object = None
    for v in seq:
        v = resolve1(v)
        if isinstance(v, list):
            total += len(v) if numbers else 0
            numbers = 0
        elif isinstance(v, (int, float)):
            numbers += 1
            first, last = (v, None) if numbers == 1 else (first, v if numbers == 2 else last)
            if numbers == group:
                if isinstance(first, int) and isinstance(last, int):
                    total += max(0, last - first + 1)
                numbers = 0
        if total > MAX_FONT_ENTRIES:
            raise FontLimit()
    return total


_installed = False


def install() -> None:
    """Once per process: pdfminer's width tables and CMaps counted as they are built."""
    global _installed
    if _installed:
        return
    from pdfminer import cmapdb, pdffont

    widths, widths2 = pdffont.get_widths, pdffont.get_widths2

    def bounded_widths(seq: Iterable[object]) -> Any:
        seq = list(seq)
        _spend(_expanded(seq, 3))
        return widths(seq)

    def bounded_widths2(seq: Iterable[object]) -> Any:
        seq = list(seq)
        _spend(_expanded(seq, 5))
        return widths2(seq)

    pdffont.get_widths = bounded_widths  # type: ignore[assignment]
    pdffont.get_widths2 = bounded_widths2  # type: ignore[assignment]

    def counted(add: Any) -> Any:
        def add_counted(self: Any, *args: Any) -> None:
            n = self.__dict__.get("_nianbao_entries", 0) + 1
            if n > MAX_FONT_ENTRIES:
                raise FontLimit()
            self.__dict__["_nianbao_entries"] = n
            _spend(1)
            add(self, *args)
        return add_counted

    for cls in (cmapdb.CMap, cmapdb.FileUnicodeMap):
        cls.add_code2cid = counted(cls.add_code2cid)  # type: ignore[method-assign]
        cls.add_cid2unichr = counted(cls.add_cid2unichr)  # type: ignore[method-assign]
    _installed = True
