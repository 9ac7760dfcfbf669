"""批量检查: a reviewer's window over a folder of reports.  The reports are read by app.batch in
worker processes, driven from a ui.tasks.Task streaming each result as it comes, so the list fills
in as each report is checked and the window never freezes; 取消 keeps the rows already checked;
double-click opens a report in an editor window of its own."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QMetaObject,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app import batch
from app.batch_collect import Listings
from app.findings import Severity
from app.names import is_folder
from app.ownfiles import own_note
from ui import batch_again, batch_export, context_keys, filedialogs, focus_order
from ui.actions import quit_keys, quit_program
from ui.appsetup import APP_TITLE
from ui.batch_columns import ColumnWidths, MiddleElide, OrganElide, remember_sort
from ui.batch_export import EXPORT as EXPORT
from ui.batch_export import EXPORTING as EXPORTING
from ui.batch_marks import BatchMarks
from ui.batch_model import _FILE, _FIRST, _ORGAN, BatchModel, ErrorsOnly, file_order
from ui.batch_recheck_rows import NOT_RECHECKED as NOT_RECHECKED
from ui.batch_recheck_rows import recheck_changed
from ui.batch_window_work import Comparing, Plan, batch_work, failed_message, not_reached
from ui.file_drops import dropped_paths
from ui.search_keys import SearchKeys
from ui.tasks import Task

NOT_COMPARED = "未完成对照上年：数字未含跨年度检查"
CLOSE_WAIT_S = 5.0  # at most, for a run's worker processes to end when the window is closed
_windows: list[QWidget] = []  # batch windows and the editors opened from them: kept alive here


PASSED_OVER = "显示未检查的文件(&U)"


class BatchWindow(QMainWindow):
    """文件 → 批量检查…: choose (or drop) a folder; the list fills in as reports are checked."""

    finished = Signal()  # a run ended (done or cancelled)
    exported = Signal(bool)  # an export of the summary workbook ended: written, or not
    rechecked = Signal()  # the rows of files changed on disk checked again (recheck_changed)

    def __init__(self, jobs: int | None = None, open_report: Callable[[Path], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"批量检查 - {APP_TITLE}")
        self.jobs = jobs
        self.open_report = open_report or open_in_editor
        self.worker: Task | None = None  # the run under way
        self.exporting: Task | None = None  # the summary workbook being written
        self.rechecking: Task | None = None  # rows whose files changed, checked again
        self._idle_progress = (0, 100, 0)
        self._before_recheck: tuple[int, int, int] | None = None  # the bar as the run left it
        self._due: set[str] = set()  # the rows the recheck under way reads again
        self._started: list[Task] = []  # runs whose worker may not have ended yet: closing waits
        self._links: list[QMetaObject.Connection] = []  # every task's handlers here: cut on close
        self.plan: Plan | None = None
        self.paths: list[Path] = []
        self.listings = Listings()
        # Every file of ``paths`` reached (a run not cancelled): only then is a file of theirs
        # that no row is of new there — after 取消 it is one the run never came to.
        self.searched_whole = False
        self.last: batch.Batch | None = None
        self.folder: Path | None = None
        self.model = BatchModel(self)
        self.proxy = ErrorsOnly(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        context_keys.install(self)  # Shift+F10: the filter box's and the list's menus
        self.setAcceptDrops(True)
        self.resize(1100, 640)

    def _build(self) -> None:
        central = QWidget(self)
        box = QVBoxLayout(central)
        self.top = top = QHBoxLayout()
        self.choose_button = QPushButton("选择文件夹(&O)…", central)  # each with its letter, as the editor's
        self.choose_button.clicked.connect(lambda: self.choose_folder())
        self.folder_label = QLabel("选择一个文件夹，或把文件夹拖到这里：其中的年报逐一检查（含子文件夹）", central)
        self.cancel_button = QPushButton("取消(&C)", central)  # Alt+C, and Esc (below), as in the editor's questions
        self.cancel_button.setToolTip("停止检查：已检查的报告留在表中（Esc）")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button = QPushButton(EXPORT, central)
        self.export_button.setToolTip("把检查过的全部年报（不受“只看有错误的”和筛选影响）写成一个 Excel 汇总表")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export())
        context_keys.enter_presses(self.choose_button, self.cancel_button, self.export_button)  # Enter, as Space
        top.addWidget(self.choose_button)
        top.addWidget(self.folder_label, 1)
        top.addWidget(self.cancel_button)
        top.addWidget(self.export_button)
        box.addLayout(top)
        bar = QHBoxLayout()
        self.errors_only = QCheckBox("只看有错误的(&R)", central)
        self.errors_only.toggled.connect(self.proxy.set_errors_only)
        self.show_passed_over = QCheckBox(PASSED_OVER, central)
        self.show_passed_over.setToolTip("文件夹中不是年报的文件（说明、图片、名单等）：未检查，也不算无法读取")
        self.show_passed_over.toggled.connect(self.proxy.set_passed_over)
        self.search = QLineEdit(central)
        self.search.setPlaceholderText("按机关名称、文件名或状态筛选")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.progress = QProgressBar(central)
        self.progress.setFormat("%p%")  # a paired report is checked twice: no count of files here
        self.progress.setValue(0)
        bar.addWidget(self.errors_only)
        bar.addWidget(self.show_passed_over)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.progress, 1)
        box.addLayout(bar)
        self.view = QTableView(central)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        # By file (folder, then name) as the command line lists them, not in the order the
        # workers finish; a click on a header sorts by that column, kept for the next time.
        remember_sort(self.view, _FILE)
        focus_order.read_only_list(self.view)  # rows to choose; Tab leaves for the filter and buttons
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        # Each column as wide as what it holds, within limits; 第一个问题 the rest (ui/batch_columns.py).
        self.view.setItemDelegateForColumn(_FILE, MiddleElide(self.view))
        self.view.setItemDelegateForColumn(_ORGAN, OrganElide(self.view))  # the shared beginning first
        self.columns = ColumnWidths(self.view, _FIRST)
        self.view.doubleClicked.connect(self._open_row)
        opening = QAction("打开(&O)", self.view)  # Enter too: the keyboard's way to open the row under the cursor
        opening.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        opening.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        opening.triggered.connect(lambda: self._open_row(self.view.currentIndex()) if self.view.currentIndex().isValid() else None)
        self.view.addAction(opening)
        self.search_keys = SearchKeys(self.search, self.view, self._open_row)  # Down, Enter: to the list
        self.marks = BatchMarks(self)  # 状态: 已审核 / 已发布 from the list's menu and keys (ui/batch_marks.py)
        box.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.status = self.statusBar()
        # How many rows the filters leave of how many: the message beside it counts every file.
        self.shown_label = QLabel(self)
        self.status.addPermanentWidget(self.shown_label)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged,
                       self.errors_only.toggled, self.show_passed_over.toggled, self.search.textChanged):
            signal.connect(self._count_shown)  # after the proxy's own slot: it counts what is shown
        self._count_shown()
        # A tool window's keys: Ctrl+W closes it; Esc is a dialog's (_escape); the editor's 退出
        # key (none on Windows: ui/actions.quit_keys) is 退出 here too, every window of the
        # program, every editor's unsaved changes asked about first (ui/actions.quit_program).
        close = QAction("关闭", self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.triggered.connect(self.close)
        escape = QAction("取消", self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.triggered.connect(self._escape)
        find = QAction("筛选", self)  # Ctrl+F: the filter box, what it holds selected, as 查找 in the editor
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self._to_filter)
        leave = QAction("退出", self)
        leave.setShortcuts(quit_keys())
        leave.triggered.connect(lambda: quit_program(self))  # the editors ask first
        self.addActions([close, escape, find, leave])

    def _to_filter(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- running --------------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = filedialogs.get_folder(self, "选择存放年报的文件夹")
        if folder:
            self.start([Path(folder)])

    def start(self, paths: list[Path]) -> None:
        old = self.worker
        if old is not None:  # replaced: its end is not this run's (see _of), and a cancelled
            self.worker = None  # task delivers no further rows
            old.cancel()
        self._started = [t for t in self._started if not t.wait(0)]
        if self.rechecking is not None:  # its rows are of the list that goes
            self.rechecking.cancel()
            self.rechecking = None
        self._due, self._before_recheck = set(), None
        self.model.clear()
        self.model.base = batch.base_folder(paths)
        self._passed_over_shown(0)
        self.last = None
        self.plan = None
        self.paths = list(paths)
        self.searched_whole = False
        self.listings = Listings()  # the folders as listed: on activation only the changed are again
        self.folder = paths[0] if len(paths) == 1 and is_folder(paths[0]) else None
        self.folder_label.setText("、".join(str(p) for p in paths))
        batch_again.remember(self, paths)  # the next day's 批量检查 offers them again
        self.progress.setRange(0, 0)  # busy until the first result says how many
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        self.status.showMessage("正在检查……")
        task = self.worker = Task(batch_work(list(paths), self.jobs, self.listings), what="批量检查",
                                  describe=failed_message)
        self._started.append(task)
        # Each Task is its own object, and each handler names its task: the end of a run replaced
        # by a newer one must not end the new run (its rows stop at its cancel, in ui.tasks).
        self._on(task.item, partial(self._of, task, self._item))
        self._on(task.progressed, partial(self._of, task, self._progressed))
        self._on(task.succeeded, partial(self._of, task, self._succeeded))
        self._on(task.failed, partial(self._of, task, self._failed))
        self._on(task.cancelled, partial(self._of, task, self._cancelled))
        task.start()

    def _escape(self) -> None:
        """Esc, the least it can undo first: a filter typed is cleared (as in any search box), a
        run under way is cancelled (its rows stay, as a progress dialog's Esc); only then does
        the window close — closing throws away the list, minutes of checking of a large folder."""
        if self.search.text():
            self.search.clear()
        elif self.worker is not None:
            self.cancel()
        else:
            self.close()

    def cancel(self) -> None:
        """取消: the rows already checked stay, and the status says how many of how many."""
        if self.worker is not None:
            self.worker.cancel()  # ``cancelled`` at once; app.batch ends its processes meanwhile

    def _on(self, signal: SignalInstance, handle: Callable[..., object]) -> None:
        """A task's signal to a handler of this window: a task outlives the window (parentless), so
        closing cuts every one (closeEvent), and a window deleted unclosed is never handled for."""
        self._links.append(signal.connect(lambda *args: handle(*args) if isValid(self) else None))

    def _of(self, task: Task, handle: Callable[..., None], *args: object) -> None:
        if task is self.worker:
            handle(*args)

    def _item(self, item: object) -> None:
        if isinstance(item, Plan):
            self.plan = item
            for path in item.skipped:  # passed over by name: listed with the rest that are no report
                self.model.put(batch.FileResult(str(path), not_report=batch.skip_reason(path)))
        elif isinstance(item, Comparing):
            self.model.await_again({r.path: f"正在对照上年：{batch.shown_path(r.paired_with or '', self.model.base)}……"
                                    for r in item.rows})
            self.status.showMessage(f"正在对照上年的报告复查 {len(item.rows)} 份……")
        elif isinstance(item, batch.FileResult):
            self.model.put(item)
        self._passed_over_shown(sum(1 for r in self.model.results if r.not_report is not None))

    def _passed_over_shown(self, n: int) -> None:
        self.show_passed_over.setText(f"{PASSED_OVER}（{n}）" if n else PASSED_OVER)
        self.show_passed_over.setEnabled(bool(n))

    def _progressed(self, done: int, total: int) -> None:
        """The bar of a check under way; it is full only when the check has ended (``_full``):
        the last file in may be followed by the pairs checked again against last year's."""
        self.progress.setRange(0, total)
        self.progress.setValue(max(0, min(done, total - 1)))

    def _full(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)

    def _succeeded(self, result: batch.Batch) -> None:
        for r in result.results:  # the final word on each row (rows not reached stay out)
            if result.cancelled and r.path in self.model.pending:
                continue  # its comparison with last year's never came: what it had stays
            if r.error is not None or r.organ or r.findings or r.not_report is not None:
                self.model.put(r)
        if result.cancelled:
            self.model.stop_waiting(NOT_COMPARED)
        else:
            self._full()
            self.searched_whole = True
        self.last = result
        bad, errors = self._counts()
        text = (f"已检查 {self._checked() + bad} 个文件：{errors} 份有错误，{bad} 个无法读取，"
                f"对照上年 {len(result.pairs)} 对")
        own, note = own_note((r.not_report for r in self.model.results), "；")  # neither reports nor others
        other = len(self.model.results) - self._checked() - bad - own
        if other:
            text += f"；另有 {other} 个非年报文件未检查（勾选“显示未检查的文件”查看）"
        self._end(("已取消。" if result.cancelled else "") + text + note)

    def _count_shown(self) -> None:
        """显示 2 份（共 8 份）while 只看有错误的 or the name filter hides some rows."""
        passed = self.proxy.passed_over
        listed = sum(1 for r in self.model.results if passed or r.not_report is None)
        shown = self.proxy.rowCount()
        filtered = shown < listed and (self.proxy.errors_only or bool(self.proxy.text))
        self.shown_label.setText(f"筛选后显示 {shown} 个，共 {listed} 个" if filtered else "")
        self.shown_label.setVisible(filtered)

    def _checked(self) -> int:
        return sum(1 for r in self.model.results if r.error is None and r.not_report is None)

    def _cancelled(self) -> None:
        # files gone through (the plan's count), not those passed over by name
        checked = len(self.model.results) - (len(self.plan.skipped) if self.plan is not None else 0)
        of = f"/{self.plan.files}" if self.plan is not None else ""
        bad, errors = self._counts()
        text = f"已取消：已检查 {checked}{of} 份，其中 {errors} 份有错误，{bad} 个无法读取"
        if self.plan is not None and checked == self.plan.files:
            text += "；对照上年的复查未完成"
        self.model.stop_waiting(NOT_COMPARED)
        self.last = self._so_far(cancelled=True)
        self._end(text + "。列表保留已检查的结果，可导出汇总表")

    def _failed(self, message: str) -> None:
        self.model.stop_waiting(NOT_COMPARED)
        self.model.put(batch.FileResult(str(self.paths[0]), error=message))
        self.last = self._so_far(cancelled=False)
        self._end(message)

    def _so_far(self, cancelled: bool) -> batch.Batch:
        """What was checked (the files passed over by name among its rows), and what not."""
        rows = sorted(self.model.results, key=file_order)
        return batch.Batch(rows, [], cancelled, self.model.base, unfinished=not_reached(self.plan, rows))

    def _counts(self) -> tuple[int, int]:
        """(unreadable files, reports with errors) among the rows."""
        bad = sum(1 for r in self.model.results if r.error is not None)
        errors = sum(1 for r in self.model.results if r.error is None and r.not_report is None
                     and r.count(Severity.ERROR))
        return bad, errors

    def _end(self, text: str) -> None:
        self.worker = None
        self.cancel_button.setEnabled(False)
        self.export_button.setEnabled(bool(self.model.results) and self.exporting is None)
        self.status.showMessage(text)
        if self.view.hasFocus() and not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))  # Enter opens it, ↓ goes on from it
        self.finished.emit()

    # -- files changed since checked ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Back from an editor window opened from this list (忽略此问题, a fix, saved), or from
        # Word: the rows of the files written meanwhile are checked again, so none shows
        # findings the file no longer has — a dismissed error counted as open.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.marks.reload()  # marked meanwhile in another window or instance
            self.recheck_changed()

    def recheck_changed(self) -> Task | None:
        """See ui/batch_recheck_rows.py: the rows of files changed on disk since read, read again."""
        return recheck_changed(self)

    # -- results --------------------------------------------------------------------------------
    def _open_row(self, index: QModelIndex) -> None:
        r = self.model.results[self.proxy.mapToSource(index).row()]
        if r.error is not None:
            filedialogs.notice(self, "无法打开", r.error, "warning")
            return
        if r.not_report is not None:
            filedialogs.notice(self, "未检查", f"{r.path}\n\n{r.reason}")
            return
        self.open_report(Path(r.path))

    def export(self, dest: Path | None = None) -> bool:
        """导出汇总表… (ui/batch_export.py); False when none was started."""
        return batch_export.export(self, dest)

    # -- drop a folder --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.start(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        # No handler of a task runs once the window is closed: it is deleted (WA_DeleteOnClose)
        # while a recheck or an export may still be under way, and their answers come later.
        for link in self._links:
            QObject.disconnect(link)
        self._links = []
        for task in (self.worker, self.rechecking):
            if task is not None:
                task.cancel()
        self.worker = self.rechecking = self.exporting = None
        # Never leave worker processes behind: app.batch_pool ends them within CANCEL_POLL_S of the
        # cancel (a file read on a thread of this process may keep it a while: no process).
        deadline = time.monotonic() + CLOSE_WAIT_S
        for task in self._started:
            task.wait(max(0.0, deadline - time.monotonic()))
        self._started = []
        super().closeEvent(event)


