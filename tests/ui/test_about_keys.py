"""帮助 → 关于 closes on Esc like every other dialog (from the GUI tester, who found it open
after Esc: with 打开日志文件夹 beside 确定, Qt's box had no button it took for Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app import logs
from ui.about import OPEN_FOLDER
from ui.main_window import MainWindow


def _press_escape_in_the_box(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(50, lambda: _press_escape_in_the_box(seen))
        return
    seen.append(box.windowTitle())
    if [b for b in box.buttons() if b.text() == OPEN_FOLDER]:
        seen.append(OPEN_FOLDER)
    QtBot.keyClick(box, Qt.Key.Key_Escape)
    if box.isVisible():  # Esc did nothing: close it so the test ends, and say so
        seen.append("still open after Esc")
        box.reject()


def test_escape_closes_about_with_its_log_folder_button(window: MainWindow, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    logs.stop()
    logs.start(tmp_path / "logs")  # with a log the box has its 打开日志文件夹 button
    try:
        seen: list[str] = []
        QTimer.singleShot(0, lambda: _press_escape_in_the_box(seen))
        window.act_about.trigger()  # exec(): returns when the box is closed
        assert seen == ["关于年报编辑器", OPEN_FOLDER]
    finally:
        logs.stop()
