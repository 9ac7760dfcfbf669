"""The recovery copy holds exactly the unsaved work: a figure typed in a cell and then given up
(Esc, the focus taken elsewhere, another page, the window closed, undone back to the saved
state) leaves the copy — a clean document has none, an edited one's copy is rewritten without
it — while an entry the grid refused (red frame) stays in it, as an open editor's text does,
and closing the window asks before it goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

import app.reading as app_reading
import ui.documents as documents
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import autosave_window, crashed, table, type_into
from ui.main_window import MainWindow
from ui.table_view import GridView

TYPED = CellRef("三", T3_NEW, T3_COL_NATURAL)
ENTERED = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)


@pytest.fixture
def quick(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(documents, "AUTOSAVE_PAUSE_MS", 200)
    monkeypatch.setattr(documents, "AUTOSAVE_MAX_WAIT_MS", 600)


def copied(win: MainWindow) -> dict[tuple[int, int], str] | None:
    """表三's cell texts in the recovery copy on disk, None when there is none."""
    copy = win.docs.autosave_file
    if copy is None or not copy.exists():
        return None
    return app_reading.load_report(copy).cell_texts("三")


def no_copy(win: MainWindow, folder: Path) -> bool:
    return copied(win) is None and not list(folder.glob("autosave*.docx"))


def typing(qtbot, win: MainWindow, text: str) -> tuple[GridView, QLineEdit]:  # type: ignore[no-untyped-def]
    """``text`` typed into 表三's TYPED cell, not entered, and in the recovery copy."""
    view = table(win, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((TYPED.row, TYPED.col)))
    qtbot.keyClick(view, text[0])
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, text[1:])
    qtbot.waitUntil(lambda: (copied(win) or {}).get((TYPED.row, TYPED.col)) == text, timeout=3000)
    return view, editor


