"""Writing a report as a .docx laid out per GB/T 9704-2012 (党政机关公文格式).

The document starts from ``resources/reference.docx`` (built by ``app/docx/template.py`` from
``app.page``): styles, fonts, the 28 × 22 grid, the page numbers are there.  This module fills
in the document plan (``app.plan``) and the document properties.  Body paragraphs are in 正文
(Normal), section headings in 标题 1, “（一）” paragraphs in 标题 2; the other kinds carry our
own “NB …” styles, by which the reader knows our files.  Formatting sits on the styles, and on
runs only where it varies inside a paragraph (bold/italic/underline, the 楷体 lead sentence of a
“（一）” paragraph, the table font size).  Body and tables are built as raw WordprocessingML
(python-docx's cell API is quadratic); python-docx does the package.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from functools import cache
from importlib import resources
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from app.docx import template
from app.docx.custom import write_extras
from app.docx.properties import FileProperties, one_line
from app.page import (
    BLOCK_W_PT,
    BORDER_PT,
    CELL_PAD_X_MM,
    DIGIT_EM,
    FONTS,
    LINE_PT,
    MIN_FIGURE_PT,
    ROW_HEIGHT_EM,
    Role,
    grid_twips,
    mm_to_pt,
)
from app.plan import UNWRITABLE, Kind, TableBlock, TextBlock, build_plan, rows_kept_with_next
from app.report import Report, Run
from app.schema import LayoutCell, TableSpec

REFERENCE = "reference.docx"

TEXT_WIDTH_TWIPS = round(BLOCK_W_PT * 20)  # 156 mm, the GB/T 9704 text block
CELL_MARGIN_TWIPS = round(mm_to_pt(CELL_PAD_X_MM) * 20)
BORDER_EIGHTHS = round(BORDER_PT * 8)

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_P = qn("w:p")
_BREAKS = re.compile(r"(\n|\x0b|\t)")


def write_docx(report: Report, path: Path) -> None:
    """Save ``report`` as a .docx at ``path``; the report keeps the document properties written
    (a new report's created time is its first save's, and stays)."""
    doc, written = _build(report, _now())
    doc.save(str(path))
    report.file_properties = written


@cache
def reference_bytes() -> bytes:
    return resources.files("resources").joinpath(REFERENCE).read_bytes()


def build_document(report: Report, now: dt.datetime | None = None) -> Document:
    return _build(report, now or _now())[0]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


def _build(report: Report, now: dt.datetime) -> tuple[Document, FileProperties]:
    doc = docx.Document(BytesIO(reference_bytes()))
    written = _properties(doc, report, now)
    body = doc.element.body
    sect_pr = body.find(qn("w:sectPr"))
    for el in _body_elements(report):
        sect_pr.addprevious(el)
    write_extras(doc, report.extras)
    return doc, written


def _properties(doc: Document, report: Report, now: dt.datetime) -> FileProperties:
    """What Word's 属性 and a file list show: the title from the report, modified now by the
    organ; the created time, author, revision and 摘要 texts as the file read had them (else now,
    the organ, 1).  Returns what was written, for the report to keep."""
    kept: FileProperties = report.file_properties or {}
    organ = one_line(report.organ)
    written: FileProperties = {**kept, "created": kept.get("created") or now, "creator": kept.get("creator") or organ,
                               "last_modified_by": organ or kept.get("last_modified_by", ""),
                               "revision": kept.get("revision") or 1}
    props = doc.core_properties
    props.title = one_line(report.title)
    props.author = written["creator"]
    props.last_modified_by = written["last_modified_by"]
    props.created = written["created"]
    props.modified = now
    props.revision = written["revision"]
    if "last_printed" in written:
        props.last_printed = written["last_printed"]
    for name, value in written.get("texts", ()):
        setattr(props, name, value)
    props.language = "zh-CN"
    if written.get("custom"):
        _custom_properties(doc, written["custom"])
    return written


def _custom_properties(doc: Document, xml: bytes) -> None:
    """The file's custom properties (属性 → 自定义) as it had them: a part of the package."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES, xml, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


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


