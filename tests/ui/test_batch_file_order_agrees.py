"""One file order (app.batch_collect.file_order) for the batch window's list, its 文件 column
sorted either way, the summary workbook and `check FOLDER`'s printout: it was written out three
times (batch_collect, batch.passed_over, ui/batch_model), free to drift apart (rev18).  Names
that tempt an order of their own: numbers (2 before 10?), full-width digits and letters, Latin
in both cases, kana, hangul, 〇, a place name and a word with its characters, a subfolder."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import batch, cli
from app.io import save_report
from tests.test_batch import report
from tests.ui.test_batch_window import export
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow

NAMES = ["报告10.docx", "报告2.docx", "报告２.docx", "报告１０.docx", "Report b.docx", "report A.docx", "ｂ全角.docx",
         "〇号.docx", "カナ.docx", "한국.docx", "长沙市.docx", "学校长安排.docx", "学校常务.docx", "北京/朝阳.docx"]


def test_the_window_the_summary_and_the_command_line_list_files_alike(
        qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _listed_alike(qtbot, tmp_path, capsys, NAMES)


def test_names_of_one_key_are_listed_alike_too(qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """重庆 and its stand-in 崇庆 (长沙, 常沙) have one key by design: each listing left them as its
    sort found them — the command line by code point (崇 before 重), the window as they came, and
    in the same order both ways of the 文件 column (rev19).  They are ordered by their paths."""
    _listed_alike(qtbot, tmp_path, capsys, ["重庆.docx", "长沙.docx", "崇庆.docx", "常沙.docx", "北京.docx"])


def _listed_alike(qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str], names: list[str]) -> None:
    folder = tmp_path / "收到的年报"
    for i, name in enumerate(names):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        save_report(report(f"某县{i}局", 2023, in_force=10), folder / name)
    order = sorted((str(folder / n) for n in names), key=batch.file_order)
    cli.main(["check", str(folder), "--jobs", "1", "--xlsx", str(tmp_path / "命令行.xlsx")])
    printed = [line for line in capsys.readouterr().out.splitlines() if line.endswith(".docx")]
    assert printed == order

    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=120000):
        w.start([folder])
    column = COLUMNS.index("文件")

    def listed() -> list[str]:
        return [str(folder / w.proxy.index(r, column).data()) for r in range(w.proxy.rowCount())]

    assert listed() == order
    w.view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert listed() == order[::-1]
    w.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert listed() == order
    dest = tmp_path / "汇总.xlsx"
    export(qtbot, w, dest)
    for book in (dest, tmp_path / "命令行.xlsx"):
        rows = openpyxl.load_workbook(book)["汇总"].iter_rows(min_row=2, max_col=1, values_only=True)
        assert [str(folder / str(cell).replace("\\", os.sep)) for (cell,) in rows] == order, book
