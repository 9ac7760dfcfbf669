"""Headings numbered by list-number fields (LISTNUM, AUTONUM, AUTONUMLGL, AUTONUMOUT): Word stores
no result for them and shows the number it counts.  Read without it, a heading in its author's
own words (“基本情况”) was no heading: 没有找到标题, its text in the section before.  Each file
is built as Word writes the field and read back against the same report numbered as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from tests.conftest import rewrite_docx
from tests.test_reader_forms import _NS, FIGURES, TEXT, _codes, _p
from tests.thirdparty import Spec, build

OWN = {"一": "一、基本情况", "二": "二、主动公开工作", "三": "三、依申请公开办理", "四": "四、复议诉讼", "五": "五、存在的不足及改进措施",
       "六": "六、其他事项说明"}
ARABIC = {k: f"{i + 1}.{h[2:]}" for i, (k, h) in enumerate(OWN.items())}


def _complex(code: str, result: str | None) -> str:
    begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    instr = f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
    shown = "" if result is None else f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
    return begin + instr + shown + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def _simple(code: str) -> str:
    return f'<w:fldSimple w:instr=" {code} "/>'


def _fielded(xml: str, headings: dict[str, str], field: str, cut: int) -> str:
    for heading in headings.values():
        old = _p(heading)
        assert old in xml, heading
        xml = xml.replace(old, f"<w:p>{field}<w:r><w:t>{heading[cut:]}</w:t></w:r></w:p>", 1)
    return xml


_NAMED = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}><w:abstractNum w:abstractNumId="0">'
          '<w:name w:val="报告标题"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
          '<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
          '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')

CASES = {
    "autonum-chinese": (OWN, _complex("AUTONUM \\* CHINESENUM3 \\s 、", None), 2, None),
    "autonum-chinese-simple": (OWN, _simple("AUTONUM \\* CHINESENUM3 \\s 、"), 2, None),
    # Word's field dialog adds \* MERGEFORMAT (更新时保留原格式): it undid CHINESENUM3 (“1、基本情况”
    # quoted in LABEL-EDITED for a heading shown as 一、).
    "autonum-chinese-mergeformat": (OWN, _complex("AUTONUM \\* CHINESENUM3 \\s 、 \\* MERGEFORMAT", None), 2, None),
    "autonum-mergeformat-chinese": (OWN, _complex("AUTONUM \\* MERGEFORMAT \\* CHINESENUM3 \\s 、", None), 2, None),
    "autonum-chinese-charformat-simple": (OWN, _simple("AUTONUM \\* CHINESENUM3 \\* Charformat \\s 、"), 2, None),
    "autonum": (ARABIC, _complex("AUTONUM", None), 2, None),
    "autonumlgl": (ARABIC, _complex("AUTONUMLGL", None), 2, None),
    "listnum-legal": (ARABIC, _complex("LISTNUM LegalDefault \\l 1", None), 2, None),
    "listnum-named": (OWN, _complex('LISTNUM "报告标题" \\l 1', None), 2, _NAMED),
    "listnum-named-empty-result": (OWN, _complex('LISTNUM "报告标题" \\l 1', ""), 2, _NAMED),
}


@pytest.mark.parametrize("case", list(CASES))
def test_headings_numbered_by_list_fields(tmp_path: Path, case: str) -> None:
    headings, field, cut, numbering = CASES[case]
    src = build(Spec(headings=headings, text=TEXT, t3=FIGURES), tmp_path / "typed.docx")
    path = rewrite_docx(src, tmp_path / "fields.docx", lambda xml: _fielded(xml, headings, field, cut))
    if numbering is not None:
        path = rewrite_docx(path, tmp_path / "numbered.docx", lambda _: numbering, part="word/numbering.xml")
    report, typed = load_report(path), load_report(src)
    for key, lines in TEXT.items():
        assert report.section_text(key) == "\n".join(lines), key
    assert report.tables == typed.tables
    assert _codes(report, "MISSING-SECTION") == []
    assert sorted(_codes(report, "LABEL-EDITED")) == sorted(_codes(typed, "LABEL-EDITED"))


def test_a_stored_result_and_a_sub_level_count_as_word_counts(tmp_path: Path) -> None:
    """A field with a result shows it (never a second number); sub-items at \\l 2 count under
    their section and restart in the next: “（一）” under 二 again, not “（三）”."""
    headings = OWN
    src = build(Spec(headings=headings, text={**TEXT, "一": ["甲项", "乙项"], "二": ["丙项"]}, t3=FIGURES), tmp_path / "typed.docx")

    top, sub = _complex('LISTNUM "报告标题" \\l 1', None), _complex('LISTNUM "报告标题" \\l 2', None)

    def edit(xml: str) -> str:
        xml = _fielded(xml, headings, top, 2)
        for line in ("甲项", "乙项", "丙项"):
            xml = xml.replace(_p(line), f"<w:p>{sub}<w:r><w:t>{line}</w:t></w:r></w:p>", 1)
        stored = _complex('LISTNUM "报告标题" \\l 1', "六、")
        return xml.replace(f"{top}<w:r><w:t>其他事项说明", f"{stored}<w:r><w:t>其他事项说明", 1)
    path = rewrite_docx(src, tmp_path / "fields.docx", edit)
    report = load_report(rewrite_docx(path, tmp_path / "numbered.docx", lambda _: _NAMED, part="word/numbering.xml"))
    assert report.section_text("一") == "（一）甲项\n（二）乙项"
    assert report.section_text("二") == "（一）丙项"
    assert report.section_text("六") == "\n".join(TEXT["六"])
    assert _codes(report, "MISSING-SECTION") == []


def test_fields_in_one_paragraph_go_a_level_down_and_a_nested_one_is_ignored(tmp_path: Path) -> None:
    """Three LISTNUM without \\l in one paragraph show 1)a)i) (MS-OI29500: each one level below
    the one before it); a LISTNUM inside an IF field's result is ignored, as Word ignores it."""
    src = build(Spec(text={**TEXT, "一": ["甲项", "乙项"]}, t3=FIGURES), tmp_path / "typed.docx")
    bare = _complex("LISTNUM", None)
    nested = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF 1 = 1 "是" "否" </w:instrText></w:r>'
              f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{bare}<w:r><w:t>是</w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    def edit(xml: str) -> str:
        xml = xml.replace(_p("甲项"), f"<w:p>{bare * 3}<w:r><w:t>甲项</w:t></w:r></w:p>", 1)
        return xml.replace(_p("乙项"), f"<w:p>{nested}<w:r><w:t>乙项</w:t></w:r></w:p>", 1)
    report = load_report(rewrite_docx(src, tmp_path / "fields.docx", edit))
    assert report.section_text("一") == "1)a)i)甲项\n是乙项"


