"""A report saved as text by LibreOffice (“另存为 → 文本”): each table cell on a line of its own,
an empty cell an empty line, a merged cell once (app/textcells.py).  No tab or space parts the
cells, the group labels stand between the rows: its tables were said missing with NO-FIGURES
hinting at pictures or hidden text, then said to be so written.  Now each is read where the
statutory labels make the cells' order certain (app/textcellgrid.py), and only a table whose
labels do not is said so.  A browser's copy (a cell a line, each led by a tab) is read as before."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from app.docx.writer import write_docx
from app.errors import ReadError
from app.reading import load_report
from app.report import Report
from app.textcells import ONE_CELL_A_LINE
from tests.hostile import ends_in_child
from tests.test_split_tables import _split

DATA = Path(__file__).parent / "data"


def _one_cell_a_line(src: Path) -> str:
    """The .docx's text as LibreOffice saves it: paragraphs, and each table's cells one a line."""
    d = docx.Document(str(src))
    lines: list[str] = []
    seen: set[int] = set()
    kept: list[object] = []  # (the cells' elements held: an id is reused once its proxy is gone)
    for el in d.element.body:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            table = docx.table.Table(el, d)
            for row in table.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    kept.append(cell._tc)
                    lines.append(cell.text)
    return "\n".join(lines)


def test_a_browsers_copy_of_a_cell_a_line_is_read_as_before() -> None:
    report = load_report(DATA / "xiaogang-2021.txt")
    assert ONE_CELL_A_LINE not in [f.message for f in report.import_findings]
    assert report.tables["三"][(0, 0)] is not None


def test_the_first_finding_says_why_no_figure_was_read(tmp_path: Path) -> None:
    """(Its tables' labels reworded, so that none is read: app/textcellgrid.py.)  NO-FIGURES, the file's first finding, guessed at pictures or hidden text (“可能是图片或隐藏、
    看不见的文字”) of a text file whose figures are all there, one a line: it says what the
    reading found instead — and a file without that shape keeps its guess (the control)."""
    path = tmp_path / "另存为文本.txt"
    path.write_text(_unread(_one_cell_a_line(DATA / "xiaogang-2021.docx")), "utf-8")
    first = load_report(path).import_findings[0]
    assert first.code == "NO-FIGURES" and "单元格单独一行" in first.message and "图片" not in first.message
    first = load_report(DATA / "format-2021.txt").import_findings[0]  # the format's text: tables without figures
    assert first.code == "NO-FIGURES" and "图片" in first.message


def _unread(text: str) -> str:
    """The text with a label of each table reworded: no table's cells' order is certain then."""
    for label, reworded in (("规章", "规章类"), ("一、本年新收政府信息公开申请数量", "本年新收申请"), ("行政复议", "复议情况")):
        text = text.replace(f"\n{label}\n", f"\n{reworded}\n")  # (the sample has its body twice)
    return text


def _libreoffice_text(src: Path) -> str:
    """The .docx's text as LibreOffice's “另存为 → 文本” writes it: paragraphs, and each table's
    cells one a line, row by row as Word holds them — a cell merged down written again, empty, in
    each row below — each paragraph of a cell a line of its own."""
    body = docx.Document(str(src)).element.body
    lines: list[str] = []
    for el in body:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
        elif tag == "tbl":
            for tc in el.iter(qn("w:tc")):
                lines += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))] or [""]
    return "\n".join(lines)


def _distinct_figures(tmp_path: Path) -> tuple[Report, Path]:
    report = load_report(DATA / "xiaogang-2021.docx")
    figure = 1
    for key in ("二", "三", "四"):
        for cell in sorted(report.tables[key]):
            report.tables[key][cell] = figure if key != "二" or cell != max(report.tables[key]) else Decimal(figure)
            figure += 1
    report.tables["三"][(5, 2)] = None  # a blank cell: an empty line
    path = tmp_path / "各不相同.docx"
    write_docx(report, path)
    return report, path


@pytest.mark.parametrize("write", [_libreoffice_text, _one_cell_a_line])
def test_tables_saved_one_cell_a_line_are_read(tmp_path: Path, write: Callable[[Path], str]) -> None:
    """Every figure different, one blank: each read in its own cell, as from the .docx (with the
    cells merged down written again as LibreOffice does, or left out as other writers do)."""
    report, src = _distinct_figures(tmp_path)
    path = tmp_path / "另存为文本.txt"
    path.write_text(write(src), "utf-8")
    read = load_report(path)
    assert {k: read.tables[k] for k in ("二", "三", "四")} == {k: report.tables[k] for k in ("二", "三", "四")}
    assert not [f.message for f in read.import_findings if f.kind in ("table", "unplaced")]
    assert ONE_CELL_A_LINE not in [f.message for f in read.import_findings]


def test_the_sample_report_so_saved_reads_as_its_docx(tmp_path: Path) -> None:
    path = tmp_path / "另存为文本.txt"
    path.write_text(_one_cell_a_line(DATA / "xiaogang-2021.docx"), "utf-8")
    read, docx_read = load_report(path), load_report(DATA / "xiaogang-2021.docx")
    assert all(read.tables[k] == docx_read.tables[k] for k in ("二", "三", "四"))


def test_a_table_whose_labels_do_not_say_the_order_is_still_said(tmp_path: Path) -> None:
    """表三 with a row's label reworded: which figure lines are whose is no longer certain there —
    its table is not guessed, the file said to be so written; 表二 and 表四 are read."""
    report, src = _distinct_figures(tmp_path)
    text = _libreoffice_text(src).replace("\n二、上年结转政府信息公开申请数量\n", "\n上年度结转的申请\n")
    path = tmp_path / "另存为文本.txt"
    path.write_text(text, "utf-8")
    read = load_report(path)
    assert ONE_CELL_A_LINE in [f.message for f in read.import_findings]
    assert read.tables["二"] == report.tables["二"] and read.tables["四"] == report.tables["四"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffices_own_text(tmp_path: Path) -> None:
    """The real “另存为 → 文本” of LibreOffice, as a user makes it."""
    report, src = _distinct_figures(tmp_path)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                    "txt:Text (encoded):UTF8", "--outdir", str(tmp_path / "out"), str(src)],
                   check=True, capture_output=True, timeout=180)
    read = load_report(tmp_path / "out" / "各不相同.txt")
    assert {k: read.tables[k] for k in ("二", "三", "四")} == {k: report.tables[k] for k in ("二", "三", "四")}


def test_a_label_again_and_again_is_looked_at_a_few_times() -> None:
    """96,000 lines of 表三's first row label and figures: a table looked for at each would be
    minutes; read (or refused) in the usual bounds."""
    text = "\n".join(["一、本年新收政府信息公开申请数量", *["1"] * 7] * 12_000)

    def work() -> bool:
        load_report_text(text)
        return True

    ends_in_child(work, cpu_s=20)


def load_report_text(text: str) -> Report | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "长.txt"
        path.write_text(text, "utf-8")
        try:
            return load_report(path)
        except ReadError:  # (refused as too long: an end too)
            return None


@pytest.mark.parametrize("label,at", [("一、本年新收政府信息公开申请数量", 8),  # 表三's first row label: where it is looked for
                                      ("2.其他法律行政法规禁止公开", 6), ("法人或其他组织", 2), ("未经复议直接起诉", 4),
                                      ("行政规范性文件", 5)])
def test_a_label_broken_over_two_lines_is_read(tmp_path: Path, label: str, at: int) -> None:
    """A cell's line break (Shift+Enter, w:br) is a line of its own in the saved text: the label's
    two lines are its one cell (the first row's label was not found, its table left unread)."""
    report, src = _distinct_figures(tmp_path)
    text = _libreoffice_text(src)
    assert f"\n{label}\n" in text
    path = tmp_path / "另存为文本.txt"
    path.write_text(text.replace(f"\n{label}\n", f"\n{label[:at]}\n{label[at:]}\n"), "utf-8")
    read = load_report(path)
    assert {k: read.tables[k] for k in ("二", "三", "四")} == {k: report.tables[k] for k in ("二", "三", "四")}


@pytest.mark.parametrize(("words", "after", "repeat"), [("申请人情况", 12, 0), ("申请人情况", 12, 3), ("申请人情况", 20, 3),
                                                       ("未经复议直接起诉", 3, 0), ("规章", 6, 0)])
def test_a_table_cut_by_a_page_break_saved_so_is_read(tmp_path: Path, words: str, after: int, repeat: int) -> None:
    """A table cut in two by a page break: an empty line (the break's paragraph) between its parts,
    the cells merged down over the cut written again, the header maybe again.  表四's header alone
    then its figures was read one column off, silently (the empty line taken for a blank first cell)."""
    report, src = _distinct_figures(tmp_path)
    path = tmp_path / "另存为文本.txt"
    path.write_text(_libreoffice_text(_split(src, tmp_path / "分页.docx", words, after, repeat)), "utf-8")
    read = load_report(path)
    assert {k: read.tables[k] for k in ("二", "三", "四")} == {k: report.tables[k] for k in ("二", "三", "四")}


def test_figures_that_read_two_ways_are_not_guessed(tmp_path: Path) -> None:
    """表四's header, an empty line, fourteen figures, an empty line: a blank first cell (and an empty
    paragraph after the table), or a page break and a blank last cell?  Not guessed: 表四 is not
    read (and the others are)."""
    report, src = _distinct_figures(tmp_path)
    first = report.tables["四"][(0, 0)]
    report.tables["四"][(0, 0)] = None
    write_docx(report, src)
    text = _libreoffice_text(_split(src, tmp_path / "分页.docx", "未经复议直接起诉", 3))
    assert f"\n\n\n{first + 1}\n" in text  # (the break's empty line, then the blank first cell's)
    path = tmp_path / "另存为文本.txt"
    last = max(v for v in report.tables["四"].values() if v is not None)
    text = text.replace(f"\n\n\n{first + 1}\n", f"\n\n{first + 1}\n").replace(f"\n{last}\n", f"\n{last}\n\n")
    path.write_text(text, "utf-8")
    read = load_report(path)
    assert all(v is None for v in read.tables["四"].values())
    assert read.tables["三"] == report.tables["三"]


def _cells_a_line(page: str) -> str:
    """A published page's report as LibreOffice saves its Word copy as text: each paragraph a line,
    each table's cells row by row, a cell merged down again (empty) in each row below it."""
    import lxml.html

    root = lxml.html.document_fromstring(page)
    lines: list[str] = []
    for el in root.body.iter("p", "table"):
        if el.tag == "p" and next(el.iterancestors("table"), None) is None:
            lines.append(el.text_content().strip())
        elif el.tag == "table":
            down: dict[int, tuple[int, int]] = {}  # column → (rows still covered, colspan)
            for tr in el.iter("tr"):
                col, out = 0, []
                cells = list(tr.iter("td", "th"))
                while cells or col in down:
                    if col in down:
                        left, span = down[col]
                        out.append("")
                        down[col] = (left - 1, span)
                        if left - 1 == 0:
                            del down[col]
                        col += span
                        continue
                    td = cells.pop(0)
                    span, rows = int(td.get("colspan", "1")), int(td.get("rowspan", "1"))
                    out.append(td.text_content().strip())
                    if rows > 1:
                        down[col] = (rows - 1, span)
                    col += span
                lines += out
    return "\n".join(lines)


def test_a_published_pages_layout_saved_so_is_read(tmp_path: Path) -> None:
    """The 2023 page's tables (a site's own merges), every figure different, so saved: each of
    its 200 figures in its cell, as the page itself reads."""
    from tests.test_web_rowspan import HTML

    path = tmp_path / "另存为文本.txt"
    path.write_text(_cells_a_line(HTML), "utf-8")
    page = tmp_path / "年报.html"
    page.write_text(HTML, "gb18030")
    read, shown = load_report(path), load_report(page)
    assert len({v for v in shown.tables["三"].values() if v is not None}) == 175
    assert {k: read.tables[k] for k in ("二", "三", "四")} == {k: shown.tables[k] for k in ("二", "三", "四")}
