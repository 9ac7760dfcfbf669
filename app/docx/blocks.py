"""The body of a .docx as a flat list of blocks: styled paragraphs and expanded table grids.

Walks the WordprocessingML tree once with lxml (what python-docx parsed already), descending
into content controls, skipping deleted text of tracked changes, and expanding merged cells
(gridSpan, vMerge) so that every grid position knows its text and which physical cell it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from app import limits
from app.docx.fastgrid import GridCell, continued, regular_grid, without_slivers
from app.docx.framed import heading_box, heading_column, heading_row
from app.docx.hidden import GONE
from app.docx.numbering import Bullet, Numbering
from app.docx.shown import OTHER_TEXT
from app.docx.walk import ALTERNATE as _ALTERNATE
from app.docx.walk import CUSTOM_XML as _CUSTOM_XML
from app.docx.walk import LEFT_OUT as _LEFT_OUT
from app.docx.walk import TXBX as _TXBX
from app.docx.walk import deleted_paragraphs, own, rows_of, unwrapped
from app.docx.xmlkids import W, child_val, first_child
from app.report import Paragraph, Run
from app.schema import TABLES

_P, _TBL, _SDT, _R, _T, _TAB, _BR = (f"{{{W}}}{t}" for t in ("p", "tbl", "sdt", "r", "t", "tab", "br"))
_CR, _TC, _TR = (f"{{{W}}}{t}" for t in ("cr", "tc", "tr"))
_VAL = f"{{{W}}}val"
_ALT_CHUNK = f"{{{W}}}altChunk"
# Looked up once per run, row or cell: built once (a path like “pPr/pStyle” would go through
# lxml's Python-level path engine, single tags through its C one).
_RPR, _TYPE, _PPR, _P_STYLE, _NUM_PR = (f"{{{W}}}{t}" for t in ("rPr", "type", "pPr", "pStyle", "numPr"))
_B, _I, _U = (f"{{{W}}}{t}" for t in ("b", "i", "u"))
_TRPR, _GRID_BEFORE, _GRID_AFTER, _TCPR, _GRID_SPAN, _VMERGE = (
    f"{{{W}}}{t}" for t in ("trPr", "gridBefore", "gridAfter", "tcPr", "gridSpan", "vMerge"))
_CELL_DEL = f"{{{W}}}cellDel"
# In a table cell, text set as a superscript or subscript is a note mark (“37” and a raised “1”
# is 37, never 371) and struck-through text an old figure left beside the new one: neither is
# read into the cell (only where a run sets it itself, as Word's buttons do).
_VERT_ALIGN, _STRIKE, _DSTRIKE = (f"{{{W}}}{t}" for t in ("vertAlign", "strike", "dstrike"))
_MARKS = (_VERT_ALIGN, _STRIKE, _DSTRIKE)


@dataclass
class ParaBlock:
    """One body paragraph; its runs are parsed only when asked for (a doubled body's second
    copy is looked at for headings only)."""

    index: int  # position among the body's blocks
    element: etree._Element
    style: str  # the paragraph style's id ("" when none)
    label: str = ""  # the list number Word shows before it (自动编号), e.g. “一、”
    beside: bool = False  # in a cell of a page's layout table beside the report's (a site's menu, banner, footer)

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraph's styled runs, split at manual line breaks."""
        paras = paragraph_of(self.element)
        if self.label:
            first = paras[0].runs[0] if paras[0].runs else Run("")
            paras[0].runs.insert(0, Run(self.label, first.bold, first.italic, first.underline))
        return paras

    @cached_property
    def text(self) -> str:
        """The paragraph's text with its list number (a bullet left out: the words are the same)."""
        return self.number + "".join(t.text or "" for t in own(self.element, _T))

    @property
    def number(self) -> str:
        return "" if isinstance(self.label, Bullet) else self.label

    @classmethod
    def of_text(cls, index: int, text: str) -> ParaBlock:
        """A plain paragraph from a web page or text copy (no Word element behind it)."""
        block = cls(index, etree.Element("p"), "")
        block.__dict__["text"] = text  # fills the cached properties
        block.__dict__["paragraphs"] = [Paragraph([Run(text)])]
        return block

    @classmethod
    def of_runs(cls, index: int, runs: list[Run]) -> ParaBlock:
        """A web page's paragraph with its bold, italic or underlined runs (app/webruns.py)."""
        block = cls(index, etree.Element("p"), "")
        block.__dict__["text"] = "".join(r.text for r in runs)
        block.__dict__["paragraphs"] = [Paragraph(runs)]
        return block

    @classmethod
    def of_picture(cls, index: int) -> ParaBlock:
        """A picture of a web page (<img>) standing as a paragraph: no text, but a picture where
        a statutory table may be missing (app/docx/assemble.py says so), as a Word drawing is."""
        element = etree.Element("p")
        etree.SubElement(element, f"{{{W}}}drawing")
        block = cls(index, element, "")
        block.__dict__["text"] = ""
        block.__dict__["paragraphs"] = [Paragraph([])]
        return block


