"""app/autosave.py: findings kept as JSON in a recovery copy's description come back equal."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from app import autosave
from app.checks import run_all
from app.findings import DUP_PARAGRAPH, OLD_FORMAT, Finding, Fix, Location, Span, Until
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.conftest import SAMPLE
from tests.thirdparty import Spec, build


def _deep(f: Finding) -> tuple[object, ...]:
    """A finding with its location's other places (left out of Location's equality)."""
    def loc(x: Location) -> tuple[object, ...]:
        return (x, tuple(loc(o) for o in x.others))

    return (f, loc(f.location))


def _round_trip(findings: list[Finding]) -> list[Finding] | None:
    text = json.dumps(autosave.findings_to_json(findings), ensure_ascii=False)  # what the file holds
    return autosave.findings_from_json(json.loads(text))


def test_every_finding_of_real_files_comes_back_equal(tmp_path: Path) -> None:
    """The reader's and the checks' findings alike (fixes, spans, the other copy of a duplicate)."""
    found: list[Finding] = []
    for spec in (Spec(old_2019_other="5"), Spec(relabel={"信息内容": "项目"}, body_twice=True, date="2024年01月05日")):
        found += run_all(load_report(build(spec, tmp_path / "f.docx")))
    found += run_all(load_report(SAMPLE))
    assert {f.code for f in found} >= {"OLD-FORMAT", "LABEL-EDITED", "DUP-PARAGRAPH", "DATE-FORMAT", "BLANK-CELL"}
    assert any(f.fix for f in found) and any(f.until for f in found) and any(f.location.others for f in found)
    back = _round_trip(found)
    assert back is not None and [_deep(f) for f in back] == [_deep(f) for f in found]


def test_decimal_values_and_spans_over_paragraphs_keep_their_exact_form() -> None:
    cell = CellRef("三", T3_NEW, T3_COL_NATURAL)
    made = [
        DUP_PARAGRAPH.at(Location("一", span=Span(2, 5, 9, last=4), others=(Location("五", span=Span(0, 0, 3)),)), "重复"),
        OLD_FORMAT.at(Location("三", cells=(cell,)), "旧格式", Fix("改为", ((cell, Decimal("0.35")), (cell, None))),
                      (Until((cell,), Decimal("12.50")),)),
    ]
    back = _round_trip(made)
    assert back is not None and [_deep(f) for f in back] == [_deep(f) for f in made]
    assert back[1].fix is not None and str(back[1].fix.edits[0][1]) == "0.35" and str(back[1].until[0].total) == "12.50"


def test_an_older_description_has_none_and_a_bad_record_costs_only_itself() -> None:
    assert autosave.findings_from_json(None) is None  # format 1: nothing kept
    assert autosave.findings_from_json({"code": "HIDDEN-TEXT"}) is None
    good = autosave.findings_to_json(run_all(load_report(SAMPLE)))[:3]
    bad: list[object] = [
        {**good[0], "code": "NEWER-CODE"}, {**good[0], "kind": "newer-kind"}, {**good[0], "severity": "fatal"},
        {**good[0], "location": {"section": "一", "cells": [["三", "x", 0]]}}, {**good[0], "message": 5},
        {**good[0], "fix": {"label": "x", "edits": [[["三", 0, 0]]]}}, {**good[0], "until": [{"cells": 3}]},
        {**good[0], "location": {"section": "一", "span": [1, 2]}}, "HIDDEN-TEXT", None, [],
        # well formed, but naming what the statutory format has not: the checks would fail on it
        {**good[0], "until": [{"cells": [["三", 999, 0]], "total": None}]},
        {**good[0], "fix": {"label": "x", "edits": [[["九", 0, 0], 1]]}},
        {**good[0], "location": {"section": "一", "cells": [["三", 0, 99]]}},
        {**good[0], "location": {"section": "第七部分"}},
    ]
    nested: dict[str, object] = {"section": "一"}
    for _ in range(50):  # others within others: a damaged description, not a recursion
        nested = {"section": "一", "others": [nested]}
    bad.append({**good[0], "location": nested})
    back = autosave.findings_from_json([*bad, *good])
    assert back is not None and autosave.findings_to_json(back) == good


def test_a_record_naming_a_cell_the_format_lacks_never_reaches_the_checks() -> None:
    """The reviewer's case: a damaged copy whose finding waits on cell (三, 999, 0) — kept, the
    checks raised KeyError at every recovery; now that record alone is left out."""
    good = autosave.findings_to_json(run_all(load_report(SAMPLE)))
    damaged = [{**good[0], "until": [{"cells": [["三", 999, 0]], "total": None}]}, *good[1:]]
    back = autosave.findings_from_json(damaged)
    assert back is not None and len(back) == len(good) - 1
    report = load_report(SAMPLE)
    report.import_findings = back
    run_all(report)  # raised KeyError (999, 0) before


def test_a_report_read_without_figures_keeps_its_finding_until_a_figure_is_typed(tmp_path: Path) -> None:
    """NO-FIGURES, the reader's: kept in a recovery copy as it is (resolved by any one figure,
    not by all), and gone from the checks once one cell holds a figure."""
    from app.io import save_report
    from tests.test_batch import blank_report

    save_report(blank_report(), tmp_path / "空表.docx")
    report = load_report(tmp_path / "空表.docx")
    found = run_all(report)
    assert found[0].code == "NO-FIGURES" and found[0].until and found[0].until[0].any_cell
    back = _round_trip(report.import_findings)
    assert back is not None and [_deep(f) for f in back] == [_deep(f) for f in report.import_findings]
    report.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 3)
    assert "NO-FIGURES" not in [f.code for f in run_all(report)]
    assert "NO-FIGURES" not in [f.code for f in run_all(load_report(SAMPLE))]
