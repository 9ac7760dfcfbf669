"""Section headings that other agencies' files put inside tables (app/docx/blocks.py asks here).

Two layouts seen in Word/WPS reports: a section framed in a box — a table of one column whose
cell holds “一、总体情况” and the section's paragraphs — and a statutory table whose first row,
one cell across the table, is its section's heading (“三、收到和处理政府信息公开申请情况”) in
place of a paragraph above it.  Read as Word shows them, those are headings and text like any
other: the box's paragraphs are read in place (its text was lost with the box), the heading
row is a heading before the table (it was 没有找到标题).  And a template of two columns, each
section's heading in the left cell and its text in the right (``heading_column``): read row by
row, heading then text, as Word shows them side by side (the section's text was lost)."""

from __future__ import annotations

import re

from lxml import etree

from app.docx.headings import by_words, classify_heading
from app.docx.hidden import GONE
from app.docx.numbering import Numbering
from app.docx.walk import own, rows_of, unwrapped
from app.docx.xmlkids import W, child_val, first_child
from app.labels import loose
from app.schema import SECTIONS

_P, _T, _TC, _TBL, _PPR, _P_STYLE = (f"{{{W}}}{t}" for t in ("p", "t", "tc", "tbl", "pPr", "pStyle"))
_NUM_PR = f"{{{W}}}numPr"
# A heading is a line; a paragraph longer than this is text that merely opens with one's words.
_LONGEST = 60
# A template's layout has a row a section, a few more for its tables; a table of thousands of
# rows is data, read (and bounded) as a table, not walked as paragraphs.
_LAYOUT_ROWS = 200
_NUMBERED = re.compile(r"[（(【〔\[〖]?[一二三四五六七八九十\d]+[）)】〕\]〗、.．]")  # a line that opens with its own number
_PAGE = re.compile(r"[\s.…·—-]*\d{1,3}\s*")  # a page number, perhaps after a leader


def _heading(p: etree._Element) -> bool:
    text = "".join(t.text or "" for t in own(p, _T)).strip()
    return 0 < len(text) <= _LONGEST and classify_heading(text, False, "") is not None


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [tc for tc in unwrapped(tr) if tc.tag == _TC]


def heading_box(tbl: etree._Element) -> list[etree._Element] | None:
    """The cells of a one-column table when one of them holds a section heading among its own
    paragraphs; None for any other table (at its first row of several cells, most at once)."""
    cells: list[etree._Element] = []
    for tr in rows_of(tbl):
        row = _cells(tr)
        if len(row) != 1:
            return None
        cells.append(row[0])
    if any(_heading(p) for tc in cells for p in unwrapped(tc) if p.tag == _P):
        return cells
    return None


def heading_column(tbl: etree._Element) -> list[etree._Element] | None:
    """The cells, row by row and left to right, of a table laid out as headings beside their
    text: rows of two cells (or one across the table), the left cells short lines (or empty),
    one of them at least a section heading alone.  None for any other table (a statutory one
    at its first row of more cells)."""
    cells: list[etree._Element] = []
    headed = False
    split: list[list[etree._Element]] = []  # a heading's lines (two or three), to join
    for n, tr in enumerate(rows_of(tbl)):
        row = _cells(tr)
        if len(row) > 2 or n >= _LAYOUT_ROWS:
            return None
        if len(row) == 2:
            left = [p for p in unwrapped(row[0]) if p.tag in (_P, _TBL)]
            if any(p.tag == _TBL for p in left):
                return None
            texts = [("".join(t.text or "" for t in own(p, _T)).strip(), p) for p in left]
            written = [(w, p) for w, p in texts if w]
            if len(written) > 3 or any(len(w) > _LONGEST for w, _ in written):
                return None
            joined = len(written) > 1 and _split_heading(written)
            if joined:
                split.append([p for _, p in written])
            elif len(written) == 3:
                return None  # three lines that are no heading: text, no layout's left cell
            if joined or (len(written) == 1 and _heading_text(*written[0])):
                beside = "".join(t.text or "" for t in own(row[1], _T, boxes=True))
                if _PAGE.fullmatch(beside):
                    return None  # a 目录 laid out in a table: its page numbers beside the headings
                headed = True
        cells += row
    if not headed:
        return None
    for first, *more in split:  # one paragraph, as the heading it is (the cell only wraps it)
        for line in more:
            for kid in line:
                if kid.tag != _PPR:
                    first.append(kid)
            line.getparent().remove(line)
    return cells


def _split_heading(lines: list[tuple[str, etree._Element]]) -> bool:
    """A left cell's heading written over two or three lines (“一、” / “总体情况”, “五、存在的
    主要问题” / “及改进情况”): joined they are a heading, and either the first alone is none or
    together they are a section's words exactly.  “一、总体情况” over “（一）概况” or “主动公开”
    are two lines: the second opens with its own number, or the first is a heading without it."""
    first, p = lines[0]
    joined = "".join(w for w, _ in lines)
    if any(_NUMBERED.match(w) for w, _ in lines[1:]) or len(joined) > _LONGEST or not _heading_text(joined, p):
        return False
    if classify_heading(first, False, "") is None:
        return True
    core = loose(joined)
    core = core[m.end():] if (m := _NUMBERED.match(core)) else core
    return any(core.rstrip("。.:：") in (loose(spec.heading)[2:], *spec.words) for spec in SECTIONS)


def _heading_text(text: str, p: etree._Element) -> bool:
    """A heading as written, or in a list (its 一、 from numbering.xml, not counted here: the
    walk counts it) in words that name one section (“基本情况”)."""
    if classify_heading(text, False, "") is not None:
        return True
    return first_child(first_child(p, _PPR), _NUM_PR) is not None and by_words(text) is not None


def heading_row(tbl: etree._Element, numbering: Numbering | None) -> list[tuple[etree._Element, str, str]]:
    """When a table's first row is one cell holding a section heading alone and rows of several
    cells follow (a statutory table under its heading): that row taken out of the table, its
    paragraphs to read before it, each with its style and list number, moved in the tree to stand
    before the table.  [] for any other table."""
    rows = rows_of(tbl)
    first = next(rows, None)
    if first is None:
        return []
    cell = _cells(first)
    if len(cell) != 1 or any(x.tag == _TBL for x in unwrapped(cell[0])):
        return []
    second = next(rows, None)
    if second is None or len(_cells(second)) < 2:
        return []
    paragraphs = [p for p in unwrapped(cell[0]) if p.tag == _P]
    written = [p for p in paragraphs if "".join(t.text or "" for t in own(p, _T)).strip()]
    if len(written) != 1 or not _heading(written[0]):
        return []
    for p in paragraphs:  # the tree as if the heading stood above the table: what later walks it
        tbl.addprevious(p)  # (where the first hidden text was, the revisions) finds it there
    first.getparent().remove(first)
    out = []
    for p in paragraphs:
        if p.get(GONE) is None:  # hidden as a whole: only counts in its list
            style = child_val(first_child(p, _PPR), _P_STYLE)
            out.append((p, style, numbering.label(p, style) if numbering else ""))
    return out
