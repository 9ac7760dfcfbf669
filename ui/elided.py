"""Long text in the status bar shown with “…” in its middle, never clipped through a character:
the label with the file's path (its folder's start and the name's end stay readable; the whole
path is the tooltip's) and the status bar's messages (“已打开 <a long name>（只读…）”: the end says
what saving does).  ``text()`` and ``currentMessage()`` stay the whole text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizeGrip, QStatusBar, QStyle, QStyleOption, QWidget

MIN_CHARS = 6  # narrowest: a few characters and the “…”
SHARE = 0.5  # of its parent's width at most, so that a status message keeps room beside it
MESSAGE_SHARE = 0.3  # while a message shows (for 8 s): what just happened comes first


def fit(text: str, widget: QWidget, width: int) -> str:
    """``text`` as it fits in ``width`` pixels of ``widget``'s font: “…” in its middle if need be
    (a message's end says what to do: “保存时会先询问保存位置”)."""
    return widget.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, max(width, 0))


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup (“<b>报告</b>.docx”)
        self._watched: QWidget | None = None
        self._watch_parent()

    def _watch_parent(self) -> None:
        # The size hint follows the parent's width: layouts cache it, so a resize says so.
        parent = self.parentWidget()
        if parent is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            if parent is not None:
                parent.installEventFilter(self)
            self._watched = parent

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:  # a status bar takes it from the window
            self._watch_parent()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self.updateGeometry()
        return False

    def shown_text(self) -> str:
        """What is drawn: the text, or its middle elided to the label's width."""
        return fit(self.text(), self, self.contentsRect().width())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        narrow = self.fontMetrics().horizontalAdvance("中" * MIN_CHARS) + margins.left() + margins.right()
        return QSize(min(hint.width(), narrow), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        parent = self.parentWidget()
        if parent is None:
            return hint
        share = MESSAGE_SHARE if isinstance(parent, QStatusBar) and parent.currentMessage() else SHARE
        cap = max(self.minimumSizeHint().width(), int(parent.width() * share))
        return QSize(min(hint.width(), cap), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():  # it fits: drawn by QLabel itself, exactly as before
            super().paintEvent(event)
            return
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment().value), self.palette(),
                                  self.isEnabled(), shown, self.foregroundRole())


class StatusBar(QStatusBar):
    """QStatusBar drawing its message elided to the room left of its permanent widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._message_changed)

    def _message_changed(self, text: str) -> None:
        self.setToolTip(text)  # the whole of it, should it be elided
        for label in self.findChildren(ElidedLabel):  # narrower while it shows
            label.updateGeometry()

    def message_rect(self) -> QRect:
        """Where the message is drawn: QStatusBar's own rule (left of the first permanent
        widget shown, and of the size grip)."""
        left, right = 6, self.width() - 12
        for grip in self.findChildren(QSizeGrip):
            if grip.isVisible():
                right = min(right, grip.x())
        shown = self._items()
        if shown:
            right = min(right, min(w.x() for w in shown) - 2)
        return QRect(left, 0, right - left, self.height())

    def _items(self) -> list[QWidget]:
        # While a message shows, Qt hides the other widgets: those shown are the permanent ones.
        return [w for w in self.findChildren(QWidget)
                if w.parentWidget() is self and w.isVisible() and not isinstance(w, QSizeGrip)]

    def shown_message(self) -> str:
        return fit(self.currentMessage(), self, self.message_rect().width())

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message or self.shown_message() == message:  # it fits: drawn by Qt, exactly as before
            super().paintEvent(event)
            return
        self._paint(event, self.shown_message())

    def _paint(self, event: QPaintEvent, message: str) -> None:
        """What QStatusBar::paintEvent draws, with ``message`` for the message."""
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        style = self.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for item in self._items():
            frame = item.geometry().adjusted(-2, -1, 2, 1)
            if event.rect().intersects(frame):
                item_option = QStyleOption()
                item_option.rect = frame  # type: ignore[attr-defined]
                item_option.palette = self.palette()  # type: ignore[attr-defined]
                item_option.state = QStyle.StateFlag.State_None  # type: ignore[attr-defined]
                style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, item_option, painter, item)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_rect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                                  | Qt.TextFlag.TextSingleLine), message)
