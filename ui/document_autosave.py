"""The recovery copy of the open report (ui/documents.py's DocumentController, of which this
is a base class): written by a worker thread from a snapshot a moment after an edit, deleted
when nothing is left unsaved.  When it is due (the timer's arithmetic) is the controller's
``_changed``; offering the copies of crashed editors is the controller's too.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal

from app.report import Report
from ui.autosave import Recovery, Slot, new_slot
from ui.reads import BackgroundReads

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.state import EditorState


class AutosavedDocument(BackgroundReads):
    """The recovery copy's writing: its slot, its timer and its worker thread."""

    _written = Signal(str)  # a recovery copy was written ("") or why not

    def __init__(self, state: EditorState, window: QWidget, autosave_dir: Path) -> None:
        super().__init__(window)
        self.state = state
        self.window = window
        self.autosave_dir = autosave_dir
        self._slot: Slot | None = None  # this document's recovery copy, made at the first edit
        self._writer: threading.Thread | None = None
        self._again = False  # edited while a copy was being written
        self._due_since: float | None = None  # the first edit not yet in the copy
        self._written.connect(self._after_write)  # queued: the worker thread emits it
        state.stack.indexChanged.connect(self._changed)
        state.textEdited.connect(self._changed)
        state.entriesChanged.connect(self._entries_changed)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(lambda: self.autosave(background=True))

    # -- the document controller's (ui/documents.py) ---------------------------------------------
    def _changed(self) -> None:
        raise NotImplementedError

    def _info(self) -> Recovery:
        raise NotImplementedError

    # -- the recovery copy ------------------------------------------------------------------------
    def _entries_changed(self) -> None:
        """A cell editor closed or a refused entry went: with nothing left unsaved the copy goes
        now (a crash a moment later must not offer what was given up), else it follows as after
        an edit, without the entries given up."""
        if self._slot is not None and not self._unsaved():
            self.autosave(background=True)
        else:
            self._changed()

    def _unsaved(self) -> bool:
        # typed, not entered, too: a grid's entries, a field's refused text
        return self.state.is_modified() or bool(self.state.open_entries()) or bool(self.state.field_entries())

    @property
    def autosave_file(self) -> Path | None:
        """This document's recovery copy (None until the first one is written)."""
        return self._slot.copy if self._slot is not None else None

    def autosave(self, background: bool = False) -> bool:
        """Write the recovery copy now if anything is unsaved.  ``background``: the copy is
        written by a worker thread from a snapshot (a report is written in ~0.1 s: never on
        the typing path); a call while one is being written waits for it to end."""
        self._due_since = None
        self.timer.stop()
        if self._writer is not None and self._writer.is_alive():
            if background:  # one at a time: the next starts when this one ends
                self._again = True
                return False
            self._writer.join()
        if not self._unsaved():
            if self._slot is not None:
                self._slot.discard()  # back to the saved state (undone): nothing to recover
                self._slot = None
            return False
        try:
            if self._slot is None:
                self._slot = new_slot(self.autosave_dir)
        except OSError as e:  # the folder cannot be made or written: say so, the edit goes on
            from app.errors import os_words  # the system's English reason, in Chinese words

            self.message.emit(f"自动保存失败：无法写入自动保存文件夹 {self.autosave_dir}（{os_words(e)}）")
            return False
        slot, report, info = self._slot, self.state.snapshot(), self._info()
        if background:
            self._writer = threading.Thread(target=self._write, args=(slot, report, info), daemon=True)
            self._writer.start()
            return True
        return self._write(slot, report, info)

    def _write(self, slot: Slot, report: Report, info: Recovery) -> bool:
        try:
            slot.write(report, info)
        except OSError as e:  # the folder gone bad since (its permissions taken, a file in its place):
            from app.errors import os_words  # the slot's look and remaking said the system's English

            self._written.emit(f"自动保存失败：无法写入自动保存文件夹 {self.autosave_dir}（{os_words(e)}）")
            return False
        except Exception as e:  # a timer or a worker: it must never raise into Qt
            from ui.crashlog import log_unexpected

            log_unexpected("自动保存失败", e)
            self._written.emit(f"自动保存失败：{e}")
            return False
        self._written.emit("")
        return True

    def _after_write(self, problem: str) -> None:
        if problem:
            self.message.emit(problem)
        if self._again:
            self._again = False
            self._changed()

    def clear_autosave(self) -> None:
        """After a clean save, open, new or exit there is nothing to restore."""
        self.timer.stop()
        self._due_since = None
        self._again = False
        if self._writer is not None:
            self._writer.join()  # a copy being written would outlive the clean state
            self._writer = None
        if self._slot is not None:
            self._slot.discard()
            self._slot = None
