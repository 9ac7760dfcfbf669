"""Several recovery copies at the start (a crash with many windows, or crashes over days, each
copy 以后再说): one dialog lists them all — the report, when it was saved, what it holds, where it
came from — to recover the ones ticked and discard the ones ticked, where a question a copy had
the user answer thirty boxes in a row, none saying how many were left.  Keyboard: the list has
the focus, ↑↓ move, Space ticks, Alt+A ticks all, Enter recovers, Esc keeps them for later."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import filedialogs
from ui.autosave import Recovery
from ui.elided import without_folders

INDEX = Qt.ItemDataRole.UserRole  # the copy's place in the list the dialog was given
COLUMNS = ("报告", "自动保存于", "内容", "来源")


class PathDelegate(QStyledItemDelegate):
    """来源 too long for its column: its folders go first (“文件：…/第01街道年报.docx”), as in the
    status bar; only then is it cut in its middle."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text  # type: ignore[attr-defined]
        room = option.rect.width() - 12  # type: ignore[attr-defined]  # the cell's margins
        if option.fontMetrics.horizontalAdvance(text) > room:  # type: ignore[attr-defined]
            option.text = without_folders(text)  # type: ignore[attr-defined]


def holds(info: Recovery) -> str:
    """What the copy is of, as far as its description says: its title, else no one's yet."""
    return info.title or "（尚未填写机关名称和年度）"


