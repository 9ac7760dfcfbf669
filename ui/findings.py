"""The findings panel: what the checks say, filterable by severity.

Choosing a finding (a click, the arrow keys) shows where it is while the list keeps the focus;
double-click or Enter goes there to edit.  Findings are data from app.checks; the panel only
displays them and offers their commands: a Fix, and those of ui.finding_actions.
"""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any, TypeAlias

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFocusEvent, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.dismissals import Dismissal
from app.findings import OPENED_FILE_NOTE, Finding, Location, Severity
from ui import dismiss
from ui.change import Change
from ui.commands import set_cells_command
from ui.finding_actions import commands
from ui.resources import severity_icon
from ui.state import EditorState

Index: TypeAlias = QModelIndex | QPersistentModelIndex
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2
LOCATION_ROLE = Qt.ItemDataRole.UserRole + 3
DISMISSED_ROLE = Qt.ItemDataRole.UserRole + 4  # the Dismissal of a finding listed under 已忽略
DISMISSED_COLOR = "#7a8591"


RowKey = tuple[str, str, Location, bool]
TEXTS_ROLE = Qt.ItemDataRole.UserRole + 5  # (location line, message): what a row shows


def _row_key(finding: Finding, dismissed: Dismissal | None) -> RowKey:
    """What makes a row the same row after the checks rerun (its message may change)."""
    return finding.code, finding.kind, finding.location, dismissed is not None


class _Row:
    """One listed finding, with its texts made once (laying out the list asks for them all)."""

    __slots__ = ("_texts", "dismissed", "finding")

    def __init__(self, finding: Finding, dismissed: Dismissal | None) -> None:
        self.finding, self.dismissed = finding, dismissed
        self._texts: tuple[str, str] | None = None

    def same(self, other: _Row) -> bool:
        return self.finding == other.finding and self.dismissed == other.dismissed

    def texts(self) -> tuple[str, str]:
        if self._texts is None:
            f, dismissed = self.finding, self.dismissed
            where = f.location.describe()
            if f.declared.opened_file:
                where += "（打开时的文件）"
            message = f.message
            if dismissed is not None:
                where = f"已忽略 · {where}"
                reason = f"理由：{dismissed.reason}；" if dismissed.reason else ""
                message = f"{f.message}\n（{reason}{dismissed.by} 于 {dismissed.at.replace('T', ' ')} 忽略）"
            self._texts = (where, message)
        return self._texts


