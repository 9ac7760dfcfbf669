"""The statutory tables read from an Excel workbook (openpyxl): ours (app/xlsx_write.py), or any
sheet laid out like the statutory tables, placed by their labels exactly as a .docx table would
be.  Read as Excel/WPS表格 shows it: hidden sheets, rows, columns and unseen text are left out
and told about.  A formula's cached value is taken where Excel or LibreOffice stored one, else
computed from its parts.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from app import limits
from app.docx.blocks import Block, GridCell, TableBlock
from app.findings import (
    HIDDEN_CELLS,
    TABLE_UNKNOWN,
    TITLE_NONSTANDARD,
    VALUE_NOTE_MARK,
    VALUE_XLSX_FORMAT,
    Location,
)
from app.io import ReadError
from app.numerals import cn_number
from app.report import Report
from app.schema import META, CellRef
from app.values import (
    implausible_year,
    parse_date,
    plausible_year,
)
from app.xlsx_write import CHECKS_HEADING, META_SHEET
from app.xlsxformat import other_figure
from app.xlsxshown import Conditional, invisible, shown_runs, style


def _read_meta(wb: Workbook, report: Report) -> None:
    """机关名称, 年度 and 成文日期 from our 基本信息 sheet, when the workbook has one."""
    if META_SHEET not in wb.sheetnames:
        return
    values = {ws_row[0].value: ws_row[1].value for ws_row in wb[META_SHEET].iter_rows(min_row=1, max_col=2)}
    report.organ = str(values.get("机关名称") or "")
    written = values.get("报告年度")
    year = cn_number(str(written)) if isinstance(written, (int, str)) else None
    if isinstance(written, float) and written.is_integer():
        year = int(written)
    report.year = year if plausible_year(year) else None
    if written not in (None, "") and report.year is None:  # a typo (20233, 9999) is never a year computed with
        report.import_findings.append(TITLE_NONSTANDARD.at(Location(META), implausible_year("“基本信息”表中的报告年度", written)))
    report.date = parse_date(str(values.get("成文日期") or ""))


def read_xlsx(path: Path) -> Report:
    """The tables of a workbook — ours, or any sheet laid out like the statutory tables —
    placed by their labels exactly as a .docx table would be.  openpyxl's warnings about what
    it passes over (an extension, a data validation, a defined name) are not the user's
    business: never on stderr.  Whatever else goes wrong is one line naming Excel/WPS 表格."""
    try:
        limits.check_package(path, "Excel 工作簿")
        limits.check_sheets(path)  # before openpyxl builds every cell of a hostile range
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    from app.batch_summary import IS_SUMMARY, is_summary
    from app.errors import NotAReport

    if is_summary(path):  # our own batch summary, saved beside the reports it lists
        raise NotAReport(f"{path}：{IS_SUMMARY}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_workbook(path)
    except (ReadError, PermissionError, MemoryError, RecursionError):
        raise  # said by app.reading, each in its words
    except Exception as e:  # a workbook no test has seen: not a traceback, not advice about Word
        logging.getLogger("nianbao.reading").error("读取 %s 时出现意外错误", path.name, exc_info=e)
        raise ReadError(f"{path}：工作簿的结构异常，无法读取（{type(e).__name__}）；"
                        "可在 Excel 或 WPS 表格中打开后另存为 .xlsx 再试") from e


# Strict Open XML (ISO/IEC 29500 Strict, Excel's “Strict Open XML 电子表格”) names the same
# elements in other namespaces, which openpyxl does not know: it would find no sheet at all.
# Each Strict name and its transitional one; the longer first where one begins another.
_STRICT = (
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
     b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
    (b"http://purl.oclc.org/ooxml/spreadsheetml/main", b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/main", b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"),
    (b"http://purl.oclc.org/ooxml/drawingml/chart", b"http://schemas.openxmlformats.org/drawingml/2006/chart"),
)


def _package(path: Path) -> Path | io.BytesIO:
    """The workbook as openpyxl can read it: the file itself, or a Strict one's copy in memory
    with every XML part in the transitional namespaces (the parts' sizes are bounded by
    limits.check_package before)."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        xml = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
        if not any(b"purl.oclc.org/ooxml/" in z.read(i) for i in xml if i.filename.lower().endswith(".rels")):
            return path
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in infos:
                data = z.read(info)
                if info in xml:
                    for strict, transitional in _STRICT:
                        data = data.replace(strict, transitional)
                copy.writestr(info.filename, data)
    out.seek(0)
    return out


