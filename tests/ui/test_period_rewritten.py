"""The writer starts this year's report from last year's (从上年报告新建), follows the findings list to
the 统计期限 it flags in 二, and types this year's period over it in the usual wording (“至”, not the
sample's “---”).  The same sentence still says last year's 3500 条: its warning that the figures are
last year's (SAME-AS-LAST-YEAR/figures) must stay until the figure is rewritten — fixing the period
as told made it vanish, and the report went out with last year's figure."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.findings import SAME_FIGURES, STALE_YEAR
from tests.conftest import SAMPLE
from tests.ui.conftest import read_through, type_text


def _figures_in_two(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.message for f in window.state.findings if f.declared is SAME_FIGURES and f.location.section == "二"]


def _retype(window, qtbot, finding, text: str) -> None:  # type: ignore[no-untyped-def]
    """Choose ``finding`` in the list, Enter to its place in the text, type ``text`` over it."""
    assert window.findings.select(finding)
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Return)
    page = window.show_page("二")  # 二 is a table page: its text is the lead above the table
    assert page.lead.textCursor().selectedText() == "2021年1月1日---2021年12月31日"  # the finding's place, chosen
    type_text(page.lead, text)
    window.state.sync_text()


def test_the_period_retyped_keeps_last_years_figures_flagged(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.year_tools.last.ask_last_path = lambda title: str(SAMPLE)
    window.year_tools.act_rollover.trigger()
    read_through(window)
    assert any("3500" in m for m in _figures_in_two(window))
    period = next(f for f in window.state.findings
                  if f.declared is STALE_YEAR and f.location.section == "二" and "统计期限" in f.message)
    _retype(window, qtbot, period, "2022年1月1日至2022年12月31日")
    text = window.state.report.sections["二"][0].text
    assert text.startswith("2022年1月1日至2022年12月31日，") and "3500条" in text
    assert not [f for f in window.state.findings if f.declared is STALE_YEAR and f.location.section == "二"]
    assert any("3500" in m for m in _figures_in_two(window)), "last year's 3500 条 is still there"
    # Rewritten with this year's figure, the warning goes.
    page = window.show_page("二")
    cursor = page.lead.textCursor()
    start = text.index("3500")
    cursor.setPosition(start)
    cursor.setPosition(start + 4, cursor.MoveMode.KeepAnchor)
    page.lead.setTextCursor(cursor)
    type_text(page.lead, "4126")
    window.state.sync_text()
    assert not _figures_in_two(window)
