"""Opening a file through ui/tasks.py's Task, in the window: the event loop keeps turning during a
read, 取消 returns to the report as it was, an error is one message, and a second open supersedes
the first.  (The Task on its own: test_task_worker.py.)"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import app.reading as app_reading
from app.errors import ReadError
from app.report import Report
from ui.main_window import MainWindow

from .conftest import SAMPLE, ref3

REAL_LOAD = app_reading.load_report


def busy_until(event: threading.Event, cap_s: float) -> None:
    """Pure Python work that never sleeps (the worst case for the GIL) until ``event``, or until
    it has run ``cap_s`` seconds itself: this thread's processor time, not the clock's, so that a
    loaded machine, running it and the GUI thread less often, does not end it before the GUI
    thread could turn (the GUI thread needs the GIL from it a few times per turn: each handover
    costs it at most the switch interval of its own running)."""
    end = time.thread_time() + cap_s
    while not event.is_set() and time.thread_time() < end:
        pass


def gated(gate: threading.Event, then: Callable[[Path], Report] = REAL_LOAD) -> Callable[..., Report]:
    """A reader that waits for ``gate`` (a slow LibreOffice conversion, a big PDF)."""
    def read(path: Path, cancelled: object = None) -> Report:
        assert gate.wait(20), "the test never released the reader"
        return then(path)
    return read


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds a gated reader until the test releases it (and always at the end of the test)."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def edited(window: MainWindow) -> Report:
    """The window's current report, with an unsaved edit in it."""
    page = window.show_page("三")
    model = page.model  # type: ignore[attr-defined]
    assert model.setData(model.index_of((1, 0)), "9")
    assert window.state.is_modified()
    return window.state.report