@dataclass
class CellMarks:
    """Cells of one file's tables read without their note marks or struck-through text, and
    figures read without the list number (自动编号) Word shows before them."""

    cells: int = 0
    numbers: int = 0
    number_example: str = ""  # the first such number, as Word shows it (“1.”)
    numbered: set[etree._Element] = field(default_factory=set)  # the paragraphs of those figures


@dataclass
class TableBlock:
    """A table of the body, in document order, with what reading its tables shares."""

    index: int
    element: etree._Element
    # Shared by the tables of one file: together they stay within app/limits.py.
    budget: limits.GridBudget = field(default_factory=limits.GridBudget, repr=False, compare=False)
    # List numbers Word shows in its cells (“1.” before 属于国家秘密), counted in document order.
    labels: dict[etree._Element, str] = field(default_factory=dict, repr=False, compare=False)
    marks: CellMarks = field(default_factory=CellMarks, repr=False, compare=False)  # shared likewise
    name: str = ""  # how the user finds it when its place in the flow says nothing (a workbook's sheet)

    @cached_property
    def rows(self) -> list[list[GridCell]]:
        """The expanded grid, built on first use."""
        return without_slivers(self.element, _grid(self.element, self.budget.table(), self.labels, self.marks))

    @classmethod
    def of_rows(cls, index: int, rows: list[list[GridCell]]) -> TableBlock:
        """A table already expanded into a grid (from HTML or a text copy)."""
        block = cls(index, etree.Element("tbl"))
        block.__dict__["rows"] = rows
        return block

    def distinct(self, r: int) -> tuple[tuple[int, GridCell], ...]:
        """Grid columns of row r with horizontally merged duplicates dropped (once a row: the
        readers ask several times, and the grid does not change once read)."""
        memo: dict[int, tuple[tuple[int, GridCell], ...]] = self.__dict__.setdefault("_distinct", {})
        if (found := memo.get(r)) is None:
            row = self.rows[r]
            found = memo[r] = tuple([(j, c) for j, c in enumerate(row) if j == 0 or row[j - 1].ident != c.ident])
        return found

    def continues_merge(self, r: int, j: int, data_columns: Container[int], above: bool) -> bool:
        """Grid position (r, j) is a merged data cell's past its first: the data column before
        it in the row, or with ``above`` the data row above, is the same cell."""
        cell = self.rows[r][j]
        if j - 1 in data_columns and self.rows[r][j - 1].ident == cell.ident:
            return True
        upper = self.rows[r - 1] if above and r > 0 else ()
        return j < len(upper) and upper[j].ident == cell.ident

    def all_text(self) -> str:
        """Every grid position's text, joined (once: the grid does not change once read)."""
        text: str | None = self.__dict__.get("_all_text")
        if text is None:
            text = self.__dict__["_all_text"] = "".join([c.text for row in self.rows for c in row])
        return text


Block = ParaBlock | TableBlock


