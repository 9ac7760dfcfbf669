"""The editor's own files that are no regular file — a FIFO, a link to a device, a link loop — in a
damaged or tampered profile: removed before they are opened; the start never blocks on one
(rev25b S13).  Each opening runs in a child with a timeout: a FIFO opened blocks for ever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.limits import clear_odd_file

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and links of POSIX")


def odd(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(path.with_name("nowhere"))
    else:
        path.symlink_to(path)  # a loop


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling", "loop"])
def test_an_odd_file_is_cleared_and_a_regular_one_and_a_folder_are_left(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.lock"
    odd(path, kind)
    clear_odd_file(path)
    assert not os.path.lexists(path)
    regular, folder = tmp_path / "r.lock", tmp_path / "d.lock"
    regular.write_text("12")
    folder.mkdir()
    for kept in (regular, folder, tmp_path / "none.lock"):
        clear_odd_file(kept)
    assert regular.read_text() == "12" and folder.is_dir()


def run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_the_log_opens_over_a_fifo(tmp_path: Path) -> None:
    folder = tmp_path / "log"
    folder.mkdir()
    from app import logs

    os.mkfifo(folder / logs.slot_name(0))
    done = run("import sys; from pathlib import Path; from app import logs; "
               "print(logs._start(Path(sys.argv[1]) / 'log'))", tmp_path)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_file()


def test_a_recovery_slots_lock_that_is_a_fifo_does_not_block_the_start(tmp_path: Path) -> None:
    folder = tmp_path / "autosave"
    folder.mkdir()
    (folder / "autosave-99999-deadbeef.docx").write_bytes(b"PK")
    os.mkfifo(folder / "autosave-99999-deadbeef.lock")
    done = run("import sys; from pathlib import Path; from ui import autosave; "
               "slots = autosave.crashed_slots(Path(sys.argv[1]) / 'autosave'); print(len(slots))", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"


def test_qts_settings_lock_that_is_a_fifo_is_cleared_at_the_start(tmp_path: Path) -> None:
    done = run("""
import os, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from ui.main import create_application, ORGANIZATION, APP_NAME
name = Path(QSettings(ORGANIZATION, APP_NAME).fileName() + ".lock")
name.parent.mkdir(parents=True, exist_ok=True)
os.mkfifo(name)
create_application()
QSettings().setValue("x/y", 1)
QSettings().sync()
print(QSettings().value("x/y"))
""", tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
