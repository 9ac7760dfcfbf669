"""At 1024×700 the findings panel below the page puts the chosen finding's commands on its
filters' row (mostly empty there) instead of a row of their own under the list: the panel is a
row lower, its list as high, and 表三 shows a row more (the GUI tester saw its header and five
rows).  Beside the page (a narrow panel) the commands stay under the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.schema import REQUESTS, TABLES
from tests.conftest import SAMPLE
from tests.ui.test_findings_tab_order import tab_stops
from tests.ui.test_table_lead import launch, rows_shown
from ui.dock_sizes import DOCK_BELOW_LEAST, DOCK_BELOW_READABLE, SHORT_WINDOW, default_dock_height
from ui.findings import FindingsPanel
from ui.findings_rows import WIDE
from ui.main_window import MainWindow
from ui.table_page import TablePage


def top_in(panel: FindingsPanel, widget: QWidget) -> int:
    return widget.mapTo(panel, QPoint(0, 0)).y()


def choose_first(qtbot: QtBot, panel: FindingsPanel) -> None:
    panel.view.setCurrentIndex(panel.view.model().index(0, 0))
    qtbot.waitUntil(lambda: panel.dismiss_button.isVisible(), timeout=3000)
    QApplication.processEvents()


def test_at_1024_by_700_the_commands_share_the_filters_row_and_the_grid_gains_a_row(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    win = launch(qtbot, tmp_path, SAMPLE)
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    panel = win.findings
    assert panel.width() >= WIDE
    assert panel.hint.isVisible() and top_in(panel, panel.hint) < top_in(panel, panel.view), "the hint beside the filters"
    choose_first(qtbot, panel)
    filters = top_in(panel, panel.toggles[next(iter(panel.toggles))])
    for button in (panel.dismiss_button, *[b for b in panel.command_buttons.values() if b.isVisible()]):
        assert abs(top_in(panel, button) - filters) <= 8, button.text()  # on the filters' row
        assert button.mapTo(panel, QPoint(0, button.height())).y() <= top_in(panel, panel.view)
    page = win.show_page(REQUESTS)
    assert isinstance(page, TablePage)
    view = page.view
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width())
    QApplication.processEvents()
    # Five rows under the header with the commands' own row (a dock 200 px high), six now.
    assert rows_shown(page) - TABLES[REQUESTS].header_rows >= 6, (rows_shown(page), view.viewport().height())


def test_beside_the_page_the_commands_stay_under_the_list(qtbot: QtBot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1400, 900))
    win = launch(qtbot, tmp_path, SAMPLE)
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    panel = win.findings
    assert panel.width() < WIDE
    choose_first(qtbot, panel)
    assert top_in(panel, panel.dismiss_button) >= top_in(panel, panel.view) + panel.view.height()
    # Dragged below the page: the row moves up; back beside it: down again.
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, win.dock)
    qtbot.waitUntil(lambda: top_in(panel, panel.dismiss_button) < top_in(panel, panel.view))
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, win.dock)
    win.resizeDocks([win.dock], [340], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: top_in(panel, panel.dismiss_button) > top_in(panel, panel.view))


@pytest.mark.parametrize("area", [Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea])
def test_tab_follows_the_row_the_commands_are_on(window: MainWindow, qtbot: QtBot, area: Qt.DockWidgetArea) -> None:
    """Tab reads the panel as it is laid out: the buttons after the list under it, before it
    on the filters' row."""
    window.resize(1400, 800)
    window.addDockWidget(area, window.dock)
    if area == Qt.DockWidgetArea.RightDockWidgetArea:
        window.resizeDocks([window.dock], [340], Qt.Orientation.Horizontal)
    assert window.docs.load(SAMPLE)
    panel = window.findings
    panel.view.setFocus()
    choose_first(qtbot, panel)
    assert (panel.width() >= WIDE) == (area == Qt.DockWidgetArea.BottomDockWidgetArea)
    stops = tab_stops(qtbot, panel, panel.toggles[next(iter(panel.toggles))])
    assert panel.view in stops and panel.dismiss_button in stops
    rows = [(top_in(panel, w) // 8, w.mapTo(panel, QPoint(0, 0)).x()) for w in stops]
    assert rows == sorted(rows), [getattr(w, "text", lambda w=w: type(w).__name__)() for w in stops]


@pytest.mark.parametrize(("total", "expected"), [(900, DOCK_BELOW_READABLE + 49), (644, DOCK_BELOW_READABLE),
                                                 (599, DOCK_BELOW_LEAST + 21), (515, DOCK_BELOW_LEAST), (471, DOCK_BELOW_LEAST)])
def test_default_height_below(total: int, expected: int) -> None:
    """A quarter of the window, two findings at least; one in a window shorter than SHORT_WINDOW."""
    assert default_dock_height(total) == expected


def test_a_short_window_gives_the_page_first(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 1024×600 netbook screen: with two findings whole below the page 表三 showed its header
    and two rows, the navigation a scroll bar (六、其他事项 out of sight).  One finding whole now,
    the page the rest; and the panel's minimum is its wide one when the window sizes it (it was
    sized with the commands' row still under the list, 24 px more)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 560))
    win = launch(qtbot, tmp_path, SAMPLE)
    assert win.height() < SHORT_WINDOW
    assert win.dockWidgetArea(win.dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert win.dock.height() <= max(DOCK_BELOW_LEAST, win.dock.minimumSizeHint().height()) + 2, win.dock.height()
    view = win.findings.view
    first = view.visualRect(view.model().index(0, 0))
    assert first.top() >= 0 and first.bottom() <= view.viewport().height(), "one finding whole"
    page = win.show_page(REQUESTS)
    assert isinstance(page, TablePage)
    qtbot.waitUntil(lambda: page.view._fit_width == page.view.viewport().width())
    QApplication.processEvents()
    assert rows_shown(page) - TABLES[REQUESTS].header_rows >= 3, rows_shown(page)