def test_the_event_loop_turns_while_a_file_is_read(window: MainWindow, qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that never sleeps and only finishes once the GUI thread's timer has fired ten
    times: read on the GUI thread (or holding it up) it would spin to its cap (20 s of its own running)."""
    before = window.state.report
    turned = threading.Event()
    seen: list[tuple[bool, bool, bool]] = []

    def tick() -> None:
        ticks.append(1)
        if len(ticks) == 3:  # what the user sees while the file is read
            seen.append((window.central.currentWidget() is window.task_page, window.dock.isVisible(),
                         window.state.report is before))
        if len(ticks) >= 10:
            turned.set()

    def slow(path: Path, cancelled: object = None) -> Report:
        busy_until(turned, 20)
        return REAL_LOAD(path)

    monkeypatch.setattr(app_reading, "load_report", slow)
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    with qtbot.waitSignal(window.docs.loadEnded, timeout=120_000):  # a guard against a hang: the cap is the reader's
        assert window.docs.open(SAMPLE)
    timer.stop()
    assert turned.is_set(), "the event loop did not turn while the file was read"
    assert seen == [(True, False, True)], "正在打开 shown, no findings of a half-read report, the old report kept"
    assert window.task_page is not None and "正在打开 xiaogang-2021.docx" in window.task_page.label.text()
    assert window.central.currentWidget() is window.splitter and window.dock.isVisible()
    assert window.state.report.organ == "宁波市北仑区人民政府小港街道办事处"
    assert window.act_save.isEnabled()


def test_cancel_returns_to_the_report_as_it_was(window: MainWindow, qtbot: QtBot, edited: Report,
                                                gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_reading, "load_report", gated(gate))
    steps = window.state.stack.count()
    task = window.docs.load_in_background(SAMPLE)
    assert window.central.currentWidget() is window.task_page and not window.act_save.isEnabled()
    assert window.task_page is not None
    with qtbot.waitSignal(window.docs.loadEnded, timeout=1000):  # at once: the reader is still busy
        window.task_page.cancel_button.click()
    assert window.central.currentWidget() is window.splitter and window.act_save.isEnabled()
    gate.set()  # the reader finishes after all: its report is dropped
    assert task.wait(20)
    for _ in range(5):
        QApplication.processEvents()
    assert window.state.report is edited and edited.value(ref3(1, 0)) == 9
    assert window.state.stack.count() == steps and window.state.is_modified()
    assert window.docs.path is None and window.docs.loading is None and not window.errors
    assert "已取消" in window.statusBar().currentMessage()


def test_a_read_error_is_one_message_and_the_report_stays(window: MainWindow, qtbot: QtBot, edited: Report,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, cancelled: object = None) -> Report:
        raise ReadError(f"{path}：文件已损坏")

    monkeypatch.setattr(app_reading, "load_report", broken)
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.open(SAMPLE)
    assert window.errors == [f"{SAMPLE}：文件已损坏"]
    assert window.state.report is edited and window.central.currentWidget() is window.splitter
    monkeypatch.setattr(app_reading, "load_report", lambda p, cancelled=None: {}["no such key"])
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        window.docs.open(SAMPLE)
    assert len(window.errors) == 2 and "KeyError" in window.errors[1] and "Traceback" not in window.errors[1]
    assert window.state.report is edited


def test_a_second_open_supersedes_the_first(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                            gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    slow = tmp_path / "slow.docx"
    slow.write_bytes(SAMPLE.read_bytes())

    def read(path: Path, cancelled: object = None) -> Report:
        if path == slow:
            return gated(gate)(path)
        return REAL_LOAD(path)

    monkeypatch.setattr(app_reading, "load_report", read)
    first = window.docs.load_in_background(slow)
    ended: list[int] = []
    window.docs.loadEnded.connect(lambda: ended.append(1))
    assert window.docs.open(SAMPLE)  # no question asked again: the first read had the answer
    assert ended == [1] and window.docs.loading is not first  # the first dropped at once
    qtbot.waitUntil(lambda: window.docs.loading is None, timeout=20000)
    assert window.docs.source == SAMPLE
    gate.set()
    assert first.wait(20)
    for _ in range(5):
        QApplication.processEvents()
    assert window.docs.source == SAMPLE and window.state.stack.count() == 0
    assert not window.errors
    assert window.windowTitle().startswith("xiaogang-2021.docx")


def test_closing_while_a_file_is_read_asks_about_the_open_report(window: MainWindow, qtbot: QtBot,
                                                                 gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_reading, "load_report", gated(gate))
    task = window.docs.load_in_background(SAMPLE)
    assert window.close()
    assert window.docs.loading is None
    # the findings dock, out of sight while the file was read, is remembered as the user had it
    assert QSettings().value("window/dock/findingsDock/visible") == "true"
    gate.set()
    assert task.wait(20)
    QApplication.processEvents()


# -- the program's start -------------------------------------------------------------------------
def _started(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: Path) -> dict[str, object]:
    """ui.main.run(path) as `python -m app FILE` starts, its event loop run by the test."""
    from ui import main
    from ui.documents import DocumentController

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # no recovery copies of other runs
    errors: list[str] = []
    monkeypatch.setattr(DocumentController, "show_error", lambda self, title, text: errors.append(text))
    seen: dict[str, object] = {"errors": errors}

    def event_loop(_app: QApplication) -> int:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        qtbot.addWidget(window)
        assert window.task_page is not None
        seen["first"] = (window.central.currentWidget() is window.task_page, window.task_page.label.text(),
                         window.docs.loading is not None, window.dock.isVisible())
        qtbot.waitUntil(lambda: window.docs.loading is None, timeout=20000)
        seen["then"] = (window.central.currentWidget() is window.splitter, window.state.report.organ,
                        window.dock.isVisible())
        window.docs.state.mark_saved()
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert main.run(str(path)) == 0
    return seen


def test_the_program_shows_its_window_then_reads_the_file(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    seen = _started(qtbot, monkeypatch, tmp_path, SAMPLE)
    assert seen["first"] == (True, "正在打开 xiaogang-2021.docx …", True, False)
    assert seen["then"] == (True, "宁波市北仑区人民政府小港街道办事处", True)
    assert seen["errors"] == []


def test_a_file_that_cannot_be_read_at_start_is_one_message(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    seen = _started(qtbot, monkeypatch, tmp_path, bad)
    assert seen["then"] == (True, "", True)  # the blank report, its pages shown
    errors = seen["errors"]
    assert isinstance(errors, list) and len(errors) == 1 and "坏文件.docx" in errors[0]


# -- the recent-files list: written after the open, not on its way -------------------------------
def _stored() -> list[str]:
    import json

    return json.loads(str(QSettings().value("recent_files", "[]")))


def test_the_recent_list_is_written_after_the_open_and_survives_a_relaunch(qtbot: QtBot, tmp_path: Path) -> None:
    first = MainWindow(autosave_dir=tmp_path / "a")
    qtbot.addWidget(first)
    assert first.docs.load(SAMPLE)
    assert _stored() == [] and first.docs.recent() == [str(SAMPLE)]  # remembered, not yet written
    qtbot.waitUntil(lambda: _stored() == [str(SAMPLE)], timeout=10000)  # a moment later
    other = tmp_path / "其他.docx"
    other.write_bytes(SAMPLE.read_bytes())
    second = MainWindow(autosave_dir=tmp_path / "b")  # another window (or editor) meanwhile
    qtbot.addWidget(second)
    assert second.docs.load(other)
    assert first.close() and second.close()  # quitting writes what is pending at once
    assert _stored() == [str(other), str(SAMPLE)]
    relaunched = MainWindow(autosave_dir=tmp_path / "c")
    qtbot.addWidget(relaunched)
    assert relaunched.docs.recent() == [str(other), str(SAMPLE)]


def test_cancel_stops_libreoffice(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A .doc converted by a LibreOffice that takes its time: 取消 ends the conversion too."""
    import os
    import stat

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pid_file = tmp_path / "soffice.pid"
    fake = bin_dir / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ > '{pid_file}'\nexec sleep 60\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    doc = tmp_path / "旧格式.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))  # an OLE file: Word 97-2003
    task = window.docs.load_in_background(doc)
    qtbot.waitUntil(lambda: pid_file.exists() and pid_file.read_text().strip() != "", timeout=10000)
    pid = int(pid_file.read_text())
    window.docs.cancel_load()
    assert task.wait(5), "the conversion stopped, not after its 120 s timeout"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # LibreOffice is gone (killed and reaped)
    for _ in range(3):
        QApplication.processEvents()
    assert not window.errors and window.docs.loading is None


def test_after_the_read_no_finding_is_chosen_for_the_user(window: MainWindow, qtbot: QtBot) -> None:
    """The focus leaves 取消 for the navigation, not the findings list (which would jump to its
    first finding): the window opens on the page the user was on."""
    assert window.docs.load(SAMPLE)  # a report with findings, as the user works on it
    window.show_page("三").setFocus()
    window.docs.load_in_background(SAMPLE)
    assert window.task_page is not None
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        pass
    assert window.current_key() == "三" and window.findings.current() is None
    assert QApplication.focusWidget() is not window.findings.view


def test_an_edit_made_while_a_file_is_read_is_not_thrown_away(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                               gate: threading.Event,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """查找/替换 is modeless: it is disabled while a file is read, and an edit that reaches the
    report anyway is asked about again before the new report replaces it."""
    window.docs.load(SAMPLE)
    dialog = window.year_tools.find_dialog()
    dialog.open_find(replace=True)
    assert dialog.isEnabled()
    monkeypatch.setattr(app_reading, "load_report", gated(gate))
    window.docs.load_in_background(SAMPLE)
    assert not dialog.isEnabled(), "the dialog would edit the report being replaced"
    before = window.state.report
    model = window.show_page("三").model  # type: ignore[attr-defined]
    assert model.setData(model.index_of((1, 0)), "9")  # an edit that got through all the same
    asked: list[bool] = []
    window.docs.ask_save_changes = lambda: asked.append(True) or QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    with qtbot.waitSignal(window.docs.loadEnded, timeout=20000):
        gate.set()
    assert asked == [True]
    assert window.state.report is before and before.value(ref3(1, 0)) == 9 and window.state.is_modified()
    assert dialog.isEnabled()


def test_a_file_named_at_start_opens_beside_a_recovered_document(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    """From the GUI test: 恢复 at the start's question took the window, and the file asked for on
    the command line was silently dropped.  It opens in a window of its own."""
    from ui import main
    from ui.documents import DocumentController

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(DocumentController, "offer_restore", lambda self: True)  # 恢复 chosen
    seen: dict[str, object] = {}

    def event_loop(_app: QApplication) -> int:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        for w in windows:
            qtbot.addWidget(w)
        beside = [w for w in windows if w.docs.loading is not None]
        seen["windows"], seen["loading"] = len(windows), len(beside)
        if beside:
            qtbot.waitUntil(lambda: beside[0].docs.loading is None, timeout=20000)
            seen["opened"] = beside[0].state.report.organ
        for w in windows:
            w.docs.state.mark_saved()
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    assert main.run(str(SAMPLE)) == 0
    assert seen == {"windows": 2, "loading": 1, "opened": "宁波市北仑区人民政府小港街道办事处"}
