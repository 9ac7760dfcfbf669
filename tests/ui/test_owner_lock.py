"""A file another editor has open — a second window, the real editor in another process, another
computer — is opened only after 只读打开 / 仍然打开 / 取消, as in Word; our owner file goes with
the document (open, 另存为, 新建, close, quit) and a crashed editor's is taken over silently."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import app.io as app_io
import app.lock as app_lock
import app.reading as app_reading
from tests.ui.conftest import SAMPLE, held_by_another_process
from ui.documents import DocumentController
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
REAL_QUESTION = DocumentController.ask_locked  # before tests/ui/conftest.py answers it for other tests


class Asked:
    """Answers the question about a file another editor has open, and records who it named."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.owners: list[app_lock.Owner] = []

    def __call__(self, path: Path, owner: app_lock.Owner) -> str:
        self.owners.append(owner)
        return self.answer


def ours(tmp_path: Path, name: str = "报告.docx") -> Path:
    """A report this editor wrote (opened, it is saved in place)."""
    path = tmp_path / name
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


def editor(qtbot: QtBot, tmp_path: Path, answer: str = "open") -> tuple[MainWindow, Asked]:
    """A window, not shown unless a test shows it.  The other editor a test means is another
    process (``held_by_another_process``): a shown window of this process that has the file is
    brought forward instead of asked about (ui/open_editors.py).  Two unshown windows of one
    process stand for two editors only where the holder must act (save, close)."""
    win = MainWindow(autosave_dir=tmp_path / f"autosave{time.monotonic_ns()}")
    qtbot.addWidget(win)
    win.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.errors = []  # type: ignore[attr-defined]
    win.docs.show_error = lambda title, text: win.errors.append(text)  # type: ignore[method-assign,attr-defined]
    # the save dialog answered as a user pressing Enter: the name it offers
    win.docs.ask_save_path = lambda: str(win.docs.path or win.docs.suggested)  # type: ignore[method-assign]
    asked = Asked(answer)
    win.docs.ask_locked = asked  # type: ignore[method-assign]
    return win, asked


def test_another_editor_has_it_asks_and_reads_only(qtbot: QtBot, tmp_path: Path) -> None:
    report = ours(tmp_path)
    with held_by_another_process(report) as pid:
        held = app_lock.read_owner(report)
        assert held is not None and held.pid == pid
        second, asked = editor(qtbot, tmp_path, "read_only")
        second.show()
        assert second.docs.load(report)
        assert [o.token for o in asked.owners] == [held.token], "the other editor named as the owner"
        assert second.docs.path is None and second.docs.source == report, "never saved over the file"
        assert "报告.docx（只读）" in second.windowTitle()
        before = report.read_bytes()
        second.docs.ask_save_path = lambda: str(report)  # type: ignore[method-assign]
        assert not second.docs.save(), "另存为 onto the file the other editor edits is refused"
        assert report.read_bytes() == before and "另一个编辑器" in second.errors[-1]  # type: ignore[attr-defined]
        copy = tmp_path / "我的副本.docx"
        second.docs.ask_save_path = lambda: str(copy)  # type: ignore[method-assign]
        assert second.docs.save() and copy.exists()
        assert "只读" not in second.windowTitle() and "我的副本.docx" in second.windowTitle()
        mine = app_lock.read_owner(copy)
        assert mine is not None and mine.token != held.token, "the copy is this window's now"
        found = app_lock.read_owner(report)
        assert found is not None and found.token == held.token, "the other editor's lock untouched"
    assert not app_lock.lock_path(report).exists(), "the other editor quitting removes its lock"
    second.close()
    assert not app_lock.lock_path(copy).exists()
    third, asked_third = editor(qtbot, tmp_path)  # a relaunch
    assert third.docs.load(report) and asked_third.owners == [] and third.docs.path == report


def test_cancel_keeps_the_window_as_it_was_and_open_anyway_leaves_the_lock_to_its_owner(
        qtbot: QtBot, tmp_path: Path) -> None:
    report = ours(tmp_path)
    other = ours(tmp_path, "另一份.docx")
    with held_by_another_process(report):
        held = app_lock.read_owner(report)
        second, asked = editor(qtbot, tmp_path, "")
        second.show()
        assert second.docs.load(other)
        assert not second.docs.load(report), "取消"
        assert second.docs.path == other and app_lock.read_owner(other) is not None, "still its own file, locked"
        found = app_lock.read_owner(report)
        assert found is not None and held is not None and found.token == held.token
        asked.answer = "open"  # 仍然打开: edited in place, the other's lock stays theirs
        assert second.docs.load(report) and second.docs.path == report
        assert not app_lock.lock_path(other).exists(), "the file it showed before is let go"
        second.close()
        found = app_lock.read_owner(report)
        assert found is not None and found.token == held.token


