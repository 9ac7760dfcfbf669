"""A huge report's checks run in the window's check process (app/check_apart.py), never in the
window's own: typing's pause sends the text there and the findings of the text as typed come
back and apply.  A check process that dies is said once in the status bar, and the checks go on
on a worker thread."""

from __future__ import annotations

import logging
import os
import signal
import threading

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.findings import DUP_PHRASE
from app.report import Report
from tests.ui.conftest import type_text
from tests.ui.test_huge_fixes import KEY, _huge, _settled
from ui.huge_checks import CHECK_PROCESS_LOST
from ui.main_window import MainWindow
from ui.narrative import NarrativePage


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each run of the checks in this process: True when on the UI thread.  A report is huge
    from 50,000 characters."""
    import app.checks
    import ui.state

    monkeypatch.setattr(ui.state, "BACKGROUND_CHECK_CHARS", 50_000)
    real = app.checks.run_all
    runs: list[bool] = []

    def run_all(report: Report) -> object:
        runs.append(threading.current_thread() is threading.main_thread())
        return real(report)

    monkeypatch.setattr(app.checks, "run_all", run_all)
    return runs


def _stutter_at(window: MainWindow) -> int:
    [finding] = [f for f in window.state.findings if f.code == DUP_PHRASE.code]
    assert finding.location.span is not None
    return finding.location.span.start


def _type_at_start(window: MainWindow, page: NarrativePage, text: str) -> None:
    page.editor.setTextCursor(QTextCursor(page.editor.document().findBlockByNumber(1)))
    type_text(page.editor, text)


def test_typing_pauses_and_the_findings_come_from_the_check_process(
        window: MainWindow, qtbot: QtBot, here: list[bool]) -> None:
    window.state.replace_report(_huge(Report(organ="某街道办事处", year=2024)))
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    before = _stutter_at(window)
    here.clear()
    _type_at_start(window, page, "甲乙")
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 2, timeout=30_000)
    assert here == [], "checked in the window's own process"
    pid = window.state._apart.pid() if window.state._apart is not None else None
    assert pid is not None and pid != os.getpid()
    _type_at_start(window, page, "丙")  # the next pause: the same process, the paragraph sent again
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 3, timeout=30_000)
    assert here == [] and window.state._apart is not None and window.state._apart.pid() == pid
    shown = [(f.code, f.location.describe(), f.message) for f in window.state.findings]
    window.state.rerun_checks()  # what the checks say of the text as it is, here
    assert shown == [(f.code, f.location.describe(), f.message) for f in window.state.findings]


def test_a_check_process_that_dies_is_said_once_and_the_checks_go_on_on_a_thread(
        window: MainWindow, qtbot: QtBot, here: list[bool]) -> None:
    window.state.replace_report(_huge(Report(organ="某街道办事处", year=2024)))
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    told: list[str] = []
    window.state.message.connect(told.append)
    before = _stutter_at(window)
    _type_at_start(window, page, "甲")
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 1, timeout=30_000)
    apart = window.state._apart
    assert apart is not None
    pid = apart.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # as the system's out-of-memory killer would
    here.clear()
    _type_at_start(window, page, "乙")
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 2, timeout=30_000)
    assert told == [CHECK_PROCESS_LOST]
    assert here and not any(here), "checked on a worker thread of the window's"
    assert CHECK_PROCESS_LOST in window.statusBar().currentMessage()
    _type_at_start(window, page, "丙")
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 3, timeout=30_000)
    assert told == [CHECK_PROCESS_LOST], "said once"
    assert window.state.report.sections[KEY][1].text.startswith("丙乙甲本机关"), "nothing typed lost"


def test_closing_the_window_ends_its_check_process(window: MainWindow, qtbot: QtBot, here: list[bool]) -> None:
    """Not kept (~100 MB) until the program ends, one per window that once had a huge report."""
    window.state.replace_report(_huge(Report(organ="某街道办事处", year=2024)))
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    before = _stutter_at(window)
    _type_at_start(window, page, "甲")
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 1, timeout=30_000)
    apart = window.state._apart
    pid = apart.pid() if apart is not None else None
    assert pid is not None
    window.state.mark_saved()
    assert window.close()
    qtbot.waitUntil(lambda: not _alive(pid), timeout=30_000)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # ended but not yet reaped by its pool's thread: a zombie is gone too
        with open(f"/proc/{pid}/stat") as stat:
            return not stat.read().split(") ", 1)[1].startswith("Z")
    except OSError:
        return False


def _checks_running() -> bool:
    from ui import tasks

    return any(task.what == "检查" for task in tasks._alive)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The text of the huge paragraph of each check sent to the check process."""
    import app.check_apart

    submit = app.check_apart.CheckProcess.submit
    texts: list[str] = []

    def recorded(self: app.check_apart.CheckProcess, report: Report) -> object:
        texts.append(report.sections[KEY][1].text)
        return submit(self, report)

    monkeypatch.setattr(app.check_apart.CheckProcess, "submit", recorded)
    return texts


