"""An impossible 成文日期 typed as a date (2023年2月30日) is refused saying which part is wrong,
not “请写成 2024年1月15日 这样的形式” (it was written just so: gui21 under Xvfb, shot d1); text
that is no date at all still gets the form to write it in."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import type_text
from ui.main_window import MainWindow


@pytest.mark.parametrize(("typed", "says", "not_said"), [
    ("2023年2月30日", "2023年2月只有28天", "这样的形式"),
    ("2023年13月5日", "没有13月", "这样的形式"),
    ("一月十五", "请写成 2024年1月15日 这样的形式", "只有"),
])
def test_a_refused_date_says_why(window: MainWindow, qtbot, typed: str, says: str, not_said: str) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("基本信息")
    page.date.line.setFocus()
    page.date.line.selectAll()
    type_text(page.date.line, "2023年1月10日")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2023, 1, 10)
    page.date.line.selectAll()
    type_text(page.date.line, typed)
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2023, 1, 10), "refused: the report's date stays"
    message = window.statusBar().currentMessage()
    assert f"“{typed}”不是有效的日期" in message and says in message and not_said not in message, message
    assert says in (page.date.invalid() or "") and page.date.line.text() == typed, "kept, marked, to correct"
