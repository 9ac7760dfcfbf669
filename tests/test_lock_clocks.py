"""Another PC's owner file and temporaries in a shared folder are aged on the folder's own clock
(the file server's: a file made beside them now), never this PC's clock against a time another
PC or the server stamped — two PCs' clocks differ by minutes, hours, days (app/lock.py,
app.fsclock).  This PC's clock is set wrong here by patching time.time: the file system
keeps the true one, as a server does for its clients."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from app import fsclock, lock
from app import io as app_io

HOUR = 3600.0
REAL_TIME = time.time


def doc(tmp_path: Path) -> Path:
    path = tmp_path / "年报.docx"
    path.write_bytes(b"PK")
    return path


def foreign_lock(document: Path, written: float, touched: float | None = None) -> Path:
    """Another computer's lock, its time written by that PC's clock, its file time ``touched``."""
    path = lock.lock_path(document)
    owner = {"user": "李四", "host": "PC-OTHER", "pid": 4242, "time": written, "token": "y" * 32,
             "app": "nianbao", "machine": "0badc0de"}
    path.write_text(json.dumps(owner, ensure_ascii=False), encoding="utf-8")
    if touched is not None:
        os.utime(path, (touched, touched))
    return path


def this_pc_clock(monkeypatch: pytest.MonkeyPatch, off_by: float) -> None:
    monkeypatch.setattr(time, "time", lambda: REAL_TIME() + off_by)


@pytest.mark.parametrize("off_by", [13 * HOUR, 3 * 24 * HOUR])
def test_a_live_lock_of_another_pc_is_kept_when_this_pcs_clock_is_ahead(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, off_by: float) -> None:
    document = doc(tmp_path)
    path = foreign_lock(document, written=REAL_TIME())  # refreshed just now, by the server's clock
    this_pc_clock(monkeypatch, off_by)
    owner = lock.live_owner(document)
    assert owner is not None and owner.user == "李四", "asked, not judged stale by this PC's clock"
    assert lock.acquire(document) is None
    assert json.loads(path.read_text(encoding="utf-8"))["user"] == "李四", "the lock is theirs still"


@pytest.mark.parametrize("their_clock", [-13 * HOUR, 2 * 24 * HOUR, 40 * 24 * HOUR])
def test_a_live_lock_of_another_pc_is_kept_whatever_that_pcs_clock_says(
        tmp_path: Path, their_clock: float) -> None:
    """Its written time is that PC's clock: hours slow, or days fast (a lock more than a day ahead
    of ours was read as nobody's and taken over)."""
    document = doc(tmp_path)
    foreign_lock(document, written=REAL_TIME() + their_clock)
    owner = lock.live_owner(document)
    assert owner is not None and owner.user == "李四" and "计算机 PC-OTHER" in owner.describe()
    assert lock.acquire(document) is None


def test_a_left_lock_of_another_pc_is_stale_when_this_pcs_clock_is_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = doc(tmp_path)
    old = REAL_TIME() - lock.STALE_AFTER_S - HOUR  # not refreshed for 13 h by the server's clock
    foreign_lock(document, written=old, touched=old)
    this_pc_clock(monkeypatch, -14 * HOUR)  # by this PC's clock it would be an hour in the future
    assert lock.live_owner(document) is None
    held = lock.acquire(document)
    assert held is not None and lock.read_owner(document) is not None
    assert lock.read_owner(document).token == held.owner.token  # type: ignore[union-attr]
    held.release()


def test_a_lock_of_another_pc_in_the_servers_future_is_live(tmp_path: Path) -> None:
    """A lock file time ahead of the folder's clock (its clock set back since): not told, so live."""
    document = doc(tmp_path)
    ahead = REAL_TIME() + 5 * 24 * HOUR
    foreign_lock(document, written=REAL_TIME(), touched=ahead)
    assert lock.live_owner(document) is not None
    assert lock.acquire(document) is None


