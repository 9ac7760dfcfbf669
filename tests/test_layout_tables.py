"""Layout tables: WPS and OA templates frame a statutory table, or the whole body, in a table
of one column (usually one cell).  Such a file reads exactly as the same file unframed; a
one-cell box of plain text stays a table."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from app.checks import run_all
from app.cli import dump
from app.docx.blocks import ParaBlock, TableBlock, read_blocks
from app.reading import load_report
from app.schema import T3_COL_TOTAL, T3_NEW, T4_GROUPS, T4_LITIGATION, T4_RESULTS, T4_REVIEW
from tests.conftest import SAMPLE
from tests.thirdparty import Spec, build

Variant = Callable[[Callable[[str], str]], Path]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _wrap(inner: str, props: bool = False) -> str:
    """``inner`` in a one-cell table, with the empty paragraph Word requires after a nested table."""
    head = ("<w:tblPr/><w:tblGrid><w:gridCol w:w='9000'/></w:tblGrid>" if props else "")
    cell = "<w:tcPr><w:tcW w:w='9000' w:type='dxa'/></w:tcPr>" if props else ""
    return f"<w:tbl>{head}<w:tr><w:tc>{cell}{inner}<w:p/></w:tc></w:tr></w:tbl>"


def _table3_framed(xml: str) -> str:
    """Only 表三 framed (the tester's m01)."""
    at = xml.index("本年新收")
    t = next(m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S) if m.start() < at < m.end())
    return xml[:t.start()] + _wrap(t.group(0)) + xml[t.end():]


def _body_framed(xml: str) -> str:
    """The whole body in one cell (s05), with the paragraph Word keeps after a table."""
    return re.sub(r"<w:body>(.*)(<w:sectPr)", lambda m: "<w:body>" + _wrap(m.group(1), props=True) + "<w:p/>" + m.group(2),
                  xml, count=1, flags=re.S)


def _body_nested(levels: int) -> Callable[[str], str]:
    """The whole body in ``levels`` one-cell tables, one in the other (s08)."""
    def edit(xml: str) -> str:
        m = re.search(r"<w:body>(.*)(<w:sectPr)", xml, re.S)
        assert m
        inner = m.group(1)
        for _ in range(levels):
            inner = _wrap(inner) + "<w:p/>"
        return xml[:m.start(1)] + inner + xml[m.end(1):]
    return edit


def _one_column(xml: str) -> str:
    """All the tables in one single-column frame, a row for each, the text before a table in
    its row (the order of the text kept)."""
    tables = list(re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S))
    rows, end = [], tables[0].start()
    for m in tables:
        rows.append(f"<w:tr><w:tc>{xml[end:m.start()]}{m.group(0)}<w:p/></w:tc></w:tr>")
        end = m.end()
    return xml[:tables[0].start()] + "<w:tbl>" + "".join(rows) + "</w:tbl>" + xml[end:]


def _read_as_sample(path: Path) -> None:
    framed, plain = load_report(path), load_report(SAMPLE)
    assert dump(framed) == dump(plain)
    assert [(f.code, f.message) for f in run_all(framed)] == [(f.code, f.message) for f in run_all(plain)]
    assert [f.message for f in framed.import_findings] == [f.message for f in plain.import_findings]


def test_a_framed_table_three_reads_as_unframed(variant: Variant) -> None:
    path = variant(_table3_framed)
    with zipfile.ZipFile(path) as z:  # the file really holds 表三 inside a one-cell frame
        xml = z.read("word/document.xml").decode("utf-8")
    frame = re.search(r"<w:tbl><w:tr><w:tc><w:tbl>.*?</w:tbl><w:p/></w:tc></w:tr></w:tbl>", xml, re.S)
    assert frame is not None and "本年新收" in frame.group(0)
    assert load_report(path).tables["三"][(T3_NEW, T3_COL_TOTAL)] == 1  # the sample's figure, read through the frame
    _read_as_sample(path)


def test_a_body_framed_in_one_cell_reads_as_unframed(variant: Variant) -> None:
    _read_as_sample(variant(_body_framed))


def test_a_body_framed_ten_times_reads_as_unframed(variant: Variant) -> None:
    _read_as_sample(variant(_body_nested(10)))


def test_tables_stacked_in_a_one_column_frame_read_as_unframed(variant: Variant) -> None:
    _read_as_sample(variant(_one_column))


