"""A statutory table pasted as a picture (a screenshot of the table, common in offices' Word
files): no figure is read from it, none guessed, and the missing table's finding says the
section has a picture, so the reviewer knows where the figures are.  Third-party .docx files."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
import pytest

from app.reading import load_report
from app.schema import TABLES
from tests.thirdparty import HEADINGS, TABLE_WRITERS, Spec


def _png() -> bytes:
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _report(path: Path, pictured: str, picture_elsewhere: bool = False) -> Path:
    d = docx.Document()
    d.add_paragraph("某县某局2023年度政府信息公开工作年度报告")
    for key, heading in HEADINGS.items():
        d.add_paragraph(heading)
        d.add_paragraph(f"{key}部分的情况说明。")
        if key == "一" and picture_elsewhere:
            d.add_picture(io.BytesIO(_png()))  # a photograph of the office, in 一
        if key in TABLE_WRITERS and key in pictured:
            d.add_paragraph("具体情况见下表：")
            d.add_picture(io.BytesIO(_png()))
        elif key in TABLE_WRITERS and not (picture_elsewhere and key == "四"):  # 四 left out
            TABLE_WRITERS[key](d, Spec())
    d.add_paragraph("某县某局")
    d.add_paragraph("2024年1月20日")
    d.save(str(path))
    return path


@pytest.mark.parametrize("pictured", ["三", "二四"])
def test_a_table_pasted_as_a_picture_is_said_so(tmp_path: Path, pictured: str) -> None:
    r = load_report(_report(tmp_path / "pictured.docx", pictured))
    missing = {f.location.section: f.message for f in r.import_findings if f.code == "MISSING-SECTION"}
    assert set(missing) == set(pictured)
    assert all("图片" in m and m.startswith(f"没有找到表{k}") for k, m in missing.items()), missing
    assert all(r.tables[key][(c.row, c.col)] is None for key in pictured for c in TABLES[key].cells)


def test_a_missing_table_in_a_section_without_a_picture_says_no_picture(tmp_path: Path) -> None:
    """表四 left out, a photograph in 一: 四 has no picture, and its finding names none."""
    r = load_report(_report(tmp_path / "left-out.docx", "", picture_elsewhere=True))
    missing = [f.message for f in r.import_findings if f.code == "MISSING-SECTION"]
    assert missing == ["没有找到表四（政府信息公开行政复议、行政诉讼情况）"]


@pytest.mark.parametrize("img", ['<p style="text-align:center"><img src="/u/cms/2022/t3.png" width="600"/></p>',
                                 '<img src="t3.png">', '<div align="center"><a href="t3.png"><img src="t3.png"/></a></div>'],
                         ids=["in-p", "bare", "linked"])
def test_a_web_pages_table_given_as_a_picture_is_said_so(tmp_path: Path, img: str) -> None:
    """A site's page with 表三 as an image (a scan of the table), the site's logo above: said
    as the .docx's is; the other tables and the title read as before."""
    import re

    from tests.test_web_cms import ORGAN, VALUES, _article, _page

    article = _article()
    tables = list(re.finditer(r'<div align="center"><table.*?</table></div>', article, flags=re.S))
    page = _page(article[:tables[1].start()] + img + article[tables[1].end():], "whole page")
    path = tmp_path / "page.html"
    path.write_bytes(page.replace(b"<body>", b'<body><img src="/images/logo.png">', 1))
    r = load_report(path)
    assert [(f.code, f.location.section) for f in r.import_findings] == [("MISSING-SECTION", "三")]
    assert "图片" in r.import_findings[0].message
    assert not {k: v for k, v in VALUES.items() if k[0] != "三" and str(r.tables[k[0]][k[1:]]) != v}
    assert r.organ == ORGAN and r.year == 2021


def _hinted(r) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.location.section for f in r.import_findings if f.code == "MISSING-SECTION" and "表格可能是以图片插入的" in f.message}


@pytest.mark.parametrize("how", ["one-cell table", "header row"])
def test_a_table_pictured_in_a_table_is_said_so(tmp_path: Path, how: str) -> None:
    """Word frames a pasted picture in a one-cell table (PDF→Word converters place images so), and
    a converted 表四 may keep its header row as pictures: the hint is given there too (rev25a C11)."""
    path = _report(tmp_path / "r.docx", "")
    d = docx.Document(str(path))
    t4 = d.tables[2]
    if how == "one-cell table":
        box = d.add_table(rows=1, cols=1)
        box.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(_png()))
        t4._tbl.addnext(box._tbl)
        t4._tbl.getparent().remove(t4._tbl)
    else:
        for row in t4.rows[:3]:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in list(p.runs):
                        run._r.getparent().remove(run._r)
                cell.paragraphs[0].add_run().add_picture(io.BytesIO(_png()))
    d.save(str(path))
    assert _hinted(load_report(path)) == {"四"}


def test_a_web_pages_table_whose_header_is_pictures_is_said_so(tmp_path: Path) -> None:
    import re

    from tests.test_webcopy import page

    html = page({})
    t4 = list(re.finditer(r"<table.*?</table>", html, flags=re.S))[2]
    rows = re.findall(r"<tr>.*?</tr>", t4.group(0), flags=re.S)
    pictured = "".join(re.sub(r"<p>[^<]*</p>", '<img src="h.png">', row) for row in rows[:3]) + "".join(rows[3:])
    html = html[:t4.start()] + '<table border="1"><tbody>' + pictured + "</tbody></table>" + html[t4.end():]
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    r = load_report(tmp_path / "p.html")
    assert "四" in _hinted(r) and "三" not in _hinted(r)


@pytest.mark.parametrize("prog_id", ["Excel.Sheet.12", "Excel.Sheet.8"])
def test_a_table_as_an_embedded_excel_object_is_named_so(tmp_path: Path, prog_id: str) -> None:
    """表三 as an embedded Excel worksheet (插入→对象, rev25a C4): its figures are in the file, in the workbook;
    the finding names the object and how to take them out, never “图片中的数字读不出来”."""
    from docx.oxml import parse_xml

    path = _report(tmp_path / "ole.docx", "三")
    d = docx.Document(str(path))
    drawing = next(p for p in d.paragraphs if p._p.xpath(".//w:drawing"))
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    drawing._p.addnext(parse_xml(
        f'<w:p {ns}><w:r><w:object w:dxaOrig="9000" w:dyaOrig="6000"><v:shape id="s1" style="width:450pt;height:300pt">'
        f'<v:imagedata o:title=""/></v:shape><o:OLEObject Type="Embed" ProgID="{prog_id}" ShapeID="s1" '
        'DrawAspect="Content" ObjectID="_1"/></w:object></w:r></w:p>'))
    drawing._p.getparent().remove(drawing._p)
    d.save(str(path))
    said = [f.message for f in load_report(path).import_findings if f.code == "MISSING-SECTION"]
    assert len(said) == 1 and "Excel" in said[0] and "双击" in said[0] and "图片中的数字" not in said[0], said
