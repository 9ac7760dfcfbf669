"""`check FOLDER` prints the reports, and writes its summary workbook, in the order 批量检查
lists them — by path, Chinese in pinyin order (app/hanzi_order.py) — where it printed them in
code-point order (乡 U+4E61 before 街 U+8857): two orders of the same folder (left17)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app import cli, hanzi_order
from app.io import save_report
from tests.test_batch import report

# code points 乡 < 损 < 空 < 街 (and 乡镇 < 北京, the subfolder): pinyin is the other way round
NAMES = ["乡镇.docx", "损坏.docx", "空文件.docx", "街道.docx", "北京/朝阳.docx", "北京/安定.docx"]


def test_check_lists_a_folder_as_the_window_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "收到的年报"
    for i, name in enumerate(NAMES):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        save_report(report(f"某县{i}局", 2023, in_force=10), folder / name)
    window = sorted((str(folder / name) for name in NAMES), key=hanzi_order.key)  # ui/batch_model.file_order
    assert window[:2] == [str(folder / "北京/安定.docx"), str(folder / "北京/朝阳.docx")]
    book = tmp_path / "汇总.xlsx"
    cli.main(["check", str(folder), "--jobs", "1", "--xlsx", str(book)])
    printed = [line for line in capsys.readouterr().out.splitlines() if line.endswith(".docx")]
    assert printed == window
    rows = openpyxl.load_workbook(book)["汇总"].iter_rows(min_row=2, max_col=1, values_only=True)
    assert [str(folder / str(cell)) for (cell,) in rows] == window
