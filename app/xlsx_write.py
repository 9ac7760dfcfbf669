"""The statutory tables written as an Excel workbook (openpyxl), one sheet a table, laid out like
the annex: the same labels and merged cells as the .docx, so that it can be filled or checked in
Excel/WPS表格 and read back (app/xlsx.py).

A real spreadsheet, not a picture of one: every total that agrees with its parts is a live
``=SUM`` formula (one that disagrees keeps the stated figure and is marked), and below each
table a check cell per 勾稽 relation shows 相符/不符 as the user types.  Every formula is
derived from the sum and balance rules of ``app.schema``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.io import atomic_write
from app.report import Report, computed_sum, saved_text
from app.schema import TABLES, CellRef, SumRule, TableSpec
from app.tablespec import Kind
from app.values import Value, as_number, format_date, format_value
from app.xlsxcell import put, put_text

if TYPE_CHECKING:
    from lxml import etree

FONT_NAME = "宋体"  # present on every Chinese Windows and WPS install; LibreOffice maps it
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOTAL_FILL = PatternFill("solid", fgColor="E4ECF7")
_WRONG_FILL = PatternFill("solid", fgColor="FBD9D7")
_OK_FONT = Font(name=FONT_NAME, color="2E7D32", bold=True)
_BAD_FONT = Font(name=FONT_NAME, color="C62828", bold=True)
_BLANK_FONT = Font(name=FONT_NAME, color="808080")
_TOP = 2  # the table starts below its title row
CHECKS_HEADING = "勾稽关系核对（公式自动计算，修改上表数字后即时更新）"
SAME, DIFFERENT, BLANK = "相符", "不符", "空白"
_LINE_PT = 14.5  # one line of 10.5 pt 宋体, with Excel's leading


class _Sheet:
    """Where the data cells of one table sit on its sheet."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.pos = {c.data: (_TOP + c.row, 1 + c.col) for c in spec.layout if c.data is not None}

    def addr(self, data: tuple[int, int]) -> str:
        row, col = self.pos[data]
        return f"{get_column_letter(col)}{row}"

    def ranges(self, parts: Iterable[tuple[int, int]]) -> str:
        """The parts as Excel ranges: contiguous runs in one row or one column merged."""
        cells = sorted(self.pos[p] for p in parts)
        out: list[str] = []
        i = 0
        while i < len(cells):
            j = i
            down = i + 1 < len(cells) and _next_in(cells[i], cells[i + 1], 0)
            while j + 1 < len(cells) and _next_in(cells[j], cells[j + 1], 0 if down else 1):
                j += 1
            first = f"{get_column_letter(cells[i][1])}{cells[i][0]}"
            last = f"{get_column_letter(cells[j][1])}{cells[j][0]}"
            out.append(first if i == j else f"{first}:{last}")
            i = j + 1
        return ",".join(out)


def _next_in(a: tuple[int, int], b: tuple[int, int], axis: int) -> bool:
    """b follows a along ``axis`` (0: down a column, 1: along a row)."""
    return a[1 - axis] == b[1 - axis] and b[axis] == a[axis] + 1


_Formulas = dict[tuple[int, int], tuple[str, SumRule]]  # a total's formula and the rule it sums


def _formulas(spec: TableSpec, report: Report, sheet: _Sheet) -> _Formulas:
    """Each total as its first rule's SUM formula, a blank one too: a row left blank and filled
    in Excel gets its total there, as in the editor (a blank total had none, and came back
    blank from 从Excel导入).  A blank total's formula shows blank until a part holds a figure
    (a plain SUM would show, and read back, 0).  Only a stated total that disagrees with its
    parts keeps the figure the report states, and one the file left blank beside filled parts
    stays blank (both marked, ``_data_cell``): a formula there would show, and read back, a sum
    the report does not have, and its errors would silently go."""
    grid = report.tables[spec.key]
    out: _Formulas = {}
    for rule in spec.sum_rules:
        stated = grid[rule.target]
        if rule.target in out or CellRef(spec.key, *rule.target) in report.raw:
            continue  # text the file had there that is no figure: kept, as text, to be corrected
        parts = sheet.ranges(rule.parts)
        if stated is None and computed_sum(grid, rule.parts) is None:
            out[rule.target] = f'=IF(COUNT({parts}),SUM({parts}),"")', rule
        elif as_number(stated) == as_number(computed_sum(grid, rule.parts)):
            out[rule.target] = f"=SUM({parts})", rule
    return out


