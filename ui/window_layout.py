"""The window's layout across launches: size and place, the docks and the navigation splitter.

Qt's saved state alone is not trusted: restored into a window of another size (another screen,
a frame shown before its docks exist) it gave the findings dock everything but the page's
minimum, more each launch.  So the extents are saved as plain numbers too, a dock's with the
window's extent it was left in, and every restore puts them back within limits: a dock as the
user left it (narrowed in proportion in a smaller window), else never more than a third of the
window; the navigation never more than a quarter.
"""

from __future__ import annotations

import os
import time

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QSplitter, QStyle, QWidget

from app.limits import bounded_float, bounded_int
from app.lock import process_alive
from ui.dock_sizes import (  # the extents' rules, Qt-free
    SHORT_WINDOW,
    default_dock_extent,
    default_dock_height,
    dock_extent,
)
from ui.window_frame import FRAME_KEY as FRAME_KEY
from ui.window_frame import _laid_out as _laid_out
from ui.window_frame import _measured as _measured
from ui.window_frame import _screen_of as _screen_of
from ui.window_frame import _shown_windows as _shown_windows
from ui.window_frame import fit_new_window as fit_new_window
from ui.window_frame import fit_to_screen as fit_to_screen
from ui.window_frame import frame_margins as frame_margins
from ui.window_frame import keep_on_screen as keep_on_screen
from ui.window_frame import outer as outer
from ui.window_frame import place as place
from ui.window_frame import remember_frame
from ui.window_frame import settle as settle

NAV_EXTENT = 190
# A first launch in a window narrower than this (a 1024×768 or 1152×864 screen) puts the findings
# below the page: beside it they left 表三's and 表四's right-hand columns off screen.
SMALL_WINDOW = 1280
# Resized across SMALL_WINDOW, a dock the user never placed follows: below the page when narrower,
# beside it when wider (once the resize has paused for this long: not at each step of a drag).
FOLLOW_DELAY_MS = 150
NAV_SHARE = 4
DEFAULT_SIZE = (1400, 900)
# A screen whose free area is lower than this (1366×768; 1920×1080 at 150 %: 1280×720 to Qt; the
# worst, 1366×768 at 150 %: 911×512) is short: a first start fills it (``WindowLayout.fills``) —
# a window of 92 % of it, centred, gave 表三 a row less at 911×512, for a desktop nobody looks at.
SHORT_SCREEN = 800
_AREAS = frozenset(a.value for a in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                                     Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea))


def fills(frame: QRect, screen: QRect) -> bool:
    """Whether a window's ``frame`` covers a short ``screen``'s free area (all but a few pixels
    each way): a layout saved on a larger screen, cut to this one, starts as a first start here."""
    return screen.height() < SHORT_SCREEN and frame.width() >= screen.width() * 0.95 \
        and frame.height() >= screen.height() * 0.95


def _int(settings: QSettings, key: str) -> int | None:
    return bounded_int(settings.value(key)) if settings.contains(key) else None


def _horizontal(window: QMainWindow, dock: QDockWidget) -> bool:
    area = window.dockWidgetArea(dock)
    return area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def _extent(window: QMainWindow, dock: QDockWidget) -> int:
    return dock.width() if _horizontal(window, dock) else dock.height()


OPEN_KEY = "window/open"  # where each open window of every running editor is: "<pid>-<n>" = "x,y,since"
BATCH_OPEN_KEY = "batch/open"  # the same for each open 批量检查 window (ui/batch_window.py)
_serial = iter(range(1, 1 << 30))


def _open_windows(settings: QSettings, mine: str, group: str = OPEN_KEY) -> list[QPoint]:
    """The top left corners of the other editors' windows of ``group`` (those of processes
    still running)."""
    settings.beginGroup(group)
    try:
        entries = {k: str(settings.value(k)) for k in settings.childKeys()}
    finally:
        settings.endGroup()
    out: list[QPoint] = []
    for key, value in entries.items():
        # Each number bounded (a damaged or hand-edited settings file: a corner of 3000000000
        # from a live pid raised in QPoint at every start, rev25b S1); garbage goes whoever wrote it.
        pid = bounded_int(key.split("-", 1)[0], 1, 2**31 - 1)
        parts = value.split(",")
        x, y = (bounded_int(v) for v in parts[:2]) if len(parts) == 3 else (None, None)
        since = bounded_float(parts[2], 0.0, 1e12) if len(parts) == 3 else None
        if pid is None or x is None or y is None or since is None:
            settings.remove(f"{group}/{key}")
        elif pid != os.getpid() and key != mine and process_alive(pid, since):
            out.append(QPoint(x, y))
        elif not key.startswith(f"{os.getpid()}-"):
            settings.remove(f"{group}/{key}")  # a crashed editor's
    return out


