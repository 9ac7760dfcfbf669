"""批量检查 lists Chinese names in pinyin order, as Windows Explorer and WPS do (安徽 before 北京
before 长沙), not by code point (乡镇, 损坏, 空文件, 街道: session 16's GUI tester), in the 机关名称
and 文件 columns, up and down, and rows with equal values by their files in pinyin order too."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_batch_rows import ERRORS, FILE, ORGAN, result, shown, window

UP, DOWN = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder
# pinyin an < bei < chang, code points 北 U+5317 < 安 U+5B89 < 长 U+957F; jie < kong < sun < xiang,
# code points 乡 U+4E61 < 损 U+635F < 空 U+7A7A < 街 U+8857: the two orders differ
ORGANS = ["长沙市教育局", "北京市财政局", "安徽省统计局"]
FILES = ["乡镇.docx", "损坏.docx", "空文件.docx", "街道.docx"]


def test_organs_and_files_are_listed_in_pinyin_order_both_ways(qtbot: QtBot) -> None:
    w = window(qtbot, [result(f, o) for f, o in zip(FILES, [*ORGANS, "安徽省统计局"], strict=True)])
    w.view.sortByColumn(ORGAN, UP)
    assert shown(w, ORGAN) == ["安徽省统计局", "安徽省统计局", "北京市财政局", "长沙市教育局"]
    w.view.sortByColumn(ORGAN, DOWN)
    assert shown(w, ORGAN) == ["长沙市教育局", "北京市财政局", "安徽省统计局", "安徽省统计局"]
    w.view.sortByColumn(FILE, UP)
    assert shown(w, FILE) == ["街道.docx", "空文件.docx", "损坏.docx", "乡镇.docx"]
    w.view.sortByColumn(FILE, DOWN)
    assert shown(w, FILE) == ["乡镇.docx", "损坏.docx", "空文件.docx", "街道.docx"]


def test_latin_and_digits_come_before_chinese_and_folders_sort_by_pinyin_too(qtbot: QtBot) -> None:
    """As Explorer: 2023.docx, report.docx, then the Chinese names; a folder's files by the
    folder's name in pinyin (北区 before 西区) and then their own; 长沙 under cháng."""
    names = [os.path.join("西区", "街道.docx"), os.path.join("北区", "乡镇.docx"), "长沙.docx",
             os.path.join("北区", "安定.docx"), "report.docx", "2023.docx"]
    w = window(qtbot, [result(n, "某局") for n in names])
    w.view.sortByColumn(FILE, UP)
    assert shown(w, FILE) == ["2023.docx", "report.docx", os.path.join("北区", "安定.docx"),
                              os.path.join("北区", "乡镇.docx"), "长沙.docx", os.path.join("西区", "街道.docx")]


def test_equal_values_are_in_pinyin_file_order_whichever_way_the_column_is_sorted(qtbot: QtBot) -> None:
    rows = [result(f, "某县教育局", errors=2) for f in FILES] + [result("北京.docx", "某局", errors=5)]
    w = window(qtbot, rows)
    w.view.sortByColumn(ERRORS, DOWN)
    assert shown(w, FILE) == ["北京.docx", "街道.docx", "空文件.docx", "损坏.docx", "乡镇.docx"]
    w.view.sortByColumn(ERRORS, UP)
    assert shown(w, FILE) == ["街道.docx", "空文件.docx", "损坏.docx", "乡镇.docx", "北京.docx"]


def test_the_summary_workbooks_files_passed_over_come_in_the_lists_order(tmp_path: Path) -> None:
    """未检查 lists the files that are no report as the list shows files: 北 before 乡."""
    from app import batch

    named = [tmp_path / "乡镇说明.txt", tmp_path / "北区.pdf.lnk"]
    by_content = batch.FileResult(str(tmp_path / "安排.docx"), not_report="不是年报")
    b = batch.Batch([by_content], named, base=tmp_path)
    assert [Path(r.path).name for r in b.passed_over()] == ["安排.docx", "北区.pdf.lnk", "乡镇说明.txt"]
