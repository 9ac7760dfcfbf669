"""Keyboard-only use (the GUI tester was trapped in the grids): Ctrl+PgUp/PgDn turn the parts as
Excel turns sheets, F6/Shift+F6 move between 目录, the page and 检查结果 as in Word, and getting
into the findings list by keyboard does not choose a finding (which would jump to its page)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from app.schema import PROACTIVE, REQUESTS, REVIEWS
from ui.main_window import MainWindow

from .conftest import SAMPLE


def _ready(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_ctrl_page_keys_turn_the_parts_even_from_inside_a_grid(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _ready(window, qtbot)
    grid = window.show_page("三").grid()
    assert grid is not None
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    qtbot.keyClick(grid, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "四"
    focused = QApplication.focusWidget()
    four = window.page("四").grid()
    assert four is not None and focused is not None and (focused is four or four.isAncestorOf(focused))
    qtbot.keyClick(focused, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "二"
    for _ in range(12):  # past the first part: stays there
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.currentIndex().row() == 0


def test_f6_moves_between_the_panes_without_choosing_a_finding(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _ready(window, qtbot)
    window.show_page("五")
    editor = window.page("五").text_edit()
    assert editor is not None
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        focused = QApplication.focusWidget()
        seen.append("findings" if focused is window.findings.view else "nav" if focused is window.nav
                    else "page" if focused is editor else repr(focused))
    assert seen == ["findings", "nav", "page", "findings"]
    assert window.current_key() == "五", "reaching the list by keyboard chose no finding"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is editor


def test_f6_from_the_contents_goes_into_a_tables_grid(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """From the GUI tester: F6 from 目录 on 三/四 focused the hidden text box above the table (keys
    then went nowhere) and on 二 the text above the table (a typed 7 went into the report's text)."""
    _ready(window, qtbot)
    for key in (PROACTIVE, REQUESTS, REVIEWS):
        window.show_page(key)
        window.nav.setFocus()
        qtbot.waitUntil(window.nav.hasFocus)
        qtbot.keyClick(window.nav, Qt.Key.Key_F6)
        grid = window.page(key).grid()
        focused = QApplication.focusWidget()
        assert grid is not None and focused is not None and (focused is grid or grid.isAncestorOf(focused)), key
        assert window.current_key() == key
    # From the text above 二's table, F6 leaves the page (to 检查结果), as from the grid.
    window.show_page(PROACTIVE)
    lead = window.page(PROACTIVE).text_edit()
    assert lead is not None and lead.isVisible()
    lead.setFocus()
    qtbot.waitUntil(lead.hasFocus)
    qtbot.keyClick(lead, Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.findings.view


def test_enter_in_the_contents_goes_into_the_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """rev24c N1: Enter on an entry of 目录 did nothing; it goes into the page as F6 does."""
    _ready(window, qtbot)
    for key in (REQUESTS, "五"):
        window.show_page(key)
        window.nav.setFocus()
        qtbot.waitUntil(window.nav.hasFocus)
        qtbot.keyClick(window.nav, Qt.Key.Key_Return)
        focused = QApplication.focusWidget()
        page = window.page(key)
        assert focused is not None and page.isAncestorOf(focused), (key, type(focused).__name__)
        assert window.current_key() == key


def test_a_figure_typed_in_the_contents_goes_into_the_table_shown(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """user33 under Xvfb: 表四 clicked in 目录, its first row typed “1 Tab 0 Tab 0”: the 1 went to
    the list (searching its entries for a digit) and the zeros one cell left of where meant."""
    _ready(window, qtbot)
    for key, figures in ((REVIEWS, "10"), (REQUESTS, "3"), (PROACTIVE, "25")):
        window.nav.setCurrentIndex(window.nav_model.index(window.nav_model.row_of(key)))
        window.nav.setFocus()
        qtbot.waitUntil(window.nav.hasFocus)
        grid = window.page(key).grid()
        assert grid is not None
        first = grid.grid_model().ref(grid.currentIndex())
        assert first is not None
        qtbot.keyClick(window.nav, figures[0])
        focused = QApplication.focusWidget()
        assert focused is not None and grid.isAncestorOf(focused), type(focused).__name__
        qtbot.keyClicks(focused, figures[1:])
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda g=grid: g.state() != QAbstractItemView.State.EditingState and g.hasFocus())
        assert window.state.report.value(first) == int(figures), key
        assert window.current_key() == key
    # Letters still search the list as before (一 → 一、总体情况), Ctrl+digit is no figure.
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    qtbot.keyClick(window.nav, "1", Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.nav
