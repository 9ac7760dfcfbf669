"""A statutory table page (二, 三, 四): heading, optional lead-in text, the grid, a legend."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QHideEvent, QPainter, QPaintEvent, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.findings import Finding, Location
from app.lastyear import attached
from app.limits import bounded_int
from app.schema import SECTION_BY_KEY, TABLES, CellRef
from ui.change import Change
from ui.context_keys import enter_presses
from ui.flow_layout import FlowLayout
from ui.narrative import NarrativeEdit, show_in_text
from ui.pages import page_title
from ui.resources import Colors
from ui.state import EditorState
from ui.table_model import StatutoryTableModel
from ui.table_view import GridView

LEAD_KEY = "window/lead"  # the text pane's height above every table, as the user last dragged it
LEAD_LINES = 5  # the text pane's height on first launch, in lines of the report's text
LEAD_MIN_LINES = 2  # the user may drag it down to this, never shut
GRID_MIN_ROWS = 5  # the grid keeps its header and this many rows below the text pane …
GRID_LEAST_ROWS = 2  # … in a small page (1024×700, the findings below) at least this many
LINE_HEIGHT = 1.6  # the report's paragraphs' line height (ui.paraformat.block_format)
# A drag moves the handle hundreds of times; QSettings writes its file each time (16 ms a move on
# a busy PC): the height is written when the button is let go, or once the moves pause.
LEAD_SAVE_DELAY_MS = 300


RECOMPUTE_HINT = "（右键“按明细重算”）"
LEGEND_KEYS = "Enter 下移 · Tab 右移 · F2 编辑 · Delete 清除 · Ctrl+V 粘贴 Excel/WPS 表格块"
LEAD_SMALL_SHARE = 0.4  # in a small page (1024×700, the findings below) the text may take this much of it


def lead_limits(total: int, line: int, grid: tuple[int, int], handle: int) -> tuple[int, int]:
    """The text pane's smallest and largest height in a splitter ``total`` high: at least a
    couple of lines; at most what leaves the grid its header and first rows and the legend
    (``grid``: GRID_MIN_ROWS of them, GRID_LEAST_ROWS), or in a page too small for that, its
    share of the page up to the five lines while the grid keeps the fewer rows."""
    smallest = LEAD_MIN_LINES * line
    grid_min, grid_least = grid
    fair = min(LEAD_LINES * line, int(total * LEAD_SMALL_SHARE), total - handle - grid_least)
    return smallest, max(smallest, fair, total - handle - grid_min)


def lead_height(wanted: int | None, total: int, line: int, grid: tuple[int, int], handle: int) -> int:
    """The text pane's height: the user's (``wanted``) within limits; else ``LEAD_LINES`` lines
    where the grid keeps its header and first rows below them, and in a smaller page only what
    leaves it those, down to two lines — the grid is what the page is for (表三 at 1024×768, the
    findings below, showed four rows under five lines of text).  A drag may still give the
    text up to its share (``lead_limits``)."""
    smallest, largest = lead_limits(total, line, grid, handle)
    if not wanted or wanted <= 0:
        wanted = min(LEAD_LINES * line, total - handle - grid[0])
    return max(smallest, min(wanted, largest))


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
        # A line of the pane: the report's line height, the document's margins shared out.
        doc = state.document(key)
        self.lead_line = int(QFontMetrics(doc.defaultFont()).lineSpacing() * LINE_HEIGHT) + 4
        self.lead.setMinimumHeight(LEAD_MIN_LINES * self.lead_line)
        self.add_lead = QToolButton(self)
        self.add_lead.setText("＋ 添加表格前的说明文字(&A)")
        self.add_lead.setAutoRaise(True)
        self.add_lead.clicked.connect(self._add_lead)
        enter_presses(self.add_lead)  # Tab to it and Enter, as on Windows
        state.changed.connect(self._changed)
        # The text and the grid share the page's height by a handle the user drags; the height
        # chosen is kept for every table page and the next launch (LEAD_KEY).
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setChildrenCollapsible(False)  # dragged to the edge, a pane stays findable
        self.split.setHandleWidth(8)
        self.split.setStyleSheet("QSplitter::handle:vertical { border-top: 1px solid #c8d0da;"
                                 " border-bottom: 1px solid #c8d0da; margin: 2px 40%; }")
        self.below = QWidget(self.split)
        self.below_layout = below_layout = QVBoxLayout(self.below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.view, 1)
        self.legend = self._legend()
        below_layout.addWidget(self.legend)
        below_layout.addStretch(0)  # a short grid: the legend right below it, the space after
        self.split.addWidget(self.lead)
        self.split.addWidget(self.below)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.splitterMoved.connect(self._lead_dragged)
        self._lead_saver = QTimer(self, singleShot=True, interval=LEAD_SAVE_DELAY_MS)
        self._lead_saver.timeout.connect(self._save_lead)
        self.split.handle(1).installEventFilter(self)  # the button let go: written at once
        self.view.fitted.connect(self.place_lead)  # the rows' heights known: the limits too
        self._lead_wanted = _saved_lead()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        # ＋ 添加表格前的说明文字 on the heading's line, not a line of its own: at 1024×768 (the
        # findings below the page) every line of the page is a row of the grid fewer.
        # A flow: in a page too narrow for both it goes under the heading, never widening the page.
        heading = FlowLayout(spacing=12)
        heading.addWidget(page_title(SECTION_BY_KEY[key].heading, self))
        heading.addWidget(self.add_lead)
        layout.addLayout(heading)
        layout.addWidget(self.split, 1)
        # Tab as the page reads: the text above the table (when shown), then the grid; ＋ 添加…
        # after the grid, so that Tab from 目录 lands in the grid of a page without text.
        QWidget.setTabOrder(self.lead, self.view)
        QWidget.setTabOrder(self.view, self.add_lead)
        self.view.passed_on_leaving = (self.add_lead,)  # Tab past the last figure: on to 检查结果
        self._show_lead_if_any()

    def show_last_year(self, on: bool) -> None:
        """视图 → 显示上年数: last year's figure, muted, in each cell."""
        from ui.last_year import hint_height, last_year_delegate

        if on and self._last_delegate is None:
            self._last_delegate = last_year_delegate(self.state, self.view)
        delegate = self._last_delegate if on else self._plain_delegate
        assert delegate is not None
        self.view.setItemDelegate(delegate)
        # A line of its own under each value, only with a last year to show: switched on before
        # 与上年报告对照, every row was a line taller with nothing in it (GUI tester s15).
        # Attaching or detaching one signals again (ui/year_tools.py) and the rows follow.
        shown = on and attached(self.state.report) is not None
        self.view.hint_height = hint_height(self.view.font()) if shown else 0
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
        self.place_lead()

    def _open_lead(self) -> None:
        self.add_lead.hide()
        self.lead.show()
        self.place_lead()

    # -- the text pane's height -----------------------------------------------------------------
    def grid_min_height(self, rows: int = GRID_MIN_ROWS) -> int:
        """What the grid keeps below the text pane: its header and first ``rows`` rows (all of
        a short grid), and the legend under it."""
        view = self.view
        rows = min(view.model().rowCount(), self.model.spec.header_rows + rows)
        grid = sum(view.rowHeight(r) for r in range(rows)) + 2 * view.frameWidth()
        legend = self.legend.heightForWidth(self.below.width())  # wrapped at the page's width
        return grid + max(legend, self.legend.sizeHint().height()) + self.below_layout.spacing()

    def place_lead(self) -> None:
        """The text pane at the user's height (or five lines), within what the page allows."""
        if self.lead.isHidden():
            return
        handle = self.split.handleWidth()
        total = sum(self.split.sizes()) + handle
        if total <= handle:
            return  # not laid out yet: the show or the resize places it
        grid = self.grid_min_height(), self.grid_min_height(GRID_LEAST_ROWS)
        top = lead_height(self._lead_wanted, total, self.lead_line, grid, handle)
        if self.split.sizes()[0] != top:
            self.split.setSizes([top, max(total - handle - top, 1)])
            self._unscroll()

    def _unscroll(self) -> None:
        """The grid shown at a moment its pane was too short (the page built before its rows
        had their heights) scrolled its chosen cell into view, and hid the first rows under its
        header: back to the top where the chosen cell is in sight from there."""
        view = self.view
        bar = view.verticalScrollBar()
        current = view.currentIndex()
        if not bar.value():
            return
        row = current.row() if current.isValid() else 0
        bottom = view.verticalHeader().sectionPosition(row) + view.rowHeight(row)
        if bottom <= view.viewport().height():
            bar.setValue(0)

    def _lead_dragged(self, pos: int, _index: int) -> None:
        # Within the limits as it is dragged: the grid's header and first rows stay in sight.
        self._lead_wanted = self.split.sizes()[0]
        self.place_lead()
        self._lead_wanted = self.split.sizes()[0]
        self._lead_saver.start()  # the next page and launch take it (_save_lead)

    def _save_lead(self) -> None:
        self._lead_saver.stop()
        if self._lead_wanted:
            QSettings().setValue(LEAD_KEY, self._lead_wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            # After the handle's own handling of the release (it may move it once more), before
            # another page or window is shown: it reads the height.
            QTimer.singleShot(0, self, self._flush_lead)
        return False

    def _flush_lead(self) -> None:
        if self._lead_saver.isActive():
            self._save_lead()

    def hideEvent(self, event: QHideEvent) -> None:
        self._flush_lead()  # the page left or the window closed within the pause
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_legend()
        self.place_lead()

    def _add_lead(self) -> None:
        self._open_lead()
        self.lead.setFocus()

    def _legend(self) -> QLabel:
        total = Colors.TOTAL_BG.name()
        # Each chip whole on a line: wrapped at 150 %, 错误 broke into 错 and 误 (GUI test s19).
        # A word joiner between its two characters (Qt's rich text has no nowrap for a span).
        def chip(word: str) -> str:
            return "\u2060".join(word)

        def colours(how: str) -> str:
            return (
                f"<span style='background:{total}'>&nbsp;{chip('合计')}&nbsp;</span> 按明细自动计算　"
                f"<span style='color:{Colors.PINNED_FG.name()}'><b>{chip('红字')}</b></span> 与明细不符的合计{how}　"
                f"<span style='background:{Colors.ERROR_BG.name()}'>&nbsp;{chip('错误')}&nbsp;</span>　"
                f"<span style='background:{Colors.WARNING_BG.name()}'>&nbsp;{chip('警告')}&nbsp;</span>"
            )

        legend = QLabel(self)
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #5f6b7a;")
        # Longest first; each shorter one leaves its rest to the tooltip (``_fit_legend``).
        self._legend_texts = (f"{colours(RECOMPUTE_HINT)}　{LEGEND_KEYS}", colours(RECOMPUTE_HINT), colours(""))
        self._legend_width = -1
        legend.setText(self._legend_texts[0])
        return legend

    def _fit_legend(self) -> None:
        """The legend on one line where the page is narrow (1024×768): the keys go into its
        tooltip — a second line of legend is a row of the grid fewer; narrower still (1366×768
        at 150 %, gui20), the right-click hint goes there too."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        width = self.width() - (margins.left() + margins.right() if margins is not None else 0)
        if width <= 0 or width == self._legend_width:
            return
        self._legend_width = width
        probe = QLabel()  # unwrapped: as wide as its one line
        probe.setFont(self.legend.font())
        texts = self._legend_texts

        def one_line(text: str) -> bool:
            probe.setText(text)
            return probe.sizeHint().width() <= width

        fits = next((i for i, text in enumerate(texts) if one_line(text)), len(texts) - 1)
        tips = ("", LEGEND_KEYS, f"红字的合计{RECOMPUTE_HINT}\n{LEGEND_KEYS}")
        if self.legend.text() != texts[fits]:
            self.legend.setText(texts[fits])
            self.legend.setToolTip(tips[fits])

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
        self._lead_wanted = _saved_lead() or self._lead_wanted  # dragged on another page meanwhile
        self.place_lead()
        if self._pending:
            QTimer.singleShot(0, self._show_pending)  # after the layout has given the grid its size


def _saved_lead() -> int | None:
    settings = QSettings()
    return bounded_int(settings.value(LEAD_KEY)) if settings.contains(LEAD_KEY) else None


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