def _shown(spec: TableSpec, report: Report, formulas: _Formulas) -> dict[tuple[int, int], Value]:
    """Each data cell as the spreadsheet computes it: a formula's result (a blank total's "" as
    None), else what is written there (the file's text that is no figure: None, as SUM takes it)."""
    grid = report.tables[spec.key]
    shown = {pos: grid[pos] for pos in grid}
    for target, (formula, rule) in formulas.items():  # the rule it was made of: a total may have two
        computed = computed_sum(grid, rule.parts)
        shown[target] = computed if formula.startswith("=IF(") else as_number(computed)
    return shown


def _sheet(wb: Workbook, spec: TableSpec, report: Report, first: bool) -> dict[str, object]:
    """The table's sheet; returns the result of each of its formulas, by cell."""
    ws = wb.active if first else wb.create_sheet()
    assert ws is not None
    ws.title = f"表{spec.key}"
    put_text(ws.cell(1, 1), spec.title)
    ws.cell(1, 1).font = Font(name=FONT_NAME, bold=True, size=12)
    sheet = _Sheet(spec)
    formulas = _formulas(spec, report, sheet)
    for cell in spec.layout:
        target = ws.cell(_TOP + cell.row, 1 + cell.col)
        if cell.data is None:
            put_text(target, cell.text)
            target.fill = _LABEL_FILL
            target.font = Font(name=FONT_NAME, bold=cell.header)
            horizontal = "left" if spec.is_row_label(cell) else "center"
            target.alignment = Alignment(wrap_text=True, vertical="center", horizontal=horizontal)
        else:
            _data_cell(target, spec, report, cell.data, formulas)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                ws.cell(_TOP + cell.row + dr, 1 + cell.col + dc).border = _BORDER
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=_TOP + cell.row, start_column=1 + cell.col,
                end_row=_TOP + cell.row + cell.rowspan - 1, end_column=1 + cell.col + cell.colspan - 1,
            )
    widths = [max(8.0, w * 12) for w in spec.col_widths]
    for cell in spec.layout:  # a figure wider than its column shows as “###” (8 digits: a 汇总's totals)
        if cell.data is not None and cell.colspan == 1:
            figure = format_value(report.tables[spec.key][cell.data])
            widths[cell.col] = max(widths[cell.col], len(figure) * _BOLD_DIGIT + _FIGURE_PAD)
    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = width
    _row_heights(ws, spec, widths)
    _page_setup(ws, spec, widths)
    # The header rows and the row labels stay in view as 表三's 29 rows and 10 columns scroll.
    first_col = min(c.col for c in spec.layout if c.data is not None)
    ws.freeze_panes = ws.cell(_TOP + spec.header_rows, 1 + first_col).coordinate
    shown = _shown(spec, report, formulas)
    stored: dict[str, object] = {sheet.addr(pos): "" if shown[pos] is None else shown[pos] for pos in formulas}
    return stored | _checks(ws, spec, sheet, shown)