# Makes a loaded editor window for a path; set by ui.main_window, which opens this window
# (importing the editor here would make the two modules import each other).
new_editor: Callable[[Path], QWidget | None] | None = None


def open_in_editor(path: Path) -> QWidget | None:
    """The report in an editor window of its own: its own undo stack and autosave.  None: not
    opened after all (取消 when another editor has the file)."""
    from ui.open_editors import front_editor_with  # the editor's document code: loaded when needed
    if (shown := front_editor_with(path)) is not None:  # a window of ours has it: never a second
        return shown
    if new_editor is None:
        raise RuntimeError("ui.main_window registers the editor window before a batch opens one")
    window = new_editor(path)
    if window is None:
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    keep(window)
    window.show()
    return window


def keep(window: QWidget) -> None:
    _windows.append(window)  # a Python reference keeps a parentless window alive
    window.destroyed.connect(lambda: _windows.remove(window))


def show_batch_window(parent: QWidget | None = None, paths: list[Path] | None = None) -> BatchWindow:
    window = BatchWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    from ui.window_frame import cascaded
    from ui.window_layout import BATCH_OPEN_KEY, Announced, fit_new_window, outer, place

    frame = outer(window)
    if parent is not None:  # down and right of the editor's window, by a visible step
        frame.moveTopLeft(outer(parent).topLeft() + QPoint(40, 40))
        place(window, frame)
    fit_new_window(window)  # wholly on the screen: a 1024×700 one is smaller than its size
    # Not on an open one, of this editor or of another running (told through QSettings).
    cascaded(window, [w for w in _windows if isinstance(w, BatchWindow)], Announced(window, BATCH_OPEN_KEY).others())
    keep(window)
    if not paths:
        batch_again.offer(window)
    window.show()
    if paths:
        window.start(paths)
    return window
