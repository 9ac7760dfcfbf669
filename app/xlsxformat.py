"""What Excel shows of a number under its cell's number format, where that is another figure.

A format can put another figure in a stored one's place: ``0,`` shows 2106 as 2 (thousands),
``0%`` shows 28 as 2800%, ``"99"`` shows 99 whatever is stored, ``[<100]"0";0`` shows 0 for
anything under 100.  The reader reads the stored figure (what Excel computes with and someone
typed) and says what Excel shows instead, naming the cell (app/xlsx.py).  Only what can be told
is judged: a format this does not follow (dates, fractions, text) is never called different.
A display of the same figure (“2,106”, “28件”, “28.00”, a dash for a zero) is no news; nor is
one rounded to fewer decimals (28.4 shown as 28 is reported as no whole number already).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[Ee][+-]|.', re.S)
_CONDITION = re.compile(r"\[(<=|>=|<>|<|>|=)\s*(-?[0-9.]+)\]")
_PLACEHOLDERS = "0#?"
_DATE_CODES = set("yYmMdDhHsSbBgGeE")  # e alone is the year in some locales; E+ is taken before
_SHOWN_NUMBER = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")


def _sections(number_format: str) -> list[list[str]]:
    sections: list[list[str]] = [[]]
    for m in _TOKEN.finditer(number_format):
        if m.group(0) == ";":
            sections.append([])
        else:
            sections[-1].append(m.group(0))
    return sections


def _condition(tokens: list[str]) -> tuple[str, float] | None:
    for tok in tokens:
        m = _CONDITION.fullmatch(tok)
        if m:
            try:
                return m.group(1), float(m.group(2))
            except ValueError:
                return None
    return None


def _holds(cond: tuple[str, float], value: float) -> bool:
    op, limit = cond
    return {"<": value < limit, "<=": value <= limit, ">": value > limit, ">=": value >= limit,
            "=": value == limit, "<>": value != limit}[op]


def _text_section(sections: list[list[str]]) -> int | None:
    """Which section shows text: the fourth; with fewer, a last one holding ``@`` (“0;@”, “[White]@”)."""
    if len(sections) >= 4:
        return 3
    return len(sections) - 1 if "@" in sections[-1] else None


def pick_section(number_format: str, value: object) -> tuple[list[str], bool] | None:
    """The section of ``number_format`` that shows ``value`` and whether the minus sign is
    printed for it; None when none does as far as can be told (text under a format without a
    text section is shown as stored).  As Excel (and LibreOffice, checked on these formats):
    without conditions the sections are by sign (one: all; two: ≥0, <0; three: >0, <0, 0).
    With a condition ([>100], [>=1000]) in the first or second, the first is taken when its
    condition holds (none given: > 0), the second when its holds (none given: anything, or
    < 0 where a third follows), else the third — “[>=1000]0;[White]0” shows 99 in white,
    “[>100][White]0;0” shows it in black.  A single section whose condition fails is shown as
    General: not judged."""
    sections = _sections(number_format or "")[:4]
    text = _text_section(sections)
    if isinstance(value, str):
        return (sections[text], False) if text is not None else None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    v = float(value)
    numeric = sections[:3] if text is None or text >= 3 else sections[:text]
    n = len(numeric)
    if n == 0:
        return None  # “@” alone: a number is shown as General
    first, second = _condition(numeric[0]), _condition(numeric[1]) if n >= 2 else None
    if first is None and second is None:
        if v > 0 or n == 1 or (v == 0 and n == 2):
            return numeric[0], v < 0
        return (numeric[1], False) if v < 0 else (numeric[2], False)
    op1 = first or (">", 0.0)
    op2 = second or (("<", 0.0) if n >= 3 else None)
    if _holds(op1, v):
        return numeric[0], v < 0 and op1 != ("<", 0.0)
    if n == 1:
        return None
    if op2 is None or _holds(op2, v):
        return numeric[1], v < 0 and op2 != ("<", 0.0)
    return numeric[2], v < 0


def _literal(tok: str) -> str:
    if tok.startswith('"'):
        return tok[1:-1]
    if tok.startswith("\\"):
        return tok[1:]
    if tok.startswith("[$"):  # [$¥-804]: a currency symbol, then its locale
        return tok[2:-1].split("-")[0]
    if tok.startswith("*") and tok[1:].strip():
        # A fill: the character repeated across the cell's width (“*1” before a 0 shows 21 as
        # 11111121 in Excel and LibreOffice; hostile15), written three times and “…”.  A space
        # fill (the accounting formats' “* ”) only moves the figure.
        return tok[1:] * 3 + "…"
    if tok.startswith(("[", "_", "*")):
        return ""  # a colour, a condition, a locale; padding; a space fill
    return tok


def shows_nothing(tokens: list[str]) -> bool:
    """Whether a section shows nothing at all: “;;;”'s, one of only ``""``, padding or colours."""
    return not "".join(_literal(t) for t in tokens).strip()


