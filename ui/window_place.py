"""The parts of ui/window_layout.py a lone start does without: where a second window goes (Word's
cascade, as plain rectangles; asked only when another editor window is open) and what a closing
window leaves for the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QSplitter

from ui.window_layout import NAV_EXTENT, OPEN_KEY, _extent, _horizontal

if TYPE_CHECKING:
    from ui.window_layout import WindowLayout


def cascade(frame: QRect, taken: list[QPoint], screen: QRect, step: int, minimum: QSize | None = None) -> QRect:
    """Where a new window's frame goes when other windows are open: where it was saved, unless
    another window's frame starts less than a step from there; then a title bar's height down
    and right of both, as often as needed (as Word and WPS place a second document's window:
    the other's title bar stays in sight).  Where that would leave the screen the window is
    made a little smaller (at most a fifth, never below ``minimum``), else it goes back to the
    screen's top left corner."""
    def near(p: QPoint) -> QPoint | None:
        return next((q for q in taken if abs(p.x() - q.x()) < step and abs(p.y() - q.y()) < step), None)

    if near(frame.topLeft()) is None:
        return QRect(frame)
    size = QSize(min(frame.width(), screen.width() - step), min(frame.height(), screen.height() - step))
    smallest = QSize(size.width() * 4 // 5, size.height() * 4 // 5).expandedTo(minimum or QSize())
    place = QRect(frame.topLeft(), size)
    for _ in range(len(taken) + 2 + (screen.width() + screen.height()) // max(step, 1)):
        other = near(place.topLeft())
        if other is None:
            break
        left, top = max(place.left(), other.x()) + step, max(place.top(), other.y()) + step
        room = QSize(min(size.width(), screen.right() + 1 - left), min(size.height(), screen.bottom() + 1 - top))
        if room.width() >= smallest.width() and room.height() >= smallest.height():
            place = QRect(QPoint(left, top), room)
        else:
            place = QRect(screen.topLeft(), size)  # back to the corner
    return place


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
    for dock in layout._docks():
        key = f"window/dock/{dock.objectName()}"
        settings.setValue(f"{key}/area", window.dockWidgetArea(dock).value)
        settings.setValue(f"{key}/chosen", "true" if layout.dock_chosen.get(dock.objectName()) else "false")
        settings.setValue(f"{key}/visible", "false" if dock.isHidden() else "true")
        if not dock.isFloating() and not dock.isHidden():
            settings.setValue(key, _extent(window, dock))
            settings.setValue(f"{key}/of", window.width() if _horizontal(window, dock) else window.height())