class RecoveryChoice(QDialog):
    """The copies ``infos`` (newest first); ``recover`` and ``discard`` once it has closed: the
    indices chosen for each (a copy in neither is kept for the next start)."""

    def __init__(self, infos: Sequence[Recovery], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复自动保存")
        self.infos = list(infos)
        self.recover: list[int] = []
        self.discard: list[int] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QTreeWidget(self)
        self.list.setObjectName("recovery-copies")
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAllColumnsShowFocus(True)
        for n, info in enumerate(self.infos):
            row = QTreeWidgetItem([info.name(), info.when(), holds(info), info.origin()])
            row.setData(0, INDEX, n)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(0, Qt.CheckState.Checked if n == 0 else Qt.CheckState.Unchecked)
            for col, text in enumerate((info.name(), info.when(), holds(info), info.origin())):
                row.setToolTip(col, text)
            self.list.addTopLevelItem(row)
        # Columns fitted to the list's width, never a sideways scroll (1366×768 at 150 %: 来源 was
        # cut at “文件：/tmp/u” with 3 copies, the dialog 640 px wide): what is too long is cut in
        # its middle, a path keeping its file's name, and its whole is the row's tooltip.
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.viewport().installEventFilter(self)
        self.list.setItemDelegateForColumn(COLUMNS.index("来源"), PathDelegate(self.list))
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.list, 1)
        self.all = QCheckBox("全选(&A)", self)
        self.all.setTristate(False)
        self.all.clicked.connect(self._tick_all)
        layout.addWidget(self.all)
        hint = QLabel("恢复：每份在一个窗口中打开，检查后保存。放弃：删除副本，修改无法找回。\n"
                      "没有勾选的副本保留，下次启动时再询问。", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(self)
        self.recover_button = self._button("恢复选中(&R)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = self._button("放弃选中(&D)…", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = self._button("以后再说(&L)", QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(self._recover)
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _item, _col: self._update())
        if self.rows():
            self.list.setCurrentItem(self.rows()[0])
        self.list.setFocus()
        self._update()
        # As wide as the whole rows, up to the screen (kept_on_screen bounds it).
        frame = self.list.frameWidth() * 2 + self.list.verticalScrollBar().sizeHint().width()
        margins = layout.contentsMargins()
        whole = sum(self._wanted()) + frame + margins.left() + margins.right()
        self.resize(max(640, min(whole, self.screen().availableGeometry().width())), 480)

    def _wanted(self) -> list[int]:
        """Each column's width for its longest text or its title."""
        # From the texts themselves: the view's own hints are of the rows laid out so far (none
        # before it shows).
        metrics, header = self.list.fontMetrics(), self.list.header()
        pad = 2 * self.list.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.list) + 12
        box = self.list.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self.list) + 8
        return [max(max((metrics.horizontalAdvance(r.text(c)) for r in self.rows()), default=0) + pad + (box if c == 0 else 0),
                    header.sectionSizeHint(c)) for c in range(len(COLUMNS))]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the list's own width, once the layout has given it
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """The columns' widths summing to the list's: 报告 and 自动保存于 whole where they can be,
        内容 and 来源 sharing what is left (or the extra) in proportion to their texts."""
        wanted, room = self._wanted(), self.list.viewport().width()
        fixed = wanted[0] + wanted[1]
        if fixed > room * 2 // 3:  # a very narrow list: all four shrink alike
            widths = [max(40, w * room // max(sum(wanted), 1)) for w in wanted]
        else:
            rest, want = room - fixed, wanted[2] + wanted[3]
            third = max(40, wanted[2] * rest // max(want, 1)) if want > rest else wanted[2]
            widths = [wanted[0], wanted[1], third, max(40, room - fixed - third)]
        header = self.list.header()
        for col, width in enumerate(widths):
            header.resizeSection(col, width)

    def _button(self, label: str, role: QDialogButtonBox.ButtonRole) -> QPushButton:
        button = QPushButton(label, self)
        button.setAutoDefault(False)  # Enter anywhere: 恢复选中, the default, not the button with focus
        self.buttons.addButton(button, role)
        return button

    def rows(self) -> list[QTreeWidgetItem]:
        return [row for i in range(self.list.topLevelItemCount()) if (row := self.list.topLevelItem(i)) is not None]

    def ticked(self) -> list[int]:
        return [int(r.data(0, INDEX)) for r in self.rows() if r.checkState(0) == Qt.CheckState.Checked]

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in self.rows():
            row.setCheckState(0, state)

    def _update(self) -> None:
        ticked, left = len(self.ticked()), len(self.rows())
        self.intro.setText(f"上次有 {left} 份报告的修改没有保存（程序异常退出前自动保存的副本），"
                           f"已勾选 {ticked} 份。按空格键勾选或取消。")
        self.recover_button.setEnabled(ticked > 0)
        self.discard_button.setEnabled(ticked > 0)
        self.all.setChecked(left > 0 and ticked == left)

    def _recover(self) -> None:
        self.recover = self.ticked()
        if self.recover:
            self.accept()

    def _discard(self) -> None:
        chosen = self.ticked()
        if not chosen or not confirm_discard_many(self, [self.infos[i] for i in chosen]):
            return
        self.discard += chosen
        for row in self.rows():
            if int(row.data(0, INDEX)) in chosen:
                self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(row))
        if not self.rows():
            self.accept()
            return
        self.list.setCurrentItem(self.rows()[0])
        self.list.setFocus()
        self._update()


def discard_many_text(infos: Sequence[Recovery]) -> str:
    shown = "、".join(f"“{i.name()}”" for i in infos[:5]) + (f"等 {len(infos)} 份" if len(infos) > 5 else "")
    return (f"放弃后，{shown}上次没有保存的修改将被删除，无法找回。\n\n"
            "确定要放弃这些修改吗？")


def confirm_discard_many(parent: QWidget | None, infos: Sequence[Recovery]) -> bool:
    """放弃 asked once more for the copies ticked, 取消 the default (Enter, Esc), as for one."""
    Role = QMessageBox.ButtonRole
    buttons = [("放弃修改(&D)", Role.DestructiveRole), ("取消(&C)", Role.RejectRole)]
    return filedialogs.choose(parent, QMessageBox.Icon.Warning, "放弃自动保存的修改", discard_many_text(infos),
                              buttons, 1, 1) == 0


def ask_restore_many(parent: QWidget | None, infos: Sequence[Recovery]) -> list[bool | None]:
    """For each of ``infos``: True recover, False discard (confirmed), None keep for later."""
    from ui.kept_on_screen import kept_on_screen

    dialog = RecoveryChoice(infos, parent)
    kept_on_screen(dialog).exec()
    answers: list[bool | None] = [None] * len(infos)
    for i in dialog.discard:
        answers[i] = False
    for i in dialog.recover:
        answers[i] = True
    dialog.deleteLater()
    return answers
