"""How the findings list looks: each row an icon, the location in bold over the message,
wrapped to the list's width; and the list view itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionToolButton,
    QStyleOptionViewItem,
    QStylePainter,
    QToolButton,
    QWidget,
)

from ui.findings_model import DISMISSED_COLOR, DISMISSED_ROLE, TEXTS_ROLE, Index

# A row's margin above and below its text: the font's line height already leaves room round the
# glyphs (Noto Sans CJK SC), and at 1024×700 two findings must show whole in the panel below.
ROW_MARGIN = 3
ROW_CHROME = 2 * ROW_MARGIN + 4  # the margins, the 2 px between location and message, 2 px to spare


class FindingDelegate(QStyledItemDelegate):
    """Icon, then the location in bold over the message, wrapped to the panel's width."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._sizes: dict[tuple[int, tuple[str, str]], QSize] = {}
        self._sized_font = QFont(view.font())
        self._shortest = 0  # a row's least height in that font (0: not known yet)
        self.width = -1  # the text width the rows were last measured at (-1: none yet)

    def _fonts(self) -> tuple[QFont, QFont]:
        font = QFont(self.view.font())
        bold = QFont(font)
        bold.setBold(True)
        return font, bold

    def _text_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(30, ROW_MARGIN, -8, -ROW_MARGIN)

    def text_width(self) -> int:
        """The width a row's texts wrap to in the list as it is now (as ``_text_rect``)."""
        return self._viewport_width() - 38

    def _viewport_width(self) -> int:
        """The width rows are laid out in: the viewport's, less the scroll bar's while the bar is
        not there yet but certain to come.  Qt lays a list out at the full width, finds it taller
        than the viewport, shows the scroll bar and lays it out again, every row measured twice
        (the start's list of findings: ~50 wrapped texts measured for nothing); measured at the
        narrower width at once, the second layout finds every size already known."""
        # Not viewport(): a widget Qt made is wrapped for Python on first sight, and for a plain
        # QWidget PySide looks through every QtWidgets class to find its type (~60 enum classes
        # built, ~15 ms of the start).  The list's resize events say its viewport's size.
        view = self.view
        full = view.maximumViewportSize().width()  # the viewport's width without scroll bars
        if not isinstance(view, FindingsList) or view.viewport_width < 0:
            return full
        if view.viewport_width < full or not self._overflows(view):
            return view.viewport_width
        return full - view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)

    def _overflows(self, view: FindingsList) -> bool:
        """Whether the rows are taller than the viewport whatever width they are measured at
        (each at least its two lines and margins: ``measure``), so the scroll bar will show."""
        if view.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAsNeeded or view.viewport_height < 0:
            return False
        model = view.model()
        return model is not None and model.rowCount() * self.shortest() > view.viewport_height

    def shortest(self) -> int:
        """A row's height with its location and its message on a line each, as ``measure`` has
        it: each line laid out as a Chinese one is (its glyphs from the CJK font, taller than the
        font's own height by a pixel or two).  One figure for the scroll bar's forecast and the
        short window's least list height: they differed by a pixel a row."""
        self._same_font()
        if not self._shortest:
            font, bold = self._fonts()
            line, flags = QRect(0, 0, 10000, 10000), int(Qt.TextFlag.TextWordWrap)
            self._shortest = (QFontMetrics(bold).boundingRect(line, flags, "表").height()
                              + QFontMetrics(font).boundingRect(line, flags, "表").height() + ROW_CHROME)
        return self._shortest

    def _same_font(self) -> None:
        """The sizes known forgotten when the list's font has changed since they were measured."""
        font = self.view.font()
        if font != self._sized_font:
            self._sizes.clear()
            self._sized_font = QFont(font)
            self._shortest = 0

    def measure(self, texts: tuple[str, str]) -> QSize:
        """A row's size: its location line over its message, wrapped to the list's width."""
        # Every change of rows lays out the whole list again: measuring wrapped text is the
        # costly part, and most rows are the same text at the same width as last time.
        self._same_font()
        width = self.width = self.text_width()
        key = (width, texts)
        size = self._sizes.get(key)
        if size is None:
            where, message = texts
            font, bold = self._fonts()
            flags = int(Qt.TextFlag.TextWordWrap)
            loc = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10000), flags, where)
            msg = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10000), flags, message)
            size = QSize(width, loc.height() + msg.height() + ROW_CHROME)
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
        index.data(Qt.ItemDataRole.DecorationRole).paint(painter, QRect(rect.left() + 6, rect.top() + ROW_MARGIN + 1, 18, 18))
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
        loc_rect = painter.drawText(text, flags, where)  # drawn and measured in one layout, not two
        painter.setFont(font)
        painter.drawText(text.adjusted(0, loc_rect.height() + 2, 0, 0), flags, message)
        painter.restore()



