"""A table edit reruns the table and text-vs-table checks, not the text checks (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import checks
from app.checks import run_all, text
from app.reading import load_report
from app.report import Paragraph
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef

SAMPLE = Path(__file__).parent / "data" / "xiaogang-2021.docx"


def test_table_edit_skips_text_checks_but_text_edit_reruns_them(monkeypatch: pytest.MonkeyPatch) -> None:
    report = load_report(SAMPLE)
    # An earlier test's last run may have been of this very report: start with no cached result.
    checks.forget()
    calls = []
    real = text.check
    monkeypatch.setattr(text, "check", lambda r: calls.append(1) or real(r))
    first = run_all(report)
    report.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 12345)
    after_table = run_all(report)
    assert len(calls) == 1  # the narrative did not change
    assert first != after_table  # yet the table checks did rerun (the totals moved)
    report.sections["一"].append(Paragraph.plain("我们认认真真真做好了工作。"))
    after_text = run_all(report)
    assert len(calls) == 2
    assert after_text != after_table  # the new paragraph was checked


def test_another_report_checked_between_two_edits_does_not_evict_this_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """From the review: the cache held one report, so the batch window (checking in its thread)
    or a second editor window made every table edit of the report being typed in re-read its
    whole text.  A few are kept."""
    checks.forget()
    report, other = load_report(SAMPLE), load_report(SAMPLE)
    other.sections["一"].append(Paragraph.plain("另一份报告的一段话。"))
    calls = []
    real = text.check
    monkeypatch.setattr(text, "check", lambda r: calls.append(1) or real(r))
    run_all(report)
    run_all(other)
    assert len(calls) == 2
    report.set_value(CellRef("三", T3_NEW, T3_COL_NATURAL), 12345)
    run_all(report)
    assert len(calls) == 2, "the table edit read the text again"
    checks.forget()
    run_all(report)
    assert len(calls) == 3