def _blocks(body: str) -> list[ParaBlock | TableBlock]:
    root = etree.fromstring(f'<w:body xmlns:w="{_W}">{body}</w:body>')
    return read_blocks(root)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_one_cell_box_of_text_stays_a_table() -> None:
    """A real 1×1 table (a boxed note in an annex) keeps its text, as a table."""
    blocks = _blocks(_p("附件") + "<w:tbl><w:tr><w:tc>" + _p("本机关政府信息公开指南") + _p("详见门户网站") + "</w:tc></w:tr></w:tbl>")
    assert isinstance(blocks[1], TableBlock)
    assert blocks[1].rows[0][0].text == "本机关政府信息公开指南\n详见门户网站"


def test_a_two_column_table_holding_a_table_stays_a_table() -> None:
    """Only a single-column frame is layout: a row of two cells is data, whatever it holds."""
    inner = "<w:tbl><w:tr><w:tc>" + _p("5") + "</w:tc></w:tr></w:tbl>"
    blocks = _blocks("<w:tbl><w:tr><w:tc>" + _p("说明") + "</w:tc><w:tc>" + inner + "<w:p/></w:tc></w:tr></w:tbl>")
    assert len(blocks) == 1 and isinstance(blocks[0], TableBlock)
    assert [c.text for c in blocks[0].rows[0]] == ["说明", "5\n"]


def test_a_frame_reads_its_content_in_place() -> None:
    inner = "<w:tbl><w:tr><w:tc>" + _p("1") + "</w:tc><w:tc>" + _p("2") + "</w:tc></w:tr></w:tbl>"
    framed = "<w:tbl><w:tr><w:tc>" + _p("表前") + inner + _p("表后") + "</w:tc></w:tr></w:tbl>"
    blocks = _blocks(_p("开头") + framed + _p("结尾"))
    kinds = [b.text if isinstance(b, ParaBlock) else [c.text for c in b.rows[0]] for b in blocks]
    assert kinds == ["开头", "表前", ["1", "2"], "表后", "结尾"]
    assert [b.index for b in blocks] == list(range(5))


def _paragraph(xml: str, text: str) -> re.Match[str]:
    """The body paragraph (not in a table) whose text is ``text``."""
    for m in re.finditer(r"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>", xml, re.S):
        if re.sub(r"<[^>]+>", "", m.group(0)).strip() == text:
            return m
    raise AssertionError(text)


def _section_boxed(xml: str) -> str:
    """“一、总体情况” and its paragraphs framed in a box of one cell, as some offices set a
    section off; the box's own text is the section."""
    start, end = _paragraph(xml, "一、总体情况").start(), _paragraph(xml, "二、主动公开政府信息情况").start()
    return xml[:start] + _wrap(xml[start:end], props=True).replace("<w:p/></w:tc>", "</w:tc>") + xml[end:]


def _heading_in_first_row(heading: str) -> Callable[[str], str]:
    """The section's heading moved from the paragraph above its table into the table's first
    row, one cell across every column (WPS users type it there)."""
    def edit(xml: str) -> str:
        p = _paragraph(xml, heading)
        xml = xml[:p.start()] + xml[p.end():]
        grid = re.compile(r"<w:tblGrid>(.*?)</w:tblGrid>", re.S).search(xml, p.start())
        assert grid is not None
        cols = grid.group(1).count("<w:gridCol")
        row = f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="{cols}"/></w:tcPr>{p.group(0)}</w:tc></w:tr>'
        return xml[:grid.end()] + row + xml[grid.end():]
    return edit


def test_a_section_boxed_in_one_cell_reads_as_unboxed(variant: Variant) -> None:
    """Its heading and text were read as a table that is no statutory one: 一 lost its text
    and its heading (没有找到标题)."""
    _read_as_sample(variant(_section_boxed))


@pytest.mark.parametrize("heading", ["三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"])
def test_a_heading_in_the_first_row_of_its_table_reads_as_above_it(variant: Variant, heading: str) -> None:
    """It was 没有找到标题 (the table read right, the heading not seen in it)."""
    path = variant(_heading_in_first_row(heading))
    with zipfile.ZipFile(path) as z:
        assert re.search(r"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"\d+\"/></w:tcPr><w:p[ >].*?" + heading[2:],
                         z.read("word/document.xml").decode("utf-8"))
    _read_as_sample(path)



