"""批量检查: from the filter box, Down goes to the list and Enter opens the one row left.

A reviewer typed a unit's name into the filter, saw its one row, and pressed Down and Enter:
nothing happened — the keys stayed in the box, and only the mouse reached the row (gui19 under
Xvfb with xdotool, shot 64)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui import test_batch_enter
from tests.ui.test_batch_window import folder as folder
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow


def checked(qtbot: QtBot, folder: Path, opened: list[Path]) -> BatchWindow:
    w = test_batch_enter.checked(qtbot, folder, opened)
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    return w


def down_from_the_filter(qtbot: QtBot, folder: Path, opened: list[Path]) -> BatchWindow:
    """The checked window, 教育局 typed into its filter (two rows left), and Down pressed there."""
    w = checked(qtbot, folder, opened)
    w.search.insert("教育局")
    qtbot.keyClick(w.search, Qt.Key.Key_Down)
    qtbot.waitUntil(w.view.hasFocus, timeout=5000)
    return w


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_in_the_filter_opens_the_one_row_it_leaves(qtbot: QtBot, folder: Path, key: Qt.Key) -> None:
    opened: list[Path] = []
    w = checked(qtbot, folder, opened)
    w.search.insert("教育局")  # typed by an input method: QTest types ASCII only
    assert w.proxy.rowCount() == 2
    qtbot.keyClick(w.search, key)  # two rows: which one is for the list to say
    assert opened == [] and w.search.hasFocus()
    w.search.insert("2023")
    assert w.proxy.rowCount() == 1
    qtbot.keyClick(w.search, key)
    assert opened == [folder / "部门" / "教育局2023.docx"]


def test_down_in_the_filter_goes_to_the_list_and_enter_opens_that_row(qtbot: QtBot, folder: Path) -> None:
    opened: list[Path] = []
    w = down_from_the_filter(qtbot, folder, opened)
    assert w.view.currentIndex().row() == 0
    qtbot.keyClick(w.view, Qt.Key.Key_Down)  # on down the list, as from any row
    assert w.view.currentIndex().row() == 1
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    shown = w.proxy.index(1, COLUMNS.index("文件")).data()
    assert opened == [folder / shown] and shown.startswith(os.path.join("部门", "教育局"))


def test_down_goes_to_the_first_row_whatever_row_was_chosen_before(qtbot: QtBot, folder: Path) -> None:
    """rev19: Down kept the row chosen before, wherever another filter had put it in the list."""
    opened: list[Path] = []
    w = down_from_the_filter(qtbot, folder, opened)
    qtbot.keyClick(w.view, Qt.Key.Key_Down)
    chosen = w.proxy.index(1, COLUMNS.index("文件")).data()
    w.search.setFocus()
    qtbot.waitUntil(w.search.hasFocus, timeout=5000)
    w.search.clear()  # every row again: the one chosen is not the first
    assert w.view.currentIndex().row() > 0 and w.view.currentIndex().data() is not None
    assert w.proxy.index(w.view.currentIndex().row(), COLUMNS.index("文件")).data() == chosen
    qtbot.keyClick(w.search, Qt.Key.Key_Down)
    qtbot.waitUntil(w.view.hasFocus, timeout=5000)
    assert w.view.currentIndex().row() == 0


def test_enter_in_the_filter_over_several_rows_says_how_to_choose_one(qtbot: QtBot, folder: Path) -> None:
    """rev19: Enter with two rows left did nothing and said nothing."""
    from PySide6.QtWidgets import QToolTip

    opened: list[Path] = []
    w = checked(qtbot, folder, opened)
    w.search.insert("教育局")
    assert w.proxy.rowCount() == 2
    summary = w.status.currentMessage()
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
    assert QToolTip.text() == "筛选后还有 2 行：按 ↓ 到列表中选定一行，再按回车打开"
    assert opened == [] and w.search.hasFocus() and w.status.currentMessage() == summary
