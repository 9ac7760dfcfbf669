"""批量检查's 文件 too long for its column loses first the beginning its name shares with another
file's: a folder of files named after the organ (宁波市北仑区人民政府小港街道办事处1.docx, …10.docx)
read “a/宁波…docx” on every row at 1366×768 and 150 % (gui23 under Xvfb, shot 70).  The folder
stays; names that fit, or differ early, are as they were."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.conftest import checked_batch
from ui.batch_columns import shared_starts
from ui.batch_model import _FILE

ORGAN = "宁波市北仑区人民政府小港街道办事处"
NUMBERS = ("1", "2", "10", "12")


def shown(w, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Each row's 文件 as its delegate paints it in a column ``width`` px wide."""
    view = w.view
    out = []
    for r in range(view.model().rowCount()):
        index = view.model().index(r, _FILE)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index).adjusted(0, 0, width - view.visualRect(index).width(), 0)
        view.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
        out.append(option.fontMetrics.elidedText(option.text, option.textElideMode, width - 8))
    return out


def test_the_beginning_a_name_shares_goes_first(qtbot: QtBot, tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for n in NUMBERS:
            save_report(report(f"某县{folder}{n}局", 2023), tmp_path / folder / f"{ORGAN}{n}.docx")
    save_report(report("某县财政局", 2023), tmp_path / "a" / "财政局.docx")
    w = checked_batch(qtbot, tmp_path)
    char = w.view.fontMetrics().horizontalAdvance("中")
    narrow = shown(w, 8 * char)
    assert len(set(narrow)) == len(narrow) == 2 * len(NUMBERS) + 1, f"rows that read the same: {narrow}"
    for folder in ("a", "b"):
        for n in NUMBERS:
            assert f"{folder}/…处{n}.docx" in narrow, narrow
    assert "a/财政局.docx" in narrow
    narrower = shown(w, 6 * char)  # 1366×768 at 150 %: “a/…处…docx” when the middle went
    assert len(set(narrower)) == len(narrower), f"rows that read the same: {narrower}"
    numbers = {(t[0], m.group(1)) for t in narrower if (m := re.search(r"处(\d+)", t))}
    assert numbers == {(f, n) for f in "ab" for n in NUMBERS}, narrower
    wide = shown(w, 40 * char)
    assert sorted(wide) == sorted([f"{f}/{ORGAN}{n}.docx" for f in "ab" for n in NUMBERS] + ["a/财政局.docx"])


def test_shared_starts() -> None:
    starts = shared_starts(["报告1.docx", "报告10.docx", "报告2.docx", "财政局.docx"])
    assert starts == {"报告1.docx": 3, "报告10.docx": 3, "报告2.docx": 2, "财政局.docx": 0}
    assert shared_starts(["一.docx"]) == {"一.docx": 0}
