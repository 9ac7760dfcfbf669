"""CSS math functions — calc(), min(), max(), clamp() — worked out where their answer is known
without a layout, so that the rules of app/webcss.py judge the value a browser uses: a figure
hidden by “font-size:calc(0px)”, “opacity:calc(1 - 1)”, “left:calc(-100vw - 10px)” or
“scale(min(0, 1))” is hidden (hostile16; each was read, the value not understood).

A value is a sum of terms in units (“100% - 10px” stays two terms): absolute lengths are taken
to px, the others (em, %, vw …) kept apart.  A product or quotient needs a plain number on one
side, as CSS itself requires.  min()/max()/clamp() are settled when their arguments compare
without a layout: in the same unit, or against 0 (every relative unit measures something of no
negative size).  What cannot be settled is left as written (a browser's value is not known)."""

from __future__ import annotations

import re

_FUNCTIONS = re.compile(r"(?<![-\w])(?:-webkit-|-moz-)?(calc|min|max|clamp)\(", re.I)
_TOKEN = re.compile(r"\s*(?:(?P<num>[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?P<unit>%|[a-z]+)?|(?P<op>[-+*/(),]))", re.I)
_TO_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6}
_UNITS = {"em", "rem", "%", "vw", "vh", "vmin", "vmax", "ex", "ch", "lh", "rlh", "svw", "svh", "lvw", "lvh", "dvw",
          "dvh", "deg", "turn", "rad", "grad", "s", "ms", "fr", "x", "dppx", "cqw", "cqh", "cqi", "cqb"}
MAX_VALUE = 4096  # a value longer than this is left as written (a hostile sheet's megabyte of nesting)

Quantity = dict[str, float]  # unit ("" for a plain number) → how many of it


class _Unknown(ValueError):
    """Not settled without a layout (or not CSS): the function is left as written."""


def simplified(value: str) -> str:
    """``value`` with every math function whose answer is known put as that answer (“0”,
    “-1000px”, “0.5”); the rest as written."""
    if "(" not in value or len(value) > MAX_VALUE or not _FUNCTIONS.search(value):
        return value
    starts = [m for m in _FUNCTIONS.finditer(value)]
    for m in reversed(starts):  # innermost first: a later start is never around an earlier one
        end = _closing(value, m.end())
        if end is None:
            continue
        try:
            args = _arguments(value[m.end():end])
            answer = _written(_settle(m.group(1).lower(), args))
        except _Unknown:
            continue
        value = value[:m.start()] + answer + value[end + 1:]
    return value


def quantity(value: str) -> Quantity | None:
    """The terms of a value that is one calc() (“calc(-100vw - 10px)”: {"vw": -100, "px": -10}),
    absolute lengths in px; None when it is not one or not a sum of terms."""
    m = _FUNCTIONS.match(value.strip())
    if m is None or m.group(1).lower() != "calc" or len(value) > MAX_VALUE:
        return None
    text = value.strip()
    end = _closing(text, m.end())
    if end != len(text) - 1:
        return None
    try:
        args = _arguments(text[m.end():end])
    except _Unknown:
        return None
    return args[0] if len(args) == 1 else None


def _closing(text: str, start: int) -> int | None:
    depth = 1
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _arguments(inside: str) -> list[Quantity]:
    tokens = _tokens(inside)
    out: list[Quantity] = []
    pos = 0
    while True:
        q, pos = _sum(tokens, pos)
        out.append(q)
        if pos == len(tokens):
            return out
        if tokens[pos] != ",":
            raise _Unknown(inside)
        pos += 1


def _tokens(text: str) -> list[str | Quantity]:
    out: list[str | Quantity] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise _Unknown(text)
        pos = m.end()
        if m.group("op"):
            out.append(m.group("op"))
            continue
        number, unit = float(m.group("num")), (m.group("unit") or "").lower()
        # “1px -2px” is two values, “1px - 2px” a difference: a signed number after a value is
        # not CSS inside calc(); let the sum below refuse it
        if unit in _TO_PX:
            out.append({"px": number * _TO_PX[unit]})
        elif unit in _UNITS or unit == "":
            out.append({unit: number})
        else:
            raise _Unknown(unit)
        if m.group("num")[0] in "+-" and len(out) > 1 and isinstance(out[-2], dict):
            raise _Unknown(text)
    return out