def _data_cell(target: object, spec: TableSpec, report: Report, data: tuple[int, int],
               formulas: _Formulas) -> None:
    from openpyxl.cell.cell import Cell

    assert isinstance(target, Cell)
    value = report.tables[spec.key][data]
    ref = CellRef(spec.key, *data)
    if data in formulas:
        target.value = formulas[data][0]  # ours: the one kind of cell written as a formula
    else:  # the file's unreadable text stays, as text (never a formula), for the author to correct
        put(target, value if value is not None else report.raw.get(ref))
    amount = (cell := spec.cell(*data)) is not None and cell.kind is Kind.AMOUNT
    target.number_format = _format_of(value, amount)
    target.alignment = Alignment(horizontal="center", vertical="center")
    total = data in spec.totals
    target.font = Font(name=FONT_NAME, bold=total)
    rule = next((r for r in spec.sum_rules if r.target == data), None) if total else None
    computed = computed_sum(report.tables[spec.key], rule.parts) if rule is not None else None
    if total and data not in formulas and (value is not None or computed is not None):
        shown = format_value(computed) or "空白"
        target.fill = _WRONG_FILL
        said = f"报告所填{format_value(value)}" if value is not None else "报告此处空白，"
        kept = "保留原数" if value is not None else "保留空白"
        target.comment = Comment(f"{said}与明细不符（按明细应为{shown}），{kept}", "年报编辑器")
    elif total:
        target.fill = _TOTAL_FILL


_BOLD_DIGIT = 1.15  # column-width units a digit of a bold total takes (the unit is a digit of the default font)
_FIGURE_PAD = 1.5  # the cell's margins, in those units


def _row_heights(ws: Worksheet, spec: TableSpec, widths: list[float]) -> None:
    """Excel does not grow a row for wrapped text written by a program: long labels would be
    cut.  Lines are estimated from the label's length and its (merged) width."""
    need: dict[int, float] = {}
    for cell in spec.layout:
        if cell.data is not None or not cell.text:
            continue
        width = sum(widths[cell.col: cell.col + cell.colspan]) - 1
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell.text)  # a Chinese character is two
        lines = max(1, math.ceil(units / max(width, 2)))
        per_row = lines * _LINE_PT / cell.rowspan
        for r in range(cell.row, cell.row + cell.rowspan):
            need[r] = max(need.get(r, _LINE_PT), per_row + 4)
    for r, height in need.items():
        ws.row_dimensions[_TOP + r].height = round(height, 1)


# The print layout.  A4 less these margins (inches) is the printable block; a column of width w
# (characters of the default font, Calibri 11) is w × 7 + 5 px in Excel, and 1.25 times that
# where the font is measured in DejaVu Sans instead (LibreOffice or WPS on a Linux desktop without
# Calibri; app/batch_summary.py measured it).  A row without a height of its own is 15 pt.
A4_PT = (595.0, 842.0)
_MARGINS = {"left": 0.5, "right": 0.5, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}
_CHARACTER_PX, _ELSEWHERE_WIDER, _ROW_PT = 7, 1.25, 15.0


def _page_setup(ws: Worksheet, spec: TableSpec, widths: list[float]) -> None:
    """Each table on one A4 page, as the annex shows it (fitted to one page wide and any number
    tall, 表三 printed on two, the break cutting its merged “（六）其他处理” in half), turned the
    way that prints it larger: 表三 and 表四 landscape, 表二 portrait."""
    from openpyxl.worksheet.page import PageMargins

    last_row = _TOP + spec.grid_rows - 1
    wide = sum(w * _CHARACTER_PX + 5 for w in widths) * 0.75 * _ELSEWHERE_WIDER
    tall = sum(ws.row_dimensions[r].height or _ROW_PT for r in range(1, last_row + 1))
    inch = 72.0

    def scale(page_w: float, page_h: float) -> float:
        room_w = page_w - (_MARGINS["left"] + _MARGINS["right"]) * inch
        room_h = page_h - (_MARGINS["top"] + _MARGINS["bottom"]) * inch
        return min(1.0, room_w / wide, room_h / tall)

    portrait, landscape = scale(*A4_PT), scale(*reversed(A4_PT))
    ws.page_setup.orientation = "landscape" if landscape > portrait else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins = PageMargins(**_MARGINS)
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.print_title_rows = f"1:{_TOP + spec.header_rows - 1}" if spec.header_rows else "1:1"
    ws.print_area = f"A1:{get_column_letter(spec.grid_cols)}{last_row}"


