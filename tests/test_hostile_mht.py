"""Single-file web pages (.mht/.mhtml) are read as the page they hold (app/webmht.py): Word's and
WPS's “单个文件网页” (quoted-printable gb2312, or base64), Chrome's/Edge's (“From: <Saved by
Blink>”, its stylesheets and frames parts of their own), whatever the file is named (an OA
system's “.doc”).  Every figure of the three tables is read as from the same page saved as .html;
a stylesheet saved in the file hides what it hides in the browser; a broken file is one message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import ReadError
from app.reading import load_report
from app.report import Report
from app.schema import REQUESTS, T3_NEW
from tests.mhtmake import b64, blink_mht, page_html, qp, word_mht
from tests.test_docx_embedded_sheet import _spec
from tests.thirdparty import Spec, build

SITE = "https://www.example.gov.cn/art/2024/1/15/art_1229_1.html"


def _one_part(charset: str, body: bytes, encoding: str, related: bool = True) -> bytes:
    part = (f'Content-Type: text/html; charset="{charset}"\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n').encode() + body
    if not related:
        return b"MIME-Version: 1.0\r\n" + part
    return b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n\r\n--x\r\n' + part + b"\r\n--x--\r\n"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    src = build(_spec(), tmp_path_factory.mktemp("mht") / "src.docx")
    return src, load_report(src)


def _same_figures(read: Report, expected: Report) -> None:
    for key, table in expected.tables.items():
        assert read.tables[key] == table, key
    assert read.organ == expected.organ and read.year == expected.year


@pytest.mark.parametrize(("name", "make"), [
    ("报告.mht", lambda src: word_mht(page_html(src, "gb2312"))),
    ("报告.mht", lambda src: word_mht(page_html(src, "gb18030"), "gb18030", "base64")),
    ("报告.doc", lambda src: word_mht(page_html(src, "gb2312"))),  # an OA system's download
    ("报告.mhtml", lambda src: blink_mht([(SITE, page_html(src))])),
    ("报告.docx", lambda src: blink_mht([(SITE, page_html(src))])),
    ("报告.mht", lambda src: b"\xef\xbb\xbf" + word_mht(page_html(src, "gb2312"))),  # a BOM before the headers
    ("报告.mht", lambda src: word_mht(page_html(src, "gb2312")).replace(b"\r\n", b"\n")),  # saved with LF line ends
    ("报告.mht", lambda src: word_mht(page_html(src, "gb2312")).replace(b'boundary="', b"boundary=").replace(b'5A40"', b"5A40", 1)),
    ("报告.mht", lambda src: _one_part("utf-16", b64(page_html(src, "utf-16").encode("utf-16")), "base64")),  # IE's “Unicode”
    ("报告.mht", lambda src: _one_part("utf-8", qp(page_html(src).encode()), "quoted-printable", related=False)),
], ids=["word-qp-gb2312", "ie-base64-gb18030", "named-doc", "chrome", "chrome-named-docx", "bom-first", "lf-only",
        "unquoted-boundary", "utf-16-base64", "not-multipart"])
def test_a_single_file_page_reads_every_figure(tmp_path: Path, source: tuple[Path, Report], name: str, make) -> None:  # type: ignore[no-untyped-def]
    src, expected = source
    path = tmp_path / name
    path.write_bytes(make(src))
    read = load_report(path)
    _same_figures(read, expected)
    assert read.section_text("一") == expected.section_text("一")


def test_the_page_header_charset_decodes_a_page_naming_none(tmp_path: Path, source: tuple[Path, Report]) -> None:
    src, expected = source
    html = page_html(src).replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    path = tmp_path / "报告.mht"
    path.write_bytes(word_mht(html, "gb18030"))
    _same_figures(load_report(path), expected)


def test_a_saved_stylesheet_hides_what_the_browser_hides(tmp_path: Path) -> None:
    # The old figure is kept in the cell, hidden by the site's stylesheet (saved as a part):
    # read without it, the cell would be “9937”, a silent wrong number.
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    html = page_html(src, head='<link rel="stylesheet" type="text/css" href="/css/art.css">')
    html = html.replace("<td><p>37</p></td>", '<td><p><span class="old">99</span>37</p></td>', 1)
    assert '<span class="old">99</span>37' in html
    path = tmp_path / "报告.mhtml"
    path.write_bytes(blink_mht([(SITE, html)], [("https://www.example.gov.cn/css/art.css", ".old { display: none }")]))
    read = load_report(path)
    assert read.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert any(f.code == "HIDDEN-TEXT" for f in read.import_findings)


def test_a_report_in_a_frame_of_the_saved_page_is_read(tmp_path: Path, source: tuple[Path, Report]) -> None:
    src, expected = source
    shell = ('<html><head><meta charset="utf-8"></head><body><div>首页 | 政务公开</div>'
             '<iframe src="cid:frame-1@mhtml.blink"></iframe></body></html>')
    path = tmp_path / "报告.mhtml"
    path.write_bytes(blink_mht([(SITE, shell), ("https://www.example.gov.cn/art/content.html", page_html(src))]))
    _same_figures(load_report(path), expected)


_BOUNDARY = b"--b1\r\n"
_TOP = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n"


@pytest.mark.parametrize(("data", "words"), [
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n", "没有找到网页内容"),  # no boundary
    (_TOP + b"--b1--\r\n", "没有找到网页内容"),  # no part
    (_TOP + _BOUNDARY + b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b1--\r\n",
     "没有找到网页内容"),  # pictures only
    (_TOP + _BOUNDARY + b"Content-Type: text/html\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 a\r\n--b1--\r\n",
     "无法识别的编码方式"),
    (_TOP + _BOUNDARY * 10_050, "超过10000个部分"),
    (_TOP + _BOUNDARY + b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
     + b64("<html><body><p>会议通知</p></body></html>".encode()) + b"\r\n--b1--\r\n", "没有找到统计表格"),
    (_TOP + _BOUNDARY + b"Content-Type: text/html; charset=gb2312\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
     + qp(b"<html><body><p>\x81\x30\xff\xfe\x80\x80</p></body></html>") + b"\r\n--b1--\r\n", "没有任何内容"),
], ids=["no-boundary", "no-part", "pictures-only", "uuencoded", "too-many-parts", "no-report", "bad-bytes"])
def test_a_broken_single_file_page_is_one_message(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "网页.mht"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=words) as e:
        load_report(path)
    assert str(e.value).startswith(str(path)) and "\n" not in str(e.value)


def test_a_file_cut_short_keeps_its_page(tmp_path: Path, source: tuple[Path, Report]) -> None:
    # A download that stopped in the pictures after the page: the page is whole.
    src, expected = source
    data = word_mht(page_html(src, "gb2312"))
    path = tmp_path / "报告.mht"
    path.write_bytes(data[:data.rindex(b"--", 0, len(data) - 4)] + b"Content-Type: image/png\r\n\r\niVBO")
    _same_figures(load_report(path), expected)


def test_check_of_a_broken_single_file_page_says_one_line(tmp_path: Path) -> None:
    path = tmp_path / "网页.mht"
    path.write_bytes(_TOP + _BOUNDARY * 3)
    done = subprocess.run([sys.executable, "-m", "app", "check", str(path)], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "单个文件网页" in done.stdout + done.stderr


def test_a_folder_check_reads_single_file_pages(tmp_path: Path, source: tuple[Path, Report]) -> None:
    from app import batch

    src, _ = source
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    (folder / "教育局.mht").write_bytes(word_mht(page_html(src, "gb2312")))
    (folder / "卫健委.mhtml").write_bytes(blink_mht([(SITE, page_html(src))]))
    b = batch.run([folder], jobs=1)
    assert not b.unreadable and not list(b.passed_over())
    assert sorted(b.shown(r.path) for r in b.results) == ["卫健委.mhtml", "教育局.mht"]


def test_a_file_cut_short_in_its_page_says_so(tmp_path: Path, source: tuple[Path, Report]) -> None:
    """A download stopped inside the page itself (host31): what is there is read, and the file is
    said to be cut short — it read with only “table missing” notes, or, cut inside a quoted-
    printable escape (“…\\xcf=A”), was refused as text of mixed encodings."""
    src, _ = source
    data = word_mht(page_html(src, "gb2312"))
    at = len(data) * 3 // 4  # inside the page (the file list after it is a few hundred bytes)
    path = tmp_path / "报告.mht"
    path.write_bytes(data[:at])
    read = load_report(path)
    assert [f for f in read.import_findings if f.kind == "cut-short" and "截断" in f.message]
    import re

    escape = re.compile(rb"=[A-F][0-9A-F]=[A-F]").search(data, len(data) // 10)
    assert escape is not None
    path.write_bytes(data[:escape.end()])  # a Chinese character's first byte, then “=A” of its second
    try:
        said = [f.message for f in load_report(path).import_findings if f.kind == "cut-short"]
    except ReadError as e:
        said = [str(e)]
    assert said and "不完整" in said[0] and "编码" not in said[0]


def test_a_whole_page_without_the_files_closing_delimiter_is_not_said_cut(tmp_path: Path, source: tuple[Path, Report]) -> None:
    src, expected = source
    data = word_mht(page_html(src, "gb2312"))
    path = tmp_path / "报告.mht"
    second = data.index(b"------=_NextPart", data.index(b"------=_NextPart") + 1)
    path.write_bytes(data[:second])  # its page ends in </html>, the file in no delimiter after it
    read = load_report(path)
    _same_figures(read, expected)
    assert not [f for f in read.import_findings if f.kind == "cut-short"]
