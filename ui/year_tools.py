"""The year's work registered on the window: Excel export and import, last year's report, find
and replace.  The window only calls ``install_year_tools``; the commands live in their own
modules so that ui/main_window.py stays small."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from ui.excel import ExcelController
from ui.find_replace import FindReplaceDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class YearTools:
    """The window's year-cycle commands and their actions (tests trigger the actions)."""

    def __init__(self, win: MainWindow) -> None:
        self.win = win
        self.excel = ExcelController(win.state, win.docs, win)
        self.excel.message.connect(win.show_message)
        self.act_export_xlsx = self._action("导出Excel(&E)…", self.excel.export_xlsx,
                                            "把三张统计表导出为 Excel 工作簿（合计和勾稽关系为公式）")
        self.act_import_xlsx = self._action("从Excel导入(&I)…", lambda: self.excel.import_xlsx(),
                                            "从 Excel 工作簿读入统计表的数字（可撤销）")
        win.file_menu.insertActions(win.act_quit, [self.act_export_xlsx, self.act_import_xlsx])
        win.file_menu.insertSeparator(win.act_quit)
        self._find: FindReplaceDialog | None = None
        K = QKeySequence.StandardKey
        self.act_find = self._action("查找(&F)…", lambda: self.find_dialog().open_find(False),
                                     "在基本信息和各部分文字中查找", K.Find)
        self.act_replace = self._action("替换(&H)…", lambda: self.find_dialog().open_find(True),
                                        "查找并替换文字（全部替换可一次撤销）", QKeySequence("Ctrl+H"))
        self.act_find_next = self._action("查找下一个", lambda: self.find_dialog().find_next(),
                                          "查找下一处", K.FindNext)
        win.edit_menu.insertActions(win.act_fill, [self.act_find, self.act_replace, self.act_find_next])
        win.edit_menu.insertSeparator(win.act_fill)

    def find_dialog(self) -> FindReplaceDialog:
        if self._find is None:
            self._find = FindReplaceDialog(self.win)
        return self._find

    def _action(self, text: str, slot: Callable[[], object], tip: str,
                shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        action = QAction(text, self.win)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action


def install_year_tools(win: MainWindow) -> YearTools:
    return YearTools(win)