def _read_workbook(path: Path) -> Report:
    from app.docx.assemble import noted_location, read_blocks_report

    try:
        package = _package(path)
        # Opened as a file, not a name: openpyxl refuses a name not ending in .xlsx, and a
        # workbook reaches here by its content whatever it is called (“年报.docx”).
        with package if isinstance(package, io.BytesIO) else package.open("rb") as fh:
            # rich_text: a cell's runs, each with its font — a note mark set superscript
            # (“37” with a raised “1”) is left out, not read as 371 (app/xlsxshown.py shown_runs)
            wb = load_workbook(fh, data_only=False, read_only=False, rich_text=True)
            fh.seek(0)
            cached = load_workbook(fh, data_only=True, read_only=False)
    except PermissionError:
        raise
    except Exception as e:  # openpyxl raises many kinds on broken or foreign files
        raise ReadError(f"{path}：文件已损坏或不是 Excel 工作簿（.xlsx），无法读取") from e
    # Read what Excel/WPS shows: a hidden or veryHidden sheet (an old copy kept out of sight),
    # a hidden row or column is not what the author sees, prints or publishes.
    hidden = _Hidden()
    sheets, passed_over = [], []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            hidden.sheets += ws.title != META_SHEET and _extent(ws) != (0, 0)
        elif limits.sheet_extent_too_large(*(reach := _extent(ws))):
            passed_over.append((ws.title, reach))  # a register or list beside the report: no statutory table
        elif ws.title != META_SHEET:
            sheets.append(ws)
    tables = [TableBlock.of_rows(i, _sheet_grid(ws, cached[ws.title], hidden)) for i, ws in enumerate(sheets)]
    for table, ws in zip(tables, sheets, strict=True):
        table.name = f"工作表“{ws.title}”"  # a copied sheet is found by its name
    blocks: list[Block] = list(tables)
    noted: dict[str, list[CellRef]] = {}
    try:
        report = read_blocks_report(blocks, has_text=False, noted=noted)
    except ReadError as e:
        over = "、".join(f"“{title}”" for title, _ in passed_over)
        raise ReadError(f"{path}：{e}" + (f"（工作表{over}过大，不像法定统计表，未读取）" if over else "")) from e
    if META_SHEET not in wb.sheetnames or wb[META_SHEET].sheet_state == "visible":
        _read_meta(cached, report)
    report.import_findings += [TABLE_UNKNOWN.at(Location(META), f"工作表“{title}”有{rows}行×{cols}列，"
                                                "不像法定统计表，未读入") for title, (rows, cols) in passed_over]
    if hidden.places():
        report.import_findings.append(HIDDEN_CELLS.at(
            noted_location(noted.get(HIDDEN_CELLS.kind)), f"工作簿中有{hidden.describe()}，未读入；Excel/WPS表格中看不到、打印时也没有这些内容，"
                            "请核对表格，确需保留的在 Excel/WPS 中取消隐藏后重新打开"))
    if hidden.marks:  # the same words as the .docx reader's (app/docx/reader.py), with the cells
        report.import_findings.append(VALUE_NOTE_MARK.at(
            noted_location(noted.get(VALUE_NOTE_MARK.kind)), f"表格中有{len(hidden.marks)}个单元格含上标、下标（注释标记）或删除线文字，未计入数字"
                            f"（{_cell_names(hidden.marks)}）；请核对这些单元格，注释写在表格下方"))
    if hidden.formats:
        report.import_findings.append(VALUE_XLSX_FORMAT.at(
            noted_location(noted.get(VALUE_XLSX_FORMAT.kind)), f"{len(hidden.formats)}个单元格的数字格式使 Excel/WPS 表格显示的数与存储的不同，读入的是存储的数："
                            f"{_cell_names(hidden.formats, 4)}；请核对，在 Excel/WPS 中把这些单元格的数字格式改为“常规”"))
    if report.year:  # the reader's note about a missing title does not apply to a workbook
        report.import_findings = [f for f in report.import_findings if f.code != TITLE_NONSTANDARD.code]
    return report


