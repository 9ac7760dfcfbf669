"""Watermarks on published PDFs: large pale type across the page (Word's silver “水印”, WPS's
light gray one, a site's name stamped over every page), level or slanted, in front of the
text or behind it.  Its letters fell into the lines and table cells it crosses (“2 23” for 223,
“信息公开内部资料条例”); they are no part of the report.  Pale text of the report's own size
(a figure typed in gray) is read as before."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import RGBColor

from app.docx.writer import write_docx
from app.errors import ReadError
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.pdfmake import libreoffice_pdf, needs_soffice, our_pdf, plain_pdf, ruled, watermarked
from tests.test_docx_writer import make_report
from tests.test_pdfread import T3, T4, assert_same
from tests.thirdparty import Spec, build


@pytest.mark.parametrize("angle", [0, 30])
def test_a_pale_watermark_over_every_page_is_not_read(tmp_path: Path, angle: float) -> None:
    src = tmp_path / "r.docx"
    write_docx(make_report(), src)
    pdf = watermarked(our_pdf(src, tmp_path / "r.pdf"), tmp_path / "w.pdf", "CONFIDENTIAL 0 1 2", angle, pale=200, every=90)
    with pdfplumber.open(pdf) as opened:
        stamped = [sum(c["size"] > 30 for c in page.chars) for page in opened.pages]
    assert min(stamped) >= 6 * 15, "stamped across every page, over the tables"
    assert_same(src, pdf)


def _watermark_in_header(src: Path, dest: Path) -> Path:
    """A light gray 48-point “内部资料 注意保存” in a text box behind the text, anchored in the
    page header (as Word's and WPS's watermark commands place it), and 表三's first figure in gray."""
    d = docx.Document(str(src))
    header = d.sections[0].header.paragraphs[0]
    ns = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" {nsdecls("w")}')
    header._p.append(parse_xml(
        f'<w:r {ns}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>1000000</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>4000000</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5400000" cy="1200000"/><wp:wrapNone/><wp:docPr id="9" name="水印"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        '<a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:rPr><w:color w:val="D9D9D9"/>'
        '<w:sz w:val="96"/></w:rPr><w:t>内部资料 注意保存</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>'))
    t3 = next(t for t in d.tables if "申请人情况" in t.rows[0].cells[0].text + t.rows[0].cells[-1].text)
    figure = next(c for row in t3.rows for c in row.cells if c.text == T3[(T3_NEW, T3_COL_NATURAL)])
    figure.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xA6, 0xA6, 0xA6)  # pale, at the table's size
    d.save(str(dest))
    return dest


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
def test_a_watermark_behind_the_text_from_the_page_header(tmp_path: Path) -> None:
    spec = Spec(t3={**T3, (T3_NEW, T3_COL_NATURAL): "12"}, t4=T4, text={"一": ["本街道认真贯彻落实条例。" * 20] * 4})
    src = _watermark_in_header(ruled(build(spec, tmp_path / "a.docx"), tmp_path / "b.docx"), tmp_path / "w.docx")
    pdf = libreoffice_pdf(src, tmp_path / "lo")
    layer = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert layer.count("内部资料") >= 2
    assert load_report(pdf).tables["三"][(T3_NEW, T3_COL_NATURAL)] == 12
    assert_same(src, pdf)


def test_a_page_of_pale_text_no_one_sees_is_judged_once(tmp_path: Path) -> None:
    """Pale text all off the page: no character is seen, so the page has no usual size; that is
    found once, not again for each pale character (rev21 L3: 18,700 of them took the page past
    the reader's time limit, refused as 内容过多 instead of said as text no one sees)."""
    pdf = plain_pdf(tmp_path / "off.pdf", [["0123456789 ABCDEFGHIJ " * 5] * 170], text_state="0.8 g 1 0 0 1 -5000 5000 Tm")
    with pytest.raises(ReadError) as refused:
        load_report(pdf)
    assert "秒内未能读完" not in str(refused.value) and "\n" not in str(refused.value)
