"""Reports saved from government sites' CMS pages, as their templates write them: the article
in a <div class="TRS_Editor"> inside one <td> of a layout table (a menu table beside it), the
tables pasted from Word (<p class="MsoNormal"> in every cell, <o:p>, the hidden column-width
row), figures in styled <span>s padded with &nbsp;, GBK declared in a <meta>.  Every figure of
the three tables is different, so a figure read from a neighbour's place cannot pass."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from app.io import save_report
from app.reading import load_report
from app.schema import TABLES, Kind

ORGAN = "宁波市北仑区人民政府小港街道办事处"
TITLE = f"{ORGAN}2021年度政府信息公开工作年度报告"
VALUES = {(key, c.row, c.col): ("12.5" if c.kind is Kind.AMOUNT else str(100 + 7 * i + k))
          for k, (key, spec) in enumerate(TABLES.items()) for i, c in enumerate(spec.cells)}
TEXT = {
    "一": ["2021年，小港街道高度重视政府信息公开工作，全面贯彻《中华人民共和国政府信息公开条例》。",
          "全年主动公开政府信息3500条，其中通过门户网站公开2100条。"],
    "五": ["一是政府信息公开工作规范化有待进一步加强；二是信息公开内容与公众需求存在一定差距。"],
    "六": ["本机关2021年度未收取信息处理费。"],
}
HEADINGS = {"一": "一、总体情况", "二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
            "四": "四、政府信息公开行政复议、行政诉讼情况", "五": "五、存在的主要问题及改进情况", "六": "六、其他需要报告的事项"}


def _word_cell(text: str, figure: bool) -> str:
    """A cell as Word's paste writes it; a figure digit by digit in styled spans, padded."""
    inner = html.escape(text)
    if figure:
        inner = "&nbsp;" + "".join(f'<span style="font-family:仿宋_GB2312;font-size:16px">{ch}</span>' for ch in inner) + "&nbsp;"
    return (f'<p class="MsoNormal" align="center" style="text-align:center"><span lang="EN-US" '
            f'style="font-size:10.0pt;font-family:宋体">{inner}<o:p></o:p></span></p>')


def _table(key: str) -> str:
    rows: dict[int, list[str]] = {}
    for cell in TABLES[key].layout:
        figure = cell.data is not None
        text = VALUES[(key, *cell.data)] if cell.data is not None else cell.text
        span = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
        rows.setdefault(cell.row, []).append(f'<td{span} style="border:solid windowtext 1.0pt">{_word_cell(text, figure)}</td>')
    trs = "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
    widths = "<![if !supportMisalignedColumns]><tr height=0>" + "<td width=60></td>" * 10 + "</tr><![endif]>"
    return f'<table class="MsoNormalTable" border="1" cellspacing="0" style="border-collapse:collapse">{trs}{widths}</table>'


def _article() -> str:
    parts = [f'<p align="center"><strong>{TITLE}</strong></p>',
             "<p>&nbsp;&nbsp;&nbsp;&nbsp;本报告依据《中华人民共和国政府信息公开条例》编制。</p>"]
    for key, heading in HEADINGS.items():
        parts.append(f"<p><strong>{heading}</strong></p>")
        parts += [f'<p style="text-indent:2em">&nbsp;{html.escape(line)}</p>' for line in TEXT.get(key, [])]
        if key in TABLES:
            parts.append(f'<div align="center">{_table(key)}</div>')
    parts.append(f'<p align="right">{ORGAN}</p><p align="right">2022年1月12日</p>')
    return ('<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{line-height:1.8;font-family:宋体}</style>'
            f'<div class="Custom_UnionStyle">{"".join(parts)}</div></div>')


def _page(article: str, layout: str) -> bytes:
    menu = '<table class="menu"><tr><td><a href="/">首页</a></td></tr><tr><td><a href="/zwgk">政务公开</a></td></tr></table>'
    body = {
        "bare": article,
        "one cell": f'<table width="1000" align="center"><tr><td class="bt_content">{article}</td></tr></table>',
        "menu beside": f'<table width="1000"><tr><td width="200">{menu}</td><td valign="top">{article}</td></tr></table>',
        "nested twice": (f'<table width="100%"><tr><td><table width="1000"><tr><td>{article}</td></tr></table>'
                         '</td></tr></table>'),
    }.get(layout, article)
    if layout == "whole page":  # saved from the browser: the site's header, menu, index table and tools around it
        index = ('<table class="xxgk"><tr><td>索引号：</td><td>11330206003069375Y/2022-00012</td><td>发布机构：</td>'
                 f'<td>{ORGAN}</td></tr><tr><td>成文日期：</td><td>2022-01-12</td><td>发布日期：</td><td>2022-01-14</td></tr></table>')
        body = (f'<div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>{index}<h2 class="title">{TITLE}</h2>'
                f'<div class="info">发布时间：2022-01-14 09:30 来源：小港街道 浏览次数：<span>123</span></div>{article}')
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
            f"<title>{TITLE}_北仑区人民政府</title></head><body>{body}</body></html>")
    return page.encode("gbk")


