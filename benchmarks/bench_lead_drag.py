"""Dragging the handle between a table's text and its grid (not a test: it only prints).

    .venv/bin/python benchmarks/bench_lead_drag.py [--runs N] [--moves M]

A drag of M mouse moves on 表二's handle, press to release, in a 1400×900 window with the sample
report (median of N drags, alternately down and up); beside it, as the comparison, M writes of
the height to the settings file — what each drag cost on top before the height was written
once, when the button is let go (ui/table_page.py).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from common import SAMPLE, median_ms

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--moves", type=int, default=200)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from app.schema import PROACTIVE
    from ui.main import create_application

    app = create_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    from ui.main_window import MainWindow
    from ui.table_page import LEAD_KEY, TablePage

    window = MainWindow(autosave_dir=Path(tempfile.mkdtemp()))
    window.resize(1400, 900)
    window.show()
    window.docs.load(SAMPLE)
    page = window.show_page(PROACTIVE)
    assert isinstance(page, TablePage)
    if page.lead.isHidden():
        page.add_lead.click()
    app.processEvents()
    handle = page.split.handle(1)
    direction = [1]

    def send(kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
        point = QPointF(pos)
        event = QMouseEvent(kind, point, handle.mapToGlobal(point), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(handle, event)

    def drag() -> None:
        start = handle.rect().center()
        step = direction[0]
        direction[0] = -step
        send(QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
        for i in range(1, args.moves + 1):
            send(QEvent.Type.MouseMove, start + QPoint(0, step * (i % 40)), Qt.MouseButton.LeftButton)
        send(QEvent.Type.MouseButtonRelease, start, Qt.MouseButton.NoButton)
        app.processEvents()

    def writes() -> None:
        for i in range(args.moves):
            QSettings().setValue(LEAD_KEY, 200 + i % 40)

    drag()  # warm
    t0 = time.perf_counter()
    dragged = median_ms(drag, args.runs)
    written = median_ms(writes, args.runs)
    print(f"drag of {args.moves} moves, press to release: {dragged:.1f} ms median of {args.runs}")
    print(f"comparison, {args.moves} writes of the height to the settings file: {written:.1f} ms")
    print(f"(total {time.perf_counter() - t0:.1f} s)")
    window.hide()


if __name__ == "__main__":
    main()
