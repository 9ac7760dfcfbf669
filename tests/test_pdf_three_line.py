"""Statutory tables a published PDF draws as 三线表 (a rule above, one under the header, one
below; no vertical line, no cell box): read from the text's places where the columns and labels
are certain — as the .docx the PDF came from reads — and otherwise left unread and said, never a
figure put into a column guessed.  Every PDF is LibreOffice's export of a .docx made here whose
tables have only those three rules (tests/pdfmake.three_line)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.cli import dump
from app.reading import load_report
from tests.pdfmake import libreoffice_pdf, needs_soffice, three_line
from tests.test_pdfread import LONG, T3, T4, assert_same
from tests.thirdparty import Spec, build

libreoffice = [pytest.mark.libreoffice, pytest.mark.skipif(needs_soffice, reason="soffice not installed")]


def _lo(test):  # type: ignore[no-untyped-def]
    for mark in libreoffice:
        test = mark(test)
    return test


def _pdf(tmp_path: Path, spec: Spec, middle: bool = False, centred: bool = False) -> tuple[Path, Path]:
    src = three_line(build(spec, tmp_path / "a.docx"), tmp_path / "t.docx", middle=middle, centred=centred)
    return src, libreoffice_pdf(src, tmp_path / "lo")


def _vertical_lines(pdf: Path) -> int:
    """The upright lines and boxes the PDF draws (none in a 三线表)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return sum(1 for page in doc.pages for e in page.edges
                   if e["orientation"] == "v" and e["bottom"] - e["top"] > 2)


@_lo
@pytest.mark.parametrize(("paragraphs", "centred"), [(0, False), (1, False), (2, True)])
def test_a_three_line_table_reads_as_its_docx(tmp_path: Path, paragraphs: int, centred: bool) -> None:
    """表二 with its groups' heading rows, 表三 over four pages (its labels wrapped in narrow
    columns, 三、本年度办理结果 down five lines beside its rows), 表四's header set upright one
    character a line, its figures overleaf (with one paragraph more, the header itself broken
    over the page); the header's words and the figures centred in their cells, or not (a figure
    then stands left of its header's word, 信息内容 in the middle of the labels' column): every
    cell as the .docx.  It was refused: “统计表格没有框线…加上框线后另存为 PDF”."""
    src, pdf = _pdf(tmp_path, Spec(t3=T3, t4=T4, text={"一": [LONG] * paragraphs} if paragraphs else {}), centred=centred)
    assert _vertical_lines(pdf) == 0, "rules across only"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    first = next(i for i, p in enumerate(pages) if "本年新收" in p)
    assert "结转下年度" not in pages[first], "表三 over pages"
    assert_same(src, pdf)


@_lo
def test_labels_set_in_the_middle_of_their_cells_leave_the_table_unread_and_said(tmp_path: Path) -> None:
    """Labels centred in their cells stand around their figures' line, above and below it, and
    which row a wrapped line belongs to is not certain: 表三 is not read — no figure in a row
    guessed from its neighbour's label — and the reader is told why; 表二 and 表四, whose labels
    stand on their figures' line, are read."""
    src, pdf = _pdf(tmp_path, Spec(t3=T3, t4=T4), middle=True)
    report, want = load_report(pdf), load_report(src)
    assert all(v is None for v in report.tables["三"].values())
    assert report.tables["二"] == want.tables["二"] and report.tables["四"] == want.tables["四"]
    said = [f.message for f in report.import_findings if f.kind == "pdf-three-line"]
    assert len(said) == 1 and "表三画成三线表" in said[0] and "无法确定每个数字属于哪一列" in said[0], said


@_lo
def test_a_column_without_a_figure_leaves_the_table_unread_and_said(tmp_path: Path) -> None:
    """A column blank in every row leaves no trace of itself between the others: the figures'
    columns found are six, not 表三's seven, and which is missing is not known — 表三 is not read
    rather than its figures shifted a column, and said."""
    t3 = {key: ("" if key[1] == 2 else v) for key, v in T3.items()}
    src, pdf = _pdf(tmp_path, Spec(t3=t3, t4=T4))
    report = load_report(pdf)
    assert all(v is None for v in report.tables["三"].values())
    assert dump(report)["table4"] == dump(load_report(src))["table4"]
    assert any(f.kind == "pdf-three-line" and "表三" in f.message for f in report.import_findings)