def _flag(rpr: etree._Element | None, tag: str) -> bool:
    if rpr is None:
        return False
    el = first_child(rpr, tag)
    if el is None:
        return False
    val = el.get(_VAL)
    if tag == _U:
        return val != "none"
    return val not in ("0", "false", "off")


def _runs(p: etree._Element) -> Iterator[Run | None]:
    """The paragraph's runs in order; None marks a manual line break (a paragraph split)."""
    for r in own(p, _R):  # deleted text of tracked changes is w:delText, never w:t
        rpr = first_child(r, _RPR)
        bold, italic, under = _flag(rpr, _B), _flag(rpr, _I), _flag(rpr, _U)
        buf: list[str] = []
        for child in r:
            if child.tag == _T:
                buf.append(child.text or "")
            elif child.tag == _TAB:
                buf.append("\t")
            elif child.tag in (_BR, _CR) and child.get(_TYPE) not in ("page", "column"):
                if buf:
                    yield Run("".join(buf), bold, italic, under)
                    buf = []
                yield None
        if buf:
            yield Run("".join(buf), bold, italic, under)


def paragraph_of(p: etree._Element) -> list[Paragraph]:
    paras = [Paragraph()]
    for run in _runs(p):
        if run is None:
            paras.append(Paragraph())
        else:
            paras[-1].runs.append(run)
    return paras


def _unread(r: etree._Element) -> bool:
    """A run set as a superscript or subscript, or struck through (see _MARKS)."""
    rpr = first_child(r, _RPR)
    if rpr is None:
        return False
    align = first_child(rpr, _VERT_ALIGN)
    if align is not None and align.get(_VAL) in ("superscript", "subscript"):
        return True
    return _flag(rpr, _STRIKE) or _flag(rpr, _DSTRIKE)


def _cell_text(tc: etree._Element, labels: dict[etree._Element, str], plain: bool = False,
               marks: CellMarks | None = None, tabbed: bool = True) -> str:
    """Plain text of a cell; paragraphs and manual breaks become line breaks, tabs tabs (“3”, a
    tab, “7” is no 37).  ``plain``: the table has no text box fallback copies, so nothing need
    be left out (the fast path); ``marks``: it has superscripts or struck text, left out and
    counted there; ``tabbed`` False: the table has no w:tab at all (most: the quick join)."""
    lines = []
    if marks is None and not tabbed:
        for p in tc.iter(_P) if plain else own(tc, _P, boxes=True):
            if p.get(GONE) is not None:
                continue  # hidden as a whole (app/docx/hidden.py)
            parts = p.iter(_T, _BR, _CR) if plain else own(p, _T, _BR, _CR)
            text = "".join(t.text or "" if t.tag == _T else "\n" for t in parts)
            lines.append(labels.get(p, "") + text if labels else text)
        return limits.cell_text("\n".join(lines))
    dropped = False
    for p in tc.iter(_P) if plain else own(tc, _P, boxes=True):
        if p.get(GONE) is not None:
            continue  # hidden as a whole (app/docx/hidden.py)
        parts = p.iter(_T, _BR, _CR, _TAB) if plain else own(p, _T, _BR, _CR, _TAB)
        pieces = []
        for t in parts:
            tag = t.tag
            if tag == _T:
                if marks is not None and _unread(t.getparent()):
                    dropped = dropped or bool((t.text or "").strip())
                    continue
                pieces.append(t.text or "")
            elif tag == _TAB:
                run = t.getparent()
                if run.tag == _R and (marks is None or not _unread(run)):  # not a tab stop of the pPr
                    pieces.append("\t")
            else:
                pieces.append("\n")
        text = "".join(pieces)
        lines.append(labels.get(p, "") + text if labels else text)
    if dropped and marks is not None:
        marks.cells += 1
    return limits.cell_text("\n".join(lines))