def _table4_halves(path: Path, side_by_side: bool, note: bool = False) -> Path:
    """表四 as two tables: 行政复议 (five columns) and 行政诉讼 (ten), one under the other with a
    blank line between, or side by side as floating tables (w:tblpPr, nothing between)."""
    d = docx.Document(str(path))
    (t4,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    figures = [c.text for c in t4.rows[3].cells]
    review = d.add_table(rows=3, cols=5)
    review.rows[0].cells[0].merge(review.rows[0].cells[4]).text = T4_REVIEW
    litigation = d.add_table(rows=4, cols=10)
    litigation.rows[0].cells[0].merge(litigation.rows[0].cells[9]).text = T4_LITIGATION
    litigation.rows[1].cells[0].merge(litigation.rows[1].cells[4]).text = T4_GROUPS[1]
    litigation.rows[1].cells[5].merge(litigation.rows[1].cells[9]).text = T4_GROUPS[2]
    for i in range(5):
        review.rows[1].cells[i].text, review.rows[2].cells[i].text = T4_RESULTS[i], figures[i]
    for i in range(10):
        litigation.rows[2].cells[i].text, litigation.rows[3].cells[i].text = T4_RESULTS[i % 5], figures[5 + i]
    if note:  # a line under one half only: the halves no longer end on the same row
        review.add_row().cells[0].merge(review.rows[-1].cells[4]).text = "注：无行政复议案件的填0"
    t4._tbl.addnext(review._tbl)
    if side_by_side:
        for t, x in ((review, 0), (litigation, 4600)):
            t._tbl.tblPr.append(etree.fromstring(f'<w:tblpPr xmlns:w="{_W}" w:leftFromText="180" w:rightFromText="180" '
                                                 f'w:vertAnchor="text" w:horzAnchor="margin" w:tblpX="{x}" w:tblpY="1"/>'))
        review._tbl.addnext(litigation._tbl)
    else:
        blank = d.add_paragraph()._p
        review._tbl.addnext(blank)
        blank.addnext(litigation._tbl)
    t4._tbl.getparent().remove(t4._tbl)
    d.save(str(path))
    return path


@pytest.mark.parametrize(("side_by_side", "note"), [(False, False), (True, False), (True, True)],
                         ids=["stacked", "side-by-side", "note-under-one"])
def test_table4_written_as_two_tables_reads_whole(tmp_path: Path, side_by_side: bool, note: bool) -> None:
    """Fifteen columns do not fit a portrait page: 行政复议 and 行政诉讼 as two tables.  The
    行政复议 five were lost (the second table read as 表四 without them, LABEL-EDITED column)."""
    t4 = {c: str(c + 40) for c in range(15)}
    path = _table4_halves(build(Spec(t4=t4, t3={(T3_NEW, 0): "5"}), tmp_path / "t4.docx"), side_by_side, note)
    with zipfile.ZipFile(path) as z:
        assert z.read("word/document.xml").count(b"<w:tbl>") == 4  # 表二, 表三 and the two halves
    report = load_report(path)
    assert [report.tables["四"][(0, c)] for c in range(15)] == list(range(40, 55))
    assert report.tables["三"][(T3_NEW, 0)] == 5
    assert [f.message for f in report.import_findings if f.code == "LABEL-EDITED"] == []


def test_a_review_half_not_followed_by_its_other_half_stays_apart(tmp_path: Path) -> None:
    """The whole 表四 after a table of 行政复议 figures (an annex's, with text between): the two
    are not joined, 表四 reads as written."""
    t4 = {c: str(c + 40) for c in range(15)}
    path = build(Spec(t4=t4), tmp_path / "t4.docx")
    d = docx.Document(str(path))
    (t4_table,) = [t for t in d.tables if t.rows[0].cells[0].text == T4_REVIEW]
    extra = d.add_table(rows=2, cols=5)
    for i in range(5):
        extra.rows[0].cells[i].text, extra.rows[1].cells[i].text = T4_RESULTS[i], "9"
    note = d.add_paragraph("附：上年行政复议情况")._p
    t4_table._tbl.addprevious(extra._tbl)
    t4_table._tbl.addprevious(note)
    d.save(str(path))
    assert [load_report(path).tables["四"][(0, c)] for c in range(15)] == list(range(40, 55))


def test_hidden_text_in_a_heading_row_is_placed_at_its_heading(variant: Variant) -> None:
    """The heading row's paragraph stands before its table in the tree the later steps walk: a
    hidden word in it is said to be in 三, where it is (it was said of the file as a whole)."""
    heading = "三、收到和处理政府信息公开申请情况"
    hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隐藏）</w:t></w:r></w:p>'

    def edit(xml: str) -> str:
        moved = _heading_in_first_row(heading)(xml)
        at = moved.index(heading)
        return moved[:at] + moved[at:].replace("</w:p>", hidden, 1)

    report = load_report(variant(edit))
    (note,) = [f for f in report.import_findings if f.code == "HIDDEN-TEXT"]
    assert note.location.section == "三"
    assert report.section_text("三") == load_report(SAMPLE).section_text("三")
