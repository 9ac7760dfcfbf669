"""A command on a finding of a huge report (删除重复字词, 删除此处重复, a table fix, their undo)
never runs the checks on the UI thread: they run on a worker, as when typing pauses, and a
command on findings older than the text waits for the check of the text as it is."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app.findings import DUP_PHRASE
from app.report import Paragraph, ParaKind, Report
from tests.ui.conftest import type_text
from tests.ui.test_grid import pinned_report
from ui.finding_actions import delete_repeat
from ui.findings import apply_fix
from ui.main_window import MainWindow
from ui.narrative import NarrativePage

KEY = "一"
SENTENCE = "本机关认真落实政府信息公开工作要求，持续推进决策、执行、管理、服务、结果公开。"


@pytest.fixture
def checked_on(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Each run of the checks: True when on the UI thread, False off it (on a worker thread, or
    sent to the window's check process).  A report is huge from 50,000 characters."""
    import app.check_apart
    import app.checks
    import ui.state

    monkeypatch.setattr(ui.state, "BACKGROUND_CHECK_CHARS", 50_000)
    real = app.checks.run_all
    threads: list[bool] = []

    def run_all(report: Report) -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        return real(report)

    monkeypatch.setattr(app.checks, "run_all", run_all)
    submit = app.check_apart.CheckProcess.submit

    def sent(self: app.check_apart.CheckProcess, report: Report) -> object:
        threads.append(False)  # sent from the UI thread, checked in the other process
        return submit(self, report)

    monkeypatch.setattr(app.check_apart.CheckProcess, "submit", sent)
    return threads


def _huge(report: Report) -> Report:
    # A stutter between two sentences, deep in 58,500 characters.
    report.sections[KEY] = [Paragraph.plain("一、总体情况", ParaKind.HEADING1),
                            Paragraph.plain(SENTENCE * 750 + "政府政府" + SENTENCE * 750)]
    return report


def _settled(window: MainWindow) -> bool:
    state = window.state
    return not state._dirty_text and not state._sync_timer.isActive() and state._unchecked is None


def test_deleting_a_repeat_checks_on_a_worker_and_waits_for_the_text_as_it_is(
        window: MainWindow, qtbot: QtBot, checked_on: list[bool]) -> None:
    window.state.replace_report(_huge(Report(organ="某街道办事处", year=2024)))
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    [finding] = [f for f in window.state.findings if f.code == DUP_PHRASE.code]
    checked_on.clear()
    # Typed before the paragraph: the finding's span is old, its command must wait for the check.
    cursor = QTextCursor(page.editor.document().findBlockByNumber(1))
    page.editor.setTextCursor(cursor)
    type_text(page.editor, "甲")
    assert delete_repeat(window.state, finding) is False  # not yet: the check of 甲 runs first
    assert "政府政府" in window.state.report.sections[KEY][1].text
    qtbot.waitUntil(lambda: "政府政府" not in window.state.report.sections[KEY][1].text and _settled(window),
                    timeout=10_000)
    text = window.state.report.sections[KEY][1].text
    assert text.startswith("甲本机关") and text.count("政府信息") == 1500 and len(text) == len(SENTENCE) * 1500 + 3
    assert checked_on and not any(checked_on), "a check ran on the UI thread"
    assert not [f for f in window.state.findings if f.code == DUP_PHRASE.code]
    window.act_undo.trigger()  # its undo: checked on a worker too
    qtbot.waitUntil(lambda: _settled(window), timeout=10_000)
    assert "政府政府" in window.state.report.sections[KEY][1].text
    assert [f.code for f in window.state.findings if f.code == DUP_PHRASE.code] == [DUP_PHRASE.code]
    assert not any(checked_on)


def test_a_table_fix_of_a_huge_report_checks_on_a_worker(
        window: MainWindow, qtbot: QtBot, checked_on: list[bool]) -> None:
    window.state.replace_report(_huge(pinned_report()))
    finding = next(f for f in window.state.findings if f.code == "T3-ROW-TOTAL")
    checked_on.clear()
    apply_fix(window.state, finding)
    qtbot.waitUntil(lambda: _settled(window) and not any(f.code == "T3-ROW-TOTAL" for f in window.state.findings),
                    timeout=10_000)
    assert checked_on == [False]
