"""The editor window of this program that already has a file, brought to the front.

Double-clicking a report in the batch list that an editor window of this same program has open
asked “已在另一个编辑器中打开…只读打开/仍然打开/取消”, naming this very user and computer (GUI
tester, session 12): the owner file was ours.  As Word and WPS switch to the window that has
a document opened again, the batch list shows that window instead; a second window on one file
would hold two versions, the later save overwriting the other's work.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from ui.documents import DocumentController
from ui.owner_lock import same_file


def editor_with(path: Path) -> QWidget | None:
    """The visible window of this process showing ``path`` or reading it now (its owner file is
    this window's), or the file it was read from when it has none (a read-only folder, another
    program's file opened to be saved as a .docx beside it)."""
    for window in QApplication.topLevelWidgets():
        docs = getattr(window, "docs", None)
        if not isinstance(docs, DocumentController) or not window.isVisible():
            continue
        if docs.locks.holds(path) or docs.locks.claiming(path):
            return window
        if any(same_file(shown, path) for shown in (docs.path, docs.source)):
            return window
    return None


def front_editor_with(path: Path) -> QWidget | None:
    """``editor_with(path)`` shown above the others and given the keyboard, restored if
    minimised (a maximised one stays so); None: no window of ours has it."""
    window = editor_with(path)
    if window is None:
        return None
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()
    return window
