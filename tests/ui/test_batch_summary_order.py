"""批量检查's summary workbook lists the reports checked in the list's file order — Chinese in
pinyin order (街道 jie, 空文件 kong, 损坏 sun, 乡镇 xiang), as the 文件 column sorts them.
0fa4963 said so, but nothing checked it: BatchWindow.export's sort could go back to code point
order (乡 U+4E61 first) with every test passing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.test_batch_window import export
from ui.batch_window import BatchWindow

# code points 乡 U+4E61 < 损 U+635F < 空 U+7A7A < 街 U+8857: the reverse of their pinyin order
NAMES = ["乡镇.docx", "损坏.docx", "空文件.docx", "街道.docx"]
PINYIN = ["街道.docx", "空文件.docx", "损坏.docx", "乡镇.docx"]


def test_the_summary_lists_the_reports_in_pinyin_file_order(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    for i, name in enumerate(NAMES):
        save_report(report(f"某县{i}局", 2023, carried_out=i, in_force=10), folder / name)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    dest = tmp_path / "汇总.xlsx"
    export(qtbot, w, dest)
    sheet = openpyxl.load_workbook(dest)["汇总"]
    cells = [str(c.value) for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    listed = [name for cell in cells for name in NAMES if cell.endswith(name)]
    assert listed == PINYIN, cells
