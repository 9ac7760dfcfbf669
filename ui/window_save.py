"""What a closing window leaves for the next start (ui/window_layout.py's extents and keys): not
on a start's path, so apart from it; called by the window as it closes (ui/main_window.py)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter

from ui import settings_check
from ui.window_layout import NAV_EXTENT, OPEN_KEY, WindowLayout, _extent, _horizontal

LEAST_SLACK = 12  # px: a dock below a short page within this of its least height was left at it


def save_layout(layout: WindowLayout, splitter: QSplitter) -> None:
    """What a closing window leaves for the next start: its frame (a cascaded one's the place it
    stepped from), the navigation's width, each dock's side, whether shown, and its extent with
    the window's extent that way."""
    settings = QSettings()
    window = layout.window
    settings.remove(f"{OPEN_KEY}/{layout.presence.key}")
    # A cascaded window left where the cascade put it keeps the place it stepped from: closed
    # last, its step and shrink became the next lone start's, day after day (rev26 C1).
    step = layout.stepped
    now = window.geometry()
    moved = step is None or max(abs(step[1].x() - now.x()), abs(step[1].y() - now.y()),
                                abs(step[1].width() - now.width()), abs(step[1].height() - now.height())) > 4
    settings.setValue("window/geometry", window.saveGeometry() if moved or step is None else step[0])
    settings.setValue("window/nav", splitter.sizes()[0] if splitter.sizes() else NAV_EXTENT)
    settings.setValue("window/nav/of", window.width())  # as a dock's: the user's width, not ours to cap
    for dock in layout._docks():
        key = f"window/dock/{dock.objectName()}"
        settings.setValue(f"{key}/area", window.dockWidgetArea(dock).value)
        settings.setValue(f"{key}/chosen", "true" if layout.dock_chosen.get(dock.objectName()) else "false")
        settings.setValue(f"{key}/visible", "false" if dock.isHidden() else "true")
        if not dock.isFloating() and not dock.isHidden():
            settings.setValue(key, _extent(window, dock))
            settings.setValue(f"{key}/of", window.width() if _horizontal(window, dock) else window.height())
            # Left below a short window's page higher than its least: the user's, kept there next
            # time (WindowLayout.apply); at its least (Qt gives it a few px more or less each start:
            # 91, 87, 85 at 911×512) the next start's least again, not a height that drifts.
            below_short = layout.short and not _horizontal(window, dock)
            raised = _extent(window, dock) > dock.minimumSizeHint().height() + LEAST_SLACK
            settings.setValue(f"{key}/short", ("true" if raised else "least") if below_short else "false")
    settings_check.written(settings, window)  # a full disk at closing: said over another window, or logged
