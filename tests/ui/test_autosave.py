"""Autosave belongs to one document of one process: two windows, two processes, kill -9; the
recovery copy follows the edits a couple of seconds after they pause."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

import app.io as app_io
import app.reading as app_reading
import ui.documents as documents
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, T3_NEW, CellRef
from tests.helpers import terminal_signals
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from ui.autosave import Recovery
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
CELL = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)
TEXT_COPY = Path(__file__).parents[1] / "data" / "xiaogang-2021.txt"


def crashed_after_an_edit(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """A window that typed 5 into 表三, wrote its recovery copy and crashed."""
    win = autosave_window(qtbot, folder)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert win.docs.autosave()
    crashed(win)


def offers(window: MainWindow, answer: bool | None) -> list[Recovery]:
    seen: list[Recovery] = []
    window.docs.ask_restore = lambda info: seen.append(info) or answer  # type: ignore[method-assign]
    window.docs.offer_restore()
    return seen


# -- two windows in one process --------------------------------------------------------------
def test_two_windows_have_their_own_copies_and_never_offer_each_others(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    first, second = autosave_window(qtbot, folder), autosave_window(qtbot, folder)
    type_into(qtbot, table(first, "三"), (T3_NEW, T3_COL_NATURAL), "3")
    type_into(qtbot, table(second, "三"), (T3_NEW, T3_COL_NATURAL), "4")
    assert first.docs.autosave() and second.docs.autosave()
    copies = {first.docs.autosave_file, second.docs.autosave_file}
    assert len(copies) == 2 and all(c is not None and c.exists() for c in copies)
    third = autosave_window(qtbot, folder)
    assert offers(third, False) == [], "a live window's copy is never offered"
    assert all(c is not None and c.exists() for c in copies), "…nor deleted by declining"
    assert app_reading.load_report(first.docs.autosave_file).value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 3  # type: ignore[arg-type]
    assert app_reading.load_report(second.docs.autosave_file).value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 4  # type: ignore[arg-type]
    first_copy = first.docs.autosave_file
    assert first.close()  # discarded on closing: its copy goes, the other window's stays
    assert first_copy is not None and not first_copy.exists()
    assert second.docs.autosave_file is not None and second.docs.autosave_file.exists()


def test_each_crashed_document_is_offered_by_name(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One opened from a text copy of a web page (another format), one never saved, one ours."""
    folder = tmp_path / "autosave"
    imported, untitled, ours = (autosave_window(qtbot, folder) for _ in range(3))
    source = Path(shutil.copy(TEXT_COPY, tmp_path / "网页副本.txt"))
    assert imported.docs.load(source)
    saved = tmp_path / "本机关.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), saved)
    assert ours.docs.load(saved)
    for n, win in enumerate((imported, untitled, ours), 1):
        type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), str(n))
        assert win.docs.autosave()
        crashed(win)
    starting = autosave_window(qtbot, folder)
    elsewhere: list[tuple[Recovery, int]] = []
    starting.docs.restore_elsewhere = lambda slot, report, info: elsewhere.append((info, report.value(CELL)))
    seen = offers(starting, True)
    assert sorted(i.name() for i in seen) == sorted(["网页副本.txt", "未命名报告", "本机关.docx"])
    by_name = {i.name(): i for i in seen}
    assert by_name["网页副本.txt"].source == str(source) and not by_name["网页副本.txt"].path
    assert by_name["本机关.docx"].path == str(saved)
    assert "尚未保存过" in by_name["未命名报告"].origin()
    assert len(elsewhere) == 2, "the first accepted opens here, the others in windows of their own"
    here = starting.state.report.value(CELL)
    assert sorted([here, *(v for _, v in elsewhere)]) == [1, 2, 3]
    assert starting.state.is_modified()
    if starting.docs.path is None and starting.docs.source is not None:  # the imported one here
        assert starting.docs.suggested == source.with_suffix(".docx")


