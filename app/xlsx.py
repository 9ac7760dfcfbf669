"""The statutory tables read from an Excel workbook (openpyxl): ours (app/xlsx_write.py), or any
sheet laid out like the statutory tables, placed by their labels exactly as a .docx table would
be.  Read as Excel/WPS表格 shows it: hidden sheets, rows, columns and unseen text are left out
and told about.  A formula is read as Excel shows it (app/xlsxvalues.py): computed where the
program computes it exactly and the workbook asks Excel to recalculate on opening or stored no
result, else the result stored; a stored result its own formula contradicts is told about.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import posixpath
import re
import warnings
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.cell.rich_text import CellRichText
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app import limits, logger, xlsxlean, xlsxlimits, ziplimits
from app.docx.blocks import Block, GridCell, TableBlock
from app.docx.fastgrid import PLACES
from app.errors import DAMAGED_XLSX, unreadable
from app.findings import (
    TABLE_UNKNOWN,
    TITLE_NONSTANDARD,
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
from app.xlsxcalc import Budget
from app.xlsxformat import other_figure
from app.xlsxhidden import Hidden, hidden_findings
from app.xlsxshown import TINY_PT, Conditional, invisible, shown_runs, style
from app.xlsxvalues import Stored, Values, stored_results


def _read_meta(wb: Workbook, stored: Stored, report: Report) -> None:
    """机关名称, 年度 and 成文日期 from our 基本信息 sheet, when the workbook has one (a formula
    there read as its result stored)."""
    if META_SHEET not in wb.sheetnames:
        return
    results = stored.get(META_SHEET, {})

    def shown(cell: Cell | MergedCell) -> object:
        value = results.get((cell.row, cell.column)) if cell.data_type == "f" else cell.value
        return str(value) if isinstance(value, CellRichText) else value

    values = {shown(ws_row[0]): shown(ws_row[1]) for ws_row in wb[META_SHEET].iter_rows(min_row=1, max_col=2)}
    report.organ = str(values.get("机关名称") or "")
    written = values.get("报告年度")
    year = cn_number(str(written)) if isinstance(written, (int, str)) else None
    if isinstance(written, float) and written.is_integer():
        year = int(written)
    report.year = year if plausible_year(year) else None
    if written not in (None, "") and report.year is None:  # a typo (20233, 9999) is never a year computed with
        report.import_findings.append(TITLE_NONSTANDARD.at(Location(META), implausible_year("“基本信息”表中的报告年度", written)))
    # Typed into Excel, “2024年1月20日” becomes a date (a serial shown as 2024年1月20日, counted
    # from 1900 or, date1904, from 1904: openpyxl reads either): it was read as the text of a
    # datetime, no date, and called missing (hostile14).
    written_on = values.get("成文日期")
    if isinstance(written_on, dt.datetime):
        written_on = written_on.date()
    report.date = written_on if isinstance(written_on, dt.date) else parse_date(str(written_on or ""))


def read_xlsx(path: Path) -> Report:
    """The tables of a workbook — ours, or any sheet laid out like the statutory tables —
    placed by their labels exactly as a .docx table would be.  openpyxl's warnings about what
    it passes over (an extension, a data validation, a defined name) are not the user's
    business: never on stderr.  Whatever else goes wrong is one line naming Excel/WPS 表格."""
    try:
        # Opened once, and every step reads this opening: by name again, the path could be
        # another file by then (a FIFO, waiting for ever).
        opened = limits.open_regular(path)
    except PermissionError:
        raise  # said by app.reading
    except OSError as e:
        raise ReadError(f"{path}：{unreadable(e)}") from e
    with opened:
        return _read_opened(path, opened)


def _read_opened(path: Path, opened: BinaryIO) -> Report:
    try:
        ziplimits.check_package(opened, "Excel 工作簿")
        source = xlsxlean.cased(opened)  # parts named in another case than the workbook names them
        xlsxlimits.check_sheets(source)  # before openpyxl builds every cell of a hostile range
        package = xlsxlean.openpyxl_package(source)  # and every run of rich text nobody reads
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    from app.errors import NotAReport
    from app.summarymark import IS_SUMMARY, is_summary

    # (as openpyxl is handed it: a sheet named 汇总 had 150,000 defined names built, 1.7 s and 139 MB)
    if is_summary(package.source):  # our own batch summary, saved beside the reports it lists
        raise NotAReport(f"{path}：{IS_SUMMARY}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return _read_workbook(path, package)
            except xlsxlean.Misjudged:  # a sheet taken for a register is read: its rich text is needed
                try:
                    whole = xlsxlean.openpyxl_package(source, lean=False)
                except ReadError as e:
                    raise ReadError(f"{path}：{e}") from e
                return _read_workbook(path, whole)
    except (ReadError, PermissionError, MemoryError, RecursionError):
        raise  # said by app.reading, each in its words
    except Exception as e:  # a workbook no test has seen: not a traceback, not advice about Word
        logger("nianbao.reading").error("读取 %s 时出现意外错误", path.name, exc_info=e)
        raise ReadError(f"{path}：工作簿的结构异常，无法读取（{type(e).__name__}）；"
                        "可在 Excel 或 WPS 表格中打开后另存为 .xlsx 再试") from e


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _recalculated_on_opening(package: BinaryIO) -> bool:
    """Whether the workbook asks Excel to recalculate every formula on opening
    (``<calcPr fullCalcOnLoad="1"/>``, which openpyxl writes, so our export too).  Read from
    the XML itself: openpyxl takes a calcPr without the attribute (Excel's own) as set."""
    try:
        with zipfile.ZipFile(package) as z:
            rels = etree.fromstring(z.read("_rels/.rels"), _PARSER)
            target = next((el.get("Target", "") for el in rels if el.get("Type", "").endswith("/officeDocument")),
                          "xl/workbook.xml")
            workbook = etree.fromstring(z.read(posixpath.normpath(target.lstrip("/"))), _PARSER)
    except (KeyError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return False
    finally:
        package.seek(0)
    calc = next((el for el in workbook if etree.QName(el).localname == "calcPr"), None)
    return calc is not None and calc.get("fullCalcOnLoad", "").strip().lower() in ("1", "true")


def _read_workbook(path: Path, package: xlsxlean.Package) -> Report:
    from app.docx.assemble import noted_location, read_blocks_report

    try:
        wb, stored, recalculated = _opened_workbooks(package)
    except ReadError as e:
        raise ReadError(f"{path}：{e}") from e
    hidden = Hidden()
    tables, passed_over = _visible_tables(wb, stored, package, hidden, recalculated)
    blocks: list[Block] = list(tables)
    noted: dict[str, list[CellRef]] = {}
    try:
        report = read_blocks_report(blocks, has_text=False, noted=noted)
    except ReadError as e:
        over = "、".join(f"“{title}”" for title, _ in passed_over)
        raise ReadError(f"{path}：{e}" + (f"（工作表{over}过大，不像法定统计表，未读取）" if over else "")) from e
    if META_SHEET not in wb.sheetnames or wb[META_SHEET].sheet_state == "visible":
        _read_meta(wb, stored, report)
    report.import_findings += [TABLE_UNKNOWN.at(Location(META), f"工作表“{title}”有{rows}行×{cols}列，"
                                                "不像法定统计表，未读入") for title, (rows, cols) in passed_over]
    report.import_findings += hidden_findings(hidden, package.long_formats, lambda kind: noted_location(noted.get(kind)))
    if report.year:  # the reader's note about a missing title does not apply to a workbook
        report.import_findings = [f for f in report.import_findings if f.code != TITLE_NONSTANDARD.code]
    return report


def _opened_workbooks(package: xlsxlean.Package) -> tuple[Workbook, Stored, bool]:
    """The workbook with its formulas, the results stored beside them, and whether it asks
    Excel to recalculate on opening; ReadError (without the file's name) when openpyxl cannot."""
    try:
        # A file, not a name: openpyxl refuses a name not ending in .xlsx, and a workbook
        # reaches here by its content whatever it is called (“年报.docx”).  One handed over
        # open is left open: a Misjudged workbook is handed over again.
        with contextlib.ExitStack() as stack:
            source = package.source
            fh = stack.enter_context(limits.open_regular(source)) if isinstance(source, Path) else source
            fh.seek(0)
            recalculated = _recalculated_on_opening(fh)
            # rich_text: a cell's runs, each with its font — a note mark set superscript
            # (“37” with a raised “1”) is left out, not read as 371 (app/xlsxshown.py shown_runs)
            # keep_links off: another workbook's cached cells (an external link's copy, 150,000 of
            # them 1.3 s and 140 MB) are nothing a formula here is read by
            reader = ExcelReader(fh, read_only=False, data_only=False, keep_links=False, rich_text=True)
            reader.read()
            wb = reader.wb
            fh.seek(0)
            stored = stored_results(fh, reader)
            if stored is None:  # (never seen) the results the long way: a second reading
                cached = load_workbook(fh, data_only=True, read_only=False, keep_links=False)
                stored = {ws.title: {k: c.value for k, c in ws._cells.items()} for ws in cached.worksheets}
    except PermissionError:
        raise
    except Exception as e:  # openpyxl raises many kinds on broken or foreign files
        # ...but a part refused at one of the XML parser's limits (entities expanding without end,
        # nesting past its depth) is said as such, in a .docx's words: not plain damage
        if reason := limits.xml_refusal(str(e)):
            raise ReadError(reason) from e
        raise ReadError("文件已损坏或不是 Excel 工作簿（.xlsx），无法读取") from e
    return wb, stored, recalculated


def _visible_tables(wb: Workbook, stored: Stored, package: xlsxlean.Package, hidden: Hidden,
                    recalculated: bool) -> tuple[list[TableBlock], list[tuple[str, tuple[int, int]]]]:
    """Each visible sheet (but our 基本信息) as a table named by its sheet, what the workbook
    hides counted into ``hidden``; and the sheets passed over as too large for a statutory table."""
    # Read what Excel/WPS shows: a hidden or veryHidden sheet (an old copy kept out of sight),
    # a hidden row or column is not what the author sees, prints or publishes.
    sheets, passed_over = [], []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            hidden.sheets += ws.title != META_SHEET and _extent(ws) != (0, 0)
        elif xlsxlimits.sheet_extent_too_large(*(reach := _extent(ws))):
            passed_over.append((ws.title, reach))  # a register or list beside the report: no statutory table
        elif ws.title != META_SHEET:
            sheets.append(ws)
    if any(ws.title[:100] in package.passed_over for ws in sheets):
        raise xlsxlean.Misjudged
    budget = Budget()  # one for all the workbook's formulas: how many cells, how long (review14 H1)
    tables = [TableBlock.of_rows(i, _sheet_grid(ws, stored.get(ws.title, {}), hidden, recalculated, budget))
              for i, ws in enumerate(sheets)]
    for table, ws in zip(tables, sheets, strict=True):
        table.name = f"工作表“{ws.title}”"  # a copied sheet is found by its name
    return tables, passed_over


def embedded_tables(data: bytes) -> tuple[list[TableBlock], Hidden, tuple[int, ...]]:
    """The visible sheets of a workbook embedded in a .docx (an OLE object's package part), as
    tables named by their sheets; what they hide (for ``hidden_findings``); and the lengths of
    the number formats left out.  Bounded as a workbook file is (app/ziplimits.py, app/xlsxlimits.py):
    ReadError, in the words said of such a file, when it is damaged, not a workbook or past a cap.
    Its macros (an embedded .xlsm) are never run, nor read: the figures are all it gives."""
    source: BinaryIO = io.BytesIO(data)
    ziplimits.check_package(source, "Excel 工作簿", macros=True)
    source = xlsxlean.cased(source)
    xlsxlimits.check_sheets(source)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for lean in (True, False):  # a sheet taken for a register is read with its rich text (_read_opened)
            package = xlsxlean.openpyxl_package(source, lean=lean)
            wb, stored, recalculated = _opened_workbooks(package)
            hidden = Hidden()  # (counted afresh on the second reading)
            with contextlib.suppress(xlsxlean.Misjudged):
                tables = _visible_tables(wb, stored, package, hidden, recalculated)[0]
                # The sheet the object shows (its active one, Word's preview of it) first: a
                # workbook keeping last year's sheet beside this year's had that one's table read.
                shown = f"工作表“{_active_title(wb)}”"
                return sorted(tables, key=lambda t: t.name != shown), hidden, package.long_formats
    raise ReadError(DAMAGED_XLSX)  # (not reached: the second reading hands nothing over plain)


def _active_title(wb: Workbook) -> str:
    """The title of the sheet a workbook opens at; "" when it names none."""
    try:
        active = wb.active
    except (IndexError, TypeError, AttributeError):
        return ""
    return str(getattr(active, "title", ""))


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


def _hidden_rows(ws: Worksheet, height: int) -> set[int]:
    """Rows 1..``height`` Excel does not show: hidden (also by a filter), inside a collapsed
    outline group (_folded), or of a height of TINY_PT or less — a row of 0.5 pt is a line, its figures cut
    away (hostile14: they were read with nothing said), as text of that size is unseen.  A row
    without a height of its own has the sheet's: a default set (customHeight) at TINY_PT or less
    flattens every such row (review15 H1).  zeroHeight ("rows hidden by default") hides only rows
    the file does not write: a written row is shown at the default height — Excel's own files
    under "hide unused rows" write their shown rows without a height (XlsxWriter's default_row02
    comparison), and LibreOffice shows them."""
    # .items(), not [r]: row_dimensions makes an entry for every row it is asked about.
    dims = {r: dim for r, dim in ws.row_dimensions.items() if 1 <= r <= height}
    out = {r for r, dim in dims.items()
           if dim.hidden or (isinstance(dim.height, (int, float)) and 0 <= dim.height <= TINY_PT)}
    fmt = ws.sheet_format
    if fmt.customHeight and isinstance(fmt.defaultRowHeight, (int, float)) and 0 <= fmt.defaultRowHeight <= TINY_PT:
        out.update(r for r in range(1, height + 1) if r not in dims or dims[r].height is None)
    outline = ws.sheet_properties.outlinePr
    out.update(_folded({r: dim.outlineLevel or 0 for r, dim in dims.items()},
                       [r for r, dim in dims.items() if dim.collapsed], height,
                       before=outline is None or outline.summaryBelow is not False))
    return out


def _folded(levels: dict[int, int], collapsed: list[int], end: int, before: bool) -> set[int]:
    """Rows (or columns) 1..``end`` inside a group whose summary row is collapsed: those next to
    it (before it when summaries follow their details, Excel's default) of a deeper outline
    level.  Excel writes them hidden too, but a file that says only collapsed="1" is shown
    collapsed by LibreOffice: left out (and said), not read unsaid."""
    out: set[int] = set()
    for at in collapsed:
        level, step = levels.get(at, 0), -1 if before else 1
        i = at + step
        while 1 <= i <= end and levels.get(i, 0) > level:
            out.add(i)
            i += step
    return out


def _hidden_columns(ws: Worksheet, width: int) -> set[int]:
    """Columns 1..``width`` Excel does not show; one <col> entry may cover a range of them
    (min..max).  A column no entry covers has the sheet's defaultColWidth: 0 hides them all.  A
    collapsed outline group's columns are folded away as its rows are."""
    out: set[int] = set()
    levels: dict[int, int] = {}  # every column 1..width an entry covers (absent: level 0)
    collapsed: list[int] = []
    for key, dim in ws.column_dimensions.items():
        first = dim.min or column_index_from_string(key)
        last = max(first, min(dim.max or first, limits.MAX_SHEET_COLUMNS))
        shown = range(first, min(last, width) + 1)
        levels.update(dict.fromkeys(shown, dim.outlineLevel or 0))
        collapsed += shown if dim.collapsed else []
        if dim.hidden or dim.width == 0:
            out.update(range(first, last + 1))
    if ws.sheet_format.defaultColWidth == 0:
        out.update(c for c in range(1, width + 1) if c not in levels)
    outline = ws.sheet_properties.outlinePr
    out.update(_folded(levels, collapsed, width, before=outline is None or outline.summaryRight is not False))
    return out


def _sheet_grid(ws: Worksheet, stored: Mapping[tuple[int, int], object], hidden: Hidden | None = None,
                recalculated: bool = False, budget: Budget | None = None) -> list[list[GridCell]]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    height, width = _extent(ws)
    values = Values(ws, stored, height, width, recalculated, budget)
    conditional = Conditional(ws, height, width)
    if hidden is not None and conditional.incomplete:
        hidden.crowded.append(f"“{ws.title}”")
    skip_rows, skip_cols = _hidden_rows(ws, height), _hidden_columns(ws, width)
    shown = [c for c in range(1, width + 1) if c not in skip_cols]
    if hidden is not None:  # counted only where they hold something: an empty spacer is no news
        hidden.columns += sum(1 for c in skip_cols if c <= width and any(
            ws.cell(r, c).value not in (None, "") for r in range(1, height + 1)))
    grid: list[list[GridCell]] = []
    checks = False  # in our check cells below a table: not part of it (up to the next blank row:
    # a sheet the editor's three were pasted onto, one under another, has the next table after them)
    for r in range(1, height + 1):
        if ws.cell(r, 1).value == CHECKS_HEADING or checks:
            checks = ws.cell(r, 1).value == CHECKS_HEADING or any(ws.cell(r, c).value not in (None, "") for c in range(1, width + 1))
            continue
        if r in skip_rows:
            if hidden is not None and any(ws.cell(r, c).value not in (None, "") for c in range(1, width + 1)):
                hidden.rows += 1
            continue
        row = []
        for c in shown:
            top = merged.get((r, c), (r, c))
            cell = ws.cell(*top)
            value = values.get(*top)
            if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                # cut as the other readers cut a cell: one shared string of a megabyte (past
                # Excel's own 32,767) placed in every cell made each label comparison slow (rev26h X1)
                value = limits.cell_text(value)
            cond = conditional.applied(*top, value)
            number_format = (cond.number_format if cond is not None else None) or style(cell, "number_format", "General")
            if top != (r, c) and _figure(value):
                # A figure merged over several data cells (D5:E5): Excel holds it in the first
                # and the others are blank to its formulas; read once, there, never the same
                # figure in two columns (a merged label still spans its columns and rows).
                row.append(GridCell("", r * 100000 + c))
                continue
            notes: tuple[str, ...] = _formula_notes(values, top, (r, c), hidden, ws.title)
            if hidden is not None and top == (r, c) and _figure(value) and conditional.unjudged(*top, cell, value):
                hidden.conditional.append(f"“{ws.title}”{get_column_letter(c)}{r}")
                notes = (*notes, "xlsx-conditional")
            if value not in (None, "") and invisible(cell, value, cond):
                # Excel shows nothing there (a “99” formatted ;;; or in white on white): read
                # as the sheet is seen and printed, blank, and told about once per cell.
                if hidden is not None and top == (r, c):
                    hidden.cells += 1
                    hidden.cell_names.append(f"“{ws.title}”{get_column_letter(c)}{r}")
                    notes = (*notes, "xlsx")
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
                    filled = None if other is not None else _filled(cell, value, number_format)
                    other = other or filled
                    if other is not None:
                        how = "（对齐方式为“填充”，请改为“常规”）" if filled else ""
                        hidden.formats.append(f"{name}显示为“{other}”{how}，存储的是{_text(value)}")
                    notes = (*notes, *(("note",) if marked else ()), *(("xlsx",) if unseen else ()),
                             *(("xlsx-format",) if other is not None else ()))
            places = re.fullmatch(r"0\.(0+)", number_format) if type(value) is int else None
            notes = (*notes, f"{PLACES}{len(places.group(1))}") if places else notes
            row.append(GridCell(limits.cell_text(_text(value, number_format)), top[0] * 100000 + top[1], notes))
        grid.append(row)
    return grid


def _filled(cell: object, value: object, number_format: str) -> str | None:
    """What a cell aligned “填充” (horizontal fill) shows of a figure: its text repeated across the
    cell's width, “21” as “21212121” (Excel, and LibreOffice's 重复), written three times and
    “…”; None for any other alignment or a 0 (0000 is still none)."""
    if getattr(style(cell, "alignment"), "horizontal", None) != "fill" or not _figure(value):
        return None
    shown = _text(value, number_format)
    return shown * 3 + "…" if shown.strip("0. ") else None


def _formula_notes(values: Values, top: tuple[int, int], here: tuple[int, int], hidden: Hidden | None,
                   title: str) -> tuple[str, ...]:
    """The notes of a cell about its formula's result (a stale cache computed anew, or a result
    taken as saved where Excel recalculates), each cell counted once in ``hidden``."""
    if hidden is None or top != here:
        return ()
    name = f"“{title}”{get_column_letter(here[1])}{here[0]}"
    if top in values.stale:
        formula, computed, stored = values.stale[top]
        hidden.stale.append(f"{name}的公式“{_short(formula)}”算得{_text(computed)}，文件中保存的结果是{_text(stored)}")
        hidden.recalculated = values.recalculated
        return ("xlsx-formula",)
    if values.recalculated and top in values.uncomputed:
        hidden.uncomputed.append(name)
        return ("xlsx-cached",)
    return ()


def _short(formula: str, most: int = 40) -> str:
    """A formula as one short line of a message (a long one cut, line breaks as spaces)."""
    text = " ".join(formula.split())
    return text if len(text) <= most else text[:most] + "…"


_FIGURE = re.compile(r"\s*[-+]?[0-9][0-9,，]*(?:\.[0-9]+)?\s*")


def _figure(value: object) -> bool:
    """A number, or text that is only one (“12”, “1,200”): never a label or a heading."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return True
    return isinstance(value, (str, CellRichText)) and _FIGURE.fullmatch(str(value)) is not None


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
