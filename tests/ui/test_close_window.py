"""文件 → 关闭 (Ctrl+W) closes this editor window only, as 批量检查's Ctrl+W closes its list and
Word/WPS's closes one document: a report opened from 批量检查 is a window of its own, and the
reviewer reading a dozen must not reach for the title bar's × or 退出 (which ends every window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import table, type_into
from ui.main_window import MainWindow


def _second(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    other = MainWindow(autosave_dir=tmp_path / "autosave-2")
    qtbot.addWidget(other)
    other.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    other.show()
    qtbot.waitExposed(other)
    return other


def test_ctrl_w_closes_this_window_and_leaves_the_others(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = _second(qtbot, tmp_path)
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)  # a key reaches the window a person works in
    table(other, "三").setFocus()
    qtbot.keyClick(table(other, "三"), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not other.isVisible(), "Ctrl+W in a table closes the editor window it is in"
    assert window.isVisible(), "and only that one"
    assert other.act_close in other.file_menu.actions()
    menu = [a.text() for a in other.file_menu.actions()]
    assert menu.index("关闭(&C)") == menu.index("退出(&X)") - 1, "关闭 stands just above 退出, as in Word/WPS"


def test_close_asks_about_unsaved_changes_and_cancel_keeps_everything(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    asked: list[bool] = []

    def cancel() -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.Cancel
    window.docs.ask_save_changes = cancel  # type: ignore[method-assign]
    qtbot.keyClick(table(window, "三"), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True], "the unsaved changes are asked about, as on the title bar's ×"
    assert window.isVisible() and window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5
    window.state.stack.setClean()
