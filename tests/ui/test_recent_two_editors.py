"""最近打开 written by two editors at once (each opened a file in the same second, or both quit
together): each read the list, merged its own file in and wrote it; the one that wrote last had
read the list before the other wrote, and dropped the other's file — one run in six of two real
editors opening at the same moment (state31).  The read, merge and write now take turns under an
OS lock beside the settings file; the other instance here is a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from ui import recent
from ui.recent import RecentFiles

ROOT = Path(__file__).resolve().parents[2]

# Another editor's window writing its share of the list, with the settings this test has.
OTHER = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings
app = QCoreApplication([])
app.setOrganizationName(sys.argv[1]); app.setApplicationName(sys.argv[2])
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[3])
import ui.recent
ui.recent.LOCK_WAIT_S = 60.0  # waits for its turn however long this test holds it
mine = ui.recent.RecentFiles()
mine.add(Path(sys.argv[4]))
print("writing", flush=True)
mine.write()
"""


def test_two_editors_writing_the_list_at_once_keep_both_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings_root = Path(QSettings().fileName()).parents[1]  # conftest's private settings folder
    here, there = tmp_path / "本机关.docx", tmp_path / "另一个编辑器的.docx"
    mine = RecentFiles()
    mine.add(here)
    read_stored = recent.stored
    other: list[subprocess.Popen[str]] = []

    def the_other_writes_meanwhile() -> list[str]:
        """Our read of the list, then the other editor writing its own before ours is written."""
        items = read_stored()
        if not other:
            proc = subprocess.Popen(
                [sys.executable, "-c", OTHER, QCoreApplication.organizationName(), QCoreApplication.applicationName(),
                 str(settings_root), str(there)],
                cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
            other.append(proc)
            assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
            with suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=3)  # unlocked it is written at once; in turns it waits for ours
        return items

    monkeypatch.setattr(recent, "stored", the_other_writes_meanwhile)
    mine.write()
    assert other and other[0].wait(timeout=60) == 0
    monkeypatch.setattr(recent, "stored", read_stored)
    assert sorted(read_stored()) == sorted([str(here), str(there)])


def test_a_file_taken_off_the_list_keeps_what_another_editor_added_meanwhile(tmp_path: Path) -> None:
    """找不到 → 从列表中删除 reads and writes the list in the same turn (a control: one after the
    other, as before)."""
    first, second = tmp_path / "甲.docx", tmp_path / "乙.docx"
    mine = RecentFiles()
    mine.add(first)
    mine.write()
    theirs = RecentFiles()  # another window (or editor) adds its file
    theirs.add(second)
    theirs.write()
    mine.forget(str(first))
    assert recent.stored() == [str(second)]


def test_the_turns_lock_on_windows_registry_settings_is_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows keeps QSettings' native format in the registry, and its file name is a key
    (“\\HKEY_CURRENT_USER\\Software\\…”): the lock beside it was a folder made at the drive's root.
    The editor's data folder (%APPDATA%) holds it there."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setattr(QSettings, "format", lambda self: QSettings.Format.NativeFormat)
    monkeypatch.setattr(QSettings, "fileName", lambda self: "\\HKEY_CURRENT_USER\\Software\\nianbao\\年报编辑器")
    where = recent._lock_beside()
    assert where.parent == tmp_path / "Roaming" / "nianbao" / "年报编辑器"
    assert "HKEY" not in str(where)