def _five_pauses(window: MainWindow, here: list[bool]) -> NarrativePage:
    window.state.replace_report(_huge(Report(organ="某街道办事处", year=2024)))
    here.clear()  # the report's own first check, here as always
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    for ch in "甲乙丙丁戊":  # five pauses in a row, each during the check before
        _type_at_start(window, page, ch)
        window.state.check_soon()
    return page


@pytest.mark.parametrize("how", ["close", "small report"])
def test_ending_the_check_process_with_checks_under_way_is_no_error_and_checks_nothing_here(
        window: MainWindow, qtbot: QtBot, here: list[bool], sent: list[str], how: str,
        caplog: pytest.LogCaptureFixture) -> None:
    """review15 M1: the checks cancelled by the process's end were logged as 3 bugs ("检查时出现意外
    错误", CancelledError), and one's handler checked the huge report on the GUI thread."""
    _five_pauses(window, here)
    caplog.set_level(logging.WARNING)
    told: list[str] = []
    window.state.message.connect(told.append)
    pid = window.state._apart.pid() if window.state._apart is not None else None
    if how == "close":
        window.state.mark_saved()
        assert window.close()
    else:
        window.state.replace_report(Report(organ="某街道办事处", year=2024))
        here.clear()  # its own check of the small report, here as always
    qtbot.waitUntil(lambda: not _checks_running(), timeout=30_000)
    qtbot.wait(200)  # anything the tasks' ends posted
    assert [r.getMessage() for r in caplog.records] == []
    assert here == [], "the huge report checked in the window's own process"
    assert told == [], "a process ended on purpose is no process lost"
    assert pid is not None and not _alive(pid)


def test_checks_out_of_date_are_dropped_one_running_and_the_newest_waiting(
        window: MainWindow, qtbot: QtBot, here: list[bool], sent: list[str]) -> None:
    """review15 L2: five typing pauses during a check sent five checks, run in turn, and the
    findings of the text as typed came after all of them."""
    _five_pauses(window, here)
    qtbot.waitUntil(lambda: _settled(window), timeout=60_000)
    assert [text[:5] for text in sent] == ["甲本机关认", "戊丁丙乙甲"], "the first, then the newest text"
    assert here == []
    shown = [(f.code, f.location.describe(), f.message) for f in window.state.findings]
    window.state.rerun_checks()  # what the checks say of the text as it is, here
    assert shown == [(f.code, f.location.describe(), f.message) for f in window.state.findings]


def test_a_huge_report_that_came_checked_warms_its_check_process_not_this_one(
        window: MainWindow, qtbot: QtBot, here: list[bool], sent: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """review15 L4: the start's warm-up read a huge report's text on a worker thread of the
    window's process (~0.6 s holding the GIL), and its edits are checked elsewhere anyway."""
    import pickle

    from app import prefetch
    from app.checks import run_all

    report = _huge(Report(organ="某街道办事处", year=2024))
    findings = run_all(report)
    # As after a prefetched start: take() kept the child's result for the warm-up's copy.
    monkeypatch.setattr(prefetch, "_spare", pickle.dumps(("ok", report, findings)))
    here.clear()
    window.state.replace_report(report, findings=findings)
    qtbot.waitUntil(lambda: bool(sent) and not _checks_running(), timeout=30_000)
    assert here == [], "read in the window's own process"
    apart = window.state._apart
    assert apart is not None and apart.pid() is not None
    assert window.state.findings == findings, "the findings it came with stay"
    assert prefetch.spare() is None, "the second copy (a few MB) was let go: nothing reads it"


def test_the_session_ending_ends_the_check_process_not_a_check_of_the_text_typed_last(
        window: MainWindow, qtbot: QtBot, here: list[bool]) -> None:
    """review16 L4: SIGTERM (logout, ``kill PID``) keeps each window's edits for the next start
    without closing it; keeping them flushed the text typed a moment ago into a new check in the
    check process, nothing ended that process, and the program's exit waited for the check
    (600,000 characters: 2.5 s after the signal, 1.6 s with nothing typed)."""
    from ui import session_end

    window.state.replace_report(_huge(Report(organ="某街道办事处", year=2024)))
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    before = _stutter_at(window)
    here.clear()  # the report's own first check, here as always
    _type_at_start(window, page, "甲")
    qtbot.waitUntil(lambda: _settled(window) and _stutter_at(window) == before + 1, timeout=30_000)
    apart = window.state._apart
    pid = apart.pid() if apart is not None else None
    assert pid is not None
    _type_at_start(window, page, "乙")  # a moment ago: its pause's timer has not run
    session_end.keep_for_next_start(window)
    assert window.state.report.sections[KEY][1].text.startswith("乙甲本机关"), "kept, nothing typed lost"
    assert not _alive(pid), "a check process left running, a check in it for the exit to wait on"
    qtbot.waitUntil(lambda: not _checks_running(), timeout=5_000)  # the task waiting on it let go
    assert here == [], "nor checked here instead"
