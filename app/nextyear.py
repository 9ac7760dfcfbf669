"""Next year's report from last year's: the text to rewrite, the tables to refill, and last
year's figures and sentences attached for the cross-year checks."""

from __future__ import annotations

import copy
import re

from app.checks import scope
from app.checks.crossyear import suggested_in_force
from app.lastyear import LastYear, attach, attached
from app.patterns import lazy
from app.report import Report, Run
from app.schema import (
    PROACTIVE,
    REQUESTS,
    T2_IN_FORCE,
    T2_IN_FORCE_LABEL,
    T2_IN_FORCE_ROWS,
    T2_ISSUED,
    T2_REPEALED,
    T2_ROW,
    T3_CARRIED_IN,
    T3_CARRIED_OUT,
    TABLE3,
    CellRef,
)
from app.values import PERIOD, Value, plausible_year

_DRIVERS = (T2_ISSUED, T2_REPEALED)  # the cells 现行有效件数 follows
_PERIOD_WORDS = lazy(r"统计|期限|时限")


def next_year(last: Report, source: str = "") -> Report:
    """Same organ and text (to be rewritten), year + 1, no date, blank tables except what
    follows from last year: 上年结转 = last year's 结转下年度, 现行有效 starts from last year's.
    Last year's figures and sentences go with it (``source``: the file they came from)."""
    # Never a year no report can be for (last year's 9999 read from a forged file, or too far ahead).
    year = last.year + 1 if last.year and plausible_year(last.year + 1) else None
    new = Report(organ=last.organ, year=year)
    new.sections = copy.deepcopy(last.sections)
    if year:
        _bump_period(new, year - 1)
    for c in range(TABLE3.n_cols):
        new.set_value(CellRef(REQUESTS, T3_CARRIED_IN, c), last.tables[REQUESTS][(T3_CARRIED_OUT, c)])
    for label in T2_IN_FORCE_ROWS:
        r = T2_ROW[label]
        new.set_value(CellRef(PROACTIVE, r, T2_IN_FORCE), last.tables[PROACTIVE][(r, T2_IN_FORCE)])
    attach(new, LastYear.from_report(last, source))
    _carry_dismissals(last, new)
    return new


def carried_summary(report: Report) -> str:
    """What next_year filled from last year, as the user is told it: a fill that did not happen
    (last year's 结转下年度 or 现行有效 left blank) must not be announced as done."""
    carried = [report.tables[REQUESTS][(T3_CARRIED_IN, c)] for c in range(TABLE3.n_cols)]
    in_force = [report.tables[PROACTIVE][(T2_ROW[label], T2_IN_FORCE)] for label in T2_IN_FORCE_ROWS]
    done, missing = [], []
    for name, source, values in (("表三“上年结转”", f"“{TABLE3.row_labels[T3_CARRIED_OUT]}”", carried),
                                 (f"表二“{T2_IN_FORCE_LABEL}”", f"“{T2_IN_FORCE_LABEL}”", in_force)):
        filled = sum(v is not None for v in values)
        if filled == len(values):
            done.append(name)
        elif filled:
            missing.append(f"{name}有{len(values) - filled}格未填（上年的{source}有空白），请补全")
        else:
            missing.append(f"{name}未填（上年的{source}是空白），请填写")
    said = [f"{'和'.join(done)}已按上年填好"] if done else []
    return "；".join(said + missing)


def _carry_dismissals(last: Report, new: Report) -> None:
    """The dismissals of last year's findings as it stands go with its text: a passage carried
    word for word has its cause unchanged, so its finding stays dismissed with its reason, until
    the passage (or the words beside it) is edited (app/dismissals.py).  Records that dismiss
    nothing any more stay behind."""
    from app import dismissals
    from app.checks import run_all  # here: the checks are not needed to read or write a report

    probe = copy.copy(last)  # split rewrites an older version's records: not in last year's report
    probe.extras = copy.deepcopy(last.extras)
    _, dismissed = dismissals.split(probe, run_all(probe))
    if dismissed:
        live = {d.fingerprint for _, d in dismissed}
        records = probe.extras.get(dismissals.KEY)
        assert isinstance(records, list)  # split found some of them
        dismissals.set_records(new, [copy.deepcopy(r) for r in records
                                     if isinstance(r, dict) and r.get("fingerprint") in live])


