"""The year's work registered on the window: Excel export and import, last year's report, find
and replace.  The window only calls ``install_year_tools``; the commands live in their own
modules so that ui/main_window.py stays small."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from app.lastyear import attached
from app.schema import T2_IN_FORCE_LABEL
from ui.actions import action
from ui.change import Change
from ui.last_year import LastYearController

if TYPE_CHECKING:
    from ui.excel import ExcelController
    from ui.find_replace import FindReplaceDialog
    from ui.main_window import MainWindow


class YearTools:
    """The window's year-cycle commands and their actions (tests trigger the actions)."""

    def __init__(self, win: MainWindow) -> None:
        self.win = win
        self._excel: ExcelController | None = None
        self.act_export_xlsx = self._action("导出Excel(&E)…", lambda: self.excel.export_xlsx(),
                                            "把三张统计表导出为 Excel 工作簿（合计和勾稽关系为公式）")
        self.act_import_xlsx = self._action("从Excel导入(&I)…", lambda: self.excel.import_xlsx(),
                                            "从 Excel 工作簿读入统计表的数字（可撤销）")
        win.file_menu.insertActions(win.act_close, [self.act_export_xlsx, self.act_import_xlsx])
        win.file_menu.insertSeparator(win.act_close)
        self._last_year_actions(win)
        self._find: FindReplaceDialog | None = None
        K = QKeySequence.StandardKey
        self.act_find = self._action("查找(&F)…", lambda: self.find_dialog().open_find(False),
                                     "在基本信息和各部分文字中查找", K.Find)
        self.act_replace = self._action("替换(&H)…", lambda: self.find_dialog().open_find(True),
                                        "查找并替换文字（全部替换可一次撤销）", QKeySequence("Ctrl+H"))
        self.act_find_next = self._action("查找下一个(&N)", lambda: self.find_dialog().find_next(),
                                          "查找下一处", K.FindNext)
        win.edit_menu.insertActions(win.act_fill, [self.act_find, self.act_replace, self.act_find_next])
        win.edit_menu.insertSeparator(win.act_fill)

    def _last_year_actions(self, win: MainWindow) -> None:
        self.last = LastYearController(win.state, win.docs, win)
        self.last.message.connect(win.show_message)
        self.act_rollover = self._action("从上年报告新建(&L)…", lambda: self.last.rollover(),
                                         "选择上一年度的年报，生成本年度报告（年度+1，结转数已填，文字待改写）")
        self.act_rollover.setIconText("从上年报告新建…")  # on buttons: no “(&L)”
        self.act_attach = self._action("与上年报告对照(&M)…", lambda: self.last.attach(),
                                       f"选择上一年度的年报与本报告对照：结转数、{T2_IN_FORCE_LABEL}、沿用的文字")
        self.act_detach = self._action("取消与上年报告对照(&K)", self.last.detach, "不再与上年报告对照（可撤销）")
        win.file_menu.insertAction(win.act_open, self.act_rollover)
        win.file_menu.insertActions(win.recent_menu.menuAction(), [self.act_attach, self.act_detach])
        self.act_show_last = self._action("显示上年数(&Y)", lambda: None, "在表格每格中以浅灰色显示上年的数字")
        self.act_show_last.setCheckable(True)
        self.act_show_last.toggled.connect(self._show_last)
        win.view_menu.addSeparator()
        win.view_menu.addAction(self.act_show_last)
        win.state.changed.connect(self._changed)
        self._last_year_changed()

    def _show_last(self, on: bool) -> None:
        self.win.state.show_last_year = on
        self.win.state.lastYearShown.emit(on)
        if on and attached(self.win.state.report) is None:
            self.win.show_message("本报告尚未与上年报告对照：请先“文件 → 与上年报告对照…”")

    def _changed(self, change: Change) -> None:
        if change.last_year or change.report:
            self._last_year_changed()

    def _last_year_changed(self) -> None:
        last = attached(self.win.state.report)
        self.act_detach.setEnabled(last is not None)
        tip = f"对照：{last.source or '上年报告'}（{last.year or '?'}年度）" if last else ""
        self.act_show_last.setToolTip(tip or "在表格每格中以浅灰色显示上年的数字")
        self.win.state.lastYearShown.emit(self.act_show_last.isChecked())  # repaint the grids

    @property
    def excel(self) -> ExcelController:
        """The Excel commands, made when first used: their module (and the undo commands' table
        states it brings) is not on the start's path."""
        if self._excel is None:
            from ui.excel import ExcelController

            self._excel = ExcelController(self.win.state, self.win.docs, self.win)
            self._excel.message.connect(self.win.show_message)
        return self._excel

    def find_dialog(self) -> FindReplaceDialog:
        if self._find is None:
            from ui.find_replace import FindReplaceDialog  # when first asked for: not on the start's path

            self._find = FindReplaceDialog(self.win)
        return self._find

    def _action(self, text: str, slot: Callable[[], object], tip: str,
                shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        return action(self.win, text, slot, shortcut, tip)


def install_year_tools(win: MainWindow) -> YearTools:
    return YearTools(win)
