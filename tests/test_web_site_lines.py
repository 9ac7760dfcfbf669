"""A government site's own lines around a report — the page information above it (发布时间,
来源, 浏览次数, 【字体：大 中 小】) and the tools and footer below it (打印本页, 相关链接,
网站地图, 主办单位, ICP备, 网站标识码) — where the page's elements do not set them apart: a
template whose footer sits inside the article's element, and a whole page copied as text
(Ctrl+A, Ctrl+C).  They are no part of any section, nor saved with the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from app.report import Report
from tests.test_web_cms import _FOOTER, _TOOLS, ORGAN, TEXT, VALUES, _article, _page

SITE_WORDS = ("打印本页", "关闭窗口", "ICP", "网站标识码", "网站地图", "主办单位", "版权所有", "相关链接", "浏览次数", "字体")


def _no_site_words(r: Report, tmp_path: Path) -> None:
    saved = tmp_path / "saved.docx"
    save_report(r, saved)
    again = load_report(saved)
    for key in ("前言", "一", "二", "三", "四", "五", "六"):
        for words in (r.section_text(key), again.section_text(key)):
            assert not [w for w in SITE_WORDS if w in words], (key, words)


_LINES_FOOTER = ("<p>网站地图 | 联系我们 | 使用帮助 | 隐私声明</p>"
                 "<p>主办单位：宁波市北仑区人民政府办公室　承办单位：北仑区大数据发展中心</p>"
                 "<p>浙ICP备05012345号-1　浙公网安备 33020602000123号</p><p>网站标识码：3302060001</p>"
                 "<p>建议使用1920×1080分辨率，IE9以上浏览器</p>")


@pytest.mark.parametrize("footer", ["tools-and-footer", "lines", "table"])
def test_a_footer_inside_the_articles_element_is_not_read_into_six(tmp_path: Path, footer: str) -> None:
    """The template closes the article's <div> after its footer: the footer stood inside the
    element that holds the report's headings, and was read into 六 (TEXT-AFTER-SIGNOFF)."""
    chrome = {"tools-and-footer": _TOOLS + _FOOTER, "lines": _LINES_FOOTER,
              "table": ('<table class="foot"><tr><td>网站地图</td><td>联系我们</td><td>使用帮助</td></tr></table>'
                        "<p>版权所有：宁波市北仑区人民政府　技术支持：某某信息技术有限公司</p>")}[footer]
    article = _article()
    assert article.endswith("</div></div>")
    path = tmp_path / "page.html"
    path.write_bytes(_page(article[:-len("</div></div>")] + chrome + "</div></div>", "whole page"))
    r = load_report(path)
    assert not {k: v for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert (r.organ, r.year, r.date) == (ORGAN, 2021, dt.date(2022, 1, 12))
    assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}
    assert not [(f.code, f.message) for f in r.import_findings]
    _no_site_words(r, tmp_path)


def test_the_reports_own_words_after_its_date_stay_beside_a_footer(tmp_path: Path) -> None:
    """An annex of the report's own after its date, the footer after it, inside one element: the
    annex is read (and said), the footer's lines are not."""
    annex = ["附件：小港街道2021年度政府信息公开工作统计说明",
             "本说明所列数据截至2021年12月31日，数据来源于区政府信息公开平台和街道依申请公开登记台账，"
             "由街道党政办汇总，经分管领导审核后发布；各村、社区的公开情况另行通报，不计入本报告所列数字。"]
    article = _article()[:-len("</div></div>")] + "".join(f"<p>{line}</p>" for line in annex) + _LINES_FOOTER + "</div></div>"
    path = tmp_path / "page.html"
    path.write_bytes(_page(article, "whole page"))
    r = load_report(path)
    assert r.section_text("六") == "\n".join(TEXT["六"] + annex)
    assert [f.code for f in r.import_findings] == ["TEXT-AFTER-SIGNOFF"]
    _no_site_words(r, tmp_path)


