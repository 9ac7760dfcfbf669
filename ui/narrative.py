"""Rich-text panes for the narrative sections (前言, 一, 五, 六).

Bold, italic, underline and three paragraph kinds (正文, “一、” heading, “（一）” heading).
Paste keeps paragraphs and those styles only.  Findings located in the text are highlighted in
place and explained in a tooltip.  Undo goes through the window's one stack.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QMimeData, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.findings import Finding, Severity
from app.report import ParaKind
from app.schema import PREAMBLE, SECTION_BY_KEY
from ui import richtext
from ui.resources import HEADING1_FAMILIES, HEADING2_FAMILIES, Colors
from ui.state import EditorState

KIND_NAMES = {ParaKind.BODY: "正文", ParaKind.HEADING1: "一级标题（一、）", ParaKind.HEADING2: "二级标题（（一））"}
_LEAD = re.compile(r"^[^。！？]*[。！？]?")  # a （一） heading's leading sentence


class SectionHighlighter(QSyntaxHighlighter):
    """Heading looks by paragraph kind, and a tint under each text finding's span."""

    def __init__(self, doc: QTextDocument) -> None:
        super().__init__(doc)
        self.spans: dict[int, list[tuple[int, int, Severity]]] = {}
        self._h1 = QTextCharFormat()
        self._h1.setFontFamilies(HEADING1_FAMILIES)
        self._h2 = QTextCharFormat()
        self._h2.setFontFamilies(HEADING2_FAMILIES)

    def set_findings(self, findings: list[Finding]) -> None:
        spans: dict[int, list[tuple[int, int, Severity]]] = {}
        for f in findings:
            if f.location.span is not None:
                s = f.location.span
                spans.setdefault(s.paragraph, []).append((s.start, s.end, f.severity))
        if spans != self.spans:
            self.spans = spans
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        kind = richtext.block_kind(self.currentBlock().blockFormat())
        # The block as segments of one base format: the heading look, then plain text.
        head_end = len(text) if kind is ParaKind.HEADING1 else 0
        if kind is ParaKind.HEADING2:
            head_end = len(_LEAD.match(text).group(0))  # type: ignore[union-attr]
        base = self._h1 if kind is ParaKind.HEADING1 else self._h2
        if head_end:
            self.setFormat(0, head_end, base)
        for start, end, severity in self.spans.get(self.currentBlock().blockNumber(), []):
            end = min(end, len(text))
            for seg_start, seg_end, seg_base in ((0, head_end, base), (head_end, len(text), None)):
                lo, hi = max(start, seg_start), min(end, seg_end)
                if lo < hi:
                    self.setFormat(lo, hi - lo, self._finding_format(seg_base, severity))

    @staticmethod
    def _finding_format(base: QTextCharFormat | None, severity: Severity) -> QTextCharFormat:
        fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
        error = severity is Severity.ERROR
        fmt.setBackground(Colors.TEXT_ERROR_BG if error else Colors.TEXT_WARNING_BG)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(Colors.ERROR if error else Colors.WARNING)
        return fmt


