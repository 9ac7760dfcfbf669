"""Imported parts (w:altChunk) where they stand: one in a statutory table's cell gives that
cell its value (HTML, text or a .docx imported there), one in a frame round the report reads
as blocks; and the HIDDEN-TEXT note of text hidden in a saved web page or in an imported part
points at the section or table holding it, as the .docx reader's own note does
(app/docx/hiddenplace.py), not at 基本信息."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from app.findings import HIDDEN_TEXT, Location
from app.reading import load_report
from app.report import Report
from app.schema import META, REQUESTS, T3_COL_BUSINESS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.test_altchunk import _TYPES, _chunked
from tests.test_webcopy import page
from tests.thirdparty import Spec, build

CELL = (T3_NEW, T3_COL_NATURAL)
ROW = {(T3_NEW, T3_COL_BUSINESS): "12", (T3_NEW, T3_COL_TOTAL): "49"}
_AF = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
SECRET = "内部意见不予公开"


def _docx_part(paragraphs: list[str], hidden: str = "") -> bytes:
    """A small .docx holding these paragraphs (and a run of hidden text after the first)."""
    d = docx.Document()
    for i, text in enumerate(paragraphs):
        p = d.add_paragraph(text)
        if hidden and i == 0:
            p.add_run(hidden).font.hidden = True
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _with_chunk(src: Path, dest: Path, replace: str, name: str, data: bytes) -> Path:
    """``src`` with the paragraph whose text is ``replace`` turned into a w:altChunk importing
    ``data`` as word/``name``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            part = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = part.decode("utf-8")
                xml, n = re.subn(rf"<w:p>(?:(?!<w:p>).)*?<w:t>{re.escape(replace)}</w:t>.*?</w:p>",
                                 '<w:altChunk r:id="rIdAlt9"/>', xml, count=1, flags=re.S)
                assert n == 1, replace
                part = xml.encode("utf-8")
            elif item.filename == "word/_rels/document.xml.rels":
                part = part.replace(b"</Relationships>",
                                    f'<Relationship Id="rIdAlt9" Type="{_AF}" Target="{name}"/></Relationships>'.encode())
            elif item.filename == "[Content_Types].xml":
                kind = _TYPES[name.rsplit(".", 1)[1]]
                part = part.replace(b"</Types>", f'<Override PartName="/word/{name}" ContentType="{kind}"/></Types>'.encode())
            zout.writestr(item, part)
        zout.writestr(f"word/{name}", data)
    return dest


PARTS = {
    "afchunk.htm": b"<html><body><p>37</p></body></html>",
    "afchunk.txt": "37\r\n".encode("gb18030"),
    "afchunk.docx": _docx_part(["37"]),
}


@pytest.mark.parametrize("name", PARTS)
def test_a_part_imported_into_a_table_cell_is_that_cells_value(tmp_path: Path, name: str) -> None:
    src = build(Spec(t3={CELL: "CELLX", **ROW}), tmp_path / "src.docx")
    report = load_report(_with_chunk(src, tmp_path / "cell.docx", "CELLX", name, PARTS[name]))
    t3 = report.tables[REQUESTS]
    assert (t3[CELL], t3[(T3_NEW, T3_COL_BUSINESS)], t3[(T3_NEW, T3_COL_TOTAL)]) == (37, 12, 49)
    assert not [f for f in report.import_findings if f.code == HIDDEN_TEXT.code]


def test_a_report_imported_into_a_frame_reads_as_the_report(tmp_path: Path) -> None:
    """An OA system's one-cell frame table round an imported web page of the whole report."""
    values = {CELL: "37", **ROW}
    html = page(values).encode("utf-8")
    framed = _chunked(tmp_path, "<w:tbl><w:tr><w:tc><w:p/>{chunk:afchunk.htm}<w:p/></w:tc></w:tr></w:tbl>",
                      {"afchunk.htm": html})
    plain = tmp_path / "page.html"
    plain.write_bytes(html)
    a, b = load_report(framed), load_report(plain)
    assert a.tables == b.tables and a.tables[REQUESTS][CELL] == 37
    assert {k: a.section_text(k) for k in b.sections} == {k: b.section_text(k) for k in b.sections}


def _where(report: Report) -> Location:
    found = [f for f in report.import_findings if f.code == HIDDEN_TEXT.code]
    assert len(found) == 1, found
    return found[0].location


HIDDEN_SPAN = f'<span style="display:none">{SECRET}</span>'


def _hidden_page(where: str) -> str:
    """The test page with hidden text in 第五部分's paragraph or in 表三's cell."""
    html = page({CELL: "37", **ROW})
    if where == "text":
        html = html.replace("<p>正文内容。", f"<p>正文内容。{HIDDEN_SPAN}", 1)
    elif where == "cell":
        html = html.replace("<p>37</p>", f"<p>37{HIDDEN_SPAN}</p>", 1)
    return html


@pytest.mark.parametrize("where,section", [("text", "五"), ("cell", REQUESTS)])
def test_hidden_text_of_a_saved_web_page_is_placed_where_it_was(tmp_path: Path, where: str, section: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(_hidden_page(where), encoding="utf-8")
    report = load_report(path)
    assert _where(report).section == section
    assert SECRET not in report.section_text(section) and report.tables[REQUESTS][CELL] == 37


def test_a_hidden_paragraph_of_a_web_page_is_placed_at_the_one_after_it(tmp_path: Path) -> None:
    html = _hidden_page("none").replace("<p>正文内容。", f'<p hidden>{SECRET}</p><p hidden>又一段</p><p>正文内容。', 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert _where(load_report(path)).section == "五"


@pytest.mark.parametrize("where,section", [("text", "五"), ("cell", REQUESTS)])
def test_hidden_text_of_an_imported_web_page_is_placed_where_it_was(tmp_path: Path, where: str, section: str) -> None:
    report = load_report(_chunked(tmp_path, "{chunk:afchunk.htm}", {"afchunk.htm": _hidden_page(where).encode()}))
    assert _where(report).section == section


def test_hidden_text_of_an_imported_docx_is_placed_where_it_was(tmp_path: Path) -> None:
    inner = build(Spec(t3={CELL: "37", **ROW}), tmp_path / "inner.docx")
    d = docx.Document(str(inner))
    para = next(p for p in d.paragraphs if p.text.startswith("本年度工作正常开展") and p is not d.paragraphs[0])
    paras = [p for p in d.paragraphs if p.text == para.text]
    paras[-1].add_run(SECRET).font.hidden = True  # in 第六部分, the last section with that line
    d.save(str(inner))
    report = load_report(_chunked(tmp_path, "{chunk:afchunk.docx}", {"afchunk.docx": inner.read_bytes()}))
    where = _where(report)
    assert where.section == "六" and SECRET not in report.section_text("六")


def test_hidden_text_of_a_part_in_a_cell_is_placed_at_its_table(tmp_path: Path) -> None:
    src = build(Spec(t3={CELL: "CELLX", **ROW}), tmp_path / "src.docx")
    part = _docx_part(["37"], hidden="999")
    report = load_report(_with_chunk(src, tmp_path / "cell.docx", "CELLX", "afchunk.docx", part))
    assert report.tables[REQUESTS][CELL] == 37
    assert _where(report).section == REQUESTS


def test_hidden_text_nowhere_placed_stays_in_the_basic_information(tmp_path: Path) -> None:
    """A page whose only hidden text is before the title: 基本信息, as before."""
    html = _hidden_page("none").replace("<h1>", f"{HIDDEN_SPAN}<h1>", 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    assert _where(load_report(path)).section == META
