"""An impossible 成文日期 typed as a date (2023年2月30日) is refused saying which part is wrong,
not “请写成 2024年1月15日 这样的形式” (it was written just so: gui21 under Xvfb, shot d1); text
that is no date at all still gets the form to write it in."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.ui.conftest import type_text
from ui.main_window import MainWindow


@pytest.mark.parametrize(("typed", "says", "not_said"), [
    ("2023年2月30日", "2023年2月只有28天", "这样的形式"),
    ("2023年13月5日", "没有13月", "这样的形式"),
    ("一月十五", "请写成 2024年1月15日 这样的形式", "只有"),
])
def test_a_refused_date_says_why(window: MainWindow, qtbot, monkeypatch, typed: str, says: str, not_said: str) -> None:  # type: ignore[no-untyped-def]
    from app import values

    monkeypatch.setattr(values, "today", lambda: dt.date(2023, 12, 4))  # a blank report's example follows the clock
    page = window.show_page("基本信息")
    page.date.line.setFocus()
    page.date.line.selectAll()
    type_text(page.date.line, "2023年1月10日")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2023, 1, 10)
    page.date.line.selectAll()
    type_text(page.date.line, typed)
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2023, 1, 10), "refused: the report's date stays"
    message = window.statusBar().currentMessage()
    assert f"“{typed}”不是有效的日期" in message and says in message and not_said not in message, message
    assert says in (page.date.invalid() or "") and page.date.line.text() == typed, "kept, marked, to correct"


def _refuse(window: MainWindow, typed: str):  # type: ignore[no-untyped-def]
    page = window.show_page("基本信息")
    page.date.line.setFocus()
    page.date.line.selectAll()
    type_text(page.date.line, typed)
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    window.show_page("三")  # elsewhere when the window is closed
    return page


def test_closing_with_a_refused_date_asks_and_going_back_shows_it(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A date typed and refused stayed in the field, red, and closing dropped it without a word
    (gui21): the grids' refused entries were asked about, the field's were not.  Now closing
    asks; 返回改正 keeps the window and puts the cursor in the field; 放弃输入 closes."""
    page = _refuse(window, "2023年2月30日")
    asked: list[tuple[str, str]] = []
    window.docs.ask_drop_field = lambda name, typed: asked.append((name, typed)) or False  # type: ignore[method-assign]
    assert not window.close()
    assert asked == [("成文日期", "2023年2月30日")]
    assert window.current_key() == "基本信息" and page.date.line.hasFocus()
    assert page.date.line.text() == "2023年2月30日" and page.date.invalid()
    window.docs.ask_drop_field = lambda name, typed: asked.append((name, typed)) or True  # type: ignore[method-assign]
    assert window.close() and len(asked) == 2


def test_a_valid_date_or_an_emptied_field_asks_nothing(window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    _refuse(window, "2023年2月30日")
    page = _refuse(window, "2024年1月15日")
    assert window.state.field_entries() == [] and not page.date.invalid()


def test_saving_with_a_refused_date_says_the_file_keeps_the_old_one(window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _refuse(window, "2024年1月15日")
    _refuse(window, "2024年1月32日")
    window.docs.ask_save_path = lambda: str(tmp_path / "报告.docx")  # type: ignore[method-assign]
    assert window.docs.save_as()
    message = window.statusBar().currentMessage()
    assert "成文日期输入的“2024年1月32日”不是有效的日期，文件中仍是原来的成文日期" in message, message
    assert window.state.report.date == dt.date(2024, 1, 15)


def test_the_date_question_names_what_was_typed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import filedialogs, questions

    seen: list[str] = []
    monkeypatch.setattr(filedialogs, "choose", lambda parent, icon, title, text, buttons, default, escape:
                        seen.append(text) or default)
    assert not questions.ask_drop_field(None, "成文日期", "2023年2月30日"), "the default goes back to correct"
    assert "成文日期输入的“2023年2月30日”不是有效的日期" in seen[0]


def test_a_refused_date_is_in_the_recovery_copy_and_back_in_its_field(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A date typed and refused, nothing else edited: the title says 未保存 and a recovery copy is
    written (it was neither: a kill -9 lost the text; rev21 rev7 L1).  After the crash the
    restored report has its old date and the field the typed text again, red, to correct."""
    import ui.documents as documents
    from tests.ui.conftest import autosave_window, crashed

    monkeypatch.setattr(documents, "AUTOSAVE_PAUSE_MS", 200)
    monkeypatch.setattr(documents, "AUTOSAVE_MAX_WAIT_MS", 600)
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    win.docs.ask_save_path = lambda: str(tmp_path / "报告.docx")  # type: ignore[method-assign]
    _refuse(win, "2024年1月15日")
    assert win.docs.save_as() and not win.state.unsaved()
    _refuse(win, "2024年1月32日")
    assert win.state.unsaved() and not win.state.is_modified()
    qtbot.waitUntil(lambda: win.docs.autosave_file is not None and win.docs.autosave_file.exists(), timeout=3000)
    crashed(win)
    again = autosave_window(qtbot, folder)
    again.docs.ask_restore = lambda info: True  # type: ignore[method-assign]
    assert again.docs.offer_restore()
    page = again.show_page("基本信息")
    assert again.state.report.date == dt.date(2024, 1, 15)
    assert page.date.line.text() == "2024年1月32日" and page.date.invalid()
    assert again.state.field_entries() == [("成文日期", "2024年1月32日")]


def test_correcting_a_refused_date_takes_it_out_of_the_recovery_copy(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import json

    import ui.documents as documents
    from tests.ui.conftest import autosave_window

    monkeypatch.setattr(documents, "AUTOSAVE_PAUSE_MS", 200)
    monkeypatch.setattr(documents, "AUTOSAVE_MAX_WAIT_MS", 600)
    win = autosave_window(qtbot, tmp_path / "autosave")

    def kept() -> str | None:
        copy = win.docs.autosave_file
        info = copy.with_suffix(".json") if copy is not None else None
        return json.loads(info.read_text(encoding="utf-8")).get("typed_date") if info and info.exists() else None

    _refuse(win, "2024年1月32日")
    qtbot.waitUntil(lambda: kept() == "2024年1月32日", timeout=3000)
    page = _refuse(win, "2024年1月31日")
    assert not page.date.invalid() and win.state.field_entries() == []
    qtbot.waitUntil(lambda: kept() == "", timeout=3000)
