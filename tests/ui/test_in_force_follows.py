"""This year's report made from last year's: 现行有效件数 follows 本年制发/本年废止 however they
come in — typed, pasted from a spreadsheet, cleared — until the clerk types 现行有效 by hand.
Typing followed; a paste (gui23: “7⇥2” from WPS into 行政规范性文件) left 现行有效 at last year's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from app.nextyear import next_year
from app.report import Report
from app.schema import T2_IN_FORCE, T2_ISSUED, T2_NORMATIVE, T2_REPEALED, T2_RULES, CellRef
from tests.ui.conftest import table, type_into


def this_year(window) -> None:  # type: ignore[no-untyped-def]
    last = Report(organ="某街道办事处", year=2023)
    last.set_value(CellRef("二", T2_RULES, T2_IN_FORCE), 12)
    last.set_value(CellRef("二", T2_NORMATIVE, T2_IN_FORCE), 30)
    window.state.replace_report(next_year(last))


def shown(view, row: int, col: int) -> str:  # type: ignore[no-untyped-def]
    return str(view.grid_model().index_of((row, col)).data())


def paste_at(qtbot, view, pos: tuple[int, int], text: str) -> None:  # type: ignore[no-untyped-def]
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of(pos))
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_pasted_row_moves_in_force_as_typing_does(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    this_year(window)
    view = table(window, "二")
    type_into(qtbot, view, (T2_RULES, T2_ISSUED), "5")
    assert shown(view, T2_RULES, T2_IN_FORCE) == "17"
    paste_at(qtbot, view, (T2_NORMATIVE, T2_ISSUED), "7\t2\r\n")
    assert [shown(view, T2_NORMATIVE, c) for c in (T2_ISSUED, T2_REPEALED, T2_IN_FORCE)] == ["7", "2", "35"]
    assert window.state.stack.count() == 2, "the paste and its 现行有效 are one step"
    window.state.stack.undo()
    assert [shown(view, T2_NORMATIVE, c) for c in (T2_ISSUED, T2_REPEALED, T2_IN_FORCE)] == ["", "", "30"]
    window.state.stack.redo()
    assert shown(view, T2_NORMATIVE, T2_IN_FORCE) == "35"


def test_a_two_row_block_moves_both_rows(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    this_year(window)
    view = table(window, "二")
    paste_at(qtbot, view, (T2_RULES, T2_ISSUED), "4\t1\n2\t3\n")
    assert shown(view, T2_RULES, T2_IN_FORCE) == "15"
    assert shown(view, T2_NORMATIVE, T2_IN_FORCE) == "29"
    findings = {f.code for f in window.state.findings}
    assert "CROSS-YEAR-IN-FORCE" not in findings


def test_clearing_the_figures_takes_in_force_back(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    this_year(window)
    view = table(window, "二")
    paste_at(qtbot, view, (T2_RULES, T2_ISSUED), "4\t1\n")
    assert shown(view, T2_RULES, T2_IN_FORCE) == "15"
    view.setCurrentIndex(view.grid_model().index_of((T2_RULES, T2_ISSUED)))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert shown(view, T2_RULES, T2_IN_FORCE) == "11"


def test_what_the_block_or_the_clerk_says_of_in_force_stays(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    this_year(window)
    view = table(window, "二")
    paste_at(qtbot, view, (T2_RULES, T2_ISSUED), "4\t1\t20\n")
    assert shown(view, T2_RULES, T2_IN_FORCE) == "20", "the pasted 现行有效 wins"
    paste_at(qtbot, view, (T2_RULES, T2_ISSUED), "6\t1\n")
    assert shown(view, T2_RULES, T2_IN_FORCE) == "20", "a figure not the suggestion is the clerk's"