def _sum(tokens: list[str | Quantity], pos: int) -> tuple[Quantity, int]:
    total, pos = _product(tokens, pos)
    while pos < len(tokens) and tokens[pos] in ("+", "-"):
        sign = 1.0 if tokens[pos] == "+" else -1.0
        term, pos = _product(tokens, pos + 1)
        total = _added(total, term, sign)
    return total, pos


def _product(tokens: list[str | Quantity], pos: int) -> tuple[Quantity, int]:
    value, pos = _factor(tokens, pos)
    while pos < len(tokens) and tokens[pos] in ("*", "/"):
        op = tokens[pos]
        other, pos = _factor(tokens, pos + 1)
        if op == "*":
            if _plain(other) is not None:
                value = _scaled(value, _plain(other) or 0.0)
            elif _plain(value) is not None:
                value = _scaled(other, _plain(value) or 0.0)
            else:
                raise _Unknown("a length times a length")
        else:
            divisor = _plain(other)
            if not divisor:
                raise _Unknown("division by a length or by 0")
            value = _scaled(value, 1 / divisor)
    return value, pos


def _factor(tokens: list[str | Quantity], pos: int) -> tuple[Quantity, int]:
    if pos >= len(tokens):
        raise _Unknown("ends early")
    token = tokens[pos]
    if isinstance(token, dict):
        return token, pos + 1
    if token == "(":
        value, pos = _sum(tokens, pos + 1)
        if pos >= len(tokens) or tokens[pos] != ")":
            raise _Unknown("unclosed")
        return value, pos + 1
    if token == "-":  # “-(…)” is not CSS, but a leading sign on a bracket is harmless to refuse
        raise _Unknown("a sign before a bracket")
    raise _Unknown(str(token))


def _added(a: Quantity, b: Quantity, sign: float) -> Quantity:
    out = dict(a)
    for unit, n in b.items():
        out[unit] = out.get(unit, 0.0) + sign * n
    return {u: n for u, n in out.items() if n != 0} or {"": 0.0}


def _scaled(q: Quantity, k: float) -> Quantity:
    return {u: n * k for u, n in q.items() if n * k != 0} or {"": 0.0}


def _plain(q: Quantity) -> float | None:
    """The plain number ``q`` is, None when it has a unit."""
    if all(n == 0 for n in q.values()):
        return 0.0
    return q[""] if set(q) == {""} else None


def _single(q: Quantity) -> tuple[str, float]:
    """(unit, amount) of a quantity of one unit (0 of any unit is (“”, 0)); _Unknown otherwise."""
    nonzero = [(u, n) for u, n in q.items() if n != 0]
    if not nonzero:
        return "", 0.0
    if len(nonzero) > 1:
        raise _Unknown("several units")
    return nonzero[0]


def _less(a: Quantity, b: Quantity) -> bool:
    """a < b, when known without a layout."""
    (ua, na), (ub, nb) = _single(a), _single(b)
    if na == 0 or nb == 0 or ua == ub:
        return na < nb  # against 0 only the sign counts: no unit measures a negative size
    raise _Unknown("units not compared without a layout")


def _settle(name: str, args: list[Quantity]) -> Quantity:
    if name == "calc":
        if len(args) != 1:
            raise _Unknown("calc() of a list")
        return args[0]
    if name == "clamp":
        if len(args) != 3:
            raise _Unknown("clamp() of other than three")
        low, mid, high = args
        return _settle("max", [low, _settle("min", [mid, high])])
    if not args:
        raise _Unknown("empty")
    best = args[0]
    for other in args[1:]:
        if (_less(other, best) if name == "min" else _less(best, other)):
            best = other
    return best


def _written(q: Quantity) -> str:
    unit, n = _single(q)
    if n == 0:
        return "0"
    text = f"{n:.6f}".rstrip("0").rstrip(".")
    return text + unit
