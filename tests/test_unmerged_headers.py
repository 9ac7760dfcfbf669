"""Statutory tables whose merged header cells were undone (Excel/WPS “取消合并单元格”, a system's
export, a web page written without colspan/rowspan): each name stands in the first of the cells
it spanned, blanks beside and under it.  Read by its names as the merged table is, also when the
table is wider than the statutory one (a 备注 column, a wider table on the same sheet).  Before,
表三's header was not known (its names not among a row's first four cells) and its figures were
taken from the last seven cells — 175 cells lost to “无法对应” once a column was added; 表四's
groups named over their first result only left it placed by position: every figure shifted one
column, said only as a label note."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.reading import load_report
from app.report import Report
from tests.mhtmake import page_html
from tests.test_docx_embedded_sheet import _spec
from tests.thirdparty import build


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report, Path]:
    folder = tmp_path_factory.mktemp("unmerged")
    src = build(_spec(), folder / "src.docx")
    from app.xlsx_write import write_xlsx  # the editor's own workbook of the same figures

    report = load_report(src)
    workbook = folder / "src.xlsx"
    write_xlsx(report, workbook)
    return src, report, workbook


def _same_tables(read: Report, expected: Report) -> None:
    for key, table in expected.tables.items():
        assert read.tables[key] == table, key


def _unmerged_sheet(workbook: Path, dest: Path, sheet: str, column: int | None) -> Path:
    wb = openpyxl.load_workbook(workbook)
    ws = wb[sheet]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    if column is not None:
        ws.cell(ws.max_row, column, "备注：无")  # a note far right: the sheet is wider than the table
    wb.save(dest)
    return dest


@pytest.mark.parametrize("sheet", ["表三", "表四"])
@pytest.mark.parametrize("column", [None, 11, 16], ids=["as-wide", "one-more", "five-more"])
def test_an_unmerged_sheet_reads_every_figure(tmp_path: Path, source: tuple[Path, Report, Path], sheet: str,
                                              column: int | None) -> None:
    _, expected, workbook = source
    _same_tables(load_report(_unmerged_sheet(workbook, tmp_path / "取消合并.xlsx", sheet, column)), expected)


def test_three_unmerged_tables_on_one_sheet(tmp_path: Path, source: tuple[Path, Report, Path]) -> None:
    # 表二, 表三 and 表四 one under the other on one sheet, as 15 columns wide as 表四
    _, expected, workbook = source
    wb = openpyxl.load_workbook(workbook)
    ws, row = wb.create_sheet("统计表", 0), 1
    for name in ("表二", "表三", "表四"):
        src = wb[name]
        last = next(r - 1 for r in range(2, src.max_row + 2)  # the table, not the checks under it
                    if r > src.max_row or all(src.cell(r, c).value is None for c in range(1, src.max_column + 1)))
        for r in range(1, last + 1):
            for c in range(1, src.max_column + 1):
                ws.cell(row + r - 1, c, src.cell(r, c).value)
        row += last + 1
        del wb[name]
    wb.save(tmp_path / "一张表.xlsx")
    _same_tables(load_report(tmp_path / "一张表.xlsx"), expected)


@pytest.mark.parametrize("extra", [None, "备注"])
def test_an_unmerged_web_page_reads_every_figure(tmp_path: Path, source: tuple[Path, Report, Path], extra: str | None) -> None:
    src, expected, _ = source
    path = tmp_path / "报告.html"
    path.write_text(page_html(src, merged=False, extra=extra), encoding="utf-8")
    _same_tables(load_report(path), expected)
