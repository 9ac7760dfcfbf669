"""Text copies whose statutory tables are written otherwise than a browser copies them: rows
copied from a spreadsheet (Excel, WPS 表格: every cell, a merged one's others empty, so a row
whose first cell is merged from above starts with a tab), a CSV export pasted in (English
commas, quoted where a cell has one), a Markdown table (as converters and chat tools write
them).  Each was refused (“没有找到统计表格”) or read with 190 figures lost; and 表二's group
heading left unmerged (第二十条第（一）项 and three empty cells) was said to be an edited
信息内容.  Every figure is different, so a figure read from a neighbour's place cannot pass."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from app.reading import load_report
from app.schema import TABLES
from tests.test_web_cms import HEADINGS, ORGAN, TEXT, TITLE, VALUES


def _grid(key: str) -> list[list[str]]:
    """The table as a spreadsheet holds it: every position, a merged cell's text in its first."""
    spec = TABLES[key]
    grid = [[""] * spec.grid_cols for _ in range(spec.grid_rows)]
    for cell in spec.layout:
        grid[cell.row][cell.col] = VALUES[(key, *cell.data)] if cell.data is not None else cell.text
    return grid


def _written(grid: list[list[str]], form: str) -> list[str]:
    if form == "sheet":
        return ["\t".join(row) for row in grid]
    if form == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(grid)
        return out.getvalue().splitlines()
    if form == "csv-spaced":
        return [", ".join(row) for row in grid]
    if form == "spaced":  # aligned with spaces, as a PDF's text taken out with its layout (pdftotext -layout)
        widths = [max(len(row[c]) for row in grid) for c in range(len(grid[0]))]
        return ["".join(cell.ljust(widths[c] * 2 + 2) for c, cell in enumerate(row)).rstrip() for row in grid]
    if form == "pdftotext":  # pdftotext -layout of a PDF: blank lines between rows, a group's cell centred, blanks filled
        rows = [[c for c in row if c] for row in grid]
        return [line for row in rows for line in
                ("", " " * 26 + row[0] if len(row) == 1 else "    " + "         ".join(row), "")]
    if form == "ideographic":  # typed in Notepad, cells apart by full-width spaces
        return ["\u3000\u3000".join(cell for cell in row if cell) for row in grid]
    if form in ("full-width", "dunhao"):  # typed with the IME's commas (a tool's conversion, a typist's table)
        return [("，" if form == "full-width" else "、").join(row) for row in grid]
    bars = ["| " + " | ".join(row) + " |" for row in grid]
    return [bars[0], "|" + " --- |" * len(grid[0]), *bars[1:]]


def _copy(form: str) -> str:
    lines = [TITLE, "本报告依据《中华人民共和国政府信息公开条例》编制。"]
    for key, heading in HEADINGS.items():
        lines += [heading, *TEXT.get(key, [])]
        if key in TABLES:
            lines += ["", *_written(_grid(key), form), ""]
    lines += [ORGAN, "2022年1月12日"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("form", ["sheet", "csv", "csv-spaced", "markdown", "full-width", "dunhao", "spaced", "ideographic", "pdftotext"])
def test_tables_written_as_delimited_rows_read_every_figure(tmp_path: Path, form: str) -> None:
    path = tmp_path / "copy.txt"
    path.write_text(_copy(form), encoding="utf-8")
    r = load_report(path)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert (r.organ, r.year, r.date) == (ORGAN, 2021, dt.date(2022, 1, 12))
    assert {k: r.section_text(k) for k in HEADINGS} == {k: "\n".join(TEXT.get(k, [])) for k in HEADINGS}
    assert not [(f.code, f.message) for f in r.import_findings]


def test_prose_with_english_commas_stays_text(tmp_path: Path) -> None:
    """Sentences typed with English commas (one line of them, or a run of lines ending in a
    full stop) are the section's text, never a table's rows."""
    prose = ["2021年,街道共收到申请12件,办结12件,结转0件。", "一是加强组织领导,二是完善工作机制,三是丰富公开内容。",
             "联系人:张三,电话:0574-86100000,地址:小港街道办事处"]
    path = tmp_path / "copy.txt"
    path.write_text(_copy("csv").replace(TEXT["五"][0], "\n".join(prose), 1), encoding="utf-8")
    r = load_report(path)
    assert r.section_text("五") == "\n".join(prose)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}


@pytest.mark.parametrize("others", ["empty", "repeated"])
def test_tables_left_unmerged_in_a_web_page(tmp_path: Path, others: str) -> None:
    """The tables pasted into a page with no cell merged: a merged cell's other positions empty,
    or its text repeated in each (WPS 表格's 拆分并填充内容).  表二's group headings (第二十条第（一）项
    four times) were said to be an edited 信息内容."""
    parts = [f"<p>{TITLE}</p>", "<p>本报告依据《中华人民共和国政府信息公开条例》编制。</p>"]
    for key, heading in HEADINGS.items():
        parts += [f"<p>{heading}</p>", *(f"<p>{line}</p>" for line in TEXT.get(key, []))]
        if key in TABLES:
            grid = _grid(key)
            for cell in TABLES[key].layout if others == "repeated" else ():
                for r in range(cell.row, cell.row + cell.rowspan):
                    for c in range(cell.col, cell.col + cell.colspan):
                        grid[r][c] = cell.text if cell.data is None else grid[r][c]
            parts.append("<table border=1>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>"
                                                      for row in grid) + "</table>")
    parts += [f"<p>{ORGAN}</p>", "<p>2022年1月12日</p>"]
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{''.join(parts)}</body></html>", encoding="utf-8")
    r = load_report(path)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not [(f.code, f.message) for f in r.import_findings]


