"""取消 clicked while a start's window is still being built (its frame shown with 正在打开, the
menus, pages and dock not yet made): the click counts where it was made, the file is never
read, and the window that appears is the blank report, usable at once.  Closing it then closes
it once it is whole.  The clicks are queued as the window system queues them (nothing is
handled while the window is built) and arrive after the menus and toolbar were added."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE
from ui.main_window import MainWindow


def _queue_click(window: MainWindow, at: QPoint) -> None:
    handle = window.windowHandle()
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
        QApplication.postEvent(handle, QMouseEvent(kind, QPointF(at), QPointF(window.mapToGlobal(at)),
                                                   Qt.MouseButton.LeftButton, buttons, Qt.KeyboardModifier.NoModifier))


def _start(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           meanwhile: Callable[[MainWindow, QPoint], None]) -> tuple[MainWindow, list[Path]]:
    """A start on a file no child reads (the frame first, then the window built); ``meanwhile``
    acts on the frame late in the build, once the menus and toolbar are added."""
    from app import prefetch
    from ui.main import first_window

    monkeypatch.setattr(prefetch, "pending", lambda: False)
    copy = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, copy)
    complete = MainWindow.complete
    counts = MainWindow._update_counts

    def built(self: MainWindow) -> None:
        page = self.task_page
        assert page is not None and page.isVisible()
        button = page.cancel_button
        at = button.mapTo(self, button.rect().center())  # 取消 where the user sees it in the frame

        def late(window: MainWindow) -> None:  # the menus, toolbar and status bar are in by now
            meanwhile(window, at)
            counts(window)

        monkeypatch.setattr(MainWindow, "_update_counts", late)
        complete(self)
        monkeypatch.setattr(MainWindow, "_update_counts", counts)

    monkeypatch.setattr(MainWindow, "complete", built)
    read: list[Path] = []
    window = first_window(copy, (1200, 800), tmp_path / "autosave")
    qtbot.addWidget(window)
    if not getattr(window, "cancelled_early", False):  # as ui.main.run goes on
        read.append(copy)
        window.docs.load_in_background(copy)
    return window, read


def test_cancel_clicked_while_the_window_is_built_cancels_the_open(qtbot: QtBot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window, read = _start(qtbot, tmp_path, monkeypatch, _queue_click)
    assert not read, "read after all: the click missed 取消"
    assert window.cancelled_early
    assert window.central.currentWidget() is window.splitter  # the pages, at once
    assert window.docs.loading is None and not window.state.report.organ
    assert window.state.checked and window.state.findings  # a blank report's, as 新建 lists them
    assert window.act_save.isEnabled() and window.act_new.isEnabled()  # nothing left paused
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert window.statusBar().currentMessage() == f"已取消打开 {SAMPLE.name}"
    assert "正在打开" not in window.windowTitle()
    qtbot.waitUntil(window.dock.isVisible, timeout=2000)
    qtbot.wait(300)  # nothing read later either
    assert not window.state.report.organ and window.docs.loading is None


def test_a_click_elsewhere_while_built_leaves_the_open_going(qtbot: QtBot, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window, read = _start(qtbot, tmp_path, monkeypatch, lambda w, at: _queue_click(w, QPoint(at.x(), at.y() - 120)))
    assert read and not getattr(window, "cancelled_early", False)
    qtbot.waitUntil(lambda: window.docs.loading is None, timeout=20_000)
    assert window.state.report.organ and window.central.currentWidget() is window.splitter


def test_closing_the_window_while_it_is_built_closes_it_once_whole(qtbot: QtBot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    window, read = _start(qtbot, tmp_path, monkeypatch,
                          lambda w, at: QApplication.postEvent(w.windowHandle(), QCloseEvent()))
    assert not read
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert window.docs.loading is None
