"""Where a file's hidden text was: the HIDDEN-TEXT note points there, not at 基本信息; and
where WPS shows other text than Word (other_program_finding).

app/docx/hidden.py marks each paragraph that lost hidden text (LOST); once the report is
assembled, the first of them in document order is found among the blocks: a paragraph of a
section's text is that paragraph (its runs are the section paragraph's own), a heading its
section, a statutory table's cell that table, a paragraph hidden whole the block after it.
Text before the first heading, the title among it, is 基本信息 (META).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from app.docx import tables as tbl
from app.docx.blocks import Block, TableBlock
from app.docx.headings import classify_heading
from app.docx.hidden import LOST
from app.docx.shown import OTHER_TEXT, SHOWN_BY
from app.docx.xmlkids import W
from app.findings import OTHER_PROGRAM_TEXT, Finding, Location, Span
from app.report import Report
from app.schema import META, SECTIONS, CellRef
from app.values import parse_date

_P = f"{{{W}}}p"


def hidden_location(body: etree._Element, blocks: list[Block], report: Report,
                    bodies: Iterable[etree._Element] = (), firsts: Iterable[Block] = ()) -> Location:
    """The place of the first hidden text of ``body`` in ``report`` (META when not found).
    ``bodies``: those of imported .docx parts (app/docx/altchunk.py) that lost hidden text,
    their paragraphs marked as ``body``'s are; ``firsts``: the blocks of imported web pages
    where their first hidden text was.  The earliest of all is the place."""
    found = [i for tree in (body, *bodies) if (i := _first_block(tree, blocks)) is not None]
    found += [b.index for b in firsts if b.index < len(blocks) and blocks[b.index] is b]
    return block_location(blocks, min(found), report) if found else Location(META)


def _first_block(body: etree._Element, blocks: list[Block]) -> int | None:
    """The index of the block holding the first paragraph that lost hidden text, or (a
    paragraph hidden whole is no block) of the first block after it."""
    own = {b.element: b.index for b in blocks}
    found = False
    for p in body.iter(_P):
        found = found or p.get(LOST) is not None
        if not found:
            continue
        node: etree._Element | None = p
        while node is not None and node is not body:
            if node in own:
                return own[node]
            node = node.getparent()
    return None


def block_of(el: etree._Element, blocks: list[Block]) -> Block | None:
    """The block ``el`` (a paragraph, a run, a mark in one) was read into; None when in none
    (a paragraph hidden whole, an imported part's body)."""
    own = {b.element: b for b in blocks}
    node: etree._Element | None = el
    while node is not None and node not in own:
        node = node.getparent()
    return own[node] if node is not None else None


_BACK = 500  # blocks looked back over for a section (a report has a few hundred)


def block_location(blocks: list[Block], index: int, report: Report) -> Location:
    """The section (and paragraph) block ``index`` was read into; else that of the nearest
    block before it that was read into one, a heading's its section."""
    read_into = {id(para.runs): (key, i) for key, paragraphs in report.sections.items()
                 for i, para in enumerate(paragraphs)}
    for b in reversed(blocks[max(0, index - _BACK): index + 1]):
        if isinstance(b, TableBlock):
            kind = tbl.classify(b)
            key = next((s.key for s in SECTIONS if kind is not None and s.table == kind), None)
            if key is not None:
                return Location(key)
            continue
        at = next((read_into[id(p.runs)] for p in b.paragraphs if id(p.runs) in read_into), None)
        if at is not None:
            key, i = at
            return Location(key, span=Span(i, 0, len(report.sections[key][i].text))) if b.index == index else Location(key)
        if len(b.text) < 200 and (hit := classify_heading(b.text, False, "")) is not None:
            return Location(hit[0])
    return Location(META)



_TC = f"{{{W}}}tc"
_MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_MOST = 4  # places named in the message


def other_program_finding(body: etree._Element, blocks: list[Block], report: Report,
                          cells: list[CellRef] | None) -> Finding | None:
    """One note where WPS (or another program) shows other text than Word in a statutory table,
    the title or the date (review30 L4: the reviewer in WPS sees 55, the program read Word's 34).
    ``cells``: the statutory cells read from grid cells holding such text (the reader's notes)."""
    places: list[str] = []
    wps = False
    for alt in body.iter(_MC_ALTERNATE):
        other = alt.get(OTHER_TEXT)
        if other is None:
            continue
        block = block_of(alt, blocks)
        if block is None:
            continue
        if isinstance(block, TableBlock):
            if tbl.classify(block) is None:
                continue  # a table of the text's own: not a figure the checks read
        elif block_location(blocks, block.index, report).section != META and parse_date(block.text) is None:
            continue  # body text: the title (before the first heading) and the date only
        wps = wps or alt.get(SHOWN_BY) == "WPS"
        read = next((c for c in alt if etree.QName(c).localname == "Choice"), None)  # the one Word shows, first
        word = "" if read is None else "".join(t.text or "" for t in read.iter(f"{{{W}}}t")).strip()
        places.append(f"Word 显示“{_short(word)}”，{'WPS ' if alt.get(SHOWN_BY) == 'WPS' else '另一程序'}显示“{_short(other)}”")
    if not places:
        return None
    who = "WPS " if wps else "其他程序"
    shown = "；".join(places[:_MOST]) + (f"等{len(places)}处" if len(places) > _MOST else "")
    where = Location(cells[0].table, tuple(dict.fromkeys(cells))) if cells else Location(META)
    return OTHER_PROGRAM_TEXT.at(where, f"{who}与 Word 显示的内容不同：{shown}；读入的是 Word 显示的内容，"
                                        + ("请在 Word 和 WPS 中分别打开核对" if wps else "请核对"))


def _short(text: str, most: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[:most] + "…"
