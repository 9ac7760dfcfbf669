"""A workbook cell's value as Excel shows it, formulas included (app/xlsx.py reads the
tables from these values).  The formulas the program computes are in app/xlsxcalc.py."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from typing import IO, BinaryIO
from xml.etree.ElementTree import iterparse

from openpyxl.cell.rich_text import CellRichText
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import range_boundaries
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import SHEET_MAIN_NS

from app.xlsxcalc import CUT, MAX_DEPTH, UNKNOWN, Budget, evaluate, same


class Values:
    """A cell's value as Excel would show it.  A formula the program computes (app/xlsxcalc.py:
    + − * /, SUM, COUNT, IF over cells of its sheet) is computed: without a cached result (a
    workbook written by a program, never opened in Excel) that is the value; with one that
    differs (a generator's or a hand edit's stale cache), it is the value where the workbook
    asks Excel to recalculate on opening (``recalculated``: what Excel/WPS show), else the
    cached one, and the cell is kept in ``stale`` to be told about.  Any other formula is its
    cached result (kept in ``uncomputed``), or without one its text, which the table reader
    refuses with the reason (never a silent blank).  An array formula ({=SUM(D6:I6)}, also how
    Excel 365 saves some ordinary ones) and a 模拟运算表 (data table) are formulas like any
    other: openpyxl gives them as objects, whose repr is no cell's text.

    The formulas of a workbook share one ``budget`` of cells looked at (app/xlsxcalc.py); a
    formula past it, or deeper in a chain of formulas than MAX_DEPTH, is not computed, and
    neither is any formula that reads it (``cut``): read as stored, or refused, and said so
    like any formula not computed — never a figure from the part that was.  Cells are looked up
    among those written, never made (openpyxl's ws.cell() makes one for every position asked)."""

    def __init__(self, ws: Worksheet, stored: Mapping[tuple[int, int], object], height: int, width: int,
                 recalculated: bool = False, budget: Budget | None = None) -> None:
        self.ws = ws
        self.stored = stored  # each formula cell's result as saved (stored_results)
        self.extent = (height, width)
        self.budget = budget if budget is not None else Budget()
        self.cut: set[tuple[int, int]] = set()  # formulas not computed for the budget or the depth
        self.recalculated = recalculated
        self.stale: dict[tuple[int, int], tuple[str, object, object]] = {}  # cell: (formula, computed, stored)
        self.uncomputed: set[tuple[int, int]] = set()  # formulas not computed, their cached result read
        self._memo: dict[tuple[int, int], object] = {}
        self._textual: set[tuple[int, int]] = set()  # formulas read as their text (no result at all)
        # The other cells of a multi-cell array or data table: only its first cell holds the
        # formula; each of the others shows its own cached result, or, without one, the formula.
        # Excel never lets two arrays overlap, so the sheet's cells bound the walk: a hostile
        # ref (A1:XFD1048576, repeated) costs no more than the sheet, the rest reads blank.
        self.spread: dict[tuple[int, int], tuple[int, int]] = {}
        positions = height * width
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
                    positions -= 1
                    if positions < 0:
                        return
                    if (rr, cc) != (r, c):
                        self.spread.setdefault((rr, cc), (r, c))

    def get(self, row: int, col: int, depth: int = 0) -> object:
        key = (row, col)
        if key in self._memo:
            return self._memo[key]
        cell = self.ws._cells.get(key)
        value = cell.value if cell is not None else None
        spread = cell is None or cell.data_type != "f"
        if spread:  # text "=1+1" is text
            if value is not None or key not in self.spread:
                return value
            first = self.ws._cells.get(self.spread[key])
            formula = formula_text(first.value if first is not None else None)
        else:
            formula = formula_text(value)
        stored = self.stored.get(key)
        if spread and stored is not None:
            return stored  # another cell of an array shows its own result, not its first cell's formula
        if depth > MAX_DEPTH:
            return CUT  # not memoised: read from a shallower formula it may yet be computed
        self._memo[key] = UNKNOWN  # a circular reference is not computed
        computed = evaluate(formula, lambda r, c: self._operand(r, c, depth + 1), self.extent, self.budget)
        result: object
        if computed is CUT:
            self.cut.add(key)
        if computed is UNKNOWN or computed is CUT:
            result = stored if stored is not None else formula
            (self.uncomputed if stored is not None else self._textual).add(key)
        elif stored is None or same(computed, stored):
            result = computed if stored is None else stored
        else:
            self.stale[key] = (formula, computed, stored)
            result = computed if self.recalculated else stored
        self._memo[key] = result
        return result

    def _operand(self, row: int, col: int, depth: int) -> object:
        """A cell as a formula meets it: UNKNOWN where it is a formula the program neither
        computes nor has a result of (its text is no operand)."""
        value = self.get(row, col, depth)
        if (row, col) in self.cut:
            return CUT  # whatever reads a formula cut short is cut short too
        return UNKNOWN if (row, col) in self._textual else value


def formula_text(value: object) -> str:
    """A formula as Excel's formula bar shows it: “=SUM(D6:I6)” for a plain, shared or array
    formula; “=TABLE(B1,B2)” for a data table's (which openpyxl keeps as its inputs only)."""
    if isinstance(value, str):
        return value
    if isinstance(value, ArrayFormula):
        return value.text if isinstance(value.text, str) and value.text != "=" else "="
    if isinstance(value, DataTableFormula):
        return "=TABLE(" + ",".join(v for v in (value.r1, value.r2) if isinstance(v, str)) + ")"
    return "="  # a formula of a kind openpyxl has not met: a formula without a result, never a repr


Stored = dict[str, dict[tuple[int, int], object]]  # sheet title: {(row, column): the result saved}
_ROW, _FORMULA = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("row", "f"))