def with_suggestion(report: Report, ref: CellRef, value: Value) -> list[tuple[CellRef, Value]]:
    """The edits of typing ``value`` into ``ref``: when it is 本年制发 or 本年废止 and 现行有效
    still shows the suggestion (上年现行有效 + 制发 − 废止) or nothing, 现行有效 follows with
    the new suggestion.  A 现行有效 typed by hand is left alone."""
    return with_suggestions(report, [(ref, value)])


def with_suggestions(report: Report, edits: list[tuple[CellRef, Value]]) -> list[tuple[CellRef, Value]]:
    """``edits`` as one step (a paste, a cleared selection) and the 现行有效 each row's 制发/废止
    among them moves, as :func:`with_suggestion` for one entry; a 现行有效 in ``edits`` wins."""
    out = list(edits)
    last = attached(report)
    if last is None:
        return out
    touched = {ref for ref, _ in edits}
    for label in T2_IN_FORCE_ROWS:
        r = T2_ROW[label]
        target = CellRef(PROACTIVE, r, T2_IN_FORCE)
        if target in touched or not any(CellRef(PROACTIVE, r, c) in touched for c in _DRIVERS):
            continue
        shown = report.value(target)
        if shown is not None and shown != suggested_in_force(report, last, label):
            continue
        trial = copy.copy(report)
        trial.tables = {PROACTIVE: dict(report.tables[PROACTIVE])}
        trial.tables[PROACTIVE].update({(ref.row, ref.col): value for ref, value in edits if ref.table == PROACTIVE})
        suggestion = suggested_in_force(trial, last, label)
        if suggestion is not None and suggestion != shown:
            out.append((target, suggestion))
    return out


def _bump_period(report: Report, old: int) -> None:
    """The statistical period sentence names the year: move it on, wherever Word split it into
    runs (“2021” “年” “1” “月”…).  The year keeps its four digits, so each digit is replaced in
    its own run and the formatting stays.  Only the report's 统计期限 — a sentence that says it
    is one: “2021年1月1日至12月31日，…主动公开…3500条” states last year's figures, and moved on it
    would claim them for this year (rev23 M4).  Other mentions of last year stay for the author
    to decide (the STALE-YEAR check points at them)."""
    before, after = str(old), str(old + 1)
    if len(before) != len(after):
        return
    for paras in report.sections.values():
        for para in paras:
            text = para.text
            named: dict[tuple[int, int], bool] = {}  # a sentence's answer, for each of its periods
            spots = [m.start() + y.start() for m in PERIOD.finditer(text) if _names_the_period(text, m.start(), named)
                     for y in re.finditer(before, m.group())]
            if spots:
                _replace_at(para.runs, spots, after)


def _names_the_period(text: str, at: int, named: dict[tuple[int, int], bool]) -> bool:
    """Whether the sentence around ``at`` says it gives the statistical period (统计期限, 统计时限,
    数据…自…起): not a sentence stating figures for those dates.  ``named``: the answers for the
    paragraph's sentences so far (its breaks found once, each sentence looked at once: a paragraph
    of thousands of periods with no break between took minutes)."""
    sentence = scope.sentence_from(text, at), scope.sentence_to(text, at)
    if (said := named.get(sentence)) is None:
        said = named[sentence] = _PERIOD_WORDS.search(text, *sentence) is not None
    return said


def _replace_at(runs: list[Run], starts: list[int], new: str) -> None:
    """Overwrite len(new) characters at each start (offsets in the runs' joined text)."""
    chars = [(i, j) for i, run in enumerate(runs) for j in range(len(run.text))]
    texts = [list(run.text) for run in runs]
    for start in starts:
        for k, ch in enumerate(new):
            i, j = chars[start + k]
            texts[i][j] = ch
    for run, t in zip(runs, texts, strict=True):
        run.text = "".join(t)