def test_new_and_opening_another_file_let_the_lock_go(qtbot: QtBot, tmp_path: Path) -> None:
    a, b = ours(tmp_path, "甲.docx"), ours(tmp_path, "乙.docx")
    win, _ = editor(qtbot, tmp_path)
    assert win.docs.load(a) and app_lock.lock_path(a).exists()
    assert win.docs.load(a), "opened again in the same window: no question, the lock stays"
    assert app_lock.lock_path(a).exists()
    assert win.docs.load(b)
    assert not app_lock.lock_path(a).exists() and app_lock.lock_path(b).exists()
    assert win.docs.new()
    assert not app_lock.lock_path(b).exists()
    win.docs.ask_locked = lambda path, owner: "read_only"  # type: ignore[method-assign]
    with held_by_another_process(a):
        assert win.docs.load(a) and "（只读）" in win.windowTitle()
        assert win.docs.new() and "只读" not in win.windowTitle(), "新建 is no longer read-only"


def test_a_word_file_is_locked_and_its_revised_copy_after_saving(qtbot: QtBot, tmp_path: Path) -> None:
    word = tmp_path / "机关年报.docx"
    word.write_bytes(SAMPLE.read_bytes())  # written by Word/WPS: saved as “（修订）”
    first, _ = editor(qtbot, tmp_path)
    assert first.docs.load(word) and app_lock.lock_path(word).exists()
    second, asked = editor(qtbot, tmp_path, "open")
    assert second.docs.load(word) and len(asked.owners) == 1
    assert first.docs.save()
    revised = tmp_path / "机关年报（修订）.docx"
    assert first.docs.path == revised and app_lock.lock_path(revised).exists()
    assert not app_lock.lock_path(word).exists(), "the lock follows the document to its new file"
    before = revised.read_bytes()
    assert not second.docs.save(), "the other window's “（修订）” file is not overwritten"
    assert revised.read_bytes() == before


def test_background_open_cancelled_shows_the_pages_again(qtbot: QtBot, tmp_path: Path) -> None:
    report = ours(tmp_path)
    second, asked = editor(qtbot, tmp_path, "")
    second.show()
    with held_by_another_process(report):
        second.show_opening(report.name)  # as the program starts with a file: 正在打开 first
        assert second.docs.load_in_background(report) is None
        assert second.central.currentWidget() is second.splitter, "never left on 正在打开"
        assert second.docs.loading is None and len(asked.owners) == 1
        asked.answer = "read_only"
        with qtbot.waitSignal(second.docs.loadEnded, timeout=20000):
            assert second.docs.open(report)
    assert second.docs.source == report and second.docs.path is None
    assert "只读" in second.statusBar().currentMessage()


