"""The window's Tab order across its panes: 目录, then the page it shows, then 检查结果.

Qt puts a widget at the end of its window's focus chain when it is made; a page is made the
first time it is shown, after the findings panel, so Tab from 目录 went to the findings' filters
and reached the page's grid only after the findings' buttons (gui20 under Xvfb: 表四 chosen in
目录, a row typed with Tab went into the filter buttons)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def stops_in(container: QWidget) -> list[QWidget]:
    """``container``'s widgets Tab stops at, in their order in the focus chain, which runs
    through a container's widgets in one stretch after it; a stop's own parts (a spin box's
    text box) move with it and are left out.  Only that stretch is walked: walking the whole
    window's chain while it was being built crashed PySide (a wrapper made too early)."""
    stops: list[QWidget] = []
    widget = container.nextInFocusChain()
    while widget is not None and container.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not any(stop.isAncestorOf(widget) for stop in stops):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def place_after(first: QWidget, container: QWidget) -> None:
    """``container``'s Tab stops, in their own order, right after ``first``'s."""
    for before, after in itertools.pairwise([first, *stops_in(container)]):
        QWidget.setTabOrder(before, after)


def cycle_pane(window: MainWindow, step: int) -> None:
    """目录 → the page → 检查结果 (when shown) → 目录 …  A table page's pane is its grid (the
    statutory table); the text above it, on 二, is Shift+Tab away from the grid's first figure
    (ui/grid_moves.py) and Tab from it goes down into the grid; what counts as "in the page"
    is the whole page."""
    page = window.page(window.current_key())
    grid, text = page.grid(), page.text_edit()
    content = grid if grid is not None else text if text is not None else window.stack.currentWidget()
    panes: list[QWidget] = [window.nav, content]
    areas: list[QWidget] = [window.nav, window.stack.currentWidget()]
    if window.dock.isVisible():
        panes.append(window.findings.view)
        areas.append(window.findings.view)
    focused = QApplication.focusWidget()
    at = next((i for i, w in enumerate(areas) if focused is not None and (focused is w or w.isAncestorOf(focused))), -1)
    # Into the findings list without choosing one: choosing jumps to its page.
    panes[(at + step) % len(panes)].setFocus(Qt.FocusReason.ShortcutFocusReason)


class _CtrlTabLeaves(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        tab = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in tab
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier and isinstance(watched, QWidget)):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(watched, forward)
            return True
        return False


def read_only_list(view: QAbstractItemView) -> None:
    """A table to read and choose rows in, not to type in (批量检查's reports, 检查项说明): Tab and
    Shift+Tab go on to the window's next stop, and Ctrl+Tab as text boxes take it; Qt's table
    walked its cells with every one of them, wrapping for ever, and the filter, the buttons
    and 关闭 were out of the keyboard's reach (rev24c B1).  Arrows still move in the list."""
    view.setTabKeyNavigation(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.installEventFilter(_CtrlTabLeaves(view))


class _FiguresIntoGrid(QObject):
    """A figure typed in 目录 goes into the page's table: a user who clicked 表三 in 目录 and
    typed the first cell's figure (the cell shown chosen) lost it, the list searching its
    entries for a digit none begins with (user33 under Xvfb: 表四's first row typed
    “1 Tab 0 Tab 0”, the 1 gone and the zeros one cell to the left of where they were meant)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.nav)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not event.text().isdecimal() or event.modifiers() & ~_TYPING:
            return False
        grid = self.window.page(self.window.current_key()).grid()
        if grid is None or not grid.isVisible():
            return False
        grid.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.sendEvent(grid, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
        return True


# What a figure is typed with (the keypad's digits carry KeypadModifier), never Ctrl/Alt/Meta.
_TYPING = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


def figures_into_grid(window: MainWindow) -> None:
    window.nav.installEventFilter(_FiguresIntoGrid(window))
