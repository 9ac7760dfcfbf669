"""Rich-text panes for the narrative sections (前言, 一, 五, 六).

Bold, italic, underline and three paragraph kinds (正文, “一、” heading, “（一）” heading).
Paste keeps paragraphs and those styles only.  Findings located in the text are highlighted in
place and explained in a tooltip.  Undo goes through the window's one stack.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QDragLeaveEvent,
    QDropEvent,
    QFont,
    QHelpEvent,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.findings import SECTION1_TOO_LONG, Finding, Location, Span
from app.report import ParaKind
from app.schema import PREAMBLE, PROBLEMS, SECTION_BY_KEY, CellRef
from ui import longpara, paraformat, richtext, textkeys
from ui.change import Change
from ui.choices import ChoiceBox
from ui.field_undo import is_undo_key
from ui.file_drops import carries_files
from ui.finding_actions import commands, review_command
from ui.highlight import SectionHighlighter
from ui.pages import page_title
from ui.resources import Colors
from ui.section_hint import HintedTextEdit
from ui.state import EditorState

KIND_NAMES = {ParaKind.BODY: "正文", ParaKind.HEADING1: "一级标题“一、”", ParaKind.HEADING2: "二级标题“（一）”"}


PICTURE_NOT_PASTED = "未粘贴：剪贴板中是图片，报告正文只能粘贴文字"


class NarrativeEdit(HintedTextEdit):
    """A QTextEdit whose paste is filtered, whose undo is the window's stack, and whose text
    shows the section's findings: tinted spans, a tooltip, their commands in the context menu;
    empty, it shows the section's hint (HintedTextEdit)."""

    refused = Signal(str)  # a paste that puts nothing in, or not as it came: the status bar says it

    def __init__(self, state: EditorState, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key = key
        doc = state.document(key)
        # The looks first, the view after: set on a document no view lays out yet, they cost
        # no layout (a paragraph of a megabyte is laid out once, not once more for its marks).
        self.highlighter = SectionHighlighter(doc, self)
        self.findings: list[Finding] = state.by_section.get(key, [])
        self.highlighter.set_findings(self.findings)
        self.setDocument(doc)
        if doc.property(longpara.CHUNKED):
            # The marks set before the view made the layout left a change pending that Qt would
            # report merged with the next edit (its range from the first mark on): told now, each
            # edit's range is its own (the continued blocks are mended where an edit starts).
            doc.markContentsDirty(0, 0)
        self.highlighter.visible = self._visible_blocks  # a long section: what is on screen first
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        # A finding chosen in the panel selects its span while the panel keeps the focus:
        # the selection must not fade to the inactive grey.
        palette = self.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setBrush(QPalette.ColorGroup.Inactive, role, palette.brush(QPalette.ColorGroup.Active, role))
        self.setPalette(palette)
        self.cursorPositionChanged.connect(self._clear_related)  # the marks go with the selection
        state.changed.connect(self._changed)

    def _visible_blocks(self) -> tuple[int, int]:
        if not self.isVisible():
            return 0, -1
        # Not viewport(): a QWidget made by Qt costs PySide a type look-up each time it is handed over.
        size = self.maximumViewportSize()
        # Points on the text, not in the document's margin (a hit there answers the end of
        # what is laid out so far).
        margin = int(self.document().documentMargin()) + 1
        top = QPoint(size.width() // 2, max(1, margin - self.verticalScrollBar().value()))
        bottom = QPoint(size.width() // 2, size.height() - 1)
        return self.cursorForPosition(top).blockNumber(), self.cursorForPosition(bottom).blockNumber()

    def _changed(self, change: Change) -> None:
        if not change.findings:
            return
        # The state's objects of this run, for their commands; the marks only where they moved.
        self.findings = self.state.by_section.get(self.key, [])
        if change.report or self.key in change.finding_sections or self.highlighter.moved:
            self.highlighter.set_findings(self.findings)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # A file from a file manager carries its URL as text: declined, it goes to the window (opened).
        return (source.hasText() or source.hasHtml()) and not carries_files(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if carries_files(source):
            return  # a copied file pasted: its URL is no part of the report
        paragraphs, note = richtext.pasted(source, self.key)  # tables, section headings: said
        if paragraphs:
            richtext.insert_paragraphs(self.textCursor(), paragraphs)
            self.ensureCursorVisible()
        elif source.hasImage():  # a screenshot, a chart: Ctrl+V did nothing and said nothing
            note = PICTURE_NOT_PASTED
        if note:
            self.refused.emit(note)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_key(event):  # type: ignore[arg-type]
            event.ignore()  # let the window's 撤销/重做 act on the one stack
            return False
        if event.type() == QEvent.Type.ToolTip:
            self._tooltip(event)  # type: ignore[arg-type]
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_undo_key(event):
            stack = self.state.stack
            stack.undo() if event.matches(QKeySequence.StandardKey.Undo) else stack.redo()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._new_paragraph()  # Shift+Enter too: a report has paragraphs, not line breaks
            return
        if textkeys.delete_across_blocks(self, event):
            return
        textkeys.collapse_before_line_move(self, event)  # Up/Down over a selection: as Word
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        """Typing over a selection with an input method is one undo step, as typing is: Qt
        removes the selection as the preedit begins and puts the text in at the commit, two
        steps of the document that the window's stack joins."""
        if event.commitString():
            step: str | None = "commit"
        elif event.preeditString() and self.textCursor().hasSelection():
            step = "removal"
        else:
            step = None
        self.state.ime_step = step
        try:
            super().inputMethodEvent(event)
        finally:
            self.state.ime_step = None

    def _new_paragraph(self) -> None:
        """After a heading the next paragraph is body text, as in Word; elsewhere the new
        paragraph is like the one it splits."""
        cursor = self.textCursor()
        selected = cursor.hasSelection()
        cursor.beginEditBlock()
        if selected:
            longpara.remove_selection(cursor)  # the paragraph left is the one split
        kind = paraformat.block_kind(cursor.blockFormat())
        after = cursor.block().next()
        at_end = cursor.atBlockEnd() and not (after.isValid() and longpara.continues(after.blockFormat()))
        if at_end and not selected and kind in (ParaKind.HEADING1, ParaKind.HEADING2):
            cursor.insertBlock(paraformat.block_format(ParaKind.BODY, self.document()), QTextCharFormat())
        else:
            cursor.insertBlock()
            if longpara.continues(cursor.blockFormat()):  # the new block begins a paragraph of its own
                fmt = paraformat.block_format(kind or ParaKind.BODY, self.document())
                cursor.setBlockFormat(fmt)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copy, cut and drag: a long paragraph's blocks give one paragraph, not a break where
        blocks meet (Qt's data of the same paragraphs laid in plain blocks: made by Qt, so that
        Python never frees what the clipboard owns)."""
        if not self.document().property(longpara.CHUNKED):
            return super().createMimeDataFromSelection()
        plain = QTextEdit()
        longpara.plain_document(plain.document(), longpara.selection_paragraphs(self.textCursor()))
        plain.selectAll()
        return plain.createMimeDataFromSelection()

    def dropEvent(self, event: QDropEvent) -> None:
        """A drag moving text within the pane: as Qt's drop (the selection removed, the data
        put in where it falls, one edit block), but the selection removed as plain blocks
        would leave the paragraphs: Qt's removal would make a long paragraph's remaining block
        continue the paragraph before it when the selection began at its start, and in one
        edit block with the insertion before it that goes unseen by the watcher."""
        move = event.source() is self and event.dropAction() == Qt.DropAction.MoveAction
        if not (move and self.document().property(longpara.CHUNKED) and self.canInsertFromMimeData(event.mimeData())):
            super().dropEvent(event)
            return
        selection = self.textCursor()
        insertion = self.cursorForPosition(event.position().toPoint())
        super().dragLeaveEvent(QDragLeaveEvent())  # Qt's end of a drag here: no drop caret, no scrolling
        if selection.selectionStart() <= insertion.position() <= selection.selectionEnd():
            event.ignore()  # onto itself: nothing moves (as Qt)
            return
        insertion.beginEditBlock()
        longpara.remove_selection(selection)
        self.setTextCursor(insertion)
        self.insertFromMimeData(event.mimeData())
        insertion.endEditBlock()
        event.acceptProposedAction()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        menu = self.context_menu(self.textCursor() if keyboard else self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu(self, here: QTextCursor) -> QMenu:
        """The standard edit menu without its own undo, and first the commands of the findings
        whose span ``here`` is in."""
        menu = self.createStandardContextMenu(self.cursorRect(here).center())
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)  # they would bypass the window's undo stack
        self.add_finding_commands(menu, self.findings_at(*longpara.to_paragraph(self.document(), here.blockNumber(), here.positionInBlock())))
        from ui.menu_keys import keyed  # the finding commands' letters, clear of the standard ones

        return keyed(menu)

    def add_finding_commands(self, menu: QMenu, findings: list[Finding]) -> None:
        """The commands of the findings under the cursor, above the standard edit actions."""
        first = menu.actions()[0] if menu.actions() else None
        added = False
        labels: set[str] = set()
        for finding in findings:
            for command in [*commands(self.state, finding, here="text"), review_command(self.state, finding)]:
                label, n = command.label, 2
                while label in labels:  # two findings of one title here: each its own item, as a cell's menu has them
                    label, n = f"{command.label}（第{n}条）", n + 1
                labels.add(label)
                action = menu.addAction(label, command.run)
                action.setToolTip(command.tip)
                action.setObjectName(f"finding-{command.name}")
                if first is not None:
                    menu.insertAction(first, action)  # moved above the standard actions
                added = True
        if added and first is not None:
            menu.insertSeparator(first)

    def findings_at(self, paragraph: int, pos: int) -> list[Finding]:
        return [f for f in self.findings if f.location.span is not None and _inside(f.location.span, paragraph, pos)]

    def _tooltip(self, event: QHelpEvent) -> None:
        cursor = self.cursorForPosition(event.pos())
        texts = []
        for finding in self.findings_at(*longpara.to_paragraph(self.document(), cursor.blockNumber(), cursor.positionInBlock())):
            labels = [c.label for c in commands(self.state, finding, here="text")]
            texts.append(finding.message + (f"\n（右键可{'、'.join(labels)}）" if labels else ""))
        if texts:
            QToolTip.showText(event.globalPos(), "\n".join(texts), self)
        else:
            QToolTip.hideText()

    def span_cursor(self, span: Span) -> QTextCursor | None:
        doc = self.document()
        start = longpara.doc_position(doc, span.paragraph, span.start)
        end = longpara.doc_position(doc, span.last_paragraph, span.end)
        if start is None or end is None:
            return None
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def select_span(self, span: Span, focus: bool = True, related: tuple[Span, ...] = ()) -> None:
        """Select ``span`` and scroll to it; ``related`` spans (the other copy of a duplicate in
        this section) get a quiet outline until the selection moves."""
        cursor = self.span_cursor(span)
        if cursor is None:
            return
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._mark_related(related)
        if focus:
            self.setFocus()

    def _mark_related(self, spans: tuple[Span, ...]) -> None:
        marks = []
        for span in spans:
            cursor = self.span_cursor(span)
            if cursor is not None:
                mark = QTextEdit.ExtraSelection()
                mark.cursor = cursor  # type: ignore[attr-defined]
                mark.format.setBackground(Colors.TEXT_RELATED_BG)  # type: ignore[attr-defined]
                marks.append(mark)
        self.setExtraSelections(marks)

    def _clear_related(self) -> None:
        if self.extraSelections():
            self.setExtraSelections([])


class NarrativePage(QWidget):
    """Heading, formatting bar, the editor and a live character count."""

    message = Signal(str)

    def __init__(self, state: EditorState, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.key = key
        self.spec = SECTION_BY_KEY.get(key)
        self.editor = NarrativeEdit(state, key, self)
        self.editor.refused.connect(self.message)
        self.highlighter = self.editor.highlighter
        self.count = QLabel(self)
        self.kind_box = ChoiceBox(self)  # only a choice in its list applies (not the wheel, not ↑↓)
        for kind, name in KIND_NAMES.items():
            self.kind_box.addItem(name, kind)
        self.kind_box.setToolTip("当前段落的类型")
        self.kind_box.activated.connect(self._set_kind)
        self.style_buttons = self._style_buttons()
        self._build_layout()
        self.editor.textChanged.connect(self._update_count)
        self.editor.cursorPositionChanged.connect(self._sync_bar)
        self.editor.currentCharFormatChanged.connect(lambda _fmt: self._sync_bar())
        state.changed.connect(self._changed)
        self._update_count()
        if key == PROBLEMS:  # asks how last year's problems were dealt with: a placeholder, not text
            self._update_prompt()

    def _changed(self, change: Change) -> None:
        if change.report or change.findings:  # findings: the length finding dismissed or restored
            self._update_count()
        if self.key == PROBLEMS and (change.report or change.last_year):
            self._update_prompt()

    def _update_prompt(self) -> None:
        from ui.last_year import section5_prompt

        self.editor.setPlaceholderText(section5_prompt(self.state.report))

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
            # A button's own shortcut clicks it with a short animation, so text typed right
            # after Ctrl+B would miss the style: an action applies it at once.
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, b=button: b.click())
            self.addAction(action)
            font = QFont(button.font())
            font.setBold(name == "bold")
            font.setItalic(name == "italic")
            font.setUnderline(name == "underline")
            button.setFont(font)
            button.clicked.connect(lambda on, n=name: self.apply_style(n, on))
            buttons[name] = button
        return buttons

    def _build_layout(self) -> None:
        heading = page_title(self.title(), self)
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
        while longpara.continues(block.blockFormat()) and block.previous().isValid():
            block = block.previous()  # a long paragraph's blocks all take its kind
        while block.isValid() and (block.position() <= end or longpara.continues(block.blockFormat())):
            c = QTextCursor(block)
            fmt = paraformat.block_format(kind, self.editor.document())
            if longpara.continues(block.blockFormat()):  # still part of its long paragraph
                fmt = longpara.continued_format(fmt)
            c.setBlockFormat(fmt)
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
        kind = paraformat.block_kind(self.editor.textCursor().blockFormat()) or ParaKind.BODY
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))

    def char_count(self) -> int:
        # What is not white space (str.split's), counted again only where the text changed.
        return richtext.visible_count(self.editor.document())

    def _update_count(self) -> None:
        n = self.char_count()
        limit = self.spec.max_chars if self.spec else None
        if limit is None:
            self.count.setText(f"{n} 字")
            return
        over = n > limit
        # The length finding dismissed (忽略此问题): the count says so and is red no more — a
        # dismissed finding colours nothing, as it leaves the counts and the marks.
        excused = over and self.length_dismissed()
        self.count.setText(f"{n}/{limit} 字" + ("（超出篇幅要求，已忽略）" if excused else "（超出篇幅要求）" if over else ""))
        sheet = f"color: {Colors.ERROR.name()};" if over and not excused else ""
        if self.count.styleSheet() != sheet:  # setting one restyles the label: not on every key
            self.count.setStyleSheet(sheet)

    def length_dismissed(self) -> bool:
        """Whether this section's length finding is among the dismissed (SECTION1-TOO-LONG)."""
        return any(f.declared is SECTION1_TOO_LONG and f.location.section == self.key for f, _ in self.state.dismissed)

    def show_finding(self, finding: Finding, focus: bool = True) -> None:
        show_in_text(self.editor, finding.location, focus)

    def show_location(self, location: Location, focus: bool = True) -> None:
        show_in_text(self.editor, location, focus)

    def select_cells(self, cells: tuple[CellRef, ...], focus: bool = True) -> bool:
        return False

    def text_edit(self) -> NarrativeEdit:
        return self.editor

    def grid(self) -> None:
        return None


def show_in_text(editor: NarrativeEdit, location: Location, focus: bool) -> None:
    """Select a location's span and scroll to it; the other copy of a duplicate in the same
    section is marked too, so both are seen at once."""
    if location.span is None:
        if focus:
            editor.setFocus()
        return
    related = tuple(o.span for o in location.others if o.section == editor.key and o.span is not None)
    editor.select_span(location.span, focus, related)


def _inside(span: Span, paragraph: int, pos: int) -> bool:
    """Whether a cursor position lies in a span (which may run over several paragraphs)."""
    if not span.paragraph <= paragraph <= span.last_paragraph:
        return False
    after_start = paragraph > span.paragraph or pos >= span.start
    before_end = paragraph < span.last_paragraph or pos < span.end
    return after_start and before_end
