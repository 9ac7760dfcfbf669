"""The real start (`python -m app FILE`) in a process of its own, measured once its report is in
and 表三 is shown: what a user sees on the screen the process was given (an offscreen screen of
a size, ``QT_QPA_PLATFORM=offscreen:configfile=…``, or an Xvfb display).  Its settings come from
the environment (XDG_CONFIG_HOME): a fresh folder is a first start.

    python -m tests.ui.short_start FILE [SHOT.png]

prints one line of JSON: the screen's free area, the window (maximised, its frame), where the
findings are, whether their counts row and first finding are whole on screen, and how many of
表三's rows are whole below its header; with SHOT.png, the screen grabbed there.  Used by
tests/ui/test_short_start.py and benchmarks/rows_on_short_screens.py.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

PAGE = "三"
SETTLE_MS = 400  # the deferred layout passes and the dock's first sizes, after the page shows
GIVE_UP_MS = 60_000


def _on_screen(widget: QWidget, screen: QRect) -> bool:
    """``widget`` shown and wholly within the window's visible part and the screen."""
    if not widget.isVisible():
        return False
    top_left = widget.mapToGlobal(QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    window = widget.window()
    inside = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    return inside.contains(rect) and screen.contains(rect)


def rows_below_header(page: object) -> int:
    """表三's rows wholly in its grid's viewport, below its header rows."""
    view = page.view  # type: ignore[attr-defined]
    shown = 0
    for row in range(view.model().rowCount()):
        if view.rowViewportPosition(row) + view.rowHeight(row) > view.viewport().height():
            break
        shown += 1
    return shown - page.model.spec.header_rows  # type: ignore[attr-defined]


def measure(window: object) -> dict[str, object]:
    from ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    page = window.page(PAGE)
    panel, dock = window.findings, window.dock
    frame = window.frameGeometry()
    view = panel.view
    first = view.visualRect(view.model().index(0, 0)) if view.model().rowCount() else QRect()
    finding_whole = (view.isVisible() and first.isValid() and first.top() >= 0
                     and first.bottom() < view.viewport().height() and _on_screen(view, screen))
    area = window.dockWidgetArea(dock).name.removesuffix("DockWidgetArea").lower()
    return {
        "screen": [screen.width(), screen.height()],
        "window": [window.width(), window.height()],
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "maximised": window.isMaximized(),
        "findings": "hidden" if dock.isHidden() else area,
        "dock": dock.height() if area == "bottom" else dock.width(),
        "counts": all(_on_screen(t, screen) for t in panel.toggles.values()),
        "finding": bool(finding_whole),
        "status": _on_screen(window.statusBar(), screen),
        "rows": rows_below_header(page),
    }


def _window() -> QWidget | None:
    from ui.main_window import MainWindow

    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return shown[0] if shown else None


def watch(shot: str | None) -> None:
    """Once the window holds its report: 表三, a moment to settle, then measured (and grabbed)."""
    state = {"asked": False}

    def poll() -> None:
        window = _window()
        ready = window is not None and window.completed and window.docs.loading is None \
            and not window._opening() and window.state.checked  # type: ignore[attr-defined]
        if not ready:
            QTimer.singleShot(50, poll)
            return
        if not state["asked"]:
            state["asked"] = True
            window.show_page(PAGE)  # type: ignore[union-attr]
            QTimer.singleShot(SETTLE_MS, poll)
            return
        result = measure(window)
        if shot:
            QGuiApplication.primaryScreen().grabWindow(0).save(shot, "PNG")
        print(json.dumps(result), flush=True)
        # Closed as the user closes it (its layout saved: the next start's), then out at once.
        window.close()  # type: ignore[union-attr]
        os._exit(0)

    QTimer.singleShot(50, poll)
    QTimer.singleShot(GIVE_UP_MS, lambda: (print("timeout", flush=True), os._exit(3)))


def main(argv: list[str]) -> int:
    import ui.main as start

    shot = argv[1] if len(argv) > 1 else None
    loop = start.event_loop

    def measured_loop(app: QApplication) -> int:
        watch(shot)
        return loop(app)

    start.event_loop = measured_loop  # type: ignore[assignment]
    from app import launch

    return launch.main([str(Path(argv[0]))])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
