"""A folder on FAT or exFAT under Windows (a USB stick) keeps its modification time when a file
is added to it: 批量检查's activation kept such a folder's listing as unchanged, so a report saved
into a town's folder, or into its 附件 subfolder, never joined the list (rev18; only a drive's
root was listed again).  Here the folders' times are put back after the files are added, as
that file system leaves them, and the file system is said to be FAT32."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app import batch_collect
from app.batch_collect import Listings, collect
from app.io import save_report
from tests.test_batch import report


def _tree(tmp_path: Path) -> tuple[Path, list[Path]]:
    root = tmp_path / "U盘" / "收到的年报"
    folders = [root, root / "甲镇", root / "甲镇" / "附件"]
    folders[-1].mkdir(parents=True)
    save_report(report("某县一局", 2023, in_force=10), folders[1] / "一局.docx")
    old = time.time() - 3600  # received an hour ago
    for folder in folders:
        os.utime(folder, (old, old))
    return root, folders


def _add_keeping_times(folders: list[Path]) -> list[Path]:
    """A report saved into each folder, each folder's time left as it was (as FAT under Windows)."""
    times = [os.stat(f) for f in folders]
    added = []
    for i, folder in enumerate(folders):
        added.append(folder / f"新{i}.docx")
        save_report(report(f"某县新{i}局", 2023, in_force=10), added[-1])
    for folder, st in zip(folders, times, strict=True):
        os.utime(folder, ns=(st.st_atime_ns, st.st_mtime_ns))
    return added


@pytest.mark.parametrize("kind", ["FAT32", "exFAT", "FAT"])
def test_reports_added_to_folders_on_a_fat_stick_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           kind: str) -> None:
    monkeypatch.setattr(batch_collect, "volume_kind", lambda _folder: kind, raising=False)
    monkeypatch.setattr(batch_collect, "_DATED", {}, raising=False)
    root, folders = _tree(tmp_path)
    kept = Listings()
    first, _ = collect([root], listings=kept)
    added = _add_keeping_times(folders)
    again, _ = collect([root], listings=kept)
    assert set(again) == {*first, *added}


def test_folders_whose_time_moves_are_not_listed_again_when_unchanged(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """On NTFS (or any file system but FAT's under Windows) an unchanged folder's listing is kept."""
    monkeypatch.setattr(batch_collect, "volume_kind", lambda _folder: "NTFS")
    monkeypatch.setattr(batch_collect, "_DATED", {})
    root, folders = _tree(tmp_path)
    kept = Listings()
    collect([root], listings=kept)
    listed = kept.listed
    collect([root], listings=kept)
    assert kept.listed == listed == len(folders)
