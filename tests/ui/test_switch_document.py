"""One way to replace the report shown (DocumentController.switch_to): 新建, 打开, a recovered copy
and 从上年报告新建 each let the previous file's lock go, delete its recovery copy, reset 只读 and
title the window alike.  A recovered report claims its file's lock and keeps the file's stamp as
of the crash: a file changed since, or opened by another editor since, is never overwritten
unasked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import app.io as app_io
import app.lock as app_lock
from app.reading import load_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_lastyear import last_year
from tests.ui.conftest import SAMPLE, read_through, ref3
from ui.autosave import Recovery, new_slot
from ui.commands import SetCellCommand
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
PATHS = ["new", "open", "adopt", "rollover"]


def _ours(path: Path) -> Path:
    app_io.save_report(load_report(SAMPLE), path)
    return path


def _edit(window: MainWindow, value: int) -> None:
    """An unsaved edit, with its recovery copy written."""
    window.state.stack.push(SetCellCommand(window.state, ref3(T3_NEW, T3_COL_NATURAL), value))
    assert window.state.is_modified()
    assert window.docs.autosave() and window.docs.autosave_file is not None


def _crashed_copy(folder: Path, info: Recovery, value: int = 4321) -> None:
    """What a crashed editor leaves in ``folder``: a copy (of the sample, with ``value`` typed)
    and its description, the copy's lock no longer held."""
    report = load_report(SAMPLE)
    report.set_value(ref3(T3_NEW, T3_COL_NATURAL), value)
    slot = new_slot(folder)
    slot.write(report, info)
    slot.release()


def _switch(window: MainWindow, how: str, tmp_path: Path, qtbot: QtBot) -> str:
    """Replace the window's report the ``how`` way; returns the name its title should show."""
    docs = window.docs
    if how == "new":
        assert docs.new()
        return "未命名报告"
    if how == "open":
        other = _ours(tmp_path / "另一份.docx")
        assert docs.open(other)
        qtbot.waitUntil(lambda: docs.loading is None, timeout=20_000)
        assert docs.path == other
        return other.name
    if how == "adopt":
        _crashed_copy(docs.autosave_dir, Recovery(title="某机关2021年度报告"))
        docs.ask_restore = lambda info: True  # type: ignore[method-assign]
        assert docs.offer_restore()
        return "未命名 — 2021年度"  # never saved: named by its year, as before the crash
    last = tmp_path / "上年.docx"
    app_io.save_report(last_year(), last)
    assert window.year_tools.last.rollover(last)
    read_through(window)
    return "未命名 — 2024年度"


@pytest.mark.parametrize("how", PATHS)
def test_the_previous_files_lock_and_recovery_copy_go(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      how: str) -> None:
    first = _ours(tmp_path / "本年.docx")
    assert window.docs.load(first)
    assert app_lock.live_owner(first) is not None, "ours while it is open here"
    _edit(window, 777)
    copy = window.docs.autosave_file
    assert copy is not None and copy.exists()
    name = _switch(window, how, tmp_path, qtbot)
    assert app_lock.read_owner(first) is None, f"{how}: the previous file's lock is released"
    assert not copy.exists(), f"{how}: the previous report's recovery copy is deleted"
    assert window.windowTitle().startswith(name) and "只读" not in window.windowTitle()
    assert load_report(first).value(ref3(T3_NEW, T3_COL_NATURAL)) != 777, "nothing saved unasked"


@pytest.mark.parametrize("how", PATHS)
def test_read_only_ends_with_the_file_it_was_about(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                    how: str) -> None:
    held = _ours(tmp_path / "他人的.docx")
    other = app_lock.acquire(held)  # another window (a live editor) has it
    assert other is not None
    try:
        window.docs.ask_locked = lambda path, owner: "read_only"  # type: ignore[method-assign]
        assert window.docs.load(held)
        assert window.docs.read_only and "（只读）" in window.windowTitle()
        name = _switch(window, how, tmp_path, qtbot)
        assert not window.docs.read_only, f"{how}: 只读 was about the previous file"
        assert window.windowTitle().startswith(name) and "只读" not in window.windowTitle()
        kept = app_lock.read_owner(held)
        assert kept is not None and kept.token == other.owner.token, "the other editor's lock is left alone"
    finally:
        other.release()


