"""The checks read the narrative once per version of it (issue 15): after any sequence of edits
— table cells, paragraphs changed in place, added or removed, the organ, year and date, last
year's report — the editor's run gives exactly what a fresh check of the same report gives."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

import pytest

from app import checks
from app.checks import arithmetic, content, crossyear, dates, mismatch, run_all, text
from app.findings import DATE_INVALID, MISSING_SECTION_TEXT, Finding, Location
from app.lastyear import LastYear, attach, attached
from app.reading import load_report
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import ALL_TEXT_KEYS, OTHER_MATTERS, PREAMBLE, REQUESTS, TABLES, CellRef, Kind
from app.values import as_number
from tests.conftest import SAMPLE
from tests.realistic import varied_report

# Sentences that the text-vs-table, fee, section and cross-year checks all have something to say about.
_SAYS = (
    "本年度共收到政府信息公开申请一百零五件。", "全年新收政府信息公开申请十二件，上年结转两件。",
    "发生政府信息公开行政复议案件三件。", "制发行政规范性文件4件。", "未发生因政府信息公开被申请行政复议的情况。",
    "予以公开和部分公开共计12件。", "办结申请13件，其中以公开形式答复8件。", "本年度未收取信息处理费。",
    "结转下年度继续办理2件。", "未收到政府信息公开申请。", "行政许可决定30件。", "",
    "我们认认真真真做好了工作。", "二〇二〇年共收到政府信息公开申请二十件。",
)


def full(report: Report) -> list[Finding]:
    """The checks as they read the whole report, each family straight from its module, on a copy
    (so no object of the editor's run is shared) and without run_all's remembered narrative."""
    r = copy.deepcopy(report)
    found = [f for f in r.import_findings if not f.resolved(r.value)]
    found += arithmetic.check(r)
    found += content.check(r)
    prose, clipped = checks._bounded(r)
    found += clipped
    found += text.check(prose)
    found += mismatch.check_all(prose)
    found += dates.check(prose)
    last = attached(r)
    if last is not None:
        found += crossyear.check(r, last)
    return found


def _cells() -> list[tuple[CellRef, Kind]]:
    return [(CellRef(key, c.row, c.col), c.kind) for key, spec in TABLES.items() for c in spec.cells]


def _claimed(report: Report) -> list[CellRef]:
    """The cells the narrative's figures are about: edits there change the mismatch findings."""
    return sorted({ref for c in mismatch.claims(report) for ref in c.subject.cells},
                  key=lambda r: (r.table, r.row, r.col))


def _edit(report: Report, rng: random.Random, cells: list[tuple[CellRef, Kind]],
          claimed: list[CellRef]) -> str:
    """One random edit as the editor makes them (a table cell most often); what it was."""
    what = rng.choice(["cell", "cell", "cell", "claimed", "claimed", "mark", "para", "para-in-place",
                       "add", "remove", "runs", "meta", "import", "last-year", "last-year-text"])
    keys = [k for k in ALL_TEXT_KEYS if report.sections.get(k)]
    if what in ("cell", "claimed", "mark"):
        if what == "claimed" and claimed:
            ref = rng.choice(claimed)
            kind = TABLES[ref.table].cell(ref.row, ref.col).kind  # type: ignore[union-attr]
        else:
            ref, kind = rng.choice(cells)
        if what == "mark":
            report.set_value(ref, None)
            report.raw[ref] = rng.choice(["—", "/", "无", "5a"])
            return f"mark {ref}"
        n = rng.choice([None, 0, 1, 2, 3, 4, 8, 12, 13, 14, 105, 30])
        value = None if n is None else Decimal(n) / 4 if kind is Kind.AMOUNT else n
        report.set_value(ref, value)
        return f"cell {ref} = {value}"
    if what == "para" and keys:
        key = rng.choice(keys)
        i = rng.randrange(len(report.sections[key]))
        report.sections[key][i] = Paragraph.plain(rng.choice(_SAYS) + rng.choice(_SAYS))
        return f"para {key} {i}"
    if what == "para-in-place" and keys:  # the Run object itself changed, as a fix's edit may do
        key = rng.choice(keys)
        para = rng.choice(report.sections[key])
        if para.runs:
            para.runs[0].text = rng.choice(_SAYS) + para.runs[0].text[: rng.randrange(40)]
        else:
            para.runs.append(Run(rng.choice(_SAYS)))
        return f"in place {key}"
    if what == "add":
        key = rng.choice([*ALL_TEXT_KEYS, OTHER_MATTERS])
        paras = report.sections.setdefault(key, [])
        paras.insert(rng.randint(0, len(paras)), Paragraph.plain(rng.choice(_SAYS), rng.choice(list(ParaKind))))
        return f"add {key}"
    if what == "remove" and keys:
        key = rng.choice(keys)
        del report.sections[key][rng.randrange(len(report.sections[key]))]
        return f"remove {key}"
    if what == "runs" and keys:  # one paragraph split into runs of several styles: same text
        key = rng.choice(keys)
        i = rng.randrange(len(report.sections[key]))
        t = report.sections[key][i].text
        cut = rng.randint(0, len(t))
        report.sections[key][i] = Paragraph([Run(t[:cut]), Run(t[cut:], bold=True)], report.sections[key][i].kind)
        return f"runs {key} {i}"
    if what == "meta":
        field = rng.choice(["organ", "year", "date"])
        if field == "organ":
            report.organ = rng.choice(["", "某县财政局", "孝感市孝南区人民政府"])
        elif field == "year":
            report.year = rng.choice([None, 2020, 2021, 2024])
        else:
            report.date = rng.choice([None, dt.date(2022, 1, 20), dt.date(2021, 1, 5)])
        return f"meta {field}"
    if what == "import":  # what the reader said of the file: the section and date checks read it
        report.import_findings = [] if rng.random() < 0.3 else [*report.import_findings, rng.choice([
            MISSING_SECTION_TEXT.at(Location(rng.choice(ALL_TEXT_KEYS)), "文件中没有这一部分"),
            DATE_INVALID.at(Location(PREAMBLE), "成文日期无法识别")])]
        return "import"
    if what == "last-year":
        attach(report, None if rng.random() < 0.3 else LastYear.from_report(copy.deepcopy(report), "上年.docx"))
        return "last year"
    last = attached(report)
    if what == "last-year-text" and last is not None:
        # Last year's text changed, its figures not: only the cross-year text findings may move.
        last = copy.deepcopy(last)
        key = rng.choice(ALL_TEXT_KEYS)
        last.sections.setdefault(key, []).append(rng.choice([s for s in _SAYS if s]))
        attach(report, last)
        return f"last year's text {key}"
    return "nothing"


def _walk(report: Report, steps: int, seed: int, check_every: Callable[[int], bool]) -> None:
    rng = random.Random(seed)
    cells, claimed = _cells(), _claimed(report)
    run_all(report)
    done = []
    for step in range(steps):
        done.append(_edit(report, rng, cells, claimed))
        got = run_all(report)
        if check_every(step):
            assert got == full(report), f"after {done}"


@pytest.mark.parametrize("seed", range(6))
def test_incremental_equals_full_on_the_sample(seed: int) -> None:
    _walk(load_report(SAMPLE), 60, seed, lambda _: True)


def test_incremental_equals_full_on_200k_characters() -> None:
    """The report the benchmark edits (benchmarks/bench_text.big_report: the same generator)."""
    report = varied_report(200_000, seed=3)
    report.sections[OTHER_MATTERS] = [Paragraph.plain(s) for s in _SAYS[:8]]  # claims of every kind
    _walk(report, 40, 11, lambda step: step % 8 == 7)  # the full check of 200,000 characters is slow


def test_incremental_equals_full_on_noisy_text() -> None:
    _walk(varied_report(20_000, seed=5, noisy=True), 40, 12, lambda _: True)


def test_a_table_edit_reads_no_narrative(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the claims, the fee note, the sections nor last year's sentences are read again."""
    report = load_report(SAMPLE)
    attach(report, LastYear.from_report(copy.deepcopy(report), "上年.docx"))
    run_all(report)
    calls: list[str] = []
    for module, name in ((mismatch, "claims"), (content, "fee_said"), (content, "sections"),
                         (crossyear, "text_findings"), (text, "check"), (dates, "check")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, name=name: calls.append(name) or real(*a))
    for n in (1, 2, 3):
        report.set_value(CellRef(REQUESTS, 2, 0), n)
        run_all(report)
    assert calls == []
    report.sections[OTHER_MATTERS].append(Paragraph.plain("本年度未收取信息处理费。"))
    run_all(report)
    assert sorted(calls) == sorted(["claims", "fee_said", "sections", "text_findings", "check", "check"])


def test_unchanged_findings_are_the_same_objects_after_a_table_edit() -> None:
    """The findings panel and the grid's tints compare an edit's findings with the last ones:
    those the edit did not change are the very same objects (an identity test, not a deep one)."""
    report = load_report(SAMPLE)
    report.sections[OTHER_MATTERS] = [Paragraph.plain(s) for s in _SAYS[:8]]
    before = run_all(report)
    said = [f for f in before if f.code == "TEXT-TABLE-MISMATCH"]
    assert len(said) >= 3
    # A cell no claim is about: every text-vs-table finding stays the very same object.
    claimed = _claimed(report)
    for ref, _ in _cells():
        if ref.table == REQUESTS and report.value(ref) != 7:
            trial = copy.deepcopy(report)
            trial.set_value(ref, 7)
            if all(trial.value(c) == report.value(c) for c in claimed):  # no total a claim is about moved
                break
    report.set_value(ref, 7)
    after = run_all(report)
    again = [f for f in after if f.code == "TEXT-TABLE-MISMATCH"]
    assert all(a is b for a, b in zip(said, again, strict=True))
    assert after == full(report)


def test_an_edit_hands_back_the_arithmetic_findings_it_did_not_change() -> None:
    """A table edit rechecks every total, but a finding whose words and fix are as they were is
    the very object it was (the findings panel settles it by identity); one that changed, even
    only in the type of its fix's figures (5 and Decimal 5 are equal), is made anew."""
    r = load_report(SAMPLE)
    rules = TABLES[REQUESTS].sum_rules
    one, other = rules[0], next(x for x in rules if not set(x.parts) & set(rules[0].parts) and x.target != rules[0].target
                                and x.target not in rules[0].parts and rules[0].target not in x.parts)
    grid = r.tables[REQUESTS]
    grid[one.target] = 1000  # two totals wrong, independently
    grid[other.target] = 2000

    def finding_of(found: list[Finding], rule: object) -> Finding:
        return next(f for f in found if f.location.cells[0] == CellRef(REQUESTS, *rule.target))  # type: ignore[attr-defined]

    before = list(arithmetic.check(r))
    grid[other.parts[0]] = int(as_number(grid[other.parts[0]])) + 1  # changes only the other's sum
    after = list(arithmetic.check(r))
    assert finding_of(after, one) is finding_of(before, one)
    assert finding_of(after, other) is not finding_of(before, other)
    assert finding_of(after, other).message != finding_of(before, other).message

    grid[other.parts[0]] = Decimal(int(as_number(grid[other.parts[0]])))  # the same figure, typed with a decimal part
    typed = list(arithmetic.check(r))
    arithmetic._made.clear()
    fresh = list(arithmetic.check(r))
    assert typed == fresh
    assert [type(v) for _, v in finding_of(typed, other).fix.edits] == [type(v) for _, v in finding_of(fresh, other).fix.edits]  # type: ignore[union-attr]
    assert finding_of(typed, other) is not finding_of(after, other)
