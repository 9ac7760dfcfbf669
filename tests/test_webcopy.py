"""Reports copied from published web pages: a saved .html page and a text copy (.txt)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from app.checks import run_all
from app.io import ReadError
from app.reading import load_report
from app.schema import (
    SECTIONS,
    T2_ISSUED,
    T2_RULES,
    T3_CARRIED_OUT,
    T3_COL_BUSINESS,
    T3_COL_NATURAL,
    T3_COL_TOTAL,
    T3_COL_WELFARE,
    T3_NEW,
    T3_ROW,
    T4_COL,
    T4_GROUP_TOTAL,
    T4_ROW,
    T4_SUIT_AFTER_REVIEW,
    TABLES,
)

DATA = Path(__file__).parent / "data"


def test_text_copy_reads_like_the_docx() -> None:
    txt = load_report(DATA / "xiaogang-2021.txt")
    docx = load_report(DATA / "xiaogang-2021.docx")
    assert (txt.organ, txt.year, txt.date) == (docx.organ, docx.year, docx.date)
    assert txt.tables == docx.tables
    assert all(txt.section_text(k) == docx.section_text(k) for k in docx.sections)
    codes = {f.code for f in run_all(txt)}
    assert {"DUP-PARAGRAPH", "TEXT-TABLE-MISMATCH", "BLANK-CELL"} <= codes


def test_text_copy_saved_as_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes((DATA / "xiaogang-2021.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert load_report(path).organ == "宁波市北仑区人民政府小港街道办事处"


def _html_table(key: str, values: dict[tuple[int, int], str]) -> str:
    spec = TABLES[key]
    rows: dict[int, list[str]] = {}
    for cell in spec.layout:
        text = values.get(cell.data, "0") if cell.data is not None else cell.text
        span = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + (
            f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
        rows.setdefault(cell.row, []).append(f"<td{span}><p>{html.escape(text)}</p></td>")
    body = "".join(f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items()))
    return f'<table border="1"><tbody>{body}</tbody></table>'


def page(values3: dict[tuple[int, int], str]) -> str:
    parts = ["<html><head><title>x</title><script>var a=1;</script></head><body><div class='content'>",
             "<h1>某县人民政府办公室2023年度政府信息公开工作年度报告</h1>",
             "<p>本报告依据《中华人民共和国政府信息公开条例》编制。</p>"]
    for spec in SECTIONS:
        parts.append(f"<p><strong>{spec.heading}</strong></p>")
        if spec.table:
            parts.append(f"<div>{_html_table(spec.table, values3 if spec.table == '三' else {})}</div>")
        else:
            parts.append("<p>本年度共收到政府信息公开申请12件。</p>" if spec.key == "一" else "<p>正文内容。<br>第二行。</p>")
    parts.append("<p style='text-align:right'>某县人民政府办公室</p><p>2024年1月18日</p></div></body></html>")
    return "".join(parts)


def test_saved_web_page_with_merged_cells(tmp_path: Path) -> None:
    values = {(T3_NEW, T3_COL_NATURAL): "10", (T3_NEW, T3_COL_BUSINESS): "2", (T3_NEW, T3_COL_TOTAL): "12", (T3_ROW["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], T3_COL_WELFARE): "１", (T3_CARRIED_OUT, T3_COL_TOTAL): "3"}
    path = tmp_path / "page.html"
    path.write_text(page(values), encoding="utf-8")
    r = load_report(path)
    assert r.organ == "某县人民政府办公室" and r.year == 2023 and r.date == dt.date(2024, 1, 18)
    t3 = r.tables["三"]
    assert t3[(T3_NEW, T3_COL_NATURAL)] == 10 and t3[(T3_NEW, T3_COL_BUSINESS)] == 2 and t3[(T3_NEW, T3_COL_TOTAL)] == 12 and t3[(T3_ROW["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"], T3_COL_WELFARE)] == 1 and t3[(T3_CARRIED_OUT, T3_COL_TOTAL)] == 3
    assert r.tables["四"][(T4_ROW, T4_COL[T4_SUIT_AFTER_REVIEW, T4_GROUP_TOTAL])] == 0 and r.tables["二"][(T2_RULES, T2_ISSUED)] == 0
    assert r.section_text("五") == "正文内容。\n第二行。"
    assert not [f for f in r.import_findings if f.code in ("LABEL-EDITED", "MISSING-SECTION", "OLD-FORMAT")]


def test_web_page_without_tables(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text("<html><body><p>新闻稿</p></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="没有找到统计表格"):
        load_report(path)


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(ReadError, match="空"):
        load_report(path)


def _cell_page(tmp_path: Path, cell_html: str, css: str = "") -> tuple[object, list[str], list[str]]:
    """A page whose 表三 本年新收 自然人 cell holds ``cell_html`` (the rest of the row 12, total 49),
    with ``css`` in a <style> of its head: the cell's value, the note-mark and hidden-text notes."""
    html_text = page({(T3_NEW, T3_COL_NATURAL): "CELL", (T3_NEW, T3_COL_BUSINESS): "12", (T3_NEW, T3_COL_TOTAL): "49"})
    html_text = html_text.replace("<p>CELL</p>", cell_html).replace("<head>", f"<head><style>{css}</style>")
    path = tmp_path / "cell.html"
    path.write_text(html_text, encoding="utf-8")
    r = load_report(path)
    notes = [f.message for f in r.import_findings if (f.code, f.kind) == ("VALUE-INVALID", "note")]
    hidden = [f.message for f in r.import_findings if f.code == "HIDDEN-TEXT"]
    return r.tables["三"][(T3_NEW, T3_COL_NATURAL)], notes, hidden


