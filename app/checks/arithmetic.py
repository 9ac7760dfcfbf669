"""勾稽关系: totals against their parts, and table 三's column balance (errors)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from app.findings import REGISTRY, Finding, Fix, Location
from app.report import Report, computed_sum, recomputed_totals
from app.schema import TABLES, CellRef
from app.values import Value, as_number, format_value


def _show(value: Value) -> str:
    return "空白" if value is None else format_value(value)


def check(report: Report) -> Iterator[Finding]:
    for key, spec in TABLES.items():
        grid = report.tables[key]
        for rule in spec.sum_rules:
            stated = grid[rule.target]
            computed = computed_sum(grid, rule.parts)
            if as_number(stated) == as_number(computed):
                continue
            target = CellRef(key, *rule.target)
            diff = abs(Decimal(as_number(stated)) - Decimal(as_number(computed)))
            message = (
                f"{rule.subject}：{rule.total_name}={_show(stated)}，{rule.parts_name}="
                f"{format_value(as_number(computed))}，相差{format_value(diff)}"
            )
            # The wrong totals it is the sum of are recomputed with it: one click leaves no error behind.
            fix = Fix("按明细重算", tuple((CellRef(key, *pos), v) for pos, v in
                                      recomputed_totals(grid, key, rule.target).items()))
            loc = Location(key, (target, *(CellRef(key, *p) for p in rule.parts)))
            yield REGISTRY[(rule.code, "")].at(loc, message, fix)
        for bal in spec.balance_rules:
            left = sum(as_number(grid[p]) for p in bal.left)
            right = sum(as_number(grid[p]) for p in bal.right)
            if left == right:
                continue
            message = (
                f"表{key}{bal.subject}：{bal.left_name}={left}，{bal.right_name}={right}，"
                f"相差{abs(left - right)}"
            )
            cells = tuple(CellRef(key, *p) for p in (*bal.left, *bal.right))
            yield REGISTRY[(bal.code, "")].at(Location(key, cells), message)
