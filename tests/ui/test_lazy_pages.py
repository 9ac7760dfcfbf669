"""Pages are built the first time they are needed, by every way of getting to one: the 目录,
Ctrl+PgDn, F6, 查找, a finding, 显示上年数, printing.  A window starting on a file checks only
that file (never the blank report it replaces), with the same findings and totals."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.checks import run_all
from app.findings import BLANK_CELL, TEXT_TABLE_MISMATCH
from app.reading import load_report
from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.narrative import NarrativePage
from ui.pages import BASIC_INFO, BasicInfoPage
from ui.table_page import TablePage


def _placeholders(window: MainWindow) -> set[str]:
    """The pages not yet built: their row of the stack holds a bare placeholder."""
    return {key for row, (key, _) in enumerate(window.entries)
            if not isinstance(window.stack.widget(row), (BasicInfoPage, TablePage, NarrativePage))}


def _fresh(window: MainWindow) -> None:
    assert set(window.pages) == {BASIC_INFO}, "only the first page is built at start"
    assert _placeholders(window) == set(window.page_keys) - {BASIC_INFO}


def _finding(window: MainWindow, entry: object) -> object:
    return next(f for f in window.state.findings if f.declared is entry)


def test_navigation_builds_the_page_in_its_own_row(window: MainWindow) -> None:
    _fresh(window)
    row = window.nav_model.row_of("三")
    window.nav.setCurrentIndex(window.nav_model.index(row))
    page = window.pages["三"]
    assert isinstance(page, TablePage) and window.stack.widget(row) is page
    assert window.stack.currentIndex() == row and window.current_key() == "三"
    assert _placeholders(window) == set(window.page_keys) - {BASIC_INFO, "三"}


def test_ctrl_page_down_builds_the_next_page(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _fresh(window)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second = window.entries[1][0]
    assert window.current_key() == second and isinstance(window.pages[second], NarrativePage)
    assert QApplication.focusWidget() is window.pages[second].text_edit()


def test_f6_goes_into_a_page_built_on_the_way(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    _fresh(window)
    window.nav.setCurrentIndex(window.nav_model.index(window.nav_model.row_of("五")))
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F6)
    editor = window.pages["五"].text_edit()
    assert editor is not None and QApplication.focusWidget() is editor


def test_find_builds_the_page_of_the_hit(window: MainWindow) -> None:
    assert window.docs.load(SAMPLE)
    assert "五" not in window.pages
    dialog = window.year_tools.find_dialog()
    dialog.find_edit.setText("配套完善")
    match = dialog.find_next()
    assert match is not None and window.current_key() == "五"
    editor = window.pages["五"].text_edit()
    assert editor is not None and editor.textCursor().selectedText() == "配套完善"


def test_a_finding_builds_its_page_and_the_table_it_names(window: MainWindow) -> None:
    assert window.docs.load(SAMPLE)
    assert not {"三", "六"} & set(window.pages)
    blank = _finding(window, BLANK_CELL)
    window.go_to_finding(blank)  # type: ignore[arg-type]
    page = window.pages["三"]
    assert isinstance(page, TablePage) and window.current_key() == "三"
    cell = blank.location.cells[0]  # type: ignore[attr-defined]
    assert page.view.currentIndex() == page.view.grid_model().index_of((cell.row, cell.col))


def test_a_sentence_against_a_table_builds_both_pages(window: MainWindow) -> None:
    """TEXT-TABLE-MISMATCH in 六 names a cell of 三: chosen in the panel, both pages are built,
    the text page shown and the cell chosen on the table's page."""
    assert window.docs.load(SAMPLE)
    assert not {"三", "六"} & set(window.pages)
    mismatch = _finding(window, TEXT_TABLE_MISMATCH)
    assert window.findings.choose(mismatch.code)  # type: ignore[attr-defined]
    assert window.current_key() == "六" and isinstance(window.pages["六"], NarrativePage)
    table = window.pages["三"]
    assert isinstance(table, TablePage)
    cell = mismatch.location.cells[0]  # type: ignore[attr-defined]
    assert table.view.currentIndex() == table.view.grid_model().index_of((cell.row, cell.col))


