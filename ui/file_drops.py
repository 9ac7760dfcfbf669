"""A file dragged from a file manager opens, wherever in the window it is dropped.

Text widgets take any drag that carries text, and a file manager's drag carries the file's URL
as text too: dropped on a field or a section it typed ``file:///…/x.docx`` into the report.  Our
text widgets decline such drags, so Qt offers the drag to their parents, up to the window, which
opens the file (``MainWindow.dropEvent``).  Plain text, and a browser's web link, still insert.
One event filter per widget that needs it, never one on the application: that one would see
every event of the program.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QWidget

_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def carries_files(mime: QMimeData) -> bool:
    """Whether ``mime`` is a drag (or a copy) of files on this computer."""
    return mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())


class _PassFileDrops(QObject):
    """Ignores a drag of files on the widget it watches: Qt then offers it to the parents."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _DRAG_EVENTS and isinstance(event, QDropEvent) and carries_files(event.mimeData()):
            event.ignore()
            return True  # not handled here: QApplication passes an ignored drag to the parent
        return False


def pass_file_drops(widget: QWidget) -> None:
    """Make ``widget`` and the line edits inside it (a spin box's, a date field's) leave a dropped
    file to the window."""
    for target in (widget, *widget.findChildren(QLineEdit)):
        target.installEventFilter(_PassFileDrops(target))


def dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files and folders a drag carries (none from a web page's links)."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
