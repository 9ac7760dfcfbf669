"""Forms of a report's headings and body that real templates use and the reader lost: headings
beside their text in a table of two columns, section numbers in brackets (【一】, 〔一〕, （一）),
list levels that show a literal text instead of a number (numFmt none, bullets), and a 目录 of
plain lines before the body.  Each file is built as Word/WPS writes it and read back; the
sections, tables and findings must be those of the same report written plainly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.checks import run_all
from app.errors import ReadError
from app.reading import load_report
from app.report import Report
from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, T3_ROW_PATHS
from tests.conftest import rewrite_docx
from tests.thirdparty import HEADINGS, Spec, build

TEXT = {"一": ["总体说明第一段。", "总体说明第二段。"], "二": ["主动说明。"], "三": ["申请说明。"], "四": ["复议说明。"],
        "五": ["问题说明。"], "六": ["其他说明。"]}
FIGURES = {(T3_NEW, T3_COL_NATURAL): "5", (T3_NEW, T3_COL_TOTAL): "5"}
_PREFACE = "本报告根据《中华人民共和国政府信息公开条例》编制。"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _codes(r: Report, *codes: str) -> list[str]:
    return [f.message for f in run_all(r) if f.code in codes]


def _as_plain(report: Report, plain: Report, text: dict[str, list[str]] = TEXT) -> None:
    for key, lines in text.items():
        assert report.section_text(key) == "\n".join(lines), key
    assert report.section_text("前言") == plain.section_text("前言")
    assert report.tables == plain.tables
    assert report.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 5


# -- 1. headings beside their text: a table of two columns ------------------------------------------

def _two_columns(xml: str, keys: str = "一二三四五六", one_table: bool = True) -> str:
    """Each section of ``keys``: its heading in a left cell, its paragraphs and tables in the
    right one (with the paragraph Word requires after a table in a cell); one table of six
    rows, or a table of one row per section."""
    grid = ('<w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/>'
            '<w:gridCol w:w="7000"/></w:tblGrid>')
    starts = [(key, xml.index(_p(h))) for key, h in HEADINGS.items()]
    ends = [at for _, at in starts[1:]] + [xml.index(_p("某市某区人民政府某某街道办事处"))]
    rows = []
    for (key, at), end in zip(starts, ends, strict=True):
        head = _p(HEADINGS[key])
        body = xml[at + len(head):end]
        rows.append((key, at, end, f'<w:tr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{head}</w:tc>'
                                   f'<w:tc><w:tcPr><w:tcW w:w="7000" w:type="dxa"/></w:tcPr>{body}<w:p/></w:tc></w:tr>'))
    chosen = [row for row in rows if row[0] in keys]
    out = xml
    for key, at, end, row in reversed(chosen):
        table = f"<w:tbl>{grid}{row}</w:tbl>"
        if one_table:
            table = (f"<w:tbl>{grid}{''.join(r for _, _, _, r in chosen)}</w:tbl>" if key == chosen[0][0] else "")
        out = out[:at] + table + out[end:]
    return out


@pytest.mark.parametrize(("keys", "one_table"), [("一二三四五六", True), ("一二三四五六", False), ("一五六", False)],
                         ids=["one-table", "a-table-a-section", "text-sections"])
def test_headings_beside_their_text_in_two_columns(tmp_path: Path, keys: str, one_table: bool) -> None:
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")
    path = rewrite_docx(src, tmp_path / "two.docx", lambda xml: _two_columns(xml, keys, one_table))
    report, plain = load_report(path), load_report(src)
    _as_plain(report, plain)
    assert _codes(report, "MISSING-SECTION", "LABEL-EDITED", "DUP-PARAGRAPH") == []
    assert sorted(f.message for f in report.import_findings) == sorted(f.message for f in plain.import_findings)


def test_a_contents_table_of_headings_and_pages_is_no_body(tmp_path: Path) -> None:
    """Two columns of headings and their page numbers (a 目录 laid out as a table) under its
    caption: no section starts in it, the body after it reads whole, and the caption is no line
    of the 前言."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")
    rows = "".join(f"<w:tr><w:tc>{_p(h)}</w:tc><w:tc>{_p(str(1 + i // 2))}</w:tc></w:tr>" for i, h in enumerate(HEADINGS.values()))
    toc = f'<w:tbl><w:tblGrid><w:gridCol w:w="7000"/><w:gridCol w:w="1000"/></w:tblGrid>{rows}</w:tbl>'
    path = rewrite_docx(src, tmp_path / "toc.docx", lambda xml: xml.replace(_p(_PREFACE), _p(_PREFACE) + _p("目  录") + toc, 1))
    report = load_report(path)
    for key, lines in TEXT.items():
        assert report.section_text(key) == "\n".join(lines), key
    assert report.section_text("前言") == _PREFACE
    assert _codes(report, "MISSING-SECTION", "DUP-PARAGRAPH", "NO-FIGURES") == []


