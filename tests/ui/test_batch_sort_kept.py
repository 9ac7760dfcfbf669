"""批量检查's list comes back sorted as the reviewer left it: sorted by 错误 (highest first)
before a quit, the relaunched window (a new BatchWindow on the same settings) lists by 错误
highest first again, not by 文件 — Explorer and Outlook keep a list's order (user29's
reviewer, second round: re-sorting 40 reports every morning).  A first start is by 文件, A→Z."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app import batch
from tests.ui.test_batch_rows import result, shown, window
from ui.batch_model import COLUMNS

ERRORS, FILE = COLUMNS.index("错误"), COLUMNS.index("文件")


def reports() -> list[batch.FileResult]:
    return [result("甲.docx", "甲局", errors=1), result("乙.docx", "乙局", errors=3), result("丙.docx", "丙局")]


def test_a_first_list_is_by_file(qtbot: QtBot) -> None:
    w = window(qtbot, reports())
    header = w.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (FILE, Qt.SortOrder.AscendingOrder)


def test_the_sort_a_reviewer_clicked_is_kept_for_the_next_window(qtbot: QtBot) -> None:
    first = window(qtbot, reports())
    header = first.view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(ERRORS) + 10, 8))
    if header.sortIndicatorOrder() != Qt.SortOrder.DescendingOrder:  # the style's first click: A→Z
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(ERRORS) + 10, 8))
    assert shown(first, FILE) == ["乙.docx", "甲.docx", "丙.docx"]
    first.close()
    again = window(qtbot, reports())
    header = again.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (ERRORS, Qt.SortOrder.DescendingOrder)
    assert shown(again, FILE) == ["乙.docx", "甲.docx", "丙.docx"]
