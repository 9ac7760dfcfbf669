"""The left navigation list: one entry per page, each with its error and warning counts."""

from __future__ import annotations

from typing import Any, TypeAlias

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.findings import Severity
from app.schema import ALL_TEXT_KEYS, section_name, section_short
from ui.change import Change
from ui.pages import BASIC_INFO
from ui.resources import Colors, severity_color
from ui.state import EditorState

Index: TypeAlias = QModelIndex | QPersistentModelIndex
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 1  # (errors, warnings)
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
SHARE_ROLE = Qt.ItemDataRole.UserRole + 3  # percent of the text unchanged from last year, -1: none

# Short names for the list; the full statutory heading is the tooltip and the page title.
ENTRIES: tuple[tuple[str, str], ...] = tuple((key, section_short(key)) for key in (BASIC_INFO, *ALL_TEXT_KEYS))


class NavigationModel(QAbstractListModel):
    """Pages of the report with their finding counts (follow the state's findings)."""

    def __init__(self, state: EditorState) -> None:
        super().__init__(state)
        self.state = state
        self._counts = [state.counts(key) for key, _ in ENTRIES]
        self._shares: dict[str, int] = {}
        state.changed.connect(self._changed)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(ENTRIES)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(ENTRIES):
            return None
        key, name = ENTRIES[index.row()]
        errors, warnings = self._counts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            heading = section_name(key)
            same = f"\n与上年报告相同的文字（不计年份、数字和标点）：{self._shares[key]}%" if key in self._shares else ""
            return f"{heading}\n错误 {errors} 个，警告 {warnings} 个{same}"
        if role == SHARE_ROLE:
            return self._shares.get(key, -1)
        if role == COUNTS_ROLE:
            return errors, warnings
        if role == KEY_ROLE:
            return key
        return None

    def row_of(self, key: str) -> int:
        return next(i for i, (k, _) in enumerate(ENTRIES) if k == key)

    def _changed(self, change: Change) -> None:
        from ui.last_year import section_shares

        if not (change.findings or change.sections or change.last_year or change.report):
            return
        counts = [self.state.counts(key) for key, _ in ENTRIES]
        shares = self._shares
        if change.report or change.last_year or change.sections:  # the share of last year's text
            shares = {k: round(v * 100) for k, v in section_shares(self.state.report).items() if v > 0}
        changed = [i for i, ((key, _), old, new) in enumerate(zip(ENTRIES, self._counts, counts, strict=True))
                   if old != new or shares.get(key) != self._shares.get(key)]
        self._counts, self._shares = counts, shares
        for row in changed:
            self.dataChanged.emit(self.index(row), self.index(row),
                                  [COUNTS_ROLE, SHARE_ROLE, Qt.ItemDataRole.ToolTipRole])


class NavigationDelegate(QStyledItemDelegate):
    """The name on the left, round count badges (errors red, warnings amber) on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        line = QFontMetrics(option.font).height()  # type: ignore[attr-defined]
        height = max(size.height(), line + 18)
        view = option.widget  # type: ignore[attr-defined]
        if isinstance(view, QListView) and index.model() is not None:
            # A short window (1366×768 at 150 %) squeezes the entries rather than scroll the
            # last out of sight (六、其他事项 was), down to the name, its badge and its bar.
            # The viewport's height without viewport(): a widget Qt made is wrapped for Python on
            # first sight, and for a plain QWidget PySide looks through every QtWidgets class
            # (~47 classes and their enums built, dialogs' and wizards': ~7 ms of the start).
            # The list has no horizontal scroll bar nor viewport margins: its viewport is its
            # contents rectangle.
            room = view.contentsRect().height() // max(index.model().rowCount(), 1)
            height = max(line + 12, min(height, room))
        return QSize(size.width() + 64, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.rect = opt.rect.adjusted(8, 0, 0, 0)  # type: ignore[attr-defined]
        style = opt.widget.style() if opt.widget else QStyle()  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # type: ignore[attr-defined]
        errors, warnings = index.data(COUNTS_ROLE)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        right = rect.right() - 8
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(opt.font)  # type: ignore[attr-defined]
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for count, severity in ((warnings, Severity.WARNING), (errors, Severity.ERROR)):
            if not count:
                continue
            text = str(count) if count < 1000 else "999+"
            width = max(metrics.horizontalAdvance(text) + 10, metrics.height() + 2)
            badge = QRect(right - width, rect.center().y() - metrics.height() // 2 - 1, width, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(severity_color(severity))
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            right = badge.left() - 4
        share = index.data(SHARE_ROLE)
        if share is not None and share > 0:
            # How much of the section is still last year's text: a bar under the name, tinted as
            # the carried-over sentences are (the tooltip gives the figure).
            left, width = rect.left() + 12, rect.width() - 24
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(Colors.TEXT_INFO_BG.darker(115))
            painter.drawRoundedRect(QRect(left, rect.bottom() - 5, width, 4), 2, 2)
            painter.setBrush(Colors.SAME_AS_LAST)
            painter.drawRoundedRect(QRect(left, rect.bottom() - 5, max(4, width * share // 100), 4), 2, 2)
        painter.restore()


# Its own sheet, not the window's: a sheet on the window restyles every widget in it.
STYLE = """
QListView#navigation { border: none; background: #f5f7fa; padding-top: 6px; }
QListView#navigation::item { padding: 6px 4px; }
QListView#navigation::item:selected { background: #dbe7f6; color: #0b3d75; }
"""


def navigation_view(model: NavigationModel, parent: QWidget) -> QListView:
    view = QListView(parent)
    view.setModel(model)
    view.setItemDelegate(NavigationDelegate(view))
    view.setUniformItemSizes(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)  # the entries measured again as the window's height changes
    view.setObjectName("navigation")
    view.setStyleSheet(STYLE)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view
