"""The editor's exported workbook with its three sheets pasted onto one, one under another (a
reviewer gathering them to print or send): each sheet's 勾稽关系核对 cells come along under its
table.  They are not read, and the table after them is (before, everything below the first
check block was dropped: 表四 said to be missing, 表三 too when 表二 came first with its block)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.reading import load_report
from app.xlsx_write import write_xlsx
from tests.test_docx_embedded_sheet import _spec
from tests.thirdparty import build


@pytest.mark.parametrize("order", [("表二", "表三", "表四"), ("表四", "表三", "表二")])
def test_the_editors_sheets_pasted_onto_one_read_every_figure(tmp_path: Path, order: tuple[str, ...]) -> None:
    expected = load_report(build(_spec(), tmp_path / "src.docx"))
    workbook = tmp_path / "导出.xlsx"
    write_xlsx(expected, workbook)
    wb = openpyxl.load_workbook(workbook)
    one, row = wb.create_sheet("统计表", 0), 1
    for name in order:
        sheet = wb[name]
        for r in range(1, sheet.max_row + 1):
            for c in range(1, sheet.max_column + 1):
                one.cell(row + r - 1, c, sheet.cell(r, c).value)
        for merged in sheet.merged_cells.ranges:
            one.merge_cells(start_row=merged.min_row + row - 1, end_row=merged.max_row + row - 1,
                            start_column=merged.min_col, end_column=merged.max_col)
        row += sheet.max_row + 2
        del wb[name]
    wb.save(tmp_path / "一张表.xlsx")
    read = load_report(tmp_path / "一张表.xlsx")
    for key, table in expected.tables.items():
        assert read.tables[key] == table, key
    assert not [f for f in read.import_findings if f.code == "MISSING-SECTION"]
