"""A report's text structure as PDF→Word converters leave it (rev25a C27, C21): a text block's
lines in ONE paragraph with line breaks (headings on its later lines, the 落款's organ and date
on one line), a page number as a paragraph, a heading cut over two paragraphs.  Each is read as
a person reads the page: the headings found, the date taken, the page number no text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from app.reading import load_report
from app.report import Report
from app.schema import SECTIONS
from tests.thirdparty import Spec, build

ORGAN = "某市某区人民政府某某街道办事处"
FIVE = ["本年度存在的问题是公开不够及时。"]
SIX = ["本年度未收取信息处理费。"]


def _with_breaks(lines: list[str]) -> object:
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return parse_xml(f"<w:p {nsdecls('w')}><w:r>{inner}</w:r></w:p>")


def _converted(tmp_path: Path, page_number: str, signoff: str = "one line") -> Path:
    """The report with 五 and 六 (headings and text) as ONE paragraph of four lines, the 落款's
    organ and date as one line (or as two lines of one paragraph), and ``page_number`` after it."""
    path = build(Spec(organ=ORGAN, text={"五": FIVE, "六": SIX}), tmp_path / "src.docx")
    d = docx.Document(str(path))
    ps = d.paragraphs
    five = next(i for i, p in enumerate(ps) if p.text.startswith("五、"))
    block = ps[five:five + 4]
    assert [p.text for p in block][2].startswith("六、")
    block[0]._p.addprevious(_with_breaks([p.text for p in block]))
    for p in block:
        p._p.getparent().remove(p._p)
    organ = next(p for p in d.paragraphs if p.text == ORGAN)
    date = next(p for p in d.paragraphs if p.text == "2024年1月20日")
    lines = [ORGAN + "2024年1月20日"] if signoff == "one line" else [ORGAN, "2024年1月20日"]
    organ._p.addprevious(_with_breaks(lines))
    for p in (organ, date):
        p._p.getparent().remove(p._p)
    if page_number:
        d.add_paragraph(page_number)
    out = tmp_path / "converted.docx"
    d.save(str(out))
    return out


def _no_missing_heading(r: Report) -> None:
    said = [f.message for f in r.import_findings]
    assert not [m for m in said if "没有找到标题" in m], said


@pytest.mark.parametrize("page_number", ["— 3 —", "- 3 -", "-3-", "第 3 页", "第3页 共8页", "共8页 第3页", ""])
def test_headings_after_a_line_break_and_the_signoff_on_one_line(tmp_path: Path, page_number: str) -> None:
    r = load_report(_converted(tmp_path, page_number))
    _no_missing_heading(r)
    assert r.section_text("四") == ""  # 五's and 六's headings and text were read into 四
    assert r.section_text("五") == FIVE[0] and r.section_text("六") == SIX[0]
    assert r.date == dt.date(2024, 1, 20) and r.organ == ORGAN
    texts = [p.text for paras in r.sections.values() for p in paras]
    assert not any("3" in t and len(t) < 12 for t in texts), texts


def test_the_signoffs_two_lines_in_one_paragraph(tmp_path: Path) -> None:
    r = load_report(_converted(tmp_path, "— 3 —", signoff="two lines"))
    _no_missing_heading(r)
    assert r.section_text("六") == SIX[0] and r.date == dt.date(2024, 1, 20) and r.organ == ORGAN


def test_a_page_number_between_paragraphs_of_a_section_is_no_text(tmp_path: Path) -> None:
    one = ["2023年，本机关认真贯彻落实《条例》。", "— 2 —", "全年主动公开政府信息120条。"]
    r = load_report(build(Spec(organ=ORGAN, text={"一": one}), tmp_path / "r.docx"))
    assert [p.text for p in r.sections["一"]] == [one[0], one[2]]


def test_a_figure_or_a_dash_line_alone_stays_text(tmp_path: Path) -> None:
    """Only a page number's forms are furniture: a bare “3”, “——” or “3-5” someone typed stays."""
    one = ["3", "——", "第3页的表格见附件。", "3-5"]
    r = load_report(build(Spec(organ=ORGAN, text={"一": one}), tmp_path / "r.docx"))
    assert [p.text for p in r.sections["一"]] == one