class _Hidden:
    """What a workbook hides that holds something: sheets, rows and columns, cells; and the
    cells (“表三”E6) part of whose text is hidden, or is a note mark or struck through."""

    def __init__(self) -> None:
        self.sheets = self.rows = self.columns = self.cells = 0
        self.cell_names: list[str] = []  # the cells counted in ``cells``
        self.runs: list[str] = []  # cells with text nobody sees beside what is shown
        self.marks: list[str] = []  # cells with a note mark or struck text beside their figure
        self.formats: list[str] = []  # cells whose number format shows another figure: “表三”D6显示为“2”…

    def places(self) -> int:
        return self.sheets + self.rows + self.columns + self.cells + len(self.runs)

    def describe(self) -> str:
        parts = [f"{n}{unit}" for n, unit in ((self.sheets, "个隐藏的工作表"), (self.rows, "行隐藏的行"),
                                               (self.columns, "列隐藏的列"),
                                               (self.cells, "个内容不显示的单元格（数字格式为“;;;”之类，或字体颜色与底色相同："
                                                            f"{_cell_names(self.cell_names)}）"))
                 if n]
        if self.runs:
            parts.append(f"{len(self.runs)}个单元格中有看不见的文字（白色或与底色同色、2磅以下的字：{_cell_names(self.runs)}）")
        return "、".join(parts)


def _cell_names(names: list[str], most: int = 8) -> str:
    """“表三”E6、“表三”F6 …: the first ``most`` and how many more."""
    shown = "、".join(names[:most])
    return shown + (f"等{len(names)}个" if len(names) > most else "")


def _extent(ws: Worksheet) -> tuple[int, int]:
    """(rows, columns) that the cells holding something reach, merged ranges from such a cell
    included.  Not ws.max_row/max_column: an empty styled cell (IV65536 in a sheet converted
    from .xls) stretches those over 16 million positions."""
    rows = cols = 0
    for (r, c), cell in ws._cells.items():  # the written cells only; iter_rows walks every position
        if cell.value is not None and cell.value != "":
            rows, cols = max(rows, r), max(cols, c)
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= rows and rng.min_col <= cols and ws.cell(rng.min_row, rng.min_col).value not in (None, ""):
            rows, cols = max(rows, rng.max_row), max(cols, rng.max_col)
    return rows, cols


def _hidden_rows(ws: Worksheet) -> set[int]:
    """Rows Excel does not show: hidden (also by a filter or a collapsed outline) or of zero height."""
    # .items(), not [r]: row_dimensions makes an entry for every row it is asked about.
    return {r for r, dim in ws.row_dimensions.items() if dim.hidden or dim.height == 0}


def _hidden_columns(ws: Worksheet) -> set[int]:
    """Columns Excel does not show; one <col> entry may cover a range of them (min..max)."""
    out: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if not (dim.hidden or dim.width == 0):
            continue
        first = dim.min or column_index_from_string(key)
        last = max(first, min(dim.max or first, limits.MAX_SHEET_COLUMNS))
        out.update(range(first, last + 1))
    return out