def layout_cells(tbl: etree._Element, columns: int = 1) -> list[etree._Element] | None:
    """The cells of a layout table, None for a table of data.  WPS and OA templates put a
    statutory table, or the whole body, in a table of one column (often one cell) to frame it;
    such a table is read as the paragraphs and tables it holds, in place.  With ``columns`` 3, a
    page's template converted to Word (a menu or a margin column beside the report's cell), read
    cell by cell, row by row, as app/webcopy.py reads a page's layout table (after the headings
    set beside their text in two columns, app/docx/framed.py).  A table counts as layout only
    when some cell holds a table of its own and no row has more than ``columns`` cells (a
    statutory table's rows have four or more): a one-cell box of plain text (a note
    in an annex) stays a table; an imported part (w:altChunk) in a cell counts as a table of its
    own (an OA system's frame round an imported report).  Nesting is bounded by the parser's
    depth limit (app/limits.py MAX_XML_DEPTH)."""
    cells: list[etree._Element] = []
    nested = False
    wide: list[list[etree._Element]] = []  # rows of several cells, looked into once the shape is a frame's
    for tr in rows_of(tbl):
        row = [tc for tc in unwrapped(tr) if tc.tag == _TC]
        if not row or len(row) > columns:
            return None
        cells += row
        nested = nested or any(_holds_tables(tc, columns) for tc in row)
        wide += [row] if len(row) > 1 and not nested else []
    nested = nested or any(all(map(_tables_only, row)) for row in wide)
    return cells if nested else None


def _tables_only(tc: etree._Element) -> bool:
    """A cell holding tables and no line of text: in a row of such cells, tables set side by side (a landscape
    annex's three statutory tables, 表三's columns in two halves), each read in its turn."""
    kids = list(unwrapped(tc))
    return any(el.tag == _TBL for el in kids) and not any(el.tag == _P and next(own(el, _T), None) is not None for el in kids)


def _holds_tables(tc: etree._Element, columns: int) -> bool:
    """A cell holds a table of its own (or an imported part); in a frame of several columns with
    paragraphs of text besides (the report's body): a cell of two columns holding only a small
    table (说明 | a figure's table) is a table's cell."""
    kids = list(unwrapped(tc))
    if not any(el.tag in (_TBL, _ALT_CHUNK) for el in kids):
        return False
    return (columns == 1 or sum(1 for el in kids if el.tag == _P and next(own(el, _T), None) is not None) >= _FRAME_LINES
            or any(el.tag == _TBL and _wide(el) for el in kids))


def _wide(tbl: etree._Element) -> bool:
    """A table with a row as wide as the narrowest statutory table: a statutory table's shape, never a frame's
    or a note's.  Beside a short label (“附表” | 表三) it is the report's table: as a cell's text its figures were lost."""
    return any(sum(1 for tc in unwrapped(tr) if tc.tag == _TC) >= _STATUTORY_WIDTH for tr in rows_of(tbl))


_STATUTORY_WIDTH = min(len(spec.col_widths) for spec in TABLES.values())  # 表二's 4, as app/schema.py declares it
_FRAME_LINES = 3  # paragraphs of text beside its tables that make a cell a report's body (a title, a heading, a line)


LAYOUT_COLUMNS = 3  # a template's frame: the report's cell, a menu beside it, a margin


def _closing(tc: etree._Element) -> etree._Element | None:
    """The empty paragraph Word requires to close a cell after a table: no paragraph of the
    text (the same table unframed has none)."""
    children = [el for el in unwrapped(tc) if el.tag in (_P, _TBL)]
    if len(children) >= 2 and children[-2].tag == _TBL and children[-1].tag == _P:
        last = children[-1]
        if next(own(last, _T, _TXBX, boxes=True), None) is None and next(last.iter(_TAB), None) is None:
            return last
    return None


# Anything in a table that the plain walk (app/docx/fastgrid.py) does not handle: text left out, note
# marks, tabs, nested tables, wrappers around rows or cells, text boxes, blank columns before a
# row, cells deleted with tracked changes.  A table without any of them — most — is read in one pass.
_IRREGULAR = (*_LEFT_OUT, *_MARKS, _TAB, _TBL, _SDT, _CUSTOM_XML, _ALTERNATE, _TXBX, _GRID_BEFORE, _GRID_AFTER,
              _CELL_DEL)
