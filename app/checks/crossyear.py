"""Against last year's report: carried-over applications and documents in force."""

from __future__ import annotations

from collections.abc import Iterator

from app.findings import CROSS_YEAR_CARRYOVER, CROSS_YEAR_IN_FORCE, SAME_AS_LAST_YEAR, Finding, Fix, Location
from app.report import Report
from app.schema import T2_COL, T2_IN_FORCE_ROWS, T2_ROW, T3_CARRIED_IN, T3_CARRIED_OUT, T3_COLS, CellRef
from app.values import as_number, format_value

_ISSUED, _REPEALED, _IN_FORCE = (T2_COL[k] for k in ("本年制发件数", "本年废止件数", "现行有效件数"))


def check(report: Report, last: Report) -> Iterator[Finding]:
    this3, last3 = report.tables["三"], last.tables["三"]
    for c, col in enumerate(T3_COLS):
        now, before = this3[(T3_CARRIED_IN, c)], last3[(T3_CARRIED_OUT, c)]
        if as_number(now) != as_number(before):
            ref = CellRef("三", T3_CARRIED_IN, c)
            yield CROSS_YEAR_CARRYOVER.at(
                Location("三", (ref,)),
                f"表三“{col}”列：本年“二、上年结转”为{format_value(as_number(now))}，"
                f"上年报告“四、结转下年度继续办理”为{format_value(as_number(before))}",
                Fix("采用上年结转数", ((ref, before),)),
            )
    t2, l2 = report.tables["二"], last.tables["二"]
    for label in T2_IN_FORCE_ROWS:
        r = T2_ROW[label]
        expected = as_number(l2[(r, _IN_FORCE)]) + as_number(t2[(r, _ISSUED)]) - as_number(t2[(r, _REPEALED)])
        stated = as_number(t2[(r, _IN_FORCE)])
        if stated != expected:
            yield CROSS_YEAR_IN_FORCE.at(
                Location("二", (CellRef("二", r, _IN_FORCE),)),
                f"表二“{label}”现行有效件数为{stated}，按上年现行有效{as_number(l2[(r, _IN_FORCE)])}"
                f"+本年制发{as_number(t2[(r, _ISSUED)])}-本年废止{as_number(t2[(r, _REPEALED)])}应为{expected}；"
                f"如有集中清理等原因，请在正文中说明",
            )
    for key in ("一", "五"):
        if report.section_text(key).strip() and report.section_text(key) == last.section_text(key):
            yield SAME_AS_LAST_YEAR.at(
                Location(key),
                f"“{key}”部分与上一年度报告完全相同，格式要求不得年年雷同",
            )
