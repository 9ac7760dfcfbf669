"""A statutory table page (二, 三, 四): heading, optional lead-in text, the grid, a legend."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from app.findings import Finding
from app.schema import SECTION_BY_KEY, TABLES
from ui.narrative import NarrativeEdit
from ui.pages import page_title
from ui.resources import Colors
from ui.state import EditorState
from ui.table_model import StatutoryTableModel
from ui.table_view import GridView


class TablePage(QWidget):
    """A statutory table: heading, optional lead-in text, the grid and a legend."""

    message = Signal(str)

    def __init__(self, state: EditorState, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key = key
        spec = TABLES[SECTION_BY_KEY[key].table or key]
        self.model = StatutoryTableModel(state, spec)
        self.view = GridView(self)
        self.view.setModel(self.model)
        self.view.message.connect(self.message)
        self.lead = NarrativeEdit(state, key, self)
        self.lead.setPlaceholderText("表格前的说明文字（可不填）")
        line = QFontMetrics(state.document(key).defaultFont()).lineSpacing()
        self.lead.setMaximumHeight(int(line * 1.6 * 2) + 16)  # two lines; it scrolls beyond
        self.add_lead = QToolButton(self)
        self.add_lead.setText("＋ 添加表格前的说明文字")
        self.add_lead.setAutoRaise(True)
        self.add_lead.clicked.connect(self._open_lead)
        state.reportReplaced.connect(self._show_lead_if_any)
        self._show_lead_if_any()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(page_title(SECTION_BY_KEY[key].heading, self))
        layout.addWidget(self.lead)
        layout.addWidget(self.add_lead, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view, 1)
        layout.addWidget(self._legend())
        layout.addStretch(0)

    def _show_lead_if_any(self) -> None:
        # Most reports have no text between heading and table: keep the grid high on the page.
        has_text = bool(self.state.report.section_text(self.key).strip())
        self.lead.setVisible(has_text)
        self.add_lead.setVisible(not has_text)

    def _open_lead(self) -> None:
        self.add_lead.hide()
        self.lead.show()
        self.lead.setFocus()

    def _legend(self) -> QLabel:
        total = Colors.TOTAL_BG.name()
        legend = QLabel(
            f"<span style='background:{total}'>&nbsp;合计&nbsp;</span> 按明细自动计算　"
            f"<span style='color:{Colors.PINNED_FG.name()}'><b>红字</b></span> 文件中与明细不符的合计（右键“按明细重算”）　"
            f"<span style='background:{Colors.ERROR_BG.name()}'>&nbsp;错误&nbsp;</span>　"
            f"<span style='background:{Colors.WARNING_BG.name()}'>&nbsp;警告&nbsp;</span>　"
            "Enter 下移 · Tab 右移 · F2 编辑 · Delete 清除 · Ctrl+V 粘贴 Excel/WPS 表格块",
            self,
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #5f6b7a;")
        return legend

    def show_finding(self, finding: Finding) -> None:
        refs = [r for r in finding.location.cells if r.table == self.model.spec.key]
        if not refs:
            self.view.setFocus()
            return
        selection = self.view.selectionModel()
        selection.clearSelection()
        first = self.model.index_of((refs[0].row, refs[0].col))
        self.view.setCurrentIndex(first)
        for ref in refs[1:]:
            selection.select(self.model.index_of((ref.row, ref.col)), selection.SelectionFlag.Select)
        self.view.scrollTo(first)
        self.view.setFocus()