class FindingsModel(QAbstractListModel):
    """The current findings of the report, in check order, then those dismissed (已忽略).
    After a rerun of the checks only the rows that came, went or changed are signalled: the
    list keeps its scroll position and choice, and repaints only what moved."""

    def __init__(self, state: EditorState) -> None:
        super().__init__(state)
        self.state = state
        self._rows = self._current()
        # A row's size (SizeHintRole), set by the view's delegate: laying out the list reads it
        # for every row, straight from Qt's delegate (one call into Python per row, not two).
        self.measure: Callable[[tuple[str, str]], QSize] | None = None

    def _current(self) -> list[_Row]:
        return [*(_Row(f, None) for f in self.state.findings), *(_Row(f, d) for f, d in self.state.dismissed)]

    def reload(self) -> tuple[bool, list[tuple[str, str]]]:
        """Follow the state's findings: (whether rows came or went, the texts of the rows
        changed in place as they were before and as they are now, in turn)."""
        rows = self._current()
        if len(rows) == len(self._rows) and all(a.same(b) for a, b in zip(self._rows, rows, strict=True)):
            # Typing that changes no finding must not disturb the panel; but hold the new
            # objects: commands on a row act on the state's findings, not on equal stale ones.
            for old, row in zip(self._rows, rows, strict=True):
                old.finding, old.dismissed = row.finding, row.dismissed
            return False, []
        old_keys = [_row_key(r.finding, r.dismissed) for r in self._rows]
        new_keys = [_row_key(r.finding, r.dismissed) for r in rows]
        # An edit changes a few rows among many: match only what lies between the rows that
        # are the same at the start and at the end.
        lo, most = 0, min(len(old_keys), len(new_keys))
        while lo < most and old_keys[lo] == new_keys[lo]:
            lo += 1
        hi = 0
        while hi < most - lo and old_keys[-1 - hi] == new_keys[-1 - hi]:
            hi += 1
        middle = SequenceMatcher(None, old_keys[lo:len(old_keys) - hi], new_keys[lo:len(new_keys) - hi],
                                 autojunk=False)
        moved = False
        for tag, i1, i2, j1, j2 in reversed(middle.get_opcodes()):  # from the end: earlier rows keep their numbers
            if tag == "equal":
                continue
            moved = True
            i1, i2, j1, j2 = i1 + lo, i2 + lo, j1 + lo, j2 + lo
            if i2 > i1:
                self.beginRemoveRows(QModelIndex(), i1, i2 - 1)
                del self._rows[i1:i2]
                self.endRemoveRows()
            if j2 > j1:
                self.beginInsertRows(QModelIndex(), i1, i1 + j2 - j1 - 1)
                self._rows[i1:i1] = rows[j1:j2]
                self.endInsertRows()
        # The same rows now; those whose message, fix or dismissal changed are redrawn.
        changed = [i for i, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a is not b and not a.same(b)]
        texts = [t for i in changed for t in (self._rows[i].texts(), rows[i].texts())]
        for old, row in zip(self._rows, rows, strict=True):
            if old is not row and old.same(row):
                row._texts = old._texts
        self._rows = rows
        for row_number in changed:
            self.dataChanged.emit(self.index(row_number), self.index(row_number))
        return moved, texts

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.SizeHintRole:
            return self.measure(row.texts()) if self.measure is not None else None
        f = row.finding
        if role == TEXTS_ROLE:
            return row.texts()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts()[1]
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(f.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            fix = f"可修复：{f.fix.label}" if f.fix else f"处理：{f.declared.fix}"
            opened = f"\n（{OPENED_FILE_NOTE}）" if f.declared.opened_file else ""
            return (f"{f.severity.name_zh}（{f.code}）{f.declared.title}\n{f.location.describe()}\n"
                    f"{f.message}\n{fix}{opened}")
        if role == LOCATION_ROLE:
            return row.texts()[0]
        if role == DISMISSED_ROLE:
            return row.dismissed
        if role == SEVERITY_ROLE:
            return int(f.severity)
        if role == FINDING_ROLE:
            return f
        return None


class SeverityFilter(QSortFilterProxyModel):
    """Shows the findings whose severity is switched on."""

    def __init__(self, source: FindingsModel, parent: QObject | None = None) -> None:
        # Not parented to its source: whoever shows the proxy owns it (the panel does).
        super().__init__(parent)
        self.shown: set[Severity] = set(Severity)
        self.show_dismissed = True
        self.setSourceModel(source)

    def set_show_dismissed(self, shown: bool) -> None:
        self.show_dismissed = shown
        self.invalidateRowsFilter()

    def set_shown(self, severity: Severity, shown: bool) -> None:
        (self.shown.add if shown else self.shown.discard)(severity)
        # invalidateRowsFilter, not begin/endFilterChange: those arrived in Qt 6.10, and the pin
        # stays on a line with glibc-2.28 wheels (统信UOS/麒麟).
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if index.data(DISMISSED_ROLE) is not None:
            return self.show_dismissed
        severity = index.data(SEVERITY_ROLE)
        return severity is not None and Severity(severity) in self.shown


class FindingDelegate(QStyledItemDelegate):
    """Icon, then the location in bold over the message, wrapped to the panel's width."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._sizes: dict[tuple[int, tuple[str, str]], QSize] = {}
        self._sized_font = QFont(view.font())

    def _fonts(self) -> tuple[QFont, QFont]:
        font = QFont(self.view.font())
        bold = QFont(font)
        bold.setBold(True)
        return font, bold

    def _text_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(30, 6, -8, -6)

    def measure(self, texts: tuple[str, str]) -> QSize:
        """A row's size: its location line over its message, wrapped to the list's width."""
        # Every change of rows lays out the whole list again: measuring wrapped text is the
        # costly part, and most rows are the same text at the same width as last time.
        font = self.view.font()
        if font != self._sized_font:
            self._sizes.clear()
            self._sized_font = QFont(font)
        width = self.view.viewport().width() - 38  # as _text_rect
        key = (width, texts)
        size = self._sizes.get(key)
        if size is None:
            where, message = texts
            font, bold = self._fonts()
            flags = int(Qt.TextFlag.TextWordWrap)
            loc = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10000), flags, where)
            msg = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), flags, message)
            size = QSize(width, loc.height() + msg.height() + 16)
            if len(self._sizes) > 4096:
                self._sizes.clear()
            self._sizes[key] = size
        return QSize(size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect  # type: ignore[attr-defined]
        # The row's background, selection and focus only (the view set them in ``option``):
        # icon and text are drawn below, so the item's own text and icon are not looked up.
        opt = QStyleOptionViewItem(option)
        self.view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self.view)
        index.data(Qt.ItemDataRole.DecorationRole).paint(painter, QRect(rect.left() + 6, rect.top() + 7, 18, 18))
        font, bold = self._fonts()
        text = self._text_rect(rect)
        flags = int(Qt.TextFlag.TextWordWrap)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        color = opt.palette.highlightedText().color() if selected else opt.palette.text().color()  # type: ignore[attr-defined]
        if index.data(DISMISSED_ROLE) is not None and not selected:
            color = QColor(DISMISSED_COLOR)  # set aside, still readable
        where, message = index.data(TEXTS_ROLE)
        painter.setPen(color)
        painter.setFont(bold)
        loc_rect = painter.boundingRect(text, flags, where)
        painter.drawText(text, flags, where)
        painter.setFont(font)
        painter.drawText(text.adjusted(0, loc_rect.height() + 2, 0, 0), flags, message)
        painter.restore()


class _FindingsList(QListView):
    """Getting into the list by keyboard (Tab, F6) makes its first row current, as every Qt
    list does; that is not the user choosing a finding, so the panel does not go there."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        panel = self.parent()
        if not isinstance(panel, FindingsPanel) or panel._quiet:
            super().focusInEvent(event)
            return
        panel._quiet = True
        try:
            super().focusInEvent(event)
        finally:
            panel._quiet = False


class FindingsPanel(QWidget):
    """Severity toggles, the list, and a row with the chosen finding's commands."""

    navigate = Signal(object, bool)  # Finding, whether the place takes the keyboard focus

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.model = FindingsModel(state)
        self.proxy = SeverityFilter(self.model, self)
        self.view = _FindingsList(self)
        self.view.setModel(self.proxy)
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
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.toggles: dict[Severity, QToolButton] = {}
        self.fix_button = QPushButton("修复", self)
        self.fix_button.setToolTip("按检查给出的方法修正所选问题（可撤销）")
        self.fix_button.clicked.connect(self.fix_current)
        self.dismiss_button = QPushButton("忽略此问题…", self)
        self.dismiss_button.setObjectName("finding-dismiss")
        self.dismiss_button.setToolTip("认为这条问题不成立：不再计入错误和警告数，记入文件（可撤销）")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.restore_button = QPushButton("恢复此问题", self)
        self.restore_button.setObjectName("finding-restore")
        self.restore_button.setToolTip("取消忽略，重新计入（可撤销）")
        self.restore_button.clicked.connect(self.restore_current)
        self.dismissed_toggle = QToolButton(self)
        self.dismissed_toggle.setObjectName("findings-dismissed")
        self.dismissed_toggle.setCheckable(True)
        self.dismissed_toggle.setChecked(True)
        self.dismissed_toggle.setAutoRaise(True)
        self.dismissed_toggle.setToolTip("显示或隐藏已忽略的问题")
        self.dismissed_toggle.toggled.connect(self._set_dismissed_shown)
        self.empty = QLabel(self)  # “未发现问题” instead of an empty white box
        self.empty.setObjectName("findingsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.command_buttons: dict[str, QPushButton] = {}
        self.hint = QLabel("单击一条问题可定位到原文，双击转到原文编辑", self)
        self.hint.setObjectName("findingsHint")
        self.hint.setWordWrap(True)  # a narrow panel wraps it rather than grows
        self.hint.setStyleSheet("color: #5f6b7a;")
        self._quiet = False
        self._build_layout()
        state.changed.connect(self._changed)
        self._update_counts()
        self._update_commands()

    def _build_layout(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setToolTip(f"显示或隐藏{severity.name_zh}")
            button.toggled.connect(lambda on, s=severity: self._set_shown(s, on))
            self.toggles[severity] = button
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.dismissed_toggle)
        self.commands_bar = QHBoxLayout()
        self.commands_bar.setContentsMargins(0, 0, 0, 0)
        self.commands_bar.addWidget(self.hint, 1)
        self.commands_bar.addStretch(0)  # buttons keep their size, at the right
        self.commands_bar.addWidget(self.fix_button)
        for name in ("table", "text", "other", "delete-copy", "delete-repeat"):
            command_button = QPushButton(self)
            command_button.setObjectName(f"finding-{name}")
            command_button.hide()
            command_button.clicked.connect(lambda _=False, n=name: self.run_command(n))
            self.command_buttons[name] = command_button
            self.commands_bar.addWidget(command_button)
        self.commands_bar.addWidget(self.dismiss_button)
        self.commands_bar.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.commands_bar)
        self._layout = layout

    def _set_dismissed_shown(self, shown: bool) -> None:
        self._quiet = True
        try:
            self.proxy.set_show_dismissed(shown)
        finally:
            self._quiet = False
        self._update_empty()
        self._update_commands()

    def _update_empty(self) -> None:
        """No finding: say so plainly; the list stays only for what is 已忽略."""
        if self.state.findings:
            text = "" if self.proxy.rowCount() else "所选级别的问题已隐藏，可点上方按钮显示"
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
        self._layout.setStretchFactor(self.empty, 0 if listed else 1)
        if not listed:
            self.hint.hide()  # nothing to click

    def _set_shown(self, severity: Severity, shown: bool) -> None:
        self._quiet = True  # hiding the chosen row moves the choice: that is not a request to go
        try:
            self.proxy.set_shown(severity, shown)
        finally:
            self._quiet = False
        self._update_empty()
        self._update_commands()

    def _go(self, index: QModelIndex, focus: bool) -> None:
        if index.isValid():
            self.navigate.emit(index.data(FINDING_ROLE), focus)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_commands()
        if not self._quiet:  # a rebuild after typing, a filter: they must not pull the view away
            self._go(current, False)

    def _changed(self, change: Change) -> None:
        if not change.findings:
            return
        # The rows follow the checks in place; the choice stays on its finding, and a change of
        # rows is never a request to go somewhere (the user is typing elsewhere).
        chosen = self.current()
        place = (chosen.code, chosen.location) if chosen else None
        self._quiet = True
        try:
            moved, texts = self.model.reload()
            if moved or texts:
                self._keep_choice(place)
            heights = [self.delegate.measure(t).height() for t in texts]
            if not moved and heights[0::2] != heights[1::2]:
                self.view.scheduleDelayedItemsLayout()  # a message that now takes more lines
        finally:
            self._quiet = False
        self._update_counts()
        self._update_commands()

    def _keep_choice(self, place: tuple[str, Location] | None) -> None:
        """The chosen finding stays chosen (dismissed, it is chosen under 已忽略); if it went
        (fixed), nothing is chosen rather than its neighbour."""
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
        reason, ok = QInputDialog.getText(
            self, "忽略此问题", f"{finding.message}\n\n忽略的理由（可不填，将随文件保存，供审核人员查看）：")
        if not ok:
            return False
        if dismiss.dismiss(self.state, finding, reason):
            return True
        QMessageBox.information(self, "忽略此问题", "这个问题已随修改消失或改变，没有忽略。请在列表中重新选择。")
        return False

    def restore_current(self) -> None:
        finding = self.current()
        if finding is not None:
            dismiss.restore(self.state, finding)

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
        self.fix_button.setText(f"修复：{fix.label}" if fix else "修复")
        for name, button in self.command_buttons.items():
            command = available.get(name)
            button.setVisible(command is not None)
            if command is not None:
                button.setText(command.label)
                button.setToolTip(command.tip)

    def run_command(self, name: str) -> None:
        """A command of the chosen finding, looked up when clicked (the list may have changed)."""
        finding = self.current()
        for command in commands(self.state, finding, here="text") if finding else []:
            if command.name == name:
                command.run()
                return

    def fix_current(self) -> None:
        finding = self.current()
        if finding is not None:
            apply_fix(self.state, finding)

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
            menu.addAction("恢复此问题", lambda: dismiss.restore(self.state, finding))
        else:
            menu.addAction("忽略此问题…", lambda: self.ask_and_dismiss(finding))
        for command in commands(self.state, finding):
            menu.addAction(command.label, command.run).setToolTip(command.tip)
        if finding.fix is not None:
            menu.addAction(f"修复：{finding.fix.label}", lambda: apply_fix(self.state, finding))
        return menu


def apply_fix(state: EditorState, finding: Finding) -> None:
    """A finding's fix as one undo step."""
    if finding.fix is not None and finding.fix.edits:
        state.stack.push(set_cells_command(state, finding.fix.label, finding.fix.edits))
