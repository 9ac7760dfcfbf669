"""Imported content (w:altChunk → a part: HTML, a .docx, text) read where Word shows it
(app/docx/altchunk.py): a report an OA system wrote as one imported part no longer opens as
“没有任何内容”; a single-file web page (.mht) reads as its page; a part in a format not read
(RTF, Word 2003 XML) or a broken .mht is one message naming it and saying how to fix it; nesting, size and damage are bounded, never a traceback."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from app import limits
from app.findings import HIDDEN_TEXT
from app.io import ReadError
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW
from tests.test_webcopy import page
from tests.thirdparty import Spec, build

DATA = Path(__file__).parent / "data"
_AF = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TYPES = {"htm": "text/html", "html": "application/xhtml+xml", "txt": "text/plain", "rtf": "application/rtf",
          "mht": "message/rfc822", "docx": _DOCX_TYPE, "xml": "text/xml", "dat": "application/octet-stream"}


def _chunked(tmp_path: Path, body: str, chunks: dict[str, bytes], name: str = "outer.docx",
             content_types: bool = True) -> Path:
    """A .docx whose body is ``body`` (“{chunk:NAME}” stands for a w:altChunk importing the part
    word/NAME), with the parts ``chunks`` and, unless told not to, their content types."""
    base = tmp_path / "base.docx"
    docx.Document().save(str(base))
    ids = {n: f"rIdAlt{i}" for i, n in enumerate(chunks)}
    xml_body = re.sub(r"\{chunk:([^}]+)\}", lambda m: f'<w:altChunk r:id="{ids.get(m[1], "rIdMissing")}"/>', body)
    out = tmp_path / name
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<w:body>.*</w:body>", lambda m: f"<w:body>{xml_body}<w:sectPr/></w:body>", text, flags=re.S)
                data = text.encode("utf-8")
            elif item.filename == "word/_rels/document.xml.rels":
                rels = "".join(f'<Relationship Id="{ids[n]}" Type="{_AF}" Target="{n}"/>' for n in chunks)
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml" and content_types:
                over = "".join(f'<Override PartName="/word/{n}" ContentType="{_TYPES[n.rsplit(".", 1)[1]]}"/>'
                               for n in chunks)
                data = data.replace(b"</Types>", over.encode() + b"</Types>")
            zout.writestr(item, data)
        for n, data in chunks.items():
            zout.writestr(f"word/{n}", data)
    return out


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


VALUES = {(T3_NEW, T3_COL_NATURAL): "10", (T3_NEW, T3_COL_TOTAL): "12"}


def _same(a: Report, b: Report) -> None:
    assert (a.organ, a.year, a.date) == (b.organ, b.year, b.date)
    assert a.tables == b.tables
    assert {k: a.section_text(k) for k in b.sections} == {k: b.section_text(k) for k in b.sections}


def test_a_report_imported_as_a_web_page_reads_as_the_page(tmp_path: Path) -> None:
    html = page(VALUES).encode("utf-8")
    path = _chunked(tmp_path, "{chunk:afchunk.htm}", {"afchunk.htm": html})
    plain = tmp_path / "page.html"
    plain.write_bytes(html)
    r = load_report(path)
    _same(r, load_report(plain))
    assert r.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 10


@pytest.mark.parametrize("how", ["quoted-printable", "base64"])
def test_a_report_imported_as_a_single_file_page_reads_as_the_page(tmp_path: Path, how: str) -> None:
    # Java/.NET generators import a page with its pictures as an .mht chunk (message/rfc822).
    from tests.mhtmake import word_mht

    html = page(VALUES)
    path = _chunked(tmp_path, "{chunk:afchunk.mht}", {"afchunk.mht": word_mht(html, "utf-8", how)})
    plain = tmp_path / "page.html"
    plain.write_bytes(html.encode("utf-8"))
    r = load_report(path)
    _same(r, load_report(plain))
    assert r.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 10


def test_a_report_imported_as_a_docx_reads_as_that_docx(tmp_path: Path) -> None:
    inner = build(Spec(t3={(T3_NEW, T3_COL_NATURAL): "47"}, text={"一": ["本年度共收到申请47件。"]}),
                  tmp_path / "inner.docx")
    path = _chunked(tmp_path, "{chunk:part1.docx}", {"part1.docx": inner.read_bytes()})
    r = load_report(path)
    _same(r, load_report(inner))
    assert r.tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 47


def test_a_text_part_reads_as_a_text_copy(tmp_path: Path) -> None:
    text = (DATA / "xiaogang-2021.txt").read_bytes()
    path = _chunked(tmp_path, "{chunk:chunk.txt}", {"chunk.txt": text})
    _same(load_report(path), load_report(DATA / "xiaogang-2021.txt"))


def test_parts_read_in_place_between_paragraphs(tmp_path: Path) -> None:
    """The document's own paragraphs and the imported ones in Word's order; the kind found by
    its bytes and name where the content types say nothing."""
    html = page(VALUES)
    head, rest = html.split("<p>本年度共收到政府信息公开申请12件。</p>", 1)
    inner = b"<html><body><p>\xe5\x8f\xa6\xe6\x9c\x89\xe8\xaf\xb4\xe6\x98\x8e\xe3\x80\x82</p></body></html>"  # 另有说明。
    body = "{chunk:a.html}" + _p("本年度共收到政府信息公开申请12件。") + "{chunk:b.htm}" + "{chunk:c.html}"
    path = _chunked(tmp_path, body, {"a.html": (head + "</body></html>").encode(), "b.htm": inner,
                                      "c.html": ("<html><body>" + rest).encode()}, content_types=False)
    r = load_report(path)
    assert r.section_text("一") == "本年度共收到政府信息公开申请12件。\n另有说明。"
    assert r.tables[REQUESTS][(T3_NEW, T3_COL_TOTAL)] == 12


@pytest.mark.parametrize(("name", "data", "said"), [
    ("chunk.rtf", b"{\\rtf1\\ansi 2023\\par}", "RTF"),
    ("chunk.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x--", ".mht"),
    ("chunk.xml", b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>', "XML"),
    ("chunk.dat", b"\x00\x01\x02 binary", "无法识别格式"),
])
def test_a_part_in_a_format_not_read_is_one_clear_message(tmp_path: Path, name: str, data: bytes, said: str) -> None:
    path = _chunked(tmp_path, "{chunk:" + name + "}", {name: data})
    with pytest.raises(ReadError) as e:
        load_report(path)
    message = str(e.value)
    assert said in message and "另存为" in message and "没有任何内容" not in message
    assert message.count("\n") == 0 and str(path) in message


def test_hidden_text_inside_parts_is_counted(tmp_path: Path) -> None:
    inner_doc = docx.Document(str(build(Spec(text={"一": ["本年度共收到申请47件。"]}), tmp_path / "inner.docx")))
    next(p for p in inner_doc.paragraphs if p.text == "本年度共收到申请47件。").add_run("内部备注").font.hidden = True
    inner_doc.save(str(tmp_path / "inner.docx"))
    html = b"<html><body><p>\xe5\x8f\xa6<span style='display:none'>secret</span></p></body></html>"
    path = _chunked(tmp_path, "{chunk:inner.docx}{chunk:x.htm}", {"inner.docx": (tmp_path / "inner.docx").read_bytes(),
                                                                   "x.htm": html})
    r = load_report(path)
    assert "内部备注" not in r.section_text("一") and "secret" not in str(r.sections)
    notes = [f.message for f in r.import_findings if f.code == HIDDEN_TEXT.code]
    assert len(notes) == 1 and "2处" in notes[0]


def test_nesting_is_bounded(tmp_path: Path) -> None:
    data = build(Spec(), tmp_path / "inner.docx").read_bytes()
    for depth in range(limits.MAX_CHUNK_DEPTH):
        data = _chunked(tmp_path, "{chunk:n.docx}", {"n.docx": data}, name=f"level{depth}.docx").read_bytes()
        assert load_report(tmp_path / f"level{depth}.docx").organ == Spec().organ
    path = _chunked(tmp_path, "{chunk:n.docx}", {"n.docx": data}, name="too-deep.docx")
    with pytest.raises(ReadError, match=f"嵌套超过{limits.MAX_CHUNK_DEPTH}层"):
        load_report(path)


def test_one_part_imported_many_times_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = page(VALUES).encode("utf-8")
    monkeypatch.setattr(limits, "MAX_CHUNK_BYTES", len(html) * 10)
    path = _chunked(tmp_path, "{chunk:a.htm}" * 11, {"a.htm": html})
    with pytest.raises(ReadError, match="嵌入的内容"):
        load_report(path)


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b""])
def test_a_damaged_or_empty_part(tmp_path: Path, data: bytes) -> None:
    path = _chunked(tmp_path, _p("标题") + "{chunk:x.docx}", {"x.docx": data})
    with pytest.raises(ReadError) as e:
        load_report(path)
    assert "嵌入的 Word 文档（altChunk）已损坏" in str(e.value) and "另存为" in str(e.value)


def test_a_dangling_reference_shows_nothing(tmp_path: Path) -> None:
    html = page(VALUES).encode("utf-8")
    path = _chunked(tmp_path, "{chunk:nowhere.htm}{chunk:a.htm}", {"a.htm": html})
    assert load_report(path).tables[REQUESTS][(T3_NEW, T3_COL_NATURAL)] == 10


def test_a_nested_zip_of_many_parts_is_refused_before_it_is_listed(tmp_path: Path) -> None:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for i in range(limits.MAX_PARTS + 1):
            z.writestr(f"p{i}", b"")
    path = _chunked(tmp_path, "{chunk:x.docx}", {"x.docx": buf.getvalue()})
    with pytest.raises(ReadError, match="部件"):
        load_report(path)