_BREAKS = frozenset((_BR, _CR))


def _grid(tbl: etree._Element, budget: limits.TableBudget, labels: dict[etree._Element, str],
          marks: CellMarks) -> list[list[GridCell]]:
    found = {x.tag for x in tbl.iter(*_IRREGULAR, _BR, _CR) if x is not tbl}  # one pass for every question below
    if found <= _BREAKS:
        counted = budget.cells, budget.rows, budget.whole.total if budget.whole is not None else 0
        regular = regular_grid(tbl, budget, labels, bool(found), marks.numbered)
        if regular is not None:
            return regular
        # Something the plain walk does not expect (a paragraph outside its cell …): the
        # general walk below reads the table, its cells counted afresh.
        budget.cells, budget.rows = counted[:2]
        if budget.whole is not None:
            budget.whole.total = counted[2]
    rows: list[list[GridCell]] = []
    plain = found.isdisjoint(_LEFT_OUT) and _TXBX not in found  # a text box: its paragraphs are the cell's own, read once
    marked = marks if not found.isdisjoint(_MARKS) else None
    tabbed = _TAB in found
    alternates = _ALTERNATE in found  # one may hold another program's text (app/docx/shown.py OTHER_TEXT)
    above: dict[int, GridCell] = {}  # grid column -> the cell covering it in the row above
    merging: set[int] = set()  # the cells that began or continue a vertical merge (``continued``)
    ident = 0
    for tr in rows_of(tbl):
        row: list[GridCell] = []
        trpr = first_child(tr, _TRPR)
        for _ in range(_gap(trpr, _GRID_BEFORE, budget)):
            ident += 1
            row.append(GridCell("", ident))
        for tc in unwrapped(tr):
            if tc.tag != _TC:
                continue
            tcpr = first_child(tc, _TCPR)
            if tcpr is not None and first_child(tcpr, _CELL_DEL) is not None:
                continue  # a cell deleted with tracked changes on: gone once accepted, the row closes up
            span_el = first_child(tcpr, _GRID_SPAN) if tcpr is not None else None
            span = limits.span(span_el.get(_VAL)) if span_el is not None else 1
            budget.add(span)
            vm = first_child(tcpr, _VMERGE) if tcpr is not None else None
            col = len(row)
            if continued(vm, above.get(col), merging):
                cell = above[col]
            else:
                ident += 1
                before = marks.cells
                cell = GridCell(_cell_text(tc, labels, plain, marked, tabbed), ident)
                if vm is not None:
                    merging.add(ident)
                # Where the reader's notes about it point (app/docx/reader.py): the cell it is placed in.
                numbered = bool(marks.numbered) and any(p in marks.numbered for p in tc.iter(_P))
                other = alternates and any(a.get(OTHER_TEXT) is not None for a in tc.iter(_ALTERNATE))
                cell.notes = (*(("note",) if marks.cells != before else ()), *(("list-number",) if numbered else ()),
                              *(("other-text",) if other else ()))
            budget.add(0, len(cell.text) * max(span, 1))
            for _ in range(max(span, 1)):
                row.append(cell)
        for _ in range(_gap(trpr, _GRID_AFTER, budget)):
            ident += 1
            row.append(GridCell("", ident))
        budget.row(len(row))
        above = dict(enumerate(row))
        rows.append(row)
    return rows


def _gap(trpr: etree._Element | None, tag: str, budget: limits.TableBudget) -> int:
    """How many grid columns a row leaves out before its cells (w:gridBefore) or after them
    (w:gridAfter), read as blank cells: Word shows a gap there, and without them a row short
    of its 总计 was no row of the table and all its figures went unread (hostile30)."""
    el = first_child(trpr, tag) if trpr is not None else None
    skip = limits.span(el.get(_VAL), "空白列", least=0) if el is not None else 0
    budget.add(skip)
    return skip


def _style(p: etree._Element) -> str:
    """The paragraph style's id, "" when none."""
    return child_val(first_child(p, _PPR), _P_STYLE)


