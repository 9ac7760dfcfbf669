"""Access keys for the program's own context menus: “忽略此问题(&I)…”, as Word and WPS mark every
menu item of a Chinese menu with a letter.

Opened with Shift+F10 or the Menu key, a menu of Chinese words without letters could be worked
only with the arrows and Enter: a reviewer took 转到 for 忽略 twice and typed the reason into the
report (rev25c D1).  A letter makes each item one key.  Given when the menu is built, to the
items that have none, so Qt's standard items (a text's 复制(&C)) keep theirs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

# The letter an item's words suggest (the first that fits wins; the order puts the longer words first);
# 删除 and 修复 as the findings panel's buttons have them (ui/findings_rows.py), not the menu bar's E and F.
_PREFERRED = (("忽略", "I"), ("恢复", "R"), ("转到另一处", "O"), ("转到正文", "W"), ("转到表", "T"), ("转到", "G"),
              ("复制", "C"), ("粘贴", "P"), ("清除", "D"), ("删除", "D"), ("修复", "X"), ("填0", "Z"),
              ("查看", "V"), ("全选", "A"))
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def keyed(menu: QMenu) -> QMenu:
    """``menu`` with a letter of its own on every item that had none (“转到(&G)”); returned.
    The items whose words suggest a free letter take it first (Qt's 全选 its A), then the rest
    the alphabet's next free one."""
    actions = [a for a in menu.actions() if not a.isSeparator() and a.text()]
    used = {_key(a.text()) for a in actions} - {""}
    bare = [a for a in actions if not _key(a.text())]
    for suggested in (True, False):
        for action in bare:
            text = action.text()
            if _key(text):
                continue
            wanted = [letter for words, letter in _PREFERRED if words in text]
            letter = next((c for c in (wanted if suggested else _LETTERS) if c not in used), "")
            if not letter:
                continue  # 26 items: the rest keep their words only
            used.add(letter)
            action.setText(_with_key(text, letter))
    return menu


def _with_key(text: str, letter: str) -> str:
    """“全选\tCtrl+A” → “全选(&A)\tCtrl+A”: the letter after the words, before the shortcut Qt
    shows after a tab (it was “全选\tCtrl+A(&B)”, the shortcut column reading “Ctrl+A(B)”)."""
    words, tab, keys = text.partition("\t")
    body, dots = (words[:-1], "…") if words.endswith("…") else (words, "")
    return f"{body}(&{letter}){dots}{tab}{keys}"


def _key(text: str) -> str:
    """The access key ``text`` gives (“&&” is a literal ampersand), upper case; "" for none."""
    i = 0
    while (i := text.find("&", i)) != -1 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].upper()
        i += 2
    return ""

