"""Fields whose stored result is not what Word shows once they are updated, beyond formulas
(hostile16): a REF whose bookmark now holds another text, an IF whose condition takes the other
branch, and a document whose settings.xml sets w:updateFields (Word asks on opening whether to
update every field).  What Word shows on opening without updating — the stored result — is
read, and FIELD-STALE says both (it was silent for REF and IF, and said nothing of the question
Word asks)."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest
from lxml import etree

from app.docx import formulas
from app.findings import FIELD_STALE
from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.conftest import rewrite_docx
from tests.test_docx_fields import _cell, _code, _field, _t
from tests.thirdparty import Spec, build

_BOOKMARK = ('<w:p><w:bookmarkStart w:id="90" w:name="新收合计"/><w:r><w:t>{}</w:t></w:r>'
             '<w:bookmarkEnd w:id="90"/></w:p>')


def _read(tmp_path: Path, runs: str, bookmark: str | None = None, update: str | None = None) -> tuple[object, list[str]]:
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    path = _cell(runs, src, tmp_path / "cell.docx")
    if bookmark is not None:  # a paragraph of the body that holds the bookmark, after the title
        path = rewrite_docx(path, tmp_path / "marked.docx",
                            lambda xml: re.sub(r"(<w:body>.*?</w:p>)", lambda m: m.group(1) + _BOOKMARK.format(bookmark),
                                               xml, count=1, flags=re.S))
    if update is not None:
        path = rewrite_docx(path, tmp_path / "settings.docx",
                            lambda xml: re.sub(r"(<w:settings[^>]*>)", lambda m: m.group(1) + update, xml, count=1),
                            part="word/settings.xml")
    report = load_report(path)
    said = [f.message for f in report.import_findings if f.code == FIELD_STALE.code]
    return report.tables[REQUESTS][(T3_NEW, 0)], said


def test_a_reference_to_a_bookmark_now_holding_another_figure(tmp_path: Path) -> None:
    value, said = _read(tmp_path, _field(_code(" REF 新收合计 \\h "), _t("37")), bookmark="121")
    assert value == 37  # what Word shows until updated
    assert len(said) == 1 and "“REF 新收合计 \\h”引用的书签现为“121”，文件中保存的结果是“37”" in said[0], said


@pytest.mark.parametrize(("code", "then"), [
    (' IF 5 > 3 "121" "37" ', "121"),
    (' IF 1 = 2 "37" "121" ', "121"),
    (' IF 10 &lt;&gt; 10 "37" "0" ', "0"),
])
def test_a_condition_whose_other_branch_is_stored(tmp_path: Path, code: str, then: str) -> None:
    value, said = _read(tmp_path, _field(_code(code), _t("37")))
    assert value == 37
    assert len(said) == 1 and f"按条件应显示“{then}”，文件中保存的结果是“37”" in said[0], said


def test_a_field_of_fields_is_not_judged(tmp_path: Path) -> None:
    """{ IF { =100+21 } > 100 … }: the nested field is part of the code (its text is taken out
    before this is judged), so neither is judged — the nested one was told as storing nothing."""
    nested = '<w:fldSimple w:instr=" =100+21 ">' + _t("121") + "</w:fldSimple>"
    runs = _field(_code(" IF ") + nested + _code(' > 100 "121" "37" '), _t("37"))
    value, said = _read(tmp_path, runs)
    assert value == 37 and not said, said


def test_update_fields_on_opening_is_said_with_the_stale_field(tmp_path: Path) -> None:
    value, said = _read(tmp_path, _field(_code(" =100+21 "), _t("37")), update='<w:updateFields w:val="true"/>')
    assert value == 37 and len(said) == 1 and "文件设为打开时更新域" in said[0], said


@pytest.mark.parametrize(("runs", "bookmark", "update"), [
    (_field(_code(" REF 新收合计 \\h "), _t("37")), "37", None),  # the bookmark holds what is stored
    (_field(_code(" REF 新收合计 "), _t("错误!未找到引用源。")), None, None),  # no such bookmark, stored so
    (_field(_code(" REF 新收合计 "), _t("Error! Reference source not found.")), None, None),  # English Word's
    (_field(_code(' IF "a" = "a" "37" "121" '), _t("37")), None, None),
    (_field(_code(' IF 2023年度 = *年度 "37" "121" '), _t("37")), None, None),
    (_field(_code(' IF 5 > 3 "37" "121" '), _t("37")), None, None),
    (_field(_code(' IF 甲 = 乙 "121" "37" '), _t("37")), None, None),  # text compared: not judged
    (_field(_code(" =30+7 "), _t("37")), None, '<w:updateFields w:val="true"/>'),  # updating changes nothing
    (_field(_code(" =100+21 "), _t("37")), None, '<w:updateFields w:val="false"/>'),
])
def test_fields_that_show_the_same_once_updated(tmp_path: Path, runs: str, bookmark: str | None, update: str | None) -> None:
    value, said = _read(tmp_path, runs, bookmark, update)
    assert value == (None if "REF" in runs and bookmark is None else 37)  # (Word's error text: no figure)
    if "=100+21" in runs:  # the formula is stale; the settings ask nothing
        assert len(said) == 1 and "文件设为打开时更新域" not in said[0], said
    else:
        assert not said, said


@pytest.mark.parametrize(("code", "bookmark", "stored"), [
    (' REF 新收合计 \\# "#,##0" \\h ', "1234", "1,234"),  # a number format: 1234 shown as 1,234
    (" REF 新收合计 \\* Upper ", "abc", "ABC"),  # a case switch
    (" REF 新收合计 \\n \\h ", "37", "2"),  # the number of the bookmark's paragraph, not its text
    (" REF 新收合计 \\r ", "37", "(2)"),
    (" REF 新收合计 \\p ", "37", "above"),  # where the bookmark is
])
def test_a_reference_whose_switches_show_it_otherwise_is_not_said_stale(
        tmp_path: Path, code: str, bookmark: str, stored: str) -> None:
    """review17: the switches were taken off before the bookmark's text was compared, so a REF
    Word shows exactly as stored was said to change on updating (“引用的书签现为“1234”，文件中
    保存的结果是“1,234””, asking the reviewer to check a figure that is right)."""
    _value, said = _read(tmp_path, _field(_code(code), _t(stored)), bookmark=bookmark)
    assert not said, said


def test_a_reference_with_a_link_and_its_look_kept_is_still_judged(tmp_path: Path) -> None:
    value, said = _read(tmp_path, _field(_code(" REF 新收合计 \\h \\* MERGEFORMAT "), _t("37")), bookmark="121")
    assert value == 37 and len(said) == 1 and "引用的书签现为“121”" in said[0], said


# -- hostile17: text compared, a bookmark missing ------------------------------------------------------

@pytest.mark.parametrize(("code", "then"), [
    (' IF "a" = "a" "121" "37" ', "121"),  # text compared: Word compares it (hostile16 left it unjudged)
    (' IF "a" = "A" "37" "121" ', "121"),  # case and all
    (' IF 甲 &lt;&gt; 乙 "121" "37" ', "121"),
    (' IF 2023年度报告 = *年度报告 "121" "37" ', "121"),  # the right side's * is any run
    (' IF 2023年度报告 = 202?年度报告 "121" "37" ', "121"),  # ? any one character
    (' IF "x" = "y" "37" ', ""),  # no else branch: nothing shown
])
def test_a_condition_on_text_whose_other_branch_is_stored(tmp_path: Path, code: str, then: str) -> None:
    value, said = _read(tmp_path, _field(_code(code), _t("37")))
    assert value == 37
    assert len(said) == 1 and f"按条件应显示“{then}”，文件中保存的结果是“37”" in said[0], said


def test_a_reference_to_a_bookmark_the_file_does_not_have(tmp_path: Path) -> None:
    """Word shows the stored 37 until the fields are updated; then “错误!未找到引用源。”
    (English Word: “Error! Reference source not found.”), no figure at all."""
    value, said = _read(tmp_path, _field(_code(" REF 新收合计 \\h "), _t("37")), update='<w:updateFields w:val="true"/>')
    assert value == 37
    assert len(said) == 1 and "引用的书签在文件中不存在，更新后 Word 显示“错误!未找到引用源。”，文件中保存的结果是“37”" in said[0]
    assert "文件设为打开时更新域" in said[0], said


# -- left18b: bookmarks never closed, bookmarks over the whole document -------------------------------

def test_a_reference_to_a_bookmark_never_closed_is_to_no_bookmark(tmp_path: Path) -> None:
    """A w:bookmarkStart without its w:bookmarkEnd is no bookmark (Word and LibreOffice make one
    at its end mark): updated, the REF shows the error text — not the whole rest of the document."""
    unclosed = '<w:p><w:bookmarkStart w:id="90" w:name="新收合计"/><w:r><w:t>121</w:t></w:r></w:p>'
    src = build(Spec(t3={(T3_NEW, 0): "37"}), tmp_path / "src.docx")
    cell = _cell(_field(_code(" REF 新收合计 \\h "), _t("37")), src, tmp_path / "cell.docx")
    path = rewrite_docx(cell, tmp_path / "unclosed.docx",
                        lambda xml: re.sub(r"(<w:body>.*?</w:p>)", lambda m: m.group(1) + unclosed, xml, count=1, flags=re.S))
    report = load_report(path)
    said = [f.message for f in report.import_findings if f.code == FIELD_STALE.code]
    assert report.tables[REQUESTS][(T3_NEW, 0)] == 37
    assert len(said) == 1 and "引用的书签在文件中不存在" in said[0], said


def _body(bookmarks: str, paragraphs: int) -> etree._Element:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    refs = "".join(f'<w:fldSimple w:instr=" REF 书签{i} "><w:r><w:t>37</w:t></w:r></w:fldSimple>' for i in range(64))
    text = "".join(f"<w:p><w:r><w:t>{'政府信息公开工作年度报告正文' * 4}{n}</w:t></w:r></w:p>" for n in range(paragraphs))
    return etree.fromstring(f'<w:body xmlns:w="{w}"><w:p>{bookmarks}{refs}</w:p>{text}</w:body>')


def test_64_bookmarks_never_closed_do_not_copy_the_document_64_times() -> None:
    """hostile: 64 unclosed bookmarks and a REF to each — each gathered the whole rest of the
    document (64 copies, kept in the findings); now none is a bookmark and the text is read once."""
    body = _body("".join(f'<w:bookmarkStart w:id="{i}" w:name="书签{i}"/>' for i in range(64)), 5000)
    size = sum(len(t.text or "") for t in body.iter(f"{{{body.nsmap['w']}}}t"))
    tracemalloc.start()
    found = formulas.stale_formulas(body)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [s.updated for s in found] == [formulas.MISSING_BOOKMARK] * 64
    assert peak < 8 * size, f"{peak} bytes at most for {size} characters"


def test_bookmarks_over_the_whole_document_are_not_judged_and_not_copied() -> None:
    """64 closed bookmarks each holding the whole document (legal, if odd): a REF to half the
    document is no figure, so it is not judged, and its text is never joined."""
    starts = "".join(f'<w:bookmarkStart w:id="{i}" w:name="书签{i}"/>' for i in range(64))
    body = _body(starts, 5000)
    body.append(etree.fromstring(f'<w:p xmlns:w="{body.nsmap["w"]}">'
                                 + "".join(f'<w:bookmarkEnd w:id="{i}"/>' for i in range(64)) + "</w:p>"))
    size = sum(len(t.text or "") for t in body.iter(f"{{{body.nsmap['w']}}}t"))
    tracemalloc.start()
    found = formulas.stale_formulas(body)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert found == [] and formulas._Bookmarks(body).text("书签0") is formulas.TOO_LONG
    assert peak < 8 * size, f"{peak} bytes at most for {size} characters"


def test_no_text_a_bookmark_holds_is_taken_for_the_too_long_mark() -> None:
    """rev18: the mark for a bookmark too long to judge was the text "\\x00", so a bookmark whose
    text was that string would have had its REF left unjudged.  The mark is no str: every text a
    bookmark's reader returns is what the REF shows.  (XML cannot hold U+0000, so the stand-in
    reader here returns what a document could never give — the only way to reach it.)"""

    class Holding(formulas._Bookmarks):
        def text(self, name: str) -> str | None:
            return "\x00"

    body = _body("", 1)
    assert formulas._reference(" REF 书签0 ", Holding(body)) == "\x00"
    assert not isinstance(formulas.TOO_LONG, str)
    assert formulas._reference(" REF 书签0 ", formulas._Bookmarks(body)) == formulas.MISSING_BOOKMARK