def stored_results(source: BinaryIO, reader: ExcelReader) -> Stored | None:
    """Each worksheet's formula cells (by title) with the result saved beside each formula,
    as openpyxl's ``data_only`` reading gives it, from the workbook ``reader`` has just read
    from ``source`` with its formulas.  Only the formula cells are looked at, and only in a
    sheet that has one: loading the whole workbook a second time for them took half of the
    read (290,000 blank formatted cells: 1.8 s more).  None where the sheets cannot be paired
    with their parts as openpyxl paired them (the caller then loads the results the long way)."""
    wb = reader.wb
    targets = [rel.target for _sheet, rel in reader.parser.find_sheets()
               if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    sheets = [ws for ws in wb._sheets if isinstance(ws, Worksheet)]
    if len(targets) != len(sheets):
        return None
    shared = [str(s) if isinstance(s, CellRichText) else s for s in reader.shared_strings]
    results: Stored = {}
    with zipfile.ZipFile(source) as z:
        for ws, target in zip(sheets, targets, strict=True):
            found = results.setdefault(ws.title, {})
            if any(cell.data_type == "f" for cell in ws._cells.values()):
                with z.open(target) as part:
                    found.update(_results(part, WorkSheetParser(None, shared, True, wb.epoch, wb._date_formats,
                                                                wb._timedelta_formats, False)))
    source.seek(0)
    return results


def _results(part: IO[bytes], parser: WorkSheetParser) -> dict[tuple[int, int], object]:
    """The results saved in the formula cells of one sheet's XML, each read by ``parser`` (data
    only) where openpyxl's own pass places it: rows and cells without a reference counted on."""
    found: dict[tuple[int, int], object] = {}
    for _event, row in iterparse(part):
        if row.tag != _ROW:
            continue
        number = row.get("r")
        if number is not None:  # as openpyxl's parse_row, which took it already
            try:
                parser.row_counter = int(number)
            except ValueError:
                parser.row_counter = int(float(number))
        else:
            parser.row_counter += 1
        cells = list(row)  # every child counts as a cell there, as in openpyxl's parse_row
        for i, cell in enumerate(cells):
            if cell.find(_FORMULA) is None:
                continue
            if cell.get("r") is None:  # placed after the last cell that has one
                j = i - 1
                while j >= 0 and cells[j].get("r") is None:
                    j -= 1
                parser.col_counter = (coordinate_to_tuple(str(cells[j].get("r")))[1] if j >= 0 else 0) + i - j - 1
            got = parser.parse_cell(cell)
            value = got["value"]
            found[(got["row"], got["column"])] = str(value) if isinstance(value, CellRichText) else value
        row.clear()
    return found
