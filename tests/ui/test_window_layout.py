"""The window's layout from one launch to the next: open → quit → open with the real window and
a settings folder; restored only within sane limits, whatever was saved and whatever the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.window_layout import (
    DOCK_EXTENT,
    DOCK_READABLE,
    DOCK_SHARE,
    default_dock_extent,
    fit_to_screen,
    within,
)


def launch(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """As the program starts (ui/main.py run): the frame first, then the rest."""
    win = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(win)
    win.show()
    QApplication.processEvents()
    win.complete()
    qtbot.waitExposed(win)
    qtbot.wait(30)  # the deferred pass of the layout
    return win


def quit_(win: MainWindow) -> None:
    assert win.close()
    QApplication.processEvents()


def sizes(win: MainWindow) -> tuple[int, int, int]:
    return win.dock.width(), win.stack.width(), win.splitter.sizes()[0]


def assert_sane(win: MainWindow) -> None:
    dock, page, nav = sizes(win)
    assert dock <= win.width() // DOCK_SHARE + 1, f"dock {dock} of a window {win.width()} wide"
    assert page >= dock, f"page {page} narrower than the findings panel {dock}"
    assert nav >= win.nav.minimumWidth()


def test_layout_is_the_same_from_the_second_launch_on(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seen = []
    for _ in range(3):
        win = launch(qtbot, tmp_path)
        assert_sane(win)
        seen.append((win.size().toTuple(), sizes(win)))
        quit_(win)
    assert seen[0] == seen[1] == seen[2], seen


def test_the_users_own_layout_comes_back(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = launch(qtbot, tmp_path)
    win.resizeDocks([win.dock], [win.width() // 4], Qt.Orientation.Horizontal)
    win.splitter.setSizes([170, sum(win.splitter.sizes()) - 170])
    qtbot.wait(30)
    chosen = sizes(win)
    quit_(win)
    again = launch(qtbot, tmp_path)
    assert abs(again.dock.width() - chosen[0]) <= 2 and abs(again.splitter.sizes()[0] - chosen[2]) <= 2
    assert_sane(again)


def test_a_saved_dock_too_wide_is_brought_back(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Settings written by the old version (a dock grown each launch) or edited by hand."""
    win = launch(qtbot, tmp_path)
    win.resizeDocks([win.dock], [win.width()], Qt.Orientation.Horizontal)  # as wide as Qt allows
    win.splitter.setSizes([win.width(), 1])
    qtbot.wait(30)
    quit_(win)
    QSettings().setValue("window/dock/findingsDock", 5000)
    QSettings().setValue("window/nav", "乱码")
    again = launch(qtbot, tmp_path)
    assert_sane(again)


def test_garbage_settings_give_the_default_layout(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings()
    settings.setValue("window/geometry", QByteArray(b"\x00garbage"))
    settings.setValue("window/state", QByteArray(b"\x01\x02"))
    settings.setValue("window/splitter", "not bytes")
    win = launch(qtbot, tmp_path)
    assert_sane(win)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert screen.contains(win.frameGeometry().center())


def test_a_window_saved_on_a_larger_screen_opens_whole_on_this_one(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    screen = QGuiApplication.primaryScreen().availableGeometry()
    big = launch(qtbot, tmp_path)
    big.setGeometry(screen.right() + 300, screen.bottom() + 200, screen.width() * 2, screen.height() * 2)
    quit_(big)
    win = launch(qtbot, tmp_path)
    assert win.width() <= screen.width() and win.height() <= screen.height()
    assert screen.intersects(win.frameGeometry()) and screen.contains(win.geometry().center())
    assert_sane(win)


def test_two_windows_quitting_in_turn_leave_a_sane_layout(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second = launch(qtbot, tmp_path), launch(qtbot, tmp_path)
    second.resizeDocks([second.dock], [second.width()], Qt.Orientation.Horizontal)
    quit_(first)
    quit_(second)
    win = launch(qtbot, tmp_path)
    assert_sane(win)


@pytest.mark.parametrize(
    ("saved", "minimum", "total", "expected"),
    [(None, 200, 1400, 340), (952, 200, 1400, 466), (300, 200, 1400, 300), (-5, 200, 1400, 340),
     (300, 280, 600, 280)],  # the minimum wins in a window too small for both
)
def test_within(saved: int | None, minimum: int, total: int, expected: int) -> None:
    assert within(saved, minimum, total, DOCK_SHARE, 340) == expected


def test_fit_to_screen() -> None:
    screen = QRect(0, 0, 1024, 700)
    assert fit_to_screen(QRect(100, 50, 800, 600), screen) == QRect(100, 50, 800, 600)
    assert fit_to_screen(QRect(2000, 1500, 1400, 900), screen) == QRect(0, 0, 1024, 700)
    assert fit_to_screen(QRect(-500, 600, 600, 400), screen) == QRect(0, 300, 600, 400)


def test_where_the_dock_is_and_whether_it_shows_come_back(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = launch(qtbot, tmp_path)
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, win.dock)
    qtbot.wait(30)
    quit_(win)
    again = launch(qtbot, tmp_path)
    assert again.dockWidgetArea(again.dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert again.dock.height() <= again.height() // DOCK_SHARE + 1
    again.dock.toggleViewAction().trigger()  # 视图 → 检查结果面板 off
    quit_(again)
    third = launch(qtbot, tmp_path)
    assert third.dock.isHidden() and not third.dock.toggleViewAction().isChecked()
    third.dock.toggleViewAction().trigger()
    qtbot.wait(30)
    assert third.dock.isVisible()


@pytest.mark.parametrize(("total", "expected"), [(1400, DOCK_EXTENT), (1360, DOCK_EXTENT), (1200, 300),
                                                 (983, DOCK_READABLE), (800, DOCK_READABLE)])
def test_the_default_dock_is_a_quarter_readable_and_at_most_the_old_default(total: int, expected: int) -> None:
    assert default_dock_extent(total) == expected


def test_first_launch_on_a_small_screen_leaves_the_page_the_room(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 1024×700 screen (a netbook, an old office PC): the findings panel took a third of the
    window; now a quarter, or what keeps a finding readable."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1024, 700))
    win = launch(qtbot, tmp_path)
    assert win.width() <= 1024
    dock, page, nav = sizes(win)
    assert DOCK_READABLE - 2 <= dock <= max(DOCK_READABLE, win.width() // 4) + 2, (dock, win.width())
    assert page >= 2 * dock - nav, f"page {page}, dock {dock}: the page is the widest part by far"
    assert_sane(win)
    quit_(win)
    again = launch(qtbot, tmp_path)
    assert abs(again.dock.width() - dock) <= 2, "the same from the second launch on"
    # (the user's own width coming back: test_the_users_own_layout_comes_back; Qt's own
    # restoreGeometry sees the real offscreen screen, not this one, so not again here)
