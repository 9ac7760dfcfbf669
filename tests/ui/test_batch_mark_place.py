"""批量检查: marking keeps the reviewer's place.  With the list sorted or filtered by 状态 (the
unreviewed first: the day's worklist), a marked row moves away or leaves the list; the row that
takes its place is selected, so the next Ctrl+1 marks the next report (Xvfb walk, walk21: the
marked row went to the bottom with the cursor, nothing was selected, and the next Ctrl+1 did nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.conftest import checked_batch
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow

STATUS, FILE = COLUMNS.index("状态"), COLUMNS.index("文件")
NAMES = ("财政局.docx", "教育局.docx", "民政局.docx", "商务局.docx")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> BatchWindow:
    root = tmp_path / "收到的年报"
    root.mkdir()
    for name, organ in zip(NAMES, ("某县财政局", "某县教育局", "某县民政局", "某县商务局"), strict=True):
        save_report(report(organ, 2023), root / name)
    w = checked_batch(qtbot, root)
    w.resize(1100, 500)
    return w


def rows(w: BatchWindow) -> list[tuple[str, str]]:
    return [(w.proxy.index(r, FILE).data(), w.proxy.index(r, STATUS).data()) for r in range(w.proxy.rowCount())]


def selected(w: BatchWindow) -> list[str]:
    return [w.proxy.index(i.row(), FILE).data() for i in w.view.selectionModel().selectedRows()]


def click_row(qtbot: QtBot, w: BatchWindow, row: int) -> None:
    rect = w.view.visualRect(w.proxy.index(row, 0))
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def ctrl(w: BatchWindow, key: Qt.Key) -> None:
    QTest.keyClick(w.view, key, Qt.KeyboardModifier.ControlModifier)


def test_sorted_by_status_the_next_report_is_selected_after_a_mark(qtbot: QtBot, window: BatchWindow) -> None:
    w = window
    w.view.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)  # 未审核 first, as a click on 状态 sorts
    assert [s for _, s in rows(w)] == ["未审核"] * 4
    click_row(qtbot, w, 0)
    first = selected(w)
    ctrl(w, Qt.Key.Key_1)
    assert dict(rows(w))[first[0]].startswith("已审核") and rows(w)[0][0] != first[0], "sorted away"
    assert selected(w) == [rows(w)[0][0]] and rows(w)[0][1] == "未审核", (selected(w), rows(w))
    assert w.view.currentIndex().row() == 0
    ctrl(w, Qt.Key.Key_1)  # the next one, without touching the mouse
    ctrl(w, Qt.Key.Key_1)
    assert [s[:3] for _, s in rows(w)] == ["未审核", "已审核", "已审核", "已审核"], rows(w)
    ctrl(w, Qt.Key.Key_Z)  # undo: the report taken back is selected where it is now
    assert [s[:3] for _, s in rows(w)] == ["未审核", "未审核", "已审核", "已审核"], rows(w)
    assert len(selected(w)) == 1 and dict(rows(w))[selected(w)[0]] == "未审核"


def test_filtered_to_unreviewed_a_marked_row_leaves_and_the_next_is_selected(qtbot: QtBot, window: BatchWindow) -> None:
    w = window
    w.search.setText("未审核")
    qtbot.waitUntil(lambda: w.proxy.rowCount() == 4)
    click_row(qtbot, w, 1)
    after = rows(w)[2][0]
    ctrl(w, Qt.Key.Key_1)
    assert w.proxy.rowCount() == 3
    assert selected(w) == [after], (selected(w), rows(w))
    click_row(qtbot, w, 2)  # the last row: the one before takes the selection
    before = rows(w)[1][0]
    ctrl(w, Qt.Key.Key_2)
    assert selected(w) == [before]


def test_unsorted_the_marked_rows_stay_selected(qtbot: QtBot, window: BatchWindow) -> None:
    w = window
    click_row(qtbot, w, 1)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     w.view.visualRect(w.proxy.index(2, 0)).center())
    chosen = selected(w)
    assert len(chosen) == 2
    ctrl(w, Qt.Key.Key_1)
    assert sorted(selected(w)) == sorted(chosen), "they did not move: still selected, for a second key"
