"""Reading other agencies' section headings, list numbers, text boxes and dates
(app/docx/reader.py, blocks.py, numbering.py) on third-party-style .docx files."""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from pathlib import Path

import pytest

from app import office
from app.checks import run_all
from app.docx.numbering import format_number
from app.reading import load_report
from app.report import ParaKind, Report
from app.schema import T3_COL_NATURAL, T3_NEW, T3_ROW
from tests.conftest import rewrite_docx
from tests.pdfmake import needs_soffice
from tests.thirdparty import Spec, build

# One distinct line per section, to see where each lands.
TEXT = {"一": ["总体说明。"], "二": ["主动说明。"], "三": ["申请说明。"], "四": ["复议说明。"], "五": ["问题说明。"],
        "六": ["其他说明。"]}


def _sections_in_place(r: Report) -> None:
    for key, lines in TEXT.items():
        assert r.section_text(key) == "\n".join(lines), key


def _codes(r: Report, *codes: str) -> list[str]:
    return [f.message for f in run_all(r) if f.code in codes]


# Wordings seen in published reports, under the statutory number.
REWORDED = [
    ("五", "五、存在的主要问题和下一步工作打算"),
    ("五", "五、工作中存在的不足及改进措施"),
    ("五", "五、存在的问题及改进措施"),
    ("五", "五、存在的不足和下一步工作计划"),
    ("五", "五、政府信息公开工作存在的主要问题及改进情况"),
    ("五", "第五部分 存在的主要问题和改进措施"),
    ("四", "四、因政府信息公开引起的行政复议、行政诉讼情况"),
    ("四", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    ("四", "四、政府信息公开复议诉讼情况"),
    ("三", "三、依申请公开政府信息情况"),
    ("三", "三、依申请公开情况"),
    ("三", "三、收到和处理政府信息公开申请的情况"),
    ("二", "二、主动公开情况"),
    ("二", "二、主动公开政府信息的情况"),
    ("一", "一、基本情况"),
    ("一", "一、工作概况"),
    ("一", "1.总体情况"),
    ("六", "六、其他事项"),
    ("六", "六、其他需要说明的事项"),
    ("一", "壹、总体情况"),  # upper-case numerals, typed or a chineseLegalSimplified list's
    ("五", "伍、存在的问题及改进措施"),
    ("五", "第伍部分 存在的不足和改进措施"),
    ("一", "Ⅰ、总体情况"),  # Roman numerals, typed or an upperRoman list's
    ("四", "Ⅳ.因政府信息公开引起的行政复议、行政诉讼情况"),
    # The statutory heading and a few words more, no separator between (rev24a M3): one edited
    # heading, not the heading run into a one-word paragraph (“概述” was the section's first).
    ("一", "一、总体情况概述"),
    ("一", "一、总体情况综述"),
    ("五", "五、存在的主要问题及改进情况分析"),
    ("六", "六、其他需要报告的事项说明"),
    ("六", "六、其他需要报告的事项（含收费情况）"),
    ("二", "二、主动公开政府信息情况（表一）"),
]


@pytest.mark.parametrize(("key", "heading"), REWORDED, ids=[h for _, h in REWORDED])
def test_reworded_heading_is_found_under_its_number(tmp_path: Path, key: str, heading: str) -> None:
    r = load_report(build(Spec(headings={key: heading}, text=TEXT), tmp_path / "h.docx"))
    _sections_in_place(r)
    assert _codes(r, "MISSING-SECTION") == []
    edited = _codes(r, "LABEL-EDITED")
    assert len(edited) == 1 and heading in edited[0] and "法定标题" in edited[0], edited


def test_numbered_sub_items_elsewhere_do_not_take_a_section(tmp_path: Path) -> None:
    """“二、改进措施” inside 五 and “三、依申请公开” inside 一 are items, not sections."""
    text = dict(TEXT, 一=["（一）概况", "一、主动公开方面。", "三、依申请公开方面。"],
                五=["一、存在的问题", "公开不够及时。", "二、改进措施", "建立台账。"])
    r = load_report(build(Spec(text=text, headings={"五": "五、存在的不足及改进措施"}), tmp_path / "s.docx"))
    assert r.section_text("一") == "（一）概况\n一、主动公开方面。\n三、依申请公开方面。"
    assert r.section_text("五") == "一、存在的问题\n公开不够及时。\n二、改进措施\n建立台账。"
    assert r.section_text("六") == "其他说明。"
    assert _codes(r, "MISSING-SECTION", "DUP-PARAGRAPH") == []


@pytest.mark.parametrize("key", ["一", "五", "六"])
def test_an_absent_text_heading_is_one_finding(tmp_path: Path, key: str) -> None:
    r = load_report(build(Spec(headings={key: ""}, text={**TEXT, key: []}), tmp_path / "m.docx"))
    missing = [f for f in run_all(r) if f.code == "MISSING-SECTION"]
    assert len(missing) == 1 and missing[0].location.section == key


def test_an_absent_table_heading_is_one_finding(tmp_path: Path) -> None:
    r = load_report(build(Spec(headings={"三": ""}, text=dict(TEXT, 三=[])), tmp_path / "m3.docx"))
    missing = [f for f in run_all(r) if f.code == "MISSING-SECTION"]
    assert len(missing) == 1 and missing[0].location.section == "三"
    assert "三、收到和处理政府信息公开申请情况" in missing[0].message


# -- automatic numbering ----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["word", "wps", "style", "linked", "outline"])
def test_headings_numbered_by_word_or_wps(tmp_path: Path, kind: str) -> None:
    text = dict(TEXT, 一=["（一）主动公开", "全年主动公开信息100条。", "（二）依申请公开", "全年收到申请0件。"],
                五=["问题说明。", "（一）公开不够及时", "（二）解读不够深入"])
    r = load_report(build(Spec(numbering=kind, text=text, t3={(T3_NEW, T3_COL_NATURAL): "2"}), tmp_path / f"{kind}.docx"))
    assert r.section_text("一") == "\n".join(text["一"])
    assert [p.kind for p in r.sections["一"]] == [ParaKind.HEADING2, ParaKind.BODY, ParaKind.HEADING2, ParaKind.BODY]
    assert r.section_text("五") == "\n".join(text["五"])  # （一） restarts in each section
    assert r.section_text("六") == "其他说明。"
    assert _codes(r, "MISSING-SECTION", "LABEL-EDITED") == []
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 2


@pytest.mark.parametrize("kind", ["word", "wps"])
def test_row_labels_numbered_by_a_list(tmp_path: Path, kind: str) -> None:
    """Table 三's “1.属于国家秘密”… with the “1.” from a list restarted in each group."""
    spec = Spec(numbering=kind, number_cells=True, text=TEXT, t3={(T3_ROW["1.属于国家秘密"], T3_COL_NATURAL): "1", (T3_ROW["2.没有现成信息需要另行制作"], T3_COL_NATURAL): "2", (T3_ROW["3.其他"], T3_COL_NATURAL): "3"})
    r = load_report(build(spec, tmp_path / "cells.docx"))
    assert (r.tables["三"][(T3_ROW["1.属于国家秘密"], T3_COL_NATURAL)], r.tables["三"][(T3_ROW["2.没有现成信息需要另行制作"], T3_COL_NATURAL)], r.tables["三"][(T3_ROW["3.其他"], T3_COL_NATURAL)]) == (1, 2, 3)
    assert _codes(r, "LABEL-EDITED") == []
    _sections_in_place(r)


def test_numbered_and_reworded_heading(tmp_path: Path) -> None:
    spec = Spec(numbering="wps", text=TEXT, headings={"五": "五、存在的不足及改进措施"})
    r = load_report(build(spec, tmp_path / "nr.docx"))
    _sections_in_place(r)
    edited = _codes(r, "LABEL-EDITED")
    assert len(edited) == 1 and "五、存在的不足及改进措施" in edited[0]


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
        (20, "chineseCountingThousand", "二十"), (23, "chineseCountingThousand", "二十三"),
        (105, "chineseCounting", "一百零五"), (110, "chineseCounting", "一百一十"),
        (3, "decimal", "3"), (3, "decimalFullWidth", "３"), (2, "decimalEnclosedCircle", "②"),
        (2, "ideographTraditional", "乙"), (4, "upperRoman", "IV"), (3, "lowerLetter", "c"),
        (3, "chineseLegalSimplified", "叁"), (7, "somethingNew", "7"),
        (2, "taiwaneseCountingThousand", "二"), (12, "taiwaneseCountingThousand", "十二"),
    ],
)
def test_list_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