@pytest.mark.parametrize("prose", [
    ["下一步,我们将从以下方面改进:", "1.加强组织领导,健全工作机制,压实工作责任", "2.深化政策解读,丰富解读形式,提升解读质量"],
    ["2021年,街道共收到申请12件,办结12件,结转0件.", "一是加强组织领导,二是完善工作机制,三是丰富公开内容."],
    ["一是加强组织领导,二是完善工作机制,三是丰富公开内容;", "四是强化监督考核,五是加强队伍建设,六是提升服务水平;"],
    ["一是加强组织领导,二是完善工作机制,三是丰富公开内容,", "四是强化监督考核,五是加强队伍建设,六是提升服务水平."],
    ["一是加强组织领导,,二是完善工作机制,三是丰富公开内容", "四是强化监督考核,五是加强队伍建设,六是提升服务水平"],
    ["2021,2022,2023三年间,我们持续推进公开工作", "四是强化监督考核,五是加强队伍建设,六是提升服务水平"],
], ids=["measures-no-stop", "half-width-stops", "half-width-no-digits", "broken-after-comma", "double-comma", "years"])
def test_prose_lines_with_english_commas_are_not_a_table(tmp_path: Path, prose: list[str]) -> None:
    """Neighbouring lines of prose typed with half-width punctuation (no “。”) were read as a CSV
    table's rows: said as a table that is not saved, and gone at the next save (rev22b H1).
    A run of comma lines is a table only when it has a row of figures or a statutory header."""
    from app.io import save_report
    path = tmp_path / "copy.txt"
    path.write_text(_copy("sheet").replace(TEXT["五"][0], "\n".join(prose), 1), encoding="utf-8")
    r = load_report(path)
    assert r.section_text("五") == "\n".join(prose)
    assert not [(f.code, f.message) for f in r.import_findings]
    save_report(r, tmp_path / "saved.docx")
    again = load_report(tmp_path / "saved.docx")
    assert again.section_text("五") == "\n".join(prose)


@pytest.mark.parametrize("form", ["sheet", "csv", "markdown"])
def test_paragraphs_indented_with_a_tab_are_text_not_cells(tmp_path: Path, form: str) -> None:
    """A text report whose paragraphs are indented with the Tab key (typed so, or a Word file
    indented so and copied as text): a line led by a tab was a table's cell, and every
    section's text with the headings between was one table, lost at save (rev22b H3)."""
    text = _copy(form)
    for lines in TEXT.values():
        for line in lines:
            text = text.replace(f"\n{line}\n", f"\n\t{line}\n", 1)
    assert text.count("\n\t") >= sum(map(len, TEXT.values()))
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    r = load_report(path)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert {k: r.section_text(k) for k in HEADINGS} == {k: "\n".join(TEXT.get(k, [])) for k in HEADINGS}
    assert not [(f.code, f.message) for f in r.import_findings]


def test_a_lone_line_aligned_with_a_tab_is_a_paragraph(tmp_path: Path) -> None:
    """“联系人：张三<TAB>联系电话：…” alone in 六 was a one-row table (rev22b H3)."""
    line = "联系人：张三\t联系电话：0574-86100000"
    path = tmp_path / "copy.txt"
    path.write_text(_copy("sheet").replace(f"\n{TEXT['六'][0]}\n", f"\n{TEXT['六'][0]}\n{line}\n", 1), encoding="utf-8")
    r = load_report(path)
    assert r.section_text("六") == "\n".join([*TEXT["六"], line])
    assert not [(f.code, f.message) for f in r.import_findings]


@pytest.mark.parametrize("prose", [
    ["一是加强组织领导，二是完善工作机制，三是丰富公开内容", "四是强化监督考核，五是加强队伍建设，六是提升服务水平"],
    ["全年收到申请12件，办结12件，结转0件", "主动公开信息3500条，其中门户网站2100条，微信公众号1400条"],
    ["2021、2022、2023年，我们持续推进公开工作", "2020、2021、2022年的数据，见上年报告"],
    ["重点公开规章、规范性文件、行政许可等信息", "办理人大代表建议5件、政协提案3件、群众来信12件"],
    ["下一步，我们将：", "（一）加强组织领导，健全工作机制，", "（二）深化政策解读，丰富解读形式，"],
    ["联系电话：0574-86100000，0574-86100001，0574-86100002", "传真：0574-86100003，0574-86100004，0574-86100005"],
], ids=["measures", "figures-in-words", "years", "lists", "broken-after-comma", "phones"])
def test_prose_lines_with_full_width_commas_are_not_a_table(tmp_path: Path, prose: list[str]) -> None:
    """Rows typed with full-width commas or 、 are read as a table's (above); prose, which is
    written with them, stays the section's text, whole, and is saved."""
    from app.io import save_report
    path = tmp_path / "copy.txt"
    path.write_text(_copy("full-width").replace(TEXT["五"][0], "\n".join(prose), 1), encoding="utf-8")
    r = load_report(path)
    assert r.section_text("五") == "\n".join(prose)
    assert not [(f.code, f.message) for f in r.import_findings]
    save_report(r, tmp_path / "saved.docx")
    assert load_report(tmp_path / "saved.docx").section_text("五") == "\n".join(prose)


