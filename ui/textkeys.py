"""What keys do in a narrative pane beyond Qt's own: Up and Down over a selection collapse it as
Word/WPS do, and Backspace/Delete where a long paragraph's blocks meet remove a character of
the paragraph (ui/longpara.py), not the break between blocks the user does not see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QTextEdit

from ui import longpara


def collapse_before_line_move(edit: QTextEdit, event: QKeyEvent) -> None:
    """Up (Down) with a selection: the caret first goes to the selection's start (end), then
    Qt's move goes a line up (down) from there.  Qt moves from where the caret stands and, on
    the first (last) line, not at all: the selection stayed, and Enter typed next replaced it
    (the GUI tester's passage, selected by Enter on a finding, lost to a paragraph break)."""
    up = event.matches(QKeySequence.StandardKey.MoveToPreviousLine)
    if not (up or event.matches(QKeySequence.StandardKey.MoveToNextLine)):
        return
    cursor = edit.textCursor()
    if not cursor.hasSelection():
        return
    cursor.setPosition(cursor.selectionStart() if up else cursor.selectionEnd())
    edit.setTextCursor(cursor)


def delete_across_blocks(edit: QTextEdit, event: QKeyEvent) -> bool:
    """Backspace at the start of a block continuing a long paragraph, Delete at the end of
    one continued by the next: the character before (after) in the paragraph goes, as in
    one block, not only the break between blocks that the user does not see."""
    cursor = edit.textCursor()
    if cursor.hasSelection() or not edit.document().property(longpara.CHUNKED):
        return False
    back = event.key() == Qt.Key.Key_Backspace and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
    if back:
        span = longpara.previous_character(cursor)
    elif event.matches(QKeySequence.StandardKey.Delete):
        span = longpara.next_character(cursor)
    else:
        return False
    if span is None:
        return False
    removal = QTextCursor(edit.document())
    removal.setPosition(span[0])
    removal.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    removal.beginEditBlock()
    longpara.remove_selection(removal)
    removal.endEditBlock()
    edit.ensureCursorVisible()  # the caret stays where it was, between the same characters
    return True
