"""The 基本信息 page (机关名称, 年度, 成文日期)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.findings import DATE_INVALID, DATE_MISSING, LATE_PUBLICATION, Finding, Location
from app.report import Report
from app.schema import META, CellRef
from app.values import FIRST_YEAR, LAST_YEAR, example_date, format_date
from ui.appsetup import SPIN_BOX_SHEET
from ui.change import Change
from ui.choices import SpinBox
from ui.context_keys import enter_presses
from ui.date_field import DateField
from ui.file_drops import pass_file_drops
from ui.flow_layout import FlowLayout
from ui.state import EditorState

if TYPE_CHECKING:  # the pages that name these import this module
    from ui.commands import MetaValue
    from ui.narrative import NarrativeEdit
    from ui.table_view import GridView

BASIC_INFO = META  # the page is where the checks point findings about 机关名称/年度/成文日期
_DATE_CODES = frozenset(d.code for d in (DATE_MISSING, DATE_INVALID, LATE_PUBLICATION))
_NO_YEAR = FIRST_YEAR - 1  # the spin box's minimum, shown as 未填写 (the readers take no earlier year)


class StartButton(QToolButton):
    """A start button shows its command as the menu writes it, letter and all (“打开(&O)…”): Alt+O
    works on the blank page, and its tooltip says what it does, not Qt's “从上年报告新建(L)…”
    (a text without the letter, a tooltip with it: user33 under Xvfb)."""

    def setDefaultAction(self, action: QAction) -> None:
        super().setDefaultAction(action)
        self._as_the_menu()

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)  # Qt puts back the action's icon text and tooltip on each change
        self._as_the_menu()

    def _as_the_menu(self) -> None:
        action = self.defaultAction()
        if action is not None:
            self.setText(action.text())
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.setToolTip(f"{action.statusTip()} ({keys})" if keys else action.statusTip())


@runtime_checkable
class Page(Protocol):
    """What the window asks of each of its pages (基本信息, a text section, a table): one
    protocol, so the window never asks a page what it is."""

    def show_finding(self, finding: Finding, focus: bool = True) -> None:
        """Show where a finding is; ``focus``: the keyboard goes there too."""

    def show_location(self, location: Location, focus: bool = True) -> None:
        """Show a place a command asked for (the other copy of a duplicate, a cell)."""

    def select_cells(self, cells: tuple[CellRef, ...], focus: bool = True) -> bool:
        """Choose those of ``cells`` that are on this page; whether there were any."""

    def text_edit(self) -> NarrativeEdit | None:
        """The page's text pane (查找/替换 look in it), if it has one."""

    def grid(self) -> GridView | None:
        """The page's statutory grid (空白处填0 fills it), if it has one."""


@runtime_checkable
class Clipboard(Protocol):
    """A widget that 编辑 → 复制/粘贴 act on: the text fields and the grids."""

    def copy(self) -> None: ...

    def paste(self) -> object: ...


TITLE_STYLE = "#pageTitle { font-size: 15pt; font-weight: bold; color: #1f3a5f; padding: 2px 0 6px 0; }"


def page_title(text: str, parent: QWidget) -> QLabel:
    """A page's heading (its own sheet: one on the window would restyle every widget in it)."""
    label = QLabel(text, parent)
    label.setObjectName("pageTitle")
    label.setStyleSheet(TITLE_STYLE)
    return label


def one_line(text: str) -> str:
    """A name pasted with its line breaks (copied across two lines of a PDF or a Word title:
    “宁波市北仑区\n财政局”) as the one line it is: the lines joined, each stripped.  Kept whole,
    the break went into the title and the file name proposed (gui23)."""
    return "".join(part.strip() for part in text.replace("\t", "\n").splitlines())