def _sheet_grid(ws: Worksheet, cached: Worksheet, hidden: _Hidden | None = None) -> list[list[GridCell]]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    height, width = _extent(ws)
    values = _Values(ws, cached, height, width)
    conditional = Conditional(ws, height, width)
    skip_rows, skip_cols = _hidden_rows(ws), _hidden_columns(ws)
    shown = [c for c in range(1, width + 1) if c not in skip_cols]
    if hidden is not None:  # counted only where they hold something: an empty spacer is no news
        hidden.columns += sum(1 for c in skip_cols if c <= width and any(
            ws.cell(r, c).value not in (None, "") for r in range(1, height + 1)))
    grid: list[list[GridCell]] = []
    for r in range(1, height + 1):
        if ws.cell(r, 1).value == CHECKS_HEADING:
            break  # our check cells below the table are not part of it
        if r in skip_rows:
            if hidden is not None and any(ws.cell(r, c).value not in (None, "") for c in range(1, width + 1)):
                hidden.rows += 1
            continue
        row = []
        for c in shown:
            top = merged.get((r, c), (r, c))
            cell = ws.cell(*top)
            value = values.get(*top)
            cond = conditional.applied(*top, value)
            number_format = (cond.number_format if cond is not None else None) or style(cell, "number_format", "General")
            if top != (r, c) and _figure(value):
                # A figure merged over several data cells (D5:E5): Excel holds it in the first
                # and the others are blank to its formulas; read once, there, never the same
                # figure in two columns (a merged label still spans its columns and rows).
                row.append(GridCell("", r * 100000 + c))
                continue
            notes: tuple[str, ...] = ()
            if value not in (None, "") and invisible(cell, value, cond):
                # Excel shows nothing there (a “99” formatted ;;; or in white on white): read
                # as the sheet is seen and printed, blank, and told about once per cell.
                if hidden is not None and top == (r, c):
                    hidden.cells += 1
                    hidden.cell_names.append(f"“{ws.title}”{get_column_letter(c)}{r}")
                    notes = ("xlsx",)
                value = None
            elif value not in (None, ""):
                value, marked, unseen = shown_runs(cell, value)
                if hidden is not None and top == (r, c):
                    name = f"“{ws.title}”{get_column_letter(c)}{r}"
                    hidden.marks += [name] if marked else []
                    hidden.runs += [name] if unseen else []
                    # The stored figure is read (what Excel sums, what was typed); where its
                    # format shows another (0, → 2106 as 2), that is said with both.
                    other = other_figure(number_format, value)
                    if other is not None:
                        hidden.formats.append(f"{name}显示为“{other}”，存储的是{_text(value)}")
                    notes = (*(("note",) if marked else ()), *(("xlsx",) if unseen else ()),
                             *(("xlsx-format",) if other is not None else ()))
            row.append(GridCell(_text(value, number_format), top[0] * 100000 + top[1], notes))
        grid.append(row)
    return grid


_FIGURE = re.compile(r"\s*[-+]?[0-9][0-9,，]*(?:\.[0-9]+)?\s*")


