"""Numbers read back from the settings file are bounded before Qt sees them: a damaged or
hand-edited settings file gives a default, never an exception at every start (rev25b S1)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.window_layout import FRAME_KEY, OPEN_KEY, _open_windows, frame_margins

HUGE = ("3000000000", "-3000000000", "1e400", "nan", "9" * 5000, "12,5", "")


@pytest.mark.parametrize("corner", ["3000000000,10", "10,-99999999999", "1e9,5", "nan,1"])
def test_a_live_processs_window_corner_out_of_range_is_dropped_not_raised(corner: str) -> None:
    """pid 1 lives as long as the system: its entry is never pruned as a crashed editor's —
    one written since it started (app.lock.process_alive): an hour ago failed the test on a
    machine up for less than an hour, pid 1 then younger than its window."""
    QSettings().setValue(f"{OPEN_KEY}/1-1", f"{corner},{time.time():.0f}")
    QSettings().setValue(f"{OPEN_KEY}/1-2", f"40,50,{time.time():.0f}")  # sound: kept
    places = _open_windows(QSettings(), "mine")
    assert [(p.x(), p.y()) for p in places] == [(40, 50)]
    assert not QSettings().contains(f"{OPEN_KEY}/1-1")  # garbage goes, whoever wrote it
    assert QSettings().contains(f"{OPEN_KEY}/1-2")


@pytest.mark.parametrize("entry", [("99999999999999999999-1", "1,2,3"), ("1-1", "1,2,inf"), ("1-1", "1,2"),
                                   ("x-1", "1,2,3"), ("1-1", "1,2,3,4")])
def test_an_entry_that_does_not_parse_is_removed(entry: tuple[str, str]) -> None:
    key, value = entry
    QSettings().setValue(f"{OPEN_KEY}/{key}", value)
    assert _open_windows(QSettings(), "mine") == []
    assert not QSettings().contains(f"{OPEN_KEY}/{key}")


@pytest.mark.parametrize("value", HUGE)
def test_a_window_opens_over_every_damaged_extent(qtbot: QtBot, tmp_path: Path, value: str) -> None:
    settings = QSettings()
    for key in ("window/nav", "window/lead", "window/dock/findings", "window/dock/findings/of",
                "window/dock/findings/area"):
        settings.setValue(key, value)
    settings.setValue(FRAME_KEY, f"{value},{value},{value},{value}")
    settings.setValue(f"{OPEN_KEY}/1-7", f"{value},{value},{time.time() - 3600:.0f}")
    settings.sync()
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    margins = frame_margins(win)
    assert 0 <= margins.top() <= 200 and 0 <= margins.left() <= 200
    assert win.width() > 0 and win.height() > 0
    assert win.close()