def test_a_rollover_gets_its_own_recovery_copy(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    _switch(window, "rollover", tmp_path, qtbot)
    qtbot.waitUntil(lambda: window.docs.autosave_file is not None and window.docs.autosave_file.exists(),
                    timeout=10_000)
    assert window.docs.autosave_file is not None
    assert load_report(window.docs.autosave_file).year == 2024


# -- a recovered copy and the file it was of --------------------------------------------------

def _crash_while_editing(qtbot: QtBot, tmp_path: Path, path: Path) -> Path:
    """A window edits ``path`` and is killed: its copy stays, its lock is a dead editor's."""
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    assert win.docs.load(path)
    _edit(win, 4321)
    lock = win.docs.locks.lock
    assert lock is not None
    slot = win.docs._slot
    assert slot is not None
    slot.release()  # as kill -9: the copy's lock gone, its files left
    win.docs._slot = None
    app_lock._HELD.pop(lock.owner.token)  # the lock file left behind, its editor gone:
    dead = subprocess.Popen([sys.executable, "-c", ""])  # written by a process that has ended
    dead.wait()
    lock_file = app_lock.lock_path(path)
    data = json.loads(lock_file.read_text(encoding="utf-8"))
    lock_file.write_text(json.dumps({**data, "pid": dead.pid}), encoding="utf-8")
    win.docs.locks.lock = None
    win.state.mark_saved()  # the test's teardown closes it asking nothing
    win.close()
    return tmp_path / "autosave"


def _recovering(window: MainWindow, folder: Path, answer: str = "") -> list[str]:
    """The window recovers the crashed copy in ``folder``; returns the names the question
    about a file changed on disk was asked about (answered ``answer``)."""
    window.docs.autosave_dir = folder
    window.docs.ask_restore = lambda info: True  # type: ignore[method-assign]
    asked: list[str] = []

    def ask(path: Path) -> str:
        asked.append(path.name)
        return answer

    window.docs.ask_overwrite_changed = ask  # type: ignore[method-assign]
    assert window.docs.offer_restore()
    assert window.state.report.value(ref3(T3_NEW, T3_COL_NATURAL)) == 4321
    return asked


def _changed_by_another_program(path: Path) -> bytes:
    report = load_report(path)
    report.organ = "另一程序改过的机关"
    time.sleep(0.01)
    app_io.save_report(report, path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # coarse clocks too
    return path.read_bytes()


@pytest.mark.parametrize("answer", ["", "save_as", "overwrite"])
def test_a_file_changed_after_the_crash_is_overwritten_only_when_the_user_says(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, answer: str) -> None:
    path = _ours(tmp_path / "报告.docx")
    folder = _crash_while_editing(qtbot, tmp_path, path)
    theirs = _changed_by_another_program(path)
    window.docs.ask_save_path = lambda: str(tmp_path / "另存的.docx")  # type: ignore[method-assign]
    asked = _recovering(window, folder, answer)
    assert "崩溃后文件已被修改" in window.statusBar().currentMessage()
    live = app_lock.live_owner(path)
    assert live is not None and live.pid == os.getpid(), "the dead editor's lock taken over"
    saved = window.docs.save()
    assert asked == [path.name], "保存 asks (覆盖/另存为/取消) as for any file changed on disk"
    if answer == "overwrite":
        assert saved and load_report(path).value(ref3(T3_NEW, T3_COL_NATURAL)) == 4321
        return
    assert path.read_bytes() == theirs, "the other program's version is kept"
    if answer == "save_as":
        assert saved and window.docs.path is not None and window.docs.path != path
        assert load_report(window.docs.path).value(ref3(T3_NEW, T3_COL_NATURAL)) == 4321
    else:
        assert not saved and window.state.is_modified()


def test_a_file_unchanged_since_the_crash_saves_in_place_unasked(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = _ours(tmp_path / "报告.docx")
    folder = _crash_while_editing(qtbot, tmp_path, path)
    asked = _recovering(window, folder)
    assert window.docs.save() and asked == []
    assert load_report(path).value(ref3(T3_NEW, T3_COL_NATURAL)) == 4321


def test_an_older_copy_without_a_stamp_still_asks_when_the_file_is_newer(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = _ours(tmp_path / "报告.docx")
    folder = tmp_path / "autosave"
    _crashed_copy(folder, Recovery(path=str(path)))  # as an older version wrote it: no stamp
    _changed_by_another_program(path)
    asked = _recovering(window, folder)
    assert not window.docs.save() and asked == [path.name]


def _hold_in_another_process(path: Path) -> subprocess.Popen[str]:
    """Another editor process that opened ``path`` after the crash (its lock, alive)."""
    code = ("import sys, time; from pathlib import Path; import app.lock as l; "
            "k = l.acquire(Path(sys.argv[1])); print('held' if k else 'no', flush=True); time.sleep(120)")
    child = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "held"
    return child


def test_a_file_another_editor_opened_since_the_crash_is_left_to_it(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = _ours(tmp_path / "报告.docx")
    folder = _crash_while_editing(qtbot, tmp_path, path)
    child = _hold_in_another_process(path)
    try:
        before = path.read_bytes()
        held = app_lock.live_owner(path)
        assert held is not None and held.pid == child.pid
        _recovering(window, folder)
        assert "文件正由他人编辑" in window.statusBar().currentMessage()
        assert window.docs.read_only and window.docs.path is None and "（只读）" in window.windowTitle()
        assert window.docs.save(), "saved, under another name"
        kept = app_lock.live_owner(path)
        assert path.read_bytes() == before and kept is not None and kept.token == held.token
        assert window.docs.path is not None and window.docs.path != path
        assert load_report(window.docs.path).value(ref3(T3_NEW, T3_COL_NATURAL)) == 4321
    finally:
        child.kill()
        child.wait()
