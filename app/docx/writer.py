"""Writing a report as a .docx laid out per GB/T 9704-2012 (党政机关公文格式).

Every paragraph carries one of our own paragraph styles ("NB …") so that our files read back
losslessly; formatting sits on those styles, and on runs only where it varies inside a paragraph
(bold/italic/underline, the 楷体 lead sentence of a “（一）” paragraph, the table font size).
Tables are generated from the layouts in ``app.schema`` alone.  Body and tables are built as
raw WordprocessingML (python-docx's cell API is quadratic); python-docx does styles and parts.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle

from app import page
from app.docx.custom import write_extras
from app.page import (
    BLOCK_W_PT,
    BODY_PT,
    BORDER_PT,
    CELL_PAD_X_MM,
    DIGIT_EM,
    FONTS,
    LETTER_SPACING_PT,
    LINE_PT,
    MIN_FIGURE_PT,
    PAGE_NUMBER_IN_CHARS,
    PAGE_NUMBER_PT,
    PAGE_NUMBER_ROLE,
    ROW_HEIGHT_EM,
    TABLE_PT,
    TITLE_PT,
    Role,
    mm_to_pt,
    page_number_text,
)
from app.plan import Kind, TableBlock, TextBlock, build_plan
from app.report import Report, Run
from app.schema import LayoutCell, TableSpec

FONT_BODY = FONTS[Role.BODY].name
FONT_TITLE = FONTS[Role.TITLE].name
FONT_HEI = FONTS[Role.HEI].name
FONT_KAI = FONTS[Role.KAI].name
FONT_PAGE = FONTS[PAGE_NUMBER_ROLE].name

STYLE_TITLE = "NB Title"
STYLE_SECTION = "NB Section"
STYLE_BODY = "NB Body"
STYLE_HEADING1 = "NB Heading1"
STYLE_HEADING2 = "NB Heading2"
STYLE_SIGNATURE = "NB Signature"
STYLE_DATE = "NB Date"
STYLE_TABLE = "NB Table"

TEXT_WIDTH_TWIPS = round(BLOCK_W_PT * 20)  # 156 mm, the GB/T 9704 text block
CELL_MARGIN_TWIPS = round(mm_to_pt(CELL_PAD_X_MM) * 20)
BORDER_EIGHTHS = round(BORDER_PT * 8)
CHAR_SPACING = str(math.floor(LETTER_SPACING_PT * 20))  # twentieths of a point: 28 characters a line

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BAD_XML_CHARS = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"(\n|\x0b|\t)")


def write_docx(report: Report, path: Path) -> None:
    build_document(report).save(str(path))


def build_document(report: Report) -> Document:
    doc = docx.Document()
    _setup_page(doc)
    _setup_defaults(doc)
    _add_styles(doc)
    _setup_footers(doc)
    body = doc.element.body
    for el in list(body):
        if el.tag != qn("w:sectPr"):
            body.remove(el)
    sect_pr = body.find(qn("w:sectPr"))
    for el in _body_elements(report):
        sect_pr.addprevious(el)
    write_extras(doc, report.extras)
    return doc


# -- XML helpers ---------------------------------------------------------------------------------


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def _sub(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


def _text(r: BaseOxmlElement, tag: str, text: str) -> None:
    t = _sub(r, tag)
    t.set(XML_SPACE, "preserve")
    t.text = text


def _keep_next(p: BaseOxmlElement) -> None:
    if p[0].find(qn("w:keepNext")) is None:  # Word rejects a repeated pPr child
        p[0].insert(1, _el("w:keepNext"))  # right after w:pStyle, as the schema orders pPr


def _twips(pt: float) -> str:
    return str(round(pt * 20))


def _fonts(parent: BaseOxmlElement, font: str) -> None:
    """All four slots: Word picks the East Asian font from w:eastAsia, never from w:ascii."""
    rfonts = parent.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = _el("w:rFonts")
        parent.insert(0, rfonts)
    for slot in list(rfonts.attrib):
        del rfonts.attrib[slot]  # theme references would override the explicit names
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), font)


def _size(rpr: BaseOxmlElement, pt: float) -> None:
    half_points = str(round(pt * 2))
    _sub(rpr, "w:sz", val=half_points)
    _sub(rpr, "w:szCs", val=half_points)


# -- page, defaults, styles ----------------------------------------------------------------------


def _setup_page(doc: Document) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(page.PAPER_W_MM), Mm(page.PAPER_H_MM)
    section.top_margin, section.bottom_margin = Mm(page.TOP_MM), Mm(page.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(page.LEFT_MM), Mm(page.RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(28)  # the page number sits about 7 mm below the text block


def _setup_defaults(doc: Document) -> None:
    """docDefaults: 仿宋_GB2312 3号, Chinese language, no paragraph spacing."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    _fonts(rpr, FONT_BODY)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(round(BODY_PT * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.attrib.clear()
    for name, value in (("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(qn(f"w:{name}"), value)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc: Document, name: str, base: str, font: str, pt: float) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    style.font.size = Pt(pt)
    _fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    return style


def _body_style(doc: Document, name: str, base: str, font: str) -> ParagraphStyle:
    style = _style(doc, name, base, font, BODY_PT)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.first_line_indent = Pt(2 * BODY_PT)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # 28 characters a line: 156 mm holds 27.6 em of 3号, so the pitch is condensed a little
    # (a document grid would do the same in Word, but LibreOffice lays grids out differently).
    rpr = style.element.get_or_add_rPr()
    rpr.insert_element_before(_el("w:spacing", val=CHAR_SPACING), "w:w", "w:kern", "w:position", "w:sz")
    return style


def _no_autospace(style: ParagraphStyle) -> None:
    """No extra gap between Chinese and digits, so the signature's computed widths hold."""
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        ppr.insert_element_before(_el(tag, val="0"), "w:spacing", "w:ind", "w:jc")


def _add_styles(doc: Document) -> None:
    _body_style(doc, STYLE_BODY, "Normal", FONT_BODY)
    for name in (STYLE_SECTION, STYLE_HEADING1):
        _body_style(doc, name, STYLE_BODY, FONT_HEI).paragraph_format.keep_with_next = True
    # Sections in Word's navigation pane and as PDF bookmarks.
    doc.styles[STYLE_SECTION].element.get_or_add_pPr().append(_el("w:outlineLvl", val="0"))
    _body_style(doc, STYLE_HEADING2, STYLE_BODY, FONT_BODY)
    for name in (STYLE_SIGNATURE, STYLE_DATE):
        style = _body_style(doc, name, STYLE_BODY, FONT_BODY)
        _no_autospace(style)
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.styles[STYLE_SIGNATURE].paragraph_format.keep_with_next = True
    doc.styles[STYLE_DATE].paragraph_format.right_indent = Pt(4 * BODY_PT)
    title = _style(doc, STYLE_TITLE, "Normal", FONT_TITLE, TITLE_PT).paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.line_spacing = Pt(35)  # 2号 glyphs are clipped at 28 pt
    title.space_after = Pt(LINE_PT)  # GB/T 9704: one empty line under the title
    title.first_line_indent = Pt(0)
    table = _style(doc, STYLE_TABLE, "Normal", FONT_BODY, TABLE_PT).paragraph_format
    table.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.line_spacing = 1.0
    table.first_line_indent = Pt(0)


# -- footers -------------------------------------------------------------------------------------


def _setup_footers(doc: Document) -> None:
    """“— N —” in 4号宋体: odd pages right, even pages left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        root = footer._element
        for el in list(root):
            root.remove(el)
        root.append(_page_number_paragraph(odd))


def _page_number_paragraph(odd: bool) -> BaseOxmlElement:
    p = _el("w:p")
    ppr = _sub(p, "w:pPr")
    _sub(ppr, "w:spacing", before="0", after="0", line="240", lineRule="auto")
    side = "right" if odd else "left"
    _sub(ppr, "w:ind", **{side: _twips(PAGE_NUMBER_IN_CHARS * PAGE_NUMBER_PT), "firstLine": "0"})
    _sub(ppr, "w:jc", val=side)
    # A complex PAGE field: understood by Word, WPS and LibreOffice alike.
    before, after = page_number_text("\0").split("\0")
    pieces = (("t", before), ("fld", "begin"), ("instr", " PAGE "), ("fld", "separate"), ("t", "1"),
              ("fld", "end"), ("t", after))
    for kind, value in pieces:
        r = _sub(p, "w:r")
        rpr = _sub(r, "w:rPr")
        _fonts(rpr, FONT_PAGE)
        _size(rpr, PAGE_NUMBER_PT)
        if kind == "fld":
            _sub(r, "w:fldChar", fldCharType=value)
        else:
            _text(r, "w:instrText" if kind == "instr" else "w:t", value)
    return p


# -- paragraphs ----------------------------------------------------------------------------------


def _paragraph(style: str, runs: list[BaseOxmlElement]) -> BaseOxmlElement:
    p = _el("w:p")
    ppr = _sub(p, "w:pPr")
    _sub(ppr, "w:pStyle", val=style.replace(" ", ""))  # python-docx's style id: name sans spaces
    for r in runs:
        p.append(r)
    return p


def _run(run: Run, text: str, font: str | None = None) -> BaseOxmlElement:
    r = _el("w:r")
    rpr = _el("w:rPr")
    if font:
        _fonts(rpr, font)
    for on, tag in ((run.bold, "w:b"), (run.italic, "w:i")):
        if on:
            _sub(rpr, tag)
    if run.underline:
        _sub(rpr, "w:u", val="single")
    if len(rpr):
        r.append(rpr)
    _append_text(r, text)
    return r


def _append_text(r: BaseOxmlElement, text: str) -> None:
    """Text with line breaks and tabs as their own elements; characters XML forbids dropped."""
    for piece in _BREAKS.split(_BAD_XML_CHARS.sub("", text)):
        if piece in ("\n", "\x0b"):
            _sub(r, "w:br")
        elif piece == "\t":
            _sub(r, "w:tab")
        elif piece:
            _text(r, "w:t", piece)


def _text_runs(block: TextBlock) -> list[BaseOxmlElement]:
    """The block's runs; its first ``kai_chars`` characters (a “（一）” lead) in 楷体."""
    out: list[BaseOxmlElement] = []
    start = 0
    kai = FONTS[Role.KAI].name
    for run in block.runs:
        cut = max(block.kai_chars - start, 0)
        head, tail = run.text[:cut], run.text[cut:]
        if head:
            out.append(_run(run, head, kai))
        if tail:
            out.append(_run(run, tail))
        start += len(run.text)
    return out


_KIND_STYLE = {Kind.TITLE: STYLE_TITLE, Kind.SECTION: STYLE_SECTION, Kind.BODY: STYLE_BODY,
               Kind.HEADING1: STYLE_HEADING1, Kind.HEADING2: STYLE_HEADING2, Kind.SIGNATURE: STYLE_SIGNATURE,
               Kind.DATE: STYLE_DATE}


def _text_paragraph(block: TextBlock) -> BaseOxmlElement:
    p = _paragraph(_KIND_STYLE[block.kind], _text_runs(block))
    if block.keep_next and not block.type.keep_next:
        _keep_next(p)
    if block.space_before_lines:
        p[0].append(_el("w:spacing", before=_twips(block.space_before_lines * LINE_PT)))
    if block.right_chars:
        p[0].append(_el("w:ind", right=_twips(block.right_chars * BODY_PT)))
    return p


def _body_elements(report: Report) -> list[BaseOxmlElement]:
    return [_table(b) if isinstance(b, TableBlock) else _text_paragraph(b) for b in build_plan(report)]


# -- tables --------------------------------------------------------------------------------------


def _grid_widths(spec: TableSpec) -> list[int]:
    """Twips per grid column, proportional to col_widths, summing to the text width exactly
    (rounded cumulatively so that no column takes all the rounding)."""
    total = sum(spec.col_widths)
    edges = [0.0]
    for w in spec.col_widths:
        edges.append(edges[-1] + w)
    points = [round(TEXT_WIDTH_TWIPS * e / total) for e in edges]
    return [b - a for a, b in itertools.pairwise(points)]


def _table_properties(tbl: BaseOxmlElement, widths: list[int]) -> None:
    tbl_pr = _sub(tbl, "w:tblPr")
    _sub(tbl_pr, "w:tblW", w=str(TEXT_WIDTH_TWIPS), type="dxa")
    _sub(tbl_pr, "w:jc", val="center")
    borders = _sub(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(borders, f"w:{side}", val="single", sz=str(BORDER_EIGHTHS), space="0", color="000000")
    _sub(tbl_pr, "w:tblLayout", type="fixed")
    margins = _sub(tbl_pr, "w:tblCellMar")
    for side in ("left", "right"):
        _sub(margins, f"w:{side}", w=str(CELL_MARGIN_TWIPS), type="dxa")
    grid = _sub(tbl, "w:tblGrid")
    for w in widths:
        _sub(grid, "w:gridCol", w=str(w))


def _table(block: TableBlock) -> BaseOxmlElement:
    """One w:tbl from spec.layout: spans as gridSpan/vMerge, header rows repeated."""
    spec = block.spec
    widths = _grid_widths(spec)
    pt = block.pt
    rows: list[dict[int, tuple[LayoutCell, bool]]] = [{} for _ in range(spec.grid_rows)]
    for lc in spec.layout:
        for r in range(lc.row, lc.row + lc.rowspan):
            rows[r][lc.col] = (lc, r == lc.row)
    tbl = _el("w:tbl")
    _table_properties(tbl, widths)
    for r, cells in enumerate(rows):
        tr = _sub(tbl, "w:tr")
        tr_pr = _sub(tr, "w:trPr")
        _sub(tr_pr, "w:cantSplit")  # a row never breaks across pages
        _sub(tr_pr, "w:trHeight", val=_twips(ROW_HEIGHT_EM * pt), hRule="atLeast")
        if r < spec.header_rows:
            _sub(tr_pr, "w:tblHeader")  # repeated on every page the table runs onto
        col = 0
        while col < spec.grid_cols:
            lc, first = cells.get(col, (LayoutCell(r, col), True))  # a gap stays an empty cell
            width = sum(widths[col : col + lc.colspan])
            cell = _cell(width, lc, first)
            text = block.text(lc) if first else ""  # merged continuations stay empty
            size = _figure_size(text, width, pt) if lc.data is not None else pt
            p = _cell_text(cell, text, ("left" if spec.is_row_label(lc) else "center"), size)
            if r < spec.grid_rows - 1:
                _keep_next(p)  # Word's way to keep a table on one page where it fits
            tr.append(cell)
            col += lc.colspan
    return tbl


def _figure_size(text: str, width: int, pt: float) -> float:
    """A figure too wide for its column is set smaller rather than broken across lines."""
    room = width - 2 * CELL_MARGIN_TWIPS
    needed = len(text) * DIGIT_EM * pt * 20
    if needed <= room:
        return pt
    return max(MIN_FIGURE_PT, int(2 * pt * room / needed) / 2)  # whole half-points


def _cell(width: int, lc: LayoutCell, first: bool) -> BaseOxmlElement:
    tc = _el("w:tc")
    tc_pr = _sub(tc, "w:tcPr")
    _sub(tc_pr, "w:tcW", w=str(width), type="dxa")
    if lc.colspan > 1:
        _sub(tc_pr, "w:gridSpan", val=str(lc.colspan))
    if lc.rowspan > 1:
        merge = _sub(tc_pr, "w:vMerge")
        if first:
            merge.set(qn("w:val"), "restart")
    _sub(tc_pr, "w:vAlign", val="center")
    return tc


def _cell_text(tc: BaseOxmlElement, text: str, align: str, pt: float) -> BaseOxmlElement:
    p = _paragraph(STYLE_TABLE, [])
    ppr = p[0]
    if align != "center":
        _sub(ppr, "w:jc", val=align)
    _size(_sub(ppr, "w:rPr"), pt)  # the paragraph mark too: empty cells keep the row height
    if text:
        r = _el("w:r")
        _size(_sub(r, "w:rPr"), pt)
        _append_text(r, text)
        p.append(r)
    tc.append(p)
    return p