@pytest.mark.parametrize("layout", ["bare", "one cell", "nested twice", "menu beside", "whole page"])
def test_a_cms_page_reads_every_figure_section_and_date(tmp_path: Path, layout: str) -> None:
    """The report inside a layout table read as it reads bare (it read as one cell of one
    table: no tables, no sections, no title — every figure lost); the site's menu, breadcrumb and
    信息索引 table above the title are no part of it (the title was not found below them, and
    they were read into the 前言)."""
    path = tmp_path / "page.html"
    path.write_bytes(_page(_article(), layout))
    r = load_report(path)
    wrong = {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not wrong
    assert (r.organ, r.year, r.date) == (ORGAN, 2021, dt.date(2022, 1, 12))
    assert {k: r.section_text(k) for k in TEXT} == {k: "\n".join(v) for k, v in TEXT.items()}
    assert r.section_text("前言") == "本报告依据《中华人民共和国政府信息公开条例》编制。"
    assert not [(f.code, f.message) for f in r.import_findings]


def test_a_statutory_table_with_a_table_pasted_in_a_cell_stays_a_table(tmp_path: Path) -> None:
    """A table in one of 表三's cells (a note box pasted into the corner cell) does not make
    表三 a layout: its rows have up to ten cells (rev21 M1: its cells were walked as paragraphs,
    190 of the 200 figures lost)."""
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    article = _article()
    assert article.count(corner) == 1
    article = article.replace(corner, corner + "</span></p><table><tr><td>注：单位为件</td></tr></table><p><span>", 1)
    path = tmp_path / "page.html"
    path.write_bytes(_page(article, "one cell"))
    r = load_report(path)
    wrong = {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not wrong
    assert r.section_text("五") == "\n".join(TEXT["五"])


_TOOLS = '<div class="tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="#">打印本页</a> <a href="#">关闭窗口</a></div>'
_FOOTER = ('<div class="related"><h3>相关链接</h3><ul><li><a href="/a">北仑区人民政府2021年度政府信息公开工作年度报告</a></li>'
           '<li><a href="/b">小港街道2020年度政府信息公开工作年度报告</a></li></ul></div>'
           '<div class="footer"><table><tr><td><a href="/">网站地图</a></td><td><a href="/">联系我们</a></td></tr></table>'
           '<p>版权所有：宁波市北仑区人民政府　主办单位：宁波市北仑区人民政府办公室</p>'
           '<p>浙ICP备05012345号-1　网站标识码：3302060001　2022年1月14日</p></div>')
_ANNEX = ["附件：小港街道2021年度政府信息公开工作统计说明", "本说明所列数据截至2021年12月31日。"]


@pytest.mark.parametrize("annex", [False, True], ids=["report", "report-and-annex"])
@pytest.mark.parametrize("where", ["after", "cell"], ids=["divs", "layout-table"])
def test_the_sites_tools_and_footer_after_the_article_are_no_part_of_it(tmp_path: Path, annex: bool, where: str) -> None:
    """A whole saved page: the site's tools, related links and footer after the article's date
    were read into 六 (TEXT-AFTER-SIGNOFF) and saved into the report.  The report ends with the
    article; an annex of its own after its date is still read, and still said."""
    article = _article()
    if annex:
        article = article.replace("</div></div>", "".join(f"<p>{line}</p>" for line in _ANNEX) + "</div></div>")
    if where == "cell":  # the article in one cell of the template's frame, the footer in the next row
        article = f'<table width="1000"><tr><td class="bt_content">{article}</td></tr><tr><td>{_TOOLS}{_FOOTER}</td></tr></table>'
    else:
        article = f'<div class="main">{article}{_TOOLS}</div>{_FOOTER}'
    path = tmp_path / "page.html"
    path.write_bytes(_page(article, "whole page"))
    r = load_report(path)
    wrong = {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not wrong
    assert (r.organ, r.year, r.date) == (ORGAN, 2021, dt.date(2022, 1, 12))
    assert r.section_text("六") == "\n".join(TEXT["六"] + (_ANNEX if annex else []))
    after = [f.message for f in r.import_findings if f.code == "TEXT-AFTER-SIGNOFF"]
    assert len(after) == annex and (not annex or "附件" in after[0]), after
    assert not [(f.code, f.message) for f in r.import_findings if f.code != "TEXT-AFTER-SIGNOFF"]
    saved = tmp_path / "saved.docx"
    save_report(r, saved)
    words = load_report(saved).section_text("六")
    assert "打印本页" not in words and "ICP" not in words and "相关链接" not in words
