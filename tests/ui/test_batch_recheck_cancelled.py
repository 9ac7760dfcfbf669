"""批量检查 cancelled, then the window active again (the reviewer looked at another window):
the files the run never reached are not \"new in the folder\" — 取消 stays cancelled, and the
status never says they appeared there.  A report really new since a whole run still joins."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.test_batch_window import cancelled_at_third, many, rows
from ui.batch_window import BatchWindow


def activate(qtbot: QtBot, w: BatchWindow) -> None:
    """The window active again, as after the reviewer's look at another one; the recheck waited for."""
    w.isActiveWindow = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(w.rechecked, timeout=60000, raising=False):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))
    if w.rechecking is not None:
        assert w.rechecking.wait(60)
    for _ in range(5):
        QApplication.processEvents()


def test_files_a_cancelled_run_never_reached_are_not_checked_on_return(qtbot: QtBot, tmp_path: Path) -> None:
    root = many(tmp_path, 12)
    w = cancelled_at_third(qtbot)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    assert w.model.rowCount() == 3
    cancelled = w.status.currentMessage()
    assert cancelled.startswith("已取消：已检查 3/12 份"), cancelled
    activate(qtbot, w)
    assert set(rows(w)) == {"r000.docx", "r001.docx", "r002.docx"}, "取消 undone: the rest were checked"
    assert "新出现" not in w.status.currentMessage(), w.status.currentMessage()


def test_a_report_new_after_a_whole_run_still_joins(qtbot: QtBot, tmp_path: Path) -> None:
    root = many(tmp_path, 2)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    assert set(rows(w)) == {"r000.docx", "r001.docx"}
    shutil.copy(root / "r000.docx", root / "r000（修订）.docx")
    activate(qtbot, w)
    assert "r000（修订）.docx" in rows(w)
    assert "新出现 1 个年报文件" in w.status.currentMessage(), w.status.currentMessage()
    save_report(report("某县财政局", 2023), root / "r009.docx")  # and another, at the next return
    activate(qtbot, w)
    assert "r009.docx" in rows(w)
