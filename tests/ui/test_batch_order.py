"""批量检查's rows with equal values in the sorted column are in file order (the 文件 column's,
A→Z), whichever way the column is sorted and whatever order the workers finished in: the same
folder lists the same way every run, and a row checked again does not move among its equals
(session 15's GUI tester saw the 3-error rows in arrival order, another after a rescan)."""

from __future__ import annotations

import os
import random

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import batch, hanzi_order
from tests.ui.test_batch_rows import ROOT, result, shown, window
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow

FILE = COLUMNS.index("文件")
UP, DOWN = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def results() -> list[batch.FileResult]:
    """Ties in every column: equal counts, organs, years; paths one of which begins another
    ("县.docx" and "县.docx.docx"), a folder beside a file of the same stem ("县/" sorts after
    "县." as the 文件 column orders them), Latin and Chinese names, an unreadable file."""
    rows = [
        result("县.docx", "某县教育局", errors=3, warnings=1),
        result("县.docx.docx", "某县教育局", errors=3, warnings=1),
        result(os.path.join("县", "乙.docx"), "某县教育局", errors=3),
        result(os.path.join("县", "甲.docx"), "某县财政局", errors=1, warnings=1),
        result("a.docx", "某县财政局", errors=3, warnings=2),
        result("B.docx", "某县卫健委", errors=0, warnings=2),
        result("b.docx", "某县卫健委", errors=0, warnings=2),
        result("清单.docx", "某县卫健委", errors=1),
    ]
    rows.append(batch.FileResult(os.path.join(ROOT, "坏.docx"), error="文件已损坏"))
    return rows


def expected(w: BatchWindow, col: int, order: Qt.SortOrder) -> list[str]:
    """By the column's value, equal values by path A→Z in either direction, text with its Chinese
    in pinyin order (tests/ui/test_batch_pinyin.py) (worked out here in Python from the rows'
    values, not from the keys the list sorts by)."""
    from ui.batch_model import SORT_ROLE

    def text(value: object) -> object:
        return hanzi_order.key(value) if isinstance(value, str) else value

    rows = [(text(w.model.index(r, col).data(SORT_ROLE)), w.model.results[r].path, w.model.index(r, FILE).data())
            for r in range(w.model.rowCount())]
    rows.sort(key=lambda t: hanzi_order.key(t[1]))
    rows.sort(key=lambda t: t[0], reverse=order == DOWN)  # stable: the paths' order stays among equals
    return [name for _, _, name in rows]


def listing(qtbot: QtBot, arrival: list[batch.FileResult], col: int, order: Qt.SortOrder,
            sorted_first: bool) -> tuple[BatchWindow, list[str]]:
    """The rows as listed after ``arrival``, sorted by a click on the header before the results
    come (each placed as it arrives) or after."""
    w = window(qtbot, [])
    if sorted_first:
        w.view.sortByColumn(col, order)
    for r in arrival:
        w.model.put(r)
    if not sorted_first:
        w.view.sortByColumn(col, order)
    return w, shown(w, FILE)


@pytest.mark.parametrize("order", [UP, DOWN], ids=["up", "down"])
@pytest.mark.parametrize("sorted_first", [True, False], ids=["sorted-while-arriving", "sorted-after"])
def test_equal_values_are_in_file_order_whatever_order_the_results_came_in(
        qtbot: QtBot, order: Qt.SortOrder, sorted_first: bool) -> None:
    rows = results()
    shuffled = rows[:]
    random.Random(16).shuffle(shuffled)
    for col in range(len(COLUMNS)):
        w, first = listing(qtbot, rows, col, order, sorted_first)
        _, second = listing(qtbot, rows[::-1], col, order, sorted_first)
        _, third = listing(qtbot, shuffled, col, order, sorted_first)
        assert first == second == third, COLUMNS[col]
        assert first == expected(w, col, order), COLUMNS[col]
        w.close()


def test_the_tie_break_is_file_order_both_ways(qtbot: QtBot) -> None:
    """The 3-error rows read A→Z whether the most errors come first or last."""
    w = window(qtbot, results()[::-1])
    errors = COLUMNS.index("错误")
    threes = ["a.docx", "县.docx", "县.docx.docx", os.path.join("县", "乙.docx")]
    w.view.sortByColumn(errors, DOWN)
    assert shown(w, FILE)[:4] == threes
    w.view.sortByColumn(errors, UP)
    assert shown(w, FILE)[-4:] == threes
    assert shown(w, FILE)[:2] == ["坏.docx", "B.docx"], "no count first (an unreadable file), then 0 errors"


@pytest.mark.parametrize("order", [UP, DOWN], ids=["up", "down"])
def test_a_filter_cleared_or_an_earlier_sort_leaves_equal_values_in_file_order(
        qtbot: QtBot, order: Qt.SortOrder) -> None:
    """The rows a filter hid come back in file order among their equals, not in the order they
    first arrived (session 15: xg-1, xg-3, xg-4, xg-5, xg-2 after a filter was cleared); sorting
    by one column and then another does not leave the first column's order among the ties."""
    rows = results()
    w = window(qtbot, rows[::-1])
    errors, organ = COLUMNS.index("错误"), COLUMNS.index("机关名称")
    w.view.sortByColumn(errors, order)
    want = expected(w, errors, order)
    assert shown(w, FILE) == want
    for typed in ("卫健委", "清单", "县"):
        w.search.setText(typed)
        w.search.setText("")
        assert shown(w, FILE) == want, typed
    w.errors_only.setChecked(True)
    w.errors_only.setChecked(False)
    assert shown(w, FILE) == want
    w.view.sortByColumn(organ, DOWN if order == UP else UP)
    w.view.sortByColumn(errors, order)
    assert shown(w, FILE) == want


def test_a_row_checked_again_keeps_its_place_among_its_equals(qtbot: QtBot) -> None:
    """重新检查 (or pairing with last year's report) puts each result again, in whatever order
    they finish: the list reads the same after it; a row whose count changes goes to its file's
    place among its new equals."""
    rows = results()
    w = window(qtbot, rows)
    warnings = COLUMNS.index("警告")
    w.view.sortByColumn(warnings, DOWN)
    before = shown(w, FILE)
    for r in rows[::-1]:
        w.model.put(r)
    assert shown(w, FILE) == before
    w.view.sortByColumn(warnings, UP)
    ups = shown(w, FILE)
    w.model.await_again({r.path: "正在与上年报告对照" for r in rows})
    for r in rows[3:] + rows[:3]:
        w.model.put(r)
    assert shown(w, FILE) == ups
    # B.docx edited in Word (one warning gone) and checked again, then the edit undone and checked
    # again: back first among the twos, not after them; 清单 (none) gets two: after b.docx
    w.view.sortByColumn(warnings, DOWN)
    assert shown(w, FILE)[:3] == ["B.docx", "a.docx", "b.docx"]
    w.model.put(result("B.docx", "某县卫健委", warnings=1))
    assert shown(w, FILE)[:2] == ["a.docx", "b.docx"]
    w.model.put(result("B.docx", "某县卫健委", warnings=2))
    w.model.put(result("清单.docx", "某县卫健委", errors=1, warnings=2))
    assert shown(w, FILE)[:4] == ["B.docx", "a.docx", "b.docx", "清单.docx"]