class _Presence(QObject):
    """Tells other editors where this window is (QSettings, a moment after it shows or moves)
    and forgets it when the window closes.  A moment after it shows, the window system's frame
    round it is known: the window is put wholly on its screen if it is not (the frame was
    guessed), and the frame is remembered for the next window of another start."""

    def __init__(self, window: QMainWindow, key: str) -> None:
        super().__init__(window)
        self.window, self.key = window, key
        self.since = time.time()
        self.timer = QTimer(self, singleShot=True, interval=500)  # not on the start's path
        self.timer.timeout.connect(self.write)
        self.shown = False  # shown since the last write: the frame is checked then
        self.placed = QSize()  # the size WindowLayout gave it: another (a screenshot's) is left be
        self.follower: _WidthFollower | None = None  # told of the user's resizes
        # The window's one filter in Python: it is called for every event of the window (a busy
        # bar's repaint requests, ~250 a second while a file is read), and each call waits for
        # the GIL while a worker runs Python — up to a switch interval (5 ms) each.
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and self.follower is not None \
                and (event.size().height() < SHORT_WINDOW) != self.follower.layout.short:  # type: ignore[attr-defined]
            self.follower.layout.follow_height()
        if kind in (QEvent.Type.Show, QEvent.Type.Move):
            self.shown = self.shown or kind == QEvent.Type.Show
            self.timer.start()
        elif kind == QEvent.Type.Close and self.shown and self.window.isVisible():
            # Closed before the timer wrote: its frame kept all the same (the next start's
            # guess).  On the close, not the hide: a window being deleted is hidden from its
            # destructor, when asking it for its geometry crashed the process (segfault, CI).
            self.shown = False
            remember_frame(self.window, framed_only=True)
        elif kind == QEvent.Type.Hide:  # closed (a close the user called off leaves it shown)
            self.timer.stop()
            self.forget()
        elif kind == QEvent.Type.Resize and event.spontaneous() and self.follower is not None:
            # The user's resizes (the frame dragged, maximised, restored) come from the window
            # system; the program's own resize() calls place the window and leave the docks be.
            self.follower.timer.start()
        elif kind == QEvent.Type.Resize and self.window.isVisible():
            new, old, least = event.size(), event.oldSize(), self.window.minimumSizeHint()  # type: ignore[attr-defined]
            if old.height() < new.height() == least.height() or old.width() < new.width() == least.width():
                # Grown by Qt to a new minimum (the findings counted late): kept on the screen (rev26 W2)
                # With this filter (the window's child) as the call's context: a window deleted
                # before it runs (closed as it grew) is not asked after.
                QTimer.singleShot(0, self, lambda: None if self.window.isMaximized() else fit_new_window(self.window))
        return False

    def write(self) -> None:
        window = self.window
        if not window.isVisible():
            return
        if self.shown:
            self.shown = False
            settle(window, self.placed)
        top = window.frameGeometry().topLeft()
        settings = QSettings()
        settings.setValue(f"{OPEN_KEY}/{self.key}", f"{top.x()},{top.y()},{self.since:.0f}")
        # The one editor window: its place is the next start's now, not only once it closes.  A
        # start after a crash (kill -9) put the window by default, centred by a frame guessed
        # or measured anew, a few pixels from where it had been each time (the GUI tester's
        # title bar at y 36, 31, 24).  With others open it is left to closing: a cascaded
        # window's place would be the next start's.
        if not _others_here(window) and not _open_windows(settings, self.key):
            settings.setValue("window/geometry", window.saveGeometry())

    def forget(self) -> None:
        QSettings().remove(f"{OPEN_KEY}/{self.key}")


class Announced(QObject):
    """Tells other editors where a window that is not an editor's is (``group`` of QSettings, a
    moment after it shows or moves) and forgets it when the window hides: a 批量检查 window of a
    second editor came up exactly over the first editor's (each cascaded off its own only)."""

    def __init__(self, window: QWidget, group: str) -> None:
        super().__init__(window)
        self.window, self.group = window, group
        self.key = f"{os.getpid()}-{next(_serial)}"
        self.since = time.time()
        self.timer = QTimer(self, singleShot=True, interval=500)
        self.timer.timeout.connect(self.write)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Move):
            self.timer.start()
        elif kind == QEvent.Type.Hide:  # closed (or minimised: nothing to step off then)
            self.forget()
        return False

    def write(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            top = self.window.frameGeometry().topLeft()
            QSettings().setValue(f"{self.group}/{self.key}", f"{top.x()},{top.y()},{self.since:.0f}")

    def forget(self) -> None:
        self.timer.stop()
        QSettings().remove(f"{self.group}/{self.key}")

    def others(self) -> list[QPoint]:
        """Where the windows of ``group`` of the other editors running are."""
        return _open_windows(QSettings(), self.key, self.group)


def _others_here(window: QMainWindow) -> list[QPoint]:
    """Where this program's other main windows are."""
    return [w.frameGeometry().topLeft() for w in _shown_windows(window)]


def _title_bar(window: QMainWindow) -> int:
    """A title bar's height: the window system's, or the style's where it draws none (offscreen)."""
    height = frame_margins(window).top()
    return max(height, QApplication.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight), 20)


