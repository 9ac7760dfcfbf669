"""A short screen (1366×768 at 150 %: 911×512 to Qt) gives the page what the window's chrome
took: the first start fills the screen, and a window lower than SHORT_WINDOW has the findings'
counts row as the dock's title bar, smaller headings and thinner page margins, small tool bar
icons (ui/short_window.py) — 表三 showed its header and two rows there (ui27).  All of it back
in a taller window.  The real start, maximised, on screens of each size: test_short_start.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QStyle, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from app.schema import REQUESTS, TABLES
from tests.ui.test_table_lead import launch, rows_shown
from ui.dock_sizes import SHORT_WINDOW
from ui.findings_rows import CountsTitle
from ui.main_window import MainWindow
from ui.table_page import TablePage
from ui.window_layout import DEFAULT_SIZE, fills, outer

BELOW = Qt.DockWidgetArea.BottomDockWidgetArea


def on_screen(monkeypatch: pytest.MonkeyPatch, width: int, height: int) -> QRect:
    screen = QRect(0, 0, width, height)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    return screen


def shown_table(qtbot: QtBot, win: MainWindow) -> TablePage:
    page = win.show_page(REQUESTS)
    assert isinstance(page, TablePage)
    qtbot.waitUntil(lambda: page.view._fit_width == page.view.viewport().width())
    qtbot.wait(30)  # the deferred pass of the layout
    QApplication.processEvents()
    return page


def counts_in_title(win: MainWindow) -> bool:
    title = win.dock.titleBarWidget()
    return isinstance(title, CountsTitle) and all(title.isAncestorOf(t) for t in win.findings.toggles.values())


@pytest.mark.parametrize("screen", [(911, 512), (1024, 576), (1280, 720), (1366, 728)])
def test_a_first_start_on_a_short_screen_fills_its_free_area(qtbot: QtBot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, screen: tuple[int, int]) -> None:
    """Its frame is the screen's free area (the start shows it maximised: ui/main.py); it was 92 %
    of the height, centred, a row of 表三 less at 911×512.  (Offscreen windows get a frame of
    their own once shown, a few pixels: the frame is compared give or take it.)"""
    free = on_screen(monkeypatch, *screen)
    win = launch(qtbot, tmp_path)
    assert fills(outer(win), free) and win.width() >= free.width() - 4, (outer(win), free)
    assert win.layout_memory.fills


def test_a_tall_screen_starts_as_before(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_screen(monkeypatch, 1536, 824)  # 1920×1080 at 125 %, its task bar off
    win = launch(qtbot, tmp_path)
    assert (win.width(), win.height()) == (DEFAULT_SIZE[0], int(824 * 0.92))
    assert not win.layout_memory.fills


def test_at_911_by_512_the_findings_counts_are_the_docks_title_bar(qtbot: QtBot, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Below the page of a short window: no “检查结果” title bar over the counts row, the row is
    the title bar (the × at its end), and 表三 shows five whole rows under its header (two before)."""
    on_screen(monkeypatch, 911, 512)
    win = launch(qtbot, tmp_path)
    assert win.height() < SHORT_WINDOW and win.dockWidgetArea(win.dock) == BELOW
    assert counts_in_title(win)
    view = win.findings.view
    first = view.visualRect(view.model().index(0, 0))
    assert first.top() >= 0 and first.bottom() < view.viewport().height(), "one finding whole"
    page = shown_table(qtbot, win)
    assert rows_shown(page) - TABLES[REQUESTS].header_rows >= 5, rows_shown(page)


