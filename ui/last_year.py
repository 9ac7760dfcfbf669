"""The year's cycle in the window: 文件 → 从上年报告新建… and 与上年报告对照…, 视图 → 显示上年数.

A rollover opens this year's report unsaved (as ``new --from`` makes it); attaching last year's
report is an undo step that stores last year's figures and sentences in this year's report (and
so in its .docx), after which the cross-year checks run with every other check.  Showing last
year's figures paints a muted “上年N” in each cell; a tooltip “上年：N” is there either way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QUndoCommand
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.lastyear import LastYear, attach, attached, last_figure, pairing_note
from app.names import shown_name
from app.report import Report
from app.schema import PROBLEMS, T2_IN_FORCE_LABEL
from ui import filedialogs
from ui.change import Change
from ui.documents import Document
from ui.elided import StatusBar
from ui.resources import Colors
from ui.state import EditorState
from ui.window_commands import WindowController

ATTACH_LABEL = "与上年报告对照"
READ_FAILED = "无法读取上年报告"


class AttachCommand(QUndoCommand):
    """Attach (or detach, ``last=None``) last year's report: part of this year's file."""

    def __init__(self, state: EditorState, last: LastYear | None, text: str = ATTACH_LABEL) -> None:
        super().__init__(text)
        self.state = state
        self.new = last.to_json() if last is not None else None
        self.old = state.report.extras.get("last_year")

    def _set(self, entry: Any) -> None:
        report = self.state.report
        attach(report, LastYear.from_json(entry) if entry is not None else None)
        self.state.edited(Change(last_year=True))  # checks rerun; grids, navigation and 五 follow

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class LastYearController(WindowController):
    """The window's last-year commands; the file dialog is a method tests can replace."""

    def ask_last_path(self, title: str) -> str:
        return filedialogs.get_open_path(self.window, title)

    def confirm_not_last_year(self, last: Report, this: Report) -> bool:
        """The chosen report is not of the year before: the cross-year checks would call this
        year's text “完全相同” and its figures wrong, so the user confirms it."""
        text = (f"所选报告为{last.year}年度，本报告为{this.year}年度，不是上一年度。\n"
                "对照会把两份报告当作相邻年度检查（结转数、雷同的文字），结果多半不对。")
        from PySide6.QtWidgets import QMessageBox  # here: not a start-up cost

        buttons = [("仍然对照(&O)", QMessageBox.ButtonRole.AcceptRole), ("取消(&C)", QMessageBox.ButtonRole.RejectRole)]
        return filedialogs.choose(self.window, QMessageBox.Icon.Warning, "不是上一年度的报告", text, buttons, 1, 1) == 0

    def rollover(self, path: str | Path | None = None) -> bool:
        """This year's report from last year's, unsaved (saving asks where).  Last year's file
        is read in the background as 打开 reads one (a .doc through LibreOffice takes seconds):
        True once the read has begun; 取消 or a failure leaves the report shown as it was."""
        name = path or self.ask_last_path("选择上一年度的年报")  # first: 取消 there asks nothing more
        if not name:
            return False
        source = Path(name)
        # A read under way had the user's word on the current report: not asked again.
        then = f"由“{source.name}”新建本年度报告后，这个窗口中的报告将换成新报告。"
        if self.docs.loading is None and not self.docs.maybe_save(then):
            return False
        self.docs.read_in_background(source, lambda last: self._rolled_over(last, source), READ_FAILED,
                                     replaces=True)
        return True

    def _rolled_over(self, last: Report, source: Path) -> None:
        from app.nextyear import carried_summary, next_year

        report = next_year(last, source.name)
        # Unsaved (closing asks first), none of the previous document's files, its lock or copy.
        self.docs.switch_to(Document(report, restored=True))
        year = f"{report.year}年度" if report.year else "本年度"
        # What to do first, the detail after it and the file last: on a narrow screen the bar
        # cuts the end, and the start still says it (the whole stays in its tooltip).
        news = f"已新建{year}报告：沿用的文字以浅紫色标出，请改写"
        bar = self.window.statusBar() if isinstance(self.window, QMainWindow) else None
        if isinstance(bar, StatusBar):
            bar.elide_at_end(news)
        self.message.emit(f"{news}；{carried_summary(report)}（由 {shown_name(source.name)} 新建）")

    def attach(self, path: str | Path | None = None) -> bool:
        """Pair the open report with last year's: the cross-year checks run from now on.  Last
        year's file is read in the background (正在打开 with 取消): True once the read has begun."""
        self.state.flush()
        name = path or self.ask_last_path("选择上一年度的年报（用于对照）")
        if not name:
            return False
        source = Path(name)
        self.docs.read_in_background(source, lambda last: self._attach(last, source), READ_FAILED)
        return True

    def _attach(self, last: Report, source: Path) -> None:
        this = self.state.report
        if this.year and last.year and last.year != this.year - 1 and not self.confirm_not_last_year(last, this):
            self.message.emit("未对照：所选报告不是上一年度的")
            return
        self.state.stack.push(AttachCommand(self.state, LastYear.from_report(last, source.name)))
        said = pairing_note(this.year, this.organ, last.year, last.organ)
        note = f"（注意：{said}）" if said else ""
        self.message.emit(f"已与 {shown_name(source.name)} 对照：结转数、{T2_IN_FORCE_LABEL}和沿用的文字已在检查结果中{note}")

    def detach(self) -> None:
        if attached(self.state.report) is not None:
            self.state.stack.push(AttachCommand(self.state, None, "取消与上年报告对照"))