def test_a_rule_drawn_a_piece_a_cell_is_one_rule() -> None:
    """Word draws a table's border a cell at a time (a line or a thin box each): the pieces end
    to end are one rule across the table; a short rule alone (a signature's line) is none, and
    rules inside a ruled table are that table's."""
    from types import SimpleNamespace

    from app.pdfread.text import Char, Line
    from app.pdfread.threeline import rules_of

    def line(x0: float, x1: float, top: float, thick: float = 0.5) -> dict[str, float]:
        return {"x0": x0, "x1": x1, "top": top, "bottom": top + thick}

    cells = [line(90 + 60 * i, 150 + 60 * i, 200) for i in range(7)]  # 90..510, in seven pieces
    boxes = [line(90 + 140 * i, 230 + 140 * i, 400.2, 1.0) for i in range(3)]  # thin boxes, touching
    page = SimpleNamespace(width=595, lines=[*cells, line(400, 520, 300), line(90, 510, 600)], rects=boxes)
    ruled = SimpleNamespace(top=590.0, bottom=700.0)
    row = Line([Char(t, x, x + 7, 220, 231, 11, False, False) for t, x in (("规", 90), ("章", 101), ("0", 200))])
    assert [(round(r.top), round(r.x0), round(r.x1)) for r in rules_of(page, [row], [ruled])] == [(200, 90, 510), (401, 90, 510)]
    assert rules_of(page, [Line(row.chars[:2])], [ruled]) == [], "no line of cells: the rules are not looked at"


def test_pages_of_rows_between_rules_are_read_in_bounded_time(tmp_path: Path) -> None:
    """100 pages of lines of figures with a rule between every two (a 三线表 over all of them,
    far past any statutory table's size) end in a few seconds, as a PDF of that text without the
    rules does, with the one line for a file with no statutory table."""
    from app.errors import ReadError
    from app.pdfread import MAX_PAGES
    from tests.hostile import ends_in_child
    from tests.pdfmake import plain_pdf

    row = "   ".join(str(i) for i in range(14))
    rules = " ".join(f"72 {y} m 520 {y} l S" for y in range(40, 800, 7))
    pdf = plain_pdf(tmp_path / "rows.pdf", [[f"row{j}  {row}" for j in range(46)]] * MAX_PAGES, rules)

    def refused() -> bool:
        try:
            load_report(pdf)
        except ReadError as e:
            return "没有找到统计表格" in str(e)
        return False
    ends_in_child(refused, cpu_s=15)


@_lo
def test_a_report_whose_every_table_is_a_three_line_table_not_certain_is_refused_so(tmp_path: Path) -> None:
    """表二, 表三 and 表四 each with a column no row has a figure in: no table is read, and the
    one line says why — tables of rules across whose columns are not certain — not “没有框线”
    (the rules are there) nor “not a report”."""
    from app.errors import ReadError

    t2 = {(item, 1): "" for item in range(2)}  # 本年废止件数, blank in both its rows
    t3 = {key: ("" if key[1] == 2 else v) for key, v in T3.items()}
    t4 = {c: ("" if c == 3 else v) for c, v in T4.items()}
    _, pdf = _pdf(tmp_path, Spec(t2=t2, t3=t3, t4=t4))
    with pytest.raises(ReadError) as e:
        load_report(pdf)
    said = str(e.value)
    assert "表二、表三、表四画成三线表" in said and "无法确定每个数字属于哪一列" in said and "没有框线" not in said, said


