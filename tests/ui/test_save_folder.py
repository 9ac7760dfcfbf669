"""Where 另存为 (and every save dialog) starts: the folder of the file worked on, else the folder
used last, else 文档 / Documents where one exists, else the home folder — never the program's
working folder, which Qt falls back to when it is given a folder that does not exist (a
~/Documents that was never made, a file's folder moved away)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import SAMPLE
from ui import filedialogs
from ui.main_window import MainWindow


class Dialogs:
    """QFileDialog.getSaveFileName answered with nothing: records where it started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[Path] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._ask))

    def _ask(self, parent: object, title: str, start: str, name_filter: str) -> tuple[str, str]:
        self.starts.append(Path(start))
        return "", ""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with no 文档 and no Documents, the program started in another folder."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs: Qt names ~/Documents
    program = tmp_path / "program"
    program.mkdir()
    monkeypatch.chdir(program)
    return home


def started_in(dialogs: Dialogs) -> Path:
    start = dialogs.starts[-1]
    assert start.is_absolute(), start
    assert start.parent.is_dir(), f"a dialog started in a missing folder opens in the working folder: {start}"
    assert start.parent != Path.cwd(), start
    return start.parent


def test_a_new_report_starts_in_the_documents_folder_that_exists(
        window: MainWindow, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    del window.docs.ask_save_path  # the real question, not the fixture's answer
    dialogs = Dialogs(monkeypatch)
    window.docs.ask_save_path()
    assert started_in(dialogs) == home, "neither 文档 nor Documents: the home folder"
    (home / "文档").mkdir()
    window.docs.ask_save_path()
    assert started_in(dialogs) == home / "文档"
    (home / "Documents").mkdir()
    window.docs.ask_save_path()
    assert started_in(dialogs) == home / "Documents"


def test_a_read_only_folders_file_is_offered_a_folder_that_exists(
        window: MainWindow, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file cannot be saved where it is: its name in 文档 — and 文档 missing, the home folder."""
    folder = tmp_path / "只读"
    folder.mkdir()
    path = folder / "报告.docx"
    assert window.docs.save_to(path)  # the editor's own file: saved over where it is
    assert window.docs.load(path) and window.docs.path == path
    window.docs.unwritable = "所在文件夹是只读的"  # as app.io says of it (root may write anywhere)
    del window.docs.ask_save_path
    dialogs = Dialogs(monkeypatch)
    window.docs.ask_save_path()
    assert started_in(dialogs) == home and dialogs.starts[-1].name == "报告.docx"


def test_the_folder_of_the_file_worked_on_else_the_last_one_when_it_is_gone(
        window: MainWindow, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "二〇二四 报告"
    folder.mkdir()
    path = folder / "报告.docx"
    path.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(path)
    del window.docs.ask_save_path
    dialogs = Dialogs(monkeypatch)
    window.docs.ask_save_path()
    assert started_in(dialogs) == folder
    name = dialogs.starts[-1].name  # another program's file: “报告（修订）.docx”
    last = tmp_path / "上次"
    last.mkdir()
    filedialogs.remember(last / "x.docx")
    folder.rename(tmp_path / "已移走")  # the folder moved away while the file is open
    window.docs.ask_save_path()
    assert started_in(dialogs) == last and dialogs.starts[-1].name == name
    for dialog in (window.output.ask_pdf_path, window.year_tools.excel.ask_export_path):
        dialog()
        assert started_in(dialogs) == last


def test_a_relative_folder_remembered_is_not_the_working_folder(home: Path, tmp_path: Path) -> None:
    """A folder written by hand or by an older version as “.”: the documents folder instead."""
    QSettings().setValue(filedialogs.LAST_FOLDER_KEY, ".")
    assert filedialogs.last_folder() == home
    assert Path(filedialogs.start_at("其他/报告.docx")).parent == home, "a folder not there: not the working folder"
    filedialogs.remember("报告.docx")  # a name alone, as a command line gives it: its folder, made absolute
    assert Path(str(QSettings().value(filedialogs.LAST_FOLDER_KEY))) == Path(os.getcwd())
