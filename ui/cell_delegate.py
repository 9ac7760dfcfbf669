"""The editor a statutory grid's cell opens: frameless, centred, Enter entering at once, and
opened by typing, ← → entering and moving on, as in Excel/WPS.

Kept apart from the grid (ui/table_view.py) so that the keys of an open editor are read in one
place; ui/last_year.py paints last year's figures through a subclass of it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui.file_drops import pass_file_drops
from ui.table_model import StatutoryTableModel

ENTERED_UP = "enteredUp"  # an editor property: closed by Shift+Enter
TYPING = "typing"  # an editor property: opened by typing into the cell (Excel's “输入” mode)
_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right)


def is_block(text: str) -> bool:
    """Whether clipboard text holds more than one cell (a row or a column copied from Excel/WPS;
    one cell's copy ends in a line break alone)."""
    return "\t" in text or "\n" in text.rstrip("\r\n")


class CellEditor(QLineEdit):
    """The cell's editor; 编辑 → 粘贴 of a block goes to the grid, as Ctrl+V does (the delegate)."""

    def __init__(self, parent: QWidget, delegate: CellDelegate) -> None:
        super().__init__(parent)
        self.delegate = delegate

    def paste(self) -> None:
        if not self.delegate.paste_block(self):
            super().paste()


class CellDelegate(QStyledItemDelegate):
    """A frameless centred editor (painting stays in C++: a Python paint per cell is slow)."""

    _typed = False  # the event that may open the next editor is a typed character

    def editorEvent(self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> bool:
        """The view shows every event that may open an editor here first: a key with text opens
        it in typing mode, F2, a double-click or a click in edit mode."""
        typed = event.text() if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress else ""
        if isinstance(event, QInputMethodEvent):  # a full-width “１２” an input method commits
            typed = event.commitString()
        self._typed = bool(typed.strip())
        if self._typed:  # the view opens the editor at once if at all: a total, a label opens none,
            QTimer.singleShot(0, self._forget_typed)  # and a later edit(index) must not inherit it
        return super().editorEvent(event, model, option, index)

    def _forget_typed(self) -> None:
        self._typed = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = CellEditor(parent, self)
        editor.setProperty(TYPING, self._typed)
        self._typed = False
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setStyleSheet("QLineEdit { border: 2px solid #1a73e8; background: white; }")
        pass_file_drops(editor)  # a file dropped on the open editor opens, as on the grid
        model = index.model()
        if isinstance(model, StatutoryTableModel):  # a keystroke not yet entered is an edit to autosave
            editor.textEdited.connect(model.state.textEdited)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        """A cell whose entry was refused opens with that entry, selected, to correct it."""
        model = index.model()
        ref = model.ref(index) if isinstance(model, StatutoryTableModel) else None
        refusal = model.refusals.get(ref) if isinstance(model, StatutoryTableModel) and ref else None
        if refusal is not None and isinstance(editor, QLineEdit):
            editor.setText(refusal.typed)
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def paste_block(self, editor: QLineEdit) -> bool:
        """A row or block copied from Excel/WPS pasted into an open editor (a double-click, then
        Ctrl+V, as many do): pasted into the grid from this cell, the editor's text giving way to
        it as a cell's value does to a paste.  Into the editor it became one “4 5” refused (gui23)."""
        text = QGuiApplication.clipboard().text()
        view = self.parent()
        paste = getattr(view, "paste", None)
        if not is_block(text) or not callable(paste):
            return False
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        paste(text)
        return True

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Enter enters now: Qt's delegate commits only once the event loop comes back, and keys
        typed ahead (a fast typist, a busy window) reached this cell's editor, not the next cell.
        A block pasted goes to the grid (``paste_block``)."""
        if isinstance(editor, QLineEdit) and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.matches(QKeySequence.StandardKey.Paste) and self.paste_block(editor):
            return True
        if isinstance(editor, QLineEdit) and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Shift+Enter goes up, as in Excel/WPS and as on the grid without an editor; Qt's
            # close hints know only “the next item”, so the editor carries the direction.
            editor.setProperty(ENTERED_UP, bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        if isinstance(editor, QLineEdit) and editor.property(TYPING):
            if event.type() == QEvent.Type.MouseButtonPress:  # a click in the text: edit it there
                editor.setProperty(TYPING, False)
            elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
                if event.key() == Qt.Key.Key_F2:  # F2 switches to editing the text, as in Excel
                    editor.setProperty(TYPING, False)
                    return True
                if event.key() in _ARROWS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                    # 7 → 3 typed a 73 into one cell: ← → moved the cursor in the text instead.
                    view = self.parent()
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    if isinstance(view, QWidget):  # then the arrow as on the grid: skips merges
                        QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, event.key(), Qt.KeyboardModifier.NoModifier))
                    return True
        return super().eventFilter(editor, event)
