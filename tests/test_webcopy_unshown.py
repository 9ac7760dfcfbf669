"""Saved web pages: what a browser leaves out by the element's kind or size, or draws too small
or too faint to read, is not read (hostile-file session 12, items 3–5): a statutory table in a
closed <details>, a <dialog> without open or a 0×0 <svg> before the real one was taken for
the report's table (the visible one called its duplicate); “▸ 21” of a closed <details> in a
cell read 211; a “1” at font-size 0.1px before 21 read 121; #fefefe on white read.  Each is
left out and said in HIDDEN-TEXT; what does show (an open <details>, a white figure on the
cell's own dark background, small but legible print) is read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.cli import check_report
from app.reading import load_report
from app.schema import SECTIONS, T3_COL_NATURAL, T3_NEW
from tests.test_webcopy import _html_table, page


def _load(tmp_path: Path, html: str) -> tuple[object, list[str], list[str]]:
    """The 表三 本年新收 自然人 figure, the HIDDEN-TEXT messages and every import finding's code."""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    r = load_report(path)
    hidden = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], hidden, [f.code for f in r.import_findings]


def _cell(tmp_path: Path, cell: str, head: str = "") -> tuple[object, list[str], list[str]]:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace(">CELL<", f">{cell}<", 1)
    return _load(tmp_path, html.replace("</head>", f"{head}</head>", 1))


@pytest.mark.parametrize("wrap", [
    "<details><summary>旧表</summary>{}</details>",
    "<details>{}</details>",
    "<dialog>{}</dialog>",
    '<dialog style="color:red">{}</dialog>',  # the author's CSS gives it no display: the browser's none holds
    '<svg width="0" height="0"><foreignObject width="0" height="0"><div>{}</div></foreignObject></svg>',
    '<svg style="width:0;height:0"><foreignObject width="100%" height="100%"><div>{}</div></foreignObject></svg>',
])
def test_a_table_the_browser_does_not_show_is_not_the_report_table(tmp_path: Path, wrap: str) -> None:
    real = page({(T3_NEW, T3_COL_NATURAL): "37"})
    decoy = wrap.format(_html_table("三", {(T3_NEW, T3_COL_NATURAL): "137"}))
    at = real.index("<div><table", real.index("三、"))  # the decoy right before the real 表三
    value, hidden, codes = _load(tmp_path, real[:at] + decoy + real[at:])
    assert value == 37
    assert len(hidden) == 1 and "1处" in hidden[0] and "details" in hidden[0], hidden
    assert "LABEL-EDITED" not in codes  # no “重复出现 … 未导入” about the table the reader sees


@pytest.mark.parametrize("wrap", [
    "<details open><summary>旧表</summary>{}</details>",
    "<dialog open>{}</dialog>",
    # What the author's CSS shows, a browser shows (it was left out, with HIDDEN-TEXT)
    '<dialog style="display:block">{}</dialog>',
    '<svg width="0" height="0" style="overflow:visible"><foreignObject width="600" height="400">{}</foreignObject></svg>',
])
def test_an_open_details_or_dialog_shows(tmp_path: Path, wrap: str) -> None:
    real = page({(T3_NEW, T3_COL_NATURAL): "CELL"})
    at = real.index("<table", real.index("三、"))
    end = real.index("</table>", at) + len("</table>")
    value, hidden, _ = _load(tmp_path, real[:at] + wrap.format(real[at:end]).replace("CELL", "37") + real[end:])
    assert value == 37 and not hidden


@pytest.mark.parametrize(("cell", "shown"), [
    ("<details><summary>37</summary>1</details>", 37),  # the browser shows ▸ 37
    ("<details><summary>37</summary><p>1</p>9</details>", 37),
    ("<details open><summary>3</summary>7</details>", 37),
    ('<span style="font-size:0.1px">1</span>37', 37),
    ('<span style="font-size:0.01em">1</span>37', 37),
    ('<span style="font-size:1%">1</span>37', 37),
    ('<span style="font-size:2pt">1</span>37', 37),
    ('<span style="font-size:0.2em"><span style="font-size:50%">1</span></span>37', 37),
    ('<span style="color:#fefefe">1</span>37', 37),  # white on white to any eye
    ('<span style="letter-spacing:-1em">1</span>37', 37),  # the 3 drawn over the 1
    ('<span class="tight">1</span>37', 37),  # by a class rule
    ('<span style="letter-spacing:-1px">1</span>37', 137),  # a CJK page's tightening: read
    ('<span style="font-size:6px">1</span>37', 137),  # small print, legible: read (and no HIDDEN-TEXT)
    ('<span style="font-size:0.5em">1</span>37', 137),  # 8px
    ('<span style="color:#ffff00">1</span>37', 137),  # yellow on white: faint, seen
    ('<span style="color:#eeeeee">1</span>37', 137),  # light grey: seen
])
def test_a_figure_reads_as_the_browser_shows_it(tmp_path: Path, cell: str, shown: int) -> None:
    value, hidden, _ = _cell(tmp_path, cell, "<style>.tight { letter-spacing: -0.6em }</style>")
    assert value == shown
    assert len(hidden) == (1 if shown == 37 and "open" not in cell else 0), hidden


