"""Saved web pages and text copies in the encodings published reports come in (app/webcopy.py):
GBK/GB18030 with or without a meta charset, a meta charset that lies, a charset only in an
XML declaration, UTF-16 with and without its BOM, Big5 from 繁體 sites.  Each is read right or
refused with one Chinese message; mojibake never reaches the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.errors import ReadError
from app.reading import load_report
from app.report import Report
from app.schema import (
    SECTIONS,
    T2_IN_FORCE,
    T2_ISSUED,
    T2_REPEALED,
    T2_RULES,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_NEW,
)
from app.webdecode import UNKNOWN_ENCODING, Decoded, decode
from tests.test_webcopy import DATA, page

ORGAN = "某县人民政府办公室"
SECTIONS_T2_HEADING = next(s.heading for s in SECTIONS if s.table == "二")
VALUES = {(T3_NEW, T3_COL_NATURAL): "10", (T3_NEW, T3_COL_TOTAL): "10"}
# A 繁體 site's page (Big5 holds no simplified-only characters): a title, sentences, a table.
TRADITIONAL = (
    "<html><head><title>年報</title></head><body>"
    "<h1>某縣人民政府辦公室2023年度政府資訊公開工作年度報告</h1>"
    "<p>本報告依據《中華人民共和國政府資訊公開條例》編製，所列數據的統計期限自2023年1月1日起至2023年12月31日止。</p>"
    "<p><strong>一、總體情況</strong></p><p>本年度共收到政府資訊公開申請十二件，均已依法按時答覆，未發生行政復議和行政訴訟。</p>"
    "<table><tr><td>申請人情況</td><td>自然人</td></tr><tr><td>一、本年新收政府資訊公開申請數量</td><td>12</td></tr></table>"
    "<p>某縣人民政府辦公室</p><p>2024年1月18日</p></body></html>")


def _page(meta: str = "") -> str:
    html = page(VALUES)
    return html.replace("<head>", f"<head>{meta}", 1) if meta else html


def _read(tmp_path: Path, data: bytes, name: str = "年报.html") -> Report:
    path = tmp_path / name
    path.write_bytes(data)
    return load_report(path)


def _assert_right(r: Report) -> None:
    assert r.organ == ORGAN and r.year == 2023
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 10
    assert "本年度共收到政府信息公开申请12件。" in r.section_text("一")


@pytest.mark.parametrize("meta", [
    "",  # no charset at all: GB18030 by its text
    '<meta charset="utf-8">',  # a template's charset that lies
    '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
    '<meta http-equiv="Content-Type" content="text/html; charset=big5">',  # lies the other way
    '<meta http-equiv="Content-Type" content="text/html; charset=x-gbk">',
])
@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_a_gbk_page_reads_whatever_it_declares(tmp_path: Path, meta: str, codec: str) -> None:
    _assert_right(_read(tmp_path, _page(meta).encode(codec)))


def test_a_utf8_page_that_declares_gb2312_reads_as_utf8(tmp_path: Path) -> None:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    _assert_right(_read(tmp_path, _page(meta).encode("utf-8")))


@pytest.mark.parametrize("declaration", ['<?xml version="1.0" encoding="GB2312"?>', "<?xml version='1.0' encoding='gbk'?>"])
def test_a_charset_only_in_the_xml_declaration(tmp_path: Path, declaration: str) -> None:
    xhtml = declaration + "\n" + _page().replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">', 1)
    _assert_right(_read(tmp_path, xhtml.encode("gbk"), "年报.xhtml.html"))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_its_bom(tmp_path: Path, codec: str) -> None:
    """“utf-16” writes the BOM (Notepad's “Unicode”); the others none."""
    _assert_right(_read(tmp_path, _page().encode(codec)))
    text = (DATA / "xiaogang-2021.txt").read_text("utf-8")
    assert _read(tmp_path, text.encode(codec), "副本.txt").organ == "宁波市北仑区人民政府小港街道办事处"


@pytest.mark.parametrize("meta", ['<meta charset="big5">', '<meta charset="utf-8">', "",
                                  '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'])
def test_a_big5_page_decodes_to_its_own_characters(meta: str) -> None:
    """Declared, undeclared or declared wrongly: the traditional characters as written (GBK
    would decode the same bytes into other characters without an error)."""
    html = TRADITIONAL.replace("<head>", f"<head>{meta}", 1)
    decoded = decode(html.encode("big5"))
    assert decoded.text == html and decoded.encoding == "big5"


@pytest.mark.parametrize("codec", ["big5", "utf-8", "gb18030"])
@pytest.mark.parametrize("name", ["年报.html", "年报.txt"])
def test_a_traditional_page_is_refused_in_one_line_naming_the_script(tmp_path: Path, codec: str, name: str) -> None:
    """The statutory tables' labels are simplified: a 繁體 page (Big5, or UTF-8 as many 繁體
    versions of sites are) is said to be one, and the page to use, not that it has no tables
    nor read as a report of blank tables."""
    with pytest.raises(ReadError) as e:
        _read(tmp_path, TRADITIONAL.encode(codec), name)
    message = str(e.value)
    assert "繁体字网页" in message and ("Big5" in message) == (codec == "big5") and "\n" not in message


def test_a_simplified_page_with_some_traditional_words_reads(tmp_path: Path) -> None:
    """Quoted traditional names (a Hong Kong or Taiwan office, 臺) do not make a page 繁體."""
    html = _page().replace("正文内容。", "正文内容：與香港特別行政區、臺灣地區的機關往來資訊。", 1)
    _assert_right(_read(tmp_path, html.encode("utf-8")))


@pytest.mark.parametrize("codec", ["shift_jis", "euc-kr", "cp1252"])
def test_another_encoding_is_one_message_not_mojibake(tmp_path: Path, codec: str) -> None:
    texts = {"shift_jis": "日本国政府の情報公開に関する年次報告書です。本年度の開示請求件数は十二件でした。" * 4,
             "euc-kr": "정보공개 연차보고서입니다. 올해 정보공개 청구는 열두 건이었습니다. 모두 기한 내에 답변하였습니다." * 4,
             "cp1252": "Rapport annuel sur la transparence administrative: douze demandes reçues, traitées à temps. Été 2023." * 4}
    html = f"<html><head><meta charset='{codec}'></head><body><p>{texts[codec]}</p><table><tr><td>1</td></tr></table></body></html>"
    with pytest.raises(ReadError) as e:
        _read(tmp_path, html.encode(codec))
    assert UNKNOWN_ENCODING in str(e.value) and "\n" not in str(e.value)


def test_mixed_encodings_are_one_message(tmp_path: Path) -> None:
    """A UTF-8 page with a paragraph pasted in GBK is neither: said, not read as mojibake."""
    html = _page()
    half = len(html) // 2
    data = html[:half].encode("utf-8") + html[half:].encode("gbk")
    with pytest.raises(ReadError, match="文字编码"):
        _read(tmp_path, data)


@pytest.mark.parametrize("codec", ["gbk", "utf-8", "big5"])
def test_a_copy_cut_inside_its_last_character_still_reads(codec: str) -> None:
    """A download cut one byte short: the cut character is left out, the rest is read."""
    data = (TRADITIONAL + "年報").encode(codec)[:-1]
    assert decode(data).text == TRADITIONAL + "年"


def test_text_a_page_does_not_show_is_not_read(tmp_path: Path) -> None:
    """As Word's hidden text: an inline display:none “999” in a cell, a hidden paragraph and a
    visibility:hidden note are left out, and one HIDDEN-TEXT note counts them."""
    html = (_page()
            .replace("<p>本年度共收到政府信息公开申请12件。</p>",
                     "<p>本年度共收到政府信息公开申请12件。<span style='DISPLAY: none'>另有内部备注。</span></p>"
                     "<p hidden>本年度共收到政府信息公开申请12件。</p>"
                     "<div style=\"visibility:hidden\"><p>不予公开的说明</p></div>", 1)
            .replace("<p>10</p>", "<p>10<span style='display:none'>999</span></p>", 1))
    r = _read(tmp_path, html.encode("utf-8"))
    _assert_right(r)
    text = "".join(r.section_text(k) for k in r.sections)
    assert "内部备注" not in text and "不予公开" not in text and text.count("本年度共收到政府信息公开申请12件") == 1
    notes = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(notes) == 1 and "4处" in notes[0], notes
    assert not [f for f in _read(tmp_path, _page().encode("utf-8"), "plain.html").import_findings if f.code == "HIDDEN-TEXT"]


def _rules_page(first_cell: str, extra_row: str = "") -> str:
    """The sample page with 表二's 规章 row reading 7/2/30, its first figure's cell ``first_cell``
    (the opening tag), and ``extra_row`` before that row."""
    from tests.test_webcopy import _html_table

    table = _html_table("二", {(T2_RULES, T2_ISSUED): "7", (T2_RULES, T2_REPEALED): "2", (T2_RULES, T2_IN_FORCE): "30"})
    cells = re.findall(r"<td[^>]*><p>[^<]*</p></td>", table)
    label = next(i for i, c in enumerate(cells) if "<p>规章</p>" in c)
    assert [re.sub(r"<[^>]+>", "", c) for c in cells[label + 1:label + 4]] == ["7", "2", "30"]
    seven = cells[label + 1]
    start = table.index(seven, table.index(cells[label]))
    table = table[:start] + seven.replace("<td>", first_cell, 1) + table[start + len(seven):]
    if extra_row:
        row_start = table.rindex("<tr>", 0, table.index(cells[label]))
        table = table[:row_start] + extra_row + table[row_start:]
    html = _page()
    plain = re.search(r'<table border="1">.*?</table>', html[html.index(SECTIONS_T2_HEADING):]).group(0)
    return html.replace(plain, table, 1)


@pytest.mark.parametrize("how", ['<td style="visibility: hidden">', '<td style="display:none">', "<td hidden>",
                                 '<td style="VISIBILITY:hidden;color:red">'])
def test_a_hidden_cell_reads_blank_and_the_row_does_not_shift(tmp_path: Path, how: str) -> None:
    """规章 7/2/30 with its 7 hidden: 本年制发件数 is blank, 2 and 30 stay where they are (not
    2/30/blank); the note says a cell was read blank."""
    r = _read(tmp_path, _rules_page(how).encode("utf-8"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_REPEALED)], t2[(T2_RULES, T2_IN_FORCE)]) == (None, 2, 30)
    notes = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(notes) == 1 and "1处" in notes[0] and "单元格" in notes[0] and "visibility:hidden" in notes[0], notes
    plain = _read(tmp_path, _rules_page("<td>").encode("utf-8"), "plain.html")
    assert plain.tables["二"][(T2_RULES, T2_ISSUED)] == 7
    assert not [f for f in plain.import_findings if f.code == "HIDDEN-TEXT"]