@pytest.mark.parametrize("lines", [
    ["联系人：张三    联系电话：0574-86100000", "地址：小港街道    邮编：315800"],
    ["季度    收到申请    办结", "一季度    3    3", "二季度    4    4"],
    ["季度\u3000\u3000收到申请\u3000\u3000办结", "一季度\u3000\u30003\u3000\u30003", "二季度\u3000\u30004\u3000\u30004"],
    ["季度，收到申请，办结", "一季度，3，3", "二季度，4，4"],
    ["一是加强组织领导    二是完善工作机制", "三是丰富公开内容    四是强化监督考核"],
], ids=["contacts", "figures", "figures-ideographic", "figures-full-width", "measures"])
def test_lines_aligned_with_spaces_or_commas_that_are_no_statutory_table_stay_text(tmp_path: Path, lines: list[str]) -> None:
    """Only a statutory table's words make such lines a table's rows: a table of other figures,
    read as one, would be said and not saved; here it stays the section's lines, and is saved."""
    from app.io import save_report
    path = tmp_path / "copy.txt"
    path.write_text(_copy("spaced").replace(TEXT["五"][0], "\n".join(lines), 1), encoding="utf-8")
    r = load_report(path)
    assert r.section_text("五") == "\n".join(lines)
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if str(r.tables[k[0]][k[1:]]) != v}
    assert not [(f.code, f.message) for f in r.import_findings]
    save_report(r, tmp_path / "saved.docx")
    assert load_report(tmp_path / "saved.docx").section_text("五") == "\n".join(lines)


def test_a_row_aligned_with_spaces_missing_a_blank_cells_place_is_not_guessed(tmp_path: Path) -> None:
    """pdftotext -layout of a table with blank cells: “（一）予以公开  1      1” leaves no place
    for the blanks — 自然人 and 总计, or 自然人 and 商业企业?  The table is not read (its lines
    stay the text, the table said missing); no figure lands in a wrong cell."""
    text = _copy("pdftotext").replace("（一）予以公开         199         206         213         220         227         234         241",
                                       "（一）予以公开         199         241", 1)
    assert text != _copy("pdftotext")
    path = tmp_path / "copy.txt"
    path.write_text(text, encoding="utf-8")
    r = load_report(path)
    assert all(v is None for v in r.tables["三"].values())
    assert "（一）予以公开         199         241" in r.section_text("三")
    assert [f.message for f in r.import_findings if f.location.section == "三"] == ["没有找到表三（收到和处理政府信息公开申请情况）"]
    said = [f.message for f in r.import_findings if f.location.section == "基本信息"]
    assert len(said) == 1 and said[0].startswith("文字副本中有一个以空格对齐的表格（以“（本列数据的勾稽关系为：第一项加第二项之…”开头）"), said
    assert not {k: (v, r.tables[k[0]][k[1:]]) for k, v in VALUES.items() if k[0] != "三" and str(r.tables[k[0]][k[1:]]) != v}


def test_thousands_typed_with_the_full_width_comma_are_one_figure_where_certain(tmp_path: Path) -> None:
    """“1，234” in a row whose cells are parted by “，”: one figure where the row is then as wide
    as the others; where it could be read two ways the table is not read (its lines stay text),
    never a figure put in another cell."""
    text = _copy("full-width")
    certain = text.replace("规章，100，107，114", "规章，1，234，7，14", 1)
    path = tmp_path / "certain.txt"
    path.write_text(certain, encoding="utf-8")
    r = load_report(path)
    assert r.tables["二"][(0, 0)] == 1234 and r.tables["二"][(0, 1)] == 7 and r.tables["二"][(0, 2)] == 14
    unsure = text.replace("规章，100，107，114", "规章，100，107，114，200", 1)  # 100 | 107,114 | 200 or 100,107 | …?
    path = tmp_path / "unsure.txt"
    path.write_text(unsure, encoding="utf-8")
    r = load_report(path)
    assert all(v is None for v in r.tables["二"].values())
    assert "规章，100，107，114，200" in r.section_text("二")
    said = [f.message for f in r.import_findings if f.location.section == "基本信息"]
    assert len(said) == 1 and said[0].startswith("文字副本中有一个以“，”分隔的表格（以“第二十条第（一）项，，，”开头），有的行比其他行多出数格"), said
