"""A grid too short for its whole header to stay in view (表三 on a 1366×768 laptop at 150 %,
910×512 to Qt, the findings beside the page: the header took 65 % of the grid) keeps the
header's lower part frozen — the columns' own names (自然人, 商业企业 … 总计) — rather than none
of it: scrolled down, the figures' columns were nameless (gui19 under Xvfb, shot 12)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_LEGAL_KINDS
from tests.ui.conftest import table
from tests.ui.test_frozen_panes import settled
from ui.frozen_panes import FROZEN_SHARE, frozen_extent
from ui.main_window import MainWindow
from ui.table_page import TablePage


def short(window: MainWindow, qtbot: QtBot, height: int) -> None:
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.dock)
    window.resize(910, height)  # 1366×768 at 150 %, the findings beside the page as wide as there
    window.resizeDocks([window.dock], [260], Qt.Orientation.Horizontal)
    qtbot.wait(50)


def test_a_header_too_tall_to_freeze_whole_keeps_the_column_names_in_view(window: MainWindow, qtbot: QtBot) -> None:
    view = table(window, "三")
    rows, _cols = frozen_extent(view.grid_model().spec)
    # Shorter until the whole header is more than its share.  Its rows no taller than their
    # painted labels (gui22), the grid alone kept it just under at the shortest: then with a
    # text above the table (添加表格前的说明文字) taking its lines from the grid.
    for lead, height in ((w, h) for w in (False, True) for h in range(512, 300, -10)):
        page = window.page("三")
        assert isinstance(page, TablePage)
        if lead and page.add_lead.isVisible():
            page.add_lead.click()
        short(window, qtbot, height)
        settled(view, qtbot)
        header = sum(view.rowHeight(r) for r in range(rows))
        if header > view.viewport().height() * FROZEN_SHARE:
            break
    assert header > view.viewport().height() * FROZEN_SHARE
    frozen = view.frozen_size()[1]
    assert view.rowHeight(rows - 1) <= frozen < view.viewport().height(), "the names frozen, figures below"
    bar = view.verticalScrollBar()
    pane = view.top_pane
    for value in range(0, bar.maximum(), 7):  # on the way down: the pane shows what lies under it
        bar.setValue(value)
        if value <= sum(view.rowHeight(r) for r in range(rows)) - frozen:
            assert pane.verticalScrollBar().value() == value
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    assert bar.value() > 0 and pane.isVisible()
    model = view.grid_model()
    leaf = [T3_COL_NATURAL, *range(T3_COL_NATURAL + 1, T3_COL_NATURAL + 1 + len(T3_LEGAL_KINDS)), T3_COL_TOTAL]
    seen = set()
    for col in leaf:  # just above the frozen edge, in each figure column: that column's name
        x = view.columnViewportPosition(model.index_of((0, col)).column()) + 4
        if not 0 <= x < view.viewport().width():
            continue
        at = pane.indexAt(QPoint(x, frozen - 4))
        assert at.isValid(), col
        text = str(at.data())
        seen.add(text)
        assert text in (*T3_LEGAL_KINDS, "自然人", "总计"), text
        if text in T3_LEGAL_KINDS:  # a name under 法人或其他组织: whole, its foot on the edge
            rect = pane.visualRect(at)
            assert rect.top() >= 0 and abs(rect.bottom() + 1 - frozen) <= 1, (text, rect, frozen)
    assert "自然人" in seen
    # What lies under the frozen edge is a figure, not a header row scrolled into the figures.
    below = view.indexAt(QPoint(view.columnViewportPosition(model.index_of((0, T3_COL_NATURAL)).column()) + 4, frozen + 4))
    assert below.row() >= rows
