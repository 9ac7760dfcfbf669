"""Header rows and label columns stay in view while a grid scrolls; at 1024×700 every cell of
tables 三 and 四 can be reached, and none is left under a frozen pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.schema import T3_COL_NATURAL, T3_NEW, TABLES
from tests.ui.conftest import table
from ui.frozen_panes import frozen_extent

SMALL = (1024, 700)


def test_frozen_extent_follows_the_declaration() -> None:
    for key, spec in TABLES.items():
        rows, cols = frozen_extent(spec)
        assert rows == spec.header_rows
        first_figure = min(c.col for c in spec.layout if c.data is not None)
        assert cols in (0, first_figure), key
        # Never a merged cell cut by the frozen edge.
        assert not any(c.col < cols < c.col + c.colspan for c in spec.layout), key
    assert frozen_extent(TABLES["三"])[1] > 0, "table 三's label columns are frozen"
    assert frozen_extent(TABLES["二"])[1] == 0, "table 二's headings span the width: not cut"


@pytest.fixture
def small(window, qtbot):  # type: ignore[no-untyped-def]
    """A 1024×700 window with the findings beside the page, as wide as a user may drag them (a
    first launch puts them below, and the tables fit the width): 表三 and 表四 scroll both ways."""
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.dock)
    window.resize(*SMALL)
    window.resizeDocks([window.dock], [SMALL[0] // 3], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    return window


def settled(view, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The columns fitted to the view's width (a timer after each resize)."""
    qtbot.waitUntil(lambda: view._fit_width == view.viewport().width() and not view._fit_timer.isActive())
    qtbot.wait(20)


def scrolled_to_end(view, qtbot):  # type: ignore[no-untyped-def]
    settled(view, qtbot)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    qtbot.wait(20)


def test_table3_scrolled_keeps_its_headers_and_labels_in_line(small, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(small, "三")
    rows, cols = frozen_extent(view.grid_model().spec)
    scrolled_to_end(view, qtbot)
    assert view.verticalScrollBar().value() > 0 and view.horizontalScrollBar().value() > 0
    width, height = view.frozen_size()
    assert width > 0 and height > 0
    viewport = view.viewport().geometry()
    # What shows at the top of the grid is the header, not the figures scrolled under it.
    top = viewport.topLeft() + QPoint(width + 5, 5)
    assert view.childAt(top) in (view.top_pane.viewport(), view.top_pane)
    assert view.top_pane.indexAt(view.top_pane.mapFrom(view, top)).row() < rows
    # At the left, each row's label beside that row's figures.
    for y in range(height + 10, viewport.height() - 10, 40):
        at = viewport.topLeft() + QPoint(5, y)
        assert view.childAt(at) in (view.left_pane.viewport(), view.left_pane)
        label = view.left_pane.indexAt(view.left_pane.viewport().mapFrom(view, at))
        figure = view.indexAt(view.viewport().mapFrom(view, viewport.topLeft() + QPoint(width + 5, y)))
        assert label.isValid() and label.column() < cols and figure.column() >= cols
        model = view.grid_model()
        origin = model.origin(label.row(), label.column())
        spec_cell = model.layout_cell(model.index(*origin)) if origin else None
        assert spec_cell is not None and spec_cell.row <= figure.row() < spec_cell.row + spec_cell.rowspan


def test_a_click_on_a_frozen_header_chooses_nothing_beneath(small, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(small, "三")
    scrolled_to_end(view, qtbot)
    current = view.currentIndex()
    pane = view.top_pane
    QTest.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(pane.width() - 20, 10))
    assert view.currentIndex() == current


@pytest.mark.parametrize("key", ["三", "四"])
def test_every_cell_is_within_reach_at_1024x700(small, qtbot, key) -> None:  # type: ignore[no-untyped-def]
    view = table(small, key)
    settled(view, qtbot)
    model = view.grid_model()
    if key == "三":
        assert all(view.frozen_size()), "both panes frozen at this size"
    for cell in model.spec.cells:
        index = model.index_of((cell.row, cell.col))
        view.scrollTo(index)
        width, height = view.frozen_size()
        rect = view.visualRect(index)
        inside = view.viewport().rect()
        assert inside.contains(rect.center()), (cell, rect, inside)
        assert rect.left() >= width - 1 and rect.top() >= height - 1, f"{cell} is under a frozen pane"


def test_moving_with_the_keys_keeps_the_current_cell_in_view(small, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = table(small, "三")
    settled(view, qtbot)
    view.setFocus()
    model = view.grid_model()
    view.setCurrentIndex(model.index_of((T3_NEW, T3_COL_NATURAL)))
    for _ in range(model.spec.n_rows + 2):
        QTest.keyClick(view, Qt.Key.Key_Down)
    for _ in range(model.spec.n_cols + 2):
        QTest.keyClick(view, Qt.Key.Key_Right)
    width, height = view.frozen_size()
    rect = view.visualRect(view.currentIndex())
    assert view.currentIndex() == model.index_of((model.spec.n_rows - 1, model.spec.n_cols - 1))
    assert view.viewport().rect().contains(rect.center())
    assert rect.left() >= width - 1 and rect.top() >= height - 1
    for _ in range(model.spec.n_rows + 2):
        QTest.keyClick(view, Qt.Key.Key_Up)
    rect = view.visualRect(view.currentIndex())
    assert rect.top() >= view.frozen_size()[1] - 1, "moving up stops below the frozen header"
