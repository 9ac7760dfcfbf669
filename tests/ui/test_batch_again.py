"""批量检查 the next day offers the folder checked last (rev25c B2): the window opened empty after a
relaunch, and the reviewer chose the same folder again every morning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from ui import batch_again
from ui.batch_window import BatchWindow, show_batch_window


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "各乡镇年报"
    folder.mkdir()
    for i in range(2):
        save_report(report(f"某县某镇{i}", 2023), folder / f"{i}.docx")
    return folder


def _again(w: BatchWindow) -> QPushButton | None:
    button = w.findChild(QPushButton, "check_again")
    return button if button is not None and not button.isHidden() else None


def test_the_last_folder_is_offered_and_enter_checks_it(qtbot: QtBot, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    first = BatchWindow(jobs=1)
    qtbot.addWidget(first)
    first.show()
    with qtbot.waitSignal(first.finished, timeout=60000):
        first.start([folder])
    first.close()
    QSettings().sync()  # on disk, as at a quit: the next run reads it from there
    assert Path(QSettings().fileName()).read_text(encoding="utf-8").count("last_paths") == 1
    w = show_batch_window()  # deleted on close: closed by the test
    button = _again(w)
    assert button is not None and button.text() == "重新检查：各乡镇年报" and str(folder) in button.toolTip()
    assert w.focusWidget() is button, "Enter runs it"
    with qtbot.waitSignal(w.finished, timeout=60000):
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert w.model.rowCount() == 2 and w.folder == folder and _again(w) is None
    w.close()


def test_nothing_is_offered_for_a_damaged_setting(qtbot: QtBot) -> None:
    for value in ('["/tmp/a\\u0000b"]', "[[[", '{"a": 1}', "x" * 100, "[1, null]", '[""]'):
        QSettings().setValue(batch_again.KEY, value)
        w = show_batch_window()
        assert _again(w) is None, value
        w.close()


def test_after_enter_on_it_the_keyboard_is_in_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    """重新检查 hid itself with the keyboard on it, and the keyboard went on to the next button,
    导出汇总表: the reviewer's ↓ and Enter to open a report exported the summary instead (the
    GUI tester, keyboard only)."""
    QSettings().setValue(batch_again.KEY, f'["{_folder(tmp_path)}"]')
    w = show_batch_window()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    button = _again(w)
    assert button is not None and w.focusWidget() is button
    with qtbot.waitSignal(w.finished, timeout=60000):
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert w.focusWidget() is w.view, w.focusWidget()
    assert w.view.currentIndex().isValid(), "Enter opens a report"
    w.close()
