"""A header row broken over PDF pages (表四's “结”｜“果维持”) is one row again; a table whose
first row (表二's one cell “第二十条第（一）项”) alone ends a page is one table, that row never a
paragraph of the section's text (rev25a C12: its first fix, one-cell boxes, took a filled
rectangle's text and was taken back; now the line itself is known as that row).  PDFs are
LibreOffice's of .docx files made here."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.reading import load_report
from tests.pdfmake import libreoffice_pdf, needs_soffice
from tests.thirdparty import Spec, build

T2 = {(i, c): str(10 * i + c + 1) for i in range(6) for c in range(4)}
T3 = {(r, c): str((r * 7 + c) % 11 + 1) for r in range(25) for c in range(7)}
T4 = {c: str(c % 5 + 2) for c in range(15)}
TABLE_WORDS = ("第二十条", "信息内容", "自然人", "行政复议")
EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _bordered(src: Path, dest: Path) -> Path:
    """Every table ruled by its own borders (w:tblBorders), as an office's template sets them."""
    d = docx.Document(str(src))
    for t in d.tables:
        pr = t._tbl.tblPr
        for old in pr.findall(qn("w:tblBorders")):
            pr.remove(old)
        pr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>"
                            + "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for e in EDGES)
                            + "</w:tblBorders>"))
    d.save(str(dest))
    return dest


@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
@pytest.mark.parametrize("filler", [3, 29])
def test_a_header_row_broken_over_pages_is_joined(tmp_path: Path, filler: int) -> None:
    # 表四's header row cut by the page break: “结” at the foot, “果维持” atop the next page
    lines = [f"第{i}行填充文字，用于把后面的表格推到下一页的不同位置。" for i in range(filler)]
    src = _bordered(build(Spec(t2=T2, t3=T3, t4=T4, text={"四": lines}), tmp_path / "r0.docx"), tmp_path / "r.docx")
    read = load_report(libreoffice_pdf(src, tmp_path / "pdf"))
    assert read.tables == load_report(src).tables
    assert [f.message for f in read.import_findings if "表四" in f.message] == []


@pytest.mark.skipif(needs_soffice, reason="LibreOffice not installed")
@pytest.mark.parametrize("filler", [20, 21])
def test_a_first_row_alone_at_a_page_foot_stays_in_its_table(tmp_path: Path, filler: int) -> None:
    # 20 lines of 一 leave exactly 表二's first row at page 1's foot (21: none of it)
    lines = [f"第{i}行填充文字，把后面的表格推到下一页。" for i in range(filler)] + ["本年度工作正常开展。"]
    src = _bordered(build(Spec(t2=T2, t3=T3, t4=T4, text={"一": lines}), tmp_path / "r0.docx"), tmp_path / "r.docx")
    read = load_report(libreoffice_pdf(src, tmp_path / "pdf"))
    whole = load_report(src)
    assert read.tables == whole.tables
    assert [p.text for k, ps in read.sections.items() for p in ps if any(w in p.text for w in TABLE_WORDS)] == []
    assert [p.text for p in read.sections["一"]] == [p.text for p in whole.sections["一"]]