@pytest.mark.parametrize("start", ["100000000000", "9" * 5000, "²", "٣"])
def test_a_hostile_start_is_clamped_as_numbering_xml_starts_are(tmp_path: Path, start: str) -> None:
    """\\\\s 10**11 in an upper-Roman level wrote one M a thousand and never finished (rev21 rev12
    H1); 5,000 digits or “²” (str.isdigit passes it, int() does not) ended in 文件结构异常.  Clamped
    to Word's 32,767 as numbering.xml's starts are, or not a start at all."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "typed.docx")
    field = _complex(f"LISTNUM OutlineDefault \\s {start}", None)
    path = rewrite_docx(src, tmp_path / "fields.docx",
                        lambda xml: xml.replace(_p("总体说明第一段。"), f"<w:p>{field}<w:r><w:t>总体说明第一段。</w:t></w:r></w:p>", 1))
    first = load_report(path).section_text("一").split("\n")[0]
    expected = "M" * 32 + "DCCLXVII." if len(start) > 6 else "I."
    assert first == expected + "总体说明第一段。"


@pytest.mark.parametrize(("form", "shown"), [("roman", "i.甲项\nii.乙项"), ("Roman", "I.甲项\nII.乙项"),
                                             ("alphabetic", "a.甲项\nb.乙项"), ("ALPHABETIC", "A.甲项\nB.乙项")])
def test_roman_and_letters_take_the_case_of_the_switch(tmp_path: Path, form: str, shown: str) -> None:
    """\\* roman and \\* alphabetic show i ii and a b, as Word does (they showed I II and A B)."""
    src = build(Spec(text={**TEXT, "一": ["甲项", "乙项"]}, t3=FIGURES), tmp_path / "typed.docx")
    field = _complex(f"AUTONUM \\* {form} \\* MERGEFORMAT", None)

    def edit(xml: str) -> str:
        for line in ("甲项", "乙项"):
            xml = xml.replace(_p(line), f"<w:p>{field}<w:r><w:t>{line}</w:t></w:r></w:p>", 1)
        return xml
    assert load_report(rewrite_docx(src, tmp_path / "fields.docx", edit)).section_text("一") == shown


def test_fields_in_deleted_text_do_not_count_however_deep(tmp_path: Path) -> None:
    """A LISTNUM in a tracked deletion (one inside another, inside nested content controls) is
    gone once accepted: it does not count; the text around it is read, numbered as Word shows."""
    src = build(Spec(text={**TEXT, "一": ["甲项", "乙项"]}, t3=FIGURES), tmp_path / "typed.docx")
    bare = _complex("LISTNUM", None)
    deleted = f'<w:del w:id="1" w:author="x"><w:del w:id="2" w:author="x">{bare}</w:del>{bare}</w:del>'
    deep = "<w:sdt><w:sdtContent>" * 40 + "{}" + "</w:sdtContent></w:sdt>" * 40

    def edit(xml: str) -> str:
        xml = xml.replace(_p("甲项"), deep.format(f"<w:p>{deleted}{bare}<w:r><w:t>甲项</w:t></w:r></w:p>"), 1)
        return xml.replace(_p("乙项"), f"<w:p>{bare}<w:r><w:t>乙项</w:t></w:r></w:p>", 1)
    assert load_report(rewrite_docx(src, tmp_path / "fields.docx", edit)).section_text("一") == "1)甲项\n2)乙项"
