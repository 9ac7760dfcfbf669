"""The findings panel: what the checks say, filterable by severity.

Choosing a finding (a click, the arrow keys) shows where it is while the list keeps the focus;
double-click or Enter goes there to edit.  Findings are data from app.checks; the panel only
displays them and offers their commands: a Fix, and those of ui.finding_actions.  The rows are
ui.findings_model's, drawn by ui.findings_view's delegate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dismissals import Dismissal
from app.findings import Finding, Location, Severity
from ui import context_keys
from ui.change import Change
from ui.findings_back import BackToList
from ui.findings_model import (
    DISMISSED_ROLE,
    FINDING_ROLE,
    LOCATION_ROLE,
    SEVERITY_ROLE,
    TEXTS_ROLE,
    FindingsModel,
    SeverityFilter,
)
from ui.findings_rows import COMMAND_KEYS, FIX_KEY, arrange, build_rows, listed_height_below
from ui.findings_view import FilterToggle, FindingDelegate, FindingsList
from ui.flow_layout import FlowLayout
from ui.state import EditorState

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.finding_actions import FindingCommand

# What other modules and the tests take from here, wherever it is defined.
__all__ = ["DISMISSED_ROLE", "FINDING_ROLE", "LOCATION_ROLE", "SEVERITY_ROLE", "TEXTS_ROLE", "FindingDelegate",
           "FindingsModel", "FindingsPanel", "SeverityFilter", "apply_fix"]


MIN_WIDTH = 220  # the narrowest the panel can be dragged: a message still wraps every dozen characters


READING_WIDTH = 560  # px: a dialog's text wrapped to about 40 characters, as a message box's


class FindingsPanel(QWidget):
    """Severity toggles, the list, and a row with the chosen finding's commands."""

    navigate = Signal(object, bool)  # Finding, whether the place takes the keyboard focus
    message = Signal(str)  # for the status bar: where Enter on a finding put the focus
    note = Signal(str)  # for the status bar, kept beside what the same action says next

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = FindingsModel(state)
        self.proxy = SeverityFilter(self.model, self)
        self.view = FindingsList(self)
        self.view.setModel(self.proxy)
        # A list has no header: the proxy's headerDataChanged (its rows' numbers, after rows come)
        # only made QAbstractItemView lay the whole list out again, every row measured.
        self.proxy.headerDataChanged.disconnect()
        self.delegate = FindingDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.model.measure = self.delegate.measure
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(False)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(lambda index: self._go(index, False))  # again, after editing there
        self.view.doubleClicked.connect(lambda index: self._go(index, True))
        self.view.activated.connect(lambda index: self._go(index, True))
        self.view.spaced.connect(lambda index: self._go(index, False))  # the row F6 made current, chosen
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.toggles: dict[Severity, FilterToggle] = {}
        self.fix_button = QPushButton(f"修复(&{FIX_KEY})", self)
        self.fix_button.setToolTip("按检查给出的方法修正所选问题（可撤销）")
        self.fix_button.clicked.connect(self.fix_current)
        # Alt+I / Alt+R as the list's menu has them (I, R): the letters no menu of the window
        # takes (文件 F, 编辑 E, 视图 V, 帮助 H), the writer's dismissal a key away wherever she is.
        self.dismiss_button = QPushButton("忽略此问题(&I)…", self)
        self.dismiss_button.setObjectName("finding-dismiss")
        self.dismiss_button.setToolTip("认为这条问题不成立：不再计入错误和警告数，记入文件（可撤销）")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.restore_button = QPushButton("恢复此问题(&R)", self)
        self.restore_button.setObjectName("finding-restore")
        self.restore_button.setToolTip("取消忽略，重新计入（可撤销）")
        self.restore_button.clicked.connect(self.restore_current)
        self.dismissed_toggle = FilterToggle("显示着已忽略的问题；点击隐藏", "已忽略的问题已隐藏；点击显示", self)
        self.dismissed_toggle.setObjectName("findings-dismissed")
        self.dismissed_toggle.toggled.connect(self._set_dismissed_shown)
        self.empty = QLabel(self)  # “未发现问题” instead of an empty white box
        self.empty.setObjectName("findingsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.command_buttons: dict[str, QPushButton] = {}
        self.back: BackToList | None = None  # Esc in the text Enter went to comes back here
        self.hint = QLabel("单击一条问题可定位到原文，双击转到原文编辑", self)
        self.hint.setObjectName("findingsHint")
        self.hint.setWordWrap(True)  # a narrow panel wraps it rather than grows
        self.hint.setStyleSheet("color: #5f6b7a;")
        self.commands_bar: FlowLayout
        self.top_row: QHBoxLayout
        self._layout: QVBoxLayout
        build_rows(self)
        # The rows wrap down to their widest button; a finding stays readable above this.
        self.setMinimumWidth(MIN_WIDTH)
        state.changed.connect(self._changed)
        self._update_counts()
        self._update_commands()

    def resizeEvent(self, event: QResizeEvent) -> None:
        arrange(self)  # the commands beside the filters in a wide panel (below the page)
        super().resizeEvent(event)

    def settled_height_below(self) -> int:
        """Its least height below the page with a report's findings listed (ui/dock_side.py)."""
        return listed_height_below(self)

    def follow_side(self, area: Qt.DockWidgetArea) -> None:
        """Its dock put on a side of the window: the rows as they will be there, before the
        panel is shown at its new width (the window sizes the dock from the panel's minimum)."""
        arrange(self, area in (Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea))

    def _set_dismissed_shown(self, shown: bool) -> None:
        self.view.quiet = True
        try:
            self.proxy.set_show_dismissed(shown)
        finally:
            self.view.quiet = False
        self._update_empty()
        self._update_commands()

    def _update_empty(self) -> None:
        """No finding: say so plainly; the list stays only for what is 已忽略."""
        if self.state.findings:
            text = "" if self.proxy.rowCount() else "所选级别的问题已隐藏，可点上方按钮显示"
        elif not self.state.checked:  # the blank report a file replaces: never shown, not laid out
            text = ""
        elif self.state.dismissed:
            text = f"✓ 未发现问题（另有{len(self.state.dismissed)}个已忽略）"
        else:
            text = "✓ 未发现问题"
        self.empty.setText(text)
        self.empty.setVisible(bool(text))
        sheet = "color: #2e7d32; font-size: 11pt; padding: 12px;" if not self.state.findings else "color: #5f6b7a; padding: 12px;"
        if self.empty.styleSheet() != sheet:  # setting one restyles the label: not on every edit
            self.empty.setStyleSheet(sheet)
        listed = self.proxy.rowCount() > 0
        self.view.setVisible(listed)
        stretch = 0 if listed else 1
        if self._layout.stretch(self._layout.indexOf(self.empty)) != stretch:
            # Setting it invalidates the layout even when unchanged: the whole window was laid
            # out again on every edit (its flow layouts measured, every dock resized).
            self._layout.setStretchFactor(self.empty, stretch)
        if not listed:
            self.hint.hide()  # nothing to click

    def _set_shown(self, severity: Severity, shown: bool) -> None:
        self.view.quiet = True  # hiding the chosen row moves the choice: that is not a request to go
        try:
            self.proxy.set_shown(severity, shown)
        finally:
            self.view.quiet = False
        self._update_empty()
        self._update_commands()

    def _go(self, index: QModelIndex, focus: bool) -> None:
        if index.isValid():
            self.navigate.emit(index.data(FINDING_ROLE), focus)
            if focus:
                self._say_where(index.data(FINDING_ROLE))

    def _say_where(self, finding: Finding) -> None:
        """Enter (a double-click) put the focus in the text with the passage selected: typing
        there replaces it, and ↑ no longer moves in the list.  The status bar says so, and Esc
        there comes back to the list (as long as the focus stays in that text)."""
        from PySide6.QtWidgets import QApplication, QTextEdit

        editor = QApplication.focusWidget()
        if self.back is not None:
            self.back.cancel()
        if not isinstance(editor, QTextEdit) or not editor.textCursor().hasSelection():
            return
        self.back = BackToList(editor, self)
        passage = " ".join(editor.textCursor().selectedText().split("\u2029"))
        passage = passage if len(passage) <= 20 else passage[:19] + "…"
        loc = finding.location
        # A duplicate's other copy is tinted: said as go_to_finding says it, this message replacing that one.
        other = "（浅蓝底色的是另一处重复）" if any(o.section == loc.section and o.span for o in loc.others) else ""
        self.message.emit(f"已选中{loc.describe()}中的“{passage}”{other}，按Esc回到问题列表")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_commands()
        if not self.view.quiet:  # a rebuild after typing, a filter: they must not pull the view away
            self._go(current, False)

    def _changed(self, change: Change) -> None:
        if not change.findings:
            return
        if change.report:
            self._new_report()
            return
        # The rows follow the checks in place; the choice stays on its finding, and a change of
        # rows is never a request to go somewhere (the user is typing elsewhere).
        chosen = self.current()
        place = (chosen.code, chosen.location) if chosen else None
        # Its row as the model keeps it: a finding whose cells or span moved (表三有159个单元格
        # 空白 → 158) is the same row changed, and stays chosen.
        row = QPersistentModelIndex(self.proxy.mapToSource(self.view.currentIndex())) if chosen else None
        self.view.quiet = True
        try:
            moved, texts = self.model.reload()
            if moved or texts:
                self._keep_choice(place, row)
            # A message that now takes more lines: the model's dataChanged says so (SizeHintRole)
            # and the list lays its rows out again.
        finally:
            self.view.quiet = False
        self._update_counts()
        self._update_commands()

    def _new_report(self) -> None:
        """Another report (opened, new, from last year's, recovered): its list from the top and
        nothing chosen; the old report's scroll position cut its first finding off.  Every
        severity shown again: a 错误 or 警告 hidden while reading one report hid the next one's
        errors unseen (left18a), and the status bar says which came back."""
        hidden = [severity for severity, toggle in self.toggles.items() if not toggle.isChecked()]
        for severity in hidden:
            self.toggles[severity].setChecked(True)  # the filter follows (toggled → _set_shown)
        if hidden:
            names = "、".join(severity.name_zh for severity in hidden)
            self.note.emit(f"另一份报告：问题列表重新显示全部级别（上一份报告隐藏了{names}）")
        self.view.quiet = True
        try:
            self.model.reload()
            self.view.selectionModel().clear()
            # Now and after the list's delayed layout (which keeps the old offset, clamped).
            self.view.scrollToTop()
            if self.view.verticalOffset() or self.view.horizontalOffset():  # never at a start:
                # wrapping a scroll bar in Python builds PySide's slider enums (test_start_ui)
                self.view.verticalScrollBar().setValue(0)
                self.view.horizontalScrollBar().setValue(0)
        finally:
            self.view.quiet = False
        self._update_counts()
        self._update_commands()

    def _keep_choice(self, place: tuple[str, Location] | None, kept: QPersistentModelIndex | None = None) -> None:
        """The chosen finding stays chosen (dismissed by an undo or elsewhere, it is chosen under
        已忽略; 忽略此问题 here goes on to the next: ``_go_on_from``), also when the model kept its
        row with new cells; if it went (fixed), nothing is chosen rather than its neighbour."""
        now = self.current()
        if place is None or (now is not None and (now.code, now.location) == place):
            return
        selection = self.view.selectionModel()
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            finding: Finding = self.proxy.data(index, FINDING_ROLE)
            if (finding.code, finding.location) == place:
                selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
                return
        if kept is not None and kept.isValid():
            source = self.model.index(kept.row(), 0)
            index = self.proxy.mapFromSource(source)
            finding = self.model.data(source, FINDING_ROLE)
            if index.isValid() and finding is not None and finding.code == place[0] \
                    and finding.location.section == place[1].section:
                selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
                return
        selection.clear()

    def _update_counts(self) -> None:
        for severity, button in self.toggles.items():
            n = sum(1 for f in self.state.findings if f.severity is severity)
            button.setText(f"{severity.name_zh} {n}")
        self.dismissed_toggle.setText(f"已忽略 {len(self.state.dismissed)}")
        self.dismissed_toggle.setVisible(bool(self.state.dismissed))
        self._update_empty()

    def choose(self, code: str, nth: int = 1) -> bool:
        """Choose the ``nth`` shown finding with ``code``, as a click on it would."""
        rows = [self.proxy.index(r, 0) for r in range(self.proxy.rowCount())]
        matches = [index for index in rows if index.data(FINDING_ROLE).code == code]
        if len(matches) < nth:
            return False
        self.view.setFocus()
        self.view.setCurrentIndex(matches[nth - 1])
        return True

    def select(self, finding: Finding) -> bool:
        """Choose ``finding`` itself, as a click on it would; False where it is not shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(FINDING_ROLE) is finding:
                self.view.setFocus()
                self.view.setCurrentIndex(index)
                return True
        return False

    def current(self) -> Finding | None:
        index = self.view.currentIndex()
        return index.data(FINDING_ROLE) if index.isValid() else None

    def current_dismissal(self) -> Dismissal | None:
        index = self.view.currentIndex()
        return index.data(DISMISSED_ROLE) if index.isValid() else None

    def dismiss_current(self) -> None:
        finding = self.current()
        if finding is not None and self.current_dismissal() is None:
            self.ask_and_dismiss(finding)

    def ask_and_dismiss(self, finding: Finding) -> bool:
        """忽略此问题 with an optional reason (Cancel dismisses nothing)."""
        from ui.filedialogs import notice  # on first use: QMessageBox's enums cost the start

        rows = [r for r in range(self.proxy.rowCount()) if self.proxy.index(r, 0).data(FINDING_ROLE) is finding]
        reason, ok = ask_reason(self, finding.message)
        if not ok:
            return False
        from ui import dismiss

        bar = self.view.verticalScrollBar()
        offset = bar.value()
        if dismiss.dismiss(self.state, finding, reason):
            if rows:
                # The list as it was: the dismissed finding, kept chosen as it moved under 已忽略
                # at the list's end, scrolled the list there, and the next one, chosen from
                # below, came back at the top — the errors above it out of sight (the GUI tester
                # saw 错误 4 and one error in the list).
                bar.setValue(offset)
                self._go_on_from(rows[0])
            return True
        notice(self, "忽略此问题", "这个问题已随修改消失或改变，没有忽略。请在列表中重新选择。")
        return False

    def _go_on_from(self, row: int) -> None:
        """After 忽略此问题 the reviewer goes on down the list: the finding now at the dismissed
        one's row (the one after it), else the last before it, is chosen, the keyboard in the
        list.  The choice followed the dismissed one under 已忽略 at the list's end, ↓ went
        nowhere and Enter sat on 恢复此问题 (rev25c D1).  It stays listed under 已忽略; Ctrl+Z undoes it."""
        left = [r for r in range(self.proxy.rowCount()) if self.proxy.index(r, 0).data(DISMISSED_ROLE) is None]
        if left:
            self.view.setCurrentIndex(self.proxy.index(next((r for r in left if r >= row), left[-1]), 0))
            self.view.setFocus()

    def restore_current(self) -> None:
        finding = self.current()
        if finding is not None:
            _restore(self.state, finding)

    def _update_commands(self) -> None:
        """The chosen finding's commands as buttons under the list; a hint when it has none."""
        finding = self.current()
        dismissed = self.current_dismissal() is not None
        fix = finding.fix if finding and not dismissed else None
        available = {c.name: c for c in commands(self.state, finding, here="text")} if finding else {}
        self.dismiss_button.setVisible(finding is not None and not dismissed)
        self.restore_button.setVisible(dismissed)
        # Hide before showing: the row must never ask for the width of both at once.
        self.hint.setVisible(finding is None and self.proxy.rowCount() > 0)
        self.fix_button.setEnabled(fix is not None)
        self.fix_button.setVisible(fix is not None)
        self.fix_button.setText(f"修复：{fix.label}(&{FIX_KEY})" if fix else f"修复(&{FIX_KEY})")
        for name, button in self.command_buttons.items():
            command = available.get(name)
            button.setVisible(command is not None)
            if command is not None:
                button.setText(f"{command.label}(&{COMMAND_KEYS[name]})")
                button.setToolTip(command.tip)

    def run_command(self, name: str) -> None:
        """A command of the chosen finding, looked up when clicked (the list may have changed)."""
        finding = self.current()
        for command in commands(self.state, finding, here="text") if finding else []:
            if command.name == name:
                self._keeping_the_keyboard(command.run)
                return

    def fix_current(self) -> None:
        finding = self.current()
        if finding is not None:
            self._keeping_the_keyboard(lambda: apply_fix(self.state, finding))

    def _keeping_the_keyboard(self, run: Callable[[], object]) -> None:
        """``run`` a button's command; if its finding went (删除此处重复, 修复) and the button with
        it while it had the keyboard, the keyboard goes on in the list as after 忽略此问题 — Qt
        gave it to the page's first field, 机关名称 all selected, and the next keys replaced it.
        A command that put the keyboard elsewhere (转到另一处: the text) leaves it there."""
        button = QApplication.focusWidget()
        index = self.view.currentIndex()
        row = index.row() if index.isValid() else 0
        run()
        if isinstance(button, QPushButton) and button.parentWidget() is self and not button.isVisible():
            if self.current() is None and self.proxy.rowCount():
                self._go_on_from(row)
            else:
                self.view.setFocus()

    def _context_menu(self, pos: object) -> None:
        menu = self.menu_for(self.view.indexAt(pos))  # type: ignore[arg-type]
        if menu is not None:
            menu.exec(self.view.viewport().mapToGlobal(pos))  # type: ignore[arg-type,call-overload]

    def menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of a listed finding: go there, dismiss or restore, its commands."""
        if not index.isValid():
            return None
        finding: Finding = index.data(FINDING_ROLE)
        menu = QMenu(self)
        menu.addAction("转到", lambda: self.navigate.emit(finding, True))
        if index.data(DISMISSED_ROLE) is not None:
            menu.addAction("恢复此问题", lambda: _restore(self.state, finding))
        else:
            menu.addAction("忽略此问题…", lambda: self.ask_and_dismiss(finding))
        for command in commands(self.state, finding):
            menu.addAction(command.label, command.run).setToolTip(command.tip)
        if finding.fix is not None:
            menu.addAction(f"修复：{finding.fix.label}", lambda: apply_fix(self.state, finding))
        from ui.menu_keys import keyed  # with the menu: not a module the start needs

        return keyed(menu)


def commands(state: EditorState, finding: Finding, here: str = "") -> list[FindingCommand]:
    # The undo commands, dismissals and finding commands are imported when first used (a finding
    # chosen, fixed or dismissed): none is on the start's path (tests/ui/test_start_ui.py SPARED).
    from ui.finding_actions import commands

    return commands(state, finding, here)


def _restore(state: EditorState, finding: Finding) -> None:
    from ui import dismiss

    dismiss.restore(state, finding)


def apply_fix(state: EditorState, finding: Finding) -> None:
    """A finding's fix as one undo step."""
    from ui.commands import set_cells_command

    if finding.fix is not None and finding.fix.edits:
        state.stack.push(set_cells_command(state, finding.fix.label, finding.fix.edits))


def ask_reason(parent: QWidget, message: str) -> tuple[str, bool]:
    """忽略此问题's reason (and whether it was given), the finding wrapped: as QInputDialog.getText's
    one-line label a long finding (a body pasted twice, 110 characters) made the dialog 1236 px
    wide, off a 1366 px screen at 125 % or more."""
    from PySide6.QtWidgets import QDialog, QInputDialog, QLabel  # on first use: their enums cost the start

    dialog = QInputDialog(parent)
    dialog.setWindowTitle("忽略此问题")
    dialog.setLabelText(f"{message}\n\n忽略的理由（可不填，将随文件保存，供审核人员查看）：")
    dialog.setOkButtonText("忽略(&I)")  # Qt's 确定 / 取消 have no access key, every question's button has
    dialog.setCancelButtonText("取消(&C)")
    label = dialog.findChild(QLabel)
    if label is not None:  # as wide as a message box's text, and never wider than the screen
        label.setWordWrap(True)
        label.setFixedWidth(min(label.sizeHint().width(), READING_WIDTH, parent.screen().availableGeometry().width() * 3 // 4))
    dialog.adjustSize()
    context_keys.install(dialog)  # Shift+F10 in its text box, as in the window
    from ui.kept_on_screen import kept_on_screen

    kept_on_screen(dialog)  # a long finding's wrapped text: its 确定 in reach all the same
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    reason = dialog.textValue()
    dialog.deleteLater()
    return reason, accepted
