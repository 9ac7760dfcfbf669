"""导出汇总表 off the UI thread: a batch of thousands of findings is written while the window keeps
answering, the button and the status saying so; a workbook that cannot be written is one message
and the button comes back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from app import batch
from app.findings import TEXT_TABLE_MISMATCH, Location
from app.schema import CellRef
from ui.batch_window import EXPORT, EXPORTING, BatchWindow


def _done_window(qtbot: QtBot, tmp_path: Path, reports: int, per: int) -> BatchWindow:
    """A window whose run has ended with ``reports`` reports of ``per`` findings each."""
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    results = [batch.FileResult(str(tmp_path / f"乡镇{i:03}" / "年报.docx"), organ=f"某县某乡镇{i}", year=2024,
                                findings=[TEXT_TABLE_MISMATCH.at(Location("三", (CellRef("三", j % 20, j % 7),)),
                                                                 f"第{j}处：正文所说“共收到申请{j}件”与表三不一致")
                                          for j in range(per)])
               for i in range(reports)]
    w.model.base = tmp_path
    for r in results:
        w.model.put(r)
    w.last = batch.Batch(results, base=tmp_path)
    w._end("已检查")
    w.show()
    return w


def test_a_large_summary_is_written_while_the_window_answers(qtbot: QtBot, tmp_path: Path) -> None:
    w = _done_window(qtbot, tmp_path, reports=40, per=100)  # 4,000 findings
    seen: list[tuple[bool, str, str, bool]] = []
    timer = QTimer(w)
    timer.timeout.connect(lambda: seen.append((w.exporting is not None, w.export_button.text(),
                                               w.status.currentMessage(), w.export_button.isEnabled())))
    timer.start(5)
    dest = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(w.exported, timeout=120000) as done:
        assert w.export(dest)  # returns at once: the workbook is written on a worker thread
        assert w.export(dest) is False, "one export at a time"
    timer.stop()
    assert done.args == [True]
    during = [s for s in seen if s[0]]
    assert len(during) >= 3, "the event loop ran while the workbook was written"
    assert all(text == EXPORTING and not enabled and "正在导出汇总表" in status for _, text, status, enabled in during)
    assert w.export_button.text() == EXPORT and w.export_button.isEnabled()
    assert w.status.currentMessage() == f"已导出汇总表：{dest}"
    wb = openpyxl.load_workbook(dest, read_only=True)
    assert wb["全部问题"].max_row == 1 + 4000 and wb["汇总"].max_row == 1 + 40


def test_a_summary_that_cannot_be_written_is_one_message(qtbot: QtBot, tmp_path: Path,
                                                          notices: list[tuple[str, str, list[str]]]) -> None:
    w = _done_window(qtbot, tmp_path, reports=2, per=3)
    dest = tmp_path / "没有这个文件夹" / "汇总.xlsx"
    with qtbot.waitSignal(w.exported, timeout=60000) as done:
        assert w.export(dest)
    assert done.args == [False]
    [(title, told, buttons)] = notices
    assert title == "未能导出" and buttons == ["确定(&O)"]
    assert str(dest.parent) in told and "Traceback" not in told, told
    assert w.export_button.text() == EXPORT and w.export_button.isEnabled()
    assert not dest.exists()


def test_the_keyboard_goes_to_the_list_while_the_button_is_off(qtbot: QtBot, tmp_path: Path) -> None:
    """Space on 导出汇总表…: the button is off while the workbook is written, and the keyboard
    went on to 只看有错误的, where the reviewer's next Space filtered the list (rev25c F1)."""
    w = _done_window(qtbot, tmp_path, reports=2, per=3)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.export_button.setFocus()
    with qtbot.waitSignal(w.exported, timeout=60000):
        assert w.export(tmp_path / "汇总.xlsx")
        assert w.focusWidget() is w.view, w.focusWidget()
    assert w.focusWidget() is w.view and not w.errors_only.isChecked()
