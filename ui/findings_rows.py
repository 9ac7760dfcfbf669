"""The findings panel's rows: the severity filters, the list, the chosen finding's commands.

Beside the page the commands sit under the list.  A wide panel (below the page, as in a
1024×700 window) puts them on the filters' row, which is mostly empty there: the list keeps
its height in a panel a row lower, and the page above gets that row (表三 showed its header
and five rows at 1024×700, the findings panel's own rows a quarter of its height).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.findings import Severity
from ui.context_keys import enter_presses
from ui.findings_view import FilterToggle
from ui.flow_layout import FlowLayout
from ui.resources import severity_icon

if TYPE_CHECKING:
    from ui.findings import FindingsPanel

WIDE = 600  # px: from this width on the commands share the filters' row
PANEL_MARGINS = (6, 4, 6, 6)
PANEL_MARGINS_TITLED = (6, 0, 6, 2)  # under the counts row as the dock's title (a short window's)
COMMAND_NAMES = ("table", "text", "other", "delete-copy", "delete-repeat")
# Each button's Alt key, as the list's menu gives the same words (ui/menu_keys.py): none of the
# menu bar's (文件 F, 编辑 E, 视图 V, 帮助 H), where Alt+F would have been two things at once.
# 删除此处重复 and 删除重复字词 share D: a finding is a duplicate or a stutter, never both.
COMMAND_KEYS = {"table": "T", "text": "W", "other": "O", "delete-copy": "D", "delete-repeat": "D"}
FIX_KEY = "X"


def build_rows(panel: FindingsPanel) -> None:
    """The panel's layout: the filters' row, the empty note, the list, the commands' row."""
    # Both rows wrap rather than widen the panel: what they show comes and goes (已忽略 after
    # 忽略此问题, a finding's two or three commands), and the dock keeps the user's width.
    bar = FlowLayout(spacing=2)
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        button = FilterToggle(f"显示着{severity.name_zh}；点击隐藏", f"{severity.name_zh}已隐藏；点击显示", panel)
        button.setIcon(severity_icon(severity))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.toggled.connect(lambda on, s=severity: panel._set_shown(s, on))
        panel.toggles[severity] = button
        bar.addWidget(button)
    bar.addWidget(panel.dismissed_toggle)
    panel.commands_bar = FlowLayout()
    panel.commands_bar.addWidget(panel.hint)
    panel.commands_bar.addWidget(panel.fix_button)
    for name in COMMAND_NAMES:
        command_button = QPushButton(panel)
        command_button.setObjectName(f"finding-{name}")
        command_button.hide()
        command_button.clicked.connect(lambda _=False, n=name: panel.run_command(n))
        panel.command_buttons[name] = command_button
        panel.commands_bar.addWidget(command_button)
    panel.commands_bar.addWidget(panel.dismiss_button)
    panel.commands_bar.addWidget(panel.restore_button)
    enter_presses(*panel.toggles.values(), panel.dismissed_toggle, panel.fix_button, *panel.command_buttons.values(),
                  panel.dismiss_button, panel.restore_button)  # as Space, as on Windows
    panel.top_row = QHBoxLayout()
    panel.top_row.setSpacing(12)
    panel.top_row.addLayout(bar)
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(*PANEL_MARGINS)
    layout.addLayout(panel.top_row)
    layout.addWidget(panel.empty)
    layout.addWidget(panel.view, 1)
    layout.addLayout(panel.commands_bar)
    panel._layout = layout
    tab_order(panel, on_top=False)


def tab_order(panel: FindingsPanel, on_top: bool) -> None:
    """Tab as the panel reads (filters, list, the finding's buttons; the buttons before the list
    when they are on the filters' row), not as its widgets were made."""
    buttons = [panel.fix_button, *panel.command_buttons.values(), panel.dismiss_button, panel.restore_button]
    filters = [*panel.toggles.values(), panel.dismissed_toggle]
    order = [*filters, *buttons, panel.view] if on_top else [*filters, panel.view, *buttons]
    for before, after in itertools.pairwise(order):
        QWidget.setTabOrder(before, after)


def commands_on_top(panel: FindingsPanel) -> bool:
    """Whether the commands are on the filters' row now."""
    return panel.top_row.indexOf(panel.commands_bar) >= 0


def arrange(panel: FindingsPanel, wide: bool | None = None) -> None:
    """The commands on the filters' row in a wide panel, under the list in a narrow one
    (``wide``: as it will be; else as it is)."""
    wide = panel.width() >= WIDE if wide is None else wide
    if wide == commands_on_top(panel):
        return
    bar = panel.commands_bar
    (panel._layout if wide else panel.top_row).removeItem(bar)
    bar.setParent(None)  # a layout added to another must have no parent (Qt refuses it)
    if wide:
        panel.top_row.addLayout(bar, 1)
    else:
        panel._layout.addLayout(bar)
    tab_order(panel, wide)
    panel.updateGeometry()  # the dock's minimum follows at once (a row fewer or more)


def listed_height_below(panel: FindingsPanel) -> int:
    """The panel's least height below the page with a report's findings listed — its commands on
    the filters' row, the list under it — whatever it shows now (nothing while the start's file
    is read, 未发现问题, the commands under the list beside the page): what the window's side for
    the findings is decided by (ui/dock_side.py)."""
    layout = panel._layout
    margins = layout.contentsMargins()
    spacing = max(layout.spacing(), 0)
    listed = margins.top() + panel.view.minimumSizeHint().height() + margins.bottom()
    if layout.indexOf(panel.top_row) < 0:  # the dock's title bar (a short window's): the dock's own height
        return listed
    on_row = [*panel.toggles.values(), panel.dismissed_toggle, panel.fix_button, panel.dismiss_button]
    row = max(max(w.sizeHint().height() for w in on_row), panel.hint.fontMetrics().height())
    return listed + row + spacing


