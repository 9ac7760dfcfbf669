"""The formulas of a statutory table that the program computes exactly as Excel does, so that a
cached result Excel would not show is caught (hostile30 #11: ``<f>100+21</f><v>21</v>`` under
``<calcPr fullCalcOnLoad="1"/>``: Excel and WPS recalculate on opening and show 121, the
stored 21 was read, unsaid).

The grammar is what such a table holds: numbers, cells of the same sheet ($ allowed), + − * /
with brackets and signs, SUM and COUNT over cells and ranges, and IF (our own export writes a
blank total as ``=IF(COUNT(D6:I6),SUM(D6:I6),"")``).  Anything else — another sheet, a name,
a function not listed, text in arithmetic, an error value, a division by zero — is
:data:`UNKNOWN`: the caller keeps what the file stored and does not judge it.  A small
evaluator rather than a library: the spreadsheet-formula packages on the registry compile a
whole workbook with numpy and friends for what is here a few dozen lines.
"""

from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable
from typing import Final

from openpyxl.utils import column_index_from_string


class _Unknown:
    """A formula, or a part of one, the program does not compute."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()


class _Cut(_Unknown):
    """A formula left uncomputed because the workbook's budget ran out or its chain of formulas
    runs deeper than :data:`MAX_DEPTH`: like a formula not computed, never left out of a sum
    (the rest would be a wrong figure), and whatever reads it is cut too."""

    def __repr__(self) -> str:
        return "CUT"


CUT: Final = _Cut()

Number = int | float
# What a cell or a formula gives: a number, text, None (a blank cell; IF's "" branch), or UNKNOWN.
Result = Number | str | None | _Unknown
CellValue = Callable[[int, int], object]

_TOKEN = re.compile(r"""\s*(?:
    (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<ref>\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![A-Za-z0-9_.!(])
  | (?P<func>[A-Za-z][A-Za-z0-9.]*)\s*(?=\()
  | (?P<str>"(?:[^"]|"")*")
  | (?P<op>[-+*/(),])
)""", re.VERBOSE)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
# How many cells the formulas of one workbook may look at, all ranges of all formulas together,
# and for how long: a statutory table's totals look at a few thousand.  A 14 KB workbook of 64
# formulas, each summing far-off ranges, once looked at 128 million (156 s, 1 GB: review14 H1).
CELLS_VISITED = 250_000
SECONDS = 3.0
MAX_DEPTH = 32  # formulas reading formulas: a total of totals is 2 or 3 deep


class Budget:
    """The cells the formulas of one workbook may still look at, and until when."""

    def __init__(self, cells: int | None = None, seconds: float | None = None) -> None:
        self.left = CELLS_VISITED if cells is None else cells
        self.visited = 0
        self.deadline = time.monotonic() + (SECONDS if seconds is None else seconds)
        self._since_clock = 0

    def spend(self, cells: int) -> None:
        """Count ``cells`` looked at; once the budget or the time is spent, :class:`_Cut`."""
        if cells > self.left:
            self.left = 0
            raise _CutShort
        self._since_clock += cells
        if self._since_clock >= 4096:  # the clock read now and then (before a range is walked)
            self._since_clock = 0
            if time.monotonic() > self.deadline:
                self.left = 0
                raise _CutShort
        self.left -= cells
        self.visited += cells


_ERROR = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!)")


class _Stop(Exception):
    """The formula is not one the program computes."""


class _CutShort(Exception):
    """Not a _Stop: whatever reads a cell cut short is cut short too (app/xlsxvalues.py cut)."""


def _tokens(formula: str) -> list[tuple[str, str]]:
    text = formula.strip()
    if text.startswith("="):
        text = text[1:]
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if m is None or m.lastgroup is None:
            raise _Stop  # a sheet name, a defined name, %, ^, &, a comparison …
        out.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()
    return out


def _cell(ref: str) -> tuple[int, int]:
    m = _CELL.fullmatch(ref)
    if m is None:
        raise _Stop
    return int(m.group(2)), column_index_from_string(m.group(1).upper())


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], value: CellValue, extent: tuple[int, int] | None,
                 budget: Budget) -> None:
        self.tokens = tokens
        self.pos = 0
        self.value = value
        self.extent = extent
        self.budget = budget

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self, kind: str, text: str | None = None) -> str:
        k, t = self.peek()
        if k != kind or (text is not None and t != text):
            raise _Stop
        self.pos += 1
        return t

    def formula(self) -> object:
        result = self.expr()
        if self.peek()[0] != "end":
            raise _Stop
        return result

    def expr(self) -> object:
        left = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take("op")
            right = _number(self.term())
            left = _number(left) + right if op == "+" else _number(left) - right
        return left

    def term(self) -> object:
        left = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take("op")
            right = _number(self.unary())
            if op == "*":
                left = _number(left) * right
            elif right == 0:
                raise _Stop  # Excel shows #DIV/0!: not a figure
            else:
                left = _number(left) / right
        return left

    def unary(self) -> object:
        if self.peek() in (("op", "+"), ("op", "-")):
            sign = self.take("op")
            n = _number(self.unary())
            return -n if sign == "-" else n
        return self.primary()

    def primary(self) -> object:
        kind, text = self.peek()
        if kind == "num":
            self.pos += 1
            n = float(text)
            return int(n) if n.is_integer() and abs(n) < 2**53 and re.fullmatch(r"\d+", text) else n
        if kind == "str":
            self.pos += 1
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            self.pos += 1
            if ":" in text:
                raise _Stop  # a range outside SUM/COUNT (implicit intersection): not computed
            row, col = _cell(text)
            self.budget.spend(1)
            return _plain(self.value(row, col))
        if kind == "op" and text == "(":
            self.pos += 1
            inner = self.expr()
            self.take("op", ")")
            return inner
        if kind == "func":
            return self.call(text.upper())
        raise _Stop

    def call(self, name: str) -> object:
        self.pos += 1
        self.take("op", "(")
        if name == "IF":  # Excel computes the branch taken only: the other may read anything
            taken = _number(self.expr()) != 0
            self.take("op", ",")
            yes = self.expr() if taken else self.skip()
            no: object = False  # Excel's IF without a third argument shows FALSE
            if self.peek() == ("op", ","):
                self.pos += 1
                no = self.skip() if taken else self.expr()
            self.take("op", ")")
            result = yes if taken else no
            if isinstance(result, bool):
                raise _Stop
            return result
        if name not in ("SUM", "COUNT"):
            raise _Stop
        figures: list[Number] = []
        while True:
            kind, text = self.peek()
            after = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else ("end", "")
            if kind == "ref" and after in (("op", ","), ("op", ")")):
                self.pos += 1  # a reference argument: only its numbers count, text and blanks not
                figures += self.numbers_in(text, count=name == "COUNT")
            else:  # an expression argument: a number (text that is one is counted by SUM, not judged)
                figures.append(_number(self.expr()))
            if self.peek() == ("op", ","):
                self.pos += 1
                continue
            self.take("op", ")")
            break
        return sum(figures) if name == "SUM" else len(figures)

    def skip(self) -> object:
        """Pass over an argument not computed (IF's branch not taken), up to its comma or bracket."""
        depth = 0
        while True:
            kind, text = self.peek()
            if kind == "end" or (depth == 0 and (kind, text) in (("op", ","), ("op", ")"))):
                if depth or kind == "end":
                    raise _Stop
                return None
            depth += {"(": 1, ")": -1}.get(text, 0) if kind == "op" else 0
            self.pos += 1

    def numbers_in(self, ref: str, count: bool = False) -> list[Number]:
        """The numbers of a range, as SUM and COUNT take them.  A cell whose value is not known
        (a formula not computed, without a stored result) stops the whole formula: the sum of
        the rest would be a figure Excel does not show.  So does an error value for SUM (Excel
        shows the error); COUNT passes over one, as Excel does, and counts a date (a number)."""
        first, _, last = ref.partition(":")
        (r1, c1), (r2, c2) = _cell(first), _cell(last or first)
        top, bottom, left, right = min(r1, r2), max(r1, r2), min(c1, c2), max(c1, c2)
        if self.extent is not None:  # past the written cells all is blank: no number to count
            bottom, right = min(bottom, self.extent[0]), min(right, self.extent[1])
        rows, cols = range(top, bottom + 1), range(left, right + 1)
        self.budget.spend(len(rows) * len(cols))
        out: list[Number] = []
        for r in rows:
            for c in cols:
                raw = self.value(r, c)
                if count and isinstance(raw, (datetime.date, datetime.time, datetime.timedelta)):
                    out.append(0)  # a date is a number to COUNT; its serial does not matter here
                    continue
                if count and isinstance(raw, str) and _ERROR.fullmatch(raw.strip()):
                    continue
                v = _plain(raw)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    out.append(v)
        return out


def _plain(value: object) -> object:
    """A referenced cell's value as arithmetic meets it; an error value or a formula the
    program does not compute stops the whole formula."""
    if value is CUT:
        raise _CutShort
    if value is UNKNOWN or (isinstance(value, str) and _ERROR.fullmatch(value.strip())):
        raise _Stop
    if isinstance(value, (int, float, str)) or value is None:
        return value
    raise _Stop  # a date, a time, a rich-text object: not judged


def _number(value: object) -> Number:
    """A value in + − * /: a blank cell is 0; text, TRUE/FALSE are not judged."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Stop
    return value


def evaluate(formula: str, value: CellValue, extent: tuple[int, int] | None = None,
             budget: Budget | None = None) -> Result:
    """What Excel computes for ``formula``, the cells of its sheet given by ``value(row, col)``
    (which may itself give UNKNOWN for a cell whose value is not known: a formula not computed
    and without a stored result).  "" is None, a blank; UNKNOWN where the formula is not one
    computed here, or reads a cell not known — in a SUM's range too: never the sum of the cells
    that were known, a figure Excel does not show.  ``extent`` (rows, columns) is how far the
    sheet's written cells reach: ranges are cut to it.  Past ``budget`` (cells looked at by
    all formulas of the workbook, and time), or where ``value`` gives :data:`CUT`, the result
    is :data:`CUT`: not computed, and never a sum of the cells that were."""
    parser = _Parser([], value, extent, budget if budget is not None else Budget())
    try:
        parser.tokens = _tokens(formula)
        result = parser.formula()
    except (_CutShort, RecursionError):  # a formula nested too deep is cut as a chain is
        return CUT
    except (_Stop, ValueError, OverflowError):
        return UNKNOWN
    if result == "":
        return None
    if isinstance(result, bool):
        return UNKNOWN
    if isinstance(result, (int, float, str)):
        return result
    return UNKNOWN


def same(computed: Result, stored: object) -> bool:
    """Whether a computed result is what the file stored, as Excel shows both (15 digits)."""
    if computed is None or computed == "":
        return stored is None or stored == ""
    if isinstance(computed, str) or isinstance(stored, str):
        return computed == stored
    if isinstance(stored, bool) or not isinstance(stored, (int, float)) or isinstance(computed, _Unknown):
        return False
    return f"{float(computed):.15g}" == f"{float(stored):.15g}"