# A figure as typed in a cell: digits with separators, perhaps a unit (“2,106”, “28件”), NFKC-folded.
_FIGURE = re.compile(r"\s*[-+\u2212]?[0-9][0-9,，.\s]*(?:件|个|万元|元)?\s*")


def _cell_labels(tbl: etree._Element, numbering: Numbering, marks: CellMarks) -> dict[etree._Element, str]:
    """The list number of each numbered paragraph of a table's cells, counted in document
    order.  A number before a figure is left out of it (and counted in ``marks``): a list
    applied over a column of figures shows “1.⇥21”, and glued (its tab lost) that read 1.21;
    the number is the list's, never part of the figure.  A label before words (“1.属于国家秘密”)
    and a number alone in its cell (the only thing Word shows there) stay."""
    labels: dict[etree._Element, str] = {}
    gone = deleted_paragraphs(tbl)
    for p in tbl.iter(_P):
        if gone and p in gone:
            continue  # in a row or cell deleted with tracked changes: gone once accepted, counts in no list
        label = numbering.label(p)
        if not label or isinstance(label, Bullet) or p.get(GONE) is not None:
            continue  # a bullet is no number: a table's labels and figures are read without it
        text = "".join(t.text or "" for t in own(p, _T))
        if text.strip() and _FIGURE.fullmatch(unicodedata.normalize("NFKC", text)):
            marks.numbers += 1
            marks.number_example = marks.number_example or label
            marks.numbered.add(p)
            continue
        labels[p] = label
    return labels


def read_blocks(body: etree._Element, numbering: Numbering | None = None,
                marks: CellMarks | None = None,
                chunks: Callable[[etree._Element], list[Block]] | None = None) -> list[Block]:
    """Top-level paragraphs and tables of the body, in document order; a text box's
    paragraphs come just before the paragraph it is anchored in.  ``marks`` counts the cells
    read without note marks or struck text (as their tables are read); ``chunks`` gives the
    blocks an imported part (w:altChunk) shows in its place (app/docx/altchunk.py)."""
    blocks: list[Block] = []
    budget = limits.GridBudget()
    marks = marks if marks is not None else CellMarks()

    def walk(parent: etree._Element, skip: etree._Element | None = None) -> None:
        for el in unwrapped(parent):
            limits.check_blocks(len(blocks))
            if el is skip:
                continue
            if el.tag == _P:
                for box in own(el, _TXBX):
                    if box is not el:
                        walk(box)
                style = _style(el)
                label = numbering.label(el, style) if numbering else ""
                if el.get(GONE) is None:  # a hidden paragraph only counts in its list
                    blocks.append(ParaBlock(len(blocks), el, style, label))
            elif el.tag == _TBL:
                cells = layout_cells(el) or heading_box(el) or heading_column(el)
                page = cells is None and (cells := layout_cells(el, LAYOUT_COLUMNS)) is not None
                if cells is not None:  # read what it lays out where it stands
                    for tc in cells:
                        start = len(blocks)
                        walk(tc, _closing(tc))
                        if page and not any(isinstance(b, TableBlock) for b in blocks[start:]):
                            for b in blocks[start:]:  # a page's menu, banner or footer (app/webchrome.py)
                                if isinstance(b, ParaBlock):
                                    b.beside = True
                    continue
                for p, style, label in heading_row(el, numbering):  # the heading first, then the table without it
                    blocks.append(ParaBlock(len(blocks), p, style, label))
                labels = {}
                # The lists go on through the table's cells, in document order; a paragraph
                # with neither a list nor a style has no label and counts nothing.
                if numbering and next(el.iter(_NUM_PR, _P_STYLE), None) is not None:
                    labels = _cell_labels(el, numbering, marks)
                blocks.append(TableBlock(len(blocks), el, budget, labels, marks))
            elif el.tag == _ALT_CHUNK and chunks is not None:
                for block in chunks(el):
                    limits.check_blocks(len(blocks))
                    block.index = len(blocks)
                    blocks.append(block)

    walk(body)
    return blocks
