"""The unit 表二's fee figure is written in, when a file says it is not the statutory one: in the
fee column's header (本年收费金额（单位：元）), in a caption row of the table or the line above
it (单位：件、元).  A figure in 元, 千元 or 亿元 read as 万元 is off by a power of ten, and a save
would print the statutory header over it; it is converted exactly (a power of ten: no rounding)
and said, or, in a unit no amount of 元 is (美元, 件, two units at once), not read and said.
A figure with a unit in its cell (125000元) is the cell's own: app/values.py reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from app.limits import MAX_NUMBER_DIGITS
from app.schema import AMOUNT_UNIT
from app.textfold import fold

_YUAN = AMOUNT_UNIT[-1]  # 元: every unit below is a power of ten of it
_POWERS = {"": 0, "十": 1, "百": 2, "千": 3, "万": 4, "十万": 5, "百万": 6, "千万": 7, "亿": 8}
STATUTORY_POWER = _POWERS[AMOUNT_UNIT[: -len(_YUAN)]]
_MULTIPLIER = "|".join(sorted((m for m in _POWERS if m), key=len, reverse=True))
# A currency sign before a figure says yuan, not a multiple of them: under a header in 元 it is
# that header's unit (¥100 is 100 元).
_CURRENCY = "(?:¥|RMB|人民币)"
# The same signs as written, full-width too: a figure taken without its sign is judged unfolded.
_WRITTEN_CURRENCY = re.compile(r"\s*(?:[¥￥]|RMB|ＲＭＢ|人民币)\s*")
_MONEY = re.compile(rf"(?:人民币)?({_MULTIPLIER})?{_YUAN}")
# What a unit statement names: after 单位 up to a closing bracket; in the fee header, a bracket's
# words too (本年收费金额（元）).
_STATED = re.compile(r"单位[:：]?([^）)\]】]*)")
_BRACKETED = re.compile(r"[（(]([^（）()]*)[）)]")
_OF_AMOUNTS = re.compile(r"(金额|收费|费用)\S{0,4}单位")  # 金额单位：元, 收费金额单位为元
_TOKENS = re.compile(r"[、，,/；;\s]+|及|和|或")
_SHORT = 4  # a unit's name is short: 件, 美元, 人民币元; longer words in a bracket are no unit
# 125000元, 12.5（万元）, and 1.2万 (万 alone, in a column of 万元: the cell's own multiplier).
_FIGURE_WITH_UNIT = re.compile(rf"{_CURRENCY}?\s*[0-9.,，]+\s*(?:[(（]?(?:人民币)?(?:{_MULTIPLIER})?{_YUAN}[)）]?|万)")


@dataclass(frozen=True)
class Unit:
    """A unit a file states for the fee: as written, and its power of ten of 元 (None: not one
    an amount of 元 converts from)."""

    name: str
    power: int | None
    where: str  # how the file says it, for the message
    amounts: bool = False  # said of amounts by name (the fee's header; 金额单位：元), not of the whole table

    @property
    def statutory(self) -> bool:
        return self.power == STATUTORY_POWER


def agreed(header: Unit | None, table: Unit | None) -> Unit | None:
    """The fee's unit from its header and its table's note: the header's over a note of the
    whole table (单位：万元 above it), but two said of amounts by name that differ (表头为万元,
    金额单位：元) are none to read by (power None)."""
    if header is None or table is None:
        return header or table
    if table.amounts and header.power != table.power:
        return Unit(f"{header.name}、{table.name}", None, f"{header.where}，{table.where}", True)
    return header


def stated(text: str, where: str, fee_header: bool) -> Unit | None:
    """The money unit ``text`` states: one of 元's powers, or (power None) one that is not, or
    two; None when it names none.  Outside the fee's own header only a unit ending in 元 is a
    money unit (单位：件 is the counts'); in it, any unit after 单位 is the fee's (单位：万
    is 万元, 单位：件 is none an amount has)."""
    folded = fold(text)
    parts = [(m.group(1), True) for m in _STATED.finditer(folded)]
    if fee_header:
        parts += [(m.group(1), False) for m in _BRACKETED.finditer(folded) if "单位" not in m.group(1)]
    names: dict[str, int | None] = {}
    for part, after_unit in parts:
        for token in _TOKENS.split(part):
            token = token.strip(" :")
            if not token or len(token) > _SHORT:
                continue
            if (money := _MONEY.fullmatch(token)) is not None:
                names[token] = _POWERS[money.group(1) or ""]
            elif fee_header and after_unit and token in _POWERS:
                names[token + _YUAN] = _POWERS[token]
            elif token.endswith(_YUAN) or (fee_header and after_unit):
                names[token] = None
    if not names:
        return None
    powers = set(names.values())
    return Unit("、".join(names), powers.pop() if len(powers) == 1 else None, where,
                fee_header or _OF_AMOUNTS.search(folded) is not None)


def with_unit(text: str) -> bool:
    """Whether a figure is written with a money unit of its own (125000元, 12.5（万元）)."""
    return _FIGURE_WITH_UNIT.fullmatch(fold(text).strip()) is not None


_UNIT_BRACKET = re.compile(rf"[(（]\s*(?:单位\s*[:：]?[^（）()]{{0,8}}|(?:人民币)?(?:{_MULTIPLIER})?{_YUAN})\s*[)）]")


def without_currency(text: str) -> str:
    """A figure without the currency sign written before it (¥100, ￥ 100, 人民币100: 100), the
    rest as written: app/values.parse judges what a folded copy hides — a space inside (“12 000”
    was read as 12000 元), a note mark (“37¹”, “37①” as 371), a direction control (the stored
    2106 of a cell shown as 6012)."""
    sign = _WRITTEN_CURRENCY.match(text)
    return text[sign.end():] if sign else text


def without_unit(text: str) -> str:
    """A header's words without a bracketed unit (本年收费金额（单位：元） is 本年收费金额)."""
    return _UNIT_BRACKET.sub("", text)


def converted(value: Decimal, unit: Unit) -> Decimal:
    """``value`` in ``unit`` as an amount of the statutory unit: moved by a power of ten, exact,
    written without an exponent or trailing zeros (125000 元 is 12.5 万元, 1 亿元 is 10000 万元)."""
    assert unit.power is not None
    with localcontext() as ctx:
        ctx.prec = MAX_NUMBER_DIGITS + 2 * len(_POWERS)
        moved = value.scaleb(unit.power - STATUTORY_POWER).normalize()
        return moved.quantize(Decimal(1)) if moved.as_tuple().exponent > 0 else moved  # type: ignore[operator]