_SAMPLE = Path(__file__).parent / "data" / "xiaogang-2021.txt"
_HEADER = """无障碍浏览 | 长者模式 | 登录 | 注册
宁波市北仑区人民政府
首页
政务公开
政务服务
互动交流
当前位置：首页 > 政务公开 > 政府信息公开年报 > 街道年报
索引号：	11330206003069375Y/2022-00012	发布机构：	小港街道办事处
成文日期：	2022-01-12	发布日期：	2022-01-14
宁波市北仑区人民政府小港街道办事处2021年度政府信息公开工作年度报告
发布时间：2022-01-14 09:30  来源：小港街道  浏览次数：123
【字体：大 中 小】"""
_FOOTER_LINES = """【打印本页】 【关闭窗口】
分享到：
相关链接
北仑区人民政府2021年度政府信息公开工作年度报告
小港街道2020年度政府信息公开工作年度报告
网站地图 | 联系我们 | 使用帮助 | 隐私声明
主办单位：宁波市北仑区人民政府办公室  承办单位：北仑区大数据发展中心
版权所有：宁波市北仑区人民政府
浙ICP备05012345号-1  浙公网安备 33020602000123号  网站标识码：3302060001
建议使用1920×1080分辨率，IE9以上浏览器"""


def _sample_once() -> list[str]:
    """The published sample's text copy, its body once (the file has it pasted twice)."""
    lines = _SAMPLE.read_text(encoding="utf-8").splitlines()
    return lines[:lines.index("一、总体情况", lines.index("一、总体情况") + 1)]


@pytest.mark.parametrize("around", ["header", "footer", "both"])
def test_a_whole_page_copied_as_text_reads_as_the_report_alone(tmp_path: Path, around: str) -> None:
    """The site's lines above the title (after the site's own copy of it: 发布时间, 字体) went
    into the 前言 with the article's title broken over two lines; those below the date into 六."""
    body = _sample_once()
    plain = tmp_path / "plain.txt"
    plain.write_text("\n".join(body) + "\n", encoding="utf-8")
    lines = ([*_HEADER.splitlines(), *body] if around != "footer" else body) + (_FOOTER_LINES.splitlines() if around != "header" else [])
    page = tmp_path / "page.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    a, b = load_report(plain), load_report(page)
    assert a.section_text("前言").startswith("编制说明：") and a.section_text("六").startswith("本年度无其他需要报告的事项")
    assert {k: b.section_text(k) for k in a.sections} == {k: a.section_text(k) for k in a.sections}
    assert (b.organ, b.year, b.date, b.tables) == (a.organ, a.year, a.date, a.tables)
    assert [f.code for f in b.import_findings] == [f.code for f in a.import_findings]
    _no_site_words(b, tmp_path)


def test_the_reports_short_lines_that_mention_the_site_are_its_own(tmp_path: Path) -> None:
    """Words a report uses too (网站, 浏览, 技术支持, 联系) in its own lines stay where they are."""
    body = _sample_once()
    own = ["本机关政府信息公开网站2021年浏览量12万次。", "三是加强技术支持，确保平台稳定运行。", "如有疑问，请联系我们：0574-86100000。"]
    at = body.index("六、其他需要报告的事项") + 1
    page = tmp_path / "page.txt"
    page.write_text("\n".join([*body[:at], *own, *body[at:], *_FOOTER_LINES.splitlines()]) + "\n", encoding="utf-8")
    r = load_report(page)
    assert r.section_text("六").startswith("\n".join(own) + "\n本年度无其他需要报告的事项")
    assert "ICP" not in r.section_text("六") and r.date == dt.date(2022, 1, 12)