# -- text boxes ----------------------------------------------------------------------------------------

def test_title_in_a_text_box_is_read_once(tmp_path: Path) -> None:
    r = load_report(build(Spec(title_in_textbox=True, text=TEXT), tmp_path / "tb.docx"))
    assert r.organ == "某市某区人民政府某某街道办事处" and r.year == 2023
    assert _codes(r, "TITLE-NONSTANDARD", "DUP-PHRASE", "DUP-PARAGRAPH") == []
    assert "年度报告" not in r.section_text("前言")
    _sections_in_place(r)


def test_a_letterhead_above_the_title_is_not_part_of_it(tmp_path: Path) -> None:
    path = build(Spec(text=TEXT), tmp_path / "red.docx")
    import docx

    from tests.thirdparty import _textbox_paragraph

    d = docx.Document(str(path))
    _textbox_paragraph(d, ["某市某区人民政府某某街道办事处"])
    d.element.body.insert(0, d.paragraphs[-1]._p)  # the letterhead first, as in a 红头 file
    d.save(str(path))
    r = load_report(path)
    assert r.organ == "某市某区人民政府某某街道办事处" and r.year == 2023
    assert _codes(r, "TITLE-NONSTANDARD") == []


@pytest.mark.parametrize("letterhead", [False, True])
def test_a_title_wrapped_between_its_last_two_characters_is_found(tmp_path: Path, letterhead: bool) -> None:
    """A PDF's (or a hand-broken) title whose last line is only “告”: still the title, the organ
    and year read from it; a letterhead above it stays out of it."""
    import docx

    path = build(Spec(text=TEXT), tmp_path / "wrapped.docx")
    d = docx.Document(str(path))
    first = d.paragraphs[0]
    assert first.text == "某市某区人民政府某某街道办事处2023年度政府信息公开工作年度报告"
    first.runs[0].text = "某县某局2023年度政府信息公开工作年度报"
    tail = d.add_paragraph("告")
    first._p.addnext(tail._p)
    if letterhead:
        head = d.add_paragraph("某县某局文件")
        first._p.addprevious(head._p)
    d.save(str(path))
    r = load_report(path)
    assert (r.organ, r.year) == ("某县某局", 2023)
    assert _codes(r, "TITLE-NONSTANDARD") == []
    assert "告" not in r.section_text("前言")[:1]


