"""A window lower than SHORT_WINDOW (1366×768 at 150 %: 911×512 to Qt; 1280×720 at 125 %):
the page comes first.

What a tall window spends on its bars and headings a short one gives to the page — 表三 showed
its header and two rows at 911×512, the findings below it (ui27):
- the findings dock below the page has no title bar of its own: the panel's counts row
  (错误 N 警告 N 提示 N, the chosen finding's commands) is its title bar, the dock's × at its
  end, and dragging it moves the dock as the title bar did (ui/findings_rows.py);
- a page's heading is smaller and its margins above and below thinner;
- the tool bar's icons are small (their names stay beside them: a civil servant reads 打印预览
  more surely than its picture).
All of it comes back as the window grows past SHORT_WINDOW (ui/window_layout.py follows the
height).  Imported only by a short window: not a tall window's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtWidgets import QLabel, QLayout, QMainWindow, QToolBar, QWidget

from ui.findings_rows import counts_as_title
from ui.pages import TITLE_STYLE

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE_STYLE_SHORT = "#pageTitle { font-size: 12pt; font-weight: bold; color: #1f3a5f; padding: 0 0 2px 0; }"
PAGE_MARGIN_SHORT = 4  # above and below a page (12 in a tall window; 16 on 基本信息)
PAGE_SPACING_SHORT = 2  # between a page's heading, grid and legend (the style's 6 in a tall window)
TOOL_ICON_SHORT = QSize(16, 16)  # the style's 24 in a tall window
_BELOW = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)


def set_short(window: QMainWindow, short: bool) -> None:
    """``window``'s parts laid out for a short window, or back as a tall one has them."""
    win: MainWindow = window  # type: ignore[assignment]
    bar = win.findChild(QToolBar, "mainToolbar")
    if bar is not None:
        bar.setIconSize(TOOL_ICON_SHORT if short else QSize())  # an invalid size: the style's again
    for page in win.pages.values():
        fit_page(page, short)  # type: ignore[arg-type]
    if not getattr(win, "_follows_short", False):  # the dock's title follows its side from now on
        win._follows_short = True  # type: ignore[attr-defined]
        win.dock.dockLocationChanged.connect(lambda _area: fit_dock(win))
        win.dock.topLevelChanged.connect(lambda _floating: fit_dock(win))
    fit_dock(win)


def fit_dock(win: MainWindow) -> None:
    """The findings dock's title bar: the counts row below the page of a short window, else Qt's."""
    dock = win.dock
    below = not dock.isFloating() and win.dockWidgetArea(dock) in _BELOW
    counts_as_title(win.findings, dock, win.layout_memory.short and below)


def fit_page(page: QWidget, short: bool) -> None:
    """A page's heading and its margins above and below, short or tall."""
    title = page.findChild(QLabel, "pageTitle")
    if title is not None:
        title.setStyleSheet(TITLE_STYLE_SHORT if short else TITLE_STYLE)
    layout = page.layout()
    if layout is None:
        return
    kept: tuple[QMargins, int, int] | None = getattr(page, "tall_margins", None)  # its own, while it is short
    below: QLayout | None = getattr(page, "below_layout", None)  # a table page's grid and legend
    if short and kept is None:
        margins = layout.contentsMargins()
        page.tall_margins = (margins, layout.spacing(),  # type: ignore[attr-defined]
                             below.spacing() if below is not None else -1)
        layout.setContentsMargins(margins.left(), min(margins.top(), PAGE_MARGIN_SHORT),
                                  margins.right(), min(margins.bottom(), PAGE_MARGIN_SHORT))
        # The style's 6 px between heading and grid and between grid and legend: with the
        # findings panel's margins, 表三's fifth row at 911×472 (1366×768 at 150 % over a task bar).
        layout.setSpacing(PAGE_SPACING_SHORT)
        if below is not None:
            below.setSpacing(PAGE_SPACING_SHORT)
    elif not short and kept is not None:
        layout.setContentsMargins(kept[0])
        layout.setSpacing(kept[1])
        if below is not None:
            below.setSpacing(kept[2])
        page.tall_margins = None  # type: ignore[attr-defined]
