"""Where a second window goes (Word's cascade, as plain rectangles): a part of ui/window_layout.py
a lone start does without, asked only when another editor window is open.  It imports nothing of
window_layout's, which imports it (no cycle: tests/test_import_graph.py)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize


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