def test_a_hidden_cell_keeps_its_spans() -> None:
    """A hidden merged cell still covers its columns and rows: the figures beside and below it
    keep their grid places."""
    from app.webcopy import html_blocks

    html = ('<table><tr><td style="display:none" colspan="2" rowspan="2">甲<b>9</b></td><td>5</td></tr>'
            "<tr><td>6</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>")
    blocks, hidden = html_blocks(html)
    rows = [[c.text for c in row] for row in blocks[0].rows]
    assert rows == [["", "", "5"], ["", "", "6"], ["a", "b", "c"]], rows
    assert (hidden.places, hidden.cells) == (1, 1)


@pytest.mark.parametrize("style", ["display:none", "visibility:hidden"])
def test_a_hidden_row_is_a_blank_row_and_the_rest_reads(tmp_path: Path, style: str) -> None:
    """A CMS's hidden row (here an old 规章 row with 9s) is not read: the real row's figures
    are; the row stays as blank cells so a rowspan over it cannot reach into the next row."""
    old = f'<tr style="{style}"><td>规章</td><td>9</td><td>9</td><td>9</td></tr>'
    r = _read(tmp_path, _rules_page("<td>", old).encode("utf-8"))
    t2 = r.tables["二"]
    assert (t2[(T2_RULES, T2_ISSUED)], t2[(T2_RULES, T2_REPEALED)], t2[(T2_RULES, T2_IN_FORCE)]) == (7, 2, 30)
    notes = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(notes) == 1 and "1处" in notes[0], notes

    from app.webcopy import html_blocks

    blocks, _ = html_blocks('<table><tr><td rowspan="3">甲</td><td>1</td></tr>'
                            f'<tr style="{style}"><td>9</td></tr><tr><td>2</td></tr><tr><td>乙</td><td>3</td></tr></table>')
    assert [[c.text for c in row] for row in blocks[0].rows] == [["甲", "1"], ["甲", ""], ["甲", "2"], ["乙", "3"]]


