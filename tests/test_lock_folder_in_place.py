"""A folder with an owner file's name beside a report (made by hand, by an archive or a sync
tool restoring hidden names): the report opened with no owner file at all, silently, and a
second editor opening it was never told someone had it open (state31).  An empty such folder
is taken away and the owner file written; one holding anything is left (never a user's files),
and the report opens without an owner file as in a folder that cannot be written."""

from __future__ import annotations

import os
from pathlib import Path

from app import lock


def doc(tmp_path: Path) -> Path:
    path = tmp_path / "年报.docx"
    path.write_bytes(b"PK")
    return path


def test_an_empty_folder_in_the_owner_files_place_is_replaced_by_it(tmp_path: Path) -> None:
    document = doc(tmp_path)
    lock.lock_path(document).mkdir()
    held = lock.acquire(document)
    assert held is not None and lock.lock_path(document).is_file()
    owner = lock.live_owner(document)  # another window or editor is told
    assert owner is not None and owner.pid == os.getpid()
    held.release()
    assert not lock.lock_path(document).exists()


def test_a_folder_holding_something_is_left(tmp_path: Path) -> None:
    document = doc(tmp_path)
    lock.lock_path(document).mkdir()
    (lock.lock_path(document) / "用户的文件.txt").write_text("留着", encoding="utf-8")
    assert lock.acquire(document) is None
    assert (lock.lock_path(document) / "用户的文件.txt").read_text(encoding="utf-8") == "留着"
