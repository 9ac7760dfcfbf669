"""帮助 → 检查项说明 wholly on a small screen.

It opened 1100×640 whatever the screen: at 200 % on 1600×1000 (800×500 to Qt) its right half,
with the column 处理, and its 关闭 button were off the screen (gui18 under Xvfb, shot 45)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from ui.codes_help import CodesHelp
from ui.main_window import MainWindow


def test_the_codes_window_fits_a_small_screen(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = QRect(0, 0, 800, 500)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert screen.contains(dialog.frameGeometry()), dialog.frameGeometry()


@pytest.mark.parametrize("screen", [(910, 512), (800, 500)])
def test_the_meaning_column_keeps_a_fair_width_on_a_small_screen(window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                                  screen: tuple[int, int]) -> None:
    """含义, the longest text, was what the other columns left: at 1366×768 with 150 % scaling
    (910×512 to Qt) about 85 px, each meaning wrapped to six or seven lines of three or four
    characters, and a screen showed three codes (gui19 under Xvfb, shot 48)."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *screen))
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    widths = [table.columnWidth(c) for c in range(table.columnCount())]
    meaning = widths[3]
    assert meaning >= max(widths[2], widths[4]), widths  # the longest text the widest of the three
    assert meaning >= table.viewport().width() // 4, widths
    assert sum(widths) <= table.viewport().width() + 1, "no sideways scrolling"


def test_a_column_width_the_reader_drags_is_kept_when_the_window_is_resized(window: MainWindow, qtbot: QtBot) -> None:
    """rev19: 问题 and 处理 took their shares again at every resize (the vertical scroll bar
    showing too), so a width the reader had dragged was thrown away."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    table, header = dialog.table, dialog.table.horizontalHeader()
    before = table.columnWidth(2)
    edge = QPoint(header.sectionViewportPosition(2) + header.sectionSize(2) - 1, header.height() // 2)
    QTest.mousePress(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge)
    QTest.mouseMove(header.viewport(), edge + QPoint(60, 0))
    QTest.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, edge + QPoint(60, 0))
    dragged = table.columnWidth(2)
    assert dragged >= before + 50, (before, dragged)  # the drag took
    share = table.columnWidth(4)
    dialog.resize(1100, 650)
    qtbot.waitUntil(lambda: table.columnWidth(4) != share)  # 处理, not dragged, takes its share of the new width
    assert table.columnWidth(2) == dragged


def test_rows_fit_their_text_after_the_window_grows(window: MainWindow, qtbot: QtBot) -> None:
    """The rows were measured while 含义 was squeezed by the shares' growth, before the header
    stretched it to the new width: a window made wider had rows three times their height."""
    dialog = CodesHelp(window)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    dialog.resize(1100, 650)
    qtbot.waitUntil(lambda: table.viewport().width() > 1000)
    qtbot.wait(50)
    least = table.verticalHeader().minimumSectionSize()
    heights = [(table.rowHeight(r), max(table.sizeHintForRow(r), least)) for r in range(table.rowCount())]
    assert all(h == fits for h, fits in heights), heights[:5]


def test_a_window_closed_as_it_is_resized_measures_no_deleted_table(window: MainWindow, qtbot: QtBot) -> None:
    """The rows' second measuring, queued by a resize, ran on the table even when the window was
    deleted first (closed within the same turn of the event loop): RuntimeError, Internal C++
    object already deleted (rev19 on e11fd83)."""
    import shiboken6

    dialog = CodesHelp(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width() + 40, dialog.height())
    qtbot.wait(0)  # the viewport's resize handled, its measuring queued ...
    shiboken6.delete(dialog)  # ... and the window gone before it runs
    qtbot.wait(50)  # pytest-qt fails the test on an exception raised in a queued call
