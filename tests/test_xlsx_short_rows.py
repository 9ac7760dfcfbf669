"""A row of 2 pt or less shows nothing (hostile14): Excel and WPS clip a cell's text to its row,
so a row 0.5 pt high is a line across the sheet.  A copy of 表三's 本年新收 row with other
figures, so flattened above the real one, was read in its place (and the real figures called
the repeat) with nothing said; it is now left out as a hidden row is, and said."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.report import Report
from tests.test_xlsx_hidden import _insert, _notes, _read_back, _table3_sheet, base  # noqa: F401

NOTE = "工作簿中有1行隐藏的行，未读入；Excel/WPS表格中看不到、打印时也没有这些内容，请核对表格，确需保留的在 Excel/WPS 中取消隐藏后重新打开"


def _decoy_above(path: Path, height: float) -> openpyxl.Workbook:
    """表三 with a copy of its 本年新收 row, every figure 999, ``height`` points high, above the real one."""
    wb, ws, c = _table3_sheet(path)
    r0 = c.row
    ws = _insert(ws, r0, 0)
    for col in range(1, ws.max_column + 1):
        ws.cell(r0, col).value = ws.cell(r0 + 1, col).value
    for col in range(c.column + 1, ws.max_column + 1):
        if isinstance(ws.cell(r0 + 1, col).value, (int, float)):
            ws.cell(r0, col).value = 999
    ws.row_dimensions[r0].height = height
    return wb


@pytest.mark.parametrize("height", [0.5, 1, 2])
def test_a_flattened_row_is_not_read(base: tuple[Report, Path], tmp_path: Path, height: float) -> None:  # noqa: F811
    original, path = base
    back = _read_back(_decoy_above(path, height), tmp_path / "flat.xlsx")
    assert back.tables == original.tables  # the figures the sheet shows, not the 999s
    assert _notes(back) == [NOTE]


def test_a_short_row_of_small_print_is_read(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """A row set low but tall enough for small print is read as it was."""
    original, path = base
    wb, ws, c = _table3_sheet(path)
    ws.row_dimensions[c.row].height = 9
    back = _read_back(wb, tmp_path / "short.xlsx")
    assert back.tables == original.tables and _notes(back) == []
