"""Numbers as reports write them: 12, １２, 十二, 两, 一百零五, 两万, 1万2千, 二〇二三.

One parser for every place that reads a written number (a figure in the text, a year, a month,
a day).  Two forms:

- digit by digit, as years are written: 二〇二三, 二O二三, 2〇23 (every character a digit);
- positional, with 十百千 inside a group and 万/亿 between groups, 零 marking a gap:
  十一, 二十, 一百零五, 一千二百三十四, 两万, 三十万, and Arabic digits before a unit (1万2千).
  A last digit straight after a unit counts in the next lower unit, as people say and write
  it: 一百五 is 150, 两千三 2300, 三万五 35000 (一百零五 is 105: 零 marks the gap).

Anything else — letters, decimals, a unit twice (十十), two digits before a unit (一二十) — is
no number: None, never an exception.
"""

from __future__ import annotations

import unicodedata

_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "o": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_LONGEST = 30  # characters: no count or year is longer, and int() of thousands of digits is slow


def cn_number(text: str) -> int | None:
    """The whole number ``text`` writes, or None if it writes none."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s or len(s) > _LONGEST:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if all(c in _DIGITS or "0" <= c <= "9" for c in s):
        if not any(c in _DIGITS and c not in "Oo" for c in s):
            return None  # a Latin O is a zero only among Chinese digits (二O二三), not in 2O24 or alone
        return int("".join(str(_DIGITS[c]) if c in _DIGITS else c for c in s))
    return _positional(s)


def _positional(s: str) -> int | None:
    total = 0  # of the groups closed by 万/亿
    group = 0  # the current group below 万
    pending: int | None = None  # a digit (or Arabic number) not yet given its unit
    small = 10**9  # the last unit inside the group: the next must be lower
    big = 10**18  # the last 万/亿: the next must be lower
    last_unit = 0  # the unit written just before ``pending`` (0: none, or a 零 between)
    unit_before = 0  # the unit just read, for the character after it
    i = 0
    while i < len(s):
        c = s[i]
        if "0" <= c <= "9":
            j = i
            while j < len(s) and "0" <= s[j] <= "9":
                j += 1
            if pending is not None:
                return None
            pending, last_unit, unit_before = int(s[i:j]), unit_before, 0
            i = j
            continue
        if c in ("零", "〇", "○"):
            if pending is not None:
                return None  # 五零 in a positional number
            unit_before = 0
        elif c in _DIGITS:
            if pending is not None or c in "Oo":
                return None
            pending, last_unit, unit_before = _DIGITS[c], unit_before, 0
        elif c in _SMALL:
            unit = _SMALL[c]
            if unit >= small or (pending is not None and pending >= 10):
                return None
            group += (1 if pending is None else pending) * unit
            pending, small, unit_before = None, unit, unit
        elif c in _BIG:
            unit = _BIG[c]
            value = group + (pending or 0)
            if unit >= big or value == 0:
                return None
            total += value * unit
            group, pending, small, big, unit_before = 0, None, 10**9, unit, unit
        else:
            return None
        i += 1
    if pending is not None and last_unit > 10 and pending < 10:
        pending *= last_unit // 10  # 一百五: the 五 is 五十
    return total + group + (pending or 0)
