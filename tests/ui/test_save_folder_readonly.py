"""A save dialog never starts in a folder it cannot write to.

A report opened from a read-only folder (a CD, a share others keep, 收到的年报 on a read-only
mount) started 另存为 there with its name proposed, and Enter ended in 保存失败：所在磁盘是只读的
(gui22 under Xvfb, shots 62–63); so did 导出PDF and 导出发布稿.  The name now goes into the folder
used last, else 文档 / Documents, else home, wherever one can be written."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.conftest import SAMPLE
from tests.ui.test_save_folder import Dialogs, home  # noqa: F401 (home: the fixture)
from ui import filedialogs
from ui.main_window import MainWindow


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder holding a report, its permissions read-only.  Run as root, where permissions do
    not bind, os.access answers for that folder as it would for anyone else."""
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "报告.docx")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    if os.geteuid() == 0:
        access = os.access

        def as_anyone(path: object, mode: int, *args: object, **kwargs: object) -> bool:
            if mode & os.W_OK and Path(str(path)).resolve() == folder.resolve():
                return False
            return access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", as_anyone)
    yield folder
    folder.chmod(stat.S_IRWXU)


def test_save_as_and_exports_start_where_they_can_write(window: MainWindow, home: Path, read_only: Path,  # noqa: F811
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (home / "文档").mkdir()
    assert window.docs.load(read_only / "报告.docx")
    filedialogs.remember(read_only / "报告.docx")  # opened through 打开: the folder used last too
    del window.docs.ask_save_path  # the real question, not the fixture's answer
    dialogs = Dialogs(monkeypatch)
    window.docs.ask_save_path()
    window.output.ask_pdf_path()
    for start in dialogs.starts:
        assert start.parent == home / "文档", start
        assert start.name.endswith((".docx", ".pdf")) and start.name != ".docx", start
    assert dialogs.starts[0].stem.startswith("报告"), "the report's own name, in another folder"


def test_a_writable_folder_of_the_report_is_kept(window: MainWindow, home: Path, tmp_path: Path,  # noqa: F811
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "科室"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "报告.docx")
    assert window.docs.load(folder / "报告.docx")
    del window.docs.ask_save_path
    dialogs = Dialogs(monkeypatch)
    window.docs.ask_save_path()
    assert dialogs.starts[-1].parent == folder
