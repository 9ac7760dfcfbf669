"""The window while a file is read: 正在打开 in place of the pages, the report's commands and the
findings dock paused, and a start's window kept out of sight until its report is in.

MainWindow's base (ui/main_window.py): the window's other parts (its pages, dock, menus, status
bar) are made by MainWindow.complete(); what this part uses of them is declared below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QWidget

from app import collector
from app.bidichars import isolated
from ui.appsetup import APP_TITLE
from ui.tasks import TaskPage

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QListView, QMenu, QSplitter

    from ui.documents import DocumentController
    from ui.window_layout import WindowLayout


class OpeningWindow(QMainWindow):
    """A window whose report is replaced by a file being read (see the module's notes)."""

    # Made by MainWindow (its __init__, complete() and ui.window_menus.install).
    central: QStackedWidget
    completed: bool
    splitter: QSplitter
    nav: QListView
    dock: QDockWidget
    docs: DocumentController
    layout_memory: WindowLayout
    file_menu: QMenu
    recent_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    act_new: QAction
    act_open: QAction
    act_batch: QAction
    act_close: QAction
    act_quit: QAction
    act_about: QAction
    error_label: QLabel
    warning_label: QLabel
    file_label: QLabel
    saved_label: QLabel

    def __init__(self) -> None:
        super().__init__()
        self.task_page: TaskPage | None = None
        self._opening_name = ""  # the file 正在打开 names
        self._paused: dict[QAction, bool] = {}  # actions disabled while a file is read
        self._dock_hidden = False
        self._paused_dialogs: list[QWidget] = []
        self._unrevealed = False  # reveal_later: shown once the report is in, or at the limit
        self._pending_name: str | None = None  # the file being opened while still unrevealed
        # 取消 (or closing the window) before the file's read began: while the window was still
        # being built (its frame shown with 正在打开), or before the start handed the read over.
        self.cancelled_early = False
        self._close_early = False
        self._building = False  # in after_complete's turn of events: a close then waits for the window to be whole

    def _update_title(self) -> None:
        """The window's title and file labels (MainWindow's)."""

    def _task_page(self) -> TaskPage:
        if self.task_page is None:
            self.task_page = TaskPage(self.central)
            self.task_page.cancel_button.clicked.connect(self._cancel_opening)
            self.central.addWidget(self.task_page)
        return self.task_page

    def reveal_later(self) -> None:
        """Not shown yet: shown with its pages once the file being opened is in (``show_pages``),
        or with 正在打开 when ``reveal()`` is called first (ui.main's limit) — never 正在打开 for a
        moment first.  A question asked meanwhile (文件正在编辑, a recovered copy) appears at
        once; the window follows it at the limit."""
        self._unrevealed = True

    def reveal(self) -> None:
        if not self._unrevealed:
            return
        self._unrevealed = False
        name, self._pending_name = self._pending_name, None
        if name is not None:  # still being read: its page now
            self.show_opening(name)
        self.show()

    def show_opening(self, name: str) -> None:
        """正在打开 in place of the pages (usable before ``complete()``: the first frame).  A window
        not yet revealed only notes it: the page is built if the window shows before the file is in."""
        name = isolated(name)  # a right-to-left name's direction kept within it (the title, 已取消打开)
        if self._unrevealed:
            self._pending_name = self._opening_name = name
            if self.completed:
                self._pause(True)
            return
        page = self._task_page()
        page.show_task(f"正在打开 {name} …")
        self._opening_name = name
        self.setWindowTitle(f"正在打开 {name} - {APP_TITLE}")  # until read: then its own, or back
        if self.completed:  # the findings dock away first: the focus must not fall on its list
            self._pause(True)
        self.central.setCurrentWidget(page)
        page.cancel_button.setFocus()

    def _opening(self) -> bool:
        if self._unrevealed:
            return self._pending_name is not None
        # By index: a QWidget returned to Python costs start-up a type look-up across QtWidgets.
        return self.task_page is not None and self.central.currentIndex() == self.central.indexOf(self.task_page)

    def _cancel_opening(self) -> None:
        if self.completed and self.docs.loading is not None:
            self.docs.cancel_load()
            return
        # Not being read yet (the start hands the read over once the window is complete):
        # it never will be; the blank report it was to replace is shown instead.
        self.cancelled_early = True
        if self.completed:
            self._abandon_opening()

    def _abandon_opening(self) -> None:
        """The file asked for at the start is not opened: the blank report instead, as after
        a 取消 during its read (checked and listed now: it is shown)."""
        from app import prefetch

        prefetch.discard()  # the start's child reads it for nobody: stopped
        name = self._opening_name
        self.docs.state.ensure_checked()
        self.show_pages()
        self.docs.message.emit(f"已取消打开 {name}")

    def after_complete(self) -> None:
        """The end of MainWindow.complete().  The window was built with 正在打开 on screen and
        no event handled meanwhile: the clicks and keys made then are handled now, where the
        user made them — with the menus, toolbar and status bar hidden a moment, the page is
        where it was in the frame (after them, 取消 is lower, and a click made on it would
        miss).  Then what was asked meanwhile (取消, closing the window) is done."""
        if self.isVisible() and not self._unrevealed and self._opening():
            from PySide6.QtWidgets import QToolBar

            # Added to a shown window, each is shown by a queued call (QLayout): hidden on purpose
            # first, so the clicks are handled with the page where it was.
            explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
            bars = [w for w in (self.menuBar(), self.statusBar(), *self.findChildren(QToolBar))
                    if not (w.isHidden() and w.testAttribute(explicit))]
            for bar in bars:
                bar.hide()
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self._building = True
            try:
                QApplication.processEvents()
            finally:
                self._building = False
            for bar in bars:
                bar.show()
            if layout is not None:  # and on screen at once: a click is aimed at what is seen
                layout.activate()
            self.repaint()
        if self.cancelled_early and self._opening():
            self._abandon_opening()
        if self._close_early:
            QTimer.singleShot(0, self.close)

    def show_pages(self) -> None:
        # Focus leaving 取消 must not fall on the findings list: focused, it would choose its
        # first finding and go there.  The pages first, with the focus on the navigation; the dock after.
        focus = QApplication.focusWidget()
        focused = self.task_page is not None and focus is not None and self.task_page.isAncestorOf(focus)
        self.central.setCurrentWidget(self.splitter)
        if focused or self._unrevealed:
            self.nav.setFocus()
        self._pending_name = None
        self._pause(False)
        self.layout_memory.keep_on_screen()  # the findings back, the report's page in: maybe taller
        self._update_title()  # a failed or cancelled open: the report kept, its title back
        if self._unrevealed:  # a start's window: shown once the report is in (loadEnded comes first)
            QTimer.singleShot(0, self.reveal)
        collector.release()  # the start is over (app.launch held the garbage collector)

    def _pause(self, on: bool) -> None:
        """While a file is read: the commands on the report off, the findings of the report
        being replaced out of sight; all as they were once it is read, failed or cancelled."""
        if on and not self._paused:
            keep = {self.act_new, self.act_open, self.act_batch, self.act_close, self.act_quit, self.act_about}
            menus = (self.file_menu, self.edit_menu, self.view_menu)
            actions = [a for m in menus for a in m.actions() if a.menu() is None and not a.isSeparator()]
            self._paused = {a: a.isEnabled() for a in actions if a not in keep and a is not self.dock.toggleViewAction()}
            for action in self._paused:
                action.setEnabled(False)
            self.recent_menu.setEnabled(True)
            # Not hidden on purpose (a dock just added to a shown window is hidden until laid out).
            explicit = self.dock.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
            self._dock_hidden = not (self.dock.isHidden() and explicit)
            self.dock.hide()
            for label in self._status_labels():  # the counts and name of the report being replaced
                label.hide()
            # Modeless dialogs (查找/替换) would edit the report being replaced.
            self._paused_dialogs = self._modeless_dialogs()
            for dialog in self._paused_dialogs:
                dialog.setEnabled(False)
        elif not on:
            for label in self._status_labels():
                label.show()
            for action, enabled in self._paused.items():
                action.setEnabled(enabled)
            self._paused = {}
            for dialog in self._paused_dialogs:
                dialog.setEnabled(True)
            self._paused_dialogs = []
            if self._dock_hidden:
                self.dock.show()
            self._dock_hidden = False

    def _modeless_dialogs(self) -> list[QWidget]:
        """This window's shown, enabled modeless dialogs.  Looked for among the top-level
        windows (a dialog is one): findChildren would wrap every widget of the window in Python,
        a few ms at each start, which opens a file (正在打开) before the window is complete."""
        found: list[QWidget] = []
        for widget in QApplication.topLevelWidgets():
            if not (widget.isVisible() and widget.inherits("QDialog") and not widget.isModal() and widget.isEnabled()):
                continue
            owner = widget.parentWidget()
            while owner is not None and owner is not self:
                owner = owner.parentWidget()
            if owner is self:
                found.append(widget)
        return found

    def _status_labels(self) -> tuple[QLabel, ...]:
        return (self.error_label, self.warning_label, self.file_label, self.saved_label)