class FindingsList(QListView):
    """Getting into the list by keyboard (Tab, F6) makes its first row current, as every Qt
    list does; that is not the user choosing a finding, so the panel does not go there.
    ``quiet`` is the panel's: while it is set, a change of the current row is not a choice.
    Space then chooses the current row (``spaced``): the panel goes there, as ↓ goes to the next."""

    spaced = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quiet = False
        self.viewport_width = -1  # as its last resize event said (FindingDelegate measures rows by it)
        self.viewport_height = -1

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.quiet:
            super().focusInEvent(event)
            return
        self.quiet = True
        try:
            super().focusInEvent(event)
        finally:
            self.quiet = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() == Qt.Key.Key_Space and not event.modifiers() and self.currentIndex().isValid():
            self.spaced.emit(self.currentIndex())

    def dataChanged(self, topLeft: Index, bottomRight: Index, roles: Sequence[int] = ()) -> None:
        """Rows whose size did not change (the roles say so: no SizeHintRole) are redrawn where
        they are.  QListView lays out the whole list again for any change of data, every row
        measured: on a long list of findings that was most of a table edit's time."""
        if roles and Qt.ItemDataRole.SizeHintRole not in roles:
            QAbstractItemView.dataChanged(self, topLeft, bottomRight, list(roles))
            return
        super().dataChanged(topLeft, bottomRight, list(roles))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Rows measured again when the viewport's width changes: QListView itself lays out a
        top-to-bottom list again only when its height changes, so a narrower list (the dock
        dragged, the scroll bar appearing) drew each row at its old height, the message's last
        lines over the next row."""
        super().resizeEvent(event)
        self.viewport_height = event.size().height()
        if event.size().width() != self.viewport_width:  # the viewport's (a scroll area's resize events are its)
            self.viewport_width = event.size().width()
            # Not when the rows were measured at this width already: the scroll bar that has just
            # come was foreseen (FindingDelegate), and the whole list laid out again for nothing.
            delegate = self.itemDelegate()
            if not isinstance(delegate, FindingDelegate) or delegate.text_width() != delegate.width:
                self.scheduleDelayedItemsLayout()


class FilterToggle(QToolButton):
    """A 显示/隐藏 toggle of the findings list (错误, 警告, 提示, 已忽略): checked while its
    findings are shown.  Drawn flat then — everything shown is no filter, and a button drawn
    pressed reads as a filter switched on (the GUI tester's report) — and pressed, struck
    through and greyed once it hides its findings: the one state worth noticing."""

    def __init__(self, shown_tip: str, hidden_tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown_tip, self.hidden_tip = shown_tip, hidden_tip
        self.setCheckable(True)
        self.setChecked(True)
        self.setAutoRaise(True)
        self.setToolTip(shown_tip)
        self.toggled.connect(lambda on: self.setToolTip(self.shown_tip if on else self.hidden_tip))

    def drawn(self) -> QStyleOptionToolButton:
        """The style option the button is painted with."""
        made = QStyleOptionToolButton()
        self.initStyleOption(made)
        option: Any = made  # PySide's stubs name none of a style option's fields
        on, sunken = QStyle.StateFlag.State_On, QStyle.StateFlag.State_Sunken
        if self.isChecked():  # shown: as any flat tool button (hover and a click still show)
            option.state &= ~on
            if not self.isDown():
                option.state &= ~sunken
        else:  # hiding its findings: the filter is on
            option.state |= on | sunken
            font = QFont(self.font())
            font.setStrikeOut(True)
            option.font = font
            palette = QPalette(option.palette)  # the field hands out a copy: set back whole
            palette.setColor(QPalette.ColorRole.ButtonText, QColor(DISMISSED_COLOR))
            option.palette = palette
            option.icon = QIcon(self.icon().pixmap(self.iconSize(), QIcon.Mode.Disabled))
        return made

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, self.drawn())
