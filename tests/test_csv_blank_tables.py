"""A statutory table saved as CSV before its figures are filled in (the sheet saved whole, its
section heading above it as a row of one cell: “四、政府信息公开行政复议、行政诉讼情况,,,,”) was
refused as “文件中没有找到统计表格”: a run of comma lines was a table only with a row of figures
or with statutory labels in its first row, and the first row was the heading.  Blank cells are
a finding (BLANK-CELL), never a refusal; the heading is the section's heading."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from app.checks import run_all as check
from app.reading import load_report
from app.xlsx_write import write_xlsx
from tests.helpers import sheet_csv

DATA = Path(__file__).parent / "data"
SHEETS = {"二": "表二", "三": "表三", "四": "表四"}


def _sheet_csv(xlsx: Path, sheet: str, blank: bool) -> str:
    """The sheet as CSV; ``blank``: its figures left out too (a table saved before it was filled in)."""
    return sheet_csv(xlsx, sheet, (lambda v: "" if isinstance(v, (int, float)) else v) if blank else (lambda v: v))


@pytest.mark.parametrize("codec", ["utf-8-sig", "gbk"])
@pytest.mark.parametrize("key", ["二", "三", "四"])
def test_a_blank_table_saved_as_csv_is_read_blank(tmp_path: Path, key: str, codec: str) -> None:
    report = load_report(DATA / "xiaogang-2021.docx")
    write_xlsx(report, tmp_path / "导出.xlsx")
    text = _sheet_csv(tmp_path / "导出.xlsx", SHEETS[key], blank=True)
    assert text.splitlines()[0].endswith(",,,")  # the heading a row of one cell, as Excel saves it
    path = tmp_path / f"{SHEETS[key]}.csv"
    path.write_bytes(text.encode(codec))
    read = load_report(path)  # was refused: 文件中没有找到统计表格
    assert all(v is None for v in read.tables[key].values())
    findings = check(read)
    assert any(f.code == "BLANK-CELL" and f"表{key}" in f.message for f in findings)
    assert not any(f.kind == "table" and f"没有找到表{key}" in f.message for f in read.import_findings)


def test_the_heading_row_is_the_sections_heading(tmp_path: Path) -> None:
    """表四's sheet with its figures: the heading row above it is 四's heading (was read as the
    table's first row, and 四 said missing), and the figures are where they were."""
    report = load_report(DATA / "xiaogang-2021.docx")
    write_xlsx(report, tmp_path / "导出.xlsx")
    lines = _sheet_csv(tmp_path / "导出.xlsx", "表四", blank=False).split("\r\n")
    figures = list(range(1, 16))
    lines[4] = ",".join(map(str, figures))
    path = tmp_path / "表四.csv"
    path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    read = load_report(path)
    assert [read.tables["四"][c] for c in sorted(read.tables["四"])] != [None] * 15
    assert sorted(v for v in read.tables["四"].values() if v is not None) == figures
    assert not any(f.code == "MISSING-SECTION" and "四、" in f.message for f in check(read))


def test_a_blank_row_numbered_as_a_heading_is_a_row(tmp_path: Path) -> None:
    """表三's rows 二、上年结转… and 四、结转下年度… left blank are rows of one filled cell, numbered as
    a section's heading is: they stay the table's rows (were taken for headings: “没有找到…行”)."""
    report = load_report(DATA / "xiaogang-2021.docx")
    write_xlsx(report, tmp_path / "导出.xlsx")
    text = _sheet_csv(tmp_path / "导出.xlsx", "表三", blank=True)
    assert "\r\n二、上年结转政府信息公开申请数量,,," in text and "\r\n四、结转下年度继续办理,,," in text
    path = tmp_path / "表三.csv"
    path.write_text(text, encoding="utf-8-sig")
    read = load_report(path)
    assert not [f.message for f in read.import_findings if "没有找到“" in f.message]


@pytest.mark.parametrize("key", ["二", "三", "四"])
def test_a_blank_sheet_saved_as_tab_separated_text(tmp_path: Path, key: str) -> None:
    """Excel's “文本文件(制表符分隔)”: the same sheet, cells between tabs, GBK.  Read, the heading row
    above the table its section's heading (was the table's first row: “没有找到标题…”)."""
    report = load_report(DATA / "xiaogang-2021.docx")
    write_xlsx(report, tmp_path / "导出.xlsx")
    rows = list(csv.reader(io.StringIO(_sheet_csv(tmp_path / "导出.xlsx", SHEETS[key], blank=True))))
    path = tmp_path / f"{SHEETS[key]}.txt"
    path.write_bytes("\r\n".join("\t".join(r) for r in rows).encode("gbk"))
    read = load_report(path)
    assert all(v is None for v in read.tables[key].values())
    assert not [f.message for f in read.import_findings if f"没有找到标题“{key}、" in f.message or f"没有找到表{key}" in f.message]
    assert any(f.code == "BLANK-CELL" and f"表{key}" in f.message for f in check(read))


@pytest.mark.parametrize(("key", "label", "at"), [("三", "商业企业", 2), ("三", "一、本年新收政府信息公开申请数量", 10),
                                                  ("二", "行政规范性文件", 5), ("四", "未经复议直接起诉", 4)])
def test_a_label_typed_over_two_lines_in_a_cell(tmp_path: Path, key: str, label: str, at: int) -> None:
    """A cell typed over two lines (Alt+Enter: “商业↵企业”) is saved as a quoted field with a line
    break in it: the row was cut in two there — 表三's header named the wrong columns (9 figures
    astray), 表二's row was lost.  Every figure different, so one read astray cannot pass."""
    report = load_report(DATA / "xiaogang-2021.docx")
    figure = 1
    for cell in sorted(report.tables[key]):
        report.tables[key][cell] = figure
        figure += 1
    write_xlsx(report, tmp_path / "导出.xlsx")
    text = _sheet_csv(tmp_path / "导出.xlsx", SHEETS[key], blank=False)
    broken = text.replace(f"{label},", f'"{label[:at]}\r\n{label[at:]}",').replace(f",{label}\r\n", f',"{label[:at]}\r\n{label[at:]}"\r\n')
    assert broken != text
    path = tmp_path / f"{SHEETS[key]}.csv"
    path.write_text(broken, encoding="utf-8-sig", newline="")
    read = load_report(path)
    typed = {c: v for c, v in read.tables[key].items() if v is not None}  # (the export's totals: formulas, saved blank)
    assert len(typed) >= 7 and all(report.tables[key][c] == v for c, v in typed.items())
    assert not [f.message for f in read.import_findings if "无法对应" in f.message or "少了" in f.message or '"' in f.message]


def test_a_label_typed_over_two_lines_in_tab_separated_text(tmp_path: Path) -> None:
    """Excel's tab-separated text quotes such a cell the same way: one cell again."""
    report = load_report(DATA / "xiaogang-2021.docx")
    for n, cell in enumerate(sorted(report.tables["三"]), 1):
        report.tables["三"][cell] = n
    write_xlsx(report, tmp_path / "导出.xlsx")
    rows = list(csv.reader(io.StringIO(_sheet_csv(tmp_path / "导出.xlsx", "表三", blank=False))))
    text = "\r\n".join("\t".join(f'"{c[:2]}\r\n{c[2:]}"' if c == "商业企业" else c for c in r) for r in rows)
    path = tmp_path / "表三.txt"
    path.write_bytes(text.encode("gbk"))
    read = load_report(path)
    typed = {c: v for c, v in read.tables["三"].items() if v is not None}
    assert len(typed) > 100 and all(report.tables["三"][c] == v for c, v in typed.items())
