"""Settings that cannot be written (their folder on a read-only disk, the disk full): the user is
told once, in Chinese, that 最近打开的文件 and the layout will not be kept; the run goes on with
them as set (ui/settings_check.py).  Real file systems: a tmpfs mounted read-only, a full one."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import mounted_tmpfs
from tests.helpers import fill_disk
from ui import recent, settings_check
from ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _untold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings_check, "_told", [])
    monkeypatch.setattr(settings_check, "_held", [])
    monkeypatch.setattr(settings_check, "_waiting", [])


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "disk", "1m") as mnt:
        yield mnt


def settings_on(folder: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))


def boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "settings-unwritable" and w.isVisible()]


def report(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(b"PK")
    return path


def test_a_read_only_settings_disk_is_said_once_and_the_run_keeps_its_recent_files(
        window: MainWindow, disk: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings_on(disk)
    earlier = report(tmp_path, "上次的报告.docx")
    window.docs.recent_files.add(earlier)
    window.docs.recent_files.write()
    assert not boxes()
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    # a moment after the start: the settings looked at once
    settings_check._probe(window)
    qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=5000)
    box = boxes()[0]
    text = box.text()
    assert "设置文件无法写入（所在磁盘是只读的）" in text and "最近打开的文件" in text and "窗口布局" in text
    assert "关闭程序后不会保留" in text and str(disk) in text
    assert [b.text() for b in box.buttons()] == ["确定(&O)"]
    assert box.windowModality() != Qt.WindowModality.ApplicationModal, "the other windows go on"
    # the run goes on: a report opened now is at the top of the list, and nobody is asked again
    now = report(tmp_path, "今年的报告.docx")
    window.docs.recent_files.add(now)
    window.docs.recent_files.write()
    window.docs.recent_files.forget(str(earlier))
    assert recent.stored() == [str(now)]
    assert len(boxes()) == 1 and settings_check.told() == "所在磁盘是只读的"
    box.buttons()[0].click()
    qtbot.waitUntil(lambda: not boxes(), timeout=5000)
    window.docs.recent_files.add(earlier)
    window.docs.recent_files.write()
    assert not boxes(), "told once a run"
    # nothing reached the disk
    subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    written = (disk / "settings").rglob("*.ini")
    assert all("今年的报告" not in p.read_text(encoding="utf-8", errors="replace") for p in written)


def test_a_full_disk_is_said_when_the_recent_files_are_written(
        window: MainWindow, disk: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings_on(disk)
    settings_check._probe(window)
    assert not boxes(), "a writable settings folder: nothing said"
    fill_disk(disk, 0)
    window.docs.recent_files.add(report(tmp_path, "某街道2024年报.docx"))
    window.docs.recent_files.write()
    qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=5000)
    assert "磁盘已满" in boxes()[0].text()
    assert recent.stored()[0].endswith("某街道2024年报.docx"), "kept for this run"


def test_a_settings_folder_that_is_a_file_is_said_at_the_start(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Where the settings' folder should be there is a file (root can write anything else)."""
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder", encoding="utf-8")
    settings_on(blocker)
    settings_check.watch(window)
    qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=5000)
    assert "设置文件无法写入（所在文件夹无法写入）" in boxes()[0].text()


def test_writable_settings_say_nothing(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    settings_check._probe(window)
    window.docs.recent_files.add(report(tmp_path, "报告.docx"))
    window.docs.recent_files.write()
    window.close()
    assert not boxes() and settings_check.told() is None


def test_the_message_waits_for_the_question_open_at_the_start(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """1.5 s in, the start's 恢复自动保存 list may be open: the message came over it, took its
    keys and hid its list (ux32 at 1366×768 150 %).  Now it comes once the question is answered."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    settings = QSettings(str(tmp_path / "editor.ini"), QSettings.Format.IniFormat)
    question = QDialog(window)
    seen: list[int] = []

    def during() -> None:
        try:
            settings_check.tell(window, settings)
            qtbot.wait(3 * settings_check.ASK_AGAIN_MS)  # long enough for it to have looked again
            seen.append(len(boxes()))
        finally:
            question.accept()  # whatever happened: never a question waiting for nobody

    QTimer.singleShot(0, during)
    question.exec()
    assert seen == [0], "not over the question"
    qtbot.waitUntil(lambda: len(boxes()) == 1, timeout=5000)
    assert settings_check.told() is not None
    for box in boxes():
        box.close()
