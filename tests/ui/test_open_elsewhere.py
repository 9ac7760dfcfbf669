"""Opening a file that another window of this program has — 打开…, 最近打开的文件, a file dropped
on the window, the command line's file beside a recovered one — brings that window forward (restored
if minimised) and says so in its status bar: no second window on the file, no “已在另一个编辑器中
打开” about our own window, as Word and WPS switch to a document opened again.  Another process's
owner file (a second instance, another user) is asked about as before."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import app.io as app_io
import app.lock as app_lock
import app.reading as app_reading
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, drop_files, held_by_another_process, read_through, table, type_into
from ui.documents import DocumentController
from ui.main_window import MainWindow

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)
WAYS = ("dialog", "recent", "drop")


class Asked:
    """Records the owner-file question (and answers it), and 保存修改吗 (which must not come)."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.owners: list[app_lock.Owner] = []
        self.save_questions = 0

    def locked(self, path: Path, owner: app_lock.Owner) -> str:
        self.owners.append(owner)
        return self.answer

    def save_changes(self) -> QMessageBox.StandardButton:
        self.save_questions += 1
        return QMessageBox.StandardButton.Discard


def editor(qtbot: QtBot, tmp_path: Path, name: str, answer: str = "cancel") -> tuple[MainWindow, Asked]:
    win = MainWindow(autosave_dir=tmp_path / f"autosave-{name}")
    qtbot.addWidget(win)
    asked = Asked(answer)
    win.docs.ask_locked = asked.locked  # type: ignore[method-assign]
    win.docs.ask_save_changes = asked.save_changes  # type: ignore[method-assign]
    win.errors = []  # type: ignore[attr-defined]
    win.docs.show_error = lambda title, text: win.errors.append(text)  # type: ignore[method-assign,attr-defined]
    win.show()
    qtbot.waitExposed(win)
    return win, asked


def ours(tmp_path: Path, name: str = "报告.docx") -> Path:
    path = tmp_path / name
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


def open_by(way: str, window: MainWindow, path: Path) -> None:
    """``path`` opened in ``window`` as a user does it: 文件 → 打开… (the dialog answered with
    it), 文件 → 最近打开的文件 (the list another window wrote), or dropped from a file manager."""
    if way == "dialog":
        window.docs.ask_open_path = lambda: str(path)  # type: ignore[method-assign]
        window.act_open.trigger()
    elif way == "recent":
        window.recent_menu.aboutToShow.emit()  # the menu filled as it is about to show
        action = next(a for a in window.recent_menu.actions() if a.text().endswith(str(path.absolute())))
        action.trigger()
    else:
        drop_files(window, path)