class NarrativeEdit(QTextEdit):
    """A QTextEdit whose paste is filtered and whose undo is the window's stack."""

    def __init__(self, state: EditorState, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key = key
        self.findings: list[Finding] = []
        self.setDocument(state.document(key))
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml()

    def insertFromMimeData(self, source: QMimeData) -> None:
        paragraphs = richtext.mime_to_paragraphs(source)
        if paragraphs:
            richtext.insert_paragraphs(self.textCursor(), paragraphs)
            self.ensureCursorVisible()

    def _is_undo_key(self, event: QKeyEvent) -> bool:
        return event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_undo_key(event):  # type: ignore[arg-type]
            event.ignore()  # let the window's 撤销/重做 act on the one stack
            return False
        if event.type() == QEvent.Type.ToolTip:
            self._tooltip(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_undo_key(event):
            stack = self.state.stack
            stack.undo() if event.matches(QKeySequence.StandardKey.Undo) else stack.redo()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)  # they would bypass the window's undo stack
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _tooltip(self, event: QHelpEvent) -> None:
        cursor = self.cursorForPosition(event.pos())
        para, pos = cursor.blockNumber(), cursor.positionInBlock()
        texts = [
            f.message
            for f in self.findings
            if f.location.span is not None
            and f.location.span.paragraph == para
            and f.location.span.start <= pos < f.location.span.end
        ]
        if texts:
            QToolTip.showText(event.globalPos(), "\n".join(texts), self)
        else:
            QToolTip.hideText()

    def select_span(self, paragraph: int, start: int, end: int) -> None:
        block = self.document().findBlockByNumber(paragraph)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(start, block.length() - 1))
        cursor.setPosition(block.position() + min(end, block.length() - 1), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self.setFocus()


class NarrativePage(QWidget):
    """Heading, formatting bar, the editor and a live character count."""

    message = Signal(str)

    def __init__(self, state: EditorState, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key = key
        self.spec = SECTION_BY_KEY.get(key)
        self.editor = NarrativeEdit(state, key, self)
        self.highlighter = SectionHighlighter(state.document(key))
        self.count = QLabel(self)
        self.kind_box = QComboBox(self)
        for kind, name in KIND_NAMES.items():
            self.kind_box.addItem(name, kind)
        self.kind_box.setToolTip("当前段落的类型")
        self.kind_box.activated.connect(self._set_kind)
        self.style_buttons = self._style_buttons()
        self._build_layout()
        self.editor.textChanged.connect(self._update_count)
        self.editor.cursorPositionChanged.connect(self._sync_bar)
        self.editor.currentCharFormatChanged.connect(lambda _fmt: self._sync_bar())
        state.findingsChanged.connect(self._update_findings)
        state.reportReplaced.connect(self._update_count)
        self._update_count()
        self._update_findings()

    def title(self) -> str:
        return "前言（开头段落）" if self.key == PREAMBLE else self.spec.heading  # type: ignore[union-attr]

    def _style_buttons(self) -> dict[str, QToolButton]:
        buttons: dict[str, QToolButton] = {}
        for name, text, tip, key in (
            ("bold", "B", "粗体 (Ctrl+B)", QKeySequence.StandardKey.Bold),
            ("italic", "I", "斜体 (Ctrl+I)", QKeySequence.StandardKey.Italic),
            ("underline", "U", "下划线 (Ctrl+U)", QKeySequence.StandardKey.Underline),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setShortcut(QKeySequence(key))
            font = QFont(button.font())
            font.setBold(name == "bold")
            font.setItalic(name == "italic")
            font.setUnderline(name == "underline")
            button.setFont(font)
            button.clicked.connect(lambda on, n=name: self.apply_style(n, on))
            buttons[name] = button
        return buttons

    def _build_layout(self) -> None:
        heading = QLabel(self.title(), self)
        heading.setObjectName("pageTitle")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("段落：", self))
        bar.addWidget(self.kind_box)
        bar.addSpacing(12)
        for button in self.style_buttons.values():
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addLayout(bar)
        layout.addWidget(self.editor, 1)

    def apply_style(self, name: str, on: bool) -> None:
        fmt = QTextCharFormat()
        if name == "bold":
            fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        elif name == "italic":
            fmt.setFontItalic(on)
        else:
            fmt.setFontUnderline(on)
        self.editor.mergeCurrentCharFormat(fmt)
        self.editor.setFocus()

    def _set_kind(self, row: int) -> None:
        kind: ParaKind = self.kind_box.itemData(row)
        cursor = self.editor.textCursor()
        cursor.beginEditBlock()
        start, end = sorted((cursor.anchor(), cursor.position()))
        block = self.editor.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            c = QTextCursor(block)
            c.setBlockFormat(richtext.block_format(kind, self.editor.document()))
            block = block.next()
        cursor.endEditBlock()
        self.editor.setFocus()

    def _sync_bar(self) -> None:
        fmt = self.editor.currentCharFormat()
        states = {
            "bold": fmt.fontWeight() >= QFont.Weight.DemiBold.value,
            "italic": fmt.fontItalic(),
            "underline": fmt.fontUnderline(),
        }
        for name, on in states.items():
            self.style_buttons[name].setChecked(on)
        kind = richtext.block_kind(self.editor.textCursor().blockFormat()) or ParaKind.BODY
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))

    def char_count(self) -> int:
        return len(re.sub(r"\s", "", self.editor.document().toPlainText()))

    def _update_count(self) -> None:
        n = self.char_count()
        limit = self.spec.max_chars if self.spec else None
        if limit is None:
            self.count.setText(f"{n} 字")
            return
        over = n > limit
        self.count.setText(f"{n}/{limit} 字" + ("（超出篇幅要求）" if over else ""))
        self.count.setStyleSheet(f"color: {Colors.ERROR.name()};" if over else "")

    def _update_findings(self) -> None:
        found = self.state.by_section.get(self.key, [])
        self.editor.findings = found
        self.highlighter.set_findings(found)

    def show_finding(self, finding: Finding) -> None:
        span = finding.location.span
        if span is not None:
            self.editor.select_span(span.paragraph, span.start, span.end)
        else:
            self.editor.setFocus()

