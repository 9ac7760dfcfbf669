"""Where an output goes, once asked: a file Word, WPS or LibreOffice seems to have open
(app/office_owner.py) is asked about as a save over it is (ui/documents.py ``_over_other_program``).

Written over, the other program's next save (or its autosave) writes back the copy it opened,
and the output is gone without a word; on Windows the write fails instead.  导出PDF, 导出发布稿,
导出Excel and 批量检查's 导出汇总表 all go through ``chosen`` (rev25b S4's class, which only 保存
and 另存为 knew).  Not on the start's path: imported by the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget


def chosen(ask: Callable[[], str], suffix: str, over: Callable[[Path], str]) -> Path | None:
    """The file ``ask`` names (``suffix`` added when the name lacks it), asked again while
    ``over`` answers 'again' (另存为); None when the dialog or ``over`` cancels ('')."""
    while True:
        name = ask()
        if not name:
            return None
        path = Path(name) if name.lower().endswith(suffix) else Path(name + suffix)
        answer = over(path)
        if answer != "again":
            return path if answer == "write" else None


def over_other_program(parent: QWidget | None, path: Path, verb: str = "导出") -> str:
    """'write' unless another program's owner file is beside ``path``; then the user's answer:
    'write' (仍然导出), 'again' (另存为) or '' (取消)."""
    from app import office_owner

    other = office_owner.find(path)
    if other is None:
        return "write"
    from ui import questions

    return questions.ask_write_in_other_program(parent, path, other, verb)