def test_listed_headings_in_their_own_words_beside_their_text(tmp_path: Path) -> None:
    """The left cells' headings numbered by a list (一、 from numbering.xml), 一 and 五 in the
    author's words (“基本情况”): found by the list's number, as outside a table."""
    own = {**HEADINGS, "一": "一、基本情况", "五": "五、存在的不足及改进措施"}
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")

    def edit(xml: str) -> str:
        xml = _two_columns(xml, "一五", one_table=False)  # a table each, no heading in them as written
        for key, heading in own.items():
            xml = _listed(xml.replace(_p(HEADINGS[key]), _p(heading), 1), heading, 1, keep=2)
        return xml
    listed = rewrite_docx(src, tmp_path / "two.docx", edit)
    numbered = rewrite_docx(listed, tmp_path / "numbered.docx", lambda _: _numbering([("chineseCounting", "%1、", "")]),
                            part="word/numbering.xml")
    report = load_report(numbered)
    _as_plain(report, load_report(src))
    assert _codes(report, "MISSING-SECTION") == []


# -- 2. section numbers in brackets -------------------------------------------------------------------

_FORMS = ["【{}】", "〔{}〕", "［{}］", "[{}]", "〖{}〗", "（{}）", "({})"]


@pytest.mark.parametrize("form", _FORMS)
def test_section_numbers_in_brackets(tmp_path: Path, form: str) -> None:
    """【一】总体情况 … 【六】其他需要报告的事项, one with a section's own wording under its number."""
    headings = {key: form.format(key) + h[2:] for key, h in HEADINGS.items()}
    headings["五"] = form.format("五") + "存在的不足及改进措施"
    headings["一"] = form.format("一") + "基本情况"
    text = {**TEXT, "一": ["（一）主动公开", "全年主动公开信息100条。"]}
    report = load_report(build(Spec(headings=headings, text=text, t3=FIGURES), tmp_path / "b.docx"))
    for key, lines in text.items():
        assert report.section_text(key) == "\n".join(lines), key
    assert _codes(report, "MISSING-SECTION") == []
    edited = _codes(report, "LABEL-EDITED")
    # 一 and 五 in their own words, one each; 二 三 四 六 differ only in their number: one remark
    assert len(edited) == 3 and all("法定标题" in m for m in edited), edited  # the statutory form is 一、
    assert sum("4个部分" in m for m in edited) == 1, edited


@pytest.mark.parametrize("form", ["【{}】", "（{}）"])
def test_a_bracketed_run_in_heading(tmp_path: Path, form: str) -> None:
    """“【六】其他需要报告的事项。未收取信息处理费。” in one paragraph: the heading, then its text."""
    headings = {key: form.format(key) + h[2:] for key, h in HEADINGS.items()}
    headings["六"] += "。本年度未收取信息处理费。"
    report = load_report(build(Spec(headings=headings, text={**TEXT, "六": []}, t3=FIGURES), tmp_path / "run.docx"))
    assert report.section_text("六") == "本年度未收取信息处理费。"
    assert report.section_text("五") == "问题说明。"
    assert _codes(report, "MISSING-SECTION", "FEE-NOT-REPORTED") == []