@_lo
def test_the_body_between_a_running_header_rule_and_a_footer_rule_reads_as_its_docx(tmp_path: Path) -> None:
    """A running header with a rule under it and a footer with a rule above it, on every page,
    hold the whole body between two long rules as a 三线表 is held: it is no table (read as text,
    paragraphs joined as without the rules), and the ruled tables in it read as ever."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from tests.pdfmake import ruled

    src = ruled(build(Spec(t3=T3, t4=T4, text={"一": [LONG] * 3, "五": ["一是  加强培训  二是  完善制度  三是  2024年"] * 2}),
                      tmp_path / "a.docx"), tmp_path / "b.docx", page_header="某某街道办事处政府信息公开工作年度报告")
    d = docx.Document(str(src))
    section = d.sections[0]
    section.footer.paragraphs[0].text = "某某街道办事处"
    for para, side in ((section.header.paragraphs[0], "bottom"), (section.footer.paragraphs[0], "top")):
        borders = OxmlElement("w:pBdr")
        rule = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "8"), ("space", "1"), ("color", "000000")):
            rule.set(qn(f"w:{key}"), value)
        borders.append(rule)
        para._p.get_or_add_pPr().append(borders)
    d.save(str(tmp_path / "c.docx"))
    pdf = libreoffice_pdf(tmp_path / "c.docx", tmp_path / "lo")
    assert_same(tmp_path / "c.docx", pdf)



def test_a_numbered_heading_taken_into_a_table_puts_no_figure_in_another_column() -> None:
    """A heading numbered by Word (“三、”, a tab, its words: two runs apart, as the cells of a row)
    after 表二's closing rule, taken in with 表二's lines (LibreOffice's PDF of a report whose
    headings are a list): its runs made two label columns more, 表二's rows were handed on with
    blank cells between their label and figures, and “规章 77 3 52” read as 现行有效件数 77, the
    other two lost, nothing said.  Columns not certain: the lines are not read as that table."""
    from app.docx.assemble import read_blocks_report
    from app.pdfread.text import Char, Line
    from app.pdfread.threeline import Group, read
    from app.textcopy import text_blocks

    def line(top: float, runs: list[tuple[float, str]]) -> Line:
        return Line([Char(ch, x + 10.5 * i, x + 10.5 * (i + 1), top, top + 10.5, 10.5, False, False)
                     for x, text in runs for i, ch in enumerate(text)])

    figures = (198, 306, 414)
    rows = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", "77", "3", "52"], ["行政规范性文件", "18", "35", "67"],
            ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", "89"],
            ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", "96"], ["行政强制", "56"],
            ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "87"]]
    lines = [line(100 + 20 * i, list(zip((90, *figures), row, strict=False))) for i, row in enumerate(rows)]
    lines.append(line(100 + 20 * len(rows), [(122, "三、"), (162, "收到和处理政府信息公开申请情况")]))
    blocks = read(Group(lines, 85, 510, pages=[0] * len(lines)))
    if blocks is not None:  # read: as written
        report = read_blocks_report([*text_blocks("二、主动公开政府信息情况"), *blocks])
        assert [[report.tables["二"][(r, c)] for c in range(3)] for r in range(2)] == [[77, 3, 52], [18, 35, 67]]
    # the same lines without the heading: read, every figure in its column
    blocks = read(Group(lines[:-1], 85, 510, pages=[0] * (len(lines) - 1)))
    assert blocks is not None
    report = read_blocks_report([*text_blocks("二、主动公开政府信息情况"), *blocks])
    assert [[report.tables["二"][(r, c)] for c in range(3)] for r in range(2)] == [[77, 3, 52], [18, 35, 67]]


@_lo
def test_headings_and_cells_numbered_by_word_end_their_tables_and_put_no_figure_elsewhere(tmp_path: Path) -> None:
    """A report whose headings are a Word list (“三、”, a tab, its words: two runs, as a row's
    cells) and whose 表三 item labels are too (“1.” beside 属于国家秘密).  The heading after
    表二's closing rule was taken in as more rows, and 表三 with it: the whole PDF refused.  Now
    each table ends at its closing rule; 表二 and 表四 read as the .docx; 表三, its list numbers
    run into the figure beside them in its narrow label column (“1.” and 27 as “1.27”), is not
    read and said — no figure anywhere but in its own cell."""
    t2 = {(item, col): str(11 + 7 * item + 3 * col) for item in range(12) for col in range(3)}
    src, pdf = _pdf(tmp_path, Spec(t2=t2, t3=T3, t4=T4, numbering="word", number_cells=True))
    want, got = load_report(src), load_report(pdf)
    assert got.tables["二"] == want.tables["二"] and got.tables["四"] == want.tables["四"]
    for key, grid in got.tables.items():
        placed = {at: v for at, v in grid.items() if v is not None}
        assert placed == {at: want.tables[key][at] for at in placed}, key
    assert any(f.kind == "pdf-three-line" and "表三" in f.message for f in got.import_findings)