@pytest.mark.parametrize("cell", [
    '<td bgcolor="#000000"><p><font color="#000000">1</font><font color="#ffffff">37</font></p></td>',
    '<td style="background-color:#000"><p><span style="color:#010101">1</span><span style="color:white">37</span></p></td>',
    '<td bgcolor="#003366"><p><font color="#ffffff">37</font><font color="#003367">1</font></p></td>',
])
def test_text_is_judged_against_the_cells_own_background(tmp_path: Path, cell: str) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"}).replace("<td><p>CELL</p></td>", cell, 1)
    value, hidden, _ = _load(tmp_path, html)
    assert value == 37 and len(hidden) == 1, hidden


def test_a_row_background_is_behind_its_cells(tmp_path: Path) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "CELL"})
    at = html.rindex("<tr", 0, html.index("CELL"))
    html = html[:at] + '<tr bgcolor="#003366"' + html[at + 3:]
    html = html.replace("CELL", '<font color="#ffffff">37</font><font color="#003366">1</font>', 1)
    value, hidden, _ = _load(tmp_path, html)
    assert value == 37 and len(hidden) == 1, hidden


# As LibreOffice writes a document's page footer (a PAGE field) and header into the page it saves.
_LO_FOOTER = ('<div title="footer"><p class="western" align="right" style="margin-top: 0.43in">\n\t— '
              '<span style="background: #c0c0c0"><sdfield type=PAGE subtype=RANDOM format=PAGE>13</sdfield></span>\n\t—</p>\n</div>')
_LO_HEADER = '<div title="header"><p class="western" align="center">内部资料 注意保存</p></div>'


_LO_GENERATOR = '<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>'


def _lo_page(tmp_path: Path, header: str = _LO_HEADER, footer: str = _LO_FOOTER, generator: str = _LO_GENERATOR) -> Path:
    html = page({(T3_NEW, T3_COL_NATURAL): "37"}).replace("<head>", "<head>" + generator, 1)
    html = html.replace("<body>", "<body>" + header, 1).replace("</div></body>", "</div>" + footer + "</body>", 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_a_libreoffice_page_footer_after_the_date_is_page_furniture(tmp_path: Path) -> None:
    r = load_report(_lo_page(tmp_path))
    assert r.date == dt.date(2024, 1, 18)
    assert "DATE-MISSING" not in {f.code for f in check_report(r)}
    assert not any("13" in r.section_text(spec.key) or "内部资料" in r.section_text(spec.key)
                   for spec in SECTIONS if not spec.table)
    # The header held words, not a page number: left out, and said; the footer's number is not.
    said = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    assert len(said) == 1 and "1处页眉或页脚" in said[0] and "内部资料 注意保存" in said[0], said


def test_a_word_page_footer_is_page_furniture(tmp_path: Path) -> None:
    footer = "<div style='mso-element:footer' id=f1><p class=MsoFooter>第 3 页 共 10 页</p></div>"
    r = load_report(_lo_page(tmp_path, header="", footer=footer, generator=""))
    assert "DATE-MISSING" not in {f.code for f in check_report(r)} and "第 3 页" not in r.section_text("六")
    assert not [f for f in r.import_findings if f.code == "HIDDEN-TEXT"]


def test_a_div_titled_footer_is_text_where_it_is_no_page_furniture(tmp_path: Path) -> None:
    """Only LibreOffice's header and footer, first and last in its page, are furniture: a
    <div title="footer"> holding a paragraph of 五 inside the body, or in a page another program
    wrote, is text the browser shows (it was dropped unsaid: 五 read empty)."""
    html = page({(T3_NEW, T3_COL_NATURAL): "37"}).replace("<head>", "<head>" + _LO_GENERATOR, 1)
    at = html.index("<p>正文内容", html.index("五、"))
    end = html.index("</p>", at) + 4
    html = html[:at] + '<div title="footer"><p>本年度共收到申请37件，全部按期答复。</p></div>' + html[end:]
    (path := tmp_path / "mid.html").write_text(html, encoding="utf-8")
    assert load_report(path).section_text("五") == "本年度共收到申请37件，全部按期答复。"
    r = load_report(_lo_page(tmp_path, header="", generator='<meta name="generator" content="Dreamweaver"/>'))
    assert "— 13" in r.section_text("六")  # read: no program wrote it as page furniture


def test_a_table_titled_footer_is_still_read(tmp_path: Path) -> None:
    html = page({(T3_NEW, T3_COL_NATURAL): "37"})
    at = html.index("<div><table", html.index("三、"))
    html = html[:at] + '<div title="footer">' + html[at + len("<div>"):]
    value, _, _ = _load(tmp_path, html)
    assert value == 37
