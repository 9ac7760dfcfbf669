"""文件 → 导出Excel… and 从Excel导入…: the statutory tables as a live workbook and back.

An import fills the grids as one undo step; what the workbook holds that cannot be placed is
listed, and a workbook not laid out like the statutory tables is refused with one message.
Only the tables found in the workbook are replaced: a sheet left out blanks nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.findings import (
    DUP_TABLE,
    HIDDEN_CELLS,
    LABEL_EDITED,
    MISSING_TABLE,
    OLD_FORMAT,
    ROW_REPEATED,
    ROW_UNPLACED,
    VALUE_INVALID,
    VALUE_MARK,
    VALUE_NOTE_MARK,
    Finding,
)
from app.io import WriteError
from app.names import shown_name
from app.report import Report
from app.schema import TABLES, CellRef
from app.tablestate import capture, restore
from ui import filedialogs
from ui.commands import TableCommand
from ui.questions import read_error
from ui.window_commands import WindowController, busy

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
IMPORT_LABEL = "从Excel导入"
# What the reader says about a workbook's tables that the user must see after an import: also
# what it left out of a figure (a note mark, struck or hidden text) and what Excel hides.
_TABLE_NOTES = (LABEL_EDITED, ROW_UNPLACED, ROW_REPEATED, DUP_TABLE, OLD_FORMAT, VALUE_INVALID, VALUE_MARK, VALUE_NOTE_MARK,
                HIDDEN_CELLS)


class ExcelController(WindowController):
    """The window's Excel commands; dialogs are methods tests can replace."""

    # -- dialogs (replaced in tests) ------------------------------------------------------------
    def default_path(self) -> Path:
        return self.output_path(".xlsx")

    def ask_export_path(self) -> str:
        return filedialogs.get_save_path(self.window, "导出Excel", self.default_path(), XLSX_FILTER)

    def ask_import_path(self) -> str:
        return filedialogs.get_open_path(self.window, "从Excel导入统计表", XLSX_FILTER)

    def confirm_other_report(self, text: str) -> bool:
        """The workbook is another year's or another organ's: 仍然导入, or nothing changes."""
        from PySide6.QtWidgets import QMessageBox  # here: not a start-up cost

        buttons = [("仍然导入(&I)", QMessageBox.ButtonRole.AcceptRole), ("取消(&C)", QMessageBox.ButtonRole.RejectRole)]
        return filedialogs.choose(self.window, QMessageBox.Icon.Warning, IMPORT_LABEL, text, buttons, 1, 1) == 0

    def show_notes(self, title: str, text: str) -> None:
        filedialogs.notice(self.window, title, text)

    # -- commands -------------------------------------------------------------------------------
    def export_xlsx(self) -> bool:
        self.state.flush()
        from ui.output_target import chosen, over_other_program

        path = chosen(self.ask_export_path, ".xlsx", lambda p: over_other_program(self.window, p))
        if path is None:
            return False
        from app.xlsx_write import write_xlsx

        try:
            with busy():
                write_xlsx(self.state.report, path)
        except Exception as e:  # WriteError says why; anything else is still one message
            reason = str(e) if isinstance(e, WriteError) else f"{path}：导出时出现意外问题（{type(e).__name__}: {e}）"
            self.docs.show_error("导出Excel失败", reason)
            return False
        self.message.emit(f"已导出Excel：{shown_name(path)}（合计和勾稽关系为公式，在Excel中修改数字后自动更新）")
        return True

    def import_xlsx(self, name: str | Path | None = None) -> bool:
        self.state.flush()
        name = name or self.ask_import_path()
        if not name:
            return False
        path = Path(name)
        imported = self._read(path)
        if imported is None:
            return False
        found = [key for key in TABLES if not _missing(imported, key)]
        if not found:
            self.docs.show_error("无法导入", f"{path.name}：工作簿中没有找到按法定格式排列的统计表（表二、表三、表四），"
                                 "请使用“导出Excel”得到的工作簿，或按法定表格的标签排列。")
            return False
        other = _other_report(imported, self.state.report)
        if other and not self.confirm_other_report(
                f"{path.name} {other}。\n导入会用它的数字替换本报告的表{'、'.join(found)}（可撤销）。"):
            return False
        filled = imported.fill_blank_totals(found)  # as typing the parts in the grid would
        states = capture(imported, frozenset(found))
        self.state.stack.push(TableCommand(self.state, IMPORT_LABEL, found, lambda report: restore(report, states)))
        notes = [f for f in imported.import_findings if f.declared in _TABLE_NOTES]
        missing = [key for key in TABLES if key not in found]
        self._report_notes(path, found, missing, notes, filled)
        return True

    def _read(self, path: Path) -> Report | None:
        from app.xlsx import read_xlsx

        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            self.docs.show_error("无法导入", f"{path.name}：不是 Excel 工作簿（.xlsx）。旧版 .xls 请先在 Excel/WPS 中另存为 .xlsx。")
            return None
        try:
            with busy():
                return read_xlsx(path)
        except Exception as e:  # ReadError says why; a workbook no test has seen is still one message
            self.docs.show_error("无法导入", read_error(e, path))
        return None

    def _report_notes(self, path: Path, found: list[str], missing: list[str], notes: list[Finding],
                      filled: Sequence[CellRef] = ()) -> None:
        done = f"已从 {path.name} 导入表{'、'.join(found)}（可撤销）"
        if filled:
            first = TABLES[filled[0].table].describe(filled[0].row, filled[0].col)
            more = f"等{len(filled)}个" if len(filled) > 1 else ""
            done += f"；工作簿中空白的合计（{first}{more}）已按明细算出"
        self.message.emit(done)
        lines = [f"· {f.message}" for f in notes]
        if missing:
            lines.insert(0, f"· 工作簿中没有表{'、'.join(missing)}，这些表保持不变")
        if lines:
            self.show_notes("导入说明", done + "。\n以下内容未能导入，请核对：\n" + "\n".join(lines))


def _other_report(workbook: Report, report: Report) -> str:
    """How the workbook says it is not this report's (its 基本信息 sheet: another year, another
    organ), or "".  Last year's exported workbook, picked by its like name, replaced this year's
    tables without a word, and no check could tell the figures were last year's (the GUI tester)."""
    from app.batch import organ_key

    said = []
    if workbook.year and report.year and workbook.year != report.year:
        said.append(f"是{workbook.year}年度的，本报告是{report.year}年度")
    theirs, ours = organ_key(workbook.organ), organ_key(report.organ)
    if theirs and ours and theirs != ours:
        said.append(f"是“{workbook.organ}”的，本报告是“{report.organ}”的")
    return "，".join(said)


def _missing(report: Report, key: str) -> bool:
    return any(f.declared is MISSING_TABLE and f.location.section == key for f in report.import_findings)
