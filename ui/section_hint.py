"""The hint of an empty section (what to write there), drawn where the text will begin.

Qt's placeholder is drawn at the margin while the caret stands at the paragraph's first-line
indent (首行缩进两字), in the middle of the hint: the hint is laid out here as the first paragraph
is, so the caret stands where its first character is.  It is never text of the document."""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget


class HintedTextEdit(QTextEdit):
    """A QTextEdit that draws its placeholder text laid out as its first paragraph."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = ""  # drawn while the section is empty; never text of the document
        self._hint_doc: QTextDocument | None = None  # the hint laid out as the first paragraph would be

    def setPlaceholderText(self, text: str) -> None:
        self._hint = text
        self._hint_doc = None
        super().setPlaceholderText("")  # Qt draws nothing of its own
        self.viewport().update()

    def placeholderText(self) -> str:
        return self._hint

    def _hint_layout(self, width: float) -> QTextDocument:
        doc = self.document()
        hint = self._hint_doc
        if hint is None:
            hint = self._hint_doc = QTextDocument(self)
            hint.setUndoRedoEnabled(False)
        hint.setDefaultFont(doc.defaultFont())
        hint.setDocumentMargin(doc.documentMargin())
        cursor = QTextCursor(hint)
        cursor.select(QTextCursor.SelectionType.Document)
        fmt = QTextCharFormat()
        fmt.setForeground(self.palette().brush(QPalette.ColorRole.PlaceholderText))
        cursor.setBlockFormat(doc.begin().blockFormat())  # the empty paragraph's indent and spacing
        cursor.insertText(self._hint, fmt)
        hint.setTextWidth(width)
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        doc = self.document()
        if not self._hint or not doc.isEmpty():
            return
        viewport = self.viewport()
        hint = self._hint_layout(doc.textWidth() if doc.textWidth() > 0 else viewport.width())
        painter = QPainter(viewport)
        painter.translate(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        hint.drawContents(painter)
        painter.end()
