"""Where a 批量检查 window comes up: off the other 批量检查 windows of this editor and of the
other editors running, wholly on the screen (tests/ui/test_batch_window.py: what it does)."""

from __future__ import annotations

import itertools
import os
import time

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ui import batch_window


def test_a_second_batch_window_is_cascaded_off_the_first(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    """批量检查 twice from one editor: the second window comes a title bar down and right of the
    first, not exactly over it (it then seemed the first had gone); both wholly on the screen."""
    from ui.window_frame import outer

    window.show()
    first = batch_window.show_batch_window(window)
    second = batch_window.show_batch_window(window)
    third = batch_window.show_batch_window(window)
    try:
        corners = [outer(w).topLeft() for w in (first, second, third)]
        assert len({(p.x(), p.y()) for p in corners}) == 3, corners
        for a, b in itertools.pairwise(corners):
            assert b.x() - a.x() >= 20 and b.y() - a.y() >= 20, corners
        screen = window.screen().availableGeometry()
        assert all(screen.contains(outer(w)) for w in (first, second, third))
    finally:
        for w in (first, second, third):
            w.close()


def test_a_batch_window_steps_off_another_editors_batch_window(qtbot: QtBot, window) -> None:  # type: ignore[no-untyped-def]
    """Two editors running, each maximised (a laptop's screen), 批量检查 in each: the second
    process's window came up exactly over the first's, as each stepped off its own windows only
    (the GUI tester, two instances at 1366×768).  A batch window tells where it is, as an
    editor's window does, and forgets it once closed."""
    from ui.window_frame import outer
    from ui.window_layout import BATCH_OPEN_KEY

    window.show()
    alone = batch_window.show_batch_window(window)
    corner = outer(alone).topLeft()
    mine = f"{BATCH_OPEN_KEY}/{os.getpid()}-"
    qtbot.waitUntil(lambda: any(k.startswith(mine) for k in QSettings().allKeys()), timeout=5000)
    key = next(k for k in QSettings().allKeys() if k.startswith(mine))
    top = alone.frameGeometry().topLeft()
    assert str(QSettings().value(key)).split(",")[:2] == [str(top.x()), str(top.y())]
    alone.close()
    assert not QSettings().contains(key), "closed: no longer a place to step off"
    # Another editor's batch window (a live process: this one's parent) where this one goes.
    QSettings().setValue(f"{BATCH_OPEN_KEY}/{os.getppid()}-1", f"{corner.x()},{corner.y()},{time.time():.0f}")
    second = batch_window.show_batch_window(window)
    try:
        step = outer(second).topLeft() - corner
        assert step.x() >= 20 and step.y() >= 20, (corner, outer(second))
        assert window.screen().availableGeometry().contains(outer(second))
    finally:
        second.close()
