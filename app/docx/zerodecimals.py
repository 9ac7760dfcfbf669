"""Counts written “128.00” or “1.0” (Excel's “0.00” number format, pasted into Word or WPS): read as the whole
number a person sees, with one note a table naming the cells.  “128.50” is no count and stays refused
(app/values.py, which the grid's typing uses, is unchanged: this is the reader's allowance for a format habit)."""

from __future__ import annotations

from app.findings import VALUE_ZERO_DECIMALS, Finding, Location
from app.patterns import lazy
from app.schema import CellRef
from app.textfold import fold

_ZERO_DECIMALS = lazy(r"\s*([0-9][0-9,]*)\.0+\s*")


def whole_count(text: str) -> str | None:
    """The whole number of a count written with zero decimals (“128.00” → “128”), else None."""
    m = _ZERO_DECIMALS.fullmatch(fold(text))
    return m.group(1) if m is not None else None


def zero_decimal_notes(read: dict[str, list[tuple[CellRef, str]]]) -> list[Finding]:
    """One note a table for the counts read so (table -> (cell, text as written)), naming the cells."""
    return [VALUE_ZERO_DECIMALS.at(Location(table, tuple(ref for ref, _ in cells)),
                                   f"表{table}有{len(cells)}个件数写成“{cells[0][1]}”这样带全零小数的形式（Excel 的数字格式），"
                                   "已按整数读入，请核对；小数不为0的不读入")
            for table, cells in read.items()]
