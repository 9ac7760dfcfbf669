"""批量检查's 机关名称 too long for its column loses first what every name of the list shares.

A district's reports all begin “宁波市北仑区人民政府…”: cut at the end in a narrow column (1366×768
at 150 %) every row read the same and the reviewer could not tell 小港 from 大碶 without the
tooltip (gui22 under Xvfb, shot 83).  Names that fit, or that differ early, are as they were."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.conftest import checked_batch
from ui.batch_columns import shared_head
from ui.batch_model import _ORGAN

STREETS = ("小港街道办事处", "大碶街道办事处", "新碶街道办事处", "柴桥街道办事处")
HEAD = "宁波市北仑区人民政府"


def shown(w, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Each row's 机关名称 as its delegate paints it in a column ``width`` px wide."""
    view = w.view
    out = []
    for r in range(view.model().rowCount()):
        index = view.model().index(r, _ORGAN)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.textElideMode = view.textElideMode()  # as the view's own options have it
        option.rect = view.visualRect(index).adjusted(0, 0, width - view.visualRect(index).width(), 0)
        view.itemDelegateForIndex(index).initStyleOption(option, index)  # type: ignore[attr-defined]
        out.append(option.fontMetrics.elidedText(option.text, option.textElideMode, width - 8))
    return out


def test_the_shared_beginning_goes_first(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "各街道"
    folder.mkdir()
    for i, name in enumerate(STREETS):
        save_report(report(HEAD + name, 2023), folder / f"{i}.docx")
    (folder / "坏文件.docx").write_bytes(b"PK\x03\x04broken")  # （无法读取）: no name, no say
    w = checked_batch(qtbot, folder)
    char = w.view.fontMetrics().horizontalAdvance("中")
    narrow = shown(w, 10 * char)
    named = [t for t in narrow if "无法读取" not in t]
    assert len(named) == len(STREETS)
    assert len(set(named)) == len(STREETS), f"rows that read the same: {narrow}"
    for text in named:
        assert text.startswith("…") and any(s[:2] in text for s in STREETS), text
    wide = shown(w, 40 * char)
    assert sorted(t for t in wide if "无法读取" not in t) == sorted(HEAD + s for s in STREETS), "whole where they fit"


def test_the_shared_head() -> None:
    assert shared_head([HEAD + s for s in STREETS]) == HEAD[:-4] + "人民政府"
    assert shared_head(["宁波市北仑区财政局", "宁波市北仑区人民政府小港街道办事处", "（无法读取）"]) == "宁波市北仑区"
    assert shared_head(["杭州市财政局", "宁波市财政局"]) == ""
    assert shared_head(["宁波市北仑区财政局"]) == "", "one name: nothing shared"
