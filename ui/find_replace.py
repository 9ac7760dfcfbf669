"""编辑 → 查找… (Ctrl+F) and 替换… (Ctrl+H) over 基本信息's 机关名称 and every text pane, as in
Word: next and previous (wrapping round), the match count, the pane and paragraph of the match
shown and selected, 替换 and 全部替换 (one undo step over all panes).  The matching is
app.search's; this module shows it and edits through the window's undo stack."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
)
from shiboken6 import isValid

from app.findings import Location, Span
from app.schema import ALL_TEXT_KEYS, META
from app.search import Match, find_all, next_match, pattern
from ui import context_keys
from ui.change import Change
from ui.commands import SetMetaCommand
from ui.kept_on_screen import kept_on_screen
from ui.pages import BasicInfoPage

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PAGES: tuple[str, ...] = (META, *ALL_TEXT_KEYS)  # the navigation's order
_REPLACE_ENTRY = itertools.count(-1, -1)  # a replacement in 机关名称 never merges with typing


class FindReplaceDialog(QDialog):
    """One non-modal dialog per window; the find field keeps its text between uses."""

    def __init__(self, win: MainWindow) -> None:
        super().__init__(win)
        self.win = win
        self.state = win.state
        self.setWindowTitle("查找和替换")
        context_keys.install(self)  # Shift+F10 in its boxes, as in the window
        kept_on_screen(self)
        self.find_edit = QLineEdit(self)
        self.replace_edit = QLineEdit(self)
        self.case = QCheckBox("区分大小写", self)
        self.status = QLabel(" ", self)
        self.status.setMinimumWidth(320)
        self.btn_prev = QPushButton("查找上一个(&B)", self)
        self.btn_next = QPushButton("查找下一个(&F)", self)
        self.btn_replace = QPushButton("替换(&R)", self)
        self.btn_all = QPushButton("全部替换(&A)", self)
        self.current: Match | None = None
        self._resume: tuple[int, int, int] | None = None  # after a replacement: go on from here
        # The last 全部替换 while its message shows: (stack index after it, its step's name, how
        # many, the window's message).  Undone or followed by any edit, the message must go.
        self._replaced: tuple[int, str, int, str] | None = None
        self._build()
        self.btn_next.clicked.connect(lambda: self.find_next())
        self.btn_prev.clicked.connect(lambda: self.find_next(backward=True))
        self.btn_replace.clicked.connect(self.replace_one)
        self.btn_all.clicked.connect(self.replace_all)
        self.find_edit.textChanged.connect(self._needle_changed)
        self.case.toggled.connect(self._needle_changed)
        self.find_edit.returnPressed.connect(lambda: self.find_next())
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.state.changed.connect(self._changed)
        self.state.stack.indexChanged.connect(self._stack_moved)

    def _build(self) -> None:
        grid = QGridLayout(self)
        self.find_label = QLabel("查找内容：", self)
        self.replace_label = QLabel("替换为：", self)
        grid.addWidget(self.find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.case, 2, 1)
        buttons = QHBoxLayout()
        for b in (self.btn_prev, self.btn_next, self.btn_replace, self.btn_all):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        grid.addLayout(buttons, 3, 0, 1, 2)
        grid.addWidget(self.status, 4, 0, 1, 2)
        self.find_edit.setMinimumWidth(300)

    # -- opening --------------------------------------------------------------------------------
    def open_find(self, replace: bool = False) -> None:
        """Shown in find or replace mode, with the text selected in the pane as the query."""
        selected = self._selected_text()
        for w in (self.replace_label, self.replace_edit, self.btn_replace, self.btn_all):
            w.setVisible(replace)
        self.setWindowTitle("替换" if replace else "查找")
        if selected:
            self.find_edit.setText(selected)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._show_count()

    @staticmethod
    def _selected_text() -> str:
        from PySide6.QtWidgets import QTextEdit  # here: Qt's text classes are not start-up's

        from ui import longpara

        widget = QApplication.focusWidget()
        if isinstance(widget, QTextEdit):
            cursor = widget.textCursor()
            text = cursor.selectedText()
            if widget.document().property(longpara.CHUNKED) and 0 < len(text) <= 101:
                # A long paragraph's blocks meet in the selection: one paragraph's text, no break.
                paragraphs = longpara.selection_paragraphs(cursor)
                text = paragraphs[0].text if len(paragraphs) == 1 else ""
        elif isinstance(widget, QLineEdit):
            text = widget.selectedText()
        else:
            return ""
        return text if text and "\u2029" not in text and len(text) <= 100 else ""

    # -- finding --------------------------------------------------------------------------------
    def texts(self) -> list[list[str]]:
        """The live text of each page in PAGES order (the panes' documents, not the last sync)."""
        from ui import longpara  # Qt's text classes: not on the start's path

        out: list[list[str]] = [[self.state.report.organ]]
        for key in ALL_TEXT_KEYS:
            out.append(longpara.paragraph_texts(self.state.document(key)))  # a long paragraph whole
        return out

    def matches(self) -> list[Match]:
        return find_all(self.texts(), self.find_edit.text(), self.case.isChecked())

    def find_next(self, backward: bool = False) -> Match | None:
        matches = self.matches()
        if not matches:
            self.current = None
            self.status.setText(f"未找到“{self.find_edit.text()}”" if self.find_edit.text() else "请输入要查找的内容")
            return None
        here = self._here(backward)
        self._resume = None
        i = next_match(matches, here, backward)
        assert i is not None
        m = matches[i]
        wrapped = here is not None and ((m.place, m.paragraph, m.start) < here if not backward
                                        else (m.place, m.paragraph, m.start) >= here)
        self.current = m
        self._select(m)
        where = _describe(m)
        note = "（已从头开始）" if wrapped and not backward else "（已从末尾开始）" if wrapped else ""
        self.status.setText(f"第 {i + 1} 处，共 {len(matches)} 处 · {where}{note}")
        return m

    def _here(self, backward: bool) -> tuple[int, int, int] | None:
        """Where the search goes on from: just past the current match, else the cursor."""
        if self._resume is not None and not backward:
            return self._resume
        if self.current is not None:
            c = self.current
            return (c.place, c.paragraph, c.start if backward else c.start + 1)
        key = self.win.current_key()
        page = self.win.pages.get(key) if key in ALL_TEXT_KEYS else None
        editor = page.text_edit() if page is not None else None
        if editor is not None:
            from ui import longpara

            cursor = editor.textCursor()
            return (PAGES.index(key), *longpara.to_paragraph(editor.document(), cursor.blockNumber(), cursor.positionInBlock()))
        return None

    def _select(self, m: Match) -> None:
        key = PAGES[m.place]
        page = self.win.show_page(key)
        editor = page.text_edit()
        if isinstance(page, BasicInfoPage):
            page.organ.setSelection(m.start, m.end - m.start)
        elif editor is not None:
            editor.setVisible(True)  # a table page's lead-in text, which may be folded away
            editor.select_span(Span(m.paragraph, m.start, m.end), focus=False)
            self._keep_clear(editor)

    def _keep_clear(self, editor: QTextEdit) -> None:
        """The match's line in the middle of the text, and the dialog moved off it, above or below
        (as Word's does): on a small screen (1366×768 at 150 %) the dialog covered three quarters
        of the text and each match came onto its last line, half cut, its sentence under the
        dialog (rev25c Z2)."""
        cursor = editor.textCursor()
        start = QTextCursor(cursor)
        start.setPosition(cursor.selectionStart())
        bar = editor.verticalScrollBar()
        bar.setValue(bar.value() + editor.cursorRect(start).center().y() - editor.viewport().height() // 2)
        line = editor.cursorRect(start).united(editor.cursorRect(cursor))
        shown = QRect(editor.viewport().mapToGlobal(line.topLeft()), line.size()).adjusted(0, -4, 0, 4)
        frame = self.frameGeometry()
        if not self.isVisible() or not frame.intersects(shown):
            return
        screen = (self.screen() or editor.screen()).availableGeometry()
        below, above = shown.bottom() + 1, shown.top() - frame.height()
        top = below if below + frame.height() <= screen.bottom() + 1 or above < screen.top() else above
        self.move(frame.left(), max(screen.top(), min(top, screen.bottom() + 1 - frame.height())))

    def _needle_changed(self) -> None:
        self._forget()
        self._show_count()

    def _show_count(self) -> None:
        if not self.find_edit.text():
            self.status.setText(" ")
            return
        n = len(self.matches())
        self.status.setText(f"共 {n} 处" if n else f"未找到“{self.find_edit.text()}”")

    def _changed(self, change: Change) -> None:
        if change.report:
            self._forget()

    def _forget(self) -> None:
        self.current = None
        self._resume = None

    # -- replacing ------------------------------------------------------------------------------
    def replace_one(self) -> None:
        """Replace the match being shown (if it is still there), then show the next one."""
        m = self.current
        if m is not None and m in self.matches():
            self._replace(m.place, [m], "替换")
            self.current = None  # the text after it moved: go on from the end of what was put in
            self._resume = (m.place, m.paragraph, m.start + len(self.replace_edit.text()))
        self.find_next()

    def replace_all(self) -> int:
        matches = self.matches()
        if not matches:
            self.status.setText(f"未找到“{self.find_edit.text()}”")
            return 0
        from ui.window_commands import busy

        stack = self.state.stack
        label = f"全部替换“{self.find_edit.text()}”"
        self._replaced = None
        self.status.setText(f"正在替换 {len(matches)} 处…")
        self.status.repaint()  # seen before the work holds the window up
        with busy():
            stack.beginMacro(label)
            try:
                for place, group in itertools.groupby(matches, key=lambda m: m.place):
                    self._replace(place, list(group), "全部替换", check=False)
            finally:
                stack.endMacro()
                self.state.check_soon()  # once for every page replaced in, not once each
        self._forget()
        message = f"已全部替换 {len(matches)} 处"
        self.status.setText(f"已替换 {len(matches)} 处（可一次撤销）")
        self.win.show_message(message)
        self._replaced = (stack.index(), label, len(matches), message)
        return len(matches)

    def _stack_moved(self, index: int) -> None:
        """After 全部替换, the next move of the undo stack: its undo says 已撤销 (and its redo
        已重做); any other edit leaves the count of what is there now.  The window's 已全部替换
        goes either way: it no longer describes the document."""
        done = self._replaced
        if done is None or not isValid(self.win):  # the window torn down: its stack empties as it goes
            return
        after, label, n, message = done
        bar = self.win.statusBar()
        if bar.currentMessage() == message:
            bar.clearMessage()
        stack = self.state.stack
        ours = stack.count() >= after and stack.text(after - 1) == label
        if ours and index == after - 1:
            self.status.setText(f"已撤销全部替换（{n} 处）" + self._count_note())
        elif ours and index == after:
            self.status.setText(f"已重做全部替换（{n} 处）" + self._count_note())
        else:
            self._replaced = None
            self._show_count()

    def _count_note(self) -> str:
        n = len(self.matches()) if self.find_edit.text() else 0
        return f"；现有 {n} 处“{self.find_edit.text()}”" if n else ""

    def _replace(self, place: int, matches: Sequence[Match], label: str, check: bool = True) -> None:
        new = self.replace_edit.text()
        key = PAGES[place]
        if key == META:
            pat = pattern(self.find_edit.text(), self.case.isChecked())
            assert pat is not None
            organ = self.state.report.organ
            starts = {m.start for m in matches}
            text = pat.sub(lambda mo: new if mo.start() in starts else mo.group(), organ)
            self.state.stack.push(SetMetaCommand(self.state, "organ", text, next(_REPLACE_ENTRY)))
            return

        from PySide6.QtGui import QTextCursor

        from ui import longpara

        keep = QTextCursor.MoveMode.KeepAnchor
        ordered = sorted(matches, key=lambda m: (m.paragraph, m.start))  # (a tuple each: 33,000 compared fast)

        def edit(cursor: QTextCursor) -> None:
            doc = cursor.document()
            if doc.property(longpara.CHUNKED):
                # Paragraph offsets to document positions (a match may cross the blocks of a long
                # paragraph), all before the first edit; replaced from the end, earlier ones stay valid.
                spans = [(longpara.doc_position(doc, m.paragraph, m.start), longpara.doc_position(doc, m.paragraph, m.end))
                         for m in ordered]
                for start, end in reversed(spans):
                    if start is None or end is None:
                        continue
                    cursor.setPosition(start)
                    cursor.setPosition(end, keep)
                    longpara.remove_selection(cursor)  # the paragraph breaks as they were
                    cursor.insertText(new)
                return
            # A block a paragraph: its position once, from the end (an edit moves only what follows).
            paragraph, base = -1, -1
            for m in reversed(ordered):
                if m.paragraph != paragraph:
                    paragraph, block = m.paragraph, doc.findBlockByNumber(m.paragraph)
                    base = block.position() if block.isValid() else -1
                if base < 0:
                    continue
                cursor.setPosition(base + m.start)
                cursor.setPosition(base + m.end, keep)
                cursor.removeSelectedText()  # first: the text put in takes the format before the match
                if new:
                    cursor.insertText(new)

        self.state.edit_text(key, label, edit, check=check)


def _describe(m: Match) -> str:
    key = PAGES[m.place]
    if key == META:
        return "基本信息·机关名称"
    return Location(key, span=Span(m.paragraph, m.start, m.end)).describe()