_CUTS = [(key, spec.heading, k) for spec in SECTIONS for key in [spec.key] for k in (3, len(spec.heading) // 2, len(spec.heading) - 2)]


@pytest.mark.parametrize(("key", "heading", "at"), _CUTS)
@pytest.mark.parametrize("how", ["two paragraphs", "line break"])
def test_a_heading_cut_in_two(tmp_path: Path, key: str, heading: str, at: int, how: str) -> None:
    """“三、收到和处理政府信息公开申请” / “情况”: one heading, its tail no text of the section and
    no edited heading, wherever the cut falls (most first parts are no heading by themselves)."""
    path = build(Spec(organ=ORGAN), tmp_path / "src.docx")
    d = docx.Document(str(path))
    p = next(p for p in d.paragraphs if p.text == heading)
    if how == "line break":
        p._p.addprevious(_with_breaks([heading[:at], heading[at:]]))
        p._p.getparent().remove(p._p)
    else:
        p.text = heading[:at]
        p._p.addnext(_with_breaks([heading[at:]]))
    d.save(str(tmp_path / "cut.docx"))
    r = load_report(tmp_path / "cut.docx")
    _no_missing_heading(r)
    said = [f.message for f in r.import_findings]
    assert not [m for m in said if "标题“" in m], said
    assert heading[at:] not in [p.text for paras in r.sections.values() for p in paras]
    assert r.section_text(key) == ("本年度工作正常开展。" if key in "一五六" else "")


def test_a_short_paragraph_after_a_whole_heading_stays_its_text(tmp_path: Path) -> None:
    """Only what completes a heading is its tail: “无” under 六's whole heading is 六's text."""
    r = load_report(build(Spec(organ=ORGAN, text={"六": ["无"]}), tmp_path / "r.docx"))
    assert r.section_text("六") == "无"


def test_the_preambles_sentence_run_on_after_the_title(tmp_path: Path) -> None:
    """pdf2docx ran the title and the 前言's first sentence into one paragraph, with no break:
    the title is read up to its 报告, the sentence is 前言's (it was lost, quoted as the title)."""
    preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。"
    path = build(Spec(organ=ORGAN), tmp_path / "src.docx")
    d = docx.Document(str(path))
    title, first = d.paragraphs[0], d.paragraphs[1]
    assert first.text == preamble
    title.add_run(preamble)
    first._p.getparent().remove(first._p)
    d.save(str(tmp_path / "glued.docx"))
    r = load_report(tmp_path / "glued.docx")
    assert (r.organ, r.year) == (ORGAN, 2023) and r.section_text("前言") == preamble
    assert not [f.message for f in r.import_findings if "标题" in f.message]


@pytest.mark.parametrize("tail", ["（2024年1月20日）", "（征求意见稿）"])
def test_a_titles_own_ending_stays_its(tmp_path: Path, tail: str) -> None:
    path = build(Spec(organ=ORGAN, title=f"{ORGAN}2023年度政府信息公开工作年度报告{tail}"), tmp_path / "r.docx")
    r = load_report(path)
    assert (r.organ, r.year) == (ORGAN, 2023) and tail not in r.section_text("前言")


def test_a_first_line_that_is_a_sentence_is_no_title(tmp_path: Path) -> None:
    """No title in the text (it is a picture, or a text box a converter dropped): the first line
    is the 前言's sentence “本报告根据…编制。”. It was cut at its 报告 and read as a title whose
    organ is 本报告 (and, before that, whole as the title: organ “本报告根据《中华人民共和国”)."""
    sentence = "本报告根据《中华人民共和国政府信息公开条例》和上级有关要求编制。"
    r = load_report(build(Spec(organ=ORGAN, title=sentence), tmp_path / "r.docx"))
    assert "本报告" not in r.organ and r.year == 2023
    assert r.section_text("前言").startswith(sentence)
    assert [f.message for f in r.import_findings if "没有找到报告标题" in f.message]