def test_the_folders_clock_leaves_nothing_and_reads_the_file_systems_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK")
    this_pc_clock(monkeypatch, 7 * HOUR)
    before = REAL_TIME()
    stamp = fsclock.folder_clock(tmp_path, app_io.temp_name())
    assert stamp is not None and before - 5 <= stamp <= REAL_TIME() + 5, "the file system's clock, not time.time"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]
    assert fsclock.folder_clock(tmp_path / "missing", app_io.temp_name()) is None


def test_where_nothing_can_be_made_this_pcs_clock_stands_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only share: no file can be made beside the lock, and no lock taken over there
    either; this PC's clock says whether to ask."""
    document = doc(tmp_path)
    old = REAL_TIME() - lock.STALE_AFTER_S - HOUR
    foreign_lock(document, written=old, touched=old)
    monkeypatch.setattr(fsclock, "folder_clock", lambda folder, probe: None)
    assert lock.live_owner(document) is None
    foreign_lock(document, written=old, touched=REAL_TIME() - HOUR)
    assert lock.live_owner(document) is not None


def test_a_refresh_writes_the_same_owner_again_and_moves_its_time(tmp_path: Path) -> None:
    document = doc(tmp_path)
    held = lock.acquire(document)
    assert held is not None
    path = lock.lock_path(document)
    written = path.read_bytes()
    old = REAL_TIME() - lock.STALE_AFTER_S - HOUR
    os.utime(path, (old, old))
    held.refresh()
    assert path.read_bytes() == written
    assert path.stat().st_mtime > REAL_TIME() - 60
    held.release()
    assert not path.exists()


def test_another_pcs_save_in_progress_is_kept_when_this_pcs_clock_is_ahead(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A colleague's temporary in the shared folder, made a moment ago by the server's clock:
    never removed as a crash's leftover because this PC's clock runs an hour ahead."""
    theirs = tmp_path / f"{app_io.TEMP_PREFIX}h0badc0de-4242-0123abcd.docx.tmp"
    theirs.write_bytes(b"PK half written")
    left = tmp_path / f"{app_io.TEMP_PREFIX}h0badc0de-4243-0123abce.docx.tmp"
    left.write_bytes(b"PK")
    old = REAL_TIME() - app_io.STRAY_AGE_S - 60
    os.utime(left, (old, old))
    this_pc_clock(monkeypatch, HOUR)
    assert app_io.remove_stray_temporaries(tmp_path) == [left]
    assert theirs.read_bytes() == b"PK half written"
    assert sorted(p.name for p in tmp_path.iterdir()) == [theirs.name]


@pytest.mark.parametrize(("quiet", "said"), [(10 * 60, ""), (75 * 60, "约 75 分钟"), (3 * HOUR + 60, "约 3 小时"),
                                             (11 * HOUR, "约 11 小时")])
def test_the_question_says_how_long_another_pc_has_been_silent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: float, said: str) -> None:
    """A lock not refreshed for hours, by the folder's clock, may be a crash's: the question says
    so, so the user can decide (仍然打开) — this PC's clock hours off changes nothing."""
    from ui import filedialogs, questions

    document = doc(tmp_path)
    foreign_lock(document, written=REAL_TIME(), touched=REAL_TIME() - quiet)
    this_pc_clock(monkeypatch, -9 * HOUR)
    owner = lock.live_owner(document)
    assert owner is not None
    asked: list[str] = []
    monkeypatch.setattr(filedialogs, "choose", lambda parent, icon, title, text, buttons, default, escape:
                        asked.append(text) or escape)
    assert questions.ask_locked(None, document, owner) == ""
    assert "李四，计算机 PC-OTHER" in asked[0]
    if said:
        assert f"对方的编辑器已{said}没有确认仍在使用" in asked[0] and "可以仍然打开" in asked[0]
    else:
        assert "没有确认" not in asked[0]
