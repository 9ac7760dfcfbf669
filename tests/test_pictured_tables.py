"""Reports whose statutory tables are not tables in the file: pictures (many government sites
publish 表二/三/四 as screenshots) or a web page's CSS grid of <div>s.  The .docx route read such a
report (its text kept, each missing table said with the picture hint); the web and PDF routes
refused it whole as “可能不是政府信息公开工作年度报告” (rev25a C15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.errors import ReadError
from app.findings import MISSING_TABLE
from app.reading import load_report
from app.schema import SECTIONS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.conftest import SAMPLE
from tests.pdfmake import libreoffice_pdf, needs_soffice
from tests.test_webcopy import page

_HINT = "表格可能是以图片插入的"


def _missing_with_hint(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.location.section for f in report.import_findings
            if f.code == MISSING_TABLE.code and f.kind == MISSING_TABLE.kind and _HINT in f.message]


def test_a_web_page_whose_tables_are_pictures_is_read(tmp_path: Path) -> None:
    html = re.sub(r"<table.*?</table>", '<img src="t.png" width="600" height="400">', page({}), flags=re.S)
    path = tmp_path / "图片表格.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    assert r.organ == "某县人民政府办公室" and r.year == 2023
    assert r.section_text("一") == "本年度共收到政府信息公开申请12件。"
    assert sorted(_missing_with_hint(r)) == sorted(s.key for s in SECTIONS if s.table)


def test_a_web_page_of_text_without_a_report_is_still_refused(tmp_path: Path) -> None:
    """Pictures and text are no report without the report's headings."""
    path = tmp_path / "新闻.html"
    path.write_text("<html><body><h1>某县召开会议</h1><p>会议要求：一、提高认识。</p><img src='a.png'></body></html>",
                    encoding="utf-8")
    with pytest.raises(ReadError, match="没有找到统计表格"):
        load_report(path)


def _as_divs(table: re.Match[str]) -> str:
    t = re.sub(r"<table[^>]*>", '<div class="grid">', table.group(0)).replace("</table>", "</div>")
    t = re.sub(r"<tbody[^>]*>", '<div style="display:table-row-group">', t).replace("</tbody>", "</div>")
    t = re.sub(r"<tr[^>]*>", '<div class="row">', t).replace("</tr>", "</div>")
    return re.sub(r"<td[^>]*>", '<div style="display: table-cell; border: 1px solid">', t).replace("</td>", "</div>")


def test_a_web_page_whose_tables_are_css_tables_of_divs_is_read(tmp_path: Path) -> None:
    """display:table from a class rule, rows from a class rule, cells inline (a CSS table has
    no spans: the merged cells' spans are lost, as in such a page)."""
    values = {(T3_NEW, T3_COL_NATURAL): "10", (T3_NEW, T3_COL_TOTAL): "12"}
    html = re.sub(r"<table.*?</table>", _as_divs, page(values), flags=re.S)
    html = html.replace("</head>", "<style>.grid{display:table}.row{display:table-row}</style></head>")
    path = tmp_path / "div.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    assert not [f.message for f in r.import_findings if f.code == MISSING_TABLE.code and f.kind == MISSING_TABLE.kind]
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 10 and r.tables["三"][(T3_NEW, T3_COL_TOTAL)] == 12
    assert all(not p.text.strip().isdigit() for p in r.sections["三"])  # no cell as a paragraph


def _pictured_pdf(tmp_path: Path, tables_as_pictures: bool) -> Path:
    """LibreOffice's PDF of the sample with its tables replaced by pictures (or taken out, and a
    photo as large put in 一 instead)."""
    import docx
    from docx.shared import Cm
    from PIL import Image, ImageDraw

    picture = tmp_path / "t.png"
    im = Image.new("RGB", (600, 400), "white")
    ImageDraw.Draw(im).rectangle((5, 5, 595, 395), outline="black", width=3)
    im.save(picture)
    d = docx.Document(str(SAMPLE))
    for t in list(d.tables):
        if tables_as_pictures:
            p = d.add_paragraph()
            p.add_run().add_picture(str(picture), width=Cm(15))
            t._tbl.addnext(p._p)
        t._tbl.getparent().remove(t._tbl)
    if not tables_as_pictures:
        first = next(p for p in d.paragraphs if p.text.startswith("一、"))
        photo = d.add_paragraph()
        photo.add_run().add_picture(str(picture), width=Cm(15))
        first._p.addnext(photo._p)
    src = tmp_path / "图片.docx"
    d.save(str(src))
    return libreoffice_pdf(src, tmp_path / "pdf")


@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_a_pdf_whose_tables_are_pictures_is_read(tmp_path: Path) -> None:
    src = tmp_path / "图片.docx"
    r = load_report(_pictured_pdf(tmp_path, True))
    assert r.organ == load_report(src).organ
    assert sorted(_missing_with_hint(r)) == sorted(s.key for s in SECTIONS if s.table)
    assert r.section_text("五").strip() and r.section_text("六").strip()


@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
def test_a_pdf_with_a_photo_but_no_tables_is_still_refused(tmp_path: Path) -> None:
    """A photo in 一 is no table published as a picture: a PDF without tables is refused as
    before (its tables may be drawn without lines, which is said), not read as text alone."""
    with pytest.raises(ReadError):
        load_report(_pictured_pdf(tmp_path, False))


_TEXT_COPY = """某县人民政府2023年度政府信息公开工作年度报告

一、总体情况
2023年，我县认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。
二、主动公开政府信息情况
（见附图）
三、收到和处理政府信息公开申请情况
（见附图）
四、政府信息公开行政复议、行政诉讼情况
（见附图）
五、存在的主要问题及改进情况
存在问题：公开内容不够全面。
六、其他需要报告的事项
本年度未收取信息处理费。
某县人民政府
2024年1月20日
"""


def test_a_text_copy_without_tables_is_read_as_a_web_page_is(tmp_path: Path) -> None:
    """The text copied from a page whose tables are pictures has no table rows: it was refused
    whole (“没有找到统计表格”), though the same page saved as .html was read — its text kept,
    each missing table said."""
    path = tmp_path / "复制的文字.txt"
    path.write_text(_TEXT_COPY, encoding="utf-8")
    r = load_report(path)
    assert (r.organ, r.year) == ("某县人民政府", 2023) and r.date is not None
    assert r.section_text("五") == "存在问题：公开内容不够全面。"
    missing = [f.location.section for f in r.import_findings if f.code == "MISSING-SECTION"]
    assert sorted(missing) == sorted(s.key for s in SECTIONS if s.table)


def test_a_text_file_without_a_report_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_text("关于召开会议的通知\n一、会议时间\n下午三点。\n二、参加人员\n全体干部。\n", encoding="utf-8")
    with pytest.raises(ReadError, match="没有找到统计表格"):
        load_report(path)
