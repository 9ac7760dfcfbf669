"""A folder with an owner file's name beside a report (made by hand, by an archive or a sync
tool restoring hidden names): the report opened with no owner file at all, silently, and a
second editor opening it was never told someone had it open (state31).  An empty such folder
is taken away and the owner file written; one holding anything is left (never a user's files),
and the report opens without an owner file as in a folder that cannot be written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app import lock


def doc(tmp_path: Path) -> Path:
    path = tmp_path / "年报.docx"
    path.write_bytes(b"PK")
    return path


@pytest.fixture(params=["posix", "windows"])
def system(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Windows's os.open refuses to create over a folder with EACCES (PermissionError), where
    POSIX says EEXIST: simulated, as nothing here runs on Windows."""
    if request.param == "windows":
        real = os.open

        def windows_open(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
            if os.path.isdir(path):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(lock.os, "open", windows_open)
    return str(request.param)


def test_an_empty_folder_in_the_owner_files_place_is_replaced_by_it(tmp_path: Path, system: str) -> None:
    document = doc(tmp_path)
    lock.lock_path(document).mkdir()
    held = lock.acquire(document)
    assert held is not None and lock.lock_path(document).is_file()
    owner = lock.live_owner(document)  # another window or editor is told
    assert owner is not None and owner.pid == os.getpid()
    held.release()
    assert not lock.lock_path(document).exists()


def test_a_folder_holding_something_is_left(tmp_path: Path, system: str) -> None:
    document = doc(tmp_path)
    lock.lock_path(document).mkdir()
    (lock.lock_path(document) / "用户的文件.txt").write_text("留着", encoding="utf-8")
    assert lock.acquire(document) is None
    assert (lock.lock_path(document) / "用户的文件.txt").read_text(encoding="utf-8") == "留着"


def test_a_folder_that_cannot_be_written_still_gives_no_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refusal that is no folder in the name's place (a read-only share) is still no lock, no message."""
    document = doc(tmp_path)

    def refused(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(lock.os, "open", refused)
    assert lock.acquire(document) is None
    assert not lock.lock_path(document).exists()