def test_a_bracketed_sub_heading_with_a_sections_words_stays_in_its_section(tmp_path: Path) -> None:
    """Under 二、, “（一）总体情况” and “（二）主动公开政府信息情况” are its sub-headings; under
    一、, “（二）主动公开情况” too: the file numbers its sections 一、."""
    text = {**TEXT, "一": ["（一）概况", "（二）主动公开情况", "全年主动公开100条。"],
            "二": ["（一）总体情况", "主动说明。", "（二）主动公开政府信息情况", "详见下表。"]}
    report = load_report(build(Spec(text=text, t3=FIGURES), tmp_path / "sub.docx"))
    for key, lines in text.items():
        assert report.section_text(key) == "\n".join(lines), key
    assert _codes(report, "MISSING-SECTION", "LABEL-EDITED") == []


def test_bracketed_sub_headings_under_bracketed_sections(tmp_path: Path) -> None:
    """Sections numbered 【一】: a “（一）总体情况” under 【二】 goes back, no section; a
    “（三）…” whose words are another section's is no section either."""
    headings = {key: f"【{key}】{h[2:]}" for key, h in HEADINGS.items()}
    text = {**TEXT, "二": ["（一）总体情况", "主动说明。", "（三）收到和处理政府信息公开申请情况", "另见表三。"]}
    report = load_report(build(Spec(headings=headings, text=text, t3=FIGURES), tmp_path / "sub.docx"))
    for key, lines in text.items():
        assert report.section_text(key) == "\n".join(lines), key
    assert _codes(report, "MISSING-SECTION") == []


# -- 3. list levels that show a literal text ----------------------------------------------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_WINGDINGS = '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr>'
_SYMBOL = '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr>'


