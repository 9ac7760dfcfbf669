"""A summary exported after 取消 says it is not the folder's whole result and names the files
never reached (rev23b M4: 6 of 56 reports, and nothing in the workbook said so); a run cut short
by app.batch.run counts no unreached file as checked."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from app import batch
from app.batch_summary import UNFINISHED_SHEET
from tests.ui.test_batch_window import cancelled_at_third, export, many


def test_a_summary_after_cancel_says_so_and_lists_the_files_not_checked(qtbot: QtBot, tmp_path: Path) -> None:
    root = many(tmp_path, 12)
    w = cancelled_at_third(qtbot)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    dest = tmp_path / "部分.xlsx"
    export(qtbot, w, dest)
    assert "检查未完成，9 个文件未检查" in w.status.currentMessage()
    wb = openpyxl.load_workbook(dest)
    assert wb.sheetnames[0] == UNFINISHED_SHEET, "the sheet the workbook opens at"
    first = [row for row in wb[UNFINISHED_SHEET].iter_rows(min_row=2, values_only=True)]
    assert first[0][0] == f"未完成：检查已取消，另有 9 个文件未检查（见“{UNFINISHED_SHEET}”表）"
    assert sorted(str(r[0]) for r in first[1:]) == [f"r{i:03}.docx" for i in range(3, 12)]
    assert wb["汇总"].max_row == 1 + 3
    for ws in wb.worksheets:  # on every printed page
        assert ws.oddHeader.left.text is not None and ws.oddHeader.left.text.startswith("未完成：检查已取消"), ws.title
    assert "未完成" in str(wb.properties.title)


def test_a_summary_of_a_whole_run_has_no_such_sheet(qtbot: QtBot, tmp_path: Path) -> None:
    root = many(tmp_path, 3)
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(batch.run([root], jobs=1), dest)
    wb = openpyxl.load_workbook(dest)
    assert UNFINISHED_SHEET not in wb.sheetnames and not wb["汇总"].oddHeader.left.text
    assert "未完成" not in str(wb.properties.title)


def test_a_run_cancelled_counts_no_unread_file_as_checked(tmp_path: Path) -> None:
    root = many(tmp_path, 6)
    got: list[int] = []
    b = batch.run([root], jobs=1, progress=lambda n, total, result: got.append(n), cancelled=lambda: len(got) >= 2)
    assert b.cancelled
    assert len(b.checked) == 2 and all(r.organ for r in b.checked), "placeholders were 4 clean reports"
    assert len(b.unfinished) == 4 and not {r.path for r in b.results} & set(b.unfinished)
    dest = tmp_path / "汇总.xlsx"
    batch.write_summary(b, dest)
    assert openpyxl.load_workbook(dest)[UNFINISHED_SHEET].max_row == 1 + 1 + 4
