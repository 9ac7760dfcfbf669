"""批量检查's keys (GUI tester gui16, session 16: it had none): Esc and Ctrl+W close it, as a
dialog-like tool window — Esc only once there is no filter to clear and no run to cancel
(review17: it threw a run and its rows away); Ctrl+Q (on Linux) is the editor's 退出 — every
window of the program closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.names import WINDOWS
from tests.ui.test_batch_window import shown_active


@pytest.mark.parametrize(("key", "modifier"), [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                               (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_esc_and_ctrl_w_close_the_window(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    w = shown_active(qtbot)
    w.search.setFocus()  # in the (empty) filter: the keys still close the window
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    qtbot.keyClick(w.search, key, modifier)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)


def test_a_letter_or_ctrl_a_closes_nothing(qtbot: QtBot) -> None:
    w = shown_active(qtbot)
    w.search.setFocus()
    qtbot.keyClicks(w.search, "w")
    qtbot.keyClick(w.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(100)
    assert w.isVisible() and w.search.text() == "w"


@pytest.mark.skipif(WINDOWS, reason="退出 has no key on Windows (ui/actions.quit_keys)")
def test_ctrl_q_is_the_programs_quit(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    editor = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(editor)
    editor.show()
    w = shown_active(qtbot)
    qtbot.keyClick(w.view, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.isVisible() and not editor.isVisible(), timeout=5000)
    windows: list[QWidget] = [editor, w]
    assert not any(x.isVisible() for x in windows)


def test_esc_in_a_filter_typed_clears_it_first(qtbot: QtBot) -> None:
    """As in every search box: Esc takes the filter away; the list, checked, stays on screen."""
    w = shown_active(qtbot)
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    qtbot.keyClicks(w.search, "2023")
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    qtbot.wait(100)
    assert w.isVisible() and w.search.text() == ""
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)  # nothing left to clear: Esc closes
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)


def test_esc_during_a_run_is_its_cancel_not_the_lists_end(qtbot: QtBot, tmp_path: Path) -> None:
    """Esc while the folder is being checked: 取消, as in a progress dialog — the rows checked
    stay listed and the window open, where closing threw the run and its rows away."""
    from tests.ui.test_batch_window import many

    root = many(tmp_path, 30)
    w = shown_active(qtbot)

    pressed: list[bool] = []

    def second(*_args: object) -> None:
        if w.model.rowCount() == 2 and not pressed:  # from the event loop, as a key comes
            pressed.append(True)
            QTimer.singleShot(0, lambda: qtbot.keyClick(w.view, Qt.Key.Key_Escape))

    w.model.rowsInserted.connect(second)
    w.start([root])
    qtbot.waitUntil(lambda: w.worker is None or not w.isVisible(), timeout=60000)
    assert w.isVisible(), "Esc closed the window: the run and its rows are gone"
    assert w.status.currentMessage().startswith("已取消"), w.status.currentMessage()
    assert 2 <= w.model.rowCount() < 30
