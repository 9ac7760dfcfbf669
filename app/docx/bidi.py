"""Text Word lays out right to left, made to read as Word shows it.

A bidirectional override (w:bdo w:val="rtl") makes every character inside it right-to-left,
digits included: the XML's “2106” shows as 6012 (ECMA-376 17.3.2.3).  The reader reads the
XML's order, so a figure under an override read as a number nobody sees.  Here the content of
every such override is put in the order Word shows it — its runs (and what wraps them) in
reverse order, each run's text reversed — before the body is read, and the paragraphs whose
text changed are kept, for one warning that names the cells (app/docx/reader.py).

Right-to-left embedding (w:dir w:val="rtl") and right-to-left runs (w:rPr/w:rtl) change no
figure: under the Unicode bidirectional algorithm European digits stay a left-to-right run
inside right-to-left text, and Chinese characters are left-to-right themselves, so a number
(“2106”, “2,106”, “28件”) shows in its own order.  What they do reorder is several numbers
apart in one cell (“12 34” shows 34 12), which the table reader already refuses as 两个数？.
A left-to-right override or an embedding inside a right-to-left override is moved as one
piece, its own text in its own order (an embedding ends the override).  A line break inside an override is rare and not split on: the override's
content is reversed as one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from app.docx import tables as tbl
from app.docx.blocks import Block, TableBlock
from app.docx.hiddenplace import block_location, block_of
from app.docx.xmlkids import W
from app.findings import REVERSED, Finding, Location
from app.report import Report
from app.schema import META, TABLES, CellRef
from app.values import parse

_BDO, _DIR, _R, _T, _P, _VAL = (f"{{{W}}}{t}" for t in ("bdo", "dir", "r", "t", "p", "val"))
# Children that hold a container's properties, not its content: they stay first.
_TBL = f"{{{W}}}tbl"
_PROPERTIES = frozenset(f"{{{W}}}{t}" for t in ("rPr", "pPr", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr"))


@dataclass(frozen=True)
class Flipped:
    """A paragraph whose text Word shows in another order than the XML holds it."""

    paragraph: etree._Element
    written: str  # the paragraph's text as written in the file
    shown: str  # as Word shows it (and as read)


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(_T))


def _flip(el: etree._Element) -> None:
    """Lay out ``el``'s content right to left: its content children in reverse order, each
    flipped in turn (a nested left-to-right override only moved), a run's text reversed."""
    if el.tag == _T:
        if el.text:
            el.text = el.text[::-1]
        return
    kids = [k for k in el if k.tag not in _PROPERTIES and isinstance(k.tag, str)]
    if not kids:
        return
    at = el.index(kids[0])
    for k in kids:
        el.remove(k)
    for i, k in enumerate(reversed(kids)):
        el.insert(at + i, k)
        if not _kept(k):
            _flip(k)


def _kept(el: etree._Element) -> bool:
    """A part of an override's content that keeps its own order: a left-to-right override, or an
    embedding of either direction (it ends the override: a number in it keeps its digits' order)."""
    return el.tag == _DIR or (el.tag == _BDO and el.get(_VAL) != "rtl")


def _paragraph(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node.tag != _P:
        node = node.getparent()
    return node


def apply_overrides(body: etree._Element) -> list[Flipped]:
    """Put the content of every right-to-left override in ``body`` in the order Word shows it;
    the paragraphs whose text changed.  A body without overrides (nearly all) is one quick look."""
    if next(body.iter(_BDO), None) is None:
        return []
    # Flipping an override flips what is inside it, a right-to-left override nested in it
    # included; one inside a part kept in its order (_kept) is flipped on its own.
    outer = [el for el in body.iter(_BDO) if el.get(_VAL) == "rtl"
             and ((up := next(el.iterancestors(_BDO, _DIR), None)) is None or _kept(up))]
    before: dict[etree._Element, str] = {}
    for el in outer:
        p = _paragraph(el)
        if p is not None and p not in before:
            before[p] = _text(p)
        _flip(el)
    return [Flipped(p, written, shown) for p, written in before.items() if (shown := _text(p)) != written]


def _cell(table: str, shown: str, report: Report) -> CellRef | None:
    """The one cell of ``table`` read as ``shown``; None when none or several are."""
    spec = TABLES[table]
    values = report.tables[table]
    found: list[CellRef] = []
    for c in spec.cells:
        value = parse(shown, c.kind).value
        if value is not None and values.get((c.row, c.col)) == value:
            found.append(CellRef(table, c.row, c.col))
    return found[0] if len(found) == 1 else None


def reversed_finding(flipped: list[Flipped], blocks: list[Block], report: Report) -> Finding | None:
    """One warning for the text read right to left, at the cells (or the paragraph, or the
    table) where it was: the figure Word shows is not the one the file's text spells."""
    if not flipped:
        return None
    cells: list[CellRef] = []
    places: list[Location] = []
    for f in flipped:
        block = block_of(f.paragraph, blocks)
        if block is None:
            continue  # in a part not read into blocks (an imported part's): counted, not placed
        if isinstance(block, TableBlock):
            table = tbl.classify(block)
            ref = _cell(table, f.shown, report) if table is not None else None
            if ref is not None:
                cells.append(ref)
            places.append(Location(table) if table is not None else block_location(blocks, block.index, report))
        else:
            places.append(block_location(blocks, block.index, report))
    if cells:
        where = Location(cells[0].table, tuple(dict.fromkeys(cells)))
    else:
        where = places[0] if places else Location(META)
    first = flipped[0]
    return REVERSED.at(where, f"文件中有{len(flipped)}处文字设了从右向左的“双向覆盖”，Word 中显示的顺序与文件中的文字相反"
                              f"（如“{_clip(first.written)}”显示为“{_clip(first.shown)}”）；已按 Word 显示的读入，"
                              "请核对这些数字，在 Word 中取消从右向左的设置")


def _clip(text: str, n: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"