# -- the 成文日期 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["２０２４年１月２０日", "２０２４年１月 ２０日", "2024年１月20日"])
def test_full_width_digits_in_the_date(tmp_path: Path, written: str) -> None:
    r = load_report(build(Spec(date=written, text=TEXT), tmp_path / "fw.docx"))
    assert r.date == dt.date(2024, 1, 20)
    assert _codes(r, "DATE-MISSING", "DATE-INVALID", "DATE-FORMAT") == []
    assert r.section_text("六") == "其他说明。"  # the signature lines are not body text


# -- a 落款 placed with a table; the date as typed into our own file ------------------------------

_SIGNATURE_TABLE = (
    '<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tblPr>'
    '<w:tblW w:w="0" w:type="auto"/><w:jc w:val="right"/><w:tblBorders><w:top w:val="nil"/>'
    '<w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/>'
    '<w:insideV w:val="nil"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/></w:tblGrid>'
    '<w:tr><w:tc><w:p><w:r><w:t>{organ}</w:t></w:r></w:p></w:tc></w:tr>'
    '<w:tr><w:tc><w:p><w:r><w:t>{date}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')


def _signature_in_a_table(path: Path, organ: str, date: str) -> None:
    """The organ and date paragraphs at the end replaced by a borderless two-row table."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document(str(path))
    lines = [p for p in d.paragraphs if p.text.strip() in (organ, date)][-2:]
    assert [p.text.strip() for p in lines] == [organ, date]
    lines[0]._p.addprevious(parse_xml(_SIGNATURE_TABLE.format(organ=organ, date=date)))
    for p in lines:
        p._p.getparent().remove(p._p)
    d.save(str(path))


@pytest.mark.parametrize("own", [False, True])
def test_a_signature_set_in_a_borderless_table_is_the_signature(tmp_path: Path, own: bool) -> None:
    """WPS/Word users right-align the 落款 with a small borderless table: its date and organ are
    read, no 没有成文日期, no “table that is not a statutory table”, 六's text untouched."""
    path = tmp_path / "sig.docx"
    if own:
        from app.io import save_report
        from tests.helpers import zero_report

        save_report(zero_report("某县某局", 2023, dt.date(2024, 1, 20)), path)
        organ = "某县某局"
    else:
        build(Spec(text=TEXT), path)
        organ = Spec().organ
    six = load_report(path).section_text("六")
    _signature_in_a_table(path, organ, "2024年1月20日")
    r = load_report(path)
    assert r.date == dt.date(2024, 1, 20) and r.organ == organ
    assert _codes(r, "DATE-MISSING", "DATE-INVALID", "DATE-FORMAT", "LABEL-EDITED") == []
    assert r.section_text("六") == six


