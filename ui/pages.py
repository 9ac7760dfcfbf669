"""The 基本信息 page and the table pages (二, 三, 四)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.findings import Finding
from app.schema import SECTION_BY_KEY, TABLES
from ui.commands import MetaValue, SetMetaCommand
from ui.narrative import NarrativeEdit
from ui.resources import Colors
from ui.state import EditorState
from ui.table_model import StatutoryTableModel
from ui.table_view import GridView

BASIC_INFO = "基本信息"
_NO_YEAR = 1999  # the spin box's minimum, shown as 未填写
_NO_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as 未填写


def page_title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("pageTitle")
    return label


class BasicInfoPage(QWidget):
    """机关名称, 年度, 成文日期, and the title they make."""

    def __init__(self, state: EditorState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.organ = QLineEdit(self)
        self.organ.setPlaceholderText("例如：××市××区人民政府××街道办事处")
        self.year = QSpinBox(self)
        self.year.setRange(_NO_YEAR, 2100)
        self.year.setSpecialValueText("未填写")
        self.year.setGroupSeparatorShown(False)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setMinimumDate(_NO_DATE)
        self.date.setSpecialValueText("未填写")
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_layout()
        self.organ.textEdited.connect(lambda text: self._push("organ", text.strip()))
        self.year.valueChanged.connect(lambda v: self._push("year", None if v == _NO_YEAR else v))
        self.date.dateChanged.connect(lambda d: self._push("date", None if d == _NO_DATE else d.toPython()))
        state.metaChanged.connect(self.refresh)
        state.reportReplaced.connect(self.refresh)
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
        hint = QLabel("成文日期用阿拉伯数字写全年月日，例如 2022年1月12日；标题由机关名称和年度生成。", self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6b7a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(page_title(BASIC_INFO, self))
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.organ.setMaximumWidth(560)
        self.year.setMaximumWidth(160)
        self.date.setMaximumWidth(200)

    def _push(self, field: str, value: MetaValue) -> None:
        if getattr(self.state.report, field) != value:
            self.state.stack.push(SetMetaCommand(self.state, field, value))

    def refresh(self) -> None:
        report = self.state.report
        for widget in (self.organ, self.year, self.date):
            widget.blockSignals(True)
        if self.organ.text().strip() != report.organ:
            self.organ.setText(report.organ)
        self.year.setValue(report.year or _NO_YEAR)
        self.date.setDate(QDate(report.date) if isinstance(report.date, dt.date) else _NO_DATE)
        for widget in (self.organ, self.year, self.date):
            widget.blockSignals(False)
        self.title.setText(report.title if report.organ or report.year else "（填写机关名称和年度后生成）")

    def show_finding(self, finding: Finding) -> None:
        self.organ.setFocus()


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(page_title(SECTION_BY_KEY[key].heading, self))
        layout.addWidget(self.lead)
        layout.addWidget(self.view, 1)
        layout.addWidget(self._legend())
        layout.addStretch(0)

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
