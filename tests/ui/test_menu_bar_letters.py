"""Every item of the window's menus has its letter, as Word and WPS mark a Chinese menu: the
keyboard user opens 视图 with Alt+V and takes 下一窗格 with one key, not with the arrows.  The
writer (user32 under Xvfb) found 视图's 下一窗格 and 上一窗格 and 编辑's 查找下一个 without one.
撤销 and 重做 (their text follows the step: “撤销 删除重复(&U)”) keep Ctrl+Z and Ctrl+Y, and have
their letters U and R as Word's; the submenus' items theirs too: 最近打开的文件's 清除列表 and
撤销 / 重做 had none (user33 under Xvfb)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QMenu

from app.schema import T3_COL_NATURAL, T3_NEW
from tests.ui.conftest import SAMPLE, table, type_into
from tests.ui.test_menu_keys import assert_keyed
from ui.main_window import MainWindow


def _letter(text: str) -> str:
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).upper() if m else ""


def test_each_menu_item_has_a_letter_of_its_own(window: MainWindow) -> None:
    for top in window.menuBar().actions():
        menu = top.menu()
        assert menu is not None and _letter(top.text()), top.text()
        items = [a for a in menu.actions() if not a.isSeparator() and a.isVisible()]
        letters = [_letter(a.text()) for a in items]
        assert all(letters), f"{top.text()}: without a letter: {[a.text() for a in items if not _letter(a.text())]}"
        assert len(set(letters)) == len(letters), f"{top.text()}: a letter twice: {[a.text() for a in items]}"


def menus(menu: QMenu) -> list[QMenu]:
    """``menu`` and its submenus, filled as when opened (aboutToShow builds 最近打开的文件)."""
    menu.aboutToShow.emit()
    found = [menu]
    for action in menu.actions():
        if action.menu() is not None:
            found += menus(action.menu())
    return found


def test_every_item_of_the_menu_bar_has_its_letter(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    other = tmp_path / "某街道2023年报.docx"
    other.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(other)  # two recent files and 清除列表 below them
    assert window.act_undo.text() == "撤销(&U)" and window.act_redo.text() == "重做(&R)"
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    window.act_undo.trigger()  # 撤销 with nothing to undo, 重做 with the figure to redo
    assert window.act_undo.text() == "撤销(&U)" and window.act_redo.text().startswith("重做 ")
    window.act_redo.trigger()
    assert window.act_undo.text().startswith("撤销 ") and window.act_undo.text().endswith("(&U)")
    assert_keyed([a.text() for a in window.menuBar().actions()])
    seen = []
    for top in window.menuBar().actions():
        assert top.menu() is not None
        for menu in menus(top.menu()):
            texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isVisible()]
            seen.append(menu.title())
            assert_keyed(texts)
    assert "最近打开的文件(&R)" in seen


def test_the_toolbars_tooltips_name_the_command_and_its_keys_not_its_letter(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's tooltip is the item's text without its “&”: the toolbar said “保存(S)” and “撤销 输入数据(U)”
    (user33 under Xvfb); as Word's, “保存 (Ctrl+S)”, and 撤销's follows the step."""
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "mainToolbar")
    assert bar is not None
    tips = {a.iconText(): a.toolTip() for a in bar.actions() if not a.isSeparator()}
    assert all(not re.search(r"\([A-Z0-9]\)|…", tip) for tip in tips.values()), tips
    assert tips["保存"] == "保存 (Ctrl+S)" and tips["撤销"] == "撤销 (Ctrl+Z)", tips
    type_into(qtbot, table(window, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    assert window.act_undo.toolTip().startswith("撤销 ") and window.act_undo.toolTip().endswith(" (Ctrl+Z)")
    assert "(U)" not in window.act_undo.toolTip() and window.act_undo.toolTip() != "撤销 (Ctrl+Z)"