def automatic_area(width: int) -> Qt.DockWidgetArea:
    """Where a dock the user never placed goes in a window ``width`` wide."""
    return Qt.DockWidgetArea.BottomDockWidgetArea if width < SMALL_WINDOW else Qt.DockWidgetArea.RightDockWidgetArea


class _WidthFollower(QObject):
    """Moves the docks the user never placed as the window's width crosses SMALL_WINDOW."""

    def __init__(self, layout: WindowLayout) -> None:
        super().__init__(layout.window)
        self.layout = layout
        self.timer = QTimer(self, singleShot=True, interval=FOLLOW_DELAY_MS)
        self.timer.timeout.connect(layout.follow_width)  # started by _Presence's filter


class _AtFullHeight(QObject):
    """The docks sized once more when the window, restored maximised but shown later (a start
    waiting for its report), has its maximised height: sized while it was lower, Qt kept a
    dock left 130 px high at what that lower window allowed, less each start."""

    def __init__(self, layout: WindowLayout, splitter: QSplitter, height: int) -> None:
        super().__init__(layout.window)
        self.layout, self.splitter, self.height = layout, splitter, height
        layout.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and event.size().height() >= self.height:  # type: ignore[attr-defined]
            layout, splitter = self.layout, self.splitter
            watched.removeEventFilter(self)
            self.deleteLater()
            QTimer.singleShot(0, layout.window, lambda: layout.apply(splitter))
        return False


