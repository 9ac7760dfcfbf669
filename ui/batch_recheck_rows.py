"""批量检查's rows checked again after their files changed on disk (the reviewer back from an
editor window opened from the list, or from Word): the recheck started, its rows marked as
awaiting their new counts, the bar and the status while it runs, and the list as it was left.
BatchWindow's methods of these names call these, on its state (``rechecking``, ``_due``,
``_before_recheck``); kept apart for batch_window.py's size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import batch
from ui.batch_window_work import Rechecking, recheck_work
from ui.tasks import Task

if TYPE_CHECKING:
    from ui.batch_window import BatchWindow

NOT_RECHECKED = "未能重新检查：数字是修改前的"


def recheck_changed(window: BatchWindow) -> Task | None:
    """Check again the reports whose files changed on disk since they were read, and those
    paired with them as last year's; a report file new in the folders checked (the reviewer's
    copy saved from an editor opened from the list as “…（修订）.docx”) joins the list, checked;
    the files looked at on a worker thread.  None while a
    run or a recheck is under way, or when no report is listed."""
    if window.worker is not None or window.rechecking is not None:
        return None
    rows = list(window.model.results)  # the list's rows now: the worker reads, never alters them
    if not any(r.error is None and r.not_report is None for r in rows):
        return None
    # Not waited for on close: it is cancelled, and stops between files (a .doc midway).
    # The folders searched again too, off the GUI thread: a few hundred files on a share take a while.
    # Only after a whole run: after 取消 the files it never reached are no new ones, and 取消 stays.
    folders = window.paths if window.searched_whole else []
    task = window.rechecking = Task(recheck_work(rows, folders, window.listings), what="重新检查")
    window._on(task.item, lambda item: recheck_item(window, item) if task is window.rechecking else None)
    window._on(task.succeeded, lambda done: rechecked(window, task, done.message()))
    window._on(task.failed, lambda message: rechecked(window, task, message))
    window._on(task.cancelled, lambda: rechecked(window, task, None))
    task.start()
    return task


def recheck_item(window: BatchWindow, item: object) -> None:
    """Rows about to be read again say so until their new counts are in, and so do the status
    and the bar; each new result takes its row back."""
    if isinstance(item, Rechecking):
        if window._before_recheck is None:
            window._before_recheck = (window.progress.minimum(), window.progress.maximum(), window.progress.value())
        window._due.update(item.paths)
        # The status and the bar first: the rows never say 正在重新检查 under a full bar
        window.status.showMessage(f"正在重新检查 {len(window._due)} 份检查后修改过（或所对照的上年报告修改过）的年报……")
        window._progressed(sum(1 for p in window._due if p not in window.model.pending and p not in item.paths),
                           len(window._due))
        window.model.await_again(dict.fromkeys(item.paths, "正在重新检查……"))
    elif isinstance(item, batch.FileResult):
        window.model.put(item)  # a new file's row added
        if item.not_report is not None:
            window._passed_over_shown(sum(1 for r in window.model.results if r.not_report is not None))
        if window._due:
            window._progressed(sum(1 for p in window._due if p not in window.model.pending), len(window._due))


def rechecked(window: BatchWindow, task: Task, text: str | None) -> None:
    if task is not window.rechecking:
        return
    window.rechecking = None
    window.model.stop_waiting(NOT_RECHECKED, window._due)  # cancelled or failed before their turn
    window._due = set()
    if window._before_recheck is not None:  # the bar as the run left it
        low, high, value = window._before_recheck
        window._before_recheck = None
        window.progress.setRange(low, high)
        window.progress.setValue(value)
    if text:
        window.status.showMessage(text)
    window.rechecked.emit()
