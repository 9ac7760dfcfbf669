"""批量检查 the next day: the folders checked last are offered again (rev25c B2).  A reviewer
checks the same folder of a dozen reports day after day; after a relaunch the window opened
empty, and the folder had to be chosen again each time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QPushButton

from app.names import readable_path

if TYPE_CHECKING:
    from ui.batch_window import BatchWindow

KEY = "batch/last_paths"  # a pathjson list: a GBK name's bytes kept (QSettings drops them)


def remember(window: BatchWindow, paths: list[Path]) -> None:
    """A run over ``paths`` began: they are the next window's offer, and this window's is done."""
    from app import pathjson

    QSettings().setValue(KEY, pathjson.dumps([str(p) for p in paths]))
    button = window.findChild(QPushButton, "check_again")
    if button is not None:
        if window.focusWidget() is button:  # Enter on it: the keyboard goes to the reports, not
            window.view.setFocus()  # on to the next button (导出汇总表, which ↓ Enter then ran)
        button.hide()


def last_paths() -> list[Path]:
    """The folders (files) of the last run; none when the setting is missing or damaged.  Not
    looked for on disk: a network drive gone away would hold the window's opening for its
    timeout; a run over a folder no longer there says so."""
    from app.limits import state_json

    kept = state_json(str(QSettings().value(KEY, "") or ""))  # None: damaged
    if not isinstance(kept, list):
        return []
    return [Path(p) for p in kept if isinstance(p, str) and p.strip() and "\x00" not in p]


def offer(window: BatchWindow) -> None:
    """A window opened without folders: 重新检查上次的文件夹 beside 选择文件夹…, the keyboard on it
    (Enter runs it), the folders named on it and in full in its tooltip."""
    paths = last_paths()
    if not paths:
        return
    names = "、".join(readable_path(p.name or p) for p in paths)
    button = QPushButton(f"重新检查：{names}", window)
    button.setObjectName("check_again")
    button.setToolTip("再检查一遍上次检查的：\n" + "\n".join(readable_path(p) for p in paths))
    button.setMaximumWidth(360)
    button.clicked.connect(lambda: window.start(last_paths() or paths))
    window.top.insertWidget(1, button)
    button.setDefault(True)
    button.setFocus()