# -- paragraphs ----------------------------------------------------------------------------------


def _paragraph(style_id: str, runs: list[BaseOxmlElement]) -> BaseOxmlElement:
    p = _el("w:p")
    ppr = _sub(p, "w:pPr")
    if style_id != template.STYLE_BODY:  # as Word writes it: 正文 is the default
        _sub(ppr, "w:pStyle", val=style_id)
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
    for piece in _BREAKS.split(UNWRITABLE.sub("", text)):
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


_KIND_STYLE = {Kind.TITLE: template.STYLE_TITLE, Kind.SECTION: template.STYLE_SECTION,
               Kind.BODY: template.STYLE_BODY, Kind.HEADING1: template.STYLE_HEADING1,
               Kind.HEADING2: template.STYLE_HEADING2, Kind.SIGNATURE: template.STYLE_SIGNATURE,
               Kind.DATE: template.STYLE_DATE}


def _text_paragraph(block: TextBlock) -> BaseOxmlElement:
    style = _KIND_STYLE[block.kind]
    if block.kind is Kind.HEADING2 and block.text[block.kai_chars:].strip():
        style = template.STYLE_HEADING2_LEAD  # run in: no outline level, only a bare “（一）…” line has one
    p = _paragraph(style, _text_runs(block))
    if block.keep_next and not block.type.keep_next:
        _keep_next(p)
    if block.space_before_lines:
        p[0].append(_el("w:spacing", before=_twips(block.space_before_lines * LINE_PT)))
    indents = {side: str(grid_twips(chars)) for side, chars in (("left", block.left_chars), ("right", block.right_chars)) if chars}
    if indents:
        p[0].append(_el("w:ind", **indents))
    if block.align is not block.type.align:
        p[0].append(_el("w:jc", val=block.align.value))
    return p


def _body_elements(report: Report) -> list[BaseOxmlElement]:
    out = [_table(b) if isinstance(b, TableBlock) else _text_paragraph(b) for b in build_plan(report)]
    for el in out:
        if el.tag == _P and not len(el[0]):
            del el[0]  # an empty <w:pPr/>: Word writes none for a paragraph of the default style
    return out


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
    _sub(tbl_pr, "w:tblStyle", val=template.STYLE_TABLE_GRID)  # 网格型: the look stays on a table added in Word
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
    kept = rows_kept_with_next(spec)
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
            if lc.data is not None and _figure_width(text, size) > width - 2 * CELL_MARGIN_TWIPS:
                _no_margins(cell)  # too wide even at the smallest size: the cell's margins too, never a break
            p = _cell_text(cell, text, ("left" if spec.is_row_label(lc) else "center"), size)
            if r in kept:
                _keep_next(p)  # Word binds a row to the next by keep-with-next in its cells
            tr.append(cell)
            col += lc.colspan
    return tbl


def _figure_size(text: str, width: int, pt: float) -> float:
    """A figure too wide for its column is set smaller rather than broken across lines."""
    room = width - 2 * CELL_MARGIN_TWIPS
    needed = _figure_width(text, pt)
    if needed <= room:
        return pt
    return max(MIN_FIGURE_PT, int(2 * pt * room / needed) / 2)  # whole half-points


def _figure_width(text: str, pt: float) -> float:
    return len(text) * DIGIT_EM * pt * 20  # twips


def _no_margins(tc: BaseOxmlElement) -> None:
    """A figure of 8 digits or more in 表三's narrow columns is too wide at MIN_FIGURE_PT: the
    cell's side margins are given to it (LibreOffice broke “2592590 / 7”)."""
    margins = _el("w:tcMar")
    for side in ("left", "right"):
        margins.append(_el(f"w:{side}", w="0", type="dxa"))
    tc_pr = tc[0]
    v_align = tc_pr.find(qn("w:vAlign"))
    v_align.addprevious(margins)  # (tcPr's order: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, …, vAlign)


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
    p = _paragraph(template.STYLE_TABLE, [])
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
