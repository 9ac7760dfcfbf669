"""文件 → 退出 (Ctrl+Q) ends the program's every window, as Word/WPS's 退出 does: each asks about
its own unsaved changes, and 取消 keeps that window (and the program) open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import table, type_into
from ui.batch_window import BatchWindow
from ui.main_window import MainWindow


def _second(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    other = MainWindow(autosave_dir=tmp_path / "autosave-2")
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    return other


def test_quit_closes_every_window_of_the_program(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = _second(qtbot, tmp_path)
    batch = BatchWindow()
    qtbot.addWidget(batch)
    batch.show()
    qtbot.waitExposed(batch)
    window.act_quit.trigger()
    assert not window.isVisible() and not other.isVisible() and not batch.isVisible()


def test_cancel_in_another_window_keeps_it_open(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = _second(qtbot, tmp_path)
    type_into(qtbot, table(other, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    asked: list[str] = []

    def cancel() -> QMessageBox.StandardButton:
        asked.append(other.windowTitle())
        return QMessageBox.StandardButton.Cancel
    other.docs.ask_save_changes = cancel  # type: ignore[method-assign]
    window.act_quit.trigger()
    assert not window.isVisible(), "the window 退出 was chosen in closes first"
    assert len(asked) == 1 and other.isVisible(), "取消 keeps the report with unsaved changes open"
    assert other.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5, "nothing typed is lost"
    other.state.stack.setClean()