class WindowLayout:
    """Saves and restores one main window's layout in QSettings (``window/…``)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.presence = _Presence(window, f"{os.getpid()}-{next(_serial)}")
        _laid_out.add(window)
        # The docks it keeps, as the window adds them: not found by findChildren, which would
        # wrap every widget of the window in Python (a few ms of start-up).
        self.docks: list[QDockWidget] = []
        self.dock_extents: dict[str, int | None] = {}
        self.stepped: tuple[QByteArray, QRect] | None = None  # the saved place before the cascade, the place after
        self.fills = False  # it fills a short screen's free area: a start shows it maximised
        self.short = False  # laid out for a window lower than SHORT_WINDOW (ui/short_window.py)
        self.dock_left_in: dict[str, int | None] = {}  # the window's extent each was left in
        self.dock_left_short: dict[str, bool] = {}  # each left below the page of a short window
        self.nav_extent: int | None = None
        self.nav_left_in: int | None = None  # the window's width the navigation was left in
        # Docks the user placed (dragged to a side, or floated): left where they are; the
        # others follow the window's width (automatic_area).
        self.dock_chosen: dict[str, bool] = {}
        self._placing = False  # our own move: not the user's choice
        self._splitter: QSplitter | None = None
        self._follower: _WidthFollower | None = None

    def restore_geometry(self) -> None:
        """Size and place as last time, on the screen as it is now (or a sensible default: on a
        short screen the whole of its free area, ``fills``)."""
        settings = QSettings()
        # contains() first: a missing key would come back as an invalid QVariant.
        geometry = settings.value("window/geometry") if settings.contains("window/geometry") else None
        self.nav_extent = _int(settings, "window/nav")
        self.nav_left_in = _int(settings, "window/nav/of")
        window = self.window
        if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
            if not window.isMaximized() and not window.isFullScreen():
                self._fit_frame()
                self.fills = fills(outer(window), _screen_of(outer(window)))  # saved on a larger screen, say
                self._cascade(settings)
        else:
            screen = QGuiApplication.primaryScreen().availableGeometry()
            if screen.height() < SHORT_SCREEN:
                place(window, screen)  # every row of the page counts: as Word and WPS start on a laptop
            else:
                window.resize(min(DEFAULT_SIZE[0], int(screen.width() * 0.96)), min(DEFAULT_SIZE[1], int(screen.height() * 0.92)))
                frame = outer(window)
                frame.moveCenter(screen.center())
                place(window, fit_to_screen(frame, screen))
            self.fills = screen.height() < SHORT_SCREEN
            self._cascade(settings)
        self.fills = self.fills and self.stepped is None  # a second window steps aside, as it is
        self.presence.placed = window.size()

    def maximise_if_filling(self) -> None:
        """A start's window that fills a short screen (``fills``) shown maximised, as Word and WPS
        start on a laptop: the window system's own fill (no border, its frame exactly on the
        screen).  The start's only (ui/main.py): Qt's offscreen platform maximises to its own
        screen, whatever size a test gives the screen, so the tests' windows only fill."""
        if self.fills:
            self.window.setWindowState(self.window.windowState() | Qt.WindowState.WindowMaximized)

    def beside(self, other: QMainWindow) -> None:
        """Placed clear of ``other`` too, though it is not shown yet (a start's first window
        waiting for its report while a recovered document opens in a second one)."""
        self._cascade(QSettings(), [outer(other).topLeft()])
        self.presence.placed = self.window.size()

    def _cascade(self, settings: QSettings, also: list[QPoint] | None = None) -> None:
        """Not on top of another open window (of this program or of another editor running).
        Every place is a frame's top left corner, title bar included: the other windows' as
        they are on screen, this one's as it will be (its inside, saved or default, with the
        frame round it): comparing the one's inside with the others' frames left a second
        window a pixel right and a title bar down, its bottom off the screen."""
        window = self.window
        taken = _others_here(window) + _open_windows(settings, self.presence.key) + (also or [])
        if not taken:
            return  # the one window: exactly where it was
        frame = outer(window)
        margins = frame_margins(window)
        layout = window.layout()
        if layout is not None:
            layout.activate()  # its minimum known before it is shown
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize()).grownBy(margins)
        from ui.window_place import cascade  # with another window open only: not a lone start's

        placed = cascade(frame, taken, _screen_of(frame), _title_bar(window), minimum)
        if placed != frame:
            # Stepped twice (a recovered document's window, ``beside``): the place it first
            # stepped from is still the one it was given, not the first step's.
            before = self.stepped[0] if self.stepped is not None else window.saveGeometry()
            place(window, placed)
            self.stepped = (before, window.geometry())

    def _fit_frame(self) -> None:
        fit_new_window(self.window)  # a layout saved on a larger screen, or a monitor since gone

    def restore_layout(self, splitter: QSplitter) -> None:
        """Docks and splitter once they exist: each dock's side and visibility as saved, then
        the extents within limits.  Qt's own restoreState is not used: it re-applies the saved
        extents on the first layout passes, over any correction made before them."""
        settings = QSettings()
        self.dock_extents, self.dock_left_in = {}, {}
        self._splitter = splitter
        for dock in self._docks():
            name = dock.objectName()
            key = f"window/dock/{name}"
            self.dock_extents[name] = _int(settings, key)
            self.dock_left_in[name] = _int(settings, f"{key}/of")
            self.dock_left_short[name] = str(settings.value(f"{key}/short", "")).lower() == "true"
            area = _int(settings, f"{key}/area")
            # Saved before choices were told apart: the left or the top was the user's doing.
            chosen = str(settings.value(f"{key}/chosen", "")).lower() == "true" or (
                area in _AREAS and area not in (Qt.DockWidgetArea.RightDockWidgetArea.value,
                                                Qt.DockWidgetArea.BottomDockWidgetArea.value))
            self.dock_chosen[name] = chosen
            if not chosen:  # as the window's width wants it (a first launch on a small screen: below)
                wanted = self._automatic_area().value
                squeezed = area == Qt.DockWidgetArea.RightDockWidgetArea.value and (self.dock_left_in[name] or SMALL_WINDOW) < SMALL_WINDOW
                if area is not None and (area != wanted or squeezed):
                    self.dock_extents[name] = None  # saved the other way, or squeezed beside a short screen's page: the default
                area = wanted
            if area in _AREAS and area != self.window.dockWidgetArea(dock).value:
                self._place(dock, Qt.DockWidgetArea(area))
            if str(settings.value(f"{key}/visible", "true")).lower() == "false":
                dock.hide()
            dock.dockLocationChanged.connect(lambda _area, d=dock: self._user_placed(d))
            dock.topLevelChanged.connect(lambda _floating, d=dock: self._user_placed(d))
        self.follow_height()
        self.apply(splitter)
        if self._follower is None:
            self._follower = _WidthFollower(self)
            self.presence.follower = self._follower

    def _place(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
        self._placing = True
        try:
            self.window.addDockWidget(area, dock)
        finally:
            self._placing = False

    def _user_placed(self, dock: QDockWidget) -> None:
        if not self._placing:  # dragged to another side, floated or docked again: the user's choice
            self.dock_chosen[dock.objectName()] = True

    def follow_width(self) -> None:
        """The docks the user never placed, where the window's width wants them (a window
        shrunk to 1024 px: the findings below the page, its tables whole)."""
        window = self.window
        if window.isMinimized() or self._splitter is None or not shiboken6.isValid(window):
            return
        wanted = self._automatic_area()
        moved = False
        for dock in self._docks():
            name = dock.objectName()
            if self.dock_chosen.get(name) or dock.isFloating() or window.dockWidgetArea(dock) == wanted:
                continue
            self._place(dock, wanted)
            self.dock_extents[name] = None  # its extent the other way means nothing here
            moved = True
        if moved:
            self.apply(self._splitter)

    def follow_height(self) -> None:
        """The window's parts as its height wants them: lower than SHORT_WINDOW, the page first
        (ui/short_window.py; not a tall window's start)."""
        short = self.window.height() < SHORT_WINDOW
        if short != self.short:
            from ui.short_window import set_short

            self.short = short
            set_short(self.window, short)

    def _automatic_area(self) -> Qt.DockWidgetArea:
        """automatic_area, but beside the page on a screen too short for the docks below it
        with a report in (800×500, 200 % on 1600×1000: the window ran off the screen, its status
        bar unseen) — the same for every start (ui/dock_side.py)."""
        window, wanted = self.window, automatic_area(self.window.width())
        if wanted == Qt.DockWidgetArea.BottomDockWidgetArea:
            from ui.dock_side import fits_below  # a small window's only: not on a start's path

            margins = frame_margins(window)
            if not fits_below(window, self._docks(), margins.top() + margins.bottom(), _screen_of(outer(window)).height()):
                return Qt.DockWidgetArea.RightDockWidgetArea
        return wanted

    def _docks(self) -> list[QDockWidget]:
        return [d for d in self.docks if d.parent() is self.window and d.objectName()]

    def apply(self, splitter: QSplitter) -> None:
        """Every docked widget and the navigation back within their share of the window."""
        window = self.window
        layout = window.layout()
        if layout is not None:
            layout.activate()  # docks get their first size now: resizing before that is ignored
        for dock in self._docks():
            if dock.isFloating():  # a hidden one too: it has this extent when shown again
                continue
            horizontal = _horizontal(window, dock)
            total = window.width() if horizontal else window.height()
            if (self.fills or window.isMaximized()) and not horizontal:
                # Maximised (restored so, or to be: ui/main.py) but not shown yet: the height it will
                # have, not the one
                # it was placed with — a dock left at 130 px came back at 123,
                # then 117, … one start after another (in proportion to the lower window).
                margins = frame_margins(window)
                full = _screen_of(outer(window)).height() - margins.top() - margins.bottom()
                if full > total:
                    _AtFullHeight(self, splitter, full)  # sized again there: Qt keeps no more now
                    total = full
            minimum = dock.minimumSizeHint().width() if horizontal else dock.minimumSizeHint().height()
            name = dock.objectName()
            saved = self.dock_extents.get(name)
            if self.short and not horizontal and not self.dock_left_short.get(name):
                # Below a short window's page a height is kept only if it was left there: an
                # older version's (its 130 px default under Qt's title bar) or a tall window's
                # left 表三 a row fewer at 911×472; the least height, the counts row and one finding.
                saved = None
            extent = dock_extent(saved, self.dock_left_in.get(name), minimum, total,
                                 default_dock_extent(total) if horizontal else default_dock_height(total, not self.short))
            orientation = Qt.Orientation.Horizontal if horizontal else Qt.Orientation.Vertical
            window.resizeDocks([dock], [extent], orientation)
        sizes = splitter.sizes()
        if len(sizes) >= 2:
            nav = splitter.widget(0)
            nav_min = max(nav.minimumWidth(), nav.minimumSizeHint().width()) if nav is not None else 0
            # As the docks': dragged wider than a quarter, it comes back as wide (it came back at a quarter)
            first = dock_extent(self.nav_extent, self.nav_left_in, nav_min, window.width(), NAV_EXTENT, NAV_SHARE)
            splitter.setSizes([first, max(sum(sizes) - first, 1), *sizes[2:]])

    def keep_on_screen(self) -> None:
        """Shown, wholly on its screen (``keep_on_screen``): after a change of its parts may have made it taller."""
        window = self.window
        if window.isVisible():
            layout = window.layout()
            if layout is not None:
                layout.activate()  # grown to its new minimum now
            keep_on_screen(window, self.presence.placed)
