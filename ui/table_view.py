"""The spreadsheet-like view of a statutory table.

Habits of Excel/WPS: Enter moves down, Tab right, typing replaces, F2 edits, Delete clears the
selection, Ctrl+C / Ctrl+V copy and paste rectangular tab-separated blocks (all or nothing).
Column widths follow the format's proportions; row heights are computed so that every label,
merged ones included, is readable in full (ui/grid_sizes.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QFontMetrics,
    QGuiApplication,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPolygon,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QToolTip,
    QWidget,
)

from app.clipboard import BlockRefused, format_block, plan_paste, split_block
from app.findings import Severity
from app.nextyear import with_suggestions
from app.schema import TABLES, CellRef
from app.values import Value
from ui.cell_delegate import ENTERED_UP, CellDelegate
from ui.commands import accept_total_command, set_cells_command
from ui.finding_actions import commands, review_command
from ui.findings import apply_fix
from ui.grid_moves import GridMoves
from ui.grid_refusals import RefusalNote, paint_refusals
from ui.grid_sizes import fitted_widths, min_widths, row_heights, text_inset
from ui.label_delegate import LabelDelegate
from ui.resources import Colors, severity_color
from ui.state import EditorState
from ui.tab_run import TabRun
from ui.table_model import StatutoryTableModel


def fill_all_blanks(state: EditorState) -> str:
    """编辑 → 空白处填0 (the toolbar, Ctrl+0): every blank figure cell of 表二, 表三 and 表四, from
    whichever page, in one undo step; what was done, in words.  What the user is typing in a
    cell is committed first, so it is not taken for a blank."""
    state.flush()
    edits = state.report.zero_fills()
    if not edits:
        return "各表格没有空白单元格"
    state.stack.push(set_cells_command(state, "空白处填0", edits))
    by_table = [f"表{key}{n}个" for key in TABLES if (n := sum(1 for ref, _ in edits if ref.table == key))]
    return f"已在{len(edits)}个空白单元格填入0（{'、'.join(by_table)}；合计按明细自动计算）"


_MARK = 7  # size of the corner mark of a cell with a finding
TOTAL_READ_ONLY = "合计单元格按明细自动计算，不能直接填写"


class GridView(GridMoves):
    """A QTableView over a StatutoryTableModel with spreadsheet keys and block clipboard.
    Header rows and label columns stay in view while it scrolls (FrozenGrid)."""

    message = Signal(str)  # for the status bar
    edited = Signal(str)  # for the status bar, about the edit just pushed: its undo takes it back
    fitted = Signal()  # columns and rows sized anew (the page keeps the grid's first rows in sight)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint_height = 0  # rows this much taller while 显示上年数 puts a hint under each value
        self.setItemDelegate(CellDelegate(self))
        self._labels = LabelDelegate(self)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The frame as a style-sheet border: the style's frame is a 1-px line, lost at 125% or 150%
        # wherever the grid's top or left edge falls between two screen pixels (the widget is
        # clipped to whole pixels, the line drawn half a pixel outside); a border is filled and
        # covers a whole pixel at any scale.  GridView only: the frozen panes it holds have none.
        self.setStyleSheet(
            f"QTableView {{ gridline-color: {Colors.GRID.name()}; selection-background-color: #cfe3fb;"
            f" selection-color: #000; }} GridView {{ border: 1px solid {Colors.FRAME.name()}; }}"
        )
        self.note = RefusalNote(self, self._correct)
        self.tab_run = TabRun()
        self._fit_width = -1
        self._fitting = False
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        assert isinstance(model, StatutoryTableModel)
        self.clearSpans()
        for cell in model.spec.layout:
            if cell.rowspan > 1 or cell.colspan > 1:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        for row in range(model.spec.header_rows):  # the header's labels balanced (ui/label_delegate.py)
            self.setItemDelegateForRow(row, self._labels)
        self.freeze(model)
        model.refused.connect(self._show_refusal)
        # The note moves off a figure just typed and off the cell the cursor moved to.
        model.dataChanged.connect(lambda *_: self.note.place() if self.note.ref is not None else None)
        self.selectionModel().currentChanged.connect(lambda *_: self.note.place() if self.note.ref is not None else None)
        model.state.flushRequested.connect(self.commit_edit)
        model.state.entriesWanted.connect(self._open_entry)
        model.accepted.connect(lambda index, text: self.message.emit(text))
        first = model.index_of((0, 0))
        self.setCurrentIndex(first)
        self._fit_timer.start()

    # -- layout ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self._paint_error_marks()
        paint_refusals(self, self.grid_model(), self.viewport())

    def _paint_error_marks(self) -> None:
        """A red corner on cells with an error, so errors show without relying on colour."""
        model = self.grid_model()
        errors = [ref for ref, found in model.state.by_cell.items()
                  if ref.table == model.spec.key and any(f.severity is Severity.ERROR for f in found)]
        if not errors:
            return
        painter = QPainter(self.viewport())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(severity_color(Severity.ERROR))
        visible = self.viewport().rect()
        for ref in errors:
            rect = self.visualRect(model.index_of((ref.row, ref.col)))
            if rect.intersects(visible):
                corner = rect.topRight()
                painter.drawPolygon(QPolygon([corner, corner - QPoint(_MARK, 0), corner + QPoint(0, _MARK)]))
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # the frozen panes follow
        self._refit()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:  # the vertical scroll bar came or went
            self._refit()
        return super().viewportEvent(event)

    def _refit(self) -> None:
        # Now, not after the events queued: the paint queued with a page's first showing drew
        # the columns at Qt's default widths, garbled behind a scroll bar, until then (from the
        # GUI test, for half a second).
        # (The fit setModel queued still runs: the same widths, and the page places its text
        # pane by the grid's final rows then, ``fitted``.)
        if self.viewport().width() != self._fit_width and not self._fitting and self.model() is not None:
            self.fit()

    def fit(self) -> None:
        """Columns in the format's proportions (never below a readable minimum), rows tall
        enough for their labels.  Once more if that brought or took away the vertical scroll
        bar (the width changed meanwhile); never more, so a grid on the edge cannot flicker."""
        self._fitting = True
        try:
            self._fit_once()
            if self.viewport().width() != self._fit_width:
                self._fit_once()
        finally:
            self._fitting = False

    def _fit_once(self) -> None:
        spec = self.grid_model().spec
        metrics = QFontMetrics(self.font())
        self._fit_width = available = self.viewport().width()
        for col, width in enumerate(fitted_widths(spec.col_widths, min_widths(spec, metrics), available)):
            self.setColumnWidth(col, width)
        self._fit_rows(metrics)

    def _fit_rows(self, metrics: QFontMetrics) -> None:
        spec = self.grid_model().spec
        widths = [self.columnWidth(c) for c in range(spec.grid_cols)]
        heights = row_heights(spec, metrics, widths, self.hint_height, text_inset(self))
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)
        frame = 2 * self.frameWidth()
        bar = self.horizontalScrollBar().sizeHint().height() if self._needs_hbar() else 0
        self.setMaximumHeight(sum(heights) + frame + bar)
        self.updateGeometries()  # the scroll bars for these sizes now, not when Qt next lays out
        self.note.place()  # its cell moved with the new widths and heights
        self.fitted.emit()

    def _needs_hbar(self) -> bool:
        return sum(self.columnWidth(c) for c in range(self.grid_model().columnCount())) > self._fit_width

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.go(-1 if shift else 1, 0)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif key == Qt.Key.Key_Escape and self._let_go(self.currentIndex()):
            self.message.emit("已取消标记：单元格保留原值")
        else:
            ref = self.grid_model().ref(self.currentIndex())
            if ref is not None and self.grid_model().is_total(ref) and event.text().strip():
                self.show_at(self.currentIndex(), TOTAL_READ_ONLY)
            super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """A string an input method commits at once (full-width “１２”) is typed as keys are:
        Qt opens the cell's editor for it but passes on only a commit that ends a composition."""
        opening = not event.preeditString() and self.state() != QAbstractItemView.State.EditingState
        typed = event.commitString() if opening else ""
        ref = self.grid_model().ref(self.currentIndex())
        if typed.strip() and ref is not None and self.grid_model().is_total(ref):
            self.show_at(self.currentIndex(), TOTAL_READ_ONLY)
        super().inputMethodEvent(event)
        editor = QApplication.focusWidget()
        # Still as it opened (empty, or the old figure selected): the string has not reached it.
        if typed and isinstance(editor, QLineEdit) and (editor.hasSelectedText() or not editor.text()):
            QApplication.sendEvent(editor, event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        index = self.currentIndex()
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.grid_model().state.entriesChanged.emit()  # its text leaves the recovery copy
        # A refused entry leaves its cell marked (ui/grid_refusals.py): typing goes on as the key says.
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:  # Esc: the old value it is
            self._let_go(index)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.go(-1 if editor.property(ENTERED_UP) else 1, 0)
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            self.tab(True)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self.tab(False)

    def _let_go(self, index: QModelIndex) -> bool:
        """Esc on a cell whose entry was refused: the mark goes, the old value stays."""
        ref = self.grid_model().ref(index)
        if ref is None or not self.grid_model().let_go(ref):
            return False
        self.note.place()
        self.viewport().update()
        return True

    def _correct(self, ref: CellRef) -> None:
        """The note clicked: back to its cell, the refused entry in the editor to correct."""
        index = self.grid_model().index_of((ref.row, ref.col))
        self.setFocus()
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)

    def commit_edit(self) -> None:
        """Ctrl+S while a cell is being typed saves what was typed, as Excel does."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        for editor in self.viewport().findChildren(QLineEdit):
            if editor.isVisible():
                self.commitData(editor)
                self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _open_entry(self, entries: list[tuple[CellRef, str]]) -> None:
        """The autosave's look at what is typed here and not entered: each refused entry (what
        the user typed and was about to correct: a crash keeps it as an open editor's text is
        kept), then the cell being typed, its editor left open."""
        entries += [(ref, refusal.typed) for ref, refusal in self.grid_model().refusals.items()]
        ref = self.grid_model().ref(self.currentIndex())
        if self.state() != QAbstractItemView.State.EditingState or ref is None:
            return
        entries += [(ref, editor.text()) for editor in self.viewport().findChildren(QLineEdit) if editor.isVisible()]

    def _show_refusal(self, index: QModelIndex, reason: str) -> None:
        ref = self.grid_model().ref(index)
        refusal = self.grid_model().refusals.get(ref) if ref is not None else None
        if ref is not None and refusal is not None:
            self.note.show_for(ref)
            self.viewport().update()
            self.message.emit(f"{self.grid_model().spec.describe(ref.row, ref.col)}{refusal.describe()}")
            return
        self.show_at(index, f"{reason}，原值保留")

    def show_at(self, index: QModelIndex, text: str) -> None:
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), text, self.viewport(), rect, 4000)
        self.message.emit(text)

    # -- clipboard and bulk edits ---------------------------------------------------------------
    def selected_refs(self) -> list[CellRef]:
        model = self.grid_model()
        refs = [model.ref(i) for i in self.selectedIndexes()]
        found = [r for r in refs if r is not None]
        if not found and (current := model.ref(self.currentIndex())) is not None:
            found = [current]
        return sorted(set(found), key=lambda r: (r.row, r.col))

    def copy(self) -> None:
        refs = self.selected_refs()
        if not refs:
            return
        report = self.grid_model().state.report
        chosen = {(r.row, r.col) for r in refs}
        rows = range(min(r.row for r in refs), max(r.row for r in refs) + 1)
        cols = range(min(r.col for r in refs), max(r.col for r in refs) + 1)
        block: list[list[Value]] = [
            [report.value(CellRef(refs[0].table, r, c)) if (r, c) in chosen else None for c in cols]
            for r in rows
        ]
        QGuiApplication.clipboard().setText(format_block(block))
        self.message.emit(f"已复制{len(rows)}行×{len(cols)}列")

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block at the selection's top-left; refused whole if it does
        not fit or holds any bad value.  Returns whether anything was pasted."""
        text = QGuiApplication.clipboard().text() if text is None else text
        refs = self.selected_refs()
        if not text.strip("\r\n") or not refs:
            return False
        model = self.grid_model()
        block = split_block(text)
        if len(block) == 1 and len(block[0]) == 1 and len(refs) > 1:
            block_rows = [(r, block[0][0]) for r in refs if not model.is_total(r)]
            return self._paste_single(block_rows)
        try:
            plan = plan_paste(model.spec, (refs[0].row, refs[0].col), block)
        except BlockRefused as refused:
            self.show_at(model.index_of((refs[0].row, refs[0].col)), str(refused))
            return False
        if not plan.edits:
            self.message.emit(TOTAL_READ_ONLY)
            return False
        key = model.spec.key
        self.push_edits("粘贴", [(CellRef(key, *pos), value) for pos, value in plan.edits])
        report = model.state.report
        off = [pos for pos, value in plan.totals if value is not None and report.value(CellRef(key, *pos)) != value]
        notes = [f"已粘贴{len(block)}行×{len(block[0])}列"] + ([plan.note] if plan.note else [])
        notes += [f"{len(plan.warnings)}处“—”等按空白处理"] if plan.warnings else []
        notes += [f"{len(off)}个总计与明细之和不符，已按明细计算"] if off else []
        self.message.emit("；".join(notes))
        return True

    def _paste_single(self, targets: list[tuple[CellRef, str]]) -> bool:
        try:
            edits = []
            for ref, text in targets:
                plan = plan_paste(self.grid_model().spec, (ref.row, ref.col), [[text]])
                edits += [(ref, value) for _, value in plan.edits]
        except BlockRefused as refused:
            self.message.emit(str(refused))
            return False
        self.push_edits("粘贴", edits)
        return True

    def push_edits(self, label: str, edits: list[tuple[CellRef, Value]]) -> None:
        report = self.grid_model().state.report
        changed = [(r, v) for r, v in edits if report.value(r) != v or r in report.raw]
        if changed:
            changed = with_suggestions(report, changed)  # 现行有效 follows 制发/废止 as when typed
            self.grid_model().state.stack.push(set_cells_command(self.grid_model().state, label, changed))

    def clear_selection(self) -> None:
        """Delete: the figures chosen go, in one step.  Said as 粘贴 says what it did; a 合计
        alone chosen says why nothing went, as typing there does (it was a key that did nothing)."""
        model = self.grid_model()
        refs = self.selected_refs()
        edits: list[tuple[CellRef, Value]] = [(r, None) for r in refs if not model.is_total(r)]
        if refs and not edits:
            self.show_at(self.currentIndex(), TOTAL_READ_ONLY)
            return
        report = model.state.report
        gone = sum(1 for r, _ in edits if report.value(r) is not None or r in report.raw)
        self.push_edits("清除内容", edits)
        if gone > 1:
            self.message.emit(f"已清除{gone}个单元格")

    def fill_blanks_with_zero(self) -> int:
        """Blank cells of the selection (of the whole table if one cell is selected) get 0: the
        grid's own context menu; 编辑 → 空白处填0 fills every table (``fill_all_blanks``)."""
        model = self.grid_model()
        refs = self.selected_refs()
        if len(refs) <= 1:
            refs = [CellRef(model.spec.key, c.row, c.col) for c in model.spec.cells]
        edits = model.state.report.zero_fills(refs)
        self.push_edits("空白处填0", edits)
        if edits:
            self.edited.emit(f"已在{len(edits)}个空白单元格填入0")
        else:
            self.message.emit("所选范围没有空白单元格")
        return len(edits)

    def accept_total(self, ref: CellRef) -> None:
        state = self.grid_model().state
        state.stack.push(accept_total_command(state, ref))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        ref = self.grid_model().ref(index)
        if ref is None:
            return
        if not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("复制", QKeySequence.StandardKey.Copy, self.copy)
        menu.addAction("粘贴", QKeySequence.StandardKey.Paste, self.paste)
        menu.addAction("清除内容", QKeySequence.StandardKey.Delete, self.clear_selection)
        several = len(self.selected_refs()) > 1
        menu.addAction("所选空白处填0" if several else "本表空白处填0", self.fill_blanks_with_zero)
        actions = self.cell_actions(ref)
        if actions:
            menu.addSeparator()
        for label, action in actions.items():
            menu.addAction(label, action)
        from ui.menu_keys import keyed

        keyed(menu).exec(event.globalPos())

    def cell_actions(self, ref: CellRef) -> dict[str, Callable[[], object]]:
        """What the cell's findings offer: their fixes, 按明细重算, 转到正文 of a sentence."""
        state = self.grid_model().state
        actions: dict[str, Callable[[], object]] = {}
        for finding in state.by_cell.get(ref, []):
            if finding.fix is not None:
                actions.setdefault(f"修复：{finding.fix.label}", partial(apply_fix, state, finding))
            for command in commands(state, finding, here="table"):
                actions.setdefault(command.label, command.run)
        if ref in state.report.pinned:
            actions.setdefault("修复：按明细重算", lambda: self.accept_total(ref))
        for finding in state.by_cell.get(ref, []):
            review = review_command(state, finding)
            label, n = review.label, 2
            while label in actions:  # two findings of one title here (two sentences' figures): each its own item
                label, n = f"{review.label}（第{n}条）", n + 1
            actions[label] = review.run
        return actions