def _relations(spec: TableSpec, sheet: _Sheet, shown: dict[tuple[int, int], Value]) -> list[tuple[str, str, str]]:
    """(description, check formula) for every 勾稽 relation of the table, judged as
    app/checks/arithmetic.py judges it: blank counts as 0 (a blank total's formula shows "",
    and "" = 0 is false in Excel, WPS and LibreOffice alike: every row left blank said 不符),
    and a relation none of whose cells holds a figure says 空白 — blank cells are BLANK-CELL's
    business, not 勾稽's.  With each, the result it gives on the cells as ``shown``."""
    def result(left: tuple[tuple[int, int], ...], right: tuple[tuple[int, int], ...]) -> str:
        if all(shown[p] is None for p in (*left, *right)):
            return BLANK
        same = sum(as_number(shown[p]) for p in left) == sum(as_number(shown[p]) for p in right)
        return SAME if same else DIFFERENT

    out = []
    for rule in spec.sum_rules:
        total, parts = sheet.addr(rule.target), sheet.ranges(rule.parts)
        out.append((f"{rule.subject}：{rule.total_name}＝{rule.parts_name}",
                    _check(f"{total},{parts}", f"N({total})", f"SUM({parts})"), result((rule.target,), rule.parts)))
    for bal in spec.balance_rules:
        left, right = sheet.ranges(bal.left), sheet.ranges(bal.right)
        out.append((f"表{spec.key}{bal.subject}：{bal.left_name}＝{bal.right_name}",
                    _check(f"{left},{right}", f"SUM({left})", f"SUM({right})"), result(bal.left, bal.right)))
    return out


def _check(cells: str, left: str, right: str) -> str:
    return f'=IF(COUNT({cells})=0,"{BLANK}",IF({left}={right},"{SAME}","{DIFFERENT}"))'


def _checks(ws: Worksheet, spec: TableSpec, sheet: _Sheet, shown: dict[tuple[int, int], Value]) -> dict[str, object]:
    """The check cells below the table; returns each one's result, by cell."""
    relations = _relations(spec, sheet, shown)
    stored: dict[str, object] = {}
    if not relations:
        return stored
    row = _TOP + spec.grid_rows + 1
    put_text(ws.cell(row, 1), CHECKS_HEADING)
    ws.cell(row, 1).font = Font(name=FONT_NAME, bold=True)
    label_cols = max(1, spec.grid_cols - 1)
    result_col = spec.grid_cols
    first = row + 1
    for i, (text, formula, outcome) in enumerate(relations):
        r = first + i
        put_text(ws.cell(r, 1), text)
        ws.cell(r, 1).font = Font(name=FONT_NAME)
        ws.cell(r, 1).alignment = Alignment(horizontal="left", vertical="center")
        if label_cols > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=label_cols)
        result = ws.cell(r, result_col, formula)
        stored[result.coordinate] = outcome
        result.alignment = Alignment(horizontal="center", vertical="center")
        result.font = Font(name=FONT_NAME, bold=True)
        for c in range(1, result_col + 1):
            ws.cell(r, c).border = _BORDER
    col = get_column_letter(result_col)
    area = f"{col}{first}:{col}{first + len(relations) - 1}"
    ws.conditional_formatting.add(area, CellIsRule(operator="equal", formula=[f'"{DIFFERENT}"'],
                                                   font=_BAD_FONT, fill=_WRONG_FILL))
    ws.conditional_formatting.add(area, CellIsRule(operator="equal", formula=[f'"{SAME}"'], font=_OK_FONT))
    ws.conditional_formatting.add(area, CellIsRule(operator="equal", formula=[f'"{BLANK}"'], font=_BLANK_FONT))
    return stored


META_SHEET = "基本信息"
_META_ROWS = ("机关名称", "报告年度", "成文日期")


