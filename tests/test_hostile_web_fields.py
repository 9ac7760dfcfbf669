"""A web page whose figures are form fields: an OA system's read-only form, or a filled form saved
from the browser, has “<input value="37" readonly>” in 表三's cells.  The browser shows 37 in a
box; the reader read the cell blank (then BLANK-CELL: “fill in 0”).  The value is the field's
text now (app/webfields.py ``field_value``); a placeholder is a prompt, never a figure, and
fields the browser draws as no text of their value (hidden, a password's dots, a tick box) or
that CSS hides stay blank."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import REQUESTS, T3_NEW
from tests.hostile_web import _page_in


def _page_with(tmp_path: Path, field: str, style: str = "") -> Path:
    page = _page_in("utf-8")().decode("utf-8")
    at = page.index("本年新收")
    start, end = page.rindex("<table", 0, at), page.index("</table>", at)
    table = page[start:end].replace("<td><p>0</p></td>", f"<td>{field}</td>", 1)
    path = tmp_path / "表单网页.html"
    path.write_text(page[:start].replace("</head>", f"<style>{style}</style></head>", 1) + table + page[end:], "utf-8")
    return path


@pytest.mark.parametrize("field", ['<input value="37" readonly>', '<input type="text" value="37">',
                                   '<input type="number" value="37" disabled>', '<INPUT TYPE=Text VALUE=37>',
                                   '<input type="tel" value=" 37 ">',
                                   '<input value="37" onfocus="if(this.value==\'0\')this.value=\'\'">'])
def test_a_fields_value_is_the_cells_figure(tmp_path: Path, field: str) -> None:
    assert load_report(_page_with(tmp_path, field)).tables[REQUESTS][(T3_NEW, 0)] == 37


@pytest.mark.parametrize("field", ['<input placeholder="37">', '<input type="hidden" value="37">',
                                   '<input type="password" value="37">', '<input type="checkbox" value="37" checked>',
                                   '<input value="">', '<input type="submit" value="37">'])
def test_what_the_browser_does_not_show_as_text_stays_blank(tmp_path: Path, field: str) -> None:
    assert load_report(_page_with(tmp_path, field)).tables[REQUESTS][(T3_NEW, 0)] is None


def test_a_field_hidden_by_the_pages_css_stays_blank(tmp_path: Path) -> None:
    report = load_report(_page_with(tmp_path, '<input class="old" value="99">', ".old { display: none }"))
    assert report.tables[REQUESTS][(T3_NEW, 0)] is None


@pytest.mark.parametrize("tools", [
    '<p><input type="button" value="打 印" onclick="window.print()"> <input type="button" value="关 闭" onclick="window.close()"></p>',
    '<p><input type="submit" value="返回"><input type="reset" value="重 置"></p>',
    '<form><input type="text" name="q" value="请输入关键字" onfocus="if(this.value==\'请输入关键字\')this.value=\'\'">'
    '<input type="image" src="go.gif" value="搜索"></form>',
    '<form><input type="search" name="q" value="政府信息公开"><input type="submit" value="搜索"></form>',
    '<form action="/search"><input type="text" name="q" value="请输入关键字"></form>',
    '<p><input type="text" name="kw" value="搜索本站"></p>',
    '<p><input type="text" value="输入关键词检索"></p>',
    # a search box holding words, no prompt: what was last searched, a template's default (host31)
    '<form action="/search"><input type="text" name="q" value="政府信息公开"></form>',
    '<form action="/was5/web/search"><input type="text" name="searchword" value="2023年报"><input type="submit" value="搜索"></form>',
    '<div class="search"><input type="text" id="keyword" value="年度报告"><a href="#">搜索</a></div>',
    '<form><input type="text" value="年度报告"><button>检索</button></form>',
    # the button before its box: judged alike whichever comes first (hostile32)
    '<form><button>搜索</button><input type="text" value="年度报告"></form>',
    '<form><button type="submit">检 索</button> <input type="text" value="政府信息公开"></form>',
    '<p><input type="text" class="ss-input" value="信息公开"></p>',
    '<p><button onclick="window.print()">打印本页</button><button>关闭窗口</button></p>',
])
def test_a_pages_buttons_and_prompting_boxes_after_the_report_are_no_text(tmp_path: Path, tools: str) -> None:
    """A government site's article ends with 【打 印】【关 闭】 buttons, a search box prompting in its
    value (cleared by script when clicked, as pages did before the placeholder attribute): a
    button's caption is the page's tool, a prompt nobody's text.  Read as text, “打 印 关 闭” became
    the last line of 六 (TEXT-AFTER-SIGNOFF, and written into the saved .docx)."""
    page = _page_in("utf-8")().decode("utf-8")
    path = tmp_path / "按钮.html"
    path.write_text(page.replace("</div></body>", tools + "</div></body>"), "utf-8")
    report = load_report(path)
    assert report.section_text("六") == "正文内容。\n第二行。"
    assert not [f for f in report.import_findings if f.code == "TEXT-AFTER-SIGNOFF"]


@pytest.mark.parametrize("field", ['<input class="key-value" value="37">', '<input name="q" value="37">',
                                   '<form action="/search"><input value="37"></form>'])
def test_a_box_in_a_statutory_row_is_never_a_search_box(tmp_path: Path, field: str) -> None:
    """Whatever an OA form names its figure's box, in a row of a statutory table it is the figure."""
    assert load_report(_page_with(tmp_path, field)).tables[REQUESTS][(T3_NEW, 0)] == 37


def test_an_oa_forms_boxes_beside_a_query_button_are_still_read(tmp_path: Path) -> None:
    """Only a form's one text box beside 搜索/查询 is a search box: an OA form of many boxes with a
    查询 button keeps its figures, and a box named q1 (a form's question 1) is no search box."""
    path = _page_with(tmp_path, '<input name="q1" value="37"><input type="submit" value="查询">')
    assert load_report(path).tables[REQUESTS][(T3_NEW, 0)] == 37


def test_thousands_of_search_boxes_in_a_long_page_judge_each_parent_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each search box read its parent's whole text to judge the bar around it: 8,000 boxes in a
    page of 200,000 characters took 15 s.  A parent is judged once, reading no more than a bar's words."""
    from app import webfields
    from tests.hostile_web import page_with

    judged: list[object] = []
    real = webfields._wordy

    def counting(el):  # type: ignore[no-untyped-def]
        judged.append(el)
        return real(el)

    monkeypatch.setattr(webfields, "_wordy", counting)
    path = tmp_path / "搜索.html"
    path.write_bytes(page_with("<div>" + '<input name="q" value="x"> ' * 2000 + "说明文字" * 5000 + "</div>"))
    load_report(path)
    assert 0 < len(judged) <= 3


def test_a_form_of_thousands_of_boxes_is_read_in_time_linear_in_it(tmp_path: Path) -> None:
    """Each text box of a form counted the form's boxes (is it the form's only one, beside 搜索?):
    a form of 8,000 boxes took 21 s, quadrupling with each doubling (30,000: minutes).  Counted
    once a form; what each box shows is read as before (its value, a box among many)."""
    from tests.hostile import ends_in_child
    from tests.hostile_web import page_with

    path = tmp_path / "表单.html"
    path.write_bytes(page_with("<form>" + '<input type="text" value="政府信息公开">' * 30_000 + "</form>"))

    def read() -> bool:
        report = load_report(path)
        text = "".join(run.text for paras in report.sections.values() for para in paras for run in para.runs)
        return "政府信息公开" * 3 in text  # the boxes' values, read as text

    ends_in_child(read)