def test_hidden_text_inside_a_hidden_cell_is_one_place() -> None:
    """Marks nested in a hidden cell (a hidden span in it) are counted once, and blanking the
    cell first does not trip over them."""
    from app.webcopy import html_blocks

    blocks, hidden = html_blocks('<table><tr><td hidden>1<span style="display:none">2</span></td><td>3</td></tr></table>'
                                 '<p>甲<span style="visibility:hidden">乙</span>丙</p>')
    assert [[c.text for c in row] for row in blocks[0].rows] == [["", "3"]]
    assert (hidden.places, hidden.cells) == (2, 1)


def _stray(html: str, count: int) -> bytes:
    """``html`` in UTF-8 with ``count`` lone bytes an old CMS leaves (\\xa0, \\x92, \\xa9 …), one
    after each of the first ``count`` “。” of the body."""
    data = html.encode("utf-8")
    marks = [m.end() for m in re.finditer("。".encode(), data)]
    assert len(marks) >= count, len(marks)
    strays = [b"\xa0", b"\x92", b"\xa9", b"\xff"]
    out, last = [], 0
    for k, at in enumerate(marks[:count]):
        out += [data[last:at], strays[k % len(strays)]]
        last = at
    return b"".join(out) + data[last:]


def _long_page() -> str:
    """The sample page with enough sentences (UTF-8, about 40 kB) for 20 stray bytes in it."""
    more = "".join(f"<p>第{i}项工作按要求完成，公开目录及时更新。</p>" for i in range(400))
    return _page().replace("<p>本年度共收到政府信息公开申请12件。</p>", "<p>本年度共收到政府信息公开申请12件。</p>" + more, 1)


