"""The findings dock's side on a short screen is the same however the editor started — with a
file, blank, or from a recovery copy — and the window fits the screen with its status bar on
every page once the report is in (ui/dock_side.py decides by the window as it is with a report).

At 910×512 (150 % on 1366×768) a file's start put the findings below the page and a blank or
recovered start beside it, 表三 cut behind a horizontal scroll bar there: the side was decided
by hints of the moment (the findings list still hidden while the file was read; the blank
report's 开始 buttons under its fields).  A side the user chose is kept whatever the start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from tests.ui.test_window_layout import launch, quit_
from ui.main_window import MainWindow
from ui.window_layout import frame_margins

BELOW, BESIDE = Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def blank(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return launch(qtbot, tmp_path)


def with_file(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """As ui.main.first_window with a file: 正在打开 in the first frame, the window built, the file read."""
    win = MainWindow(autosave_dir=tmp_path / "autosave", staged=True)
    qtbot.addWidget(win)
    win.show_opening(SAMPLE.name)
    win.show()
    QApplication.processEvents()
    win.complete()
    qtbot.waitExposed(win)
    assert win.docs.load(SAMPLE)
    win.show_pages()
    return win


def recovered(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A blank start that takes back a crashed editor's recovery copy."""
    first = autosave_window(qtbot, tmp_path / "autosave")
    assert first.docs.load(SAMPLE)
    type_into(qtbot, table(first, "三"), (3, 1), "7")
    assert first.docs.autosave()
    crashed(first)
    QSettings().clear()  # the crashed window's layout is no choice of this start's
    win = launch(qtbot, tmp_path)
    win.docs.ask_restore = lambda info: True  # type: ignore[method-assign]
    assert win.docs.offer_restore()
    return win


def close(win: MainWindow) -> None:
    win.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    quit_(win)


STARTS: dict[str, Callable[[QtBot, Path], MainWindow]] = {"file": with_file, "blank": blank, "recovery": recovered}


def fits_on_every_page(qtbot: QtBot, win: MainWindow, height: int) -> None:
    margins = frame_margins(win)
    for key, _ in win.entries:
        win.show_page(key)
        qtbot.wait(10)
        layout = win.layout()
        assert layout is not None
        layout.activate()
        least = win.minimumSizeHint().height() + margins.top() + margins.bottom()
        assert least <= height, f"{key}: the window {least} px, the screen {height}"


@pytest.mark.parametrize("screen, side", [((910, 512), BELOW), ((800, 500), BELOW), ((800, 440), BESIDE)],
                         ids=["910x512", "800x500", "800x440"])
def test_every_start_puts_the_findings_on_the_same_side(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        screen: tuple[int, int], side: Qt.DockWidgetArea) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *screen))
    for name, start in STARTS.items():
        QSettings().clear()  # a first launch each: nothing saved, nothing chosen
        win = start(qtbot, tmp_path / name)
        qtbot.wait(30)
        assert win.dockWidgetArea(win.dock) == side, name
        if name == "blank":  # with its 开始 buttons, then the report opened as the user does next
            page = win.show_page(win.entries[0][0])
            assert page.start.isVisible()
            fits_on_every_page(qtbot, win, screen[1])
            assert win.docs.load(SAMPLE)
            assert win.dockWidgetArea(win.dock) == side, "it never moves under the user's eyes"
        assert win.state.report.organ, name  # the report is in
        fits_on_every_page(qtbot, win, screen[1])
        close(win)


def test_the_side_the_user_chose_is_kept_whatever_the_start(qtbot: QtBot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 910, 512))
    win = blank(qtbot, tmp_path / "first")
    assert win.dockWidgetArea(win.dock) == BELOW
    win.removeDockWidget(win.dock)  # dragged beside the page, as the user does
    win.addDockWidget(BESIDE, win.dock)
    win.dock.show()
    close(win)
    for name, start in STARTS.items():
        if name == "recovery":
            continue  # (its crashed window's settings would be another start's)
        again = start(qtbot, tmp_path / name)
        assert again.dockWidgetArea(again.dock) == BESIDE, name
        close(again)
