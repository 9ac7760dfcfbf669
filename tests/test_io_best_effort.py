"""Steps of a save that only make it better — the folder synced, the old permissions kept — never
fail it: a drop-box folder (written, not read) and a file system without permissions (gvfs, NAS)
take the save (rev25b S11).  Each refusal is the system's own, made here by patching os."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from app import io as app_io

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX folders and modes")


def write(target: Path, text: str) -> None:
    app_io.atomic_write(target, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


@pytest.mark.parametrize("code", ["EOPNOTSUPP", "EPERM", "ENOSYS", "EACCES"])
def test_a_file_system_refusing_chmod_takes_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    target = tmp_path / "报告.txt"
    target.write_text("旧", encoding="utf-8")
    monkeypatch.setattr(os, "chmod", lambda *a, **k: (_ for _ in ()).throw(OSError(getattr(errno, code), code)))
    write(target, "新")
    assert target.read_text(encoding="utf-8") == "新"
    assert not [p for p in tmp_path.iterdir() if p.name != "报告.txt"], "no temporary left"


def test_a_folder_that_cannot_be_opened_to_sync_takes_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refusing(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path) == tmp_path and stat.S_ISDIR(os.stat(path).st_mode):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))  # mode 0733: no read
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing)
    target = tmp_path / "报告.txt"
    write(target, "新")
    assert target.read_text(encoding="utf-8") == "新"


def test_a_real_failure_still_fails_and_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "报告.txt"
    target.write_text("旧", encoding="utf-8")
    monkeypatch.setattr(os, "chmod", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    with pytest.raises(app_io.WriteError):
        write(target, "新")
    assert target.read_text(encoding="utf-8") == "旧"


def test_the_old_files_mode_is_kept_where_the_system_takes_it(tmp_path: Path) -> None:
    target = tmp_path / "报告.txt"
    target.write_text("旧", encoding="utf-8")
    target.chmod(0o640)
    write(target, "新")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
