"""The editor's own LibreOffice conversions (a .doc opened): no soffice.bin outlives 取消 or
the editor's exit, the launcher's grandchild included (tests/fake_soffice.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests import fake_soffice
from ui import tasks
from ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="process groups and /proc")


@pytest.fixture
def launcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    pids = fake_soffice.install(tmp_path, monkeypatch)
    yield pids
    fake_soffice.reap(pids)


@pytest.mark.parametrize("how", ["取消", "exit"])
def test_opening_an_old_document_leaves_no_soffice_bin(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                        launcher: Path, how: str) -> None:
    doc = tmp_path / "旧格式.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))  # an OLE file: Word 97-2003
    task = window.docs.load_in_background(doc)
    started = fake_soffice.wait_for(launcher, 2, within=20)
    if how == "取消":
        window.docs.cancel_load()
    else:
        tasks.cancel_all()  # what the application's aboutToQuit runs
    assert task.wait(5), "the conversion stopped, not after its 45 s limit"
    assert fake_soffice.all_gone(started), "soffice.bin outlived the conversion"
