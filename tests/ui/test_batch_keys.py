"""批量检查's keys (GUI tester gui16, session 16: it had none): Esc and Ctrl+W close it, as a
dialog-like tool window; Ctrl+Q is the editor's 退出 — every window of the program closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.batch_window import BatchWindow


def _shown(qtbot: QtBot) -> BatchWindow:
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    return w


@pytest.mark.parametrize(("key", "modifier"), [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                               (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_esc_and_ctrl_w_close_the_window(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    w = _shown(qtbot)
    w.search.setFocus()  # typing a filter: the keys still close the window
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    qtbot.keyClick(w.search, key, modifier)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)


def test_a_letter_or_ctrl_a_closes_nothing(qtbot: QtBot) -> None:
    w = _shown(qtbot)
    w.search.setFocus()
    qtbot.keyClicks(w.search, "w")
    qtbot.keyClick(w.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert w.isVisible() and w.search.text() == "w"


def test_ctrl_q_is_the_programs_quit(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    editor = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(editor)
    editor.show()
    w = _shown(qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.isVisible() and not editor.isVisible(), timeout=5000)
    windows: list[QWidget] = [editor, w]
    assert not any(x.isVisible() for x in windows)