def test_the_title_bars_close_button_closes_the_panel(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_screen(monkeypatch, 911, 512)
    win = launch(qtbot, tmp_path)
    close = win.dock.titleBarWidget().findChild(QToolButton, "findingsClose")
    assert close is not None and close.isVisible()
    close.click()
    assert win.dock.isHidden() and not win.dock.toggleViewAction().isChecked()
    win.dock.toggleViewAction().trigger()  # 视图 → 检查结果面板: back, its counts row its title
    assert win.dock.isVisible() and counts_in_title(win)


def test_the_short_layout_goes_and_comes_back_with_the_windows_height(qtbot: QtBot, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Grown past SHORT_WINDOW: Qt's title bar, the tall heading, margins and icons back; shrunk
    again: the short ones."""
    on_screen(monkeypatch, 1024, 768)
    win = launch(qtbot, tmp_path)
    page = shown_table(qtbot, win)
    bar = win.findChild(QToolBar, "mainToolbar")
    title = page.findChild(QLabel, "pageTitle")
    tall = (title.sizeHint().height(), page.layout().contentsMargins().top(), bar.iconSize())
    assert win.dock.titleBarWidget() is None
    assert tall[2] == QSize(*[win.style().pixelMetric(QStyle.PixelMetric.PM_ToolBarIconSize)] * 2)
    win.resize(1024, 520)
    qtbot.waitUntil(lambda: counts_in_title(win))
    assert title.sizeHint().height() < tall[0] and page.layout().contentsMargins().top() < tall[1]
    assert bar.iconSize().height() < tall[2].height()
    win.resize(1024, 700)
    qtbot.waitUntil(lambda: win.dock.titleBarWidget() is None)
    assert all(win.findings.isAncestorOf(t) for t in win.findings.toggles.values())
    assert (title.sizeHint().height(), page.layout().contentsMargins().top(), bar.iconSize()) == tall


def test_a_page_built_in_a_short_window_is_short_too(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_screen(monkeypatch, 911, 512)
    win = launch(qtbot, tmp_path)
    tall = MainWindow(autosave_dir=tmp_path / "tall")  # a window of the offscreen screen's height
    qtbot.addWidget(tall)
    tall.show()
    tall.resize(1024, 760)
    qtbot.waitUntil(lambda: not tall.layout_memory.short)
    short_page, tall_page = win.page("四"), tall.page("四")
    heights = [p.findChild(QLabel, "pageTitle").sizeHint().height() for p in (short_page, tall_page)]
    assert heights[0] < heights[1]
    assert short_page.layout().contentsMargins().top() < tall_page.layout().contentsMargins().top()


def test_beside_the_page_the_dock_keeps_its_own_title_bar(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dragged beside the page in a short window (a narrow panel: its row would wrap), Qt's title
    bar is back; below again, the counts row."""
    on_screen(monkeypatch, 911, 512)
    win = launch(qtbot, tmp_path)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, win.dock)
    qtbot.waitUntil(lambda: win.dock.titleBarWidget() is None)
    assert all(win.findings.isAncestorOf(t) for t in win.findings.toggles.values())
    win.addDockWidget(BELOW, win.dock)
    qtbot.waitUntil(lambda: counts_in_title(win))


def test_a_second_window_on_a_short_screen_steps_aside_whole(qtbot: QtBot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The first window fills the screen (and a start maximises it); a second one (a recovered
    copy, a report from 批量检查) steps a title bar down and right of it as before, wholly on the
    screen, and is not maximised over it."""
    free = on_screen(monkeypatch, 911, 512)
    first = launch(qtbot, tmp_path)
    second = MainWindow(autosave_dir=tmp_path / "second")
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert first.layout_memory.fills and not second.layout_memory.fills
    assert outer(second).topLeft() != outer(first).topLeft()
    assert free.contains(outer(second)), (outer(second), free)
    assert second.layout_memory.short and counts_in_title(second)


def test_choosing_findings_keeps_the_page_its_rows(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding chosen shows its commands on the counts row: the row wrapped for a moment (the
    hint not yet hidden) and grew the dock for good, 85 → 110 px at 911×512, 表三 a row short."""
    on_screen(monkeypatch, 911, 512)
    win = launch(qtbot, tmp_path)
    page = shown_table(qtbot, win)
    rows, dock = rows_shown(page), win.dock.height()
    view = win.findings.view
    for row in [*range(view.model().rowCount()), 0]:
        view.setCurrentIndex(view.model().index(row, 0))
        qtbot.wait(10)
    assert win.dock.height() <= dock + 2, (dock, win.dock.height())  # a push button's row is a pixel or two higher
    win.show_page(REQUESTS)
    QApplication.processEvents()
    assert rows_shown(page) == rows
