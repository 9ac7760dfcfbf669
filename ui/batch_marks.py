"""批量检查's 状态 column: the reviewer marks the selected reports 已审核 / 已发布 (or back to 未审核)
from the list's menu or its keys, with 撤销 for the last marks; the marks are kept in the user's
data folder by app/review_marks.py, never in the folder reviewed, and read again when the window
comes back to the front (another window or instance may have marked meanwhile)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from app import batch
from app.findings import Severity
from app.review_marks import (
    PUBLISHED,
    REVIEWED,
    STATES,
    UNREVIEWED,
    Mark,
    Marks,
    MarksError,
    MarkStore,
    file_key,
    new_mark,
    take_back,
)

if TYPE_CHECKING:
    from ui.batch_window import BatchWindow

# The keys: as a document's 标题 1/2 in Word, a digit for each state; 0 takes the mark away.
KEYS = {REVIEWED: "Ctrl+1", PUBLISHED: "Ctrl+2", UNREVIEWED: "Ctrl+0"}
UNDO_KEY = "Ctrl+Z"
UNDO_KEPT = 50  # marking steps that 撤销标记 can take back


def marks_folder() -> Path:
    """The program's data folder (ui/crashlog.py's), where recovery copies and logs are too."""
    from ui.crashlog import data_folder

    return data_folder()


@dataclass(frozen=True)
class _Step:
    """What takes one marking back: the marks it wrote, and those they replaced."""

    wrote: tuple[Mark, ...]
    replaced: tuple[Mark, ...]
    what: str


class BatchMarks(QObject):
    """The marks of ``window``'s list: its actions, its store, its undo steps."""

    def __init__(self, window: BatchWindow, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.store = MarkStore(folder if folder is not None else marks_folder())
        self.undo_steps: list[_Step] = []
        self._seen: tuple[int, int] | None = None  # the marks file as last read (mtime, size)
        self._unread: str | None = None  # the marks file could not be read: what was said
        self.ask: Callable[[str], bool] = self._ask  # tests answer instead of a person
        self.warn: Callable[[str], None] = self._warn
        view = window.view
        self.actions: dict[str, QAction] = {}
        # Each item its letter, as the editor's own menus have theirs (ui/menu_keys.py): opened with
        # Shift+F10 or the Menu key, the list's menu was worked with the arrows only.
        for state, text in ((REVIEWED, "标记为已审核(&R)"), (PUBLISHED, "标记为已发布(&P)"), (UNREVIEWED, "标记为未审核(&N)")):
            action = QAction(text, view)
            action.setShortcut(QKeySequence(KEYS[state]))
            action.triggered.connect(lambda _=False, s=state: self.mark(s))
            self.actions[state] = action
        # An identical copy elsewhere is marked (状态 未审核（副本已审核）): its mark offered for this file.
        self.adopt_action = QAction("沿用副本的标记(&C)", view)
        self.adopt_action.triggered.connect(self.adopt)
        self.undo_action = QAction("撤销标记(&U)", view)
        self.undo_action.setShortcut(QKeySequence(UNDO_KEY))
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(self.undo)
        separator = QAction(view)
        separator.setSeparator(True)
        for action in (separator, *self.actions.values(), self.adopt_action, self.undo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the list's keys, not the filter box's
            view.addAction(action)
        # Right click, the Menu key, Shift+F10: 打开 (the window's, Enter) first, then these.
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.reload(force=True)

    # -- reading --------------------------------------------------------------------------------
    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.store.path)
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def reload(self, force: bool = False) -> None:
        """The stored marks into the list, when the file changed since read (``force``: always).
        A file that cannot be read is no news: the marks shown stay (the summary exports them, not
        未审核 for all), it is said once, and the next activation reads it again."""
        stamp = self._stamp()
        if not force and stamp == self._seen:
            return
        marks = self.store.load()
        if self.store.unknown:  # unread, or a newer version's: no news, the marks shown kept
            problem, self.store.problem = self.store.problem, None
            if problem != self._unread:
                self._unread = problem
                QTimer.singleShot(0, self, lambda: self.warn(problem or ""))  # over the window, once shown
            if self._seen is None and not self.window.model.marks:  # none ever read: 未知
                self.window.model.set_marks(None)
            return
        self._unread = None
        self._seen = stamp
        self._show(marks)

    def _show(self, marks: Marks) -> None:
        self.window.model.set_marks(marks)
        if self.store.problem:
            problem, self.store.problem = self.store.problem, None
            self._seen = self._stamp()
            QTimer.singleShot(0, self, lambda: self.warn(problem))  # over the window, once it is shown

    def summary(self) -> dict[str, tuple[str, str]]:
        """Each report's 状态 and the day of its mark, for the summary workbook."""
        model = self.window.model
        out = {}
        for r in model.results:
            status = model.status(r)
            if status is not None:
                out[r.path] = status.columns
        return out

    # -- marking --------------------------------------------------------------------------------
    def selected(self) -> list[batch.FileResult]:
        """The reports of the selected rows, in the list's order (the files that are no report:
        nothing to review)."""
        proxy, model = self.window.proxy, self.window.model
        rows = sorted({i.row() for i in self.window.view.selectionModel().selectedRows()})
        out = [model.results[proxy.mapToSource(proxy.index(row, 0)).row()] for row in rows]
        return [r for r in out if r.not_report is None]

    def mark(self, state: str, results: Sequence[batch.FileResult] | None = None) -> bool:
        """The selected reports (or ``results``) marked ``state`` (UNREVIEWED: the marks taken
        away); whether anything was stored."""
        chosen = list(self.selected() if results is None else results)
        unread = [r for r in chosen if r.digest is None]
        chosen = [r for r in chosen if r.digest is not None]
        # A row whose file changed since it was read (saved in the editor; its recheck under way or
        # about to be) holds the old content's digest: marked, it would say 已审核（文件已改动） the
        # moment its new counts came — the review just made called out of date (rev22 M4).
        again = [r for r in chosen if self._reading_again(r)]
        chosen = [r for r in chosen if r not in again]
        name = STATES.get(state, UNREVIEWED)
        if again:
            self.window.recheck_changed()  # a no-op when one is under way
        if not chosen:
            self.window.status.showMessage(
                f"{len(again)} 份报告在检查后已改动，正在重新检查，检查完后再标记" if again
                else "无法读取的文件不能标记" if unread else "请先在列表中选择要标记的报告")
            return False
        if state == PUBLISHED:
            failing = [r for r in chosen if r.error is not None or r.count(Severity.ERROR)]
            if failing and not self.ask(_publish_question(failing, len(chosen), self.window.model.shown)):
                return False
        model = self.window.model
        place = self._place()
        old = [s.mark for r in chosen if (s := model.statuses.get(r.path)) is not None and s.mark is not None]
        put = [new_mark(r.digest, r.path, state) for r in chosen if r.digest is not None] if state in STATES else []
        # Each file's own marks: an identical copy elsewhere keeps its own (app/review_marks.py).
        drop = {(r.digest, file_key(r.path)) for r in chosen if r.digest is not None} | {m.key for m in old}
        if not self._change(lambda marks: self.store.changed(marks, put, drop)):
            return False
        self._keep_place(place, {r.path for r in chosen})
        count = f" {len(chosen)} 份报告"
        self.undo_steps.append(_Step(tuple(put), tuple(old), f"将{count}标记为{name}"))
        del self.undo_steps[:-UNDO_KEPT]
        self.undo_action.setEnabled(True)
        skipped = f"；{len(unread)} 个无法读取的文件未标记" if unread else ""
        if again:
            skipped += f"；{len(again)} 份报告在检查后已改动，正在重新检查，检查完后再标记"
        self.window.status.showMessage(f"已将{count}标记为{name}（{UNDO_KEY} 撤销）{skipped}")
        return True

    def adopt(self) -> bool:
        """The selected reports whose identical copy elsewhere is marked, marked as that copy is
        (each its own mark, by this reviewer, now); whether anything was stored."""
        model = self.window.model
        chosen = [(r, s.same_as) for r in self.selected()
                  if r.digest is not None and (s := model.statuses.get(r.path)) is not None and s.same_as is not None]
        if not chosen:
            self.window.status.showMessage("所选报告没有已标记的副本（状态为“未审核（副本已审核）”的报告才能沿用）")
            return False
        place = self._place()
        old = [s.mark for r, _ in chosen if (s := model.statuses.get(r.path)) is not None and s.mark is not None]
        put = [new_mark(r.digest or "", r.path, twin.state) for r, twin in chosen]
        drop = {m.key for m in old}
        if not self._change(lambda marks: self.store.changed(marks, put, drop)):
            return False
        self._keep_place(place, {r.path for r, _ in chosen})
        what = f"为 {len(chosen)} 份报告沿用副本的标记"
        self.undo_steps.append(_Step(tuple(put), tuple(old), what))
        del self.undo_steps[:-UNDO_KEPT]
        self.undo_action.setEnabled(True)
        self.window.status.showMessage(f"已{what}（{UNDO_KEY} 撤销）")
        return True

    def _reading_again(self, r: batch.FileResult) -> bool:
        """Whether ``r``'s row is being read again, or its file is no longer what was read (its
        stamp: one stat of a file the reviewer has just chosen in the list)."""
        if r.path in self.window._due:  # the recheck under way reads it again
            return True
        return r.stamp is not None and batch.file_stamp(r.path) not in (r.stamp, None)

    def undo(self) -> bool:
        """The last marking taken back: the marks it wrote taken out and those they replaced put
        back — but a file whose mark another window or instance changed since keeps that change
        (app/review_marks.take_back), and the status says how many."""
        if not self.undo_steps:
            return False
        step = self.undo_steps[-1]
        kept = 0

        def edit(marks: Marks) -> Marks:
            nonlocal kept
            out, kept = take_back(marks, step.wrote, step.replaced)
            return out

        if not self._change(edit):
            return False
        self.undo_steps.pop()
        back = {file_key(m.path) for m in (*step.wrote, *step.replaced)}
        self._select([r for r in self._shown() if file_key(r[1].path) in back])  # what came back, where it is now
        self.undo_action.setEnabled(bool(self.undo_steps))
        other = f"；{kept} 份报告的标记已在其他窗口更改，保留那边的标记" if kept else ""
        self.window.status.showMessage(f"已撤销：{step.what}{other}")
        return True

    # -- the reviewer's place ---------------------------------------------------------------------
    def _shown(self) -> list[tuple[int, batch.FileResult]]:
        proxy, model = self.window.proxy, self.window.model
        return [(row, model.results[proxy.mapToSource(proxy.index(row, 0)).row()]) for row in range(proxy.rowCount())]

    def _place(self) -> list[int]:
        return sorted({i.row() for i in self.window.view.selectionModel().selectedRows()})

    def _keep_place(self, before: list[int], marked: set[str]) -> None:
        """Rows still where they were stay selected; rows the list's sort or filter took away
        (sorted or filtered by 状态) leave their place to the next row, selected, so the next key
        marks the next report: the cursor went with the row, out of sight, and nothing was selected."""
        shown = self._shown()
        now = [(row, r) for row, r in shown if r.path in marked]
        if [row for row, _ in now] == before or not shown or not before:
            self._select(now)
        else:
            self._select([shown[min(before[0], len(shown) - 1)]])

    def _select(self, rows: Sequence[tuple[int, batch.FileResult]]) -> None:
        view, proxy = self.window.view, self.window.proxy
        selection = view.selectionModel()
        if not rows:
            return
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(proxy.index(rows[0][0], 0), flags.ClearAndSelect | flags.Rows)
        for row, _ in rows[1:]:
            selection.select(proxy.index(row, 0), flags.Select | flags.Rows)
        view.scrollTo(proxy.index(rows[0][0], 0))

    def _change(self, edit: Callable[[Marks], Marks]) -> bool:
        try:
            marks = self.store.update(edit)
        except MarksError as e:
            self.warn(str(e))
            return False
        self._seen = self._stamp()
        self._show(marks)
        return True

    def _warn(self, text: str) -> None:
        from ui.filedialogs import notice

        notice(self.window, "审核标记", text, "warning")

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self.window, "标记为已发布", text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def _publish_question(failing: Sequence[batch.FileResult], of: int, shown: Callable[[batch.FileResult], str]) -> str:
    """One question for every report with errors among those being marked 已发布."""
    names = "\n".join(f"  {shown(r)}" for r in failing[:5]) + (f"\n  ……另有 {len(failing) - 5} 份" if len(failing) > 5 else "")
    return (f"要标记为已发布的 {of} 份报告中，有 {len(failing)} 份仍有错误或无法读取：\n{names}\n\n"
            "仍然标记为已发布吗？")
