"""A window closed, or given a small report, within WARM_UP_DELAY_MS of a huge report that came
checked starts no check process after its end_checks (review16 L6): such a process (~100 MB)
stayed until the program ended, since only end_checks closes it."""

from __future__ import annotations

import pickle

import pytest
from pytestqt.qtbot import QtBot

from app.report import Report
from tests.ui.test_huge_fixes import _huge
from ui.main_window import MainWindow


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each check process made; a report is huge from 50,000 characters."""
    import app.check_apart
    import ui.state

    monkeypatch.setattr(ui.state, "BACKGROUND_CHECK_CHARS", 50_000)
    made: list[object] = []
    real = app.check_apart.CheckProcess.__init__

    def init(self: app.check_apart.CheckProcess, *args: object, **kwargs: object) -> None:
        made.append(self)
        real(self, *args, **kwargs)

    monkeypatch.setattr(app.check_apart.CheckProcess, "__init__", init)
    return made


def _came_checked(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """A huge report with its findings, as after a prefetched start: its warm-up is due."""
    from app import prefetch
    from app.checks import run_all

    report = _huge(Report(organ="某街道办事处", year=2024))
    findings = run_all(report)
    monkeypatch.setattr(prefetch, "_spare", pickle.dumps(("ok", report, findings)))
    window.state.replace_report(report, findings=findings)


@pytest.mark.parametrize("how", ["close", "small report"])
def test_no_check_process_starts_after_the_checks_ended(
        window: MainWindow, qtbot: QtBot, started: list[object], monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    import ui.state

    _came_checked(window, monkeypatch)
    if how == "close":
        window.state.mark_saved()
        assert window.close() and not window.isVisible()
    else:
        window.state.replace_report(Report(organ="某街道办事处", year=2024))
    qtbot.wait(ui.state.WARM_UP_DELAY_MS * 3)
    assert started == [] and window.state._apart is None


def test_the_warm_up_still_starts_the_process_of_a_window_left_open(
        window: MainWindow, qtbot: QtBot, started: list[object], monkeypatch: pytest.MonkeyPatch) -> None:
    _came_checked(window, monkeypatch)
    qtbot.waitUntil(lambda: window.state._apart is not None, timeout=10_000)
    assert len(started) == 1
    window.state.end_checks()
