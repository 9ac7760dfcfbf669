"""Word fields read as Word shows them: their result, never their code.

A complex field is runs marked begin … separate … end (w:fldChar); Word shows only what lies
between its separate and its end.  Everything between begin and separate is the instruction,
a nested field's shown result included: { IF 1 = 1 "{ =5+5 }" "0" } cached as 28 shows 28,
and the inner field's 10 is part of the IF's code (reading it gave 1028).  The same for a
w:fldSimple inside an instruction.  A field without a separate shows nothing.  What an
instruction holds beside w:instrText (the nested results' w:t, tabs, breaks) is taken out of
the body before it is read, so every reader of the body — paragraphs, both table walks —
sees what Word shows.

A field left open at the end of the body (a damaged file: a begin without its end) is left
as it was: which of its text Word would show cannot be told (Word calls such a file damaged;
what it recovers is its own), and nothing is dropped on a guess.  Its begin mark is handed back,
for a warning that names the place (app/docx/reader.py).
"""

from __future__ import annotations

from lxml import etree

from app.docx.xmlkids import W

_FLD_CHAR, _R, _TYPE = (f"{{{W}}}{t}" for t in ("fldChar", "r", "fldCharType"))
# What a run shows: its text, tabs, breaks, symbols, hyphens, pictures (a run's w:rPr,
# w:fldChar and w:instrText show nothing).
_SHOWN = tuple(f"{{{W}}}{t}" for t in (
    "t", "tab", "ptab", "br", "cr", "sym", "noBreakHyphen", "softHyphen", "drawing", "pict", "object",
    "footnoteReference", "endnoteReference", "dayShort", "monthShort", "yearShort", "dayLong", "monthLong",
    "yearLong", "pgNum"))
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Parts of the body nobody reads (app/docx/blocks.py _LEFT_OUT): their field marks do not count.
_LEFT_OUT = frozenset((f"{{{_MC}}}Fallback", f"{{{W}}}del", f"{{{W}}}moveFrom"))


class _Field:
    """One open complex field: whether its separate came, and what its code showed."""

    __slots__ = ("begin", "code", "separated")

    def __init__(self, begin: etree._Element) -> None:
        self.begin = begin  # its w:fldChar
        self.separated = False
        self.code: list[etree._Element] = []  # shown elements inside this field's instruction


def _left_out(el: etree._Element, body: etree._Element) -> bool:
    node = el.getparent()
    while node is not None and node is not body:
        if node.tag in _LEFT_OUT:
            return True
        node = node.getparent()
    return False


def drop_field_codes(body: etree._Element) -> list[etree._Element]:
    """Take the shown content of every field instruction out of ``body``; the begin marks
    (w:fldChar) of the fields never ended, in document order.  A body without complex fields
    (most) is one quick look."""
    if next(body.iter(_FLD_CHAR), None) is None:
        return []
    open_fields: list[_Field] = []
    # The open fields still in their instruction (not separated), innermost last: the one a shown
    # element belongs to is found at once, not by looking back through every open field (40,000
    # nested fields, each past its separate, made that quadratic: minutes within the caps).
    coding: list[_Field] = []
    dropped: list[etree._Element] = []
    for el in body.iter(_FLD_CHAR, *_SHOWN):
        if el.tag == _FLD_CHAR:
            if _left_out(el, body):
                continue  # a tracked deletion's field mark: gone once accepted
            kind = el.get(_TYPE)
            if kind == "begin":
                open_fields.append(_Field(el))
                coding.append(open_fields[-1])
            elif kind == "separate" and open_fields:
                if not open_fields[-1].separated:
                    open_fields[-1].separated = True
                    coding.pop()  # the innermost open field was the innermost one coding
            elif kind == "end" and open_fields:
                ended = open_fields.pop()
                if not ended.separated:
                    coding.pop()
                dropped += ended.code
            continue
        if el.getparent() is None or el.getparent().tag != _R:
            continue  # a tab stop in a paragraph's properties, not a run's tab
        # Shown only where every open field is past its separate: the innermost one still in
        # its instruction makes this part of its code, whatever the fields inside it show.
        if coding:
            coding[-1].code.append(el)
    # Fields still open at the end (no end mark): their code is not judged (see the module).
    for el in dropped:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return [f.begin for f in open_fields]
