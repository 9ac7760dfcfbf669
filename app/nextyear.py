"""Next year's report from last year's: the text to rewrite, the tables to refill."""

from __future__ import annotations

import copy
import re

from app.checks.dates import PERIOD
from app.report import Report
from app.schema import T2_COL, T2_IN_FORCE_ROWS, T2_ROW, T3_CARRIED_IN, T3_CARRIED_OUT, TABLE3, CellRef


def next_year(last: Report) -> Report:
    """Same organ and text (to be rewritten), year + 1, no date, blank tables except what
    follows from last year: 上年结转 = last year's 结转下年度, 现行有效 starts from last year's."""
    new = Report(organ=last.organ, year=last.year + 1 if last.year else None)
    new.sections = copy.deepcopy(last.sections)
    if last.year:
        _bump_period(new, last.year)
    for c in range(TABLE3.n_cols):
        new.set_value(CellRef("三", T3_CARRIED_IN, c), last.tables["三"][(T3_CARRIED_OUT, c)])
    for label in T2_IN_FORCE_ROWS:
        r = T2_ROW[label]
        in_force = T2_COL["现行有效件数"]
        new.set_value(CellRef("二", r, in_force), last.tables["二"][(r, in_force)])
    return new


def _bump_period(report: Report, old: int) -> None:
    """The statistical period sentence names the year: move it on.  Other mentions of last
    year stay for the author to decide (the STALE-YEAR check points at them)."""

    def bump(m: re.Match[str]) -> str:
        return m.group().replace(str(old), str(old + 1))

    for paras in report.sections.values():
        for para in paras:
            for run in para.runs:
                run.text = PERIOD.sub(bump, run.text)