@pytest.mark.parametrize("count", [1, 3])
def test_a_utf8_page_with_a_stray_byte_reads_and_says_so(tmp_path: Path, count: int) -> None:
    """An old CMS's lone \\xa0 in a UTF-8 page: read (as before), the byte as U+FFFD, and one
    STRAY-BYTES note counts them; a clean page has none."""
    r = _read(tmp_path, _stray(_page(), count))
    _assert_right(r)
    notes = [f.message for f in r.import_findings if f.code == "STRAY-BYTES"]
    assert len(notes) == 1 and f"{count}处" in notes[0], notes
    assert "".join(r.section_text(k) for k in r.sections).count("\ufffd") == count
    assert not [f for f in _read(tmp_path, _page().encode("utf-8"), "plain.html").import_findings
                if f.code == "STRAY-BYTES"]


def test_a_text_copy_with_a_stray_byte_reads(tmp_path: Path) -> None:
    text = (DATA / "xiaogang-2021.txt").read_text(encoding="utf-8")
    r = _read(tmp_path, _stray(text, 2), "年报.txt")
    assert r.organ == "宁波市北仑区人民政府小港街道办事处"
    assert len([f for f in r.import_findings if f.code == "STRAY-BYTES"]) == 1


def test_stray_bytes_are_tolerated_up_to_a_handful(tmp_path: Path) -> None:
    """20 in a 40 kB page read; 21 are too many to call a stray byte: refused, never 乱码 —
    as are 3 in a page too short to carry them (one per 1000 bytes)."""
    html = _long_page()
    assert len(html.encode("utf-8")) > 21_000
    r = _read(tmp_path, _stray(html, 20))
    _assert_right(r)
    assert "20处" in next(f.message for f in r.import_findings if f.code == "STRAY-BYTES")
    short = "<p>" + "本年度共收到政府信息公开申请12件。" * 30 + "</p>"  # about 1.5 kB
    for data in (_stray(html, 21), _stray(short, 3)):
        with pytest.raises(ReadError, match="文字编码"):
            decode(data)


def test_a_gbk_text_with_little_chinese_is_not_taken_for_utf8() -> None:
    """A few GBK characters among much ASCII are a few bad UTF-8 bytes too, but no good UTF-8
    stands around them: read as GBK, not as UTF-8 with holes."""
    text = "年报" + "abc 123\n" * 4000 + "某县办公室"
    got = decode(text.encode("gbk"))
    assert (got.text, got.encoding, got.replaced) == (text, "gb18030", 0)