def _numbering(levels: list[tuple[str, str, str]]) -> str:
    """One list per level (numId 1, 2, …): (numFmt, lvlText, the level's rPr)."""
    abstracts = "".join(f'<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{rpr}</w:lvl></w:abstractNum>'
                        for i, (fmt, text, rpr) in enumerate(levels))
    nums = "".join(f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>' for i in range(len(levels)))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>{abstracts}{nums}</w:numbering>'


def _listed(xml: str, text: str, num: int, keep: int = 0) -> str:
    """The paragraph of ``text`` put in list ``num``, its first ``keep`` characters typed no more."""
    new, n = re.subn(rf"<w:p><w:r><w:t>{re.escape(text)}</w:t>",
                     f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
                     f'<w:r><w:t>{text[keep:]}</w:t>', xml, count=1)
    assert n == 1, text
    return new


def test_list_levels_without_a_number_show_their_text(tmp_path: Path) -> None:
    """Each heading's “一、” is its list level's text (numFmt none, or decimal with no %1 in
    lvlText); the headings are in the author's own words, so found by that number only.  Items
    of bullet lists show their bullet (Wingdings ●, Symbol •, a typed ◆)."""
    headings = {**HEADINGS, "一": "一、基本情况", "五": "五、存在的不足及改进措施", "六": "六、其他事项说明"}
    bullets = ["公开不够及时", "解读不够深入", "回应不够主动"]
    text = {**TEXT, "五": ["问题说明。", *bullets]}
    src = build(Spec(headings=headings, text=text, t3=FIGURES), tmp_path / "plain.docx")

    def lists(xml: str) -> str:
        for i, heading in enumerate(headings.values()):
            xml = _listed(xml, heading, i + 1, keep=2)
        for i, line in enumerate(bullets):
            xml = _listed(xml, line, 7 + i)
        return xml
    levels = [("none", h[:2], "") for h in headings.values()]
    levels[3] = ("decimal", "四、", "")
    levels += [("bullet", "\uf06c", _WINGDINGS), ("bullet", "\uf0b7", _SYMBOL), ("bullet", "◆", "")]
    listed = rewrite_docx(src, tmp_path / "listed.docx", lists)
    report = load_report(rewrite_docx(listed, tmp_path / "numbered.docx", lambda _: _numbering(levels),
                                      part="word/numbering.xml"))
    plain = load_report(src)
    for key in TEXT:
        assert report.section_text(key) == plain.section_text(key).replace(
            "公开不够及时", "●公开不够及时").replace("解读不够深入", "•解读不够深入").replace("回应不够主动", "◆回应不够主动"), key
    assert "●公开不够及时" in report.section_text("五")
    assert report.tables == plain.tables
    assert _codes(report, "MISSING-SECTION") == []
    assert sorted(_codes(report, "LABEL-EDITED")) == sorted(_codes(plain, "LABEL-EDITED"))


def test_bullets_on_headings_and_tables_are_decoration(tmp_path: Path) -> None:
    """项目符号 applied over the whole document (headings, a run-in heading, 表二's cells):
    Word shows ● before each, but the headings are still the headings and the table's labels
    and figures are read as without it — no finding (every heading was 没有找到标题, every
    label of 表二 “被改动”, its figures “数字前有自动编号”)."""
    text = {**TEXT, "六": ["未收取信息处理费。"]}
    src = build(Spec(text=text, t3=FIGURES, t2={(0, 0): "3"}), tmp_path / "plain.docx")

    def bulleted(xml: str) -> str:
        xml = xml.replace(_p(HEADINGS["六"]) + _p("未收取信息处理费。"), _p(HEADINGS["六"] + "。未收取信息处理费。"), 1)
        at = xml.index("规章")
        table = next(m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S) if m.start() < at < m.end())
        xml = xml[:table.start()] + table.group(0).replace(
            "<w:p>", '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>') + xml[table.end():]
        for heading in [*list(HEADINGS.values())[:5], HEADINGS["六"] + "。未收取信息处理费。"]:
            xml = _listed(xml, heading, 1)
        return xml
    listed = rewrite_docx(src, tmp_path / "listed.docx", bulleted)
    report = load_report(rewrite_docx(listed, tmp_path / "bullets.docx", lambda _: _numbering([("bullet", "\uf06c", _WINGDINGS)]),
                                      part="word/numbering.xml"))
    plain = load_report(src)
    _as_plain(report, plain, text)
    assert report.tables["二"] == plain.tables["二"]
    assert sorted(f.message for f in report.import_findings) == sorted(f.message for f in plain.import_findings)
    assert _codes(report, "MISSING-SECTION", "LABEL-EDITED") == _codes(plain, "MISSING-SECTION", "LABEL-EDITED")


# -- 4. a 目录 of plain lines ----------------------------------------------------------------------------

@pytest.mark.parametrize(("caption", "subs"), [("目录", False), ("目  录", True), ("", False)],
                         ids=["caption", "caption-and-sub-entries", "no-caption"])
def test_a_contents_of_plain_lines_is_no_body(tmp_path: Path, caption: str, subs: bool) -> None:
    text = {**TEXT, "一": ["（一）主动公开", "总体说明第一段。", "总体说明第二段。"]}
    src = build(Spec(text=text, t3=FIGURES), tmp_path / "plain.docx")
    entries = list(HEADINGS.values())
    if subs:
        entries.insert(1, "（一）主动公开")
    lines = ([caption, ""] if caption else []) + entries
    toc = "".join(_p(line) if line else "<w:p/>" for line in lines)
    path = rewrite_docx(src, tmp_path / "toc.docx", lambda xml: xml.replace(_p(_PREFACE), _p(_PREFACE) + toc, 1))
    report, plain = load_report(path), load_report(src)
    _as_plain(report, plain, text)
    said = [f for f in report.import_findings if f.kind == "contents"]  # its lines are not saved: said once
    assert len(said) == 1 and f"目录（{len(entries)}行，以“一、总体情况”开头）" in said[0].message
    assert sorted(f.message for f in report.import_findings if f not in said) == sorted(f.message for f in plain.import_findings)


