"""Whether a window narrower than ui/window_layout.py's SMALL_WINDOW, which puts the findings
dock the user never placed below the page (beside it, 表三's and 表四's right-hand columns were
off screen), has the height for it: else beside (800×440; a report's window taller than the
screen ran off its bottom, its status bar unseen).

The height is judged by the window as it is with a report in, whatever shows at the moment of
deciding: started with a file, the findings list was still hidden (its dock 54 px), started blank
or from a recovery copy it was listed and its commands under it (154 px) — so at 910×512 (150 %
on 1366×768) a file's start put the findings below and the others beside, 表三 cut behind a
horizontal scroll bar.  A dock's widget may say its height below the page with a report's
findings listed (``settled_height_below``); otherwise its minimum now is taken."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QStyle, QToolBar


def settled_dock_height(dock: QDockWidget) -> int:
    """``dock``'s least height below the page once a report is in (its title bar and frame as now)."""
    own = dock.minimumSizeHint().height()
    widget = dock.widget()
    settled = getattr(widget, "settled_height_below", None)
    if widget is None or settled is None:
        return own
    return own - widget.minimumSizeHint().height() + int(settled())


def height_below(window: QMainWindow, docks: Iterable[QDockWidget]) -> int:
    """The window's least height (its inside) with ``docks`` below the page and a report in:
    the bars, the docks and the page, from the parts' hints (the window's own is unknown before
    they show, and holds the docks where they are)."""
    central, on_purpose = window.centralWidget(), Qt.WidgetAttribute.WA_WState_ExplicitShowHide
    bars = [w for w in window.children() if isinstance(w, QToolBar) and not (w.isHidden() and w.testAttribute(on_purpose))]
    height = sum(w.sizeHint().height() for w in (window.menuBar(), window.statusBar(), *bars))
    separator = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent)
    shown = sum(settled_dock_height(d) + separator for d in docks
                if not d.isFloating() and not (d.isHidden() and d.testAttribute(on_purpose)))
    return height + shown + (central.minimumSizeHint().height() if central is not None else 0)


def fits_below(window: QMainWindow, docks: Iterable[QDockWidget], frame_height: int, screen_height: int) -> bool:
    """Whether the window with ``docks`` below the page, framed, is no taller than the screen."""
    return height_below(window, docks) + frame_height <= screen_height
