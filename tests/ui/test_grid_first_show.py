"""A table's grid is laid out (column widths, row heights) before it is first painted: the first
switch to 表三 showed its data columns garbled, a horizontal scroll bar and cells cut off for
half a second (GUI tester, session 11)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPaintEvent
from pytestqt.qtbot import QtBot

from app.schema import TABLES
from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow
from ui.table_page import TablePage
from ui.table_view import GridView


def _widths(view: GridView) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


def _heights(view: GridView) -> list[int]:
    return [view.rowHeight(r) for r in range(view.model().rowCount())]


def test_every_grid_is_laid_out_before_its_first_paint(window: MainWindow, qtbot: QtBot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window.resize(1400, 900)  # room for every grid's columns: no scroll bar when fitted
    qtbot.wait(50)
    assert window.docs.load(SAMPLE)
    painted: dict[int, tuple[list[int], list[int], bool]] = {}  # at each grid's first paint
    paint = GridView.paintEvent

    def first_paint(view: GridView, event: QPaintEvent) -> None:
        painted.setdefault(id(view), (_widths(view), _heights(view), view.horizontalScrollBar().isVisible()))
        paint(view, event)

    monkeypatch.setattr(GridView, "paintEvent", first_paint)
    for key in TABLES:
        page = window.show_page(key)  # built now: its first showing
        assert isinstance(page, TablePage)
        view = page.view
        at_once = _widths(view), _heights(view)
        qtbot.wait(1000)  # whatever the events queued meanwhile do
        final = _widths(view), _heights(view)
        bar = view.horizontalScrollBar().isVisible()
        assert not bar and sum(final[0]) <= view.viewport().width(), f"表{key} wider than its room"
        assert at_once == final, f"表{key}: columns or rows sized after the switch"
        assert id(view) in painted, f"表{key} never painted"
        assert painted[id(view)] == (*final, bar), f"表{key} first painted unfitted"
