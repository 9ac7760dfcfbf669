"""A table edit in a long report (issue 15): typed into the grid like a user, it reruns the table
and text-vs-table checks on the narrative's claims already read, and everything the window shows
— the findings list, the counts, the navigation badges — is what a fresh check says."""

from __future__ import annotations

import pytest

from app.checks import text
from app.findings import Severity, listing_order
from app.report import Paragraph
from app.schema import OTHER_MATTERS, REQUESTS, T3_COL_NATURAL, T3_NEW, CellRef
from tests.realistic import varied_report
from tests.test_incremental_checks import full
from tests.ui.conftest import table, type_into
from ui.findings import FINDING_ROLE
from ui.main_window import MainWindow
from ui.navigation import COUNTS_ROLE, ENTRIES


def _shown(window: MainWindow) -> list[object]:
    model = window.findings.model
    return [model.index(r).data(FINDING_ROLE) for r in range(model.rowCount())]


def test_typing_in_a_grid_of_a_long_report_reads_no_text_and_shows_a_fresh_check(
        window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    report = varied_report(60_000, seed=3)
    # Sentences stating 本年新收 as 7: typing 7 there makes their findings go, 6 brings them back.
    report.sections[OTHER_MATTERS] = [Paragraph.plain("本年度新收政府信息公开申请7件。本年度未收取信息处理费。")] * 3
    window.state.replace_report(report)
    grid = table(window, REQUESTS)
    calls: list[int] = []
    real = text.check
    monkeypatch.setattr(text, "check", lambda r: calls.append(1) or real(r))
    for typed in ("7", "6", "7", "12"):
        calls.clear()
        type_into(qtbot, grid, (T3_NEW, T3_COL_NATURAL), typed)
        assert calls == []  # the narrative was not read again for a table edit
        state = window.state
        assert state.report.value(CellRef(REQUESTS, T3_NEW, T3_COL_NATURAL)) == int(typed)
        fresh = full(state.report)
        assert state.findings == fresh  # nothing dismissed in this report
        assert _shown(window) == listing_order(state.findings)
        errors = sum(1 for f in fresh if f.severity is Severity.ERROR)
        warnings = sum(1 for f in fresh if f.severity is Severity.WARNING)
        assert state.counts() == (errors, warnings)
        said = [f for f in fresh if f.code == "TEXT-TABLE-MISMATCH" and f.location.section == OTHER_MATTERS]
        assert (said == []) == (typed == "7")
        nav = window.nav.model()
        for row, (key, _) in enumerate(ENTRIES):  # each section's badges
            here = [f for f in fresh if f.location.section == key]
            assert nav.index(row).data(COUNTS_ROLE) == (
                sum(1 for f in here if f.severity is Severity.ERROR), sum(1 for f in here if f.severity is Severity.WARNING))
