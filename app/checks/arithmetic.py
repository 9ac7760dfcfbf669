"""勾稽关系: totals against their parts, and table 三's column balance (errors)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from app.findings import REGISTRY, Finding, Fix, Location
from app.report import Report, computed_sum, recomputed_totals, wrong_totals
from app.schema import TABLES, BalanceRule, CellRef, SumRule
from app.values import Value, as_number, format_value


def _show(value: Value) -> str:
    return "空白" if value is None else format_value(value)


# The finding last made for each rule, with what it said: an edit of one cell leaves most of a
# table's findings as they were, and handing back the very same object spares making it (its
# cells, message and fix) and lets the findings panel's diff settle it by identity, as the
# text's claims do (app/checks/mismatch.py).  Bounded by the rules; a frozen Finding is shared
# safely between reports and threads.
_made: dict[tuple[str, str, int], tuple[object, Finding]] = {}


def _reuse(where: tuple[str, str, int], said: object, make: Callable[[], Finding]) -> Finding:
    made = _made.get(where)
    if made is not None and made[0] == said:
        return made[1]
    found = make()
    _made[where] = (said, found)
    return found


def check(report: Report) -> Iterator[Finding]:
    for key, spec in TABLES.items():
        grid = report.tables[key]
        rules = spec.sum_rules
        sums = [computed_sum(grid, rule.parts) for rule in rules]  # each once, for the findings and the fixes
        wrong = wrong_totals(grid, key, sums)
        for n, rule in enumerate(rules):
            stated, computed = grid[rule.target], sums[n]
            if as_number(stated) == as_number(computed):
                continue
            target = CellRef(key, *rule.target)
            diff = abs(Decimal(as_number(stated)) - Decimal(as_number(computed)))
            message = (
                f"{rule.subject}：{rule.total_name}={_show(stated)}，{rule.parts_name}="
                f"{format_value(as_number(computed))}，相差{format_value(diff)}"
            )
            # The wrong totals it is the sum of are recomputed with it: one click leaves no error behind.
            edits = tuple(recomputed_totals(grid, key, rule.target, wrong).items())
            # The figures' types too: 5 == Decimal("5.0"), but a fix sets the cell to one of them.
            said = (message, edits, tuple(type(v) for _, v in edits))

            def make(key: str = key, rule: SumRule = rule, target: CellRef = target, message: str = message,
                     edits: tuple[tuple[tuple[int, int], Value], ...] = edits) -> Finding:
                fix = Fix("按明细重算", tuple((CellRef(key, *pos), v) for pos, v in edits))
                loc = Location(key, (target, *(CellRef(key, *p) for p in rule.parts)))
                return REGISTRY[(rule.code, "")].at(loc, message, fix)

            yield _reuse((key, "sum", n), said, make)
        for n, bal in enumerate(spec.balance_rules):
            left = sum(as_number(grid[p]) for p in bal.left)
            right = sum(as_number(grid[p]) for p in bal.right)
            if left == right:
                continue
            message = (
                f"表{key}{bal.subject}：{bal.left_name}={left}，{bal.right_name}={right}，"
                f"相差{abs(left - right)}"
            )

            def made(key: str = key, bal: BalanceRule = bal, message: str = message) -> Finding:
                cells = tuple(CellRef(key, *p) for p in (*bal.left, *bal.right))
                return REGISTRY[(bal.code, "")].at(Location(key, cells), message)

            yield _reuse((key, "balance", n), message, made)
