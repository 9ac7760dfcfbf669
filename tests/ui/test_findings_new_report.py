"""A new report's findings list starts at its top, whichever way the report was replaced
(打开, 新建, 从上年报告新建, a recovered copy): from the GUI test, after 从上年报告新建 the list kept
the old report's scroll position and its first finding was cut off at the top."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.io import save_report
from app.schema import T3_COL_NATURAL, T3_NEW
from tests.test_lastyear import last_year
from tests.ui.conftest import SAMPLE, autosave_window, crashed, read_through, table, type_into
from ui.findings_model import FINDING_ROLE
from ui.main_window import MainWindow


def _scrolled_down(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The list scrolled part-way down with a finding chosen, as a user reading it leaves it."""
    view = window.findings.view
    proxy = window.findings.proxy
    assert proxy.rowCount() > 3
    window.findings.view.setFixedHeight(160)  # a short panel: the list scrolls
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    last = proxy.index(proxy.rowCount() - 1, 0)
    view.setCurrentIndex(last)
    view.scrollTo(last)
    QApplication.processEvents()
    assert view.verticalScrollBar().value() > 0


def _at_top(window: MainWindow) -> bool:
    view = window.findings.view
    QApplication.processEvents()  # the list's delayed layout
    QApplication.processEvents()
    if window.findings.proxy.rowCount() == 0:
        return True
    first = view.visualRect(window.findings.proxy.index(0, 0))
    return view.verticalScrollBar().value() == 0 and first.top() >= 0


def _rollover(window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "某局2023年报.docx"
    save_report(last_year(), source)
    assert window.year_tools.last.rollover(source)
    read_through(window)


def _open(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "other.docx"
    save_report(last_year(), other)
    assert window.docs.load(other)


def _new(window: MainWindow, tmp_path: Path) -> None:
    assert window.docs.new()


@pytest.mark.parametrize("replace", [_rollover, _open, _new], ids=["rollover", "open", "new"])
def test_a_new_report_lists_its_findings_from_the_top(window, qtbot, tmp_path: Path, replace) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    _scrolled_down(window, qtbot)
    replace(window, tmp_path)
    assert window.findings.proxy.rowCount() > 3  # enough to have been cut off
    assert _at_top(window), "the first finding of the new report is cut off at the top"
    assert window.findings.current() is None  # nothing of the old report stays chosen


def test_a_recovered_report_lists_its_findings_from_the_top(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    first = autosave_window(qtbot, folder)
    assert first.docs.load(SAMPLE)
    type_into(qtbot, table(first, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    assert first.docs.autosave()
    crashed(first)
    window = autosave_window(qtbot, folder)
    other = tmp_path / "other.docx"
    save_report(last_year(), other)
    assert window.docs.load(other)
    _scrolled_down(window, qtbot)
    window.docs.ask_restore = lambda info: True  # type: ignore[method-assign]
    assert window.docs.offer_restore()
    assert window.findings.proxy.rowCount() > 3
    assert _at_top(window)
    assert window.findings.current() is None


@pytest.mark.parametrize("replace", [_rollover, _open, _new], ids=["rollover", "open", "new"])
def test_a_filter_set_on_one_report_never_hides_the_next_ones_findings(window, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                       replace) -> None:
    """错误 and 警告 hidden while reading the sample: the next report's list shows its errors and
    warnings, the toggles drawn as showing them, and the status bar says what came back."""
    from app.findings import Severity

    assert window.docs.load(SAMPLE)
    panel = window.findings
    for severity in (Severity.ERROR, Severity.WARNING):
        panel.toggles[severity].click()
    assert not panel.toggles[Severity.ERROR].isChecked()
    told: list[str] = []
    panel.note.connect(told.append)
    replace(window, tmp_path)
    assert all(toggle.isChecked() for toggle in panel.toggles.values())
    shown = {panel.proxy.index(row, 0).data(FINDING_ROLE).severity for row in range(panel.proxy.rowCount())}
    listed = {f.severity for f in window.state.findings}
    assert listed & {Severity.ERROR, Severity.WARNING} and shown == listed
    assert any("错误" in m and "警告" in m for m in told), told
    # what the user sees: the note stays beside the message of the opening itself (已打开 …, 已由 … 新建),
    # which came right after it and replaced it (rev18 M1)
    bar = window.statusBar().currentMessage()
    assert "重新显示全部级别" in bar and "错误" in bar and "警告" in bar, bar
    if replace is _open:
        assert "已打开" in bar, bar
