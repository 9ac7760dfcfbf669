"""A window's frame on the screen: what the window system adds round it (title bar, borders),
measured or remembered from the last start, and the window placed by it, wholly on its screen.
For every window the program places (ui/window_layout.py, ui/window_place.py, dialogs)."""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QMargins, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QWidget

from app.limits import bounded_int


def fit_to_screen(frame: QRect, screen: QRect) -> QRect:
    """A window frame no larger than the screen's free area and wholly on it: a layout saved
    on a large monitor reopens whole on a small one (or after the monitor is gone)."""
    width, height = min(frame.width(), screen.width()), min(frame.height(), screen.height())
    left = min(max(frame.left(), screen.left()), screen.right() + 1 - width)
    top = min(max(frame.top(), screen.top()), screen.bottom() + 1 - height)
    return QRect(left, top, width, height)


_laid_out: weakref.WeakSet[QMainWindow] = weakref.WeakSet()  # the windows with a WindowLayout


def _shown_windows(window: QWidget) -> list[QMainWindow]:
    """This program's other main windows on screen (not QApplication.topLevelWidgets(): every
    top-level widget handed to Python costs a type look-up, a few ms of a start)."""
    return [w for w in list(_laid_out)
            if w is not window and shiboken6.isValid(w) and w.isVisible() and not w.isMinimized()]


_FRAMELESS = ("offscreen", "minimal", "vnc")  # platforms whose windows get no frame from a window manager
FRAME_KEY = "window/frame"  # the window system's frame round a window as last measured: "left,top,right,bottom"


def _measured(window: QWidget) -> QMargins:
    inside, frame = window.geometry(), window.frameGeometry()
    return QMargins(inside.left() - frame.left(), inside.top() - frame.top(),
                    frame.right() - inside.right(), frame.bottom() - inside.bottom())


def frame_margins(window: QWidget) -> QMargins:
    """What the window system adds round ``window`` (title bar, borders).  Before a window is
    shown Qt knows none of it: then it is measured on another window shown, else it is what the
    last start measured, else a title bar's height — left out, a window placed by its inside
    ran its frame a title bar off the bottom of the screen (from the GUI test)."""
    if window.isVisible():
        measured = _measured(window)
        # Shown but not framed yet (in its showEvent: a dialog fitted there to a small screen ran
        # its frame a title bar off the bottom, gui22 shot 96): guessed as before it showed.
        # Where windows get no frame (offscreen), none is what there is.
        if not measured.isNull() or QGuiApplication.platformName() in _FRAMELESS:
            return measured
    shown = next((w for w in _shown_windows(window)), None)
    if shown is not None:
        return _measured(shown)
    sides = [n for v in str(QSettings().value(FRAME_KEY, "")).split(",") if (n := bounded_int(v, 0, 200)) is not None]
    if len(sides) == 4:
        return QMargins(*sides)
    return QMargins(0, max(QApplication.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight), 20), 0, 0)


def outer(window: QWidget) -> QRect:
    """The window's frame, title bar included, shown or not (Qt's frameGeometry is the inside
    until the window system has framed it)."""
    return window.geometry().marginsAdded(frame_margins(window))


def place(window: QWidget, frame: QRect) -> None:
    """The window's frame at ``frame``: its inside set, which every platform takes alike (move()
    places the frame on some, the inside on others, before a window is shown)."""
    window.setGeometry(frame.marginsRemoved(frame_margins(window)))


def _screen_of(frame: QRect) -> QRect:
    return (QGuiApplication.screenAt(frame.center()) or QGuiApplication.primaryScreen()).availableGeometry()


def fit_new_window(window: QWidget) -> None:
    """A window about to show (or just shown), wholly on the screen it is on: no larger than
    the screen's free area, its title bar reachable."""
    frame = outer(window)
    fitted = fit_to_screen(frame, _screen_of(frame))
    if fitted != frame:
        place(window, fitted)


def settle(window: QWidget, placed: QSize) -> None:
    """Once shown and framed: the frame remembered, the window wholly on its screen (the frame
    guessed before it showed was smaller than the window system's) — when it still has the
    size it was placed with: one sized by the program since (a screenshot run) is left be."""
    remember_frame(window)
    keep_on_screen(window, placed)


def remember_frame(window: QWidget, framed_only: bool = False) -> None:
    """The window system's frame round ``window`` kept for the next start (``frame_margins``).
    ``framed_only``: not when none is measured on a platform whose windows get one (closed
    before the window manager framed it: its frame is not known, the last one stays)."""
    margins = _measured(window)
    if framed_only and margins.isNull() and QGuiApplication.platformName() not in _FRAMELESS:
        return
    if min(margins.left(), margins.top(), margins.right(), margins.bottom()) >= 0:
        QSettings().setValue(FRAME_KEY, f"{margins.left()},{margins.top()},{margins.right()},{margins.bottom()}")


def keep_on_screen(window: QWidget, placed: QSize) -> None:
    """``window`` wholly on its screen, when it has the size it was placed with or has only
    grown to its minimum since (the report's pages and findings in: at 200 % on 1600×1000 the
    window grew 18 px after it was placed and its status bar ran off the screen, gui22); one
    sized by the program since (a screenshot run) is left be."""
    if window.size() == placed.expandedTo(window.minimumSizeHint()) and not window.isMaximized() \
            and not window.isFullScreen():
        fit_new_window(window)


def cascaded(window: QWidget, others: list[QWidget], elsewhere: list[QPoint] | None = None) -> None:
    """``window``, about to show, moved a title bar's height down and right of those of
    ``others`` (shown windows of its kind) it would cover exactly, and of the frames' corners
    ``elsewhere`` (its kind's windows of other editors running): a second 批量检查 window opened
    from the same editor came up on top of the first, which then seemed to be gone."""
    from ui.window_place import cascade

    taken = [outer(w).topLeft() for w in others if w is not window and shiboken6.isValid(w) and w.isVisible()]
    taken += elsewhere or []
    if not taken:
        return
    frame = outer(window)
    step = max(frame_margins(window).top(), QApplication.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight), 20)
    placed = cascade(frame, taken, _screen_of(frame), step)
    if placed != frame:
        place(window, placed)
