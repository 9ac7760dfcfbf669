"""The main window: navigation, pages, findings dock, status bar (its commands, menus and
toolbar: ui/window_menus.py; what the status bar and title say: ui/window_status.py)."""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QDockWidget, QSplitter, QStackedWidget, QWidget
from shiboken6 import isValid

from app import collector
from app.names import is_folder, readable, readable_path
from ui import focus_order, window_menus, window_status
from ui.appsetup import APP_TITLE
from ui.filedialogs import READABLE
from ui.opening import OpeningWindow
from ui.recent import menu_label
from ui.window_layout import WindowLayout

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QMenu

    from app.findings import Finding, Location
    from ui.change import Change
    from ui.narrative import NarrativePage
    from ui.pages import BasicInfoPage, Page
    from ui.table_page import TablePage
    from ui.year_tools import YearTools

COLLECTOR_BACK_MS = 5000
# What can be dropped on the window: the open dialog's list, one declaration for both.
OPENABLE = tuple(pattern.removeprefix("*") for pattern in READABLE)


DUPLICATE_NOTE = "选中的是这一处重复；浅蓝底色的是另一处"  # while a duplicate is the finding chosen


def _page_key(location: Location) -> str:
    """The page a location is on: its text's section, else the table of its cells."""
    if location.span is None and location.cells:
        return location.cells[0].table
    return location.section


_OPENED = count()

