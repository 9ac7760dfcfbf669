"""Text written into a workbook cell as text, never as something a spreadsheet runs.

openpyxl stores any string beginning with "=" as a formula.  A name, an organ or a message of a
file we read is the file author's text: written as a formula, ``=HYPERLINK("http://…")`` or
``=WEBSERVICE(…)`` would run in the reviewer's Excel (formula injection).  Every text we write
goes through :func:`put_text`: an inline string (data_type "s"); one beginning with a character
Excel or LibreOffice would take as the start of a formula when the cell is edited ("=", "+",
"-", "@", or those after tabs or line breaks) is also marked quote-prefixed, so that Excel shows
it as typed text and pressing F2, Enter keeps it text.  Only our own formulas (SUM totals,
相符/不符 checks) are written as formulas, by assigning them directly.

openpyxl is imported by the caller (the writers import it lazily); this module imports none.
"""

from __future__ import annotations

import re
from typing import Any

# Characters a spreadsheet reads as the start of a formula (or, after leading blanks, a DDE
# command): the CSV/formula-injection class.
_FORMULA_START = re.compile(r"[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]")
# What XML 1.0 cannot carry (openpyxl refuses to write it): control characters but tab, LF, CR;
# lone surrogates (a file name's bytes that are not UTF-8), which no encoder writes; U+FFFE, U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# Excel's most characters in a cell (UTF-16 units): a longer text (a page pasted into a table
# cell or the organ's field, written as it is) made Excel call the whole exported workbook
# damaged and “repair” it.  Cut, and said so at the end of what is kept.
MAX_CELL_UNITS = 32_767
CUT_MARK = "……（超出 Excel 单元格上限，以下从略）"


def cell_text(text: str) -> str:
    """Text as a workbook cell can hold it: a character XML cannot carry (a control character
    of a file name) as its escape (\\x1b), a byte of a name that is not UTF-8 (a Windows zip's
    GBK name: a lone surrogate here) as U+FFFD; either would make the whole workbook unwritable.
    Past MAX_CELL_UNITS, cut with CUT_MARK."""
    if len(text) > MAX_CELL_UNITS // 2:  # only then may it be past the cap in UTF-16 units
        text = _within_cap(text)
    if _ILLEGAL.search(text) is None:  # nearly always: one scan, no copy
        return text
    text = _ILLEGAL.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else ascii(m.group())[1:-1], text)
    return _within_cap(text)  # an escape is four characters for one


def _within_cap(text: str) -> str:
    if len(text) + sum(ord(c) > 0xFFFF for c in text) <= MAX_CELL_UNITS:  # outside the BMP: two units
        return text
    room, units = MAX_CELL_UNITS - len(CUT_MARK), 0
    for i, c in enumerate(text):
        units += 2 if ord(c) > 0xFFFF else 1
        if units > room:
            return text[:i] + CUT_MARK
    return text


def risky(text: str) -> bool:
    """Whether a spreadsheet would take ``text``, typed into a cell, for a formula."""
    return _FORMULA_START.match(text) is not None


def put_text(cell: Any, text: str) -> None:
    """``text`` into ``cell`` as a string cell (see the module's note)."""
    cell.value = cell_text(text)
    cell.data_type = "s"  # after the value: openpyxl's setter makes "=…" a formula
    if risky(text):
        cell.quotePrefix = True


def put(cell: Any, value: object) -> None:
    """A value into ``cell``: text as text (:func:`put_text`), anything else as it is."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
