"""Parsing cell values as people type them and as files contain them.

A count is an integer >= 0; an amount (万元) is a Decimal >= 0 kept exactly as written.
Tolerated: full-width digits, padding (full-width and no-break spaces included), thousands
separators, a trailing unit.  “—”, “/”, “无” mean blank, with a warning.  Everything else is
refused with a reason in Chinese.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.schema import Kind

Value = int | Decimal | None

_DASHES = frozenset({"—", "——", "-", "--", "－", "/", "／", "\\", "无", "空", "－－", "–", "―"})
_COUNT_UNITS = ("件", "条", "个", "项", "起", "次")
_AMOUNT_UNITS = ("万元",)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Parsed:
    value: Value
    ok: bool  # False: the text was refused; value is None
    problem: str = ""  # why it was refused, or the warning for a blank-like mark

    @property
    def warning(self) -> bool:
        return self.ok and bool(self.problem)


def clean(text: str) -> str:
    """NFKC (full-width digits and spaces become ASCII) and all white space removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).replace("\u200b", "")


def parse(text: str, kind: Kind) -> Parsed:
    s = clean(text)
    if not s:
        return Parsed(None, True)
    if s in _DASHES:
        return Parsed(None, True, f"“{text.strip()}”按空白处理，应填写0")
    units = _AMOUNT_UNITS if kind is Kind.AMOUNT else _COUNT_UNITS
    for unit in units:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if kind is Kind.AMOUNT and s.endswith("元"):
        return Parsed(None, False, f"“{text.strip()}”：金额单位应为万元")
    if _THOUSANDS.match(s):
        s = s.replace(",", "")
    if s.startswith("-") and len(s) > 1:
        return Parsed(None, False, f"“{text.strip()}”：不能为负数")
    if kind is Kind.COUNT:
        if s.isdigit():
            return Parsed(int(s), True)
        if re.fullmatch(r"\d+\.\d*|\.\d+", s):
            return Parsed(None, False, f"“{text.strip()}”：件数必须是整数")
        return Parsed(None, False, f"“{text.strip()}”不是数字")
    if re.fullmatch(r"\d+(\.\d+)?", s):
        try:
            return Parsed(Decimal(s), True)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            pass
    return Parsed(None, False, f"“{text.strip()}”不是金额数字")


def format_value(value: Value) -> str:
    """How a value is shown and written: exactly, no rounding, no separators."""
    if value is None:
        return ""
    return str(value)


def as_number(value: Value) -> Decimal | int:
    """Blank counts as 0 in arithmetic; blankness is reported by its own check."""
    return 0 if value is None else value
