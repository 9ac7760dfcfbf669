"""What the editor's open and save dialogs leave out (ui/filedialogs.py): the files beside
reports that are none — Word's, WPS's and LibreOffice's owner and temporary files, this program's
owner files — neither a report to open nor a name to save over; and in the save dialog this
program's backups (app/ownfiles.hidden_in_dialogs: 打开 lists them, a way back to what a save
overwrote).  Qt's own dialog only (统信UOS/麒麟 without a platform theme): a native one lists what
the system shows.

Their rows are hidden in the dialog's views, not filtered by a proxy model: QFileDialog takes a
proxy only before it is shown, and the static getOpenFileName / getSaveFileName show it at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QListView, QTreeView

from app.ownfiles import hidden_in_dialogs


def leave_out(dialog: QFileDialog) -> None:
    """The rows of such files hidden in ``dialog``'s list and detail views: those listed now and
    those that come as a folder loads or is entered (each file asked once)."""
    if getattr(dialog, "_leaving_out", False):
        return
    model = dialog.findChild(QFileSystemModel)
    if model is None:
        return
    dialog._leaving_out = True  # type: ignore[attr-defined]
    saving = dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave  # 打开 lists our backups
    lists = [v for v in dialog.findChildren(QListView) if v.model() is model]
    trees = [v for v in dialog.findChildren(QTreeView) if v.model() is model]
    asked: dict[str, bool] = {}

    def hide_in(parent: QModelIndex | QPersistentModelIndex, first: int = 0, last: int | None = None) -> None:
        for row in range(first, model.rowCount(parent) if last is None else last + 1):
            index = model.index(row, 0, parent)
            if model.isDir(index):
                continue
            path = model.filePath(index)
            hidden = asked.get(path)
            if hidden is None:
                hidden = asked[path] = hidden_in_dialogs(Path(path), saving=saving)
            if not hidden:
                continue
            for tree in trees:
                tree.setRowHidden(row, parent, True)
            for view in lists:
                if view.rootIndex() == parent:
                    view.setRowHidden(row, True)

    def shown_folder() -> None:
        # A list view entering a folder forgets its hidden rows: the folder's rows again.
        hide_in(model.index(dialog.directory().absolutePath()))

    model.rowsInserted.connect(hide_in)
    model.directoryLoaded.connect(lambda _path: QTimer.singleShot(0, dialog, shown_folder))
    dialog.directoryEntered.connect(lambda _path: QTimer.singleShot(0, dialog, shown_folder))
    shown_folder()
