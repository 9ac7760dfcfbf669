"""The year's work registered on the window: Excel export and import, last year's report, find
and replace.  The window only calls ``install_year_tools``; the commands live in their own
modules so that ui/main_window.py stays small."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from ui.excel import ExcelController

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

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.win)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action


def install_year_tools(win: MainWindow) -> YearTools:
    return YearTools(win)