def write_xlsx(report: Report, path: Path) -> None:
    wb = Workbook()
    stored = {f"表{spec.key}": _sheet(wb, spec, report, i == 0) for i, spec in enumerate(TABLES.values())}
    meta = wb.create_sheet(META_SHEET)
    date = format_date(report.date)
    for r, (label, value) in enumerate(zip(_META_ROWS, (report.organ, report.year, date), strict=True), 1):
        put_text(meta.cell(r, 1), label)
        put(meta.cell(r, 2), value)  # the organ's name is the file author's text
        meta.cell(r, 1).font = Font(name=FONT_NAME, bold=True)
        meta.cell(r, 2).font = Font(name=FONT_NAME)
    meta.column_dimensions["A"].width = 12
    meta.column_dimensions["B"].width = 48
    # A4 as the tables: a sheet that names no paper prints on the default printer's (Letter
    # where no printer is set up, and in LibreOffice under a US locale or libpaper's letter)
    meta.page_setup.paperSize = meta.PAPERSIZE_A4
    meta.page_setup.orientation = "portrait"
    # (a character XML cannot hold, pasted into 机关名称, dropped as the .docx drops it: openpyxl
    # refused the whole workbook)
    wb.properties.title = saved_text(report.title)
    wb.properties.creator = saved_text(report.organ) or None
    wb.properties.subject = "政府信息公开工作年度报告统计表"
    atomic_write(path, lambda tmp: _save(wb, tmp, stored))


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _save(wb: Workbook, path: Path, stored: dict[str, dict[str, object]]) -> None:
    """The workbook with each formula's result stored beside it, as Excel saves one.  openpyxl
    stores none: Excel's 受保护的视图 (every workbook that came by e-mail or an OA download) does
    not calculate, and showed every 总计 and every 勾稽 check blank, as did previews and any
    reader of stored values.  The results are the program's own arithmetic (``_shown``)."""
    import io
    import zipfile

    from lxml import etree

    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
        order = z.infolist()
    book = etree.fromstring(parts["xl/workbook.xml"])
    rels = etree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target", "").lstrip("/") for r in rels}
    for sheet in book.iter(f"{_MAIN}sheet"):
        results = stored.get(sheet.get("name", ""))
        if not results:
            continue
        target = targets[sheet.get(f"{_REL}id")]
        name = target if target.startswith("xl/") else f"xl/{target}"
        root = etree.fromstring(parts[name])
        for c in root.iter(f"{_MAIN}c"):
            if c.find(f"{_MAIN}f") is None or (value := results.get(c.get("r", ""))) is None:
                continue
            v = c.find(f"{_MAIN}v")
            if v is None:
                v = etree.SubElement(c, f"{_MAIN}v")
            if isinstance(value, str):
                c.set("t", "str")
            v.text = str(value)
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    styles = etree.fromstring(parts["xl/styles.xml"])
    _fonts_in_order(styles)
    parts["xl/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in order:
            out.writestr(info, parts[info.filename])
    path.write_bytes(buffer.getvalue())


# CT_Font's children in the order Excel writes them and the Open XML SDK's schema requires;
# openpyxl writes name first and b after color, which the SDK (and so validators built on it)
# reports as 6 schema errors in styles.xml.
_FONT_ORDER = {name: k for k, name in enumerate(
    ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color",
     "name", "family", "charset", "scheme"))}


def _fonts_in_order(styles: etree._Element) -> None:
    """Every font's children (the cell fonts' and the conditional formats' dxf fonts') put in
    schema order; an unknown child after the known ones (a stable sort keeps their order)."""
    for font in styles.iter(f"{_MAIN}font"):
        font[:] = sorted(font, key=lambda el: _FONT_ORDER.get(str(el.tag).removeprefix(_MAIN), len(_FONT_ORDER)))


def _format_of(value: object, amount: bool = False) -> str:
    """Excel shows (and we read back) an amount with exactly the decimals it was given; an amount
    cell blank or whole shows what a unit types into it (“0” showed 12.35 as 12 and 0.35 as 0)."""
    if isinstance(value, Decimal):
        places = -int(value.as_tuple().exponent)
        if places > 0:
            return "0." + "0" * places
    return "General" if amount else "0"