def _figure(value: object) -> bool:
    """A number, or text that is only one (“12”, “1,200”): never a label or a heading."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return True
    return isinstance(value, (str, CellRichText)) and _FIGURE.fullmatch(str(value)) is not None


class _Values:
    """A cell's value as Excel would show it: the cached result of a formula where the program
    that saved the file stored one; else (a workbook written by a program, never opened in
    Excel) a SUM computed from its parts.  Another formula without a cached value is its text,
    which the table reader refuses with the reason (never a silent blank).  An array formula
    ({=SUM(D6:I6)}, also how Excel 365 saves some ordinary ones) and a 模拟运算表 (data table)
    are formulas like any other: openpyxl gives them as objects, whose repr is no cell's text."""

    _SUM = re.compile(r"=\s*SUM\(([A-Z0-9:$,\s]+)\)\s*", re.IGNORECASE)
    # A total blank in the report (app/xlsx_write.py): blank while its parts hold no figure.
    _SUM_OR_BLANK = re.compile(r'=\s*IF\(\s*COUNT\(([A-Z0-9:$,\s]+)\)\s*,\s*SUM\(\1\)\s*,\s*""\s*\)\s*', re.IGNORECASE)

    def __init__(self, ws: Worksheet, cached: Worksheet, height: int | None = None, width: int | None = None) -> None:
        self.ws = ws
        self.cached = cached
        if height is None or width is None:
            height, width = _extent(ws)
        # The other cells of a multi-cell array or data table: only its first cell holds the
        # formula; each of the others shows its own cached result, or, without one, the formula.
        # Excel never lets two arrays overlap, so the sheet's cells bound the walk: a hostile
        # ref (A1:XFD1048576, repeated) costs no more than the sheet, the rest reads blank.
        self.spread: dict[tuple[int, int], tuple[int, int]] = {}
        budget = height * width
        for (r, c), cell in ws._cells.items():  # the written cells only, as _extent
            ref = getattr(cell.value, "ref", None) if cell.data_type == "f" else None
            if not isinstance(ref, str) or ":" not in ref:
                continue
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except ValueError:
                continue  # a ref Excel would not write: its first cell alone is the formula's
            for rr in range(min_row or 1, min(max_row or 1, height) + 1):
                for cc in range(min_col or 1, min(max_col or 1, width) + 1):
                    budget -= 1
                    if budget < 0:
                        return
                    if (rr, cc) != (r, c):
                        self.spread.setdefault((rr, cc), (r, c))

    def get(self, row: int, col: int, depth: int = 0) -> object:
        cell = self.ws.cell(row, col)
        value = cell.value
        if cell.data_type != "f":  # text "=1+1" is text
            if value is not None or (row, col) not in self.spread:
                return value
            formula = _formula_text(self.ws.cell(*self.spread[(row, col)]).value)
        else:
            formula = _formula_text(value)
        stored = self.cached.cell(row, col).value
        if stored is not None or depth > 8:
            return stored
        m = self._SUM.fullmatch(formula) or self._SUM_OR_BLANK.fullmatch(formula)
        if m is None:
            return formula
        total: int | float = 0
        figures = False
        for part in m.group(1).replace("$", "").split(","):
            min_col, min_row, max_col, max_row = range_boundaries(part.strip())
            for r in range(min_row or 1, (max_row or min_row or 1) + 1):
                for c in range(min_col or 1, (max_col or min_col or 1) + 1):
                    v = self.get(r, c, depth + 1)
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        total += v
                        figures = True
        return total if figures or m.re is self._SUM else None


def _formula_text(value: object) -> str:
    """A formula as Excel's formula bar shows it: “=SUM(D6:I6)” for a plain, shared or array
    formula; “=TABLE(B1,B2)” for a data table's (which openpyxl keeps as its inputs only)."""
    if isinstance(value, str):
        return value
    if isinstance(value, ArrayFormula):
        return value.text if isinstance(value.text, str) and value.text != "=" else "="
    if isinstance(value, DataTableFormula):
        return "=TABLE(" + ",".join(v for v in (value.r1, value.r2) if isinstance(v, str)) + ")"
    return "="  # a formula of a kind openpyxl has not met: a formula without a result, never a repr


def _text(value: object, number_format: str = "General") -> str:
    """A cell as the text a person would read: 3.0 is 3; decimals as many as its format shows
    (96171.60 stays 96171.60), else the float's shortest form."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):  # a count typed as “5-1” that the spreadsheet took for a date
        return f"{value:%Y-%m-%d}" if value.time() == dt.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        # Excel shows (and keeps) 15 significant digits: =0.1*280 is 28 there, not 28.000000000000004
        value = float(f"{value:.15g}") if math.isfinite(value) else value
        m = re.fullmatch(r"0\.(0+)", number_format)
        if m:
            return f"{value:.{len(m.group(1))}f}"
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
