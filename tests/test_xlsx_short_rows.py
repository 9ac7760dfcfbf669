"""A row of 2 pt or less shows nothing (hostile14): Excel and WPS clip a cell's text to its row,
so a row 0.5 pt high is a line across the sheet.  A copy of 表三's 本年新收 row with other
figures, so flattened above the real one, was read in its place (and the real figures called
the repeat) with nothing said; it is now left out as a hidden row is, and said.  So are rows and
columns flattened or hidden by the sheet's defaults, or folded into a collapsed outline (review15 H1)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.reading import load_report
from app.report import Report
from tests.test_xlsx_hidden import _insert, _notes, _read_back, _same_tables, _table3_sheet, base  # noqa: F401

NOTE = "工作簿中有1行隐藏的行，未读入；Excel/WPS表格中看不到、打印时也没有这些内容，请核对表格，确需保留的在 Excel/WPS 中取消隐藏后重新打开"


def _decoy_above(path: Path, height: float) -> openpyxl.Workbook:
    """表三 with a copy of its 本年新收 row, every figure 999, ``height`` points high, above the real one."""
    return _decoy(path, height)[0]


def _decoy(path: Path, height: float) -> tuple[openpyxl.Workbook, Worksheet, int]:
    """_decoy_above's workbook, its sheet of 表三 and the copy's row."""
    wb, ws, c = _table3_sheet(path)
    r0 = c.row
    ws = _insert(ws, r0, 0)
    for col in range(1, ws.max_column + 1):
        ws.cell(r0, col).value = ws.cell(r0 + 1, col).value
    for col in range(c.column + 1, ws.max_column + 1):
        if isinstance(ws.cell(r0 + 1, col).value, (int, float)):
            ws.cell(r0, col).value = 999
    ws.row_dimensions[r0].height = height
    return wb, ws, r0


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


def _own_heights(ws: Worksheet, but: int) -> None:
    """Every row of ``ws`` its own height of 15 pt, as Excel shows it, except row ``but``."""
    for r in range(1, ws.max_row + 1):
        if r != but:
            ws.row_dimensions[r].height = 15


def test_a_row_at_a_flattened_sheet_default_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """review15 H1: a row without a height of its own has the sheet's default; a default set to
    0.5 pt (sheetFormatPr customHeight) flattens the copy above the real row as its own 0.5 would."""
    original, path = base
    wb, ws, r0 = _decoy(path, 15)
    del ws.row_dimensions[r0]
    _own_heights(ws, r0)
    ws.sheet_format.defaultRowHeight = 0.5
    ws.sheet_format.customHeight = True
    back = _read_back(wb, tmp_path / "flat-default.xlsx")
    assert back.tables == original.tables  # the figures the sheet shows, not the 999s
    assert _notes(back) == [NOTE]


def test_a_row_inside_a_collapsed_outline_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """The copy is a detail row (outline level 1) of a group whose summary row, the real one
    below it, is collapsed: LibreOffice shows it folded away even without the row's own hidden."""
    original, path = base
    wb, ws, r0 = _decoy(path, 15)
    ws.row_dimensions[r0].outlineLevel = 1
    ws.row_dimensions[r0 + 1].collapsed = True
    back = _read_back(wb, tmp_path / "collapsed.xlsx")
    assert back.tables == original.tables
    assert _notes(back) == [NOTE]


def test_rows_hidden_by_default_hide_only_the_rows_not_written(
        base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """zeroHeight ("hide unused rows", XlsxWriter's set_default_row(hide_unused_rows=True)) hides
    the rows the file does not write; the written ones, without a height of their own, are shown
    (Excel's own default_row02 file writes them so; LibreOffice shows them).  Taking them for
    hidden would leave out every row of such a table: it is read in full, nothing said."""
    original, path = base
    wb, ws, _ = _table3_sheet(path)
    for r in list(ws.row_dimensions):
        del ws.row_dimensions[r]
    ws.sheet_format.zeroHeight = True
    back = _read_back(wb, tmp_path / "zero-height.xlsx")
    assert back.tables == original.tables and _notes(back) == []


def test_a_row_of_height_0_without_custom_height_is_hidden(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """ht="0" without customHeight="1" is still a row of no height (Excel draws a row at its ht;
    customHeight only says the height was set by hand)."""
    original, path = base
    wb, _, r0 = _decoy(path, MARK_PT)
    wb.save(tmp_path / "marked.xlsx")
    back = load_report(_no_height(tmp_path / "marked.xlsx", r0, tmp_path / "h0.xlsx"))
    assert back.tables == original.tables
    assert _notes(back) == [NOTE]


MARK_PT = 7.25  # a height no other row of the workbook has, to find the copy's row by


def _no_height(path: Path, row: int, out: Path) -> Path:
    """``path`` with row ``row`` of height MARK_PT written as ht="0" without customHeight="1"
    (openpyxl writes a customHeight with every height, and no ht="0" at all)."""
    found = 0
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                text, n = re.subn(rf'(<row r="{row}"[^>]*?) ht="{MARK_PT}" customHeight="1"', r'\1 ht="0"', data.decode())
                found += n
                data = text.encode()
            dst.writestr(item, data)
    assert found == 1
    return out


def _decoy_column(path: Path) -> tuple[openpyxl.Workbook, Worksheet, int]:
    """表三 with a copy of a data column, every figure 999, inserted before it: (workbook, sheet, its column)."""
    wb, ws, c = _table3_sheet(path)
    at = c.column + 2
    ws = _insert(ws, at, 1)
    merged = {(r, col) for rng in ws.merged_cells.ranges for r, col in rng.cells}
    for r in range(1, ws.max_row + 1):
        if (r, at) not in merged:
            v = ws.cell(r, at + 1).value
            ws.cell(r, at).value = 999 if isinstance(v, (int, float)) else v
    return wb, ws, at


def test_a_column_inside_a_collapsed_outline_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """The copy is a detail column (outline level 1) of a group whose summary column, the real one
    right of it, is collapsed: folded away as the rows of a collapsed group are."""
    original, path = base
    wb, ws, at = _decoy_column(path)
    ws.column_dimensions[get_column_letter(at)].outlineLevel = 1
    ws.column_dimensions[get_column_letter(at + 1)].collapsed = True
    back = _read_back(wb, tmp_path / "collapsed-column.xlsx")
    _same_tables(back, original)
    assert [n.split("，")[0] for n in _notes(back)] == ["工作簿中有1列隐藏的列"]


def test_a_column_at_a_zero_sheet_default_width_is_not_read(base: tuple[Report, Path], tmp_path: Path) -> None:  # noqa: F811
    """A column no <col> entry covers has the sheet's defaultColWidth; at 0 it is hidden, as a
    column of its own width 0 is: a copy of the figures (999) there between two data columns is
    left out and said."""
    original, path = base
    wb, ws, at = _decoy_column(path)
    for col in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    del ws.column_dimensions[get_column_letter(at)]
    ws.sheet_format.defaultColWidth = 0
    back = _read_back(wb, tmp_path / "zero-default-column.xlsx")
    _same_tables(back, original)
    assert [n.split("，")[0] for n in _notes(back)] == ["工作簿中有1列隐藏的列"]
