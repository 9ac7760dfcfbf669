"""A file whose unsaved edits sit in a recovery copy (以后再说 at the start, or its editor crashed
since) is offered when it is opened, as at the start: from the GUI test, opening it said nothing
and the edits sat unseen beside it while the same work was done again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import app.io as app_io
import app.reading as app_reading
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from ui.autosave import Recovery, crashed_slots
from ui.main_window import MainWindow

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)
TEXT_COPY = Path(__file__).parents[1] / "data" / "xiaogang-2021.txt"


def _crashed_with(qtbot, folder: Path, path: Path, value: str) -> Path:  # type: ignore[no-untyped-def]
    """A window that opened ``path``, typed ``value`` into 表三, wrote its copy and crashed."""
    win = autosave_window(qtbot, folder)
    assert win.docs.load(path)
    type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), value)
    assert win.docs.autosave()
    copy = win.docs.autosave_file
    assert copy is not None
    crashed(win)
    return copy


def _asks(window: MainWindow, answer: bool | None) -> list[Recovery]:
    seen: list[Recovery] = []
    window.docs.ask_restore_opened = lambda info: seen.append(info) or answer  # type: ignore[method-assign]
    return seen


def _later_at_the_start(window: MainWindow) -> None:
    window.docs.ask_restore = lambda info: None  # type: ignore[method-assign]
    assert not window.docs.offer_restore()


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


def test_later_at_the_start_then_the_file_opened_offers_its_copy(qtbot, tmp_path, saved) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copy = _crashed_with(qtbot, folder, saved, "5")
    window = autosave_window(qtbot, folder)
    _later_at_the_start(window)
    said: list[str] = []
    window.docs.message.connect(said.append)
    seen = _asks(window, True)
    assert window.docs.load(saved)
    assert [i.path for i in seen] == [str(saved)]
    assert window.state.report.value(CELL) == 5 and window.state.is_modified(), "the unsaved edit is back"
    assert window.docs.path == saved and window.docs.autosave_file == copy and copy.exists()
    assert any("已恢复" in s for s in said)
    assert window.docs.save() and app_reading.load_report(saved).value(CELL) == 5
    assert not copy.exists() and crashed_slots(folder) == []


def test_discarded_the_copy_goes_and_the_file_stays_as_read(qtbot, tmp_path, saved) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copy = _crashed_with(qtbot, folder, saved, "5")
    window = autosave_window(qtbot, folder)
    seen = _asks(window, False)
    assert window.docs.load(saved)
    assert len(seen) == 1 and not copy.exists() and crashed_slots(folder) == []
    assert window.state.report.value(CELL) != 5 and not window.state.is_modified()


def test_later_again_keeps_the_copy_and_says_so_and_the_next_open_asks_again(qtbot, tmp_path, saved) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copy = _crashed_with(qtbot, folder, saved, "5")
    other = tmp_path / "别的.docx"
    shutil.copy(saved, other)
    window = autosave_window(qtbot, folder)
    said: list[str] = []
    window.docs.message.connect(said.append)
    seen = _asks(window, None)
    assert window.docs.load(other)
    assert seen == [], "another file's copy is not offered"
    assert window.docs.load(saved)
    assert len(seen) == 1 and copy.exists()
    assert "自动保存的副本保留" in said[-1]
    assert window.state.report.value(CELL) != 5 and window.docs._slot is None
    assert window.docs.load(saved) and len(seen) == 2, "asked again"
    slots = crashed_slots(folder)  # free for the next start
    assert [s.copy for s in slots] == [copy]
    for s in slots:
        s.release()


def test_another_programs_file_is_offered_its_copy_too(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    source = Path(shutil.copy(TEXT_COPY, tmp_path / "网页副本.txt"))
    _crashed_with(qtbot, folder, source, "6")
    window = autosave_window(qtbot, folder)
    seen = _asks(window, True)
    assert window.docs.load(source)
    assert [i.source for i in seen] == [str(source)]
    assert window.state.report.value(CELL) == 6 and window.docs.source == source


def test_the_start_file_just_postponed_is_not_asked_about_twice(qtbot, tmp_path, saved) -> None:  # type: ignore[no-untyped-def]
    """``python -m app 报告.docx``: 以后再说 to its copy at the start, then the file opens — a
    word in the status bar, not the same question a second time."""
    folder = tmp_path / "autosave"
    copy = _crashed_with(qtbot, folder, saved, "5")
    window = autosave_window(qtbot, folder)
    _later_at_the_start(window)
    seen = _asks(window, True)
    said: list[str] = []
    window.docs.message.connect(said.append)
    window.docs.start_file = saved  # as ui.main.run sets it
    assert window.docs.load(saved)
    assert seen == [] and copy.exists() and "仍保留在自动保存的副本中" in said[-1]
    assert window.docs.load(saved) and len(seen) == 1, "opened again later: asked"


def test_the_question_says_what_each_answer_does() -> None:
    from ui.questions import restore_opened_text

    text = restore_opened_text(Recovery(path="/年报/报告.docx", saved_at="2026-12-01T06:00:00"))
    assert "“报告.docx”有上次没有保存的修改" in text and "2026年12月01日 06:00:00" in text
    assert all(word in text for word in ("恢复：", "放弃：", "以后再说："))


def test_a_failed_start_read_leaves_no_answered_mark(qtbot, tmp_path, saved) -> None:  # type: ignore[no-untyped-def]
    """The start's file not read (a failure, 取消): opening it later asks about its copy as any
    open does, never takes the start's 以后再说 for an answer (reviewer)."""
    folder = tmp_path / "autosave"
    _crashed_with(qtbot, folder, saved, "5")
    window = autosave_window(qtbot, folder)
    _later_at_the_start(window)
    window.docs.start_file = saved
    window.docs.show_error = lambda title, text: None  # type: ignore[method-assign]
    real = app_reading.load_report
    app_reading.load_report = lambda path, cancelled=None: (_ for _ in ()).throw(app_io.ReadError("坏"))  # type: ignore[assignment]
    try:
        task = window.docs.load_in_background(saved)
        assert task is not None
        qtbot.waitUntil(lambda: window.docs.loading is None, timeout=20000)
    finally:
        app_reading.load_report = real
    seen = _asks(window, None)
    assert window.docs.load(saved)
    assert [i.path for i in seen] == [str(saved)]


def test_a_screenshot_run_never_asks_about_or_touches_the_users_copies(qtbot, tmp_path, saved) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    copy = _crashed_with(qtbot, folder, saved, "5")
    window = autosave_window(qtbot, folder)
    window.docs.offer_copies = False  # as ui/main's --screenshot branch sets it
    seen = _asks(window, False)
    assert window.docs.load(saved)
    assert seen == [] and copy.exists() and len(crashed_slots(folder)) == 1