class MainWindow(OpeningWindow):
    """One report per window, as in a Windows office program."""

    # The commands, made by ui.window_menus.install when the window is complete.
    act_new: QAction
    act_open: QAction
    act_save: QAction
    act_save_as: QAction
    act_preview: QAction
    act_print: QAction
    act_pdf: QAction
    act_publish: QAction
    act_close: QAction
    act_quit: QAction
    act_batch: QAction
    quit_answered = False  # 退出 has asked about its changes (ui/actions.quit_program): not on closing
    act_undo: QAction
    act_redo: QAction
    act_cut: QAction
    act_copy: QAction
    act_paste: QAction
    act_select_all: QAction
    edit_target: Callable[[], QWidget | None]  # what 编辑's actions act on (ui/window_menus.py)
    act_fill: QAction
    act_codes: QAction
    act_about: QAction
    act_next_part: QAction
    act_prev_part: QAction
    act_next_pane: QAction
    act_prev_pane: QAction
    file_menu: QMenu
    recent_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    year_tools: YearTools

    def __init__(self, autosave_dir: Path | None = None, staged: bool = False) -> None:
        """``staged``: only the frame now (title, size, place), the rest in ``complete()``,
        so that the program can show its window before it has loaded everything."""
        super().__init__()
        self._autosave_dir = autosave_dir
        self.opened = next(_OPENED)  # the order windows were opened in: 退出 asks in it
        self.completed = False
        self._report_file: Path | None = None  # the file the report shown came from (None: none)
        self._file_named = False  # a file named (docs.pathChanged) since the report last changed
        self.setWindowTitle(f"未命名报告 - {APP_TITLE}")
        # The pages and a 正在打开 page take turns here: a half-read report is never shown.
        self.central = QStackedWidget(self)
        self.setCentralWidget(self.central)
        self.layout_memory = WindowLayout(self)
        self.layout_memory.restore_geometry()
        if not staged:
            self.complete()

    def complete(self) -> None:
        # The heavy modules (checks, models, pages) load here, after the frame is on screen.
        from ui.documents import DocumentController
        from ui.findings import FindingsPanel
        from ui.navigation import ENTRIES, NavigationModel, navigation_view
        from ui.output import OutputController
        from ui.state import EditorState

        self.entries = ENTRIES
        self.page_keys = frozenset(k for k, _ in ENTRIES)
        # Opening a file since the first frame: the blank report it replaces is never shown,
        # so it is neither checked nor listed (the file's findings come with the file).
        self.state = EditorState(parent=self, check=not self._opening())
        self.docs = DocumentController(self.state, self, self._autosave_dir)
        self.output = OutputController(self.state, self.docs, self)
        self.pages: dict[str, Page] = {}
        self.stack = QStackedWidget(self)
        self.nav_model = NavigationModel(self.state)
        self.nav = navigation_view(self.nav_model, self)
        self.nav.setMinimumWidth(160)  # names and their count badges side by side, never overlapping
        self._build_pages()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 900])
        self.splitter.setChildrenCollapsible(False)
        self.central.insertWidget(0, self.splitter)
        self.findings = FindingsPanel(self.state, self)
        self.dock = self._build_dock(self.findings)
        window_menus.install(self)  # actions, menus, toolbar: ui/window_menus.py
        self._build_status_bar()
        self._connect()
        self.setAcceptDrops(True)
        self.layout_memory.restore_layout(self.splitter)
        self._update_title()
        self._update_counts()
        self.completed = True
        if self._opening():  # a file since the first frame
            self._pause(True)
            # The start's garbage collector back once the file is in (show_pages), or at the
            # latest after a while (a question about a recovered copy, a file that never comes).
            QTimer.singleShot(COLLECTOR_BACK_MS, collector.release)
        else:
            collector.release()
        from ui import settings_check

        settings_check.watch(self)  # settings that cannot be kept: said once (ui/settings_check.py)
        self.after_complete()  # what was clicked while it was being built (ui/opening.py)

    def _connect(self) -> None:
        self.nav.selectionModel().currentRowChanged.connect(self._nav_changed)
        self.nav.activated.connect(lambda _index: self.cycle_pane(1))  # Enter in 目录: into its page (rev24c N1)
        focus_order.figures_into_grid(self)  # a figure typed in 目录: into the table shown
        self.nav.setCurrentIndex(self.nav_model.index(0))
        from ui.reveal import Revealer
        self.revealer = Revealer(self)  # every undo and redo shows its change
        self.findings.navigate.connect(self.go_to_finding)
        self.dock.dockLocationChanged.connect(self.findings.follow_side)  # its commands' row
        self.findings.note.connect(lambda text: window_status.show_message(self, text, keep=True))
        for told in (self.findings.message, self.docs.message, self.state.message, self.output.message):
            told.connect(self.show_message)
        self.state.locationRequested.connect(self.go_to_location)
        self.state.findingRequested.connect(self.review_finding)
        self.state.modifiedChanged.connect(self._update_title)
        self.state.changed.connect(self._changed)
        self.docs.pathChanged.connect(self._update_title)
        self.docs.pathChanged.connect(self._named)
        self.docs.loadStarted.connect(self.show_opening)
        self.docs.loadProgress.connect(lambda done, total: self._task_page().set_progress(done, total))
        self.docs.loadEnded.connect(self.show_pages)
        self.output.reviewRequested.connect(self.review_finding)
        self._edit_note: tuple[int, str, str] | None = None  # show_edit_message's step
        self.state.stack.indexChanged.connect(self._stack_moved)

    # -- construction ---------------------------------------------------------------------------
    def _build_pages(self) -> None:
        # Placeholders: a page is built the first time it is shown, so the window opens quickly.
        for _entry in self.entries:
            self.stack.addWidget(QWidget(self.stack))

    def _build_dock(self, panel: QWidget) -> QDockWidget:
        from ui.resources import mend_dock_icons

        mend_dock_icons()  # before the dock asks its style for its title bar's icons
        dock = QDockWidget("检查结果", self)
        dock.setObjectName("findingsDock")
        dock.setWidget(panel)
        # Closable: 视图 → 检查结果面板 hides it through close(), which a non-closable dock ignores.
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.layout_memory.docks.append(dock)
        return dock

    def page(self, key: str) -> Page:
        if key not in self.pages:
            from app.schema import TABLES
            from ui.pages import BASIC_INFO, BasicInfoPage

            page: BasicInfoPage | TablePage | NarrativePage
            if key == BASIC_INFO:
                page = BasicInfoPage(self.state, self)
                page.set_start_actions([self.year_tools.act_rollover, self.act_open])
            elif key in TABLES:
                from ui.table_page import TablePage  # imported when first shown: quicker start

                page = TablePage(self.state, key, self)
                page.edited.connect(self.show_edit_message)
            else:
                from ui.narrative import NarrativePage

                page = NarrativePage(self.state, key, self)
            page.message.connect(self.show_message)
            if self.layout_memory.short:  # its heading and margins as a short window has them
                from ui.short_window import fit_page

                fit_page(page, True)
            row = self.nav_model.row_of(key)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            focus_order.place_after(self.nav, page)  # made after 检查结果: Tab from 目录 into the page
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            if key in TABLES:
                # Laid out now, at the stack's size, rather than when the layout's queued request
                # comes: the grid is sized to its width (GridView.fit) before its first paint.
                page.ensurePolished()  # measured in the fonts it is shown in
                page.setGeometry(self.stack.contentsRect())
                if (layout := page.layout()) is not None:
                    layout.activate()
            self.pages[key] = page
        return self.pages[key]

    def _build_status_bar(self) -> None:
        window_status.build_status_bar(self)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.docs.recent()
        missing = self.docs.recent_files.missing()  # looked up in the background (ui/recent.py)
        metrics, screen = self.recent_menu.fontMetrics(), self.screen().availableGeometry().width()
        self.recent_menu.setToolTipsVisible(True)  # the whole path of an elided line
        for i, name in enumerate(recent, 1):
            label = menu_label(i, readable_path(name), name in missing, metrics, screen)
            self.recent_menu.addAction(label, lambda n=name: self.docs.open_recent(n)).setToolTip(readable_path(name))  # type: ignore[misc]
        if not recent:
            self.recent_menu.addAction("（无）").setEnabled(False)
            return
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表(&C)", self.docs.clear_recent)

    # -- state display --------------------------------------------------------------------------
    def _update_title(self) -> None:
        if self._opening():  # the file being read names the window (not the report it replaces)
            self.setWindowTitle(readable(f"正在打开 {self._opening_name} - {APP_TITLE}"))
            return
        window_status.show_file(self)

    def _changed(self, change: Change) -> None:
        if change.report:
            # The same file read again keeps the page the user was on (tests/ui/test_tasks.py):
            # a read names its file before its report is shown; 新建 and the others after.
            shown = self.docs.path or self.docs.source
            if not self._file_named or shown is None or shown != self._report_file:
                self._start_at_first_page()
            self._report_file, self._file_named = shown, False
        if change.findings:
            self._update_counts()

    def _named(self) -> None:
        self._file_named = True

    def _start_at_first_page(self) -> None:
        """Another report (opened, a recent file, new, from last year's, recovered) starts at
        its first page, each page at its top; never at the previous report's 表三 or 第五部分."""
        for page in self.pages.values():
            grid, text = page.grid(), page.text_edit()
            if grid is not None:
                grid.scrollToTop()
            if text is not None:
                text.moveCursor(QTextCursor.MoveOperation.Start)
        self.show_page(self.entries[0][0])

    def _update_counts(self) -> None:
        window_status.show_counts(self)

    def show_message(self, text: str) -> None:
        window_status.show_message(self, text)

    def show_edit_message(self, text: str) -> None:
        """A message about the edit just pushed (空白处填0): undoing that edit turns it into
        已撤销…, redoing it into 已重做…, any other move of the undo stack takes it away — it
        no longer describes the document (as 全部替换 does in ui/find_replace.py)."""
        self.show_message(text)
        stack = self.state.stack
        self._edit_note = (stack.index(), stack.text(stack.index() - 1), text)

    def _stack_moved(self, index: int) -> None:
        note = self._edit_note
        if note is None or not isValid(self):  # the window torn down: its stack empties as it goes
            return
        at, label, text = note
        bar = self.statusBar()
        if bar.currentMessage() not in (text, f"已撤销{label}", f"已重做{label}"):
            self._edit_note = None  # something else was said since, or the message timed out
            return
        stack = self.state.stack
        ours = stack.count() >= at and stack.text(at - 1) == label
        if ours and index == at - 1:
            self.show_message(f"已撤销{label}")
        elif ours and index == at:
            self.show_message(f"已重做{label}")
        else:
            bar.clearMessage()
            self._edit_note = None

    # -- navigation -----------------------------------------------------------------------------
    def _nav_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.page(self.entries[current.row()][0])  # built when first shown, in its row of the stack
        self.stack.setCurrentIndex(current.row())

    def show_page(self, key: str) -> Page:
        self.nav.setCurrentIndex(self.nav_model.index(self.nav_model.row_of(key)))
        return self.page(key)

    def turn_page(self, step: int) -> None:
        row = min(max(self.nav.currentIndex().row() + step, 0), self.nav_model.rowCount() - 1)
        page = self.show_page(self.entries[row][0])
        target = page.text_edit() or page.grid()
        (target or self.stack.currentWidget()).setFocus(Qt.FocusReason.OtherFocusReason)

    def cycle_pane(self, step: int) -> None:
        """F6 / Shift+F6: 目录 → the page → 检查结果 (ui/focus_order.py)."""
        focus_order.cycle_pane(self, step)

    def current_key(self) -> str:
        from ui.navigation import KEY_ROLE

        return self.nav.currentIndex().data(KEY_ROLE)

    def go_to_finding(self, finding: Finding, focus: bool = True) -> None:
        """Show where a finding points.  A sentence that contradicts a table is shown in the
        text, and its cells are chosen on the table's page too (its 转到表格 gets there)."""
        loc = finding.location
        key = _page_key(loc)
        if key not in self.page_keys:
            return
        self.show_page(key).show_finding(finding, focus)
        if loc.span is not None and any(o.section == loc.section and o.span for o in loc.others):
            self.show_message(DUPLICATE_NOTE)
        elif self.statusBar().currentMessage() == DUPLICATE_NOTE:
            self.statusBar().clearMessage()  # it was about the finding chosen before (↑↓ in the list)
        if loc.span is not None and loc.cells and loc.cells[0].table in self.page_keys:
            self.page(loc.cells[0].table).select_cells(loc.cells, focus=False)

    def review_finding(self, finding: Finding) -> None:
        """Show the findings list with ``finding`` chosen (its place shown beside); where the
        list has it not, its place alone."""
        if not window_status.chosen_in_list(self, finding):
            self.go_to_finding(finding)

    def go_to_location(self, location: Location, focus: bool = True) -> None:
        key = _page_key(location)
        if key in self.page_keys:
            self.show_page(key).show_location(location, focus)

    # -- edit menu ------------------------------------------------------------------------------
    def copy(self) -> None:
        from ui.pages import Clipboard

        widget = self.edit_target()  # the pane the keys came from, also from a menu opened with Alt+E
        if isinstance(widget, Clipboard):
            widget.copy()

    def paste(self) -> None:
        from ui.pages import Clipboard

        widget = self.edit_target()  # the pane the keys came from, also from a menu opened with Alt+E
        if isinstance(widget, Clipboard):
            widget.paste()

    def fill_zero(self) -> None:
        from ui.table_view import fill_all_blanks

        before = self.state.stack.index()
        text = fill_all_blanks(self.state)
        stack = self.state.stack
        if stack.index() != before and stack.text(stack.index() - 1) == "空白处填0":  # not a flushed cell alone
            self.show_edit_message(text)
        else:
            self.show_message(text)

    def show_codes(self) -> None:
        from ui.codes_help import CodesHelp
        from ui.kept_on_screen import kept_on_screen

        kept_on_screen(CodesHelp(self)).exec()

    def about(self) -> None:
        from ui.about import about_box
        from ui.kept_on_screen import kept_on_screen

        kept_on_screen(about_box(self)).exec()

    # -- window lifecycle -----------------------------------------------------------------------
    def save_window(self) -> None:
        from ui.window_save import save_layout  # at closing only: not the start's

        save_layout(self.layout_memory, self.splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.completed:  # closed while starting: nothing to save yet
            event.accept()
            return
        if self._building:  # while being built (ui/opening.py): closed once whole, its file not read
            self._close_early = self.cancelled_early = True
            event.ignore()
            return
        self.docs.cancel_load()  # the report being read is dropped; the open one is asked about
        if not self.quit_answered and not self.docs.maybe_save():
            event.ignore()
            return
        self.save_window()
        self.docs.write_recent()
        self.docs.clear_autosave()
        self.docs.locks.release()  # the file is free for another editor
        self.state.end_checks()  # a huge report's check process, not kept until the program ends
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None or self._dropped_folders(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.docs.open(path)
        elif folders := self._dropped_folders(event):  # a folder of reports: the reviewer's batch
            event.acceptProposedAction()
            self.open_batch(folders)

    def open_batch(self, paths: list[Path] | None = None) -> None:
        """文件 → 批量检查…: a window of its own (a file dropped on it opens here as usual)."""
        from ui import batch_window  # with app.batch and its process pool: loaded when first asked for

        batch_window.new_editor = editor_for
        batch_window.show_batch_window(self, paths)

    @staticmethod
    def _dropped_folders(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [p for u in urls if u.isLocalFile() and is_folder(p := Path(u.toLocalFile()))]

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        readable = [p for p in files if p.suffix.lower() in OPENABLE]
        return readable[0] if readable else None


def editor_for(path: Path) -> QWidget | None:
    """A new editor window reading ``path`` (the batch list opens reports with it); None when
    the file is not opened after all (取消 at 文件正在编辑): no window rather than an empty one."""
    window = MainWindow()
    if not read_in_own_window(window, path):
        window.deleteLater()
        return None
    return window


def read_in_own_window(window: MainWindow, path: Path) -> bool:
    """``path`` read into ``window``, a window made for it alone.  False: the user cancelled at
    文件正在编辑 (the window is the caller's to drop).  Cancelled or failed later (取消 while it is
    read, a file that cannot be read: the error shown over it first), the window closes itself:
    it would stand empty, a blank report nobody asked for (from the GUI test)."""
    task = window.docs.load_in_background(path)
    if task is None:
        return False
    task.failed.connect(lambda _message: _close_if_blank(window))  # after the error, which DocumentController shows first
    task.cancelled.connect(lambda: _close_if_blank(window))
    return True


def _close_if_blank(window: MainWindow) -> None:
    """Close a window made for one file whose read ended without it — unless the read was
    cancelled because the user gave the window something else (打开 or a drop during the read,
    新建, a recovered copy) or typed into it."""
    docs = window.docs
    if not docs.replacing and docs.path is None and docs.source is None and not docs.state.is_modified():
        window.close()
