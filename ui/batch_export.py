"""批量检查's 导出汇总表…: where to (asked unless given), then the workbook written on a worker
thread — 10,000 findings take seconds, and the window keeps answering — the button and the
status saying so meanwhile; the window's ``exported`` signal tells the end."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app import batch, batch_summary
from ui import filedialogs
from ui.batch_model import file_order
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.batch_window import BatchWindow

EXPORT, EXPORTING = "导出汇总表(&E)…", "正在导出…"  # Alt+E, as the editor's buttons have letters


def export(window: BatchWindow, dest: Path | None = None) -> bool:
    """Start writing the summary to ``dest`` (asked when None: a workbook Excel, WPS or
    LibreOffice has open is asked about, ui/output_target.py); False when none was started."""
    w = window
    if w.last is None or w.exporting is not None:
        return False
    if dest is None:
        from ui.output_target import chosen, over_other_program

        start = w.folder / "年报检查汇总.xlsx" if w.folder else "年报检查汇总.xlsx"
        dest = chosen(lambda: filedialogs.get_save_path(w, "导出汇总表", start, "Excel 工作簿 (*.xlsx)"), ".xlsx",
                      lambda path: over_other_program(w, path))
        if dest is None:
            return False
    # Every report checked, by file, whatever the list's filter shows (the message says so);
    # a copy of the rows: a run started meanwhile changes the list, not this workbook.
    rows, cancelled, base = sorted(w.model.results, key=file_order), w.last.cancelled, w.model.base
    # 状态 worked out on the worker, the disk looked at there
    unfinished, marked = list(w.last.unfinished), w.model.summary_on_disk()
    listed = [r for r in w.model.results if r.not_report is None]
    note = f"（全部 {len(listed)} 份，不受筛选影响）" if w.proxy.rowCount() < len(listed) else ""
    note += batch_summary.unfinished_status(w.last)  # the workbook says so too
    target = dest
    # Closing the window lets it finish on its own (written atomically, in a process of its own).
    task = w.exporting = Task(lambda _c: batch_summary.write_summary_apart(
        batch.Batch(rows, [], cancelled, base, marked(), unfinished), target), what="导出汇总表")
    w._on(task.succeeded, lambda _result: _exported(w, task, f"已导出汇总表{note}：{target}", None))
    w._on(task.failed, lambda message: _exported(w, task, f"未能导出汇总表：{target}", message))
    if w.focusWidget() in (w.export_button, None):  # its key pressed: to the list, not the next box
        w.view.setFocus()
    w.export_button.setEnabled(False)
    w.export_button.setText(EXPORTING)
    w._idle_progress = (w.progress.minimum(), w.progress.maximum(), w.progress.value())
    if w.worker is None:
        w.progress.setRange(0, 0)  # busy
    w.status.showMessage(f"正在导出汇总表：{target}……")
    task.start()
    return True


def _exported(w: BatchWindow, task: Task, text: str, error: str | None) -> None:
    if task is not w.exporting:
        return
    w.exporting = None
    w.export_button.setText(EXPORT)
    if w.worker is None:  # no run started meanwhile: the bar as the last run left it
        low, high, value = w._idle_progress
        w.progress.setRange(low, high)
        w.progress.setValue(value)
        w.export_button.setEnabled(bool(w.model.results))
    w.status.showMessage(text)
    if error is not None:
        filedialogs.notice(w, "未能导出", error, "warning")
    w.exported.emit(error is None)