def editors() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def front(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.mark.parametrize("way", WAYS)
def test_a_file_open_in_another_window_brings_that_window_forward(qtbot: QtBot, tmp_path: Path, way: str) -> None:
    path = ours(tmp_path)
    first, asked_first = editor(qtbot, tmp_path, "first")
    assert first.docs.load(path)
    type_into(qtbot, table(first, "三"), (CELL.row, CELL.col), "7")  # its unsaved work
    first.docs.write_recent()  # as a moment after the open: in the list every window shows
    second, asked = editor(qtbot, tmp_path, "second")
    type_into(qtbot, table(second, "三"), (CELL.row, CELL.col), "3")  # the blank report, edited
    front(qtbot, second)
    windows = editors()
    open_by(way, second, path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert editors() == windows, "no second window on the file"
    assert asked.owners == [] and asked_first.owners == [], "no question about our own window"
    # Every way names the file before the save question (打开…'s dialog comes first since rev25c
    # O1): this report is not replaced, so nothing is asked about it
    assert asked.save_questions == 0
    assert second.docs.loading is None and second.docs.path is None and second.docs.source is None
    assert second.state.report.value(CELL) == 3 and second.state.is_modified()
    assert first.docs.path == path and first.state.report.value(CELL) == 7 and first.state.is_modified()
    assert first.statusBar().currentMessage() == "报告.docx 已在此窗口中打开（未再打开一份）"
    assert app_lock.read_owner(path) is not None and first.docs.locks.holds(path), "its owner file stays the first's"
    assert not first.errors and not second.errors  # type: ignore[attr-defined]


def test_a_minimised_window_comes_back_as_it_was(qtbot: QtBot, tmp_path: Path) -> None:
    path = ours(tmp_path)
    first, _ = editor(qtbot, tmp_path, "first")
    assert first.docs.load(path)
    second, asked = editor(qtbot, tmp_path, "second")
    first.showMaximized()
    first.showMinimized()
    qtbot.waitUntil(first.isMinimized)
    open_by("drop", second, path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert not first.isMinimized() and first.isMaximized(), "restored, maximised as before"
    assert asked.owners == [] and second.docs.path is None


def test_a_file_another_window_is_reading_brings_that_window_forward(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Still 正在打开 there (its owner file taken, nothing shown yet): that window, not a second read."""
    path = ours(tmp_path)
    release = threading.Event()
    real: Callable[..., object] = app_reading.load_report

    def slow(p: Path, cancelled: Callable[[], bool] | None = None) -> object:
        release.wait(30)
        return real(p, cancelled=cancelled)

    monkeypatch.setattr(app_reading, "load_report", slow)
    first, _ = editor(qtbot, tmp_path, "first")
    assert first.docs.load_in_background(path) is not None
    second, asked = editor(qtbot, tmp_path, "second")
    front(qtbot, second)
    try:
        open_by("dialog", second, path)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
        assert second.docs.loading is None and asked.owners == []
        assert first.docs.loading is not None, "its read goes on"
    finally:
        release.set()
    read_through(first)
    assert first.docs.path == path and second.docs.path is None


def test_opening_a_file_again_in_its_own_window_reads_it_again(qtbot: QtBot, tmp_path: Path) -> None:
    """The window itself is no other window: 打开 there reads the file again, as before."""
    path = ours(tmp_path)
    first, asked = editor(qtbot, tmp_path, "first")
    assert first.docs.load(path)
    type_into(qtbot, table(first, "三"), (CELL.row, CELL.col), "7")
    open_by("dialog", first, path)
    read_through(first)
    assert asked.save_questions == 1 and asked.owners == []
    assert first.state.report.value(CELL) != 7 and not first.state.is_modified()


@pytest.mark.parametrize("way", WAYS)
def test_a_file_another_process_holds_is_asked_about_as_before(qtbot: QtBot, tmp_path: Path, way: str) -> None:
    path = ours(tmp_path)
    lister, _ = editor(qtbot, tmp_path, "lister")
    assert lister.docs.load(path)
    lister.docs.write_recent()  # the recent list names it
    assert lister.close()
    window, asked = editor(qtbot, tmp_path, "window", answer="read_only")
    with held_by_another_process(path) as pid:
        open_by(way, window, path)
        read_through(window)
        assert [o.pid for o in asked.owners] == [pid], "the other editor named in the question"
        assert window.docs.path is None and window.docs.source == path and window.docs.read_only
        assert "报告.docx（只读）" in window.windowTitle()
        assert app_lock.read_owner(path).pid == pid, "its owner file left to it"  # type: ignore[union-attr]
    assert window.windowState() & Qt.WindowState.WindowMinimized == Qt.WindowState.WindowNoState


def test_cancel_at_the_question_about_another_process_leaves_the_window_as_it_was(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = ours(tmp_path)
    window, asked = editor(qtbot, tmp_path, "window", answer="")
    with held_by_another_process(path):
        open_by("drop", window, path)
        read_through(window)
    assert len(asked.owners) == 1 and window.docs.path is None and window.docs.source is None
    assert window.statusBar().currentMessage() == "未打开 报告.docx：文件正由他人编辑"


def test_the_command_lines_file_beside_its_recovered_copy_is_not_opened_twice(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -m app 报告.docx`` after a crash: the first window took the recovered copy of that
    very file (ui.main.run) — the file opened beside it would be the same report twice."""
    from ui import main as ui_main

    path = ours(tmp_path)
    folder = tmp_path / "autosave"
    crashed, _ = editor(qtbot, tmp_path, "crashed")
    crashed.docs.autosave_dir = folder
    assert crashed.docs.load(path)
    type_into(qtbot, table(crashed, "三"), (CELL.row, CELL.col), "7")
    assert crashed.docs.autosave()
    slot = crashed.docs._slot
    assert slot is not None
    slot.release()  # what a crash leaves: the copy, no editor holding it, no window
    crashed.docs._slot = None
    crashed.docs.locks.release()
    crashed.state.mark_saved()
    crashed.hide()
    first, asked = editor(qtbot, tmp_path, "first")
    first.docs.autosave_dir = folder
    monkeypatch.setattr(DocumentController, "ask_restore", lambda self, info: True)
    assert first.docs.offer_restore()
    assert first.docs.path == path and first.state.report.value(CELL) == 7
    windows = editors()
    ui_main._open_beside(first, path)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert editors() == windows and asked.owners == []
    # Said as what it is: the recovered copy of that file (rev24c M1: “已在此窗口中打开（未再打开
    # 一份）” spoke of an opening the user never repeated).
    assert first.statusBar().currentMessage() == "报告.docx：已打开它的恢复副本（含上次未保存的修改），未再打开文件本身"
