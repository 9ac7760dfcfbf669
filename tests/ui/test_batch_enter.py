"""批量检查: Enter on a row opens its report, as a double-click does.

A reviewer going down the list with the arrow keys had no key to open the report under the
cursor: Enter did nothing, only the mouse opened it (gui18 under Xvfb, shot 67)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_batch_window import folder as folder
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow


def checked(qtbot: QtBot, folder: Path, opened: list[Path]) -> BatchWindow:
    """A batch window, active, that has checked ``folder``; the reports it opens go to ``opened``."""
    w = BatchWindow(jobs=1, open_report=opened.append)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    return w


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_row_opens_its_report(qtbot: QtBot, folder: Path, key: Qt.Key) -> None:
    opened: list[Path] = []
    w = checked(qtbot, folder, opened)
    row = next(r for r in range(w.proxy.rowCount())
               if w.proxy.index(r, COLUMNS.index("文件")).data() == os.path.join("部门", "教育局2023.docx"))
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus, timeout=5000)
    w.view.setCurrentIndex(w.proxy.index(row, 0))
    qtbot.keyClick(w.view, key)
    assert opened == [folder / "部门" / "教育局2023.docx"]
