"""Windows logging off or shutting down asks the program first (QGuiApplication's
commitDataRequest; an X11 session manager the same): every window's unsaved edits go into its
recovery copy at once; a question 保存/不保存/取消 only where the session manager allows one
(取消 cancels the logoff); when the session ends, the owner files go.  The manager here is a
stand-in: PySide cannot emit the signal's QSessionManager& from Python (it crashes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

import app.io as app_io
import app.lock as app_lock
import app.reading as app_reading
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, autosave_window, table, type_into
from ui import session_end
from ui.autosave import crashed_slots
from ui.main_window import MainWindow

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)
Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _windows_closed(qapp: QApplication) -> Iterator[None]:
    """A window whose closing a test answered 取消 (or whose save fails) outlived its test until
    the garbage collector came by, and the next test's logoff asked it first; here each ends
    with its test, unsaved edits discarded, its recovery copy let go."""
    yield
    for win in session_end._main_windows():
        assert isinstance(win, MainWindow)
        win.docs.ask_save_changes = lambda: Button.Discard  # type: ignore[method-assign]
        win.close()
        win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Manager:
    """A session manager that allows a question or not, and says what it was told."""

    def __init__(self, allows: bool) -> None:
        self.allows = allows
        self.asked_to_interact = 0
        self.cancelled = False
        self.released = 0

    def allowsInteraction(self) -> bool:
        self.asked_to_interact += 1
        return self.allows

    def cancel(self) -> None:
        self.cancelled = True

    def release(self) -> None:
        self.released += 1


def _edited(qtbot, tmp_path: Path, name: str, value: str) -> tuple[MainWindow, Path]:  # type: ignore[no-untyped-def]
    """A window on a saved report with ``value`` typed into 表三, not yet in any copy."""
    path = tmp_path / name
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    win = autosave_window(qtbot, tmp_path / "autosave")
    assert win.docs.load(path)
    type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), value)
    assert win.state.is_modified() and win.docs.autosave_file is None  # the timer has not run
    return win, path


def _copy_value(win: MainWindow) -> object:
    assert win.docs.autosave_file is not None and win.docs.autosave_file.exists()
    return app_reading.load_report(win.docs.autosave_file).value(CELL)


def _answers(win: MainWindow, answer: Button, asked: list[str]) -> None:
    def ask() -> Button:
        asked.append(win.docs.display_name())
        return answer
    win.docs.ask_save_changes = ask  # type: ignore[method-assign]


def test_no_question_allowed_the_edits_go_into_the_copies_and_nothing_is_asked(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, first_path = _edited(qtbot, tmp_path, "甲.docx", "7")
    second, _ = _edited(qtbot, tmp_path, "乙.docx", "8")
    clean = autosave_window(qtbot, tmp_path / "autosave")
    for win in (first, second, clean):
        win.docs.ask_save_changes = lambda: pytest.fail("asked with no interaction allowed")  # type: ignore[method-assign]
    manager = Manager(allows=False)
    session_end.commit_data(manager)
    assert (_copy_value(first), _copy_value(second)) == (7, 8)
    assert clean.docs.autosave_file is None  # nothing unsaved there: no copy
    assert not manager.cancelled and manager.released == 0
    assert first.isVisible() and first.state.is_modified()  # the session may yet go on
    assert app_lock.live_owner(first_path) is not None  # still this window's file
    assert app_reading.load_report(first_path).value(CELL) != 7  # the file itself untouched


@pytest.mark.parametrize("answer", [Button.Save, Button.Discard, Button.Cancel])
def test_a_question_allowed_each_changed_window_asks_as_on_closing(qtbot, tmp_path, answer) -> None:  # type: ignore[no-untyped-def]
    win, path = _edited(qtbot, tmp_path, "报告.docx", "7")
    clean = autosave_window(qtbot, tmp_path / "autosave")
    asked: list[str] = []
    _answers(win, answer, asked)
    _answers(clean, Button.Cancel, asked)
    manager = Manager(allows=True)
    session_end.commit_data(manager)
    assert asked == ["报告.docx"]  # the unchanged window asks nothing
    assert manager.released == 1 and manager.cancelled == (answer is Button.Cancel)
    saved = app_reading.load_report(path).value(CELL)
    if answer is Button.Save:
        assert saved == 7 and not win.state.is_modified() and win.docs.autosave_file is None
    elif answer is Button.Discard:  # the copy stays while another program may yet cancel the logoff
        copy = win.docs.autosave_file
        assert saved != 7 and _copy_value(win) == 7
        session_end._session_ended()  # the session really ends: as on closing, nothing to recover
        assert copy is not None and not copy.exists() and crashed_slots(tmp_path / "autosave") == []
    else:  # the logoff cancelled; the edits stay, in the window and in the copy
        assert saved != 7 and win.state.is_modified() and _copy_value(win) == 7


def test_a_cancel_in_the_second_window_cancels_once_the_first_saved(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, first_path = _edited(qtbot, tmp_path, "甲.docx", "7")
    second, _ = _edited(qtbot, tmp_path, "乙.docx", "8")
    asked: list[str] = []
    _answers(first, Button.Save, asked)
    _answers(second, Button.Cancel, asked)
    manager = Manager(allows=True)
    session_end.commit_data(manager)
    assert manager.cancelled and manager.released == 1
    assert asked[-1] == "乙.docx" and asked.count("乙.docx") == 1  # the windows' order is Qt's
    if "甲.docx" in asked:  # asked first: saved as answered
        assert app_reading.load_report(first_path).value(CELL) == 7 and not first.state.is_modified()
    assert second.state.is_modified() and _copy_value(second) == 8  # kept for the logoff that did not happen


def test_a_cancel_after_another_windows_discard_keeps_that_windows_copy(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """L7: window A answered 不保存, then B 取消: the logoff is cancelled and A goes on open with
    its edits, so its recovery copy must go on too (it was deleted at A's answer)."""
    first, _ = _edited(qtbot, tmp_path, "甲.docx", "7")
    second, _ = _edited(qtbot, tmp_path, "乙.docx", "8")
    asked: list[MainWindow] = []
    for win in (first, second):  # whichever Qt asks first answers 不保存, the other 取消
        def ask(win: MainWindow = win) -> Button:
            asked.append(win)
            return Button.Cancel if len(asked) == 2 else Button.Discard  # later: the teardown's close
        win.docs.ask_save_changes = ask  # type: ignore[method-assign]
    manager = Manager(allows=True)
    session_end.commit_data(manager)
    assert manager.cancelled and len(asked) == 2 and asked[0] is not asked[1]
    discarded = asked[0]
    value = 7 if discarded is first else 8
    assert discarded.isVisible() and discarded.state.is_modified() and _copy_value(discarded) == value
    session_end._session_ended()  # the program ends later for another reason (a crash's copy kept too)
    slots = crashed_slots(tmp_path / "autosave")
    assert len(slots) == 2, "the window answered 不保存 in a cancelled round lost its copy"
    for s in slots:
        s.release()


def test_a_failed_save_cancels_the_logoff(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win, path = _edited(qtbot, tmp_path, "报告.docx", "7")
    asked: list[str] = []
    _answers(win, Button.Save, asked)
    errors: list[str] = []
    win.docs.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]

    def full_disk(*_a, **_k) -> None:  # type: ignore[no-untyped-def]
        raise app_io.WriteError("磁盘已满")

    monkeypatch.setattr("ui.documents.atomic_save", full_disk)  # the report's save, not the copy's
    manager = Manager(allows=True)
    session_end.commit_data(manager)
    assert manager.cancelled and errors and win.state.is_modified() and _copy_value(win) == 7
    assert app_reading.load_report(path).value(CELL) != 7


def test_when_the_session_ends_the_owner_files_go_and_the_copies_stay(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win, path = _edited(qtbot, tmp_path, "报告.docx", "7")
    session_end.commit_data(Manager(allows=False))
    copy = win.docs.autosave_file
    session_end._session_ended()  # what Qt's aboutToQuit runs as Windows ends the process
    assert app_lock.live_owner(path) is None and not app_lock.lock_path(path).exists()
    assert copy is not None and copy.exists()
    slots = crashed_slots(tmp_path / "autosave")  # the next start may take it: its lock is free
    assert [s.copy for s in slots] == [copy]
    for s in slots:
        s.release()


def test_the_program_listens_for_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    signal = SIGNAL("commitDataRequest(QSessionManager&)")
    before = app.receivers(signal)
    session_end.install_commit_data(app)
    try:
        assert app.receivers(signal) == before + 1
    finally:
        app.commitDataRequest.disconnect(session_end.commit_data)
