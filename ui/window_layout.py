"""The window's layout across launches: size and place, the docks and the navigation splitter.

Qt's saved state alone is not trusted: restored into a window of another size (another screen,
a frame shown before its docks exist) it gave the findings dock everything but the page's
minimum, more each launch.  So the extents are saved as plain numbers too and every restore
puts them back within limits: a dock never takes more than a third of the window, the
navigation never more than a quarter, so the page is always the widest part.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

DOCK_EXTENT = 340  # the findings panel's width on first launch, in a window wide enough
DOCK_DEFAULT_SHARE = 4  # on first launch in a smaller window (a 1024 px screen) a quarter …
DOCK_READABLE = 260  # … but not so narrow that a finding wraps every few characters
NAV_EXTENT = 190
# A first launch in a window narrower than this (a 1024×768 or 1152×864 screen) puts the findings
# below the page: beside it they left 表三's and 表四's right-hand columns off screen.
SMALL_WINDOW = 1280
DOCK_BELOW_READABLE = 170  # … a few findings high
DOCK_SHARE = 3  # a dock never takes more than a third of the window
NAV_SHARE = 4
DEFAULT_SIZE = (1400, 900)
_AREAS = frozenset(a.value for a in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                                     Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea))


def within(saved: int | None, minimum: int, total: int, share: int, default: int) -> int:
    """``saved`` (or ``default`` when there is none) kept between the widget's minimum and
    its share of ``total``; the minimum wins in a window too small for both."""
    wanted = default if saved is None or saved <= 0 else saved
    return max(minimum, min(wanted, total // share))


def default_dock_extent(total: int) -> int:
    """The findings panel's extent on first launch in a window ``total`` wide: a quarter of
    it, at least readable and at most ``DOCK_EXTENT`` (a third, as before, left the page cramped)."""
    return max(DOCK_READABLE, min(DOCK_EXTENT, total // DOCK_DEFAULT_SHARE))


def default_dock_height(total: int) -> int:
    """The findings panel's height below the page on first launch in a window ``total`` high:
    a quarter of it, at least a few findings high."""
    return max(DOCK_BELOW_READABLE, min(DOCK_EXTENT, total // DOCK_DEFAULT_SHARE))


def fit_to_screen(frame: QRect, screen: QRect) -> QRect:
    """A window frame no larger than the screen's free area and wholly on it: a layout saved
    on a large monitor reopens whole on a small one (or after the monitor is gone)."""
    width, height = min(frame.width(), screen.width()), min(frame.height(), screen.height())
    left = min(max(frame.left(), screen.left()), screen.right() + 1 - width)
    top = min(max(frame.top(), screen.top()), screen.bottom() + 1 - height)
    return QRect(left, top, width, height)


def _int(settings: QSettings, key: str) -> int | None:
    try:
        return int(str(settings.value(key))) if settings.contains(key) else None
    except ValueError:
        return None


def _horizontal(window: QMainWindow, dock: QDockWidget) -> bool:
    area = window.dockWidgetArea(dock)
    return area in (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


def _extent(window: QMainWindow, dock: QDockWidget) -> int:
    return dock.width() if _horizontal(window, dock) else dock.height()


class WindowLayout:
    """Saves and restores one main window's layout in QSettings (``window/…``)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        # The docks it keeps, as the window adds them: not found by findChildren, which would
        # wrap every widget of the window in Python (a few ms of start-up).
        self.docks: list[QDockWidget] = []
        self.dock_extents: dict[str, int | None] = {}
        self.nav_extent: int | None = None

    def restore_geometry(self) -> None:
        """Size and place as last time, on the screen as it is now (or a sensible default)."""
        settings = QSettings()
        # contains() first: a missing key would come back as an invalid QVariant.
        geometry = settings.value("window/geometry") if settings.contains("window/geometry") else None
        self.nav_extent = _int(settings, "window/nav")
        window = self.window
        if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
            if not window.isMaximized() and not window.isFullScreen():
                self._fit_frame()
            return
        screen = QGuiApplication.primaryScreen().availableGeometry()
        window.resize(min(DEFAULT_SIZE[0], int(screen.width() * 0.96)), min(DEFAULT_SIZE[1], int(screen.height() * 0.92)))
        frame = window.frameGeometry()
        frame.moveCenter(screen.center())
        window.move(frame.topLeft())

    def _fit_frame(self) -> None:
        window = self.window
        frame = window.frameGeometry()
        screen = QGuiApplication.screenAt(frame.center()) or QGuiApplication.primaryScreen()
        fitted = fit_to_screen(frame, screen.availableGeometry())
        if fitted != frame:
            extra = frame.size() - window.size()  # title bar and borders
            window.resize(fitted.width() - extra.width(), fitted.height() - extra.height())
            window.move(fitted.topLeft())

    def restore_layout(self, splitter: QSplitter) -> None:
        """Docks and splitter once they exist: each dock's side and visibility as saved, then
        the extents within limits.  Qt's own restoreState is not used: it re-applies the saved
        extents on the first layout passes, over any correction made before them."""
        settings = QSettings()
        self.dock_extents = {}
        for dock in self._docks():
            key = f"window/dock/{dock.objectName()}"
            self.dock_extents[dock.objectName()] = _int(settings, key)
            area = _int(settings, f"{key}/area")
            if area is None and self.window.width() < SMALL_WINDOW:  # first launch, small screen
                area = Qt.DockWidgetArea.BottomDockWidgetArea.value
            if area in _AREAS and area != self.window.dockWidgetArea(dock).value:
                self.window.addDockWidget(Qt.DockWidgetArea(area), dock)
            if str(settings.value(f"{key}/visible", "true")).lower() == "false":
                dock.hide()
        self.apply(splitter)

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
            minimum = dock.minimumSizeHint().width() if horizontal else dock.minimumSizeHint().height()
            extent = within(self.dock_extents.get(dock.objectName()), minimum, total, DOCK_SHARE,
                            default_dock_extent(total) if horizontal else default_dock_height(total))
            orientation = Qt.Orientation.Horizontal if horizontal else Qt.Orientation.Vertical
            window.resizeDocks([dock], [extent], orientation)
        sizes = splitter.sizes()
        if len(sizes) >= 2:
            nav = splitter.widget(0)
            nav_min = max(nav.minimumWidth(), nav.minimumSizeHint().width()) if nav is not None else 0
            first = within(self.nav_extent, nav_min, window.width(), NAV_SHARE, NAV_EXTENT)
            splitter.setSizes([first, max(sum(sizes) - first, 1), *sizes[2:]])

    def save(self, splitter: QSplitter) -> None:
        settings = QSettings()
        window = self.window
        settings.setValue("window/geometry", window.saveGeometry())
        settings.setValue("window/nav", splitter.sizes()[0] if splitter.sizes() else NAV_EXTENT)
        for dock in self._docks():
            key = f"window/dock/{dock.objectName()}"
            settings.setValue(f"{key}/area", window.dockWidgetArea(dock).value)
            settings.setValue(f"{key}/visible", "false" if dock.isHidden() else "true")
            if not dock.isFloating() and not dock.isHidden():
                settings.setValue(key, _extent(window, dock))
