"""What a reviewer or the author adds in Word/WPS that the editor neither shows nor writes back
(rev24b R3, R4): comments (批注: word/comments.xml, commentRangeStart/End, commentReference, as
Word writes them) and pictures (w:drawing with a:blip or a chart, VML imagedata) are said on
opening, with where they are; each comment's words are kept among the findings past the save,
which drops the comments themselves.  Our files and others' alike; a file without either says
nothing.  And our file with its formatting cleared in Word is read by its content (R1)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from app import import_notes
from app.findings import COMMENT, COMMENTS, PICTURES, Finding
from app.io import save_report
from app.reading import load_report
from app.report import Report
from tests.conftest import rewrite_docx
from tests.realistic import varied_report
from tests.thirdparty import Spec, build

REQUEST = "请补充全年主动公开的具体数量"


def _png() -> bytes:
    raw = b"".join(b"\x00" + b"\x00\x00\x00" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _said(report: Report, *declared: object) -> list[Finding]:
    return [f for f in report.import_findings if any(f.declared is d for d in declared)]


@pytest.fixture
def ours(tmp_path: Path) -> Path:
    path = tmp_path / "ours.docx"
    save_report(varied_report(1500, 3), path)
    return path


def _in_section(d: docx.document.Document, heading: str) -> docx.text.paragraph.Paragraph:
    """The first paragraph with text after the heading ``heading``."""
    paras = d.paragraphs
    at = next(i for i, p in enumerate(paras) if p.text.strip() == heading)
    return next(p for p in paras[at + 1:] if p.text.strip())


def _saved_and_reopened(report: Report, path: Path) -> Report:
    """Saved as the editor saves (its kept notes with it), then opened again."""
    save_report(import_notes.for_saving(report), path)
    return load_report(path)


def test_a_comment_on_our_file_is_said_and_its_words_outlive_the_save(ours: Path, tmp_path: Path) -> None:
    d = docx.Document(str(ours))
    para = _in_section(d, "一、总体情况")
    d.add_comment(para.runs[0], text=REQUEST, author="审核人", initials="SH")
    d.save(str(tmp_path / "reviewed.docx"))

    opened = load_report(tmp_path / "reviewed.docx")
    summary = _said(opened, COMMENTS)
    assert len(summary) == 1
    assert "1条批注" in summary[0].message and REQUEST in summary[0].message
    assert "一、总体情况" in summary[0].message and summary[0].location.section == "一"
    items = _said(opened, COMMENT)
    assert len(items) == 1 and REQUEST in items[0].message and "审核人" in items[0].message
    assert items[0].location.section == "一"

    again = _saved_and_reopened(opened, tmp_path / "saved.docx")
    assert len(docx.Document(str(tmp_path / "saved.docx")).comments) == 0  # the file's comments are gone…
    assert _said(again, COMMENTS) == []  # …so the file says none
    assert [REQUEST in f.message for f in _said(again, COMMENT)] == [True]  # the words are still there
    assert [p.text for p in again.sections["一"]] == [p.text for p in opened.sections["一"]]


def test_comments_in_a_third_party_file_each_at_its_section(tmp_path: Path) -> None:
    path = build(Spec(text={"五": ["存在的问题：公开内容不够全面。"]}), tmp_path / "theirs.docx")
    d = docx.Document(str(path))
    d.add_comment(_in_section(d, "五、存在的主要问题及改进情况").runs[0], text="改进措施写具体些", author="李四")
    cell = next(c for t in d.tables for row in t.rows for c in row.cells if c.text.strip() and c.paragraphs[0].runs)
    d.add_comment(cell.paragraphs[0].runs[0], text="表中数字请与台账核对")
    d.save(str(tmp_path / "reviewed.docx"))

    opened = load_report(tmp_path / "reviewed.docx")
    summary = _said(opened, COMMENTS)
    assert len(summary) == 1 and "2条批注" in summary[0].message
    items = _said(opened, COMMENT)
    assert [f.location.section for f in items] == ["二", "五"]  # in the file's order
    assert "表中数字请与台账核对" in items[0].message and "表格中" in items[0].message
    assert "改进措施写具体些" in items[1].message and "李四" in items[1].message


def test_a_comment_mark_without_its_words_or_a_broken_part_says_nothing(ours: Path, tmp_path: Path) -> None:
    mark = '<w:commentRangeStart w:id="7"/><w:r><w:t>x</w:t></w:r><w:commentRangeEnd w:id="7"/>'
    marked = rewrite_docx(ours, tmp_path / "marked.docx", lambda xml: xml.replace("<w:body>", f"<w:body><w:p>{mark}</w:p>", 1))
    assert _said(load_report(marked), COMMENTS, COMMENT) == []

    d = docx.Document(str(ours))
    d.add_comment(_in_section(d, "一、总体情况").runs[0], text=REQUEST)
    d.save(str(tmp_path / "c.docx"))
    broken = rewrite_docx(tmp_path / "c.docx", tmp_path / "broken.docx", lambda xml: "<notcomments/>", "word/comments.xml")
    report = load_report(broken)
    assert _said(report, COMMENTS, COMMENT) == []
    assert report.sections["一"]


def test_a_picture_in_our_file_is_said_once_and_not_again_after_the_save(ours: Path, tmp_path: Path) -> None:
    (tmp_path / "p.png").write_bytes(_png())
    d = docx.Document(str(ours))
    para = _in_section(d, "一、总体情况")
    para.insert_paragraph_before().add_run().add_picture(str(tmp_path / "p.png"), width=Cm(6))
    para.insert_paragraph_before("图1  本年度主动公开政府信息情况")
    d.save(str(tmp_path / "pictured.docx"))

    opened = load_report(tmp_path / "pictured.docx")
    said = _said(opened, PICTURES)
    assert len(said) == 1 and "1张图片" in said[0].message and "一、总体情况" in said[0].message
    assert said[0].location.section == "一"
    assert _said(_saved_and_reopened(opened, tmp_path / "saved.docx"), PICTURES) == []  # gone with the picture


_VML_PICTURE = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:80pt;height:80pt">'
                '<v:imagedata xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdX"/>'
                '</v:shape></w:pict></w:r></w:p>')
_VML_LINE = ('<w:p><w:r><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml" from="0,0" to="400pt,0" '
             'strokecolor="red"/></w:pict></w:r></w:p>')


def _before_heading(heading: str, xml_p: str) -> object:
    def edit(xml: str) -> str:
        at = xml.index(heading)
        at = xml.rindex("<w:p>", 0, at) if "<w:p>" in xml[:at] else xml.rindex("<w:p ", 0, at)
        return xml[:at] + xml_p + xml[at:]
    return edit


def test_pictures_in_a_third_party_file_vml_and_drawing_counted(tmp_path: Path) -> None:
    path = build(Spec(), tmp_path / "theirs.docx")
    d = docx.Document(str(path))
    d.add_picture(io.BytesIO(_png()))  # a QR code at the end
    d.save(str(tmp_path / "drawing.docx"))
    both = rewrite_docx(tmp_path / "drawing.docx", tmp_path / "both.docx", _before_heading("五、存在", _VML_PICTURE))  # type: ignore[arg-type]
    said = _said(load_report(both), PICTURES)
    assert len(said) == 1 and "2张图片" in said[0].message
    assert "四、政府信息公开行政复议、行政诉讼情况" in said[0].message  # the first, where it stands


def test_a_file_without_comments_or_pictures_says_nothing_of_them(ours: Path, tmp_path: Path) -> None:
    assert _said(load_report(ours), COMMENTS, COMMENT, PICTURES) == []
    theirs = build(Spec(), tmp_path / "theirs.docx")
    assert _said(load_report(theirs), COMMENTS, COMMENT, PICTURES) == []
    # A 红头's red rule, drawn as a VML line, is no picture.
    ruled = rewrite_docx(theirs, tmp_path / "ruled.docx", _before_heading("一、总体情况", _VML_LINE))  # type: ignore[arg-type]
    assert _said(load_report(ruled), PICTURES) == []


def test_our_file_with_its_formatting_cleared_reads_by_content(ours: Path, tmp_path: Path) -> None:
    """Our file with every paragraph set to 正文 in Word (its “NB” styles still defined, none
    used), the title retyped as three centred paragraphs: read as anyone's, by content — the
    organ whole (rev24b R1: “北仑区税务局”), the sections in place (by style all of it was 前言)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    written = load_report(ours)
    d = docx.Document(str(ours))
    for para in d.paragraphs:
        para.style = d.styles["Normal"]
    organ, year_line = ("国家税务总局宁波市", "北仑区税务局"), f"{written.year}年度政府信息公开工作年度报告"
    title = d.paragraphs[0]
    for run in title.runs[1:]:
        run._r.getparent().remove(run._r)
    title.runs[0].text = organ[0]
    rest = d.paragraphs[1]
    for text in (organ[1], year_line):
        rest.insert_paragraph_before(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    signed = next(p for p in d.paragraphs if p.text.strip() == written.organ)
    signed.text = "".join(organ)
    d.save(str(tmp_path / "cleared.docx"))

    report = load_report(tmp_path / "cleared.docx")
    assert (report.organ, report.year, report.date) == ("".join(organ), written.year, written.date)
    for key in written.sections:
        assert [p.text for p in report.sections[key]] == [p.text for p in written.sections[key]], key


def test_a_forged_file_of_thousands_of_comments_lists_fifty(ours: Path, tmp_path: Path) -> None:
    """20,000 comments, their ranges never closed: counted, the first 50 listed, each quoted short."""
    d = docx.Document(str(ours))
    d.add_comment(_in_section(d, "一、总体情况").runs[0], text=REQUEST)
    d.save(str(tmp_path / "one.docx"))
    n = 20000
    marks = "".join(f'<w:commentRangeStart w:id="{i}"/><w:r><w:t>字</w:t></w:r>' for i in range(100, 100 + n))
    body = rewrite_docx(tmp_path / "one.docx", tmp_path / "body.docx",
                        lambda xml: xml.replace("<w:body>", f"<w:body><w:p>{marks}</w:p>", 1))
    said = "".join(f'<w:comment w:id="{i}" w:author="x"><w:p><w:r><w:t>意见{i}</w:t></w:r></w:p></w:comment>'
                   for i in range(100, 100 + n))
    forged = rewrite_docx(body, tmp_path / "forged.docx", lambda xml: xml.replace("</w:comments>", said + "</w:comments>"),
                          "word/comments.xml")
    report = load_report(forged)
    assert [f"{n + 1}条批注" in f.message for f in _said(report, COMMENTS)] == [True]
    items = _said(report, COMMENT)
    assert len(items) == 50 and all(len(f.message) < 300 for f in items)


def test_a_comment_quoting_figures_is_kept_when_those_figures_are_typed(ours: Path, tmp_path: Path) -> None:
    """“请核对数字（12）” is a comment's words, not figures a note asks for: typing 12 into a table
    does not end it."""
    from app.schema import TABLES

    d = docx.Document(str(ours))
    d.add_comment(_in_section(d, "一、总体情况").runs[0], text="请核对数字（12）")
    d.save(str(tmp_path / "reviewed.docx"))
    opened = load_report(tmp_path / "reviewed.docx")
    key, spec = next(iter(TABLES.items()))
    cell = spec.cells[0]
    opened.tables[key][(cell.row, cell.col)] = 12
    again = _saved_and_reopened(opened, tmp_path / "saved.docx")
    assert [("核对数字" in f.message and "12" in f.message) for f in _said(again, COMMENT)] == [True]
