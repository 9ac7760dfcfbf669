"""The base of the window's command sets over the open document (ui/excel.py, ui/output.py,
ui/last_year.py): the state, the document controller, the window; and the wait cursor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app import names

if TYPE_CHECKING:
    from ui.documents import DocumentController
    from ui.state import EditorState


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor while the program works for a moment (reading, converting, exporting)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class WindowController(QObject):
    """A set of the window's commands over the open document (Excel, output, last year):
    dialogs are methods tests can replace; ``message`` goes to the status bar."""

    message = Signal(str)

    def __init__(self, state: EditorState, docs: DocumentController, window: QWidget) -> None:
        super().__init__(window)
        self.state = state
        self.docs = docs
        self.window = window

    def output_path(self, suffix: str) -> Path:
        """Beside the file the report came from, with its name (never that file itself: a PDF
        opened as last year's report is not overwritten by default); else the report's title."""
        source = self.docs.path or self.docs.source or self.docs.suggested
        if source is None:
            return Path(names.titled(self.state.report.file_stem, suffix))
        if source == self.docs.source:  # a name Windows takes, never the source itself
            return Path(names.beside(source, suffix))
        return Path(names.fit(source.parent, source.stem, suffix))