@pytest.mark.parametrize("codec", ["hz", "utf-7"])
@pytest.mark.parametrize("name", ["年报.html", "年报.txt"])
def test_a_seven_bit_encoding_of_chinese_reads(tmp_path: Path, codec: str, name: str) -> None:
    """HZ and UTF-7 texts are all ASCII, so they pass as UTF-8 and were read as 乱码 reports:
    decoded instead, when what they decode to reads as Chinese."""
    if name.endswith(".html"):
        _assert_right(_read(tmp_path, _page(f'<meta charset="{codec}">').encode(codec), name))
    else:
        text = (DATA / "xiaogang-2021.txt").read_text(encoding="utf-8").replace("\xa0", " ")  # GB2312 has no NBSP
        r = _read(tmp_path, text.encode(codec), name)
        assert r.organ == "宁波市北仑区人民政府小港街道办事处"
        assert r.tables == load_report(DATA / "xiaogang-2021.txt").tables


@pytest.mark.parametrize("codec", ["hz", "utf-7"])
def test_a_seven_bit_text_that_decodes_to_no_chinese_is_one_message(tmp_path: Path, codec: str) -> None:
    """Runs that decode to ideographs no Chinese text is made of (GB2312's rarest, as a wrong
    decoding gives) are refused, never 乱码 — and never read as an ASCII page of markers."""
    text = "亍丌兀丐廿卅丕亘丞鬲孬噩丨禺丿匕乇夭爻卮氐囟胤馗毓睾鼗丶亟鼐乜乩亓芈孛啬嘏仄厍厝厣厥厮靥赝匚叵匦匮匾赜卦卣" * 2
    html = f"<html><body><p>{text}</p><p>{text}</p><p>{text}</p><table><tr><td>1</td></tr></table></body></html>"
    with pytest.raises(ReadError) as e:
        _read(tmp_path, html.encode(codec))
    assert UNKNOWN_ENCODING in str(e.value)


def test_an_ascii_page_with_a_few_plus_runs_stays_ascii() -> None:
    """A page writing its Chinese as character references, with a phone number and a sum in
    it, is plain ASCII: not taken for UTF-7."""
    text = "<p>&#x5E74;&#x62A5; tel +86-574-8888 a+bcd-e +ABCD- x+yz12-</p>" * 3
    assert decode(text.encode("ascii")) == Decoded(text, "utf-8")


@pytest.mark.parametrize("end", ["\u2028", "\u2029"])
def test_a_text_copy_with_unicode_line_separators_reads(tmp_path: Path, end: str) -> None:
    text = (DATA / "xiaogang-2021.txt").read_text(encoding="utf-8")
    r = _read(tmp_path, text.replace("\n", end).encode("utf-8"), "年报.txt")
    assert r.tables == load_report(DATA / "xiaogang-2021.txt").tables
    assert r.organ == "宁波市北仑区人民政府小港街道办事处"


@pytest.mark.parametrize("named", ["年报.html", "年报.txt"])
def test_a_stray_byte_in_a_figure_cell_is_not_said_to_be_a_pdfs_font(tmp_path: Path, named: str) -> None:
    """A byte that is no UTF-8 in a figure's cell reads “3�”: the cell was said to hold a glyph a
    PDF's font gives no character for, to be checked “用 PDF 阅读器” — of a web page or a text file.
    What the cell holds is said for whatever file it came from, with what to check it against."""
    from app.checks import run_all

    raw = page({(T3_NEW, T3_COL_NATURAL): "3QQQ"}).encode("utf-8").replace(b"QQQ", b"\xff")
    path = tmp_path / named
    path.write_bytes(raw)
    report = load_report(path)
    said = [f.message for f in run_all(report) if f.code == "VALUE-INVALID" and "3\ufffd" in f.message]
    assert len(said) == 1 and "PDF 阅读器" not in said[0] and "原文件" in said[0] and "编码" in said[0], said
    assert report.tables["三"][(T3_NEW, T3_COL_NATURAL)] is None  # never a figure guessed
