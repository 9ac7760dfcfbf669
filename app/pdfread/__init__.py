"""Reading a published report PDF into the blocks every other format produces.

Most reports survive only as the PDF published on a government site (printed from Word or WPS,
exported by LibreOffice or by this program).  pdfplumber gives each character with its position
and the page's ruling lines; from them this module rebuilds what the .docx reader reads:
paragraphs (a line that ends short of the right edge, or a next line that starts indented or
further down, ends a paragraph) and tables as expanded cell grids (cells from the ruling lines,
merged cells spanning several grid positions; a table continuing on the next page, with or
without its header repeated, is one table).  Page numbers and running headers are dropped.
Headings, the statutory tables, the signature and the 成文日期 are then found by the .docx
reader's own code (``read_blocks_report``), so every rule of that reader applies.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from app.docx.blocks import Block, ParaBlock, TableBlock
from app.errors import ReadError, unreadable
from app.findings import (
    HIDDEN_TEXT,
    PDF_REVISED,
    REVERSED,
    VALUE_NOTE_MARK,
    Location,
)
from app.limits import MAX_PDF_PAGE_BYTES, MAX_PDF_PAGES, PDF_TIME_LIMIT_S, NotAFile, check_pdf_size
from app.pdfread import (
    bounds,
    budget,
    content,
    fontmaps,
    geometry,
    glyphs,
    inflate,
    inks,
    layout,
    refusals,
    seen,
    source,
    threeline,
    visual,
)
from app.pdfread.grid import Piece, lone_first_row, merge_pieces, pieces_of_page
from app.pdfread.text import (
    UNKNOWN,
    Line,
    Unseen,
    chars_of_page,
    garbled_fonts,
    line_runs,
    lines_of,
    section_heading_after_sentence,
    unit_width,
    unknown_glyphs,
)
from app.report import Paragraph, Report
from app.schema import META, CellRef

MAX_PAGES, MAX_PAGE_BYTES, TIME_LIMIT_S = MAX_PDF_PAGES, MAX_PDF_PAGE_BYTES, PDF_TIME_LIMIT_S
# pdfminer warns in English about every damaged stream it recovers from; with no handler of
# the program's own, Python would print those on stderr beside our one line.
for _name in ("pdfminer", "pdfplumber"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
_PAGE_NUMBER = re.compile(
    r"^[-—–－―~～_\s]*\d{1,4}[-—–－―~～_\s]*$"  # — 3 —, -3-, 3
    r"|^第\s*\d{1,4}\s*页[\s,，/、]*(共\s*\d{1,4}\s*页)?$"  # 第3页 共8页
    r"|^共\s*\d{1,4}\s*页[\s,，/、]*第\s*\d{1,4}\s*页$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$"  # 3/8
    r"|^(page|Page|PAGE)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?$"
)


@dataclass
class PageRead:
    """What was read of one PDF page."""

    number: int  # from 1
    lines: list[Line]
    pieces: list[Piece]
    images: int  # image objects: a page without text but with images is a scan
    drawn: int  # lines, rectangles and curves (text drawn as outlines reads as a scan does)
    width: float = 0.0
    height: float = 0.0
    left: float = 0.0  # the body's left and right edges on this page
    right: float = 0.0
    flow: list[Line | Piece | Picture] = field(default_factory=list)
    unseen: Unseen = field(default_factory=Unseen)  # text no one sees and note marks, left out
    shown: int = 0  # characters read
    columns: bool = False  # two columns side by side the reading cannot follow (layout.split_columns)
    split: layout.Columns | None = None  # two columns read one after the other
    pictures: list[Picture] = field(default_factory=list)  # pictures a table may be (``_pictures``)
    pictured: float = 0.0  # the share of the page its pictures cover (a scan: much of it; a logo: little)
    rules: list[threeline.Rule] = field(default_factory=list)  # long rules outside its tables (a 三线表's)


@dataclass
class Picture:
    """A picture as large as a table, outside the page's tables: a statutory table published as
    a screenshot, whose figures no reader can take (said as a Word file's picture is)."""

    top: float
    key: tuple[int, int, int, int]  # its place and size: a letterhead's on every page is furniture


def read_pdf(path: Path) -> Report:
    """The report in a text PDF; ReadError (one line of Chinese) for scans, passwords,
    broken or non-report files."""
    from app.docx.assemble import noted_location, read_blocks_report

    revised: list[str] = []
    pages = _read_pages(path, revised)
    hidden = sum(p.unseen.chars for p in pages)
    refusals.refuse_unshown(path, pages, hidden)
    unread: list[str] = []  # the statutory tables drawn as 三线表 not read
    blocks = _blocks(pages, unread)
    refusals.refuse_garbled(path, blocks)
    dropped = visual.drop_controls(blocks)  # the text is in the order shown: not laid out again
    noted: dict[str, list[CellRef]] = {}
    try:
        # With pictures the size of a table and a report's headings, the file is a report whose
        # tables are pictures: read, each missing table said (as a Word file's).
        pictured = any(isinstance(it, Picture) for p in pages for it in p.flow) and refusals.pictured_tables(blocks)
        report = _said(read_blocks_report(blocks, noted=noted, pictured_tables=pictured), pages, revised)
        report.import_findings += threeline.notes(unread)
    except ReadError as e:
        raise refusals.not_a_report(path, pages, blocks, hidden, e, unread) from e
    if dropped.cells or dropped.paragraphs:
        where = [f"{dropped.cells}个单元格"] * bool(dropped.cells) + [f"{dropped.paragraphs}段文字"] * bool(dropped.paragraphs)
        report.import_findings.append(REVERSED.at(noted_location(noted.get(REVERSED.kind)), (
            f"PDF 中有{'、'.join(where)}夹着从右向左的方向控制符（Unicode 双向覆盖，如 U+202E），复制出的文字"
            f"（如“{dropped.example[:24]}”）与页面上显示的顺序可能不同；PDF 中的文字已是页面上的顺序，"
            "已按页面显示的读入（控制符去掉，未重排），请用 PDF 阅读器核对这些数字")))
    return report


def _said(report: Report, pages: list[PageRead], revised: list[str]) -> Report:
    """The report with what was drawn but not seen told about, as the .docx reader tells it,
    and a file changed after it was saved (``revised``: app/pdfread/source.py ``repaired``)."""
    if revised:
        how = ("文件末尾追加了没有登记的内容" if revised[0] == "appended"
               else "文件的登记表已损坏，其中有内容写了不止一次")
        report.import_findings.append(PDF_REVISED.at(
            Location(META), f"PDF 在最后一次保存后又被改动过（{how}），不同的阅读器可能显示不同的内容；"
                            "已按最后写入的内容读取，请用 PDF 阅读器核对表格中的数字"))
    report.import_findings += garbled_fonts([(p.number, p.unseen) for p in pages])  # some fonts' text 乱码
    report.import_findings += unknown_glyphs([(p.number, p.unseen) for p in pages])  # glyphs of no text
    if notes := sum(p.unseen.notes for p in pages):
        report.import_findings.append(VALUE_NOTE_MARK.at(
            Location(META), f"表格中有{notes}个单元格含上标、下标（注释标记），未计入数字；请核对这些单元格，注释写在表格下方"))
    report.import_findings += layout.page_notes(pages)  # pages without text, text in two columns
    if any(p.unseen.chars for p in pages):
        report.import_findings.append(HIDDEN_TEXT.at(
            Location(META), f"PDF 中有看不见的字，未读入：{refusals.unseen_kinds(pages)}；请核对正文和表格"))
    return report


def _open(path: Path):  # type: ignore[no-untyped-def]
    import pdfplumber

    inflate.install()
    bounds.install()
    content.install()
    seen.install()
    inks.install()
    source.install()
    try:
        check_pdf_size(os.stat(path).st_size)
        view = source.open_view(path)  # the file without trailing padding, read on the clock
    except NotAFile:
        raise  # names the file itself
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    except OSError as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    except Exception as e:
        refusals.refuse_bounded(path, e, TIME_LIMIT_S)
        raise
    try:
        return pdfplumber.open(view)  # type: ignore[arg-type]  # any seekable binary file will do
    except Exception as e:  # pdfminer raises many kinds on broken files
        view.close()
        raise refusals.damaged(path, e, TIME_LIMIT_S) from e


def _read_pages(path: Path, revised: list[str] | None = None) -> list[PageRead]:
    """The pages read; ``revised`` gets why the file was read by the recovery scan, where that
    can change what is read (app/pdfread/source.py ``repaired``)."""
    # Processor time, not wall time: the guard is against content that costs too much to parse,
    # and the same file must be read through (or refused) alike on a busy PC and an idle one.
    started = time.process_time()
    with inflate.budget(), fontmaps.budget(), bounds.deadline(TIME_LIMIT_S, started):
        return _read_all(path, started, revised if revised is not None else [])


def _read_all(path: Path, started: float, revised: list[str]) -> list[PageRead]:
    pdf = _open(path)
    how = source.repaired(pdf.doc)
    if how:
        revised.append(how)
    try:
        try:
            count = _page_count(pdf)
            if count is None:
                len(pdf.pages)
        except Exception as e:
            raise refusals.damaged(path, e, TIME_LIMIT_S) from e
        if count is not None:
            raise refusals.too_many_pages(path, count)
        pages: list[PageRead] = []
        for number, page in enumerate(pdf.pages, 1):
            if time.process_time() - started > TIME_LIMIT_S:
                raise refusals.too_slow(path, number, TIME_LIMIT_S)
            with budget.collector_paused():
                pages.append(_read_page(path, page, number))
                page.close()  # pdfplumber keeps every page's objects otherwise
        return pages
    finally:
        with contextlib.suppress(Exception):  # closing walks the pages again: a broken one raises
            if hasattr(pdf, "_pages"):
                pdf.close()
        pdf.stream.close()  # ours (source.View): pdfplumber's close leaves it open


def _page_count(pdf) -> str | None:  # type: ignore[no-untyped-def]
    """None for a PDF of at most MAX_PAGES pages, else how many it has, for the message (the
    page tree's count, or “100多” when it understates): the pages are walked as far as one past
    the limit — pdfplumber would make an object of every page first, seconds for 20,000."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    walked = sum(1 for _ in itertools.islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1))
    if walked <= MAX_PAGES:
        return None
    stated = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    return str(stated) if isinstance(stated, int) and stated > MAX_PAGES else f"{MAX_PAGES}多"


def _stream_bytes(page) -> int:  # type: ignore[no-untyped-def]
    """The compressed size of the page's drawing: known before any of it is parsed."""
    from pdfminer.pdftypes import resolve1

    total = 0
    for ref in page.page_obj.contents or []:
        stream = resolve1(ref)
        total += len(getattr(stream, "rawdata", None) or b"")
    return total


def _read_page(path: Path, page, number: int) -> PageRead:  # type: ignore[no-untyped-def]
    try:
        page = geometry.with_usable_mediabox(page)
        with bounds.page():
            parsed, turn = _parse_page(path, page, number)
        if turn:
            with bounds.page():
                parsed, _ = _parse_page(path, geometry.shown_turned(page, (int(page.rotation or 0) + turn) % 360), number)
        return parsed
    except ReadError:
        raise
    except Exception as e:  # a damaged page stream
        raise refusals.damaged(path, e, TIME_LIMIT_S, number) from e


def _turn(drawn: list[glyphs.Glyph]) -> int:
    """How far (90, 180 or 270 degrees clockwise) the page must turn for most of its text to
    read upright, as its author wrote it; 0 when most already does.  A page whose /Rotate
    turns upright text on its side (a viewer's “rotate page” saved into the file) turns back;
    a page whose content is drawn turned (a landscape table printed sideways on a portrait
    sheet, with or without a /Rotate that does not undo it) turns so that the text is upright.
    A few turned characters (vertical text in a cell) leave the page as it is."""
    turned: dict[int, int] = {}
    shown = [c for c in drawn if not c.unseen]  # what no one sees turns nothing
    for c in shown:
        a, b, _, d = c.matrix[:4]
        if a > 0 and d > 0 and abs(b) <= 1e-3 * a:
            continue
        # the glyph's baseline points up (b > 0): the page turns clockwise a quarter to right it
        angle = 90 if b > abs(a) else 270 if -b > abs(a) else 180 if a < 0 else 0
        turned[angle] = turned.get(angle, 0) + 1
    if not turned or sum(turned.values()) <= len(shown) / 2:
        return 0
    return max(turned, key=lambda k: turned[k])


def _parse_page(path: Path, page, number: int) -> tuple[PageRead, int]:  # type: ignore[no-untyped-def]
    """The page read, and how far it must turn for its text to read upright (``_turn``)."""
    if _stream_bytes(page) > MAX_PAGE_BYTES:
        raise refusals.too_big_page(path, number, MAX_PAGE_BYTES)
    unseen = Unseen()
    drawn = glyphs.of_page(page)
    chars = chars_of_page(page, drawn, unseen)
    pieces, loose_chars = pieces_of_page(page, chars, number, unseen)
    images = len(page.images)
    shapes = 0 if chars else len(page.lines) + len(page.rects) + len(page.curves)  # (with pictures: a logo hid outlines)
    if chars and sum(c.text == UNKNOWN for c in chars) > len(chars) / 2:
        raise refusals.no_text_encoding(path)
    lines, split, unclear = layout.split_columns(lines_of([c for c in loose_chars if c.upright]), float(page.width),
                                                 lambda text: bool(_PAGE_NUMBER.match(text)), [p.top for p in pieces])
    return PageRead(number, lines, pieces, images, shapes,
                    float(page.width), float(page.height), unseen=unseen, shown=len(chars),
                    columns=unclear, split=split,
                    pictures=_pictures(page, pieces) if images else [],
                    pictured=layout.pictured(page) if images and not chars else 0.0,
                    rules=threeline.rules_of(page, lines, pieces)), _turn(drawn)




def _pictures(page, pieces: list[Piece]) -> list[Picture]:  # type: ignore[no-untyped-def]
    """The page's pictures of a table's size (at least 40% of the page wide and 8% high: not a
    logo, a seal or an icon) that stand outside its tables."""
    out = []
    for im in page.images:
        x0, x1, top, bottom = (float(im.get(k) or 0) for k in ("x0", "x1", "top", "bottom"))
        if x1 - x0 < 0.4 * page.width or bottom - top < 0.08 * page.height:
            continue
        if any(p.top <= (top + bottom) / 2 <= p.bottom for p in pieces):
            continue
        out.append(Picture(top, (round(x0), round(top), round(x1 - x0), round(bottom - top))))
    return out


# -- page furniture ------------------------------------------------------------------------------

def _flow(page: PageRead) -> list[Line | Piece | Picture]:
    items: list[Line | Piece | Picture] = [*page.lines, *page.pieces, *page.pictures]
    if page.split is None:
        items.sort(key=lambda it: it.top)
    else:  # two columns: the left one read through, then the right one
        items.sort(key=lambda it: page.split.key(*layout.place(it)))  # type: ignore[union-attr]
    return items


def _furniture_key(line: Line) -> tuple[str, int]:
    """The line's text, numbers aside, and its height on the page (running headers and footers
    stand at the same place on every page)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)), round(line.top / 3)


def _drop_furniture(pages: list[PageRead]) -> None:
    """Page numbers (“— 3 —”, “第3页 共8页”, “-3-”) and running headers or footers: the first
    and last lines of a page that are a page number, or whose text (numbers aside) recurs at
    the same place at the top or bottom of other pages."""
    for p in pages:
        p.flow = _flow(p)
    edges: Counter[tuple[str, int]] = Counter()
    for p in pages:
        for line in _edge_lines(p):
            edges[_furniture_key(line)] += 1
    recurring = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    shared = Counter(pic.key for p in pages for pic in p.pictures)  # a letterhead, a watermark
    for p in pages:
        drop = {id(line) for line in _edge_lines(p)
                if _PAGE_NUMBER.match(line.text.strip()) or _furniture_key(line) in recurring}
        p.flow = [it for it in p.flow if id(it) not in drop and not (isinstance(it, Picture) and shared[it.key] >= 2)]
        p.lines = [it for it in p.lines if id(it) not in drop]


def _edge_lines(page: PageRead) -> list[Line]:
    """The two items at either end of a page that are lines."""
    ends = page.flow[:2] + page.flow[-2:] if len(page.flow) > 4 else page.flow
    unique = {id(it): it for it in ends}
    return [it for it in unique.values() if isinstance(it, Line)]


# -- paragraphs ----------------------------------------------------------------------------------

def _edges(pages: list[PageRead], ruled: dict[int, threeline.Group]) -> None:
    """Each page's body edges, shared by the pages of one size (a landscape page for a wide
    table has its own).  Left: the leftmost start that two lines share (a stray line further
    left does not move it).  Right: the furthest line end, and no less than the left margin
    mirrored (a short report may have no full line); lines ending in punctuation do not
    count, as Word lets punctuation hang into the margin."""
    by_size: dict[tuple[int, int], list[PageRead]] = {}
    for p in pages:
        by_size.setdefault((round(p.width), round(p.height)), []).append(p)
    for group in by_size.values():
        lines = [line for p in group for line in p.lines if id(line) not in ruled]  # (not a 三线表's rows)
        starts = Counter(round(line.x0) for line in lines)
        shared = [x for x, n in starts.items() if n >= 2]
        left = float(min(shared or starts or [0]))
        ends = [line.x1 for line in lines if not unicodedata.category(line.ink[-1].text[-1]).startswith("P")]
        right = max([*ends, group[0].width - left])
        for p in group:
            p.left, p.right = left, right


def _pitches(pages: list[PageRead], ruled: dict[int, threeline.Group]) -> dict[int, float]:
    """The line pitch of each type size: the smallest distance between consecutive lines that
    recurs (the larger ones are space between paragraphs)."""
    gaps: dict[int, Counter[float]] = {}
    for p in pages:
        for a, b in zip(p.flow, p.flow[1:], strict=False):
            if isinstance(a, Line) and isinstance(b, Line) and round(a.size) == round(b.size) \
                    and 0 < b.top - a.top < 3 * a.size and id(a) not in ruled:
                gaps.setdefault(round(a.size), Counter())[round(2 * (b.top - a.top)) / 2] += 1
    out: dict[int, float] = {}
    for size, counts in gaps.items():
        recurring = [g for g, n in counts.items() if n >= 2]
        out[size] = min(recurring or counts)
    return out


def _continues(prev: Line, nxt: Line, prev_page: PageRead, page: PageRead, pitch: dict[int, float]) -> bool:
    if abs(prev.size - nxt.size) > 0.6:
        return False
    prev_left, prev_right = prev.column or (prev_page.left, prev_page.right)  # a column's edges, or the page's
    next_left = nxt.column[0] if nxt.column else page.left
    if prev.x0 > prev_left + 4.5 * prev.size:
        return False  # a centred or right-aligned line (a title, the signature) stands alone
    if prev_right - prev.x1 > unit_width(nxt) + 0.3 * nxt.size:
        return False  # the next line's first word would have fitted: the line ended here
    if nxt.x0 > next_left + 0.5 * nxt.size:
        return False  # indented: a new paragraph (or a centred or right-aligned line)
    if section_heading_after_sentence(prev, nxt):
        return False
    if prev_page is page and nxt.top > prev.top:  # not the right column's first line after the left one's last
        usual = pitch.get(round(prev.size), 1.6 * prev.size)
        if nxt.top - prev.top > 1.3 * usual:
            return False  # space before the line: a paragraph of its own
    return True


def _blocks(pages: list[PageRead], unread: list[str] | None = None) -> list[Block]:
    _drop_furniture(pages)
    layout.carry_columns(pages)
    # 三线表 read as tables (their lines, by id); the statutory ones not certain go into ``unread``
    ruled, read = threeline.tables([(p.lines, p.rules, p.height) for p in pages], unread)
    _edges(pages, ruled)
    pitch = _pitches(pages, ruled)
    blocks: list[Block] = []
    para: list[Line] = []
    para_page: PageRead | None = None
    pieces: list[Piece] = []

    def flush_para() -> None:
        nonlocal para
        if para:
            blocks.append(_para_block(len(blocks), para))
        para = []

    def flush_table() -> None:
        nonlocal pieces
        if pieces:
            blocks.append(TableBlock.of_rows(len(blocks), merge_pieces(pieces)))
        pieces = []

    for p in pages:
        for i, item in enumerate(p.flow):
            if isinstance(item, Picture):
                flush_para()
                flush_table()
                blocks.append(ParaBlock.of_picture(len(blocks)))
                continue
            if isinstance(item, Piece):
                if i == 0 and para and para_page is not p and lone_first_row("".join(line.text for line in para), item):
                    para = []  # the table's first row, a line alone at the last page's foot (rev25a C12)
                flush_para()
                if pieces and not (i == 0 and pieces[-1].last_on_page and pieces[-1].continued_by(item)):
                    flush_table()
                item.last_on_page = i == len(p.flow) - 1
                pieces.append(item)
                continue
            if (group := ruled.get(id(item))) is not None:
                flush_para()
                flush_table()
                for b in read.pop(group, ()):  # at its first line
                    b.index = len(blocks)
                    blocks.append(b)
                continue
            flush_table()
            if para and para_page is not None and not _continues(para[-1], item, para_page, p, pitch):
                flush_para()
            para.append(item)
            para_page = p
    flush_para()
    flush_table()
    return blocks


def _para_block(index: int, lines: list[Line]) -> ParaBlock:
    runs = line_runs(lines)
    paragraph = Paragraph(runs).normalized()
    block = ParaBlock.of_text(index, paragraph.text)
    block.__dict__["paragraphs"] = [paragraph]  # the runs, with their bold and italic
    return block

