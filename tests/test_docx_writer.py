"""The .docx writer: GB/T 9704 page and fonts, our paragraph styles, the statutory tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Pt, Twips
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from app.docx.writer import build_document, write_docx
from app.page import CHARS_PER_LINE, grid_twips
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import PREAMBLE, SECTIONS, TABLES, Kind
from app.values import format_value

AMOUNT = Decimal("5949.088667")
ORGAN = "宁波市北仑区人民政府小港街道办事处"
# Word's built-in styles for body and headings (正文, 标题 2), so that Word and WPS users know them.
STYLE_KIND = {"Normal": ParaKind.BODY, "NB Heading1": ParaKind.HEADING1, "Heading 2": ParaKind.HEADING2,
              "NB Heading2 Lead": ParaKind.HEADING2}
Written = tuple[Report, DocxDocument]
FILLER = "街道把政府信息公开作为与群众沟通的重要手段，严格落实各项规章制度，更好地服务群众。" * 3


def blank_cell() -> tuple[str, tuple[int, int]]:
    """One count cell of table 三 left blank (chosen from the schema, not hard-coded)."""
    c = TABLES["三"].cells[5]
    return "三", (c.row, c.col)


def make_report(organ: str = ORGAN, date: dt.date | None = dt.date(2022, 1, 5)) -> Report:
    r = Report(organ=organ, year=2021, date=date)
    r.sections[PREAMBLE] = [Paragraph.plain("本报告依据《中华人民共和国政府信息公开条例》编制。" + FILLER)]
    r.sections["一"] = [
        Paragraph([Run("2021年，"), Run("小港街道", bold=True), Run(FILLER)]),
        Paragraph(
            [Run("（一）主动", bold=True), Run("公开情况。全年", italic=True), Run("公开", underline=True),
             Run("3500条。" + FILLER)],
            ParaKind.HEADING2,
        ),
        Paragraph.plain("（二）依申请公开", ParaKind.HEADING2),
        Paragraph.plain("二、小标题", ParaKind.HEADING1),
        Paragraph([Run(FILLER, underline=True, italic=True), Run("完。", bold=True, italic=True)]),
    ]
    r.sections["二"] = [Paragraph.plain("具体情况见下表。")]
    r.sections["五"] = [Paragraph.plain(FILLER)]
    r.sections["六"] = [Paragraph.plain("本年度未收取信息处理费。" + FILLER)]
    for k, (key, spec) in enumerate(TABLES.items()):
        for i, c in enumerate(spec.cells):
            r.tables[key][(c.row, c.col)] = AMOUNT if c.kind is Kind.AMOUNT else (k + 1) * 1000 + i
    table, pos = blank_cell()
    r.tables[table][pos] = None
    return r


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    report = make_report()
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    write_docx(report, path)
    return report, docx.Document(str(path))


# -- effective formatting, resolved the way Word does: run, paragraph, style chain, defaults --------


def style_chain(style: BaseStyle | None) -> Iterator[BaseStyle]:
    while style is not None:
        yield style
        style = style.base_style


def east_asia_font(doc: DocxDocument, par: DocxParagraph, run: DocxRun | None = None) -> str | None:
    elements = [run.element.rPr] if run is not None else []
    elements += [s.element.rPr for s in style_chain(par.style)]
    elements.append(doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    for rpr in elements:
        fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win in Word
            return fonts.get(qn("w:eastAsia"))
    return None


def font_size(par: DocxParagraph, run: DocxRun | None = None) -> Length | None:
    if run is not None and run.font.size is not None:
        return run.font.size
    return next((s.font.size for s in style_chain(par.style) if s.font.size is not None), None)


def para_format(par: DocxParagraph, name: str) -> Any:
    direct = getattr(par.paragraph_format, name)
    if direct is not None:
        return direct
    return next((getattr(s.paragraph_format, name) for s in style_chain(par.style)
                 if getattr(s.paragraph_format, name) is not None), None)


def paragraphs(doc: DocxDocument, style: str) -> list[DocxParagraph]:
    return [p for p in doc.paragraphs if p.style.name == style]


# -- page -----------------------------------------------------------------------------------------


def test_page_is_a4_with_gbt9704_margins(written: Written) -> None:
    section = written[1].sections[0]
    expected = {"page_width": 210, "page_height": 297, "top_margin": 37, "bottom_margin": 35,
                "left_margin": 28, "right_margin": 26}
    for name, mm in expected.items():
        assert getattr(section, name).mm == pytest.approx(mm, abs=0.5), name
    assert 20 <= section.footer_distance.mm <= 30


def test_28_characters_22_lines_through_the_document_grid(written: Written) -> None:
    """As 公文 templates do it (not by letter spacing, which makes LibreOffice drop line-end
    punctuation): lines and characters snap to a grid of 22 × 28 in the 156 × 225 mm block."""
    doc = written[1]
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert int(grid.get(qn("w:linePitch"))) == pytest.approx(GRID_PITCH_PT * 20, abs=1)
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096  # 3号 plus the grid's charSpace
    assert char_pitch * 28 == pytest.approx(156 / 25.4 * 72, abs=0.2)
    assert not [s for s in doc.element.iter(qn("w:spacing")) if s.get(qn("w:val"))], "no letter spacing"
    assert not [s for s in doc.styles.element.iter(qn("w:spacing")) if s.get(qn("w:val"))]


def test_all_styles_exist_and_defaults_are_fangsong(written: Written) -> None:
    doc = written[1]
    names = {s.name for s in doc.styles}
    for name in ("NB Title", "Heading 1", "Normal", "NB Heading1", "Heading 2", "NB Signature",
                 "NB Date", "NB Table", "Table Grid"):
        assert name in names
    assert doc.styles.default(WD_STYLE_TYPE.PARAGRAPH).name == "Normal"  # 正文 is the body style
    defaults = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == fonts.get(qn("w:ascii")) == "仿宋_GB2312"
    assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]


# -- paragraphs -----------------------------------------------------------------------------------


def test_title(written: Written) -> None:
    report, doc = written
    title = doc.paragraphs[0]
    assert title.style.name == "NB Title"
    assert title.text.replace("\n", "") == report.title
    assert para_format(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert not para_format(title, "first_line_indent")
    for run in title.runs:
        assert font_size(title, run) == Pt(22)
        assert east_asia_font(doc, title, run) == "方正小标宋简体"


GRID_PITCH_PT = 225 / 25.4 * 72 / 22  # GB/T 9704: 22 lines in the 225 mm text block


def test_body_paragraph_format(written: Written) -> None:
    doc = written[1]
    body = paragraphs(doc, "Normal")
    assert len(body) > 5
    for par in body:
        # single spacing: each line takes one line of the document grid (22 lines × 28 characters)
        assert para_format(par, "line_spacing") in (1.0, None)
        assert para_format(par, "line_spacing_rule") in (WD_LINE_SPACING.SINGLE, None)
        # two cells of the grid, not two 3号 ems (LibreOffice rounded 32 pt up to three cells)
        assert para_format(par, "first_line_indent") == Twips(grid_twips(2))
        assert para_format(par, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert not para_format(par, "space_before") and not para_format(par, "space_after")
        for run in par.runs:
            assert font_size(par, run) == Pt(16)
            assert east_asia_font(doc, par, run) == "仿宋_GB2312"


def test_order_of_the_document(written: Written) -> None:
    report, doc = written
    seen = []
    for el in doc.element.body:
        if el.tag == qn("w:tbl"):
            seen.append("<table>")
        elif el.tag == qn("w:p"):
            seen.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
    expected = [report.title, *(p.text for p in report.sections[PREAMBLE])]
    for spec in SECTIONS:
        expected += [spec.heading, *(p.text for p in report.sections[spec.key])]
        expected += ["<table>"] if spec.table else []
    expected += [ORGAN, "2022年1月5日"]
    assert seen == expected


def test_section_headings_are_heiti(written: Written) -> None:
    doc = written[1]
    headings = paragraphs(doc, "Heading 1")
    assert [p.text for p in headings] == [s.heading for s in SECTIONS]
    for par in [*headings, *paragraphs(doc, "NB Heading1")]:
        assert para_format(par, "first_line_indent") == Twips(grid_twips(2))
        for run in par.runs:
            assert east_asia_font(doc, par, run) == "黑体"
            assert font_size(par, run) == Pt(16)


def test_heading2_lead_sentence_is_kaiti(written: Written) -> None:
    """A bare “（一）…” line is 标题 2; one with its text run in is not (below)."""
    doc = written[1]
    [with_stop], [without_stop] = paragraphs(doc, "NB Heading2 Lead"), paragraphs(doc, "Heading 2")
    kai = "".join(r.text for r in with_stop.runs if east_asia_font(doc, with_stop, r) == "楷体_GB2312")
    fang = "".join(r.text for r in with_stop.runs if east_asia_font(doc, with_stop, r) == "仿宋_GB2312")
    assert kai == "（一）主动公开情况。"
    assert kai + fang == with_stop.text
    assert all(east_asia_font(doc, without_stop, r) == "楷体_GB2312" for r in without_stop.runs)
    # The 楷体 boundary fell inside the italic run: both halves stay italic.
    assert [(r.text, bool(r.italic)) for r in with_stop.runs[1:3]] == [("公开情况。", True), ("全年", True)]


def test_runs_and_kinds_read_back_losslessly(written: Written) -> None:
    report, doc = written
    model = [p.normalized() for key in ("前言", "一", "二", "五", "六") for p in report.sections[key]]
    back = []
    for par in doc.paragraphs:
        if par.style.name in STYLE_KIND:
            runs = [Run(r.text, bool(r.bold), bool(r.italic), bool(r.underline)) for r in par.runs]
            back.append(Paragraph(runs, STYLE_KIND[par.style.name]).normalized())
    assert back == model


def test_signature_block(written: Written) -> None:
    doc = written[1]
    organ, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (organ.style.name, organ.text) == ("NB Signature", ORGAN)
    assert (date.style.name, date.text) == ("NB Date", "2022年1月5日")  # no leading zeros
    assert para_format(organ, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    assert para_format(organ, "right_indent") >= Twips(grid_twips(2))
    # the date by its start, two characters right of the organ's (GB/T 9704 7.3.5.3): never by
    # its own width, which is the digits' font's
    assert para_format(date, "alignment") == WD_ALIGN_PARAGRAPH.LEFT
    organ_start = grid_twips(CHARS_PER_LINE) - para_format(organ, "right_indent").twips - grid_twips(len(ORGAN))
    assert para_format(date, "left_indent").twips == organ_start + grid_twips(2)
    assert organ.paragraph_format.space_before.pt == pytest.approx(GRID_PITCH_PT, abs=0.05)  # an empty line


@pytest.mark.parametrize(("organ", "date", "styles"), [
    ("", None, []),
    (ORGAN, None, ["NB Signature"]),
    ("", dt.date(2023, 12, 31), ["NB Date"]),
])
def test_signature_skips_what_is_empty(organ: str, date: dt.date | None, styles: list[str]) -> None:
    doc = build_document(make_report(organ, date))
    assert [p.style.name for p in doc.paragraphs if p.style.name in ("NB Signature", "NB Date")] == styles


# -- tables ---------------------------------------------------------------------------------------


def grid_of(tbl: BaseOxmlElement) -> dict[tuple[int, int], BaseOxmlElement]:
    """(row, grid column) of each w:tc, counting gridSpan, independent of the writer."""
    out = {}
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            out[(r, col)] = tc
            span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            col += 1 if span is None else int(span.get(qn("w:val")))
    return out


def cell_text(tc: BaseOxmlElement) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def tables_by_key(doc: DocxDocument) -> dict[str, BaseOxmlElement]:
    keys = [s.table for s in SECTIONS if s.table]
    assert len(doc.tables) == len(keys)
    return {key: t._tbl for key, t in zip(keys, doc.tables, strict=True)}


@pytest.mark.parametrize("key", list(TABLES))
def test_table_layout_spans_and_texts(written: Written, key: str) -> None:
    report, doc = written
    spec, tbl = TABLES[key], tables_by_key(doc)[key]
    assert len(tbl.findall(qn("w:tr"))) == spec.grid_rows
    grid = grid_of(tbl)
    for lc in spec.layout:
        tc = grid[(lc.row, lc.col)]
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        assert (1 if span is None else int(span.get(qn("w:val")))) == lc.colspan, lc
        expected = lc.text if lc.data is None else format_value(report.tables[key][lc.data])
        assert cell_text(tc) == expected, lc
        merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if lc.rowspan == 1:
            assert merge is None, lc
            continue
        assert merge.get(qn("w:val")) == "restart", lc
        for r in range(lc.row + 1, lc.row + lc.rowspan):
            below = grid[(r, lc.col)].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            assert below is not None and below.get(qn("w:val")) in (None, "continue"), (lc, r)
            assert cell_text(grid[(r, lc.col)]) == ""
    assert all(sum(int(s.get(qn("w:val"))) if (s := tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"))
                   is not None else 1 for tc in tr.findall(qn("w:tc"))) == spec.grid_cols
               for tr in tbl.findall(qn("w:tr")))


@pytest.mark.parametrize("key", list(TABLES))
def test_table_geometry_borders_and_header_rows(written: Written, key: str) -> None:
    spec, tbl = TABLES[key], tables_by_key(written[1])[key]
    cols = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(cols) == spec.grid_cols
    assert sum(cols) / 1440 * 25.4 == pytest.approx(156, abs=0.5)
    for width, rel in zip(cols, spec.col_widths, strict=True):
        assert width == pytest.approx(sum(cols) * rel / sum(spec.col_widths), abs=2)
    tbl_pr = tbl.tblPr
    assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    borders = tbl_pr.find(qn("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = borders.find(qn(f"w:{side}"))
        assert (b.get(qn("w:val")), b.get(qn("w:sz"))) == ("single", "4"), side
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):
        tr_pr = tr.find(qn("w:trPr"))
        assert (tr_pr.find(qn("w:tblHeader")) is not None) == (r < spec.header_rows), r
        assert tr_pr.find(qn("w:cantSplit")) is not None
    for (_, col), tc in grid_of(tbl).items():
        assert tc.find(f"{qn('w:tcPr')}/{qn('w:vAlign')}").get(qn("w:val")) == "center"
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        n = 1 if span is None else int(span.get(qn("w:val")))
        assert int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) == sum(cols[col : col + n])


def cell_sizes(tc: BaseOxmlElement) -> set[float]:
    return {int(sz.get(qn("w:val"))) / 2 for sz in tc.iter(qn("w:sz"))}


def test_table_text_size_style_and_alignment(written: Written) -> None:
    doc = written[1]
    sizes = {"二": 10.5, "三": 9.0, "四": 10.5}
    for key, tbl in tables_by_key(doc).items():
        assert {p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val"))
                for p in tbl.iter(qn("w:p"))} == {"NBTable"}
        grid = grid_of(tbl)
        for lc in TABLES[key].layout:
            tc = grid[(lc.row, lc.col)]
            if lc.data is None:
                assert cell_sizes(tc) == {sizes[key]}, lc
            else:  # a wide figure may be set smaller, never larger
                assert all(5 <= size <= sizes[key] for size in cell_sizes(tc)), lc
            jc = tc.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:jc')}")
            align = "center" if jc is None else jc.get(qn("w:val"))
            if lc.data is not None or lc.header or lc.rowspan > 1:
                assert align == "center", lc
            elif lc.text.startswith("1."):
                assert align == "left", lc
    assert all(cell_sizes(tc) == {9.0} for tc in tables_by_key(doc)["三"].iter(qn("w:tc")))
    style = doc.styles["NB Table"]
    assert style.paragraph_format.first_line_indent == 0
    assert style.paragraph_format.line_spacing == 1.0
    assert style.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE


def test_wide_figure_is_set_smaller_not_broken() -> None:
    report = make_report()
    spec = TABLES["四"]
    first, second = (lc for lc in spec.layout if lc.data is not None and lc.col < 2)
    report.tables["四"][first.data] = 1234567
    report.tables["四"][second.data] = 7
    grid = grid_of(tables_by_key(build_document(report))["四"])
    (big,) = cell_sizes(grid[(first.row, first.col)])
    assert 5 <= big < 10.5
    assert cell_sizes(grid[(second.row, second.col)]) == {10.5}


def test_amount_and_blank_written_exactly(written: Written) -> None:
    report, doc = written
    tbl = tables_by_key(doc)["二"]
    texts = [cell_text(tc) for tc in tbl.iter(qn("w:tc"))]
    assert "5949.088667" in texts
    key, pos = blank_cell()
    lc = next(c for c in TABLES[key].layout if c.data == pos)
    assert cell_text(grid_of(tables_by_key(doc)[key])[(lc.row, lc.col)]) == ""
    xml = "".join(cell_text(tc) for t in tables_by_key(doc).values() for tc in t.iter(qn("w:tc")))
    for key, grid in report.tables.items():
        for value in grid.values():
            assert format_value(value) in xml
        for lc in TABLES[key].layout:
            assert lc.text in xml


# -- well-formedness ------------------------------------------------------------------------------

# Child order of the property elements, per the WordprocessingML schema (ECMA-376 Part 1, 17.x).
PROPERTY_ORDER = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
             "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
             "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
             "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
             "rPr sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
             "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
             "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
               "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
              "vAlign hideMark",
}


def bare_headings_everywhere() -> Report:
    """Paragraphs that get keep-with-next for two reasons at once."""
    report = make_report()
    for key in ("二", "六"):
        report.sections[key].append(Paragraph.plain("（一）无句号的小标题", ParaKind.HEADING2))
    return report


@pytest.mark.parametrize("make", [make_report, bare_headings_everywhere, Report])
def test_property_children_in_schema_order_and_unique(make: Callable[[], Report]) -> None:
    """Word refuses a file whose property elements repeat or come out of schema order."""
    doc = build_document(make())
    section = doc.sections[0]
    roots = [doc.element, doc.styles.element, section.footer._element, section.even_page_footer._element]
    checked = 0
    for root in roots:
        for tag, order in PROPERTY_ORDER.items():
            rank = {qn(f"w:{t}"): i for i, t in enumerate(order.split())}
            for props in root.iter(qn(tag)):
                tags = [c.tag for c in props]
                assert len(tags) == len(set(tags)), (tag, tags)
                assert [rank[t] for t in tags] == sorted(rank[t] for t in tags), (tag, tags)
                checked += 1
    assert checked > 500


# -- footer and settings --------------------------------------------------------------------------


def test_page_numbers_odd_right_even_left(written: Written) -> None:
    doc = written[1]
    assert doc.settings.odd_and_even_pages_header_footer
    even_odd = doc.settings.element.find(qn("w:evenAndOddHeaders"))
    assert even_odd is not None and even_odd.get(qn("w:val")) in (None, "1", "true")
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        assert not footer.is_linked_to_previous
        (par,) = footer.paragraphs
        root = footer._element
        assert [i.text.strip() for i in root.iter(qn("w:instrText"))] == ["PAGE"]
        kinds = [f.get(qn("w:fldCharType")) for f in root.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert par.text.startswith("— ") and par.text.endswith(" —")
        assert par.paragraph_format.alignment == getattr(WD_ALIGN_PARAGRAPH, side.upper())
        assert getattr(par.paragraph_format, f"{side}_indent") == Pt(14)
        for run in par.runs:
            assert run.font.size == Pt(14)
            assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


# -- robustness and speed -------------------------------------------------------------------------


def test_empty_report_and_odd_text(tmp_path: Path) -> None:
    report = Report()
    report.sections["五"] = [Paragraph.plain("第一行\n第二行\t制表\x0b换行\x07响铃"), Paragraph()]
    write_docx(report, tmp_path / "empty.docx")
    doc = docx.Document(str(tmp_path / "empty.docx"))
    assert doc.paragraphs[0].text == "年度政府信息公开工作年度报告"
    odd = next(p for p in doc.paragraphs if p.text.startswith("第一行"))
    assert odd.text == "第一行\n第二行\t制表\n换行响铃"
    for key, tbl in tables_by_key(doc).items():
        assert all(cell_text(grid_of(tbl)[(lc.row, lc.col)]) == "" for lc in TABLES[key].layout
                   if lc.data is not None)