def test_headings_of_empty_sections_in_a_row_are_no_contents(tmp_path: Path) -> None:
    """五 and 六 written with no text under them: their headings, one after the other and not
    repeated, are the body's, not a 目录."""
    text = {**TEXT, "五": [], "六": []}
    report = load_report(build(Spec(text=text, t3=FIGURES), tmp_path / "empty.docx"))
    assert [m for m in _codes(report, "MISSING-SECTION") if "没有找到标题" in m] == []
    assert report.section_text("四") == "复议说明。"


def test_a_stale_contents_is_no_body(tmp_path: Path) -> None:
    """A 目录 not updated since the headings changed: 五 in last year's words, a sub-heading's
    entry the body no longer has.  Its headings come again: it is a 目录 all the same."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")
    entries = list(HEADINGS.values())
    entries[4] = "五、存在的主要问题及改进措施"
    entries.insert(1, "（一）概况")
    toc = _p("目录") + "".join(_p(e) for e in entries)
    path = rewrite_docx(src, tmp_path / "stale.docx", lambda xml: xml.replace(_p(_PREFACE), _p(_PREFACE) + toc, 1))
    report, plain = load_report(path), load_report(src)
    _as_plain(report, plain)
    said = [f for f in report.import_findings if f.kind == "contents"]  # typed by hand: said once
    assert len(said) == 1 and f"目录（{len(entries)}行，以“一、总体情况”开头）" in said[0].message
    assert sorted(f.message for f in report.import_findings if f not in said) == sorted(f.message for f in plain.import_findings)


def test_a_word_contents_without_page_numbers_or_links(tmp_path: Path) -> None:
    """Word's 目录 field with \\n (no page numbers) and without \\h (no links): its entries are
    plain paragraphs in the TOC 1 style."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")
    entries = list(HEADINGS.values())
    paragraphs = []
    for i, entry in enumerate(entries):
        begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\n '
                 '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(entries) - 1 else ""
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{begin}<w:r><w:t>{entry}</w:t></w:r>{end}</w:p>')
    path = rewrite_docx(src, tmp_path / "field.docx", lambda xml: xml.replace(_p(_PREFACE), _p(_PREFACE) + "".join(paragraphs), 1))
    report, plain = load_report(path), load_report(src)
    _as_plain(report, plain)


# -- headings set in 标题 1 without a number ------------------------------------------------------------

_OWN_WORDS = {"一": "基本情况", "二": "主动公开情况", "三": "依申请公开情况", "四": "复议诉讼情况",
              "五": "存在的不足及改进措施", "六": "其他事项"}


