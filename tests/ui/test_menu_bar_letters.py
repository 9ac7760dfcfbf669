"""Every item of the window's menus has its letter, as Word and WPS mark a Chinese menu: the
keyboard user opens 视图 with Alt+V and takes 下一窗格 with one key, not with the arrows.  The
writer (user32 under Xvfb) found 视图's 下一窗格 and 上一窗格 and 编辑's 查找下一个 without one.
撤销 and 重做 (their text follows the step: “撤销 删除重复”) keep Ctrl+Z and Ctrl+Y."""

from __future__ import annotations

import re

from ui.main_window import MainWindow


def _letter(text: str) -> str:
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).upper() if m else ""


def test_each_menu_item_has_a_letter_of_its_own(window: MainWindow) -> None:
    undo = {window.act_undo, window.act_redo}
    for top in window.menuBar().actions():
        menu = top.menu()
        assert menu is not None and _letter(top.text()), top.text()
        items = [a for a in menu.actions() if not a.isSeparator() and a.isVisible() and a not in undo]
        letters = [_letter(a.text()) for a in items]
        assert all(letters), f"{top.text()}: without a letter: {[a.text() for a in items if not _letter(a.text())]}"
        assert len(set(letters)) == len(letters), f"{top.text()}: a letter twice: {[a.text() for a in items]}"
