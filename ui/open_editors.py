"""The editor window of this program that already has a file, brought to the front.

Opening a file that an editor window of this same program has open asked “已在另一个编辑器中
打开…只读打开/仍然打开/取消”, naming this very user and computer (GUI tester, session 12): the owner
file was ours.  As Word and WPS switch to the window that has a document opened again, every
way of opening a file — 打开…, 最近打开, a file dropped on a window, the batch list — shows that
window instead, and says so in its status bar; a second window on one file would hold two
versions, the later save overwriting the other's work.  Another process's owner file (a second
instance, another user) is still asked about (ui/reads.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.names import same_file
from ui.owner_lock import OwnerLocks

if TYPE_CHECKING:  # never imported: ui/reads.py, which DocumentController is built on, asks this module
    from ui.documents import DocumentController


def editor_with(path: Path, besides: QWidget | None = None) -> QWidget | None:
    """The visible window of this process (other than ``besides``) that has ``path``."""
    found = _editor_with(path, besides)
    return found[0] if found is not None else None


def _editor_with(path: Path, besides: QWidget | None) -> tuple[QWidget, DocumentController] | None:
    """The visible window of this process (other than ``besides``) showing ``path`` or reading
    it now (its owner file is this window's), or the file it was read from when it has none (a
    read-only folder, another program's file opened to be saved as a .docx beside it)."""
    for window in QApplication.topLevelWidgets():
        found = getattr(window, "docs", None)
        # an editor window's DocumentController: the one kind of window with an owner file
        if window is besides or not isinstance(getattr(found, "locks", None), OwnerLocks) or not window.isVisible():
            continue
        docs = cast("DocumentController", found)
        if docs.locks.holds(path) or docs.locks.claiming(path):
            return window, docs
        if any(same_file(shown, path) for shown in (docs.path, docs.source)):
            return window, docs
    return None


def front_editor_with(path: Path, besides: QWidget | None = None, why: str = "") -> QWidget | None:
    """``editor_with(path, besides)`` shown above the others and given the keyboard, restored
    if minimised (one maximised before stays so), its status bar saying why it came forward
    (``why``, else that the file is open there already); None: no other window of ours has it."""
    found = _editor_with(path, besides)
    if found is None:
        return None
    window, docs = found
    if window.isMinimized():  # the state without its minimised flag: a maximised window comes back maximised
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
    window.raise_()
    window.activateWindow()
    docs.message.emit(why or f"{path.name} 已在此窗口中打开（未再打开一份）")
    return window
