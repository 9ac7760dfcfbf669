"""A crashed recovery slot's description is a file in the user's profile: whatever time or path it
says, the start offers the copy and restores it, never raising (rev25b S3, S9)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import SAMPLE, autosave_window
from ui import autosave

ODD_TIMES = ["2024-01-20T09:00:00+08:00", "2024-01-20T01:00:00Z", "0001-01-01T00:00:00", "9999-12-31T23:59:59",
             "2024-13-45T99:99:99+99:00", "", "garbage", 12345, None, ["2024"]]


def crashed_slot(folder: Path, description: dict[str, object]) -> Path:
    folder.mkdir(exist_ok=True)
    stem = f"autosave-99999-{os.urandom(4).hex()}"  # one of its own: a slot left held fails no other test
    shutil.copy(SAMPLE, folder / f"{stem}.docx")
    (folder / f"{stem}.json").write_text(json.dumps(description), encoding="utf-8")
    return folder / f"{stem}.docx"


@pytest.mark.parametrize("when", ODD_TIMES)
def test_every_description_time_gives_a_naive_local_time_or_none(tmp_path: Path, when: object) -> None:
    crashed_slot(tmp_path, {"path": "", "saved_at": when})
    [slot] = autosave.crashed_slots(tmp_path)
    try:
        info = slot.info()
        said = dt.datetime.fromisoformat(info.saved_at)  # the copy's own time where the description's is odd
        assert said.tzinfo is None and 1000 <= said.year <= 9000
        assert info.when() != "时间不详"
    finally:
        slot.release()


def test_a_zoned_time_is_the_same_moment_in_local_time(tmp_path: Path) -> None:
    copy = crashed_slot(tmp_path, {"path": "", "saved_at": "2024-01-20T01:00:00+00:00"})
    os.utime(copy, (1705712400, 1705712400))  # 2024-01-20 01:00 UTC: the copy as old as it says
    [slot] = autosave.crashed_slots(tmp_path)
    try:
        local = dt.datetime(2024, 1, 20, 1, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
        assert slot.info().saved_at == local.isoformat()
    finally:
        slot.release()


@pytest.mark.parametrize("stamp", [-62135596800, 253402300800])  # the copy's own time at the calendar's edges
def test_a_copy_with_a_time_at_the_calendars_edge_is_read(tmp_path: Path, stamp: int) -> None:
    copy = crashed_slot(tmp_path, {"path": "", "saved_at": "2024-01-20T09:00:00"})
    try:
        os.utime(copy, (stamp, stamp))
    except (OSError, OverflowError, ValueError):
        pytest.skip("the file system keeps no such time")
    [slot] = autosave.crashed_slots(tmp_path)
    try:
        saved_at = slot.info().saved_at  # the description's, or the copy's as the file system clamped it
        assert saved_at == "2024-01-20T09:00:00" or dt.datetime.fromisoformat(saved_at).tzinfo is None
    finally:
        slot.release()


@pytest.mark.parametrize("when", ODD_TIMES[:5])
def test_the_start_offers_and_restores_the_copy_whatever_its_time(qtbot: QtBot, tmp_path: Path, when: str) -> None:
    folder = tmp_path / "autosave"
    crashed_slot(folder, {"path": "", "saved_at": when})
    asked: list[str] = []
    win = autosave_window(qtbot, folder)
    win.docs.ask_restore = lambda info: asked.append(info.when()) or True  # type: ignore[method-assign]
    win.docs.offer_restore()
    assert len(asked) == 1 and asked[0] != "时间不详"
    assert win.state.unsaved() and win.state.report.organ  # the copy's report, unsaved work to keep
