"""Statutory tables split in two by a page break — a table cut where a page ends (Word's
Ctrl+Shift+Enter, a converter keeping each page's part), the second part with or without the
header repeated — read whole, in a .docx and in the web page LibreOffice or Word makes of it.
表四's header rows alone in one table and its row of figures in the next, the header's grid a
sliver column wider (as LibreOffice's web page has it), was “一个表格（以“186”开头）不是法定统计表”."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from app.docx.writer import write_docx
from app.reading import load_report
from app.report import Report
from app.schema import TABLES
from tests.test_webcopy import page

DATA = Path(__file__).parent / "data"
BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
KEYS = ("二", "三", "四")


def _distinct(tmp_path: Path) -> tuple[Report, Path]:
    report = load_report(DATA / "xiaogang-2021.docx")
    figure = 1
    for key in KEYS:  # every figure different: one read from a neighbour's place cannot pass
        for cell in sorted(report.tables[key]):
            report.tables[key][cell] = figure
            figure += 1
    path = tmp_path / "整表.docx"
    write_docx(report, path)
    return report, path


def _split(src: Path, out: Path, words: str, after: int, repeat: int = 0, between: str = BREAK) -> Path:
    """``src`` with the table holding ``words`` cut after its row ``after``, ``repeat`` header rows
    written again at the second part's top, ``between`` the two."""
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    table = next(m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S) if words in m.group())
    head = table.group()[:table.group().index("<w:tr")]
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", table.group(), re.S)
    first = head + "".join(rows[:after]) + "</w:tbl>"
    second = head + "".join(rows[:repeat]) + "".join(rows[after:]) + "</w:tbl>"
    parts["word/document.xml"] = (xml[:table.start()] + first + between + second + xml[table.end():]).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def _same(read: Report, report: Report) -> None:
    assert {k: read.tables[k] for k in KEYS} == {k: report.tables[k] for k in KEYS}
    assert not [f.message for f in read.import_findings if "不是法定统计表" in f.message or "没有找到表" in f.message]


CUTS = [("申请人情况", 5, 0), ("申请人情况", 12, 0), ("申请人情况", 12, 3), ("申请人情况", 20, 3),
        ("未经复议直接起诉", 3, 0), ("规章", 6, 0), ("规章", 2, 0)]


@pytest.mark.parametrize(("words", "after", "repeat"), CUTS)
def test_a_docx_table_cut_by_a_page_break_is_read_whole(tmp_path: Path, words: str, after: int, repeat: int) -> None:
    report, src = _distinct(tmp_path)
    _same(load_report(_split(src, tmp_path / "分页.docx", words, after, repeat)), report)


def test_table_four_header_alone_then_its_figures_on_a_web_page(tmp_path: Path) -> None:
    """表四's header rows one <table> (a narrow empty column at its end, as LibreOffice writes
    it), its figures the next: read as 表四."""
    spec = TABLES["四"]
    values = {(c.row, c.col): str(500 + i) for i, c in enumerate(spec.cells)}
    rows: dict[int, list[str]] = {}
    for cell in spec.layout:
        text = values[cell.data] if cell.data is not None else cell.text
        rows.setdefault(cell.row, []).append(f'<td colspan="{cell.colspan}" rowspan="{cell.rowspan}">{text}</td>')
    trs = [f"<tr>{''.join(cells)}</tr>" for _, cells in sorted(rows.items())]
    sliver = '<td style="width:1px"></td></tr>'
    header = '<table border="1">' + "".join(tr.replace("</tr>", sliver) for tr in trs[:spec.header_rows]) + "</table>"
    figures = '<table border="1" style="page-break-before: always">' + "".join(trs[spec.header_rows:]) + "</table>"
    text = page({})
    tables = re.findall(r"<table.*?</table>", text)
    path = tmp_path / "年报.html"
    path.write_text(text.replace(tables[2], header + figures), encoding="utf-8")
    read = load_report(path)
    assert {pos: read.tables["四"][pos] for pos in values} == {pos: int(v) for pos, v in values.items()}
    assert not [f.message for f in read.import_findings if "不是法定统计表" in f.message]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffices_web_page_of_a_split_table_four(tmp_path: Path) -> None:
    report, src = _distinct(tmp_path)
    split = _split(src, tmp_path / "分页.docx", "未经复议直接起诉", 3)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "html",
                    "--outdir", str(tmp_path / "out"), str(split)], check=True, capture_output=True, timeout=180)
    _same(load_report(tmp_path / "out" / "分页.html"), report)


@pytest.mark.parametrize("after", [1, 2])
@pytest.mark.parametrize("web", ["", "top-cells", "runs-on"])
def test_table_three_cut_within_its_header_rows(tmp_path: Path, web: str, after: int) -> None:
    """表三 cut between its header rows (商业企业… on the next page, the merged corner, 自然人 and
    总计 going on above it): read under the rows before the cut.  It was read alone: 自然人 and
    总计 named nowhere, 175 cells wrong.  Its web page reads the same where those cells are
    written as merges of their own, or their rowspans run past the first part as if the cut were
    not there (the second part's rows then without cells there)."""
    from tests.test_web_split_merges import _page

    report, src = _distinct(tmp_path)
    cut = _split(src, tmp_path / "分页.docx", "申请人情况", after)
    if web:
        page_path = tmp_path / "分页.htm"
        page_path.write_text(_page(cut, web == "runs-on", top_cells=web == "top-cells"), encoding="utf-8")
        cut = page_path
    read = load_report(cut)
    _same(read, report)
    assert not read.import_findings