class CountsTitle(QWidget):
    """The findings dock's title bar below the page of a short window (ui/short_window.py): the
    panel's counts row — its filters, the hint or the chosen finding's commands — and the dock's
    ×.  A press on it outside a button is the dock's (Qt passes what a widget leaves on): it
    drags the dock, as the title bar it replaces did.  As high as its row wraps to at its width
    (the dock asks a title bar for its size hint only, its least height too)."""

    def __init__(self, dock: QDockWidget) -> None:
        super().__init__(dock)
        self.setObjectName("findingsTitle")
        self.setToolTip("检查结果（拖动这一行可把面板移到页面旁边）")
        self.line = QHBoxLayout(self)
        self.line.setContentsMargins(6, 2, 2, 0)  # the panel's own margin on the left
        self.line.setSpacing(4)
        close = QToolButton(self)
        close.setObjectName("findingsClose")
        close.setAutoRaise(True)
        close.setIcon(dock.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip("关闭检查结果面板（视图 → 检查结果面板 重新打开）")
        close.clicked.connect(dock.close)
        self.line.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._wrapped = -1  # its height at its width when its rows last settled (-1: not laid out yet)
        self._pending = False

    def sizeHint(self) -> QSize:
        """One row (the hint's wrapping label on one line, not the two its own hint counts), or as
        many as the row wraps to at its width — before the dock has laid it out, the window's:
        the dock is below the page, as wide as the window (a new widget's 100 px wrapped the row
        into 250 px, and the dock's least height with it).  Once laid out, the height as it was
        when its rows last settled: a finding chosen shows its commands a moment after hiding the
        hint, and the row wrapped for that moment grew the dock for good (85 → 110 px at 911×512)."""
        hint = super().sizeHint()
        if self._wrapped >= 0:
            hint.setHeight(self._wrapped)
        elif self.window().width() > 0:
            hint.setHeight(self.line.heightForWidth(self.window().width()))
        return hint

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and not self._pending:  # its buttons shown or hidden
            self._pending = True
            QTimer.singleShot(0, self, self._rewrap)  # once they have all come and gone
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rewrap()

    def _rewrap(self) -> None:
        self._pending = False
        height = self.line.heightForWidth(self.width())
        if height != self._wrapped:  # the row wraps otherwise at this width: the dock asks again
            dock = self.parentWidget()
            at_least = isinstance(dock, QDockWidget) and dock.height() <= dock.minimumSizeHint().height()
            lower = 0 <= height < self._wrapped
            self._wrapped = height
            self.updateGeometry()
            if at_least and lower:
                # A dock at its least stays there as its title shrinks: the start's first guess
                # at the row (before the window was laid out) left it 6 px over its least now
                # and then — a row of 表三 fewer at 911×472, a different height each start.
                QTimer.singleShot(0, self, self._to_least)

    def _to_least(self) -> None:
        dock = self.parentWidget()
        window = dock.window() if dock is not None else None
        if isinstance(dock, QDockWidget) and isinstance(window, QMainWindow) and not dock.isFloating():
            least = dock.minimumSizeHint().height()
            if dock.height() > least:
                window.resizeDocks([dock], [least], Qt.Orientation.Vertical)


def counts_as_title(panel: FindingsPanel, dock: QDockWidget, on: bool) -> None:
    """The panel's counts row as ``dock``'s title bar (``on``), or back at the panel's top under
    Qt's own title bar: a short window's findings below the page are a row lower."""
    title = dock.titleBarWidget()
    if on == isinstance(title, CountsTitle):
        return
    row = panel.top_row
    if on:
        # takeAt, not removeItem: PySide's removeItem let go of the Python side of the row's
        # nested layouts' items (the commands' row, moved there by ``arrange``: a crash).
        panel._layout.takeAt(panel._layout.indexOf(row))
        row.setParent(None)  # a layout added to another must have no parent (Qt refuses it)
        title = CountsTitle(dock)
        title.line.insertLayout(0, row, 1)  # its widgets become the title's
        dock.setTitleBarWidget(title)
        # One finding whole, the rest a scroll away (the counts say how many): not the list's
        # own least height, two and a half rows of 表三.
        panel.view.setMinimumHeight(panel.delegate.shortest() + 2 * panel.view.frameWidth())
        # The row above is the title's now, its own margin under it: the panel's 4 px above the
        # list and 6 below were a third of 表三's fifth row at 911×472 (a task bar's 1366×768 at 150 %).
        panel._layout.setContentsMargins(*PANEL_MARGINS_TITLED)
    else:
        assert isinstance(title, CountsTitle)
        title.line.takeAt(title.line.indexOf(row))
        row.setParent(None)
        panel._layout.insertLayout(0, row)  # its widgets the panel's again
        dock.setTitleBarWidget(None)  # type: ignore[arg-type]  # Qt's own title bar again
        title.deleteLater()
        panel.view.setMinimumHeight(0)  # its own least height again
        panel._layout.setContentsMargins(*PANEL_MARGINS)
    tab_order(panel, commands_on_top(panel))
    panel.updateGeometry()