def _render(tokens: list[str], value: float, minus: bool) -> str | None:
    """The section's text for ``value``; None when the format is one this does not follow."""
    if not tokens or "".join(tokens).strip().lower() == "general":
        return None
    if any(len(t) == 1 and t in _DATE_CODES for t in tokens) or "/" in tokens or "@" in tokens:
        return None
    places = [i for i, t in enumerate(tokens) if t in _PLACEHOLDERS]
    if not places:
        return "".join(_literal(t) for t in tokens)  # the figure is not shown: only what is written
    if tokens.count("%") + tokens.count(",") > 100:
        return None  # “0,,,…” or “0%%%…” past a float's range: never a report's format
    n = abs(value) * 100 ** tokens.count("%")
    exponent = next((i for i, t in enumerate(tokens) if t.lower() in ("e+", "e-")), None)
    number_end = exponent if exponent is not None else places[-1] + 1
    while number_end < len(tokens) and tokens[number_end] == ",":
        number_end += 1  # “0,” and “#,##0,,”: commas at the end belong to the number
    number = tokens[places[0]:number_end]
    point = number.index(".") if "." in number else len(number)
    decimals = sum(1 for t in number[point:] if t in _PLACEHOLDERS)
    # A comma after the number's last placeholder divides by 1000; one between the integer
    # part's placeholders groups thousands.
    last = max(i for i, t in enumerate(number) if t in _PLACEHOLDERS)
    n /= 1000 ** sum(1 for t in number[last + 1:] if t == ",")
    grouped = "," in number[:min(point, last)]
    if exponent is not None:
        text = f"{n:.{decimals}E}"
    else:
        text = f"{n:,.{decimals}f}" if grouped else f"{n:.{decimals}f}"
    before = "".join(_literal(t) for t in tokens[:places[0]])
    inside = "".join(_literal(t) for t in number if t not in _PLACEHOLDERS and t not in ".,")
    after = "".join(_literal(t) for t in tokens[number_end:] if t not in _PLACEHOLDERS
                    and t.lower() not in ("e+", "e-"))
    return ("-" if minus else "") + before + text + inside + after


def other_figure(number_format: str, value: object) -> str | None:
    """What Excel shows of ``value`` under ``number_format`` when that is another figure than
    the stored one (or no figure for a stored one that is not 0); None when it shows the same
    figure or cannot be told."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    v = float(value)
    if not math.isfinite(v) or not number_format or number_format.lower() == "general":
        return None
    chosen = pick_section(number_format, v)
    if chosen is None:
        return None
    tokens, minus = chosen
    shown = _render(tokens, v, minus)
    if shown is None or not shown.strip():
        return None  # nothing shown is the hidden case (app/xlsx.py invisible)
    numbers = _SHOWN_NUMBER.findall(shown)
    if not numbers:
        return None if v == 0 else shown  # a dash for a zero is a display preference
    scientific = re.fullmatch(r"-?[0-9.]+E[+-][0-9]+", shown.strip())
    if scientific:  # 2.106E+03 is 2106 written otherwise; 2.11E+03 is not
        return None if abs(float(scientific.group(0))) == abs(v) else shown
    if len(numbers) == 1 and "%" not in shown:
        figure = abs(float(numbers[0].replace(",", "")))
        decimals = len(numbers[0].split(".")[1]) if "." in numbers[0] else 0
        if figure == round(abs(v), decimals):
            return None  # the same figure, perhaps rounded (said elsewhere when not whole)
    return shown
