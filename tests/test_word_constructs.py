"""Word and WPS constructs around the text and the table cells a reader must see through:
tracked changes read as accepted, content controls and custom XML wrapping cells, rows and
paragraphs, alternate content, fields, hyperlinks, smart tags, comments.  Each built on a
third-party-style report with known values, then rewritten the way such a file carries it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from app.reading import load_report
from app.report import Report
from tests.conftest import rewrite_docx
from tests.thirdparty import Spec, build

HEAD = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
BODY = "<w:p><w:r><w:t>本年度工作正常开展。</w:t></w:r></w:p>"
CELL_5 = "<w:r><w:t>5</w:t></w:r>"
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


@pytest.fixture
def make(tmp_path: Path) -> Callable[[Callable[[str], str]], Report]:
    base = build(Spec(t3={(0, 0): "5", (0, 6): "5", (2, 0): "3"}, t4={0: "2", 4: "2"}), tmp_path / "base.docx")
    counter = iter(range(100))

    def read(edit: Callable[[str], str]) -> Report:
        def changing(xml: str) -> str:
            edited = edit(xml)
            assert edited != xml, "the edit changed nothing"
            return edited

        return load_report(rewrite_docx(base, tmp_path / f"v{next(counter)}.docx", changing))

    return read


def _text(report: Report, key: str) -> str:
    return report.section_text(key).strip()


def test_the_base_reads(make: Callable[[Callable[[str], str]], Report]) -> None:
    report = make(lambda x: x.replace(BODY, BODY + "<w:p/>", 1))
    assert _text(report, "一") == "本年度工作正常开展。"
    assert report.tables["三"][(0, 0)] == 5 and report.tables["三"][(2, 0)] == 3


# -- tracked changes: read as accepted ---------------------------------------------------------

def test_moved_text_is_read_once_where_it_went(make: Callable[[Callable[[str], str]], Report]) -> None:
    moved = ('<w:p><w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的文字。</w:t></w:r></w:moveFrom>'
             '<w:r><w:t>本年度工作正常开展。</w:t></w:r><w:moveTo w:id="4" w:author="a"><w:r><w:t>移来的文字。</w:t>'
             '</w:r></w:moveTo></w:p>')
    assert _text(make(lambda x: x.replace(BODY, moved, 1)), "一") == "本年度工作正常开展。移来的文字。"


def test_deleted_text_left_as_w_t_is_left_out(make: Callable[[Callable[[str], str]], Report]) -> None:
    """Word writes deleted text as w:delText; WPS and converters also leave w:t in w:del."""
    deleted = ('<w:p><w:del w:id="3" w:author="a"><w:r><w:t>删掉的文字。</w:t></w:r></w:del>'
               '<w:ins w:id="4" w:author="a"><w:r><w:t>本年度工作正常开展。</w:t></w:r></w:ins></w:p>')
    assert _text(make(lambda x: x.replace(BODY, deleted, 1)), "一") == "本年度工作正常开展。"


def test_a_corrected_number_reads_the_new_value(make: Callable[[Callable[[str], str]], Report]) -> None:
    corrected = ('<w:del w:id="5" w:author="a"><w:r><w:t>5</w:t></w:r></w:del>'
                 '<w:ins w:id="6" w:author="a"><w:r><w:t>7</w:t></w:r></w:ins>')
    report = make(lambda x: x.replace(CELL_5, corrected, 1))
    assert report.tables["三"][(0, 0)] == 7


def test_a_heading_with_tracked_changes_is_found(make: Callable[[Callable[[str], str]], Report]) -> None:
    heading = ('<w:p><w:ins w:id="1" w:author="a"><w:r><w:t>一、总体</w:t></w:r></w:ins><w:del w:id="2" w:author="a">'
               '<w:r><w:delText>概况</w:delText></w:r></w:del><w:r><w:t>情况</w:t></w:r></w:p>')
    report = make(lambda x: x.replace(HEAD, heading, 1))
    assert _text(report, "一") == "本年度工作正常开展。"
    assert not [f for f in report.import_findings if f.code in ("MISSING-SECTION", "HEADING-EDITED")]


def test_a_deleted_table_row_is_gone(make: Callable[[Callable[[str], str]], Report]) -> None:
    """The row of table 三 holding 5 deleted with tracking on: accepted, its values are gone."""
    def delete_row(xml: str) -> str:
        return re.sub(r"(<w:tr>)((?:(?!</w:tr>).)*?<w:t>5</w:t>)", r'\1<w:trPr><w:del w:id="9" w:author="a"/></w:trPr>\2',
                      xml, count=1, flags=re.S)

    report = make(delete_row)
    assert report.tables["三"][(0, 0)] is None and report.tables["三"][(2, 0)] == 3


def test_a_cell_deleted_with_tracked_changes_is_gone(make: Callable[[Callable[[str], str]], Report]) -> None:
    """Word's 删除单元格 → 右侧单元格左移 with 修订 on: the cell stays in the file marked w:cellDel
    (its old 9 as deleted text) until accepted; read as accepted, the row closes up and 5 is
    自然人, not the deleted 9 (which slid every figure of the row one column right)."""
    deleted = ('<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="864"/><w:cellDel w:id="7" w:author="a" w:date="2024-01-10T00:00:00Z"/>'
               '</w:tcPr><w:p><w:r><w:t>9</w:t></w:r></w:p></w:tc>')

    def edit(xml: str) -> str:
        at = xml.index(f"<w:p>{CELL_5}</w:p>")
        return xml[:xml.rindex("<w:tc>", 0, at)] + deleted + xml[xml.rindex("<w:tc>", 0, at):]

    report = make(edit)
    assert report.tables["三"][(0, 0)] == 5 and report.tables["三"][(0, 6)] == 5 and report.tables["三"][(0, 1)] is None
    assert [f.code for f in report.import_findings if f.code == "REVISIONS"] == ["REVISIONS"]


def test_a_non_breaking_hyphen_before_a_figure_is_its_sign(make: Callable[[Callable[[str], str]], Report]) -> None:
    """Word's 不间断连字符 (Ctrl+Shift+-, w:noBreakHyphen) shows “‑”: “‑5” is a negative figure,
    no count, as “-5” typed is — it was read as 5, the sign lost."""
    from app.checks import run_all

    report = make(lambda xml: xml.replace(CELL_5, "<w:r><w:noBreakHyphen/><w:t>5</w:t></w:r>", 1))
    assert report.tables["三"][(0, 0)] is None and report.cell_texts("三")[(0, 0)] == "\u20115"
    assert any(f.code == "VALUE-INVALID" and "\u20115" in f.message for f in run_all(report))


# -- wrappers ---------------------------------------------------------------------------------------

def test_a_content_control_around_each_number_cell(make: Callable[[Callable[[str], str]], Report]) -> None:
    """Government templates put a 格式文本内容控件 in every cell to fill: a w:sdt around the w:tc."""
    def wrap(xml: str) -> str:
        return re.sub(r"<w:tc>((?:(?!</w:tc>).)*?<w:t>[0-9]+</w:t>(?:(?!</w:tc>).)*?)</w:tc>",
                      r"<w:sdt><w:sdtPr/><w:sdtContent><w:tc>\1</w:tc></w:sdtContent></w:sdt>", xml, flags=re.S)

    report = make(wrap)
    assert report.tables["三"][(0, 0)] == 5 and report.tables["三"][(0, 6)] == 5 and report.tables["三"][(2, 0)] == 3
    assert report.tables["四"][(0, 0)] == 2 and report.tables["四"][(0, 4)] == 2


def test_custom_xml_around_rows_and_paragraphs(make: Callable[[Callable[[str], str]], Report]) -> None:
    def wrap(xml: str) -> str:
        xml = re.sub(r"(<w:tr>(?:(?!</w:tr>).)*?<w:t>5</w:t>.*?</w:tr>)", r'<w:customXml w:element="row">\1</w:customXml>',
                     xml, count=1, flags=re.S)
        return xml.replace(HEAD + BODY, f'<w:customXml w:element="section">{HEAD}{BODY}</w:customXml>', 1)

    report = make(wrap)
    assert _text(report, "一") == "本年度工作正常开展。"
    assert report.tables["三"][(0, 0)] == 5


def test_alternate_content_around_paragraphs_reads_one_choice(make: Callable[[Callable[[str], str]], Report]) -> None:
    def wrap(xml: str) -> str:
        both = f"<mc:AlternateContent {MC}><mc:Choice Requires=\"w14\">{HEAD}{BODY}</mc:Choice><mc:Fallback>{HEAD}{BODY}</mc:Fallback></mc:AlternateContent>"
        return xml.replace(HEAD + BODY, both, 1)

    report = make(wrap)
    assert _text(report, "一") == "本年度工作正常开展。"
    assert not [f for f in report.import_findings if f.code == "DUP-PARAGRAPH"]


@pytest.mark.parametrize("heading", [
    '<w:p><w:fldSimple w:instr=" MACROBUTTON x "><w:r><w:t>一、总体情况</w:t></w:r></w:fldSimple></w:p>',
    ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> LISTNUM </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
     '</w:r><w:r><w:t>总体情况</w:t></w:r></w:p>'),
    ('<w:p><w:hyperlink w:anchor="x"><w:r><w:t>一、</w:t></w:r></w:hyperlink><w:smartTag w:uri="u" w:element="e">'
     '<w:r><w:t>总体情况</w:t></w:r></w:smartTag></w:p>'),
    ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>一、总体情况</w:t></w:r><w:commentRangeEnd w:id="0"/>'
     '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'),
    '<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    '<w:p><w:sdt><w:sdtContent><w:r><w:t>一、总体情况</w:t></w:r></w:sdtContent></w:sdt></w:p>',
    (f'<w:p><mc:AlternateContent {MC}><mc:Choice Requires="w14"><w:r><w:t>一、总体情况</w:t></w:r></mc:Choice>'
     '<mc:Fallback><w:r><w:t>一、总体情况</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>'),
], ids=["fldSimple", "complex-field", "hyperlink-smarttag", "comment-footnote", "block-sdt", "run-sdt", "run-alternate"])
def test_a_heading_inside_inline_constructs_is_found(make: Callable[[Callable[[str], str]], Report], heading: str) -> None:
    report = make(lambda x: x.replace(HEAD, heading, 1))
    assert _text(report, "一") == "本年度工作正常开展。"
    assert "总体情况" not in report.section_text("前言")
    assert not [f for f in report.import_findings if f.code == "MISSING-SECTION"]


# -- sections missing, repeated, out of order, unnumbered --------------------------------------------

def _swap(xml: str, a: str, b: str) -> str:
    return xml.replace(a, "\0").replace(b, a).replace("\0", b)


def test_sections_out_of_order_are_read_by_their_headings(make: Callable[[Callable[[str], str]], Report]) -> None:
    """Not taken for a body pasted twice: nothing after the moved heading is lost."""
    report = make(lambda x: _swap(x.replace(BODY, "<w:p><w:r><w:t>总体情况的文字。</w:t></w:r></w:p>", 1),
                                  "一、总体情况", "五、存在的主要问题及改进情况"))
    assert _text(report, "五") == "总体情况的文字。"  # under the heading moved to the front
    assert _text(report, "一") == "本年度工作正常开展。"
    assert report.date is not None and report.tables["三"][(0, 0)] == 5 and report.tables["四"][(0, 0)] == 2
    order = [f for f in report.import_findings if "顺序" in f.message]
    assert [f.message for f in order] == ["各部分的顺序是五、二、三、四、一、六，与法定顺序不同；文字按各自的标题归入，保存时按法定顺序写出"]
    assert not [f for f in report.import_findings if f.code in ("DUP-PARAGRAPH", "MISSING-SECTION")]


def test_a_heading_written_twice_keeps_what_follows(make: Callable[[Callable[[str], str]], Report]) -> None:
    again = "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p><w:p><w:r><w:t>补充的一段。</w:t></w:r></w:p><w:p><w:r><w:t>六、"
    report = make(lambda x: x.replace("<w:p><w:r><w:t>六、", again, 1))
    assert _text(report, "一") == "本年度工作正常开展。\n补充的一段。"
    assert _text(report, "六") == "本年度工作正常开展。" and report.date is not None
    (note,) = [f for f in report.import_findings if "再次出现" in f.message]
    assert note.location.section == "一" and "第" in note.message
    assert not [f for f in report.import_findings if f.code == "DUP-PARAGRAPH"]


def test_a_missing_heading_is_reported_and_its_text_kept(make: Callable[[Callable[[str], str]], Report]) -> None:
    report = make(lambda x: x.replace("五、存在的主要问题及改进情况", "", 1))
    assert [f.location.section for f in report.import_findings if f.code == "MISSING-SECTION"] == ["五"]
    assert report.section_text("四").strip() == "本年度工作正常开展。"  # counted in the section before


@pytest.mark.parametrize("run", ["<w:r><w:rPr><w:b/></w:rPr><w:t>总体情况</w:t></w:r>",
                                 "<w:r><w:rPr><w:b/></w:rPr><w:t>总体情况：</w:t></w:r>"])
def test_an_unnumbered_heading_in_its_statutory_words_is_found(make: Callable[[Callable[[str], str]], Report], run: str) -> None:
    report = make(lambda x: x.replace(HEAD, f"<w:p>{run}</w:p>", 1))
    assert _text(report, "一") == "本年度工作正常开展。" and "总体情况" not in report.section_text("前言")


def test_a_body_pasted_twice_is_still_read_once(make: Callable[[Callable[[str], str]], Report]) -> None:
    def twice(xml: str) -> str:
        start, end = xml.index(HEAD), xml.index("<w:sectPr")
        return xml[:end] + xml[start:end] + xml[end:]

    report = make(twice)
    assert _text(report, "一") == "本年度工作正常开展。"
    assert [f for f in report.import_findings if "整篇正文粘贴了两次" in f.message]


# -- statutory tables with a column fewer ------------------------------------------------------------

def _drop_last_column(path: Path, marker: str) -> Path:
    """The last grid column of the table containing ``marker`` taken out, as an author who
    deleted it leaves the table: spans over it one narrower, cells in it gone."""
    import docx

    d = docx.Document(str(path))
    table = next(t for t in d.tables if marker in t._tbl.xml)
    for tr in table._tbl.tr_lst:
        tc = tr.tc_lst[-1]
        if tc.grid_span > 1:
            tc.grid_span -= 1
        else:
            tr.remove(tc)
    d.save(str(path))
    return path


def test_table3_without_its_total_column_is_read_by_its_header(tmp_path: Path) -> None:
    spec = Spec(t3={(0, 0): "5", (0, 1): "1", (0, 5): "2", (0, 6): "8", (2, 0): "3"})
    report = load_report(_drop_last_column(build(spec, tmp_path / "t.docx"), "申请人情况"))
    # The 总计 the file did not have is the editor's: computed from the parts (5+1+2), not blank.
    assert [report.tables["三"][(0, c)] for c in range(7)] == [5, 1, None, None, None, 2, 8]
    assert report.tables["三"][(2, 0)] == 3
    notes = [f.message for f in report.import_findings if f.code in ("LABEL-EDITED", "OLD-FORMAT")]
    assert notes == ["表三没有“总计”列（文件中的表格少了这些列），其余各列按表头导入，少的合计列按明细自动计算"]


def test_table4_without_a_column_is_read_by_its_header(tmp_path: Path) -> None:
    spec = Spec(t4={c: str(c + 1) for c in range(15)})
    report = load_report(_drop_last_column(build(spec, tmp_path / "t.docx"), "复议后起诉"))
    assert [report.tables["四"][(0, c)] for c in range(15)] == [*range(1, 15), 11 + 12 + 13 + 14]
    notes = [f.message for f in report.import_findings if f.code in ("LABEL-EDITED", "OLD-FORMAT")]
    assert notes == ["表四没有“复议后起诉·总计”列（文件中的表格少了这些列），其余各列按表头导入，少的合计列按明细自动计算"]


def test_a_table3_header_naming_too_few_columns_is_not_trusted(tmp_path: Path) -> None:
    """Three of seven columns named: the header says too little; the positional reading
    (the last seven cells) stays, as before."""
    from tests.thirdparty import T3_COLS

    relabel = {name: f"栏目{i}" for i, name in enumerate(T3_COLS[:4])}
    report = load_report(build(Spec(t3={(0, 0): "5", (0, 6): "5"}, relabel=relabel), tmp_path / "t.docx"))
    assert report.tables["三"][(0, 0)] == 5 and report.tables["三"][(0, 6)] == 5
    assert not [f for f in report.import_findings if "少了" in f.message]


def test_a_heading_in_a_text_box_is_found(make: Callable[[Callable[[str], str]], Report]) -> None:
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    box = "<w:txbxContent><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:txbxContent>"
    anchored = (f'<w:p><w:r><mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic {a}>'
                f'<a:graphicData><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
                f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>'
                f'</mc:Fallback></mc:AlternateContent></w:r></w:p>')
    report = make(lambda x: x.replace(HEAD, anchored, 1))
    assert _text(report, "一") == "本年度工作正常开展。" and "总体情况" not in report.section_text("前言")
    assert not [f for f in report.import_findings if f.code in ("MISSING-SECTION", "DUP-PARAGRAPH")]


def test_a_docx_as_wps_writes_it(make: Callable[[Callable[[str], str]], Report]) -> None:
    """WPS's namespaces and extension elements (w14/w15 attributes, wpsCustomData) around the
    same text: ignored, the report reads the same."""
    def wps(xml: str) -> str:
        xml = xml.replace("<w:document ", '<w:document xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '
                          'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" ', 1)
        xml = xml.replace("<w:p>", '<w:p w14:paraId="1A2B3C4D" w14:textId="77777777">')
        xml = xml.replace("<w:tr>", '<w:tr w14:paraId="0F0F0F0F" w:rsidR="00A1B2C3">')
        return xml.replace("</w:body>", '<wpsCustomData:docInfo wpsCustomData:ver="12"/></w:body>', 1)

    report = make(wps)
    assert _text(report, "一") == "本年度工作正常开展。"
    assert report.tables["三"][(0, 0)] == 5 and report.tables["四"][(0, 0)] == 2


_VML_BOX = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:60pt;height:20pt"><v:textbox>'
            '<w:txbxContent><w:p><w:r><w:t>见附注</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
_WPS_BOX = (f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing><wp:anchor '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>'
            '<w:p><w:r><w:t>见附注</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>'
            f'</wp:anchor></w:drawing></mc:Choice><mc:Fallback>{_VML_BOX[5:-6]}</mc:Fallback></mc:AlternateContent></w:r>')


@pytest.mark.parametrize("box", [_VML_BOX, _WPS_BOX], ids=["vml", "wps-with-vml-fallback"])
def test_a_text_box_in_a_cell_is_read_once(tmp_path: Path, box: str) -> None:
    """A text box in a table cell (VML alone, or Word's drawing with its VML copy): the cell is
    its own text and the box's, each once, on lines of their own — as Word shows them."""
    from app.docx.altchunk import Tally
    from app.docx.blocks import TableBlock
    from app.docx.reader import _body_blocks, open_docx

    base = build(Spec(t3={(0, 0): "5"}), tmp_path / "base.docx")
    path = rewrite_docx(base, tmp_path / "box.docx", lambda x: x.replace(CELL_5, CELL_5 + box, 1))
    blocks = _body_blocks(open_docx(path), Tally(), 0)
    cells = {c.text for b in blocks if isinstance(b, TableBlock) for row in b.rows for c in row if "见附注" in c.text}
    assert cells == {"5\n见附注"}
    assert load_report(path).tables["三"][(0, 0)] is None  # two things in one cell: not a figure