@pytest.mark.libreoffice
@pytest.mark.skipif(needs_soffice, reason="soffice not installed")
@pytest.mark.parametrize("kind", ["word", "wps"])
def test_numbered_headings_once_saved_by_libreoffice(tmp_path: Path, kind: str) -> None:
    """A report whose headings Word/WPS number (一、 from chineseCounting), saved again as .docx
    by LibreOffice: it writes that format as taiwaneseCountingThousand, which Word shows as
    一、二、 too — still the statutory headings, not “1、总体情况” said to be edited."""
    text = dict(TEXT, 一=["（一）主动公开", "全年主动公开信息100条。"])
    src = build(Spec(numbering=kind, text=text, t3={(T3_NEW, T3_COL_NATURAL): "2"}), tmp_path / f"{kind}.docx")
    out = tmp_path / "lo"
    subprocess.run([office.soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(src)],
                   check=True, timeout=180, capture_output=True)
    assert b"taiwaneseCountingThousand" in zipfile.ZipFile(out / src.name).read("word/numbering.xml")
    r = load_report(out / src.name)
    assert r.section_text("一") == "\n".join(text["一"]) and r.section_text("六") == "其他说明。"
    assert [p.kind for p in r.sections["一"]] == [ParaKind.HEADING2, ParaKind.BODY]
    assert _codes(r, "LABEL-EDITED", "MISSING-SECTION") == []
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 2


@pytest.mark.parametrize("choice", ['<w:numFmt w:val="custom" w:format="一, 二, 三, ..."/>',
                                    '<w:numFmt w:val="custom" w:format="001, 002, 003, ..."/>'],
                         ids=["custom-chinese", "custom-unknown"])
def test_a_list_format_word_2010_defined_reads_as_word_shows_it(tmp_path: Path, choice: str) -> None:
    """Word 2010's 定义新编号格式 writes the level's numFmt in alternate content: a w14 custom
    format (its first numbers say how it counts) and a fallback; “一、” was read as “1、”."""
    text = dict(TEXT, 一=["（一）主动公开", "全年主动公开信息100条。"])
    src = build(Spec(numbering="word", text=text), tmp_path / "word.docx")
    mc = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"')

    def custom(xml: str) -> str:
        fallback = '<w:numFmt w:val="chineseCountingThousand"/>'
        assert fallback in xml
        return xml.replace(fallback, f'<mc:AlternateContent {mc}><mc:Choice Requires="w14">{choice}</mc:Choice>'
                                     f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")

    r = load_report(rewrite_docx(src, tmp_path / "custom.docx", custom, part="word/numbering.xml"))
    assert r.section_text("一") == "\n".join(text["一"])
    _sections_in_place_but(r, "一")
    assert _codes(r, "LABEL-EDITED", "MISSING-SECTION") == []


def _sections_in_place_but(r: Report, *keys: str) -> None:
    for key, lines in TEXT.items():
        if key not in keys:
            assert r.section_text(key) == "\n".join(lines), key


@pytest.mark.parametrize("written", ["二〇二四年一月二十日", "2024年01月20日"])
def test_our_own_file_with_its_date_retyped_in_word_is_checked_too(tmp_path: Path, written: str) -> None:
    """A file this editor wrote, its date line retyped in Word: DATE-FORMAT, as for any file."""
    import docx

    from app.io import save_report
    from tests.helpers import zero_report

    path = tmp_path / "own.docx"
    save_report(zero_report("某县某局", 2023, dt.date(2024, 1, 20)), path)
    d = docx.Document(str(path))
    (line,) = [p for p in d.paragraphs if p.text.strip() == "2024年1月20日"]
    for run in line.runs[1:]:
        run.text = ""
    line.runs[0].text = written
    d.save(str(path))
    r = load_report(path)
    assert r.date == dt.date(2024, 1, 20)
    assert any("应写作“2024年1月20日”" in m for m in _codes(r, "DATE-FORMAT"))


def test_a_two_digit_year_in_the_date_is_a_date_written_short(tmp_path: Path) -> None:
    """“24年1月20日” under the organ: the 成文日期 (2024), said to be written in full — not 没有成文日期."""
    r = load_report(build(Spec(date="24年1月20日", text=TEXT), tmp_path / "short.docx"))
    assert r.date == dt.date(2024, 1, 20)
    assert _codes(r, "DATE-MISSING") == []
    assert any("应写作“2024年1月20日”" in m for m in _codes(r, "DATE-FORMAT"))
    assert r.section_text("六") == "其他说明。"


def test_headings_without_numbers_are_said_once(tmp_path: Path) -> None:
    """Every heading written without its number (“总体情况”, as some offices and web editors
    write them): read by their words, and one note for the file, not six."""
    from tests.thirdparty import HEADINGS, Spec, build

    r = load_report(build(Spec(headings={k: h[2:] for k, h in HEADINGS.items()}, text={"一": ["总体说明。"]}), tmp_path / "bare.docx"))
    assert r.section_text("一") == "总体说明。"
    said = [f.message for f in r.import_findings if f.code == "LABEL-EDITED" and f.kind == "heading"]
    assert said == ["6个部分的标题没有编号（如“总体情况”，法定标题为“一、总体情况”）；已按用词识别，保存时按法定标题写出"]
