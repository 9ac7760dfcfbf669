"""A report replacing another in the window (打开, a recent file, 新建, 从上年报告新建, a recovered
copy) starts at its first page, each page at its top, its findings listed from the top: from
the GUI test, opening another report left the window on the previous report's 表三 or 第五部分."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from app.io import save_report
from app.schema import PROBLEMS, REQUESTS
from tests.test_lastyear import last_year
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from tests.ui.test_findings_new_report import _at_top, _new, _open, _rollover, _scrolled_down
from ui.main_window import MainWindow


def _other(tmp_path: Path) -> Path:
    other = tmp_path / "other.docx"
    if not other.exists():
        save_report(last_year(), other)
    return other


def _open_in_background(window: MainWindow, tmp_path: Path) -> None:
    """文件 → 打开, as the menu does it: read on a worker while the window waits."""
    assert window.docs.open(_other(tmp_path))
    while window.docs.loading is not None:
        QApplication.processEvents()


def _recent(window: MainWindow, tmp_path: Path) -> None:
    """A file of 文件 → 最近打开的文件."""
    window._fill_recent()
    action = next(a for a in window.recent_menu.actions() if a.text().endswith("other.docx"))
    action.trigger()
    while window.docs.loading is not None:
        QApplication.processEvents()


def _away_from_the_start(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """As a user leaves a report: its findings scrolled, 表三 scrolled down, 第五部分's caret at
    its end, on 表三."""
    _scrolled_down(window, qtbot)  # first: choosing a finding goes to its page
    grid = table(window, REQUESTS)
    qtbot.waitUntil(lambda: grid.verticalScrollBar().maximum() > 0)
    qtbot.wait(50)  # the page's layout settled
    grid.setCurrentIndex(grid.model().index(grid.model().rowCount() - 1, 1))
    grid.scrollToBottom()
    QApplication.processEvents()
    assert grid.verticalScrollBar().value() > 0
    text = window.show_page(PROBLEMS).text_edit()
    assert text is not None
    text.moveCursor(QTextCursor.MoveOperation.End)
    window.show_page(REQUESTS)
    assert window.current_key() == REQUESTS


@pytest.mark.parametrize("replace", [_open, _open_in_background, _recent, _new, _rollover],
                         ids=["open", "open-menu", "recent", "new", "rollover"])
def test_another_report_starts_at_its_first_page(window, qtbot, tmp_path: Path, replace) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(_other(tmp_path))  # in the recent files
    assert window.docs.load(SAMPLE)
    _away_from_the_start(window, qtbot)
    replace(window, tmp_path)
    first = window.entries[0][0]
    assert window.current_key() == first and window.stack.currentIndex() == 0, window.current_key()
    assert _at_top(window), "the findings from the top"
    grid = table(window, REQUESTS)
    QApplication.processEvents()
    assert grid.verticalScrollBar().value() == 0, "表三 from its top"
    text = window.show_page(PROBLEMS).text_edit()
    assert text is not None and text.textCursor().position() == 0 and text.verticalScrollBar().value() == 0


def test_a_recovered_report_starts_at_its_first_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    first = autosave_window(qtbot, folder)
    assert first.docs.load(SAMPLE)
    type_into(qtbot, table(first, REQUESTS), (3, 1), "7")
    assert first.docs.autosave()
    crashed(first)
    window = autosave_window(qtbot, folder)
    assert window.docs.load(_other(tmp_path))
    _away_from_the_start(window, qtbot)
    window.docs.ask_restore = lambda info: True  # type: ignore[method-assign]
    assert window.docs.offer_restore()
    assert window.current_key() == window.entries[0][0]
    assert _at_top(window)


def test_a_failed_open_keeps_the_page(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Nothing replaced, nothing moved: the user is where they were, with one message."""
    assert window.docs.load(SAMPLE)
    window.show_page(REQUESTS)
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04broken")
    assert not window.docs.load(bad)
    assert window.current_key() == REQUESTS and window.errors