def test_a_recovered_word_file_is_saved_beside_it_never_over_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Another program's .docx, edited, crashed, recovered: saving offers the （修订） name beside
    it, as opening it does — never the original's own name (accepting that overwrote it)."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    original = Path(shutil.copy(SAMPLE, tmp_path / "某局年报.docx"))
    before = original.read_bytes()
    assert win.docs.load(original) and win.docs.path is None, "another program's file: saved elsewhere"
    type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), "7")
    assert win.docs.autosave()
    crashed(win)
    starting = autosave_window(qtbot, folder)
    assert len(offers(starting, True)) == 1
    assert starting.docs.source == original and starting.docs.path is None
    revised = tmp_path / "某局年报（修订）.docx"
    assert starting.docs.suggested == revised
    asked: list[object] = []
    monkeypatch.setattr(documents.filedialogs, "get_save_path",
                        lambda parent, title, suggested, name_filter: asked.append(suggested) or str(suggested))
    assert starting.docs.save()  # the save dialog accepted as it opens (Enter)
    assert asked == [revised]
    assert original.read_bytes() == before
    assert app_reading.load_report(revised).value(CELL) == 7


def test_a_recovered_document_keeps_its_copy_until_saved(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Restored and crashed again before any edit: still offered the next time."""
    folder = tmp_path / "autosave"
    crashed_after_an_edit(qtbot, folder)
    again = autosave_window(qtbot, folder)
    assert len(offers(again, True)) == 1
    crashed(again)
    third = autosave_window(qtbot, folder)
    seen = offers(third, True)
    assert len(seen) == 1 and third.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5


def test_later_keeps_the_copy_for_the_next_start(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    crashed_after_an_edit(qtbot, folder)
    assert len(offers(autosave_window(qtbot, folder), None)) == 1
    assert len(offers(autosave_window(qtbot, folder), None)) == 1


def test_undoing_to_the_saved_state_leaves_nothing_to_recover(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = autosave_window(qtbot, tmp_path / "autosave")
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert win.docs.autosave()
    copy = win.docs.autosave_file
    win.state.stack.undo()
    assert not win.docs.autosave()
    assert copy is not None and not copy.exists()


# -- when the copy is written ----------------------------------------------------------------
@pytest.fixture
def quick(monkeypatch):  # type: ignore[no-untyped-def]
    """The same rules on a shorter clock."""
    monkeypatch.setattr(documents, "AUTOSAVE_PAUSE_MS", 200)
    monkeypatch.setattr(documents, "AUTOSAVE_MAX_WAIT_MS", 600)


def copied_value(win: MainWindow) -> object:
    copy = win.docs.autosave_file
    return app_reading.load_report(copy).value(CellRef("三", T3_NEW, T3_COL_NATURAL)) if copy is not None and copy.exists() else None


def test_the_copy_follows_a_pause_in_typing(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    win = autosave_window(qtbot, tmp_path / "autosave")
    view = table(win, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)))
    # Its clock starts at the keystroke: a figure typed and not entered is an edit too (the
    # next test); a test slowed down between the key and Enter would see the copy already.
    qtbot.keyClick(view, "5")
    assert win.docs.autosave_file is None, "not while typing"
    qtbot.keyClick(next(e for e in view.findChildren(QLineEdit) if e.isVisible()), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: copied_value(win) == 5, timeout=3000)


def test_the_copy_is_written_while_typing_goes_on(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    """Entries every 100 ms never pause for 200 ms: the copy still comes within 600 ms."""
    win = autosave_window(qtbot, tmp_path / "autosave")
    view = table(win, "三")
    start = time.monotonic()
    n = 0
    while copied_value(win) is None:
        n += 1
        type_into(qtbot, view, (T3_NEW, T3_COL_NATURAL), str(n))
        qtbot.wait(100)
        assert time.monotonic() - start < 2.0, "no copy while typing goes on"
    assert 1 <= int(copied_value(win)) <= n  # type: ignore[call-overload]


def test_a_figure_typed_but_not_entered_reaches_the_copy_and_the_editor_stays_open(qtbot, tmp_path, quick) -> None:  # type: ignore[no-untyped-def]
    """From the GUI tester: 9 typed in a cell, no Enter or Tab, was missing from the recovery
    copy after kill -9.  The copy holds it, and the user typing on sees no difference."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

    win = autosave_window(qtbot, tmp_path / "autosave")
    view = table(win, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.keyClick(view, "9")
    editor = next(e for e in view.findChildren(QLineEdit) if e.isVisible())
    qtbot.waitUntil(lambda: copied_value(win) == 9, timeout=3000)
    assert win.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) is None, "not entered: no undo step yet"
    assert view.state() == QAbstractItemView.State.EditingState and QApplication.focusWidget() is editor
    qtbot.keyClicks(editor, "a")  # no figure: kept as typed, to correct after a recovery
    qtbot.waitUntil(lambda: win.docs.autosave_file is not None and "9a" in app_reading.load_report(
        win.docs.autosave_file).cell_texts("三").values(), timeout=3000)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate queues the commit
    qtbot.waitUntil(lambda: win.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 9)
    assert win.state.stack.count() == 1, "entered once: one undo step"


def test_a_narrative_edit_reaches_the_copy_before_the_text_is_synced(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = autosave_window(qtbot, tmp_path / "autosave")
    doc = win.state.document("五")
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(doc)
    cursor.insertText("新写的一句。")
    assert win.docs.autosave()
    copy = win.docs.autosave_file
    assert copy is not None and "新写的一句。" in app_reading.load_report(copy).section_text("五")


# -- processes -------------------------------------------------------------------------------
def editor(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.ui.editor_process", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=terminal_signals)


def started(tmp_path: Path, answer: str) -> tuple[list[dict], list[dict]]:  # type: ignore[type-arg]
    proc = editor(tmp_path, "start", answer)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    lines = out.splitlines()
    offered = [json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("offer ")]
    windows = next(json.loads(line.split(" ", 1)[1]) for line in lines if line.startswith("windows "))
    return offered, windows


def copies(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data").rglob("autosave*.docx"))


def read_typed(proc: subprocess.Popen[str], until: int) -> dict[int, float]:
    typed: dict[int, float] = {}
    assert proc.stdout is not None
    while len(typed) < until:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "editor ended"
        if line.startswith("typed "):
            _, n, t = line.split()
            typed[int(n)] = float(t)
    return typed


def test_a_live_editor_in_another_process_is_left_alone_then_recovered_after_kill_9(tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), report)
    live = editor(tmp_path, "edit", str(report), "1", "0.2")
    try:
        read_typed(live, 1)
        deadline = time.monotonic() + 20
        while not copies(tmp_path):
            assert time.monotonic() < deadline, "no recovery copy"
            time.sleep(0.1)
        offered, windows = started(tmp_path, "no")  # another editor starts meanwhile
        assert offered == [], "the live editor's copy is not offered to another process"
        assert copies(tmp_path), "…and declining nothing deleted it"
        assert windows[0]["value"] is None
    finally:
        live.send_signal(signal.SIGKILL)
        live.wait(10)
    offered, windows = started(tmp_path, "yes")
    assert [o["name"] for o in offered] == ["报告.docx"] and offered[0]["path"] == str(report)
    assert windows[0]["value"] == 1 and windows[0]["modified"] and "报告.docx" in windows[0]["title"]


@pytest.mark.parametrize("typing", ["then pauses", "goes on"])
def test_at_most_five_seconds_of_typing_lost_after_kill_9(tmp_path, typing) -> None:  # type: ignore[no-untyped-def]
    """An entry every 0.3 s; killed 7 s in: either 3 s after the last entry, or while the
    entries go on.  What the next start recovers is at most 5 s older than the kill."""
    count = 14 if typing == "then pauses" else 1000
    proc = editor(tmp_path, "edit", "-", str(count), "0.3")
    try:
        typed = read_typed(proc, 1)
        if typing == "then pauses":
            typed |= read_typed(proc, count - 1)
        time.sleep(max(0.0, typed[1] + 7 - time.monotonic()))
    finally:
        proc.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        rest, _ = proc.communicate(timeout=10)
    for line in rest.splitlines():  # entries made before the kill but not yet read
        if line.startswith("typed "):
            typed[int(line.split()[1])] = float(line.split()[2])
    offered, windows = started(tmp_path, "yes")
    assert [o["name"] for o in offered] == ["未命名报告"]
    value = windows[0]["value"]
    assert value in typed, (value, typed)
    lost = killed - typed[value]
    if typing == "then pauses":
        assert value == count, "everything entered before the pause is recovered"
    after = [n for n in typed if n > value]
    print(f"kill -9, typing {typing}: {len(after)} entries lost, the copy {lost:.2f} s older than the kill")
    assert lost <= 5.0, f"{lost:.1f} s of typing lost"


def test_a_figure_typed_but_not_entered_is_recovered_after_kill_9(tmp_path) -> None:  # type: ignore[no-untyped-def]
    proc = editor(tmp_path, "type", "-", "9")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("typed 9 "), proc.stderr.read() if proc.stderr else line
        deadline = time.monotonic() + 20
        while not copies(tmp_path):
            assert time.monotonic() < deadline, "no recovery copy of the figure being typed"
            time.sleep(0.1)
        time.sleep(0.5)  # its description written too
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    offered, windows = started(tmp_path, "yes")
    assert [o["name"] for o in offered] == ["未命名报告"]
    assert windows[0]["value"] == 9 and windows[0]["modified"]


def test_a_recovered_document_asks_before_closing_and_its_copy_goes_with_it(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    crashed_after_an_edit(qtbot, folder)
    again = autosave_window(qtbot, folder)
    assert len(offers(again, True)) == 1
    assert again.isWindowModified() and again.saved_label.text() == "未保存"
    copy = again.docs.autosave_file
    asked: list[int] = []
    again.docs.ask_save_changes = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    assert not again.close() and asked == [1]
    assert copy is not None and copy.exists(), "cancelled: the copy stays"
    again.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    assert again.close()
    assert not copy.exists() and not list(folder.glob("autosave*"))


@pytest.mark.parametrize("trouble", ["a file where the folder should be", "no lock can be made"])
def test_an_unusable_autosave_folder_is_one_message_and_never_a_hang(qtbot, tmp_path, monkeypatch, trouble) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    if trouble.startswith("a file"):
        folder.write_text("not a folder")
    else:
        monkeypatch.setattr("ui.autosave._lock", lambda folder, stem: None)
    win = autosave_window(qtbot, folder)
    said: list[str] = []
    win.docs.message.connect(said.append)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert not win.docs.autosave()
    assert len(said) == 1 and said[0].startswith("自动保存失败：无法写入自动保存文件夹")
    assert win.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5 and win.isWindowModified()


class _Killed(BaseException):
    """The editor ended (a crash, a power cut) between the two files of a recovery copy."""


@pytest.mark.parametrize("writes_before", [0, 1])
def test_an_end_between_the_two_files_never_leaves_a_copy_without_its_description(
        qtbot, tmp_path, monkeypatch, writes_before) -> None:  # type: ignore[no-untyped-def]
    """The description goes first: killed before the copy of the first write, nothing is offered
    (no copy was ever made); of a later write, the previous copy is offered by its file's name
    with its own time — never a copy said to be 尚未保存过的新报告 (its file, its notes unknown)."""
    folder = tmp_path / "autosave"
    saved = tmp_path / "本机关.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), saved)
    win = autosave_window(qtbot, folder)
    assert win.docs.load(saved)
    for n in range(writes_before):
        type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), str(n + 1))
        assert win.docs.autosave()
    earlier = time.time() - 600  # the previous copy was written ten minutes ago
    for path in folder.glob("autosave*.docx"):
        os.utime(path, (earlier, earlier))
    type_into(qtbot, table(win, "三"), (CELL.row, CELL.col), "7")
    real_atomic_write = app_io.atomic_write
    calls: list[Path] = []

    def killed_at_the_second(target: Path, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        calls.append(Path(target))
        if len(calls) == 2:
            raise _Killed
        real_atomic_write(target, *args, **kwargs)

    monkeypatch.setattr(app_io, "atomic_write", killed_at_the_second)
    with pytest.raises(_Killed):  # the write on the UI thread (as at SIGTERM) lets it through
        win.docs.autosave()
    monkeypatch.setattr(app_io, "atomic_write", real_atomic_write)
    assert [p.suffix for p in calls] == [".json", ".docx"]
    crashed(win)
    starting = autosave_window(qtbot, folder)
    seen = offers(starting, True)
    if writes_before == 0:
        assert seen == [] and starting.state.report.value(CELL) != 7
        return
    (info,) = seen
    assert info.name() == "本机关.docx" and info.path == str(saved)
    assert starting.state.report.value(CELL) == 1  # the previous copy: the last one made whole
    assert abs(dt.datetime.fromisoformat(info.saved_at).timestamp() - earlier) < 2  # its own time


def test_a_copy_is_written_again_after_the_autosave_folder_went(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The folder deleted while the editor runs (a clean-up tool, a user tidying ~/.local):
    the next copy makes it again, with its slot's lock; no copy was written for the rest of the
    session, a 自动保存失败 at each try (rev23 L9, hostile23)."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert win.docs.autosave()
    copy = win.docs.autosave_file
    assert copy is not None and copy.exists()
    shutil.rmtree(folder)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "6")
    assert win.docs.autosave()
    qtbot.waitUntil(lambda: copied_value(win) == 6, timeout=10000)
    assert win.docs.autosave_file == copy and copy.with_suffix(".json").exists()
    assert copy.with_suffix(".lock").exists()  # held again: another editor leaves the copy alone
