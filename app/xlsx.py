"""The statutory tables as an Excel workbook (openpyxl), one sheet a table, laid out like the
annex: the same labels and merged cells as the .docx, so that it can be filled or checked in
Excel/WPS and pasted back."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from app.docx.blocks import Block, GridCell, TableBlock
from app.findings import TITLE_NONSTANDARD
from app.io import ReadError, atomic_write
from app.report import Report
from app.schema import TABLES, CellRef, TableSpec
from app.values import format_date, parse_date

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")


def _sheet(wb: Workbook, spec: TableSpec, report: Report, first: bool) -> None:
    ws = wb.active if first else wb.create_sheet()
    ws.title = f"表{spec.key}"
    ws.cell(1, 1, spec.title).font = Font(bold=True, size=12)
    top = 2  # the table starts below its title row
    grid = report.tables[spec.key]
    for cell in spec.layout:
        target = ws.cell(top + cell.row, 1 + cell.col)
        if cell.data is None:
            target.value = cell.text
            target.fill = _LABEL_FILL
            target.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        else:
            value = grid[cell.data]
            # The file's unreadable text stays (as text) for the author to correct.
            target.value = value if value is not None else report.raw.get(CellRef(spec.key, *cell.data))
            target.number_format = _format_of(value)
            target.alignment = Alignment(horizontal="center", vertical="center")
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                ws.cell(top + cell.row + dr, 1 + cell.col + dc).border = _BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=top + cell.row, start_column=1 + cell.col,
                end_row=top + cell.row + cell.rowspan - 1, end_column=1 + cell.col + cell.colspan - 1,
            )
    for j, width in enumerate(spec.col_widths):
        ws.column_dimensions[ws.cell(1, j + 1).column_letter].width = max(8.0, width * 12)


META_SHEET = "基本信息"
_META_ROWS = ("机关名称", "报告年度", "成文日期")


def write_xlsx(report: Report, path: Path) -> None:
    wb = Workbook()
    for i, spec in enumerate(TABLES.values()):
        _sheet(wb, spec, report, i == 0)
    meta = wb.create_sheet(META_SHEET)
    date = format_date(report.date)
    for r, (label, value) in enumerate(zip(_META_ROWS, (report.organ, report.year, date), strict=True), 1):
        meta.cell(r, 1, label).font = Font(bold=True)
        meta.cell(r, 2, value)
    meta.column_dimensions["B"].width = 48
    atomic_write(path, lambda tmp: wb.save(tmp))


def _read_meta(wb: Workbook, report: Report) -> None:
    """机关名称, 年度 and 成文日期 from our 基本信息 sheet, when the workbook has one."""
    if META_SHEET not in wb.sheetnames:
        return
    values = {ws_row[0].value: ws_row[1].value for ws_row in wb[META_SHEET].iter_rows(min_row=1, max_col=2)}
    report.organ = str(values.get("机关名称") or "")
    year = values.get("报告年度")
    report.year = int(year) if isinstance(year, (int, float)) or (isinstance(year, str) and year.isdigit()) else None
    report.date = parse_date(str(values.get("成文日期") or ""))


def read_xlsx(path: Path) -> Report:
    """The tables of a workbook — ours, or any sheet laid out like the statutory tables —
    placed by their labels exactly as a .docx table would be."""
    from app.docx.reader import read_blocks_report

    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except Exception as e:  # openpyxl raises many kinds on broken or foreign files
        raise ReadError(f"{path}：文件已损坏或不是 Excel 工作簿（.xlsx），无法读取") from e
    sheets = [ws for ws in wb.worksheets if ws.title != META_SHEET]
    blocks: list[Block] = [TableBlock.of_rows(i, _sheet_grid(ws)) for i, ws in enumerate(sheets)]
    try:
        report = read_blocks_report(blocks, has_text=False)
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    _read_meta(wb, report)
    if report.year:  # the reader's note about a missing title does not apply to a workbook
        report.import_findings = [f for f in report.import_findings if f.code != TITLE_NONSTANDARD.code]
    return report


def _sheet_grid(ws: Worksheet) -> list[list[GridCell]]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    width = ws.max_column
    grid: list[list[GridCell]] = []
    for r in range(1, ws.max_row + 1):
        row = []
        for c in range(1, width + 1):
            top = merged.get((r, c), (r, c))
            cell = ws.cell(*top)
            row.append(GridCell(_text(cell.value, cell.number_format), top[0] * 100000 + top[1]))
        grid.append(row)
    return grid


def _format_of(value: object) -> str:
    """Excel shows (and we read back) an amount with exactly the decimals it was given."""
    if isinstance(value, Decimal):
        places = -int(value.as_tuple().exponent)
        return "0." + "0" * places if places > 0 else "0"
    return "0"


def _text(value: object, number_format: str = "General") -> str:
    """A cell as the text a person would read: 3.0 is 3; decimals as many as its format shows
    (96171.60 stays 96171.60), else the float's shortest form."""
    if value is None:
        return ""
    if isinstance(value, float):
        m = re.fullmatch(r"0\.(0+)", number_format)
        if m:
            return f"{value:.{len(m.group(1))}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
