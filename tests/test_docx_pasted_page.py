"""A web page pasted into Word (rev25a C22): the site's layout table — a banner row, the menu
(栏目导航) beside the report's cell, perhaps a column of related files, a footer row — with the
report's paragraphs and tables in its content cell.  Read as the web route reads the page: the
site's lines are no part of the report (not 前言's text, not 六's), the title is found below them."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from tests.thirdparty import Spec, build

ORGAN = "某市某区人民政府某某街道办事处"
BANNER = "某市人民政府门户网站  首页 | 政务公开 | 政府信息公开年报"
MENU = ["政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"]
FILES = ["相关附件", "2023年年报.pdf"]
FOOTER = "主办：某市人民政府办公室  网站标识码：1234567890  浏览次数：5678"


def _cell(width: int, span: int = 1) -> object:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return parse_xml(f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr></w:tc>')


def _lines(cell: object, lines: list[str]) -> object:
    for line in lines:
        cell.append(parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'))
    return cell


def _pasted(tmp_path: Path, layout: str) -> Path:
    src = build(Spec(organ=ORGAN), tmp_path / "src.docx")
    d = docx.Document(str(src))
    body = d.element.body
    kids = [el for el in body if el.tag != qn("w:sectPr")]
    columns = {"menu left": 2, "menu right": 2, "three columns": 3}[layout]
    widths = [1800, 7200, 1800][:columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    page = parse_xml(f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>')
    kids[0].addprevious(page)

    def row(*cells: object) -> None:
        tr = parse_xml(f'<w:tr {nsdecls("w")}/>')
        for c in cells:
            tr.append(c)
        page.append(tr)

    content = _cell(7200)
    for el in kids:
        content.append(el)
    content.append(parse_xml(f'<w:p {nsdecls("w")}/>'))
    menu = _lines(_cell(1800), MENU)
    row(_lines(_cell(sum(widths), columns), [BANNER]))
    row(*{"menu left": (menu, content), "menu right": (content, menu),
          "three columns": (menu, content, _lines(_cell(1800), FILES))}[layout])
    row(_lines(_cell(sum(widths), columns), [FOOTER]))
    out = tmp_path / "pasted.docx"
    d.save(str(out))
    return out


@pytest.mark.parametrize("layout", ["menu left", "menu right", "three columns"])
def test_a_pasted_page_reads_as_its_report(tmp_path: Path, layout: str) -> None:
    r = load_report(_pasted(tmp_path, layout))
    said = [f.message for f in r.import_findings]
    assert not [m for m in said if "标题" in m or "成文日期" in m], said
    assert (r.organ, r.year, str(r.date)) == (ORGAN, 2023, "2024-01-20")
    texts = [p.text for paras in r.sections.values() for p in paras]
    site = [BANNER, *MENU, *FILES, FOOTER]
    assert not [t for t in texts if t in site], texts
    assert r.section_text("前言") == "本报告根据《中华人民共和国政府信息公开条例》编制。"
    assert r.section_text("六") == "本年度工作正常开展。"


def test_a_report_framed_beside_a_notes_column_keeps_its_notes(tmp_path: Path) -> None:
    """A layout of two columns alone is no page: without a site's words (网站标识码, ICP备…) the
    column beside the report is the report's (a template's margin notes), read as before."""
    path = _pasted(tmp_path, "menu left")
    d = docx.Document(str(path))
    for p in d.element.body.iter(qn("w:t")):
        if p.text in (FOOTER, BANNER):
            p.text = "说明：本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止"
    d.save(str(path))
    r = load_report(path)
    texts = [p.text for paras in r.sections.values() for p in paras]
    assert [t for t in texts if t in MENU], texts
