"""A statutory table page (二, 三, 四): heading, optional lead-in text, the grid, a legend."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QToolButton, QVBoxLayout, QWidget

from app.findings import Finding, Location
from app.schema import SECTION_BY_KEY, TABLES, CellRef
from ui.change import Change
from ui.narrative import NarrativeEdit, show_in_text
from ui.pages import page_title
from ui.resources import Colors
from ui.state import EditorState
from ui.table_model import StatutoryTableModel
from ui.table_view import GridView


class TablePage(QWidget):
    """A statutory table: heading, optional lead-in text, the grid and a legend."""

    message = Signal(str)
    edited = Signal(str)  # a message about the edit just made (GridView.edited)

    def __init__(self, state: EditorState, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key = key
        spec = TABLES[SECTION_BY_KEY[key].table or key]
        self.model = StatutoryTableModel(state, spec)
        self.view = GridView(self)
        self.view.setModel(self.model)
        self.view.message.connect(self.message)
        self.view.edited.connect(self.edited)
        self._plain_delegate = self.view.itemDelegate()
        self._last_delegate: QStyledItemDelegate | None = None
        state.lastYearShown.connect(self.show_last_year)
        if state.show_last_year:
            self.show_last_year(True)
        self.flash = CellFlash(self.view)
        self._pending: list[QPersistentModelIndex] = []  # cells to scroll to once shown
        self.lead = NarrativeEdit(state, key, self)
        self.lead.setPlaceholderText("表格前的说明文字（可不填）")
        line = QFontMetrics(state.document(key).defaultFont()).lineSpacing()
        self.lead.setMaximumHeight(int(line * 1.6 * 2) + 16)  # two lines; it scrolls beyond
        self.add_lead = QToolButton(self)
        self.add_lead.setText("＋ 添加表格前的说明文字")
        self.add_lead.setAutoRaise(True)
        self.add_lead.clicked.connect(self._add_lead)
        state.changed.connect(self._changed)
        self._show_lead_if_any()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(page_title(SECTION_BY_KEY[key].heading, self))
        layout.addWidget(self.lead)
        layout.addWidget(self.add_lead, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.view, 1)
        layout.addWidget(self._legend())
        layout.addStretch(0)

    def show_last_year(self, on: bool) -> None:
        """视图 → 显示上年数: last year's figure, muted, in each cell."""
        from ui.last_year import hint_height, last_year_delegate

        if on and self._last_delegate is None:
            self._last_delegate = last_year_delegate(self.state, self.view)
        delegate = self._last_delegate if on else self._plain_delegate
        assert delegate is not None
        self.view.setItemDelegate(delegate)
        self.view.hint_height = hint_height(self.view.font()) if on else 0  # a line of its own
        self.view.fit()
        self.view.viewport().update()

    def _changed(self, change: Change) -> None:
        if change.report:
            self._show_lead_if_any()

    def _show_lead_if_any(self) -> None:
        # Most reports have no text between heading and table: keep the grid high on the page.
        has_text = bool(self.state.report.section_text(self.key).strip())
        self.lead.setVisible(has_text)
        self.add_lead.setVisible(not has_text)

    def _open_lead(self) -> None:
        self.add_lead.hide()
        self.lead.show()

    def _add_lead(self) -> None:
        self._open_lead()
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

    def text_edit(self) -> NarrativeEdit:
        return self.lead  # the lead-in text above the grid

    def grid(self) -> GridView:
        return self.view

    def show_finding(self, finding: Finding, focus: bool = True) -> None:
        self.show_location(finding.location, focus)

    def show_location(self, location: Location, focus: bool = True) -> None:
        """Cells of this table are selected; a span is in the lead-in text above the grid."""
        if location.section == self.key and location.span is not None:
            self._open_lead()
            show_in_text(self.lead, location, focus)
        elif not self.select_cells(location.cells, focus) and focus:
            self.view.setFocus()

    def select_cells(self, cells: tuple[CellRef, ...], focus: bool = True) -> bool:
        """Select the cells of this table among ``cells``; on screen, scroll to them and blink
        a frame round them, so the eye finds them in a large grid.  Hidden, that waits for
        the page to be shown (a hidden grid has no size to scroll by)."""
        refs = [r for r in cells if r.table == self.model.spec.key]
        if not refs:
            return False
        selection = self.view.selectionModel()
        selection.clearSelection()
        indexes = [self.model.index_of((r.row, r.col)) for r in refs]
        self.view.setCurrentIndex(indexes[0])
        for index in indexes[1:]:
            selection.select(index, selection.SelectionFlag.Select)
        self._pending = [QPersistentModelIndex(i) for i in indexes]
        if self.isVisible():
            self._show_pending()
        if focus:
            self.view.setFocus()
        return True

    def _show_pending(self) -> None:
        indexes = [self.model.index(i.row(), i.column()) for i in self._pending if i.isValid()]
        self._pending = []
        if indexes:
            self.view.scrollTo(indexes[0])
            self.flash.start(indexes)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending:
            QTimer.singleShot(0, self._show_pending)  # after the layout has given the grid its size


class CellFlash(QWidget):
    """A frame that blinks round some cells of a grid for a moment, then goes."""

    BLINKS = 3
    INTERVAL_MS = 180

    def __init__(self, view: GridView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._cells: list[QPersistentModelIndex] = []
        self._ticks = 0
        self._timer = QTimer(self, interval=self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self.hide()

    def start(self, indexes: list[QModelIndex]) -> None:
        self._cells = [QPersistentModelIndex(i) for i in indexes]
        self._ticks = 2 * self.BLINKS
        self.setGeometry(self.view.viewport().rect())
        self.show()
        self.raise_()
        self._timer.start()

    def _tick(self) -> None:
        self._ticks -= 1
        self.setGeometry(self.view.viewport().rect())  # scrolling the grid moves its children
        self.setVisible(self._ticks > 0 and self._ticks % 2 == 0)
        if self._ticks <= 0:
            self._timer.stop()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(Colors.FLASH, 3))
        painter.translate(-self.pos())  # cells are placed in the viewport; this may have moved
        for cell in self._cells:
            if cell.isValid():
                index = self.view.model().index(cell.row(), cell.column())
                painter.drawRect(self.view.visualRect(index).adjusted(1, 1, -2, -2))