def test_show_last_year_reaches_a_grid_built_later(window: MainWindow) -> None:
    _fresh(window)
    window.year_tools.act_show_last.trigger()
    page = window.show_page("四")
    assert isinstance(page, TablePage) and page.view.itemDelegate() is not page._plain_delegate
    window.year_tools.act_show_last.trigger()
    assert page.view.itemDelegate() is page._plain_delegate


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_printing_needs_no_page_built(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    """The printout is made from the report: text of a section never shown is in it."""
    assert window.docs.load(SAMPLE)
    assert "六" not in window.pages
    out = tmp_path / "out.pdf"
    window.output.ask_pdf_path = lambda: str(out)  # type: ignore[method-assign]
    assert window.output.export_pdf()
    qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60_000)  # written in the background
    assert not window.errors  # type: ignore[attr-defined]
    assert "六" not in window.pages
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "本年度无其他需要报告的事项" in "".join(text.split())


def _rows(findings: list) -> list[tuple[str, str, object, str]]:  # type: ignore[type-arg]
    return [(f.code, f.kind, f.location, f.message) for f in findings]


def test_a_window_opening_a_file_checks_only_the_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As ui.main.run starts: 正在打开 from the first frame, then complete(): the blank report is
    not checked; the file's findings, counts and totals are those of the same file opened later."""
    win = MainWindow(autosave_dir=tmp_path / "a", staged=True)
    qtbot.addWidget(win)
    win.show_opening(SAMPLE.name)
    win.show()
    win.complete()
    assert not win.state.checked and win.state.findings == [] and win.findings.model.rowCount() == 0
    with qtbot.waitSignal(win.docs.loadEnded, timeout=20_000):
        win.docs.load_in_background(SAMPLE)
    qtbot.waitUntil(lambda: win.state.checked)
    expected = run_all(load_report(SAMPLE))
    assert _rows(win.state.findings) == _rows(expected)
    other = MainWindow(autosave_dir=tmp_path / "b")
    qtbot.addWidget(other)
    # The same bytes in another folder: SAMPLE itself, shown in ``win``, would bring ``win``
    # forward instead (ui/open_editors.py)
    assert other.docs.load(Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name)))
    assert _rows(other.state.findings) == _rows(win.state.findings)
    assert win.findings.model.rowCount() == other.findings.model.rowCount() == len(expected)
    assert win.state.counts() == other.state.counts() and win.error_label.text() == other.error_label.text()
    for key in ("二", "三", "四"):
        a, b = win.show_page(key), other.show_page(key)
        assert isinstance(a, TablePage) and isinstance(b, TablePage)
        ma, mb = a.view.grid_model(), b.view.grid_model()
        cells = [(r, c) for r in range(ma.rowCount()) for c in range(ma.columnCount())]
        assert [ma.index(r, c).data() for r, c in cells] == [mb.index(r, c).data() for r, c in cells]


def test_a_failed_or_cancelled_opening_shows_the_blank_report_checked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    for cancel in (False, True):
        win = MainWindow(autosave_dir=tmp_path / str(cancel), staged=True)
        qtbot.addWidget(win)
        win.show_opening("x.docx")
        win.show()
        win.complete()
        errors: list[str] = []
        win.docs.show_error = lambda title, text, e=errors: e.append(text)  # type: ignore[method-assign,misc]
        assert not win.state.checked
        if cancel:
            win.docs.load_in_background(SAMPLE)
            with qtbot.waitSignal(win.docs.loadEnded, timeout=20_000):
                win.docs.cancel_load()
        else:
            with qtbot.waitSignal(win.docs.loadEnded, timeout=20_000):
                win.docs.load_in_background(bad)
            assert errors
        # The blank report again, with what the checks say about it (as a fresh window shows).
        blank = MainWindow(autosave_dir=tmp_path / f"blank{cancel}")
        qtbot.addWidget(blank)
        assert win.state.checked and _rows(win.state.findings) == _rows(blank.state.findings) != []
        assert win.findings.model.rowCount() == blank.findings.model.rowCount()
        assert win.central.currentWidget() is win.splitter