def test_where_no_lock_can_be_written_the_file_just_opens(qtbot: QtBot, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    report = ours(tmp_path)
    real_open = os.open

    def read_only_folder(path: object, flags: int, *args: object) -> int:
        if str(path).startswith(str(tmp_path)) and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(app_lock.os, "open", read_only_folder)
    win, asked = editor(qtbot, tmp_path)
    assert win.docs.load(report) and win.docs.path == report
    assert asked.owners == [] and win.errors == []  # type: ignore[attr-defined]
    assert not app_lock.lock_path(report).exists()
    assert win.docs.save(), "and is saved as usual"


def start_editor(tmp_path: Path, report: Path) -> subprocess.Popen[str]:
    """The real editor (ui.main.run) in a process of its own with ``report`` open."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.ui.editor_process", "edit", str(report), "1", "0.2"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def test_the_editor_in_another_process_is_named_and_after_kill_9_its_lock_is_taken_over(
        qtbot: QtBot, tmp_path: Path) -> None:
    report = ours(tmp_path)
    proc = start_editor(tmp_path, report)
    try:
        wait_for(lambda: (o := app_lock.read_owner(report)) is not None and o.pid == proc.pid,
                 "the other editor's lock")
        win, asked = editor(qtbot, tmp_path, "read_only")
        assert win.docs.load(report)
        assert [o.pid for o in asked.owners] == [proc.pid] and asked.owners[0].on_this_computer()
        assert win.docs.path is None
    finally:
        proc.send_signal(signal.SIGKILL)  # a crash: its lock stays behind
        proc.communicate(timeout=10)
    left = app_lock.read_owner(report)
    assert left is not None and left.pid == proc.pid
    again, asked_again = editor(qtbot, tmp_path)
    assert again.docs.load(report) and asked_again.owners == [], "a dead editor's lock: no question"
    found = app_lock.read_owner(report)
    assert found is not None and found.pid == os.getpid() and again.docs.path == report


def test_the_question_names_the_owner_and_its_buttons_answer(qtbot: QtBot, tmp_path: Path) -> None:
    win, _ = editor(qtbot, tmp_path)
    owner = app_lock.Owner(user="张三", host="PC-01", pid=1, time=time.time(), token="t")
    seen: list[str] = []

    def answer(label: str | None) -> str:
        def press() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, press)
                return
            seen.append(box.text())
            if label is None:
                box.reject()
            else:
                next(b for b in box.buttons() if b.text() == label).click()
        QTimer.singleShot(0, press)
        return REAL_QUESTION(win.docs, tmp_path / "报告.docx", owner)

    assert [answer("只读打开(&R)"), answer("仍然打开(&O)"), answer("取消(&C)"), answer(None)] == \
        ["read_only", "open", "", ""]
    assert "张三" in seen[0] and "PC-01" in seen[0] and "报告.docx" in seen[0]


def test_a_real_editor_quitting_leaves_no_lock(tmp_path: Path) -> None:
    """The program run to its end (a screenshot run quits by itself): its lock is gone."""
    report = ours(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-m", "app", str(report), "--screenshot", str(tmp_path / "shot.png")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").exists() and not app_lock.lock_path(report).exists()


def test_a_start_cancelled_at_the_question_shows_the_blank_report_checked_as_after_a_failed_open(
        qtbot: QtBot, tmp_path: Path) -> None:
    """From the GUI test: the blank report kept showed no findings after 取消 here, and its
    findings after a failed open: the same report, checked the same way, either way."""
    report = ours(tmp_path)
    start = MainWindow(staged=True, autosave_dir=tmp_path / "autosave-start")
    qtbot.addWidget(start)
    start.show_opening(report.name)  # as the program starts with a file
    start.show()
    start.complete()
    assert not start.state.checked, "the blank report the file will replace is not checked meanwhile"
    start.docs.ask_locked = Asked("")  # type: ignore[method-assign]
    with held_by_another_process(report):
        assert start.docs.load_in_background(report) is None
    assert start.state.checked and start.state.findings == second_blank_findings(qtbot, tmp_path)


def second_blank_findings(qtbot: QtBot, tmp_path: Path) -> list:  # type: ignore[type-arg]
    blank, _ = editor(qtbot, tmp_path)
    return blank.state.findings


def _editor_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_cancel_at_the_question_leaves_the_window_as_it_was(qtbot: QtBot, tmp_path: Path) -> None:
    """From the GUI test: 取消 at 文件正在编辑 left an empty window.  A window showing a report goes
    on showing it, unchanged, its pages (not 正在打开) in front."""
    held = ours(tmp_path, "别人在改.docx")
    mine = ours(tmp_path, "我的.docx")
    win, asked = editor(qtbot, tmp_path, "")
    win.show()
    assert win.docs.load(mine)
    before = (win.windowTitle(), win.state.report.title, win.docs.path)
    with held_by_another_process(held):
        assert not win.docs.open(held)
    assert asked.owners and win.docs.loading is None
    assert (win.windowTitle(), win.state.report.title, win.docs.path) == before
    assert win.central.currentWidget() is win.splitter and not win._opening()
    assert app_lock.live_owner(mine) is not None, "its own file still held"


@pytest.mark.parametrize("how", ["batch", "beside"])
def test_cancel_at_the_question_for_a_window_of_its_own_leaves_no_empty_window(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """The batch list's double-click and a start's second file open in a window made for the
    file: 取消 at 文件正在编辑 leaves no window, never a blank report nobody asked for."""
    from ui import batch_window, main, questions
    from ui.main_window import editor_for

    held = ours(tmp_path)
    first, _ = editor(qtbot, tmp_path)  # the start's window, beside which the second file opens
    first.show()
    asked: list[Path] = []
    monkeypatch.setattr(DocumentController, "ask_locked", REAL_QUESTION)
    monkeypatch.setattr(questions, "ask_locked", lambda parent, path, owner: asked.append(path) or "")
    before = _editor_windows()
    with held_by_another_process(held) as pid:
        if how == "batch":
            monkeypatch.setattr(batch_window, "new_editor", editor_for)
            assert batch_window.open_in_editor(held) is None
        else:
            main._open_beside(first, held)
        QApplication.processEvents()
        assert asked == [held]
        assert _editor_windows() == before
        owner = app_lock.live_owner(held)
        assert owner is not None and owner.pid == pid  # the other editor's still


@pytest.mark.parametrize("ending", ["failed", "cancelled"])
def test_a_window_of_its_own_whose_file_is_not_read_goes(qtbot: QtBot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, ending: str) -> None:
    """The same window when its file cannot be read (the error shown over it first) or its read
    is cancelled (取消 on 正在打开): closed, not left standing empty."""
    from ui import batch_window, questions
    from ui.main_window import editor_for

    path = tmp_path / "坏文件.docx"
    if ending == "failed":
        path.write_bytes(b"not a zip")
    else:
        path = ours(tmp_path)
    errors: list[str] = []
    monkeypatch.setattr(questions, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(batch_window, "new_editor", editor_for)
    before = _editor_windows()
    window = batch_window.open_in_editor(path)
    assert isinstance(window, MainWindow) and window.isVisible()
    if ending == "cancelled":
        window.docs.cancel_load()
    # closed, and (made for the file alone) perhaps deleted already: gone either way
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible(), timeout=20000)
    assert _editor_windows() == before
    assert (len(errors) == 1 and "坏文件.docx" in errors[0]) if ending == "failed" else errors == []
    assert app_lock.live_owner(path) is None


def test_another_file_opened_during_the_read_keeps_the_window(qtbot: QtBot, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """打开 (or a drop) while a window made for one file still reads it replaces that read — the
    replaced read's 取消 must not close the window the new file is opening in (reviewer)."""
    import threading

    from ui.main_window import read_in_own_window

    first, second = ours(tmp_path, "甲.docx"), ours(tmp_path, "乙.docx")
    release = threading.Event()
    real = app_reading.load_report

    def slow(path: Path, cancelled: Callable[[], bool] | None = None) -> object:
        while Path(path).name == "甲.docx" and not release.wait(0.02):
            if cancelled is not None and cancelled():
                break
        return real(path, cancelled=cancelled)

    monkeypatch.setattr(app_reading, "load_report", slow)
    window, _ = editor(qtbot, tmp_path)
    window.show()
    try:
        assert read_in_own_window(window, first)
        assert window.docs.load_in_background(second) is not None
        qtbot.waitUntil(lambda: window.docs.path == second, timeout=20000)
        for _ in range(5):
            QApplication.processEvents()
        assert window.isVisible(), "the window holds the file the user opened"
    finally:
        release.set()


def test_a_report_with_a_nested_json_owner_file_opens_and_the_lock_is_ours(qtbot: QtBot, tmp_path: Path) -> None:
    """A received folder's owner file of 60,000 “[”: the report could not be opened at all (a
    RecursionError out of load, the crash message every time: rev23 M5).  It opens, nobody is
    asked about, and this window's lock replaces the damaged one."""
    report = ours(tmp_path)
    app_lock.lock_path(report).write_text("[" * 60_000, encoding="utf-8")
    win, asked = editor(qtbot, tmp_path)
    assert win.docs.load(report) and win.docs.path == report
    assert asked.owners == [] and win.errors == []  # type: ignore[attr-defined]
    mine = app_lock.read_owner(report)
    assert mine is not None and mine.pid == os.getpid()
    win.close()
    assert not app_lock.lock_path(report).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_opened_through_a_link_the_other_editor_is_asked_about(qtbot: QtBot, tmp_path: Path) -> None:
    """Another editor has the report open by its real name; this one opens the link on the
    desktop: asked, as by the real name (rev23 L1: it just opened, two editors on one file)."""
    report = ours(tmp_path)
    desk = tmp_path / "桌面"
    desk.mkdir()
    (desk / "报告.docx").symlink_to(report)
    with held_by_another_process(report) as pid:
        win, asked = editor(qtbot, tmp_path, "read_only")
        win.show()
        assert win.docs.load(desk / "报告.docx")
        assert [o.pid for o in asked.owners] == [pid] and win.docs.path is None
