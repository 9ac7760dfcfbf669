"""Ctrl+Z / Ctrl+Y pressed in a 基本信息 field act on the window's one undo stack (ui/field_undo.py):
the year's arrow step and the date's entry come back (rev24c U1: the spin box and the date line
took the key and did nothing), the field shows what the report holds; a date typed and not yet
entered is the field's own to undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import SAMPLE, type_text
from ui.main_window import MainWindow


def test_u1_ctrl_z_in_the_organ_field(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    before = window.state.report.organ
    page.organ.setFocus()
    page.organ.end(False)
    type_text(page.organ, "XYZ")
    assert window.state.report.organ == before + "XYZ"
    QTest.keyClick(page.organ, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    shown, held = page.organ.text(), window.state.report.organ
    assert shown == held, f"field shows {shown!r}, the report holds {held!r}"
    assert held == before, f"Ctrl+Z in 机关名称 left {held!r}"


def test_u1b_ctrl_z_in_the_year_box_takes_back_the_arrow_step(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    year = window.state.report.year
    page.year.setFocus()
    QTest.keyClick(page.year, Qt.Key.Key_Up)
    assert window.state.report.year == year + 1
    QTest.keyClick(page.year, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert window.state.report.year == year and page.year.value() == year, (
        f"Ctrl+Z in 报告年度 after ↑: box {page.year.value()}, report {window.state.report.year}, "
        f"undo stack index {window.state.stack.index()}/{window.state.stack.count()}")


def test_u1c_ctrl_z_in_the_date_field_after_its_entry(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    old = window.state.report.date
    page.date.line.setFocus()
    page.date.line.selectAll()
    type_text(page.date.line, "2023年1月5日")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date != old
    QTest.keyClick(page.date.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert window.state.report.date == old and page.date.line.text() != "2023年1月5日", (
        f"Ctrl+Z in 成文日期: field {page.date.line.text()!r}, report {window.state.report.date}")


def test_u1d_redo_in_the_year_box_and_a_date_still_being_typed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    page = window.show_page("基本信息")
    year = window.state.report.year
    page.year.setFocus()
    QTest.keyClick(page.year, Qt.Key.Key_Up)
    QTest.keyClick(page.year, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.state.report.year == year
    QTest.keyClick(page.year, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.state.report.year == year + 1 and page.year.value() == year + 1, "Ctrl+Y takes the step again"
    # Typed, not entered: Ctrl+Z takes the typing back in the field, the report and its stack untouched.
    old, at = window.state.report.date, window.state.stack.index()
    page.date.line.setFocus()
    page.date.line.end(False)
    type_text(page.date.line, "X")
    QTest.keyClick(page.date.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.state.stack.index() == at and window.state.report.date == old
    assert not page.date.line.text().endswith("X"), "the field's own typing undone"