class BasicInfoPage(QWidget):
    """机关名称, 年度, 成文日期, and the title they make."""

    message = Signal(str)

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.organ = QLineEdit(self)
        self.organ.setPlaceholderText("例如：××市××区人民政府××街道办事处")
        self.year = SpinBox(self)  # the wheel over it does not change the year unasked
        self.year.setStyleSheet(SPIN_BOX_SHEET)  # as it always looked (the calendar's: ui.date_field)
        self.year.setRange(_NO_YEAR, LAST_YEAR)
        self.year.setSpecialValueText("未填写")
        self.year.setGroupSeparatorShown(False)
        self.date = DateField(self)
        for field in (self.organ, self.year, self.date):
            pass_file_drops(field)  # a file dropped on a field opens; its URL is not typed in
        # The page entered (Enter or F6 from 目录) is its first field entered: the keyboard was
        # on the page itself, typing went nowhere and Tab skipped to 成文日期 (rev25c K3).
        self.setFocusProxy(self.organ)
        from ui import field_undo

        for field in (self.organ, self.year):
            field_undo.to_window_stack(field)
        field_undo.to_window_stack(self.date.line, own=lambda: self.date.line.text() != format_date(state.report.date))
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start = QWidget(self)  # the empty window's start: last year's report is the usual way in
        self.start_bar = QHBoxLayout(self.start)
        self.start_bar.setContentsMargins(0, 0, 0, 0)
        self._start_actions: list[QAction] = []
        self._build_layout()
        self._entry = 0  # one entry into a field is one undo step; finishing it starts the next
        for done in (self.organ.editingFinished, self.year.editingFinished, self.date.edited):
            done.connect(self._end_entry)
        self.organ.textEdited.connect(lambda text: self._push("organ", one_line(text)))
        self.year.valueChanged.connect(lambda v: self._push("year", None if v == _NO_YEAR else v))
        self.date.edited.connect(lambda d: self._push("date", d))
        self.date.refused.connect(self.message.emit)
        state.fieldEntriesWanted.connect(self._refused_entries)
        state.fieldEntriesRestored.connect(self._retype)
        # A refused date is unsaved text: the title says so and the recovery copy keeps it.
        self.date.refused.connect(lambda _reason: state.entriesChanged.emit())
        self.date.line.editingFinished.connect(state.entriesChanged.emit)  # corrected or emptied: it goes
        state.changed.connect(self._changed)
        self.refresh()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.addRow("机关名称：", self.organ)
        form.addRow("报告年度：", self.year)
        form.addRow("成文日期：", self.date)
        form.addRow("报告标题：", self.title)
        self.hint = hint = QLabel(self)  # its example of the report's year: refresh
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        # 开始 on the title's line: below the fields it made the page 49 px taller than a report's,
        # and a blank start's window ran past a short screen's bottom (910×512, 150 % on 1366×768)
        # where a report's fits with the findings below (ui/dock_side.py decides by the report's).
        # A flow: in a window too narrow for both, 开始 goes under the title, never widening the
        # window (a row made the blank window's minimum 617 px: a saved 600 px window grew).
        heading = FlowLayout(spacing=24)
        heading.addWidget(page_title(BASIC_INFO, self))
        heading.addWidget(self.start)
        layout.addLayout(heading)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.organ.setMaximumWidth(560)
        self.year.setMaximumWidth(160)
        self.date.setMaximumWidth(260)

    def set_start_actions(self, actions: list[QAction]) -> None:
        """Big buttons for an empty report (从上年报告新建…, 打开…); hidden once it has content."""
        self._start_actions = actions
        self._show_start()  # the fields are current already (refresh at build, then on each change)

    def _build_start(self) -> None:
        label = QLabel("开始：", self)
        label.setStyleSheet("color: #5f6b7a;")
        self.start_bar.addWidget(label)
        for action in self._start_actions:
            button = StartButton(self.start)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setStyleSheet("QToolButton { padding: 4px 16px; font-size: 11pt; }")  # no taller than the title beside it
            enter_presses(button)  # Tab to it and Enter, as on Windows
            self.start_bar.addWidget(button)
        self.start_bar.addStretch(1)

    def _push(self, field: str, value: MetaValue) -> None:
        if getattr(self.state.report, field) != value:
            # At the first edit: the undo commands are not on the start's path.
            from ui.commands import SetMetaCommand

            self.state.stack.push(SetMetaCommand(self.state, field, value, self._entry))

    def _end_entry(self) -> None:
        self._entry += 1

    def _changed(self, change: Change) -> None:
        if change.report:  # another report: text refused for the last one's date goes with it
            self.date.set_date(self.state.report.date, keep_typed=False)
        if change.meta or change.report:
            self.refresh()
        elif self.start_bar.isEmpty():  # the blank report kept when an opening failed, checked now
            self._show_start()

    def refresh(self) -> None:
        report = self.state.report
        for widget in (self.organ, self.year, self.date):
            widget.blockSignals(True)
        shown = self.organ.text()
        if one_line(shown) != report.organ or shown.strip() != one_line(shown):  # a break pasted: joined
            self.organ.setText(report.organ)
        self.year.setValue(report.year or _NO_YEAR)
        self.date.set_date(report.date)
        self.date.set_default_year(report.year)
        self.hint.setText(f"成文日期用阿拉伯数字写全年月日，例如 {example_date(report.year)}；标题由机关名称和年度生成。")
        for widget in (self.organ, self.year, self.date):
            widget.blockSignals(False)
        self.title.setText(report.title if report.organ or report.year else "（填写机关名称和年度后生成）")
        self._show_start()

    def _show_start(self) -> None:
        # Unchecked, the blank report is the one a file being opened replaces, never shown: its
        # 开始 is neither made nor laid out (an 11 pt font and its glyphs before the first paint).
        shown = bool(self._start_actions) and _is_empty(self.state.report) and self.state.checked
        if shown and self.start_bar.isEmpty():
            self._build_start()
        self.start.setVisible(shown)

    def show_finding(self, finding: Finding, focus: bool = True) -> None:
        if focus:
            (self.date if finding.code in _DATE_CODES else self.organ).setFocus()

    def show_location(self, location: Location, focus: bool = True) -> None:
        """Back to a date typed and refused (closing asked about it); else the keyboard stays in
        the field it is in (Ctrl+Z in 报告年度 moved it to 机关名称, rev25c), or the first field."""
        here = QApplication.focusWidget()
        if focus and (self.date.invalid() or here is None or not self.isAncestorOf(here)):
            (self.date if self.date.invalid() else self.organ).setFocus()

    def _refused_entries(self, entries: list[tuple[str, str]]) -> None:
        if self.date.invalid():
            entries.append(("成文日期", self.date.line.text().strip()))

    def _retype(self, entries: list[tuple[str, str]]) -> None:
        for name, typed in entries:
            if name == "成文日期":
                self.date.retype(typed)

    def select_cells(self, cells: tuple[CellRef, ...], focus: bool = True) -> bool:
        return False

    def text_edit(self) -> NarrativeEdit | None:
        return None

    def grid(self) -> GridView | None:
        return None


def _is_empty(report: Report) -> bool:
    """Nothing typed or read yet: the window has just opened, or 新建 was chosen."""
    return (not report.organ and report.year is None and report.date is None
            and not any(p.text.strip() for paras in report.sections.values() for p in paras)
            and all(v is None for grid in report.tables.values() for v in grid.values()))
