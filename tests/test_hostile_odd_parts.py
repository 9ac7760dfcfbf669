"""A reviewer's list of odd and hostile files (hostile32), each read in a bounded child
(tests/hostile.py's run_one: its own processor time, memory capped): a .docx whose tables nest 200
deep, a table of 5,000 columns, 100,000 empty paragraphs, one paragraph of 30 MB, entity tricks,
a 0-byte or UTF-16 document.xml, a 20 MB styles.xml; a workbook declaring all 1,048,576 rows; a
5 MB GBK CSV with mixed line ends; a single-file page of 10,000 parts.  Each is read, or refused
in one Chinese line saying why — never a traceback, a hang or the machine's memory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.reading import load_report
from tests.hostile import run_one
from tests.hostile_base import SAMPLE
from tests.hostile_docx import (
    _nest,
    _sample_rewritten,
    at_body_start,
    big_styles,
    sample_part,
    wide_table,
    with_doctype,
    with_part,
)
from tests.hostile_web import _page_in, csv_lines_ended, workbook_sheet_edited
from tests.mhtmake import blink_mht

READ = ""

# name: (its bytes, words of the one line refusing it, or READ if it opens)
CLASSES: dict[str, tuple[Callable[[], bytes], str]] = {
    "表格套200层.docx": (lambda: _sample_rewritten(_nest(200)), "嵌套超过256层"),
    "5000列.docx": (lambda: wide_table(5000), "一个表格有5000列"),
    "十万空段.docx": (lambda: _sample_rewritten(at_body_start("<w:p/>" * 100_000)), "正文超过100000段"),
    "30MB一段.docx": (lambda: _sample_rewritten(at_body_start(
        "<w:p><w:r><w:t>" + "政府信息公开" * 1_700_000 + "</w:t></w:r></w:p>")), "“word/document.xml”一项就有30 MB"),
    "实体互相引用.docx": (lambda: with_doctype('<!DOCTYPE w:document [<!ENTITY a "&b;"><!ENTITY b "&a;">]>', "&a;"),
                     "不断展开的 XML 实体"),
    "实体平方膨胀.docx": (lambda: with_doctype('<!DOCTYPE w:document [<!ENTITY a "' + "A" * 100_000 + '">]>', "&a;" * 50_000),
                     "不断展开的 XML 实体"),
    "外部实体.docx": (lambda: with_doctype('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"), READ),
    "外部参数实体.docx": (lambda: with_doctype('<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>', "甲"),
                     READ),
    "空正文部件.docx": (lambda: with_part("word/document.xml", b""), "文件已损坏或不完整"),
    "正文UTF-16.docx": (lambda: with_part("word/document.xml", sample_part("word/document.xml").replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")), READ),
    "正文UTF-16未声明.docx": (lambda: with_part("word/document.xml", sample_part("word/document.xml").encode("utf-16")), READ),
    "样式20MB.docx": (lambda: big_styles(20), "“word/styles.xml”一项就有"),
    "声明满行.xlsx": (lambda: workbook_sheet_edited(
        lambda x: x.replace("<sheetData", '<dimension ref="A1:XFD1048576"/><sheetData', 1)), READ),
    "末行有字.xlsx": (lambda: workbook_sheet_edited(lambda x: x.replace(
        "</sheetData>", '<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row></sheetData>')), "1048576行"),
    "5MB混合换行.csv": (lambda: csv_lines_ended(("\r\n", "\n", "\r"), 5 * 10**6), READ),  # its copies said (DUP-PARAGRAPH)
    "一万部分.mht": (lambda: blink_mht([("https://www.example.gov.cn/nb.html", _page_in("utf-8")().decode("utf-8"))],
                                   [(f"https://www.example.gov.cn/s{i}.css", "p{color:red}") for i in range(10_000)]),
                  "超过10000个部分"),
}


@pytest.mark.parametrize("name", CLASSES)
def test_each_odd_file_is_read_or_refused_in_one_line_within_bounds(tmp_path: Path, name: str) -> None:
    make, said = CLASSES[name]
    path = tmp_path / name
    path.write_bytes(make())
    outcome = run_one(path, timeout=20, memory_mb=1536)
    if said == READ:
        assert outcome.result == "read", outcome
    else:
        assert outcome.result == "refused" and said in outcome.message, outcome
        assert outcome.message.startswith(str(path)), outcome
    assert outcome.peak_mb < 600, outcome


def test_an_external_entity_is_never_fetched_into_the_text(tmp_path: Path) -> None:
    """A file's entity naming a file of this machine (/etc/passwd) is never read into the report:
    its reference stays as written, visible where it stood (app/docx/xmlkids.py), the words around it kept."""
    path = tmp_path / "外部实体.docx"
    path.write_bytes(with_doctype('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "甲乙&x;丙丁",
                                  after="本年度无其他需要报告的事项"))
    text = load_report(path).section_text("六")
    assert "root:" not in text and "事项甲乙&x;丙丁" in text, text


@pytest.mark.parametrize("name", ["正文UTF-16.docx", "正文UTF-16未声明.docx"])
def test_a_utf16_document_part_reads_as_the_sample(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(CLASSES[name][0]())
    assert load_report(path).tables == load_report(SAMPLE).tables


def test_a_csv_of_mixed_line_ends_reads_as_one_of_one_kind(tmp_path: Path) -> None:
    """Lines ended \\r\\n, \\n and \\r in turn (a file pieced together on Windows, Linux and an old
    Mac's tool) read the same tables as the file ended \\n throughout."""
    one, mixed = tmp_path / "统一.csv", tmp_path / "混合.csv"
    one.write_bytes(csv_lines_ended(("\n",)))
    mixed.write_bytes(csv_lines_ended(("\r\n", "\n", "\r")))
    plain = load_report(one)
    assert plain.has_figures()
    assert load_report(mixed).tables == plain.tables
