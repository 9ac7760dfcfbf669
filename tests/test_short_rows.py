"""表三's row left short — its blank cells at the right not written (a CMS page's row closed after
its last figure, that page copied as text, a .docx row without its last cells) — was dropped
whole: “表三中没有找到…行”, its figures lost.  A browser or Word shows the row's cells from the
left: they are read in those columns, the cells not written blank (a total left out is not
computed), and ROW-SHORT says which rows.  Every figure differs, so a slid one cannot pass."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from app.docx.writer import write_docx
from app.reading import load_report
from app.schema import T3_ROW_PATHS, TABLES
from tests.test_webcopy import page

T3 = TABLES["三"]
VALUES = {(c.row, c.col): str(100 + i) for i, c in enumerate(T3.cells)}
LEAVES = [p[-1] for p in T3_ROW_PATHS]
# 一、本年新收 (no merged label beside it) and 2.其他法律… (under two rowspans), each without its last three
CASES = ["一、本年新收政府信息公开申请数量", "2.其他法律行政法规禁止公开"]
LEFT = 3


def _rows(label: str) -> tuple[dict[int, list[tuple[object, str]]], set[tuple[int, int]]]:
    row = LEAVES.index(label)
    gone = {(c.row, c.col) for c in T3.layout if c.data is not None and c.data[0] == row and c.data[1] >= 7 - LEFT}
    out: dict[int, list[tuple[object, str]]] = {}
    for cell in T3.layout:
        if (cell.row, cell.col) not in gone:
            out.setdefault(cell.row, []).append((cell, VALUES[cell.data] if cell.data is not None else cell.text))
    return out, {(row, c) for c in range(7 - LEFT, 7)}


def _read_right(path: Path, blank: set[tuple[int, int]], label: str) -> None:
    read = load_report(path)
    wrong = {pos: read.tables["三"][pos] for pos, v in VALUES.items()
             if read.tables["三"][pos] != (None if pos in blank else int(v))}
    assert not wrong
    notes = [f.message for f in read.import_findings if f.code == "LABEL-EDITED"]
    assert notes == [f"表三有1行比表头少几格（“{label}”），数字按各格所在的列从左起导入，少的格为空白，请核对这些行"]


def _in_page(tmp_path: Path, table: str) -> Path:
    text = page(VALUES)
    tables = re.findall(r"<table.*?</table>", text)
    path = tmp_path / "page.html"
    path.write_text(text.replace(tables[1], table), encoding="utf-8")
    return path


def _html_table(rows: dict[int, list[tuple[Any, str]]]) -> str:  # (a layout cell, its text)
    """The rows (each its cells with their spans and texts) as a web page's bordered table."""
    return '<table border="1">' + "".join(
        "<tr>" + "".join(f'<td colspan="{c.colspan}" rowspan="{c.rowspan}">{html.escape(t)}</td>' for c, t in cells) + "</tr>"
        for _, cells in sorted(rows.items())) + "</table>"


@pytest.mark.parametrize("label", CASES)
def test_a_web_pages_short_row(tmp_path: Path, label: str) -> None:
    rows, blank = _rows(label)
    table = _html_table(rows)
    _read_right(_in_page(tmp_path, table), blank, label)


@pytest.mark.parametrize("label", CASES)
def test_a_browsers_text_copy_of_it(tmp_path: Path, label: str) -> None:
    """Chrome copies a row as its own cells between tabs: under a rowspan fewer at the left,
    short ones fewer at the right."""
    rows, blank = _rows(label)
    lines = ["三、收到和处理政府信息公开申请情况", "",
             *("\t".join(t for _, t in cells) for _, cells in sorted(rows.items())), "",
             "四、政府信息公开行政复议、行政诉讼情况"]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _read_right(path, blank, label)


@pytest.mark.parametrize("label", CASES)
def test_a_docx_row_without_its_last_cells(tmp_path: Path, label: str) -> None:
    report = load_report(Path(__file__).parent / "data" / "xiaogang-2021.docx")
    for pos, v in VALUES.items():
        report.tables["三"][pos] = int(v)
    path = tmp_path / "报告.docx"
    write_docx(report, path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    row = LEAVES.index(label)
    last = [str(100 + i) for i, c in enumerate(T3.cells) if c.row == row][-LEFT:]
    tr = next(m for m in re.finditer(r"<w:tr[ >].*?</w:tr>", xml, re.S) if f">{html.escape(label)}<" in m.group())
    cells = re.findall(r"<w:tc>.*?</w:tc>", tr.group(), re.S)
    assert all(f">{v}<" in c for v, c in zip(last, cells[-LEFT:], strict=True))
    short = tr.group()
    for c in cells[-LEFT:]:
        short = short.replace(c, "")
    parts["word/document.xml"] = xml.replace(tr.group(), short).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    _read_right(path, {(row, c) for c in range(7 - LEFT, 7)}, label)


def test_a_row_shifted_left_is_not_said_short(tmp_path: Path) -> None:
    """A row whose label cell is left out (its figures one column left, the first where the label
    stands) is no row left short: not read from the left as one, not said so."""
    label = "2.其他法律行政法规禁止公开"
    rows, _ = _rows(LEAVES[0])  # (a whole table but for 一、本年新收's last three)
    rows = {r: [(c, t) for c, t in cells if t != label] for r, cells in rows.items()}
    table = _html_table(rows)
    read = load_report(_in_page(tmp_path, table))
    notes = [f.message for f in read.import_findings if "少几格" in f.message]
    assert notes == ["表三有1行比表头少几格（“一、本年新收政府信息公开申请数量”），数字按各格所在的列从左起导入，少的格为空白，请核对这些行"]


@pytest.mark.parametrize("label", CASES)
def test_the_note_points_at_the_cells_left_out(tmp_path: Path, label: str) -> None:
    rows, blank = _rows(label)
    table = _html_table(rows)
    read = load_report(_in_page(tmp_path, table))
    said = next(f for f in read.import_findings if "少几格" in f.message)
    assert said.location.section == "三" and {(c.row, c.col) for c in said.location.cells} == blank