@pytest.mark.parametrize("styled", [True, False], ids=["heading-1", "body-style"])
def test_unnumbered_headings_in_heading_1_are_found_by_their_words(tmp_path: Path, styled: bool) -> None:
    """Sections headed in the author's words with no number, set in 标题 1 (Heading 1): found by
    the words, each one section's; the same lines in the body style are text (no number, no
    style: nothing says they are headings)."""
    src = build(Spec(text=TEXT, headings=_OWN_WORDS, t3=FIGURES), tmp_path / "plain.docx")

    def style(xml: str) -> str:
        for words in _OWN_WORDS.values():
            xml = xml.replace(_p(words), f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>{words}</w:t></w:r></w:p>', 1)
        return xml
    report = load_report(rewrite_docx(src, tmp_path / "styled.docx", style) if styled else src)
    if styled:
        for key, lines in TEXT.items():
            assert report.section_text(key) == "\n".join(lines), key
        assert _codes(report, "MISSING-SECTION") == []
        assert len(_codes(report, "LABEL-EDITED")) == 6
    else:
        assert len([m for m in _codes(report, "MISSING-SECTION") if "没有找到标题" in m]) == 6


# -- 表三 continued after a page break under part of its header ---------------------------------------------

@pytest.mark.parametrize("repeated", [[2], [1, 2], [0, 1, 2]], ids=["leaf-row", "two-rows", "whole-header"])
def test_table3_continued_under_part_of_its_header(tmp_path: Path, repeated: list[int]) -> None:
    """表三 split at a page into two tables, the second under a copy of some of the header's
    rows.  Copied alone, the row of 商业企业…其他 has blank cells where 自然人 and 总计 are
    merged from the row above: the second part has the first part's columns (its 自然人
    figures were read as row labels, every row 无法对应)."""
    figures = {(r, c): str(100 + r * 10 + c) for r in range(len(T3_ROW_PATHS)) for c in range(7)}
    src = build(Spec(t3=figures), tmp_path / "whole.docx")

    def split(xml: str) -> str:
        at = xml.index("本年新收")
        m = next(m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S) if m.start() < at < m.end())
        table = m.group(0)
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, re.S)
        head = table[:table.index("<w:tr")]
        first = head + "".join(rows[:12]) + "</w:tbl>"
        second = head + "".join(rows[k] for k in repeated) + "".join(rows[12:]) + "</w:tbl>"
        return xml[:m.start()] + first + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + second + xml[m.end():]
    report = load_report(rewrite_docx(src, tmp_path / "split.docx", split))
    assert report.tables["三"] == load_report(src).tables["三"]
    assert all(report.tables["三"][cell] == int(text) for cell, text in figures.items())
    assert [f.message for f in report.import_findings] == []


_CN = "一二三四五六七八九十"
_ROW_NUMBERS = {"1": str, "（1）": lambda n: f"（{n}）", "(1)": lambda n: f"({n})", "①": lambda n: chr(0x245F + n),
                "一": lambda n: _CN[n - 1], "一、": lambda n: _CN[n - 1] + "、", "blank": lambda n: ""}
_GROUP_NUMBERS = {"blank": lambda g: "", "一、": lambda g: _CN[g] + "、", "（一）": lambda g: f"（{_CN[g]}）"}


@pytest.mark.parametrize("header", ["序号", "blank"])
@pytest.mark.parametrize("groups", list(_GROUP_NUMBERS))
@pytest.mark.parametrize("numbers", list(_ROW_NUMBERS))
def test_table2_with_a_column_of_row_numbers(tmp_path: Path, numbers: str, groups: str, header: str) -> None:
    """表二 with a 序号 column before the row names (序号 over each group's 信息内容, 1, 2 …
    before 规章, 行政规范性文件 …): every figure read, nothing said (its rows were 无法对应,
    their labels taken from the numbers).  The column is the table's, whatever its numbers
    (（1） (1) ① 一 一、) or none (a template's column nobody filled lost every figure of 表二,
    nothing said), and a group row's 一、 in it is no edited label (LABEL-EDITED “一、”)."""
    number, group = _ROW_NUMBERS[numbers], _GROUP_NUMBERS[groups]
    figures = {(r, c): str(50 + r * 3 + c) for r in range(10) for c in range(3)}
    src = build(Spec(t2=figures, t3=FIGURES), tmp_path / "plain.docx")

    def cell(text: str) -> str:
        return f"<w:tc>{_p(text) if text else '<w:p/>'}</w:tc>"

    def numbered(xml: str) -> str:
        at = xml.index("规章")
        m = next(m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S) if m.start() < at < m.end())
        rows, n, g = [], 0, 0
        for row in re.findall(r"<w:tr[ >].*?</w:tr>", m.group(0), re.S):
            if "第二十条" in row:
                first, g = cell(group(g)), g + 1
            elif "信息内容" in row:
                first = cell("序号" if header == "序号" else "")
            else:
                n += 1
                first = cell(number(n))
            rows.append(re.sub(r"(<w:tr[^>]*>(?:<w:trPr>.*?</w:trPr>)?)", lambda g, first=first: g.group(1) + first, row, count=1, flags=re.S))
        head = m.group(0)[:m.group(0).index("<w:tr")].replace("<w:tblGrid>", '<w:tblGrid><w:gridCol w:w="500"/>')
        return xml[:m.start()] + head + "".join(rows) + "</w:tbl>" + xml[m.end():]
    report, plain = load_report(rewrite_docx(src, tmp_path / "seq.docx", numbered)), load_report(src)
    assert report.tables["二"] == plain.tables["二"]
    assert [f.message for f in report.import_findings] == [f.message for f in plain.import_findings]
    assert sum(v is not None for v in plain.tables["二"].values()) == 10


