"""A report whose file name is GBK bytes (a Windows zip unzipped on 统信UOS/麒麟) is named in the
window as a person reads it: Qt drops lone surrogates, and the title said “.docx[*]” (rev25b S6)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.conftest import SAMPLE
from ui.main_window import MainWindow


def test_the_title_status_and_path_read_the_gbk_name(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + "各乡镇".encode("gbk")))
    folder.mkdir()
    path = folder / os.fsdecode("报告.docx".encode("gbk"))
    shutil.copyfile(SAMPLE, path)
    assert window.docs.load(path)
    qtbot.wait(20)
    assert window.windowTitle().startswith("报告.docx"), window.windowTitle()
    assert window.statusBar().currentMessage().startswith("已打开 报告.docx"), window.statusBar().currentMessage()
    assert window.file_label.text().endswith("/各乡镇/报告.docx")
    assert window.docs.source == path, "the file itself is still named by its bytes"
