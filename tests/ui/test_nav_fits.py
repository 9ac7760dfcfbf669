"""The navigation in a short window: its entries squeeze (down to the name, badge and bar) rather
than scroll the last ones out of sight — at 1366×768 and 150 % (910×512 to Qt) 六、其他事项 was
under the list's edge with a scroll bar (gui21 under Xvfb, shots c04 → c07).  In a tall window
they keep their height."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QListView
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.navigation import navigation_view


def entries_whole(nav: QListView) -> bool:
    model = nav.model()
    return all(nav.visualRect(model.index(r, 0)).top() >= 0 and nav.visualRect(model.index(r, 0)).bottom() < nav.viewport().height()
               for r in range(model.rowCount()))


def first_height(nav: QListView) -> int:
    return nav.visualRect(nav.model().index(0, 0)).height()


def test_the_entries_squeeze_into_a_short_list_and_not_a_tall_one(window: MainWindow, qtbot: QtBot) -> None:
    nav = navigation_view(window.nav_model, None)  # the window's own, as tall as a test's window lets it be
    qtbot.addWidget(nav)
    nav.setFont(window.nav.font())
    line = QFontMetrics(nav.font()).height()
    rows = nav.model().rowCount()
    nav.resize(200, rows * (line + 30))
    nav.show()
    qtbot.waitExposed(nav)
    qtbot.waitUntil(lambda: first_height(nav) >= line + 18)
    natural = first_height(nav)
    assert entries_whole(nav)
    nav.resize(200, rows * (line + 14) + (nav.height() - nav.viewport().height()))  # room for squeezed ones only
    qtbot.waitUntil(lambda: entries_whole(nav), timeout=2000)
    assert not nav.verticalScrollBar().isVisible()
    assert line + 12 <= first_height(nav) < natural, "the name, its badge and bar still fit"
    nav.resize(200, rows * (line + 30))
    qtbot.waitUntil(lambda: first_height(nav) == natural)


def test_the_lists_contents_are_its_viewport(window: MainWindow, qtbot: QtBot) -> None:
    """The delegate measures the room by the list's contents rectangle, not its viewport (asking
    for the viewport cost the start ~7 ms of PySide's class lookups): the two are the same height
    as long as the list has no horizontal scroll bar and no viewport margins."""
    nav = window.nav
    for height in (900, 512, 400):
        window.resize(1000, height)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: nav.viewport().height() == nav.contentsRect().height(), timeout=2000)