def test_esc_on_a_clean_document_leaves_no_copy(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    _view, editor = typing(qtbot, win, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert win.state.report.value(TYPED) is None and not win.state.is_modified()
    qtbot.waitUntil(lambda: no_copy(win, folder), timeout=3000)


def test_esc_on_an_edited_document_rewrites_the_copy_without_the_entry(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    type_into(qtbot, table(win, "三"), (ENTERED.row, ENTERED.col), "5")
    _view, editor = typing(qtbot, win, "9")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: (copied(win) or {}).get((TYPED.row, TYPED.col), "") == "", timeout=3000)
    assert (copied(win) or {}).get((ENTERED.row, ENTERED.col)) == "5", "the entered figure stays"


def stamp(win: MainWindow) -> tuple[int, int]:
    copy = win.docs.autosave_file
    assert copy is not None
    st = copy.stat()
    return st.st_ino, st.st_mtime_ns  # written through a temporary file: a new one each time


def typed_back(qtbot, win: MainWindow) -> tuple[GridView, QLineEdit]:  # type: ignore[no-untyped-def]
    """9 typed into the blank cell and rubbed out, the editor still open: the copy rewritten
    after that keystroke holds the blank (a copy nonetheless: the editor is open)."""
    view, editor = typing(qtbot, win, "9")
    before = stamp(win)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: copied(win) is not None and stamp(win) != before, timeout=3000)
    assert (copied(win) or {}).get((TYPED.row, TYPED.col)) == ""
    return view, editor


def test_focus_taken_elsewhere_from_the_old_text_leaves_no_copy(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    view, _editor = typed_back(qtbot, win)
    win.nav.setFocus()
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    assert not win.state.is_modified()
    qtbot.waitUntil(lambda: no_copy(win, folder), timeout=3000)


def test_another_page_shown_from_the_old_text_leaves_no_copy(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    view, _editor = typed_back(qtbot, win)
    win.show_page("一")
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    qtbot.waitUntil(lambda: no_copy(win, folder), timeout=3000)


def test_another_page_shown_enters_the_figure_and_the_copy_keeps_it(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    win = autosave_window(qtbot, tmp_path / "autosave")
    typing(qtbot, win, "9")
    win.show_page("一")
    qtbot.waitUntil(lambda: win.state.report.value(TYPED) == 9)
    qtbot.wait(800)  # past the copy's clock: it is still there, with the figure
    assert (copied(win) or {}).get((TYPED.row, TYPED.col)) == "9"


def test_closing_the_window_from_the_old_text_asks_nothing_and_leaves_no_copy(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    typed_back(qtbot, win)
    asked: list[int] = []
    win.docs.ask_save_changes = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    assert win.close() and asked == []
    assert not list(folder.glob("autosave*"))


def test_undo_back_to_the_saved_state_leaves_no_copy(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    type_into(qtbot, table(win, "三"), (ENTERED.row, ENTERED.col), "5")
    qtbot.waitUntil(lambda: (copied(win) or {}).get((ENTERED.row, ENTERED.col)) == "5", timeout=3000)
    win.state.stack.undo()
    qtbot.waitUntil(lambda: no_copy(win, folder), timeout=3000)


# -- refused entries (ui/grid_refusals.py) ---------------------------------------------------
def test_a_refused_entry_is_in_the_copy_and_esc_takes_it_out(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    """Refused with Enter before the copy's clock ran: the copy still comes, with the text as
    typed; Esc on the red cell lets it go, and the copy of the clean document with it."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    view = table(win, "三")
    type_into(qtbot, view, (TYPED.row, TYPED.col), "12a")
    assert TYPED in view.grid_model().refusals and not win.state.is_modified()
    qtbot.waitUntil(lambda: (copied(win) or {}).get((TYPED.row, TYPED.col)) == "12a", timeout=3000)
    view.setCurrentIndex(view.grid_model().index_of((TYPED.row, TYPED.col)))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.grid_model().refusals
    qtbot.waitUntil(lambda: no_copy(win, folder), timeout=3000)


def test_a_refused_entry_is_recovered_after_a_crash_to_correct(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    """The copy rewritten after the refusal (another figure entered) keeps the refused text;
    after the crash it is back in its cell as typed, marked as no figure, to correct."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    view = table(win, "三")
    type_into(qtbot, view, (TYPED.row, TYPED.col), "12a")
    type_into(qtbot, view, (ENTERED.row, ENTERED.col), "5")
    qtbot.waitUntil(lambda: (copied(win) or {}).get((ENTERED.row, ENTERED.col)) == "5", timeout=3000)
    assert (copied(win) or {}).get((TYPED.row, TYPED.col)) == "12a"
    crashed(win)
    again = autosave_window(qtbot, folder)
    again.docs.ask_restore = lambda info: True  # type: ignore[method-assign]
    assert again.docs.offer_restore()
    report = again.state.report
    assert report.cell_texts("三")[(TYPED.row, TYPED.col)] == "12a" and report.value(ENTERED) == 5
    assert any(f.code == "VALUE-INVALID" and TYPED in f.location.cells for f in again.state.findings)


def test_closing_with_a_refused_entry_asks_and_going_back_shows_it(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    """Kept by a crash, a refused entry is not dropped unasked by closing either: 返回改正
    keeps the window, its copy and the red cell, shown selected; 放弃输入 closes."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    view = table(win, "三")
    type_into(qtbot, view, (TYPED.row, TYPED.col), "12a")
    qtbot.waitUntil(lambda: (copied(win) or {}).get((TYPED.row, TYPED.col)) == "12a", timeout=3000)
    win.show_page("一")
    asked: list[list[tuple[CellRef, str]]] = []
    win.docs.ask_drop_refused = lambda entries: asked.append(entries) or False  # type: ignore[method-assign]
    assert not win.close()
    assert asked == [[(TYPED, "12a")]]
    assert win.current_key() == "三" and view.grid_model().ref(view.currentIndex()) == TYPED
    assert TYPED in view.grid_model().refusals and copied(win) is not None
    win.docs.ask_drop_refused = lambda entries: asked.append(entries) or True  # type: ignore[method-assign]
    assert win.close() and len(asked) == 2
    assert not list(folder.glob("autosave*"))


def test_the_question_names_the_cell_and_what_was_typed(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import filedialogs, questions

    seen: list[str] = []
    monkeypatch.setattr(filedialogs, "choose", lambda parent, icon, title, text, buttons, default, escape:
                        seen.append(text) or default)
    assert not questions.ask_drop_refused(None, [(TYPED, "12a")]), "the default goes back to correct"
    assert "表三" in seen[0] and "“12a”" in seen[0] and "等" not in seen[0]
    questions.ask_drop_refused(None, [(TYPED, "1" * 50), (ENTERED, "x")])
    assert "“" + "1" * 20 + "…”等2处输入" in seen[1]
