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
from ui.batch_columns import organ_heads
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
    assert all(head == len(HEAD) for head in organ_heads([HEAD + s for s in STREETS]).values())
    heads = organ_heads(["宁波市北仑区财政局", "宁波市北仑区人民政府小港街道办事处", "（无法读取）"])
    assert heads == {"宁波市北仑区财政局": len("宁波市北仑区"), "宁波市北仑区人民政府小港街道办事处": len("宁波市北仑区")}
    assert organ_heads(["杭州市财政局", "宁波市财政局"]) == {"杭州市财政局": 0, "宁波市财政局": 0}
    assert organ_heads(["宁波市北仑区财政局"]) == {"宁波市北仑区财政局": 0}, "one name: nothing shared"
    heads = organ_heads([HEAD + "小港街道办事处", HEAD + "小浃江街道办事处", "某县临江镇人民政府", "某县白沙乡人民政府"])
    assert set(heads.values()) == {len(HEAD), len("某县")}, "to the end of a place's name, not into 小港/小浃江"


def test_a_folder_of_two_places_still_tells_each_apart(qtbot: QtBot, tmp_path: Path) -> None:
    """A reviewer's folder holds a district's 街道 and a county's 乡镇 (the samples and the
    realistic builders' reports, user32 under Xvfb at 1366×768 and 150 %, shot 78): the names
    share no beginning all together, so nothing was left out and seven rows read
    “宁波市北仑区人…”.  Each name loses the beginning it shares with the nearest other name, to
    the end of a place's name (…人民政府, …县) in it: “…小港街道办事处”, “…临江镇人民政府”."""
    folder = tmp_path / "各地"
    folder.mkdir()
    towns = ("某县临江镇人民政府", "某县白沙乡人民政府", "某县城关镇人民政府")
    smalls = (HEAD + "小浃江街道办事处",)  # beside STREETS' 小港: they differ after “小”
    for i, name in enumerate((*[HEAD + s for s in STREETS], *towns, *smalls)):
        save_report(report(name, 2023), folder / f"{i}.docx")
    w = checked_batch(qtbot, folder)
    char = w.view.fontMetrics().horizontalAdvance("中")
    narrow = shown(w, 8 * char)
    assert len(set(narrow)) == len(narrow) == len(STREETS) + len(towns) + len(smalls), f"rows that read the same: {narrow}"
    assert any(t.startswith("…临江镇") for t in narrow) and any(t.startswith("…大碶街道") for t in narrow), narrow
    assert any(t.startswith("…小港街道") for t in narrow) and any(t.startswith("…小浃江") for t in narrow), narrow
    wide = shown(w, 40 * char)
    assert "某县临江镇人民政府" in wide and HEAD + STREETS[0] in wide, "whole where they fit"
