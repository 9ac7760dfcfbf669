"""The 成文日期's examples follow the report's year: a date the program itself then accepts.

user29 under Xvfb, a 2022 report started from 2021's: the page's hint said “例如 2022年1月12日”
— a date the checks refuse for a 2022 report (成文日期早于2022年度结束，应在2023年) — and the
empty field's placeholder and the 没有成文日期 finding beside it “2024年1月15日”, a third year.
All now give January of the year after the report's.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtWidgets import QLabel

from app.schema import META
from app.values import parse_date
from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.pages import BasicInfoPage

_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def _examples(page: BasicInfoPage, window: MainWindow | None = None) -> list[str]:
    """The dates the page shows as examples; with ``window``, the 没有成文日期 finding's too."""
    shown = [page.date.line.placeholderText()] + [label.text() for label in page.findChildren(QLabel)]
    if window is not None:
        shown += [f.message for f in window.state.findings if f.code == "DATE-MISSING"]
    return [m.group() for text in shown for m in _DATE.finditer(text)]


def test_the_examples_are_dates_of_the_year_after_the_report(window: MainWindow) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(META)
    assert isinstance(page, BasicInfoPage)
    page.date.line.setText("")  # no date: the field's placeholder shows, and 没有成文日期 is found
    page.date.line.editingFinished.emit()
    for year in (window.state.report.year, 2022, 2025):
        assert year is not None
        page.year.setValue(year)
        page.year.editingFinished.emit()
        assert window.state.report.year == year
        window.state.flush()
        examples = _examples(page, window)
        assert len(examples) >= 3, "the placeholder, the hint and the finding each give one"
        for example in examples:
            date = parse_date(example)
            assert date is not None and date.year == year + 1, (year, example)


def test_the_hints_example_typed_is_accepted(window: MainWindow) -> None:
    assert window.docs.load(SAMPLE)
    page = window.show_page(META)
    assert isinstance(page, BasicInfoPage)
    page.year.setValue(2022)
    page.year.editingFinished.emit()
    example = _examples(page)[-1]
    page.date.line.setText(example)
    page.date.line.editingFinished.emit()
    window.state.flush()
    assert window.state.report.date == parse_date(example)
    assert not [f for f in window.state.findings if f.code == "DATE-INVALID"]


@pytest.mark.parametrize(("on", "example"), [
    (dt.date(2026, 12, 4), "2027年1月15日"), (dt.date(2027, 1, 20), "2027年1月15日"),
    (dt.date(2027, 8, 1), "2028年1月15日"),
])
def test_a_blank_reports_examples_follow_the_clock(qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                   on: dt.date, example: str) -> None:
    """A blank report (no year yet) showed 2024年1月15日 under 成文日期 even in December 2026
    (tester, s32): now the date the writer would give the report coming due."""
    from app import values

    monkeypatch.setattr(values, "today", lambda: on)
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    assert win.state.report.year is None
    page = win.show_page(META)
    assert isinstance(page, BasicInfoPage)
    assert _examples(page) and set(_examples(page)) == {example}, _examples(page)
    assert page.date.line.placeholderText() == f"例如 {example}"
