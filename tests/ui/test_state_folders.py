"""The folders the settings remember for the file dialogs (files/lastFolder, batch/lastFolder)
are looked at on every 打开, 另存为, 导出 and 批量检查 → 选择文件夹: one the system refuses to
look at — a name too long for it (a damaged or hand-edited settings file), a folder inside one
the user may no longer enter (a colleague's share whose permissions changed: EACCES), a network
mount gone bad (EIO) — made Path.is_dir raise, and every one of those dialogs failed with
意外错误 until the settings were cleared by hand (state31).  Such a folder is no folder: the
dialog starts where it would without it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from ui import filedialogs
from ui.documents import DocumentController
from ui.main_window import MainWindow

TOO_LONG = "/" + "/".join(["长名字" * 30] * 40)  # each name past NAME_MAX, the whole past PATH_MAX


class Dialogs:
    """Qt's file dialogs answered with nothing: records where each started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._ask))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._ask))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder))

    def _ask(self, parent: object, title: str, start: str, name_filter: str) -> tuple[str, str]:
        self.starts.append(start)
        return "", ""

    def _folder(self, parent: object, title: str, start: str) -> str:
        self.starts.append(start)
        return ""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "文档").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def refused(monkeypatch: pytest.MonkeyPatch, folder: str, err: int) -> None:
    """``folder`` (and what is inside it) answers every look with ``err``, as the system does."""
    real = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(folder):
            raise OSError(err, os.strerror(err), os.fspath(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)


@pytest.mark.parametrize("how", ["too long", "EACCES", "EIO"])
def test_every_dialog_opens_whatever_folder_the_settings_remember(
        window: MainWindow, home: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    folder = TOO_LONG if how == "too long" else "/srv/共享/收到的年报"
    if how != "too long":
        refused(monkeypatch, "/srv/共享", errno.EACCES if how == "EACCES" else errno.EIO)
    QSettings().setValue(filedialogs.LAST_FOLDER_KEY, folder)
    QSettings().setValue(filedialogs.LAST_BATCH_KEY, folder)
    dialogs = Dialogs(monkeypatch)
    assert window.docs.ask_open_path() == ""  # 打开
    assert DocumentController.ask_save_path(window.docs) == ""  # 另存为
    assert filedialogs.get_folder(window, "选择文件夹") == ""  # 批量检查
    assert filedialogs.save_at(None)  # 导出 (no name yet)
    assert dialogs.starts[0] == str(home / "文档"), "no folder remembered: where a first dialog starts"
    assert Path(dialogs.starts[1]).parent == home / "文档"
    assert dialogs.starts[2] == str(home / "文档")
    assert window.errors == [] and window.warnings == []


def test_a_report_whose_folder_cannot_be_looked_at_opens_the_dialog_elsewhere(
        window: MainWindow, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """打开 starts in the open report's folder: one gone bad since it was opened (the share's
    permissions changed) starts the dialog in the last folder instead of failing."""
    window.docs.path = Path("/srv/共享/收到的年报/某局.docx")
    refused(monkeypatch, "/srv/共享", errno.EACCES)
    dialogs = Dialogs(monkeypatch)
    assert window.docs.ask_open_path() == ""
    assert DocumentController.ask_save_path(window.docs) == ""
    assert dialogs.starts[0] == str(home / "文档")
    assert dialogs.starts[1] == str(home / "文档" / "某局.docx")
