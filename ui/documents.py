"""New, open, save, save as and autosave for the one open report.

Saving is atomic: the report is written to a temporary file in the target's folder, the
previous version is kept as ``<name>.bak.docx``, then the temporary file replaces the target.
A failed save says why in one Chinese message and leaves the document open and unsaved.  The
questions and messages are ui/questions.py's, the recent files ui/recent.py's, the reads
ui/reads.py's and the recovery copy's writing ui/document_autosave.py's (base classes).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import QWidget

import app.io as app_io
import app.lock as app_lock
import app.ownfiles as ownfiles
from app.findings import Finding, Location
from app.names import absolute, exists, is_folder, same_file, shown_name
from app.report import Report
from app.schema import META, CellRef
from ui import filedialogs, questions
from ui.autosave import Recovery, Slot, crashed_slots
from ui.document_autosave import AutosavedDocument
from ui.owner_lock import OwnerLocks
from ui.recent import RecentFiles
from ui.state import EditorState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from app.office_owner import OtherProgram

AUTOSAVE_PAUSE_MS = 2_000  # the recovery copy is written this long after typing pauses
AUTOSAVE_MAX_WAIT_MS = 4_000  # or this long after the first unsaved edit while typing goes on
FILE_FILTER = "Word 文档 (*.docx)"  # what we save
OPEN_FILTER = filedialogs.OPEN_FILTER


def backup_path(path: Path) -> Path:
    # named by app/ownfiles.py, so that a reviewer's batch knows it for ours and passes it over
    return path.with_name(ownfiles.backup_name(path.name))


def atomic_save(report: Report, path: Path, keep_backup: bool = True) -> None:
    """Save through a temporary file beside ``path``, keeping the old file as a backup."""
    app_io.save_report(report, path, backup_path(path) if keep_backup else None)


@dataclass
class Document:
    """What a window switches to: a new, an opened, a recovered or a rolled-over report.  Every
    one goes through ``DocumentController.switch_to``, so the previous document's lock, recovery
    copy and read-only flag are let go the same way whichever command replaced it."""

    report: Report
    path: Path | None = None  # our own .docx: saved in place
    source: Path | None = None  # the file it came from when saving must not write over it
    read_only: bool = False  # another editor has the file (the title says 只读)
    restored: bool = False  # unsaved from the start (a recovered copy, a rollover)
    findings: list[Finding] | None = None  # run_all's for this report, when known
    stamp: tuple[int, int] | None = None  # ``path`` on disk as this report last saw it
    claimed: Path | None = None  # the file whose lock was claimed for this document
    slot: Slot | None = None  # its recovery copy already (a recovered document)


class DocumentController(AutosavedDocument):
    """File operations of the window; dialogs go through small methods tests can replace."""

    pathChanged = Signal()

    def __init__(self, state: EditorState, window: QWidget, autosave_dir: Path | None = None) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        super().__init__(state, window, autosave_dir or Path(folder))
        self.path: Path | None = None
        # Opened from a .doc/.xlsx/.html/.txt: saving writes a .docx beside it, never over it.
        self.suggested: Path | None = None
        self.source: Path | None = None  # that file (kept in a recovery copy's description)
        # The file as this window last read or wrote it (mtime, size): a save over a file that
        # another editor or program changed since then asks first instead of losing its work.
        self._disk_stamp: tuple[int, int] | None = None
        # A recovered document beyond the first opens in a window the program provides.
        self.restore_elsewhere: Callable[[Slot, Report, Recovery], None] | None = None
        self.restore_round: list[Recovery] = []  # the crashed documents offered at this start
        # The copies answered 以后再说 at this start (with BackgroundReads.start_file).
        self.postponed: set[str] = set()
        # A screenshot run (a script waiting) never asks about, locks or touches the user's copies.
        self.offer_copies = True
        self.read_only = False  # opened read-only: another editor has the file (the title says so)
        self.unwritable: app_io.Unwritable | None = None  # why the file cannot be saved where it is
        self.recent_files = RecentFiles(self)  # written a moment after an open or save
        self.locks = OwnerLocks(self)  # the owner file: another editor opening the file asks first
        self._then = ""  # what replaces the report if the save question is answered (maybe_save's)

    # -- questions (ui/questions.py; replaced in tests) -----------------------------------------
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        return questions.ask_save_changes(self.window, self.display_name(), self._then)

    def display_name(self) -> str:  # the window title's name too
        return questions.report_name(self.path or self.source or self.suggested, self.state.report)

    def ask_open_path(self) -> str:
        """Starts in the folder of the report open here (however it was opened), else in the
        folder of the file this window opened last, else in the one any dialog used last."""
        current = self.path or self.source
        start = current.absolute().parent if current is not None else self.recent_files.folder()
        return filedialogs.get_open_path(self.window, "打开报告", start=start if start and is_folder(start) else None)

    def ask_save_path(self) -> str:
        suggested = (questions.save_elsewhere(self.path, self.unwritable) or self.path or self.suggested
                     or questions.titled_docx(self.state.report.file_stem))
        return filedialogs.get_save_path(self.window, "另存为", suggested, FILE_FILTER)

    def ask_overwrite_changed(self, path: Path) -> str:
        return questions.ask_overwrite_changed(self.window, path)

    def ask_file_gone(self, path: Path) -> str:
        return questions.ask_file_gone(self.window, path)

    def ask_forget_recent(self, name: str) -> bool:
        return questions.ask_forget_recent(self.window, name)

    def ask_drop_refused(self, entries: list[tuple[CellRef, str]]) -> bool:
        return questions.ask_drop_refused(self.window, entries)

    def ask_drop_field(self, name: str, typed: str) -> bool:
        return questions.ask_drop_field(self.window, name, typed)

    def ask_locked(self, path: Path, owner: app_lock.Owner) -> str:
        return questions.ask_locked(self.window, path, owner)

    def ask_in_other_program(self, path: Path, other: OtherProgram) -> str:
        return questions.ask_in_other_program(self.window, path, other)

    def ask_save_in_other_program(self, path: Path, other: OtherProgram) -> str:
        return questions.ask_save_in_other_program(self.window, path, other)

    def show_error(self, title: str, text: str) -> None:
        questions.show_error(self.window, title, text)

    def show_warning(self, title: str, text: str) -> None:
        questions.show_warning(self.window, title, text)

    def ask_restore(self, info: Recovery) -> bool | None:
        return questions.ask_restore(self.window, info, self.restore_round)

    def ask_restore_many(self, infos: list[Recovery]) -> list[bool | None]:
        """One copy: its question; several: one list of them all (ui/recovery_choice.py)."""
        from ui.recovery_choice import ask_restore_many

        return [self.ask_restore(infos[0])] if len(infos) == 1 else ask_restore_many(self.window, infos)

    # -- commands -------------------------------------------------------------------------------
    def maybe_save(self, then: str = "") -> bool:
        """True when it is fine to drop the current report (saved, discarded, or unmodified).
        ``then``: what takes its place in this window, said in the question (closing says none)."""
        self._then = then
        try:
            return self._maybe_save()
        finally:
            self._then = ""

    def _maybe_save(self) -> bool:
        self.state.flush(findings=False)  # a save checks again; a report dropped needs none
        refused = self.state.open_entries()  # the flush closed every editor: the entries refused
        if refused and not self.ask_drop_refused(refused):
            self.state.show_location(Location(refused[0][0].table, (refused[0][0],)))  # back to it
            return False
        for name, typed in self.state.field_entries():  # 成文日期 typed and refused: asked alike
            if not self.ask_drop_field(name, typed):
                self.state.show_location(Location(META))  # back to it (基本信息 focuses the field)
                return False
        if not self.state.is_modified():
            return True
        save = questions.wants_save(self.ask_save_changes())
        return self.save() if save else save is False

    def new(self) -> bool:
        self._supersede_load()
        if not self.maybe_save("新建后，这个窗口中的报告将换成一份空白报告。"):
            return False
        self.switch_to(Document(Report()))
        return True

    def open(self, path: str | Path | None = None) -> bool:
        """Ask for a file, then about unsaved changes (naming the file that will replace the
        report: a drop made by mistake is seen for what it is), then read it in the background
        (the window shows 正在打开 with 取消 meanwhile).  True when the read has begun."""
        path = path or self.ask_open_path()  # first: 取消 in the dialog asks nothing more
        if not path:
            return False
        if self.shown_elsewhere(Path(path)):  # another window has it: this report stays, unasked
            return False
        # A read already under way had the user's word on the current report: not asked again.
        if self.loading is None and not self.maybe_save(questions.replaced_by(Path(path))):
            return False
        return self.load_in_background(Path(path)) is not None

    def _loaded(self, path: Path, report: Report, mode: str = "edit",
                findings: list[Finding] | None = None) -> None:
        # Another program's file is never overwritten unasked: saving asks where, and offers a
        # new name beside it (a .docx from Word/WPS keeps its original under its own name).
        # Opened read-only (another editor has it): the same.  Named first: the title says （只读）.
        ours = path.suffix.lower() == ".docx" and report.written_by_editor and mode != "read_only"
        self.switch_to(Document(report, path=path if ours else None, source=None if ours else path,
                                read_only=mode == "read_only", findings=findings,
                                stamp=app_io.disk_stamp(path) if ours else None, claimed=path))
        self.add_recent(path)
        if ours:
            note = ""
        elif path.suffix.lower() == ".docx":
            note = "（由其他软件生成：保存时会先询问保存位置）"
        else:  # a PDF, a spreadsheet, a web copy (ours or not): it becomes a .docx when saved
            note = f"（{path.suffix.lstrip('.').upper() or '该'}文件：保存时另存为 .docx）"
        if mode == "read_only":
            note = "（只读：文件正由他人编辑，保存时另存为新文件）"
        elif self.unwritable:  # as Word's [只读]
            note = f"（只读：{self.unwritable}，保存时另存为其他文件名或位置）"
        self.message.emit(f"已打开 {shown_name(path.name)}{note}")
        self._offer_copy_of(path)

    def ask_restore_opened(self, info: Recovery) -> bool | None:
        return questions.ask_restore_opened(self.window, info)

    def _offer_copy_of(self, path: Path) -> None:
        """The file just opened has a recovery copy no editor is using (以后再说 at a start, or
        its editor crashed since): offered now, as at the start — opened without a word, its
        unsaved edits sat unseen beside it while the same work was done again (from the GUI
        test).  Restored, the copy replaces what was read, as the start's 恢复 would have."""
        start_file, self.start_file = self.start_file, None
        if not self.offer_copies:
            return
        found: tuple[Slot, Recovery] | None = None
        for slot in crashed_slots(self.autosave_dir):  # each one locked: released unless it is this file's
            info = slot.info()
            if found is None and any(same_file(Path(p), path) for p in (info.path, info.source) if p):
                found = (slot, info)
            else:
                slot.release()
        if found is None:
            return
        slot, info = found
        if slot.stem in self.postponed and same_file(start_file, path):  # answered a moment ago
            slot.release()
            self.message.emit(f"已打开 {shown_name(path.name)}：上次没有保存的修改仍保留在自动保存的副本中，下次打开或启动时再询问")
            return
        answer = self.ask_restore_opened(info)
        if answer is None:
            slot.release()
            self.message.emit(f"已打开 {shown_name(path.name)}：自动保存的副本保留，下次打开或启动时再询问")
            return
        if not answer:
            slot.discard()
            return
        try:
            report = slot.read(info)
        except app_io.ReadError as e:
            self.show_error("无法恢复", f"{e}\n\n自动保存的副本保留在 {slot.copy}")
            slot.release()
            return
        self.adopt(slot, report, info)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        if self._disk_stamp is not None and app_io.disk_stamp(self.path) is None:
            # Renamed, moved or deleted since it was opened here: writing the old name would
            # silently make a second file the user does not know of.
            answer = self.ask_file_gone(self.path)
            if answer == "save_as":
                return self.save_as()
            if answer != "save_here":
                self.message.emit("未保存：原文件已不在原来的位置")
                return False
            return self.save_to(self.path)
        self.unwritable = app_io.unwritable_reason(self.path)  # made read-only since it was opened?
        if self.unwritable and not self.state.is_modified():  # nothing to keep: no alarm
            self.message.emit(f"没有需要保存的修改（{self.unwritable}）")
            return True
        if self.unwritable:  # as Word does with a read-only file: say why, then ask where
            self.show_error("文件是只读的", questions.save_read_only(self.path, self.unwritable))
            return self.save_as()
        if self._disk_stamp is not None and app_io.disk_stamp(self.path) not in (self._disk_stamp, None):
            answer = self.ask_overwrite_changed(self.path)
            if answer == "save_as":
                return self.save_as()
            if answer != "overwrite":
                self.message.emit("未保存：文件已被其他程序修改")
                return False
        return self.save_to(self.path)

    def save_as(self) -> bool:
        name = self.ask_save_path()
        if not name:
            return False
        path = Path(name) if name.lower().endswith(".docx") else Path(name + ".docx")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        owner = None if same_file(path, self.path) or self.locks.holds(path) else app_lock.live_owner(path)
        if owner is not None:
            self.show_error("保存失败", questions.save_over_other_editor(path, owner))
            self.message.emit("未保存：文件正由他人编辑")
            return False
        answer = self._over_other_program(path)
        if answer == "save_as":
            return self.save_as()
        if answer != "save":
            self.message.emit(f"未保存：文件似乎正在 {answer} 中打开")
            return False
        self.state.flush()
        if self._writer is not None:
            self._writer.join()  # one write at a time: the recovery copy's writer finishes first
        from app import import_notes  # here: not on the start path

        try:
            atomic_save(import_notes.for_saving(self.state.report), path)
        except Exception as e:  # WriteError says why; anything else is still one message
            from ui.crashlog import log_unexpected

            log_unexpected(f"保存 {path} 失败", e)
            reason = str(e) if isinstance(e, app_io.WriteError) else f"{path}：保存时出现意外问题（{type(e).__name__}: {e}）"
            self.show_error("保存失败", questions.save_failed(reason))
            self.message.emit("保存失败，修改尚未保存")
            return isinstance(e, app_io.FileInUse) and self.save_as()  # held by Word: ask where
        # What the reader noticed about the old file (a doubled body, edited labels) is gone
        # from the file just written, as reopening it would show; what it could not import
        # stays, written with it (app/import_notes.py).
        self.state.report.import_findings = import_notes.kept(self.state.report)
        self.state.rerun_checks()
        self.state.mark_saved()
        self._set_path(path)
        self._disk_stamp = app_io.disk_stamp(path)
        self.locks.move_to(path)
        self.add_recent(path)
        self.clear_autosave()
        self.message.emit(questions.saved(path, self.state.open_entries(), self.state.field_entries()))  # a refused entry: said
        return True

    def _over_other_program(self, path: Path) -> str:
        """Before writing ``path``: 'save' unless Word, WPS or LibreOffice seems to have it open
        (app/office_owner.py) and the user, asked, says 'save_as' or cancels (the program's name
        then).  Their next save would write back the file as they opened it (rev25b S4)."""
        from app import office_owner

        other = office_owner.find(path)
        if other is None or (other.file, other.seen) == self.other_program_answered:
            return "save"
        answer = self.ask_save_in_other_program(path, other)
        if answer == "save":
            self.other_program_answered = (other.file, other.seen)
        return answer or other.program

    def switch_to(self, doc: Document) -> None:
        """Show ``doc`` in place of the current report (whose unsaved changes the caller settled):
        the one way 新建, 打开, 恢复 and 从上年报告新建 replace it.  The previous document's lock is
        released (or handed to ``doc`` when it is the same file), its recovery copy deleted, the
        read-only flag and the file names are ``doc``'s."""
        self._supersede_load()
        self.clear_autosave()
        # Named first: the pages are built for the new report with its title (（只读） included).
        self.read_only = doc.read_only
        self.source = doc.source
        self.suggested = questions.suggested_docx(doc.source) if doc.source is not None else None
        self._set_path(doc.path)
        self.state.replace_report(doc.report, restored=doc.restored, findings=doc.findings)
        if doc.claimed is not None:
            self.locks.keep_claim(doc.claimed)  # the claim taken before reading, or none: released
        else:
            self.locks.release()
        self._disk_stamp = doc.stamp
        self.timer.stop()  # replacing the report is no edit of it
        self._due_since = None
        self._slot = doc.slot
        if doc.restored and doc.slot is None:  # a rollover: unsaved work, so a recovery copy soon
            self._changed()

    def _set_path(self, path: Path | None) -> None:
        if path != self.path:
            self._disk_stamp = None
        if path is not None:  # saved (or recovered) as a file of its own
            self.read_only = False
        self.path = path
        self.unwritable = app_io.unwritable_reason(path) if path is not None else None
        self.pathChanged.emit()

    # -- recent files (ui/recent.py) ----------------------------------------------------------
    def recent(self) -> list[str]:
        return self.recent_files.items()

    def add_recent(self, path: Path) -> None:
        self.recent_files.add(path)

    def write_recent(self) -> None:
        self.recent_files.write()

    def clear_recent(self) -> None:
        self.recent_files.clear()

    def open_recent(self, name: str) -> bool:
        """最近打开的文件 → an entry.  One the background look did not find is looked at again
        (a USB stick put back in: opened); still not there, the user is asked whether to take
        it off the list — a box saying only 文件不存在 left the entry to be met again (rev24c M2)."""
        if name in self.recent_files.missing() and not exists(name):
            if self.ask_forget_recent(name):
                self.recent_files.forget(name)
            return False
        return self.open(name)

    # -- autosave (the copy's writing: ui/document_autosave.py) ----------------------------------
    def _changed(self) -> None:
        """An edit: the recovery copy follows once typing pauses, or after AUTOSAVE_MAX_WAIT_MS
        of typing without a pause, so a crash loses seconds of work, not minutes."""
        now = time.monotonic()
        if self._due_since is None:
            self._due_since = now
        left = AUTOSAVE_MAX_WAIT_MS - int((now - self._due_since) * 1000)
        self.timer.start(max(0, min(AUTOSAVE_PAUSE_MS, left)))

    def _info(self) -> Recovery:
        report = self.state.report
        # Absolute: a file named relatively at the start (python -m app 年报.docx) was recovered
        # after a crash as that name in whatever folder the next start ran in (state31).
        return Recovery(path=_whole(self.path), source=_whole(self.source) if self.path is None else "",
                        title=report.title if report.organ or report.year else "",
                        stamp=self._disk_stamp if self.path is not None else None,
                        typed_date=next((typed for name, typed in self.state.field_entries() if name == "成文日期"), ""))

    def offer_restore(self) -> bool:
        """At start: each document whose editor crashed is offered by name (several in one list).
        The first one accepted opens here, the next ones in new windows (``restore_elsewhere``);
        declined ones are deleted, postponed ones stay for the next start.  Returns whether this
        window now shows a recovered document."""
        self._supersede_load()
        here = False
        slots = crashed_slots(self.autosave_dir)
        self.restore_round = infos = [slot.info() for slot in slots]  # each question as big as the longest
        answers = self.ask_restore_many(infos) if infos else []
        for slot, info, answer in zip(slots, infos, answers, strict=True):
            if answer is None:
                self.postponed.add(slot.stem)
                slot.release()
                continue
            if not answer:
                slot.discard()
                continue
            try:
                report = slot.read(info)
            except app_io.ReadError as e:
                self.show_error("无法恢复", f"{e}\n\n自动保存的副本保留在 {slot.copy}")
                slot.release()
                continue
            if not here:
                self.adopt(slot, report, info)
                here = True
            elif self.restore_elsewhere is not None:
                self.restore_elsewhere(slot, report, info)
            else:
                slot.release()
        return here

    def adopt(self, slot: Slot, report: Report, info: Recovery) -> None:
        """A recovered document in this window: unsaved, named as it was, and its copy stays
        its recovery copy until it is saved (a second crash loses nothing either)."""
        self._supersede_load()
        path = Path(info.path) if info.path else None
        source = Path(info.source) if info.source else None
        read_only, stamp, note = False, None, ""
        # The crashed editor's lock is stale and taken over silently; one of a live editor (the
        # file opened again since the crash) is not: the file is left to it, as 只读打开 does.
        if path is not None and self.locks.claim(path) is not None:
            path, source, read_only = None, path, True
            note = "（文件正由他人编辑：只读，保存时另存为新文件）"
        elif path is not None:
            stamp = info.stamp or slot.stamp_before(path)
            if app_io.disk_stamp(path) not in (stamp, None):
                note = "（崩溃后文件已被修改：保存时会先询问）"
        self.switch_to(Document(report, path=path, source=source, read_only=read_only, restored=True,
                                stamp=stamp, claimed=Path(info.path) if info.path else None, slot=slot))
        self.message.emit(f"已恢复自动保存的“{shown_name(info.name())}”{note}，请检查后保存")
        if info.typed_date:  # marked red in its field again (its refusal said after the message above)
            self.state.restore_field_entries([("成文日期", info.typed_date)])


def _whole(path: Path | None) -> str:
    """``path`` made absolute for a recovery copy's description; "" for none, or where the
    working folder it was named in is gone (a relative name then names no file)."""
    if path is None:
        return ""
    try:
        return absolute(str(path))
    except OSError:  # os.getcwd: the folder the program was started in was deleted since
        return ""