def test_a_whole_page_pasted_into_word_reads_as_the_report_alone(tmp_path: Path) -> None:
    """Ctrl+A on the site, pasted into Word, saved as .docx: the site's header above the title
    (the title was not found past the first four lines: TITLE-NONSTANDARD, the header in the
    前言) and its footer after the date (read into 六) are no part of the report."""
    import re

    from tests.conftest import rewrite_docx
    from tests.thirdparty import Spec, build

    text = {"一": ["总体说明。"], "二": ["主动说明。"], "三": ["申请说明。"], "四": ["复议说明。"], "五": ["问题说明。"], "六": ["其他说明。"]}
    organ = "某市某区人民政府某某街道办事处"
    plain = build(Spec(organ=organ, text=text), tmp_path / "plain.docx")
    header = _HEADER.replace("宁波市北仑区人民政府小港街道办事处2021", f"{organ}2023").splitlines()

    def para(line: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'

    def paste(xml: str) -> str:
        body = xml.index("<w:body>") + len("<w:body>")
        xml = xml[:body] + "".join(para(line) for line in header) + xml[body:]
        date = list(re.finditer(r"2024年1月20日</w:t></w:r></w:p>", xml))[-1]
        return xml[:date.end()] + "".join(para(line) for line in _FOOTER_LINES.splitlines()) + xml[date.end():]
    a, b = load_report(plain), load_report(rewrite_docx(plain, tmp_path / "pasted.docx", paste))
    assert {k: b.section_text(k) for k in a.sections} == {k: a.section_text(k) for k in a.sections}
    assert b.section_text("六") == "其他说明。" and b.section_text("前言") == "本报告根据《中华人民共和国政府信息公开条例》编制。"
    assert (b.organ, b.year, b.date, b.tables) == (organ, 2023, dt.date(2024, 1, 20), a.tables)
    assert [f.code for f in b.import_findings] == [f.code for f in a.import_findings]
    _no_site_words(b, tmp_path)


_OWN_SITE_WORDS = {
    "访问量": ["（一）本年度未收取信息处理费。", "（二）本机关门户网站访问量：120万人次。", "（三）人大代表建议和政协提案办理结果均已公开。"],
    "发布时间": ["（一）本年度未收取信息处理费。", "（二）年报发布时间：2024年1月20日前。", "（三）无其他需要报告的事项。"],
    "no-full-stop": ["（一）本年度未收取信息处理费。", "主办单位：区政务服务中心", "来源：区政府办公室", "技术支持：区大数据局"],
}


@pytest.mark.parametrize("pasted", [False, True], ids=["report", "whole-page"])
@pytest.mark.parametrize("case", list(_OWN_SITE_WORDS))
def test_a_reports_own_lines_in_the_sites_words_are_read_and_never_end_it(tmp_path: Path, case: str, pasted: bool) -> None:
    """A Word report's 六 saying “网站访问量：120万人次。” or “发布时间：…” was cut there (e191081):
    the rest of 六 and the 成文日期 were gone (DATE-MISSING for a file that has one).  Only a
    file that shows it is a saved page is looked at for a site's lines, and a line before the
    report's date is the report's even on a page."""
    from tests.conftest import rewrite_docx
    from tests.thirdparty import Spec, build

    text = {"一": ["总体说明。"], "二": ["主动说明。"], "三": ["申请说明。"], "四": ["复议说明。"], "五": ["问题说明。"],
            "六": _OWN_SITE_WORDS[case]}
    organ = "某市某区人民政府某某街道办事处"
    src = build(Spec(organ=organ, text=text), tmp_path / "report.docx")
    if pasted:
        import re

        def para(line: str) -> str:
            return f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'

        def paste(xml: str) -> str:
            date = list(re.finditer(r"2024年1月20日</w:t></w:r></w:p>", xml))[-1]
            return xml[:date.end()] + "".join(para(line) for line in _FOOTER_LINES.splitlines()) + xml[date.end():]
        src = rewrite_docx(src, tmp_path / "pasted.docx", paste)
    r = load_report(src)
    assert r.section_text("六") == "\n".join(_OWN_SITE_WORDS[case])
    assert (r.organ, r.year, r.date) == (organ, 2023, dt.date(2024, 1, 20))
    assert not [f.code for f in r.import_findings]
    if pasted:  # the page's footer after the date is still left out
        assert not [k for k in r.sections if "ICP" in r.section_text(k) or "打印本页" in r.section_text(k)]


def test_a_sentence_in_the_footer_does_not_keep_the_footer_in_six(tmp_path: Path) -> None:
    """A footer with a sentence of its own among its lines (“…不得转载。”): the site's lines
    before that sentence are still left out (the report's own are those before its date)."""
    body = _sample_once()
    footer = _FOOTER_LINES.splitlines()
    footer.insert(footer.index("版权所有：宁波市北仑区人民政府"), "本网站所有内容，未经书面许可，任何单位和个人不得转载。")
    plain, page = tmp_path / "plain.txt", tmp_path / "page.txt"
    plain.write_text("\n".join(body) + "\n", encoding="utf-8")
    page.write_text("\n".join([*body, *footer]) + "\n", encoding="utf-8")
    a, b = load_report(plain), load_report(page)
    assert {k: b.section_text(k) for k in a.sections} == {k: a.section_text(k) for k in a.sections}
    assert b.date == a.date and [f.code for f in b.import_findings] == [f.code for f in a.import_findings]


_SIX_UNDATED = ["（一）收取信息处理费情况：本年度未收取信息处理费", "（二）政府门户网站访问量：125万人次",
                "（三）人大代表建议和政协提案办理情况：办理人大代表建议5件、政协提案3件"]


@pytest.mark.parametrize("form", ["text", "page", "whole-page"])
def test_six_without_a_date_line_is_not_cut_at_a_site_word(tmp_path: Path, form: str) -> None:
    """A web copy whose report has no 成文日期 of its own (the page shows 发布时间) and whose 六
    items have no final stop: the first item using a site's words (“网站访问量：”) was taken for
    the footer's first line, and it and every later item were cut, nothing said (rev22b H2).
    A footer begins only at a line no report writes; a numbered line is the report's."""
    import tests.test_web_cms as cms
    from tests.test_text_copy_delimited import _copy

    if form == "text":
        lines = _copy("sheet").rstrip("\n").split("\n")
        lines = lines[:lines.index(cms.HEADINGS["六"]) + 1] + _SIX_UNDATED + [ORGAN]
        path = tmp_path / "copy.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        monkey = pytest.MonkeyPatch()
        monkey.setattr(cms, "TEXT", {**cms.TEXT, "六": _SIX_UNDATED})
        try:
            art = cms._article().replace('<p align="right">2022年1月12日</p>', "")
            assert "2022年1月12日" not in art
            path = tmp_path / "page.html"
            path.write_bytes(cms._page(art, "bare" if form == "page" else "whole page"))
        finally:
            monkey.undo()
    r = load_report(path)
    assert r.section_text("六").split("\n")[:3] == _SIX_UNDATED
    assert r.organ == ORGAN
    assert not [(f.code, f.message) for f in r.import_findings]
    if form == "whole-page":  # the page's own footer is still left out
        assert not [k for k in r.sections if "ICP" in r.section_text(k) or "打印本页" in r.section_text(k)]
    save_report(r, tmp_path / "saved.docx")
    assert load_report(tmp_path / "saved.docx").section_text("六").split("\n")[:3] == _SIX_UNDATED


def test_an_unnumbered_site_worded_line_left_out_after_the_report_is_said(tmp_path: Path) -> None:
    """A line after the last section in a site's words a report writes too (“网站访问量：…”, no
    list number, no stop) is left out singly — never the lines after it — and said once."""
    from tests.test_text_copy_delimited import _copy
    from tests.test_web_cms import HEADINGS

    six = ["（一）本年度未收取信息处理费", "政府门户网站访问量：125万人次", "（三）人大代表建议和政协提案均已办结"]
    lines = _copy("sheet").rstrip("\n").split("\n")
    lines = lines[:lines.index(HEADINGS["六"]) + 1] + six + [ORGAN]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = load_report(path)
    assert r.section_text("六").split("\n")[:2] == [six[0], six[2]]
    said = [f.message for f in r.import_findings]
    assert len(said) == 1 and "政府门户网站访问量" in said[0] and "未作为正文读入" in said[0]


def test_a_page_pasted_into_word_without_a_date_says_the_site_worded_line_it_left_out(tmp_path: Path) -> None:
    """The same in a whole page pasted into Word, the report without a 成文日期: 六's items
    after a site-worded line were cut with it (rev22b H2); now only that line is left out, said."""
    import re

    from tests.conftest import rewrite_docx
    from tests.thirdparty import Spec, build

    six = ["（一）本年度未收取信息处理费", "政府门户网站访问量：125万人次", "（三）人大代表建议和政协提案均已办结"]
    text = {"一": ["总体说明。"], "二": ["主动说明。"], "三": ["申请说明。"], "四": ["复议说明。"], "五": ["问题说明。"], "六": six}
    src = build(Spec(organ="某市某区人民政府某某街道办事处", text=text), tmp_path / "report.docx")

    def paste(xml: str) -> str:
        date = list(re.finditer(r"2024年1月20日</w:t></w:r></w:p>", xml))[-1]
        footer = "".join(f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>' for line in _FOOTER_LINES.splitlines())
        return (xml[:date.end()] + footer + xml[date.end():]).replace("2024年1月20日</w:t>", "</w:t>")
    r = load_report(rewrite_docx(src, tmp_path / "pasted.docx", paste))
    assert r.section_text("六").split("\n")[:2] == [six[0], six[2]]
    said = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(said) == 1 and "政府门户网站访问量" in said[0], [(f.code, f.message) for f in r.import_findings]
    assert not [k for k in r.sections if "ICP" in r.section_text(k) or "打印本页" in r.section_text(k)]