@pytest.mark.parametrize(("cell", "css"), [
    ("37<sup>1</sup>", ""),  # h05: a note mark as the CMS editor's 上标 button writes it
    ("37<sub>2</sub>", ""),
    ("37<sup>[1]</sup>", ""),  # h14: bracketed, read the same
    ('37<span class="fn">1</span>', ".fn{vertical-align:super;font-size:8px}"),  # h07: by a class rule
    ('37<span class="x fn">1</span>', "span.fn , .other { vertical-align: super !important }"),
    ('37<span style="vertical-align: sub">1</span>', ""),
    ("<s>36</s>37", ""),  # h06: the old figure struck through
    ("<strike>36</strike>37", ""),
    ("<del>36</del>37", ""),
    ('<span style="text-decoration: line-through red">36</span>37', ""),
    ('<span class="old">36</span>37', "/* old */ .old{text-decoration-line:line-through}"),
    ('37<span class="fn">1</span>', "div .fn{vertical-align:super}"),  # a descendant rule: the cell is in a div
    ('37<span class="fn">1</span>', "@media screen { tr + tr td > span[class=fn] {vertical-align:super} }"),
])
def test_web_note_marks_and_struck_figures_are_left_out_and_said(tmp_path: Path, cell: str, css: str) -> None:
    """A note mark or a struck old figure is no part of the figure (never 371 or 3637), and the
    cell is told about with the .docx reader's finding."""
    value, notes, _ = _cell_page(tmp_path, cell, css)
    assert value == 37
    assert len(notes) == 1 and "1个单元格" in notes[0], notes
    assert "T3-ROW-TOTAL" not in {f.code for f in run_all(load_report(tmp_path / "cell.html"))}


@pytest.mark.parametrize(("cell", "css"), [
    ("37", ""),
    # print rules, and a descendant rule whose ancestor the cell is not in: no rule that applies
    ('37<span class="fn">1</span>', "@media print{.fn{vertical-align:super}} ul .fn{vertical-align:super}"),
    ('37<span class="fn">1</span>', "p > .fn, th .fn, .fn:hover, .fn::after, tr:first-child .fn {vertical-align:super}"),
    ('37<span class="fn" style="vertical-align:baseline">1</span>', ".fn{vertical-align:super}"),
])
def test_web_plain_figures_are_not_cut(tmp_path: Path, cell: str, css: str) -> None:
    """What a browser shows on the line (no rule that applies, or the inline style winning) stays."""
    value, notes, _ = _cell_page(tmp_path, cell, css)
    assert value == (37 if cell == "37" else 371) and not notes


@pytest.mark.parametrize(("cell", "css"), [
    ('<span class="old">99</span>37', ".old{display:none}"),  # h09
    ('<span class="a b">99</span>37', "span.a.b{ visibility : hidden }"),
    ('<span class="old">99</span>37', ".new{color:red}.old{color:red;display:none}"),
])
def test_web_text_hidden_by_a_class_rule_is_left_out(tmp_path: Path, cell: str, css: str) -> None:
    value, notes, hidden = _cell_page(tmp_path, cell, css)
    assert value == 37 and not notes
    assert len(hidden) == 1 and "1处" in hidden[0], hidden


def test_web_inline_style_shows_what_a_class_hides(tmp_path: Path) -> None:
    value, _, hidden = _cell_page(tmp_path, '<span class="old" style="display:inline">99</span>37', ".old{display:none}")
    assert value == 9937 and not hidden


@pytest.mark.parametrize("depth", [255, 300, 1500])
def test_a_page_nested_deep_is_read(tmp_path: Path, depth: int) -> None:
    """A CMS template that wraps the body in hundreds of <div>s (h10) is read, not called empty."""
    html_text = page({(T3_NEW, T3_COL_NATURAL): "37"}).replace("<body>", "<body>" + "<div>" * depth, 1)
    path = tmp_path / "deep.html"
    path.write_text(html_text.replace("</body>", "</div>" * depth + "</body>", 1), encoding="utf-8")
    r = load_report(path)
    assert r.tables["三"][(T3_NEW, T3_COL_NATURAL)] == 37 and r.organ == "某县人民政府办公室"


def test_a_page_nested_past_the_parser_limit_says_so(tmp_path: Path) -> None:
    """Deeper than the parser goes (h01: 200,000 <div>s) the page cannot be read: said as that,
    never as an empty page."""
    path = tmp_path / "deeper.html"
    path.write_text(page({}).replace("<body>", "<body>" + "<div>" * 5000, 1), encoding="utf-8")
    with pytest.raises(ReadError, match="嵌套超过2048层") as e:
        load_report(path)
    assert "没有任何内容" not in str(e.value)
