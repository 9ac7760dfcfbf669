"""Long text in the status bar shown with “…” in its middle, never clipped through a character:
the label with the file's path (its folder's start and the name's end stay readable; the whole
path is the tooltip's) and the status bar's messages (“已打开 <a long name>（只读…）”: the end says
what saving does).  ``text()`` and ``currentMessage()`` stay the whole text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

if TYPE_CHECKING:  # loaded when a text is elided: PySide builds a class's enums (QStyle's ~20) on its first import
    from PySide6.QtGui import QPaintEvent, QResizeEvent

# A path's folders in a message: from a root (/, C:\, \\server\) to the last separator before the name.
_FOLDERS = re.compile(r"(?<![\w.…])(?:[A-Za-z]:[\\/]|[\\/]{1,2})(?:[^\\/\n“”：；]*[\\/])+")
# A file's name in a message (after a folder's separator, a space or a colon), to its extension.
_NAME = re.compile(r"(?<=[\\/\s：])[^\\/\s：；“”]+?\.[A-Za-z][A-Za-z0-9]{1,4}(?![A-Za-z0-9])")
NAME_CHARS = 16  # a file's name in a message is shortened to no fewer characters than this
MIN_CHARS = 6  # narrowest: a few characters and the “…”
SHARE = 0.5  # of the status bar's width at most, so that a message keeps room beside it
MESSAGE_SHARE = 0.3  # while a message shows (for 8 s): what just happened comes first


def without_folders(text: str) -> str:
    """``text`` with the folders of the paths it names shortened to “…/”: the file's name stays."""
    return _FOLDERS.sub(lambda m: "…" + m.group(0)[-1], text)


def fit(text: str, widget: QWidget, width: int, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle) -> str:
    """``text`` as it fits in ``width`` pixels of ``widget``'s font: “…” in its middle if need be
    (a message's end says what to do: “保存时会先询问保存位置”), or at its end with ``mode``."""
    metrics, room = widget.fontMetrics(), max(width, 0)
    shown = metrics.elidedText(text, mode, room)
    # Qt elides by fractional advances, drawn rounded: in Noto Sans CJK SC a path came out 497 px
    # in 496, its last character's edge cut off.  A pixel less room until it fits (a few at most).
    while shown != text and room > 0 and metrics.horizontalAdvance(shown) > width:
        room -= 1
        shown = metrics.elidedText(text, mode, room)
    return shown


class ElidedLabel(QLabel):
    """In a ``StatusBar``: as wide as its text up to a share of the bar, narrower if need be."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup (“<b>报告</b>.docx”)

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
        if not isinstance(parent, StatusBar):  # it says when its width or message changes
            return hint
        share = MESSAGE_SHARE if parent.currentMessage() else SHARE
        cap = max(self.minimumSizeHint().width(), int(parent.width() * share))
        return QSize(min(hint.width(), cap), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():  # it fits: drawn by QLabel itself, exactly as before
            super().paintEvent(event)
            return
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment().value), self.palette(),
                                  self.isEnabled(), shown, self.foregroundRole())


class StatusBar(QStatusBar):
    """QStatusBar drawing its message elided to the room left of its permanent widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._message_changed)
        self._end_first: str | None = None

    def elide_at_end(self, text: str) -> None:
        """A message that begins with ``text`` is cut at its end, not its middle: one whose start
        is the news and whose tail the detail (从上年报告新建's “已新建2024年度报告：…请改写；
        表三…未填”, cut through its middle at 1366×768 150 %: tester, s32)."""
        self._end_first = text

    def _message_changed(self, text: str) -> None:
        self.setToolTip(text)  # the whole of it, should it be elided
        self._labels_follow()  # narrower while it shows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._labels_follow()

    def _labels_follow(self) -> None:
        # Their size hints follow the bar's width and message; layouts cache a hint until told.
        for label in self.findChildren(ElidedLabel):
            label.updateGeometry()

    def message_rect(self) -> QRect:
        """Where the message is drawn: QStatusBar's own rule (left of the first permanent
        widget shown, and of the size grip)."""
        left, right = 6, self.width() - 12
        for grip in self._children():
            if grip.inherits("QSizeGrip"):
                right = min(right, grip.x())
        shown = self._items()
        if shown:
            right = min(right, min(w.x() for w in shown) - 2)
        return QRect(left, 0, right - left, self.height())

    def _children(self) -> list[QWidget]:
        return [w for w in self.findChildren(QWidget) if w.parentWidget() is self and w.isVisible()]

    def _items(self) -> list[QWidget]:
        # While a message shows, Qt hides the other widgets: those shown are the permanent ones.
        return [w for w in self._children() if not w.inherits("QSizeGrip")]

    def shown_message(self) -> str:
        """The message as it fits: first without the folders of the paths it names (the file's
        name stays, the tooltip has the whole), only then “…” in its middle — the middle of
        “已保存到 <path>；表二“规章”行…未填入表格” is the news (rev25c S2)."""
        message, width = self.currentMessage(), self.message_rect().width()
        if self._end_first and message.startswith(self._end_first):
            return fit(message, self, width, Qt.TextElideMode.ElideRight)
        if self.fontMetrics().horizontalAdvance(message) > width:
            message = without_folders(message)
        if self.fontMetrics().horizontalAdvance(message) > width:
            message = self._shorter_names(message, width)
        return fit(message, self, width)

    def _shorter_names(self, message: str, width: int) -> str:
        """Long file names shortened in their middle (start and extension kept) to make room:
        the program's own 49-character name elided with the message's middle took the “（不” of
        “（不含已忽略问题的理由…）”, and the note said the opposite (user29)."""
        metrics = self.fontMetrics()
        excess = metrics.horizontalAdvance(message) - width
        for m in reversed(list(_NAME.finditer(message))):  # from the end: earlier offsets stay valid
            name = m.group(0)
            if excess <= 0 or len(name) <= NAME_CHARS:
                continue
            floor = metrics.horizontalAdvance(name[: NAME_CHARS // 2] + "…" + name[-(NAME_CHARS // 2):])
            room = max(metrics.horizontalAdvance(name) - excess, floor)
            shorter = fit(name, self, room)
            excess -= metrics.horizontalAdvance(name) - metrics.horizontalAdvance(shorter)
            message = message[: m.start()] + shorter + message[m.end():]
        return message

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        if not message or self.shown_message() == message:  # it fits: drawn by Qt, exactly as before
            super().paintEvent(event)
            return
        self._paint(event, self.shown_message())

    def _paint(self, event: QPaintEvent, message: str) -> None:
        """What QStatusBar::paintEvent draws, with ``message`` for the message."""
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QStyle, QStyleOption

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
