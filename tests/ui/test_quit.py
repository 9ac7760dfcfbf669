"""文件 → 退出 (Ctrl+Q) ends the program's every window, as Word/WPS's 退出 does: each asks about
its own unsaved changes before any window closes, and 取消 in any keeps every window (and the
program) open — from 批量检查's Ctrl+Q too."""

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
    assert window.isVisible(), "取消 in any window cancels the whole quit: the window 退出 was chosen in too"
    assert len(asked) == 1 and other.isVisible(), "取消 keeps the report with unsaved changes open"
    assert other.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5, "nothing typed is lost"
    other.state.stack.setClean()


def _quit_in(batch: BatchWindow) -> None:
    """批量检查's 退出 (Ctrl+Q where there is one): its action, as the key triggers it."""
    leave = next(a for a in batch.actions() if a.text() == "退出")
    leave.trigger()


def test_quit_in_the_batch_window_asks_the_editors_before_closing_anything(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Q in 批量检查: the editors with unsaved changes ask first, each once; 取消 in the second
    keeps every window, the list and the editor answered 不保存 too.  It closed the list first."""
    other = _second(qtbot, tmp_path)
    batch = BatchWindow()
    qtbot.addWidget(batch)
    batch.show()
    qtbot.waitExposed(batch)
    for editor, figure in ((window, "5"), (other, "7")):
        type_into(qtbot, table(editor, "三"), (T3_NEW, T3_COL_NATURAL), figure)
    asked: list[MainWindow] = []
    answers = {window: QMessageBox.StandardButton.Discard, other: QMessageBox.StandardButton.Cancel}
    for editor in (window, other):
        editor.docs.ask_save_changes = lambda e=editor: asked.append(e) or answers[e]  # type: ignore[method-assign]
    _quit_in(batch)
    assert sorted(map(id, asked)) == sorted([id(window), id(other)]), "each editor asked once"
    assert batch.isVisible() and window.isVisible() and other.isVisible(), "取消: nothing closed"
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5
    answers[other] = QMessageBox.StandardButton.Discard
    asked.clear()
    _quit_in(batch)
    assert len(asked) == 2, "asked once more each, never again on closing"
    assert not batch.isVisible() and not window.isVisible() and not other.isVisible()
