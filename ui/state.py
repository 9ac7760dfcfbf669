"""The open report as the UI sees it: the domain object, one undo stack, the current findings.

Views never change the report themselves: they push commands (ui/commands.py), which call
domain methods and then tell this object what changed (a ``Change``); it reruns the checks,
adds what the checks changed, and emits the one ``changed`` signal.  Each view refreshes only
its part of a Change: a cell edit repaints that cell, the totals that follow it and the cells
whose tint changed, never the whole grid.
Narrative text lives in one QTextDocument per section while editing; it is written back to the
report shortly after typing stops (and always before a save), then the checks rerun.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app import dismissals
from app.findings import Finding, Location, Severity
from app.report import Report
from app.schema import ALL_TEXT_KEYS, TABLES, CellRef
from ui.change import Change
from ui.huge_checks import HugeChecks, worker_copy
from ui.reveal import UndoStack

if TYPE_CHECKING:  # Qt's text classes are loaded when a section's text is first shown, not at start-up
    from PySide6.QtGui import QTextCursor, QTextDocument

    from app.check_apart import CheckProcess
    from ui.tasks import Task

TEXT_SYNC_MS = 150  # checks rerun this long after typing pauses: one run per burst of keys
# A report with more text than this (a text pasted by mistake, a million characters) is checked
# on a worker thread when typing pauses: the checks take longer than a keystroke may wait.
# The findings are applied only if nothing changed meanwhile (never stale ones as current).
BACKGROUND_CHECK_CHARS = 200_000
TABLE_SECTIONS = frozenset(TABLES)  # their text is a short lead-in above the grid
WARM_UP_DELAY_MS = 300  # after a start whose report came checked: the checks made ready then


def put_entry(report: Report, ref: CellRef, text: str) -> None:
    """A cell editor's text in ``report`` (a snapshot's copy): its figure, as entering it
    would give; text that is no figure (“12a”) as a file's unreadable text is kept, shown and
    written as typed, so that a recovery has it to correct.  Unchanged text changes nothing."""
    from app.values import parse

    cell = TABLES[ref.table].cell(ref.row, ref.col)
    if cell is None or (ref.row, ref.col) in TABLES[ref.table].totals:
        return
    if text == report.cell_texts(ref.table).get((ref.row, ref.col), ""):
        return
    parsed = parse(text, cell.kind)
    if parsed.ok:
        report.set_value(ref, parsed.value)
    else:
        report.set_value(ref, None)
        report.raw[ref] = text.strip()


def _warm_up(read_text: bool) -> None:
    from ui import warm_up  # when it runs, after the first paint: its module is not on the start's path

    warm_up.checks(read_text=read_text)


def marked_cells(finding: Finding) -> tuple[CellRef, ...]:
    """The cells a finding tints: those its fix would change (a wrong total, not each of its
    parts), else every cell it names (both sides of a balance)."""
    if finding.fix is not None and finding.fix.edits:
        return tuple(ref for ref, _ in finding.fix.edits)
    return finding.location.cells


class EditorState(QObject, HugeChecks):
    """Owns the report, the undo stack, the section documents and the findings."""

    changed = Signal(object)  # a Change: the one notification of what the report and findings did
    # A keystroke in a section document: not yet in the report (that is a Change once typing
    # pauses); the recovery copy counts it as an edit.
    textEdited = Signal()
    flushRequested = Signal()  # views: commit what is being typed now (before a save or close)
    # Views: add (CellRef, text) of each open cell editor to the list, leaving it open: what is
    # typed but not entered goes into the recovery copy (kill -9 loses nothing typed).
    entriesWanted = Signal(object)
    fieldEntriesWanted = Signal(object)  # a list to add (field's name, text typed and refused) to
    fieldEntriesRestored = Signal(object)  # [(field's name, text)]: a recovery copy's, typed again
    # A cell editor closed (entered, refused or given up with Esc), or a refused entry came or
    # went: what the recovery copy should hold changed without an undo step or a keystroke (a
    # figure given up with Esc stayed in the copy, and a crash then offered it as unsaved work).
    entriesChanged = Signal()
    modifiedChanged = Signal(bool)
    locationRequested = Signal(object)  # a Location a command wants shown (the other copy, a cell)
    findingRequested = Signal(object)  # a Finding to choose in the findings list (在检查结果中查看)
    lastYearShown = Signal(bool)  # 视图 → 显示上年数: a view option, the report is unchanged
    message = Signal(str)  # for the status bar

    def __init__(self, report: Report | None = None, parent: QObject | None = None, *, check: bool = True) -> None:
        """``check=False``: no findings until ``ensure_checked()`` or a new report (the program
        starting on a file: the blank report it replaces is never shown, so never checked)."""
        super().__init__(parent)
        self.report = report or Report()
        self.stack = UndoStack(self)  # its revealed: what each undo and redo changed (ui/reveal.py)
        self.findings: list[Finding] = []
        self.show_last_year = False  # last year's figure in each grid cell (a view option)
        self.dismissed: list[tuple[Finding, dismissals.Dismissal]] = []
        self._everything: list[Finding] = []  # all of the last run, dismissed or not
        self.by_cell: dict[CellRef, list[Finding]] = {}
        self.by_section: dict[str, list[Finding]] = {}
        self._worst: dict[CellRef, Severity] = {}  # a cell's tint: its worst finding
        self._counts: tuple[tuple[object, object], dict[str | None, tuple[int, int]]] = ((None, None), {})
        self.documents: dict[str, QTextDocument] = {}
        self._dirty_text: set[str] = set()
        self._loading = False
        self._text_label: str | None = None  # the name of the next text undo step (None: plain typing)
        # While an input method's event is handled: "removal" (its preedit begins over a
        # selection) or "commit" (its text goes in); the two steps are one (TextEditCommand).
        self.ime_step: str | None = None
        self._restored = False  # a restored autosave is unsaved although the stack is clean
        self._sync_timer = QTimer(self, singleShot=True, interval=TEXT_SYNC_MS)
        self._sync_timer.timeout.connect(self._typing_paused)
        self._generation = 0  # counts changes of the text and of the findings applied
        self._unchecked: Change | None = None  # text written back whose check runs on a worker
        self._apart: CheckProcess | None = None  # where a huge report's checks run (made when first needed)
        # A huge report's checks: one running at most, and one waiting — the newest text, taken
        # when the running one ends (the ones it replaced never run: five typing pauses during a
        # check gave the findings of the text as it is after five checks, not two; review15 L2).
        self._running: Task | None = None
        self._check_again = False  # the report changed since the running check took it
        self._waiting: list[Callable[[], object]] = []  # to run when the findings are the text's (when_checked)
        self.stack.cleanChanged.connect(self._clean_changed)
        # A figure typed into a cell and not entered is in the recovery copy: the title's “*”
        # and 未保存 say so too (the GUI tester saw 已保存 while the copy held it).
        self._shown_unsaved = False  # as modifiedChanged last told it
        self.textEdited.connect(self._typing_changed)
        self.entriesChanged.connect(self._typing_changed)
        self.checked = False  # the findings are of the current report
        if check:
            self._check(Change(report=True))

    def ensure_checked(self) -> None:
        """The checks of a report never checked (the blank one kept when an opening failed)."""
        if not self.checked:
            self._check(Change())

    # -- report lifecycle -----------------------------------------------------------------------
    def replace_report(self, report: Report, *, restored: bool = False,
                       findings: list[Finding] | None = None) -> None:
        """``findings``: run_all's for this very report, when the caller has them (the start's
        child process checked it): not run again."""
        self._sync_timer.stop()
        self._dirty_text.clear()
        self._waiting.clear()  # commands on the findings of the report that goes
        self.report = report
        self.stack.clear()
        self._restored = restored
        self._load_documents()
        self._seal_text_steps()
        self._check(Change(report=True), findings)
        self._tell_modified()
        if not self._huge():  # its check process's memory back
            self.end_checks()
        if findings is not None:  # the first edit should not be the one to import and compile the checks
            huge = self._huge()
            QTimer.singleShot(WARM_UP_DELAY_MS, lambda: _warm_up(read_text=not huge))
            if huge:  # its edits are checked in the check process: that is the one to warm
                from app import prefetch

                prefetch.drop_spare()  # the warm-up will not read this one's text
                self.warm_check_process_later(WARM_UP_DELAY_MS)

    def _clean_changed(self, _clean: bool) -> None:
        self._tell_modified()

    def is_modified(self) -> bool:
        return self._restored or not self.stack.isClean()

    def unsaved(self) -> bool:
        """What the title and the status bar show as unsaved: an edit, or a figure typed into a
        cell (or refused there) and not entered, which the recovery copy already holds."""
        return self.is_modified() or self.typed_entries() or bool(self.field_entries())

    def typed_entries(self) -> bool:
        """Whether a cell editor, or a refused entry, holds text other than its cell's."""
        for ref, text in self.open_entries():
            if text != self.report.cell_texts(ref.table).get((ref.row, ref.col), ""):
                return True
        return False

    def _typing_changed(self) -> None:
        if self.unsaved() != self._shown_unsaved:  # an edit already said so: one look at the stack
            self._tell_modified()

    def _tell_modified(self) -> None:
        self._shown_unsaved = self.unsaved()
        self.modifiedChanged.emit(self._shown_unsaved)

    def mark_saved(self) -> None:
        self._restored = False
        self._seal_text_steps()
        self.stack.setClean()
        self._tell_modified()

    def _seal_text_steps(self) -> None:
        """Typing after this point starts a new undo step: Qt merges typing into a document's
        last step only while the document is modified, and would otherwise merge across a
        save or a table edit (the shared stack would never hear of it)."""
        for doc in self.documents.values():
            doc.setModified(False)

    # -- notifications from commands ------------------------------------------------------------
    def edited(self, change: Change) -> None:
        """A command changed the report as ``change`` says: rerun the checks and tell the views
        (a huge report's views at once, its findings when its check on a worker is done)."""
        self._seal_text_steps()
        if self._huge():
            self.changed.emit(change)
            self._check_on_worker(change)
            return
        self._check(change)

    def rerun_checks(self) -> None:
        """The checks again with the report unchanged (after a save: the file's own findings go)."""
        self._check(Change())

    def fingerprint(self, finding: Finding) -> str | None:
        """The dismissal fingerprint of a finding of the last run (computed when asked: it reads
        the content each finding is about)."""
        for f, fp in zip(self._everything, dismissals.fingerprints(self.report, self._everything), strict=True):
            if f is finding:
                return fp
        return None

    def _check(self, change: Change, everything: list[Finding] | None = None) -> None:
        self._generation += 1  # a check on a worker thread started before this is out of date
        if self._unchecked is not None:  # its sections are checked here too
            change = dataclasses.replace(change, sections=change.sections | self._unchecked.sections)
            self._unchecked = None
        if everything is None:
            from app.checks import run_all  # here: a start whose findings came checked does without

            everything = run_all(self.report)
        self.checked = True
        # Dismissed findings leave the counts and the marks; the panel lists them apart.
        self.findings, self.dismissed = dismissals.split(self.report, everything)
        self._everything = everything
        by_cell: dict[CellRef, list[Finding]] = defaultdict(list)
        by_section: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            by_section[f.location.section].append(f)
            for ref in marked_cells(f):
                by_cell[ref].append(f)
        old_worst, old_sections = self._worst, self.by_section
        self.by_cell, self.by_section = dict(by_cell), dict(by_section)
        self._worst = {ref: max(f.severity for f in found) for ref, found in self.by_cell.items()}
        marks = frozenset(r for r in old_worst.keys() | self._worst.keys() if old_worst.get(r) != self._worst.get(r))
        sections = frozenset(k for k in old_sections.keys() | self.by_section.keys()
                             if old_sections.get(k) != self.by_section.get(k))
        self.changed.emit(dataclasses.replace(change, findings=True, marks=marks, finding_sections=sections))
        waiting, self._waiting = self._waiting, []
        for then in waiting:
            then()

    def counts(self, section: str | None = None) -> tuple[int, int]:
        """(errors, warnings) in one section, or in the whole report."""
        # Remembered for this run's lists: the navigation, the panel and the status bar all ask.
        of, memo = self._counts
        if of[0] is not self.findings or of[1] is not self.by_section:
            memo = {}
            self._counts = ((self.findings, self.by_section), memo)
        counted = memo.get(section)
        if counted is None:
            found = self.findings if section is None else self.by_section.get(section, [])
            errors = sum(1 for f in found if f.severity is Severity.ERROR)
            counted = memo[section] = errors, sum(1 for f in found if f.severity is Severity.WARNING)
        return counted

    # -- narrative text -------------------------------------------------------------------------
    def document(self, key: str) -> QTextDocument:
        """The section's document, made when a page first shows it (start-up stays quick)."""
        if key not in self.documents:
            from PySide6.QtGui import QTextDocument

            assert key in ALL_TEXT_KEYS, key
            doc = QTextDocument(self)
            doc.undoCommandAdded.connect(lambda k=key: self._text_command_added(k))
            doc.contentsChanged.connect(lambda k=key: self._text_changed(k))
            self.documents[key] = doc
            self._load_document(key, doc)
        return self.documents[key]

    def _load_documents(self) -> None:
        for key, doc in self.documents.items():
            self._load_document(key, doc)

    def _load_document(self, key: str, doc: QTextDocument) -> None:
        from ui import paraformat, richtext

        self._loading = True  # loading is not an edit
        doc.setUndoRedoEnabled(False)
        paraformat.setup_document(doc, compact=key in TABLE_SECTIONS)
        richtext.paragraphs_to_document(doc, self.report.sections.get(key, []))
        doc.setUndoRedoEnabled(True)
        self._loading = False

    def _text_command_added(self, key: str) -> None:
        if self._loading:
            return
        from ui.commands import TYPING_LABEL, TextEditCommand  # at the first edit: not on the start's path

        label = TYPING_LABEL if self._text_label is None else self._text_label
        self.stack.push(TextEditCommand(self, key, label, self.ime_step))

    def _text_changed(self, key: str) -> None:
        if self._loading:
            return
        self._generation += 1  # a check running on a worker is of the text before this keystroke
        self._dirty_text.add(key)
        self._sync_timer.start()
        self.textEdited.emit()

    def edit_text(self, key: str, label: str, edit: Callable[[QTextCursor], None], check: bool = True) -> None:
        """An edit of a section's text as one undo step named ``label``; the checks rerun at
        once, so the finding it resolves leaves the panel without waiting for the timer (a huge
        report's on a worker: the window is not held up).  ``check`` False: the caller reruns
        them once after several such edits (check_soon)."""
        from PySide6.QtGui import QTextCursor

        cursor = QTextCursor(self.document(key))
        self._text_label = label  # read when the block ends and the document adds its step
        cursor.beginEditBlock()
        try:
            edit(cursor)
        finally:
            cursor.endEditBlock()
            self._text_label = None
        if check:
            self.check_soon()

    def show_location(self, location: Location) -> None:
        self.locationRequested.emit(location)

    def review(self, finding: Finding) -> None:
        self.findingRequested.emit(finding)

    def flush(self, findings: bool = True) -> None:
        """Everything typed so far into the report: open cell editors, pending text.  And the
        findings of it now, unless ``findings`` is False (the caller does not read them: a
        window closing, a recovery copy written): a huge report's checks then go on off this
        thread, not run on it while the user waits (closing with a check under way ran them
        here; review15 M1)."""
        self.flushRequested.emit()
        if findings:
            self.sync_text()
        else:
            self.check_soon()

    def open_entries(self) -> list[tuple[CellRef, str]]:
        """What is typed in the grids and not in the report: each entry refused (red frame), then
        the text of each cell editor open now (the editors stay open)."""
        entries: list[tuple[CellRef, str]] = []
        self.entriesWanted.emit(entries)
        return entries

    def field_entries(self) -> list[tuple[str, str]]:
        """Text typed into the 基本信息 fields and refused (成文日期 “2023年2月30日”): (the
        field's name, what was typed).  The report keeps its value; the field keeps the text."""
        entries: list[tuple[str, str]] = []
        self.fieldEntriesWanted.emit(entries)
        return entries

    def restore_field_entries(self, entries: list[tuple[str, str]]) -> None:
        """Text a crashed editor's field held, refused (its recovery copy's): typed again."""
        if entries:
            self.fieldEntriesRestored.emit(entries)

    def snapshot(self) -> Report:
        """A copy of the report with all text typed so far, for a recovery copy written off
        the UI thread (worker_copy), and the checks do not rerun: the sections' text not yet
        written back, and what open cell editors hold, as entering it would put it."""
        report = worker_copy(self.report)
        if self._dirty_text:
            from ui import richtext
        for key in self._dirty_text:
            report.sections[key] = richtext.current_paragraphs(self.documents[key])
        for ref, text in self.open_entries():
            put_entry(report, ref, text)
        return report

    def sync_text(self) -> None:
        """Write edited section documents back to the report and rerun the checks (now: the
        caller reads the findings next)."""
        self._sync_timer.stop()
        change = self._write_back()
        if change is not None:
            self._check(change)
        elif self._unchecked is not None:  # written back, its check still on a worker: here instead
            self._check(Change())

    def _write_back(self) -> Change | None:
        if not self._dirty_text:
            return None
        from ui import richtext

        for key in self._dirty_text:
            self.report.sections[key] = richtext.current_paragraphs(self.documents[key])
        change = Change(sections=frozenset(self._dirty_text))
        self._dirty_text.clear()
        return change

    def _typing_paused(self) -> None:
        """The text into the report and the checks rerun; a huge report's checks on a worker
        thread, applied when they come if the text is still what they read."""
        if not self._huge():
            self.sync_text()
            return
        change = self._write_back()
        if change is not None:
            self._check_on_worker(change)

    def _huge(self) -> bool:
        return sum(len(p.text) for ps in self.report.sections.values() for p in ps) > BACKGROUND_CHECK_CHARS

    def check_soon(self) -> None:
        """The text into the report and the checks rerun: now, or a huge report's on a worker."""
        self._sync_timer.stop()
        self._typing_paused()

    def when_checked(self, then: Callable[[], object]) -> None:
        """``then`` once the findings are of the text as it is: now, or for a huge report when
        its check on a worker is applied (a command on a finding acts on the text it names)."""
        self.check_soon()
        if self._unchecked is None:
            then()
        else:
            self._waiting.append(then)
