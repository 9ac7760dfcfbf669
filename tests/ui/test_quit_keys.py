"""退出's key is one decision for every window and platform (ui/actions.quit_keys): Ctrl+Q on
Linux, shown in the 文件 menu and working in the editor and in 批量检查; none on Windows, in
either window — no key shown that does nothing (QKeySequence.Quit has none on Windows and
under the offscreen plugin, while 批量检查 named Ctrl+Q itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_batch_window import shown_active
from ui import actions, batch_window, window_menus
from ui.main_window import MainWindow

CTRL_Q = QKeySequence("Ctrl+Q")


def test_ctrl_q_on_linux_none_on_windows() -> None:
    assert actions.quit_keys(windows=False) == [CTRL_Q]
    assert actions.quit_keys(windows=True) == []


def _keys(w: QWidget) -> list[QKeySequence]:
    """Every shortcut of the window's actions, each as often as it is claimed."""
    return [k for a in w.findChildren(QAction) for k in a.shortcuts()]


def _editor(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    return win


@pytest.mark.skipif(actions.WINDOWS, reason="Linux's key")
def test_the_menu_shows_ctrl_q_and_it_quits_from_the_editor(qtbot: QtBot, tmp_path: Path) -> None:
    win = _editor(qtbot, tmp_path)
    assert win.act_quit.shortcuts() == [CTRL_Q]
    assert win.act_quit in win.file_menu.actions()
    assert _keys(win).count(CTRL_Q) == 1, "claimed once: an ambiguous key does nothing"
    qtbot.keyClick(win.focusWidget() or win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)


@pytest.mark.skipif(actions.WINDOWS, reason="Linux's key")
def test_batch_has_the_editors_quit_key(qtbot: QtBot) -> None:
    w = shown_active(qtbot)
    assert _keys(w).count(CTRL_Q) == 1


def test_on_windows_neither_window_has_a_quit_key(qtbot: QtBot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """As the windows are made on Windows; Ctrl+Q then closes nothing."""
    windows_keys = lambda: actions.quit_keys(windows=True)  # noqa: E731
    monkeypatch.setattr(window_menus, "quit_keys", windows_keys)
    monkeypatch.setattr(batch_window, "quit_keys", windows_keys)
    win = _editor(qtbot, tmp_path)
    assert win.act_quit.shortcuts() == [] and "Ctrl" not in win.act_quit.shortcut().toString()
    qtbot.keyClick(win.focusWidget() or win, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    w = shown_active(qtbot)
    assert CTRL_Q not in _keys(w) and CTRL_Q not in _keys(win)
    qtbot.keyClick(w.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert win.isVisible() and w.isVisible()
