"""帮助 → 检查项说明: every finding the checks can raise, generated from app/findings.REGISTRY.

The same registry writes README's table of codes (``python -m app.codes_table --markdown``), so the
window, the command line and the README cannot drift apart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.findings import REGISTRY, Declared
from ui import focus_order
from ui.window_layout import fit_new_window

COLUMNS = ("级别", "代码", "问题", "含义", "处理")
SHARES = {2: 0.26, 4: 0.29}  # of the width 级别 and 代码 leave; 含义 has the rest


def row_texts(entry: Declared) -> tuple[str, str, str, str, str]:
    code = f"{entry.code}（{entry.kind}）" if entry.kind else entry.code
    fix = f"{entry.fix}（{entry.note}）" if entry.note else entry.fix
    return entry.severity.name_zh, code, entry.title, entry.meaning, fix


class CodesHelp(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("检查项说明")
        self.resize(1100, 640)
        intro = QLabel("检查结果面板中每一类问题的含义和处理办法。错误须改正；警告和提示请核对，"
                       "属实可在检查结果中“忽略此问题”并写明理由。")
        intro.setWordWrap(True)
        entries = sorted(REGISTRY.values(), key=lambda d: -d.severity)  # stable: errors first
        self.table = table = QTableWidget(len(entries), len(COLUMNS), self)
        table.setHorizontalHeaderLabels(COLUMNS)
        table.verticalHeader().hide()
        focus_order.read_only_list(table)  # Tab goes on to 关闭
        table.setWordWrap(True)
        for r, entry in enumerate(entries):
            for c, text in enumerate(row_texts(entry)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        for c in range(2):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for c in SHARES:  # 问题 and 处理 a share each of the width, 含义 (the longest) the rest
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        table.viewport().installEventFilter(self)
        self._dragged: set[int] = set()  # shares the reader has dragged to a width of their own: kept
        self._sharing = False
        header.sectionResized.connect(self._resized)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭(&C)")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table resized: 问题 and 处理 their shares of what 级别 and 代码 leave.  Sized to
        their contents, 含义 had what was left: 85 px at 1366×768 with 150 % (GUI test s19)."""
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            table = self.table
            free = table.viewport().width() - table.columnWidth(0) - table.columnWidth(1)
            self._sharing = True
            for c, share in SHARES.items():
                if c not in self._dragged:  # a width dragged was thrown away at the next resize (rev19)
                    table.setColumnWidth(c, int(free * share))
            self._sharing = False
            # once the header has stretched 含义 to the new width too: measured in between (含义
            # squeezed by the shares' growth), rows stayed three times their height
            QTimer.singleShot(0, table, self._fit_rows)  # the table as context: never once it is deleted
        return super().eventFilter(watched, event)

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column in SHARES and not self._sharing:
            self._dragged.add(column)
        # Row heights follow the wrapped text, so they are measured again whenever widths change.
        self._fit_rows()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_new_window(self)  # 1100×640 ran off an 800×500 screen (200 % on 1600×1000)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row as high as its wrapped text.  Not resizeRowsToContents: it keeps each row at
        least as high as the hidden row header's own hint, a line of the header's font plus its
        margins — a pixel taller than a line of text in Noto Sans CJK SC."""
        table = self.table
        least = table.verticalHeader().minimumSectionSize()
        for row in range(table.rowCount()):
            table.setRowHeight(row, max(table.sizeHintForRow(row), least))