def hint_font(font: QFont) -> QFont:
    """Last year's figure: smaller than the cell's own."""
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.72, 6.5))
    return small


def hint_height(font: QFont) -> int:
    """What a grid's rows grow by while 显示上年数 is on: the hint's own line under the value."""
    return QFontMetrics(hint_font(font)).height()


def last_year_text(state: EditorState, index: QModelIndex | QPersistentModelIndex) -> str | None:
    from ui.table_model import StatutoryTableModel  # the grid's model; this module loads at start-up

    model = index.model()
    ref = model.ref(index) if isinstance(model, StatutoryTableModel) else None
    text = last_figure(state.report, ref.table, (ref.row, ref.col)) if ref is not None else None
    return None if text is None else f"上年{text}"


def paint_with_last_year(delegate: QStyledItemDelegate, hint: str, painter: QPainter,
                         option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
    """The cell (background, selection, focus) as Qt paints it, then its value in the upper part
    and last year's figure, small and muted, on a line of its own at the bottom right: neither
    is drawn over the other however narrow the column (the rows are a hint's line taller)."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    value = opt.text  # type: ignore[attr-defined]
    opt.text = ""  # type: ignore[attr-defined]
    widget = opt.widget  # type: ignore[attr-defined]
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    small = hint_font(opt.font)  # type: ignore[attr-defined]
    line = QFontMetrics(small).height()
    rect: QRect = option.rect.adjusted(3, 1, -4, -1)  # type: ignore[attr-defined]
    painter.save()
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    painter.setPen(opt.palette.color(role))  # type: ignore[attr-defined]
    painter.setFont(opt.font)  # type: ignore[attr-defined]
    across = opt.displayAlignment & Qt.AlignmentFlag.AlignHorizontal_Mask  # type: ignore[attr-defined]
    painter.drawText(rect.adjusted(0, 0, 0, -line), int(across | Qt.AlignmentFlag.AlignVCenter), value)
    painter.setFont(small)
    painter.setPen(Colors.LAST_YEAR)
    painter.drawText(QRect(rect.left(), rect.bottom() - line + 1, rect.width(), line),
                     int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), hint)
    painter.restore()


def last_year_delegate(state: EditorState, parent: QWidget) -> QStyledItemDelegate:
    """The grid's delegate that also paints last year's figure; installed only while 显示上年数
    is on (a Python paint per cell costs time; the grid's own delegate paints in C++)."""
    from ui.table_view import CellDelegate  # the grid imports this module's neighbours

    class LastYearDelegate(CellDelegate):
        def paint(self, painter: QPainter, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> None:
            hint = last_year_text(state, index)
            if hint is None:
                super().paint(painter, option, index)
            else:
                paint_with_last_year(self, hint, painter, option, index)

    return LastYearDelegate(parent)


SECTION5_PROMPT = ("请写明：上一年度报告提出的问题本年是如何改进的；本年度存在的主要问题；下一步的改进措施。"
                   "（此处为提示，不会写入报告）")


def section5_prompt(report: Report) -> str:
    """The empty 五 pane's placeholder: what to write, with last year's problems to answer."""
    last = attached(report)
    problems = last.section_text(PROBLEMS).strip() if last is not None else ""
    if not problems:
        return SECTION5_PROMPT
    quoted = problems if len(problems) <= 240 else problems[:240] + "…"
    return f"{SECTION5_PROMPT}\n\n上年报告中的问题及改进措施：\n{quoted}"


def section_shares(report: Report) -> dict[str, float]:
    """Per text section, the share of its text that is last year's sentences but for years,
    figures and punctuation: what SAME-AS-LAST-YEAR (and its “mostly” kind) counts as last year's."""
    from app.lastyear import same_share
    from app.schema import ALL_TEXT_KEYS

    last = attached(report)
    if last is None:
        return {}
    sentences = last.sentence_words()
    return {k: same_share([p.text for p in report.sections.get(k, [])], sentences) for k in ALL_TEXT_KEYS}