def test_a_table2_row_without_a_label_says_its_figures(tmp_path: Path) -> None:
    """A 表二 row whose label cell is empty, its figures filled: no row to put them in, and they
    are said (they were dropped without a word, the checks then asking for 0 in those cells)."""
    figures = {(r, c): str(50 + r * 3 + c) for r in range(10) for c in range(3)}
    src = build(Spec(t2=figures, t3=FIGURES), tmp_path / "plain.docx")
    report = load_report(rewrite_docx(src, tmp_path / "nolabel.docx", lambda xml: xml.replace(">规章<", "><", 1)))
    said = [f.message for f in report.import_findings if "没有行名" in f.message]
    assert len(said) == 1 and "50、51、52" in said[0], [f.message for f in report.import_findings]



def test_only_lines_before_the_body_can_be_a_contents() -> None:
    """A 目录 stands once, before the body: headings in a row further on (sections left empty,
    written again below) are the body's, never taken out as one."""
    from app.docx.blocks import ParaBlock
    from app.docx.contents import toc_entries
    from app.docx.headings import classify_heading

    heads = [HEADINGS[k] for k in "一二三四"]
    lines = [*heads[:3], heads[0], "正文。", *heads[1:], "正文。", *heads[1:], "正文。"]
    blocks = [ParaBlock.of_text(i, line) for i, line in enumerate(lines)]
    assert toc_entries(list(blocks), lambda text: (hit := classify_heading(text, False, "")) and hit[0]) == {0, 1, 2}


def test_a_two_column_table_of_thousands_of_rows_is_a_table(tmp_path: Path) -> None:
    """A heading in the left column of a table of 20,000 rows: data, not a layout — bounded as a
    table is (refused past its rows), not walked as 40,000 paragraphs."""
    src = build(Spec(text=TEXT, t3=FIGURES), tmp_path / "plain.docx")
    rows = "".join(f"<w:tr><w:tc>{_p(HEADINGS['一'] if i == 0 else '')}</w:tc><w:tc>{_p(f'第{i}行')}</w:tc></w:tr>"
                   for i in range(20_000))
    table = f'<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="6000"/></w:tblGrid>{rows}</w:tbl>'
    path = rewrite_docx(src, tmp_path / "big.docx", lambda xml: xml.replace(_p(_PREFACE), _p(_PREFACE) + table, 1))
    with pytest.raises(ReadError, match="一个表格超过10000行"):
        load_report(path)


def test_lines_with_page_numbers_after_the_body_began_are_text() -> None:
    """Lines ending in a number after a tab, one of them like a heading, once the body has begun
    (under 一, after its text): no 目录 stands there, nothing is taken out (rev1 L3)."""
    from app.docx.blocks import ParaBlock
    from app.docx.contents import toc_entries
    from app.docx.headings import classify_heading

    lines = [HEADINGS["一"], "正文。", f"{HEADINGS['二']}\t5", "（一）主动公开\t6", "正文。"]
    blocks = [ParaBlock.of_text(i, line) for i, line in enumerate(lines)]
    assert toc_entries(list(blocks), lambda text: (hit := classify_heading(text, False, "")) and hit[0]) == set()
