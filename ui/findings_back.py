"""Esc in the text that Enter on a finding went to: the keyboard back in the findings list
(ui/findings.py), the same finding chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from ui.findings import FindingsPanel


class BackToList(QObject):
    """Esc in the text that Enter on a finding went to: the focus back in the list, the same
    finding chosen.  Given up once the focus leaves that text otherwise (a menu or another
    window only passes over it): Esc elsewhere keeps its own meaning."""

    def __init__(self, editor: QWidget, panel: FindingsPanel) -> None:
        super().__init__(panel)
        self.editor, self.panel = editor, panel
        editor.installEventFilter(self)

    def cancel(self) -> None:
        self.editor.removeEventFilter(self)
        if self.panel.back is self:
            self.panel.back = None
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel()
            self.panel.message.emit("")  # what it said of the text no longer applies
            self.panel.view.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) \
                and event.reason() not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
            self.cancel()
        return False
