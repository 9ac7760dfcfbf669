"""打印预览, 打印 and 导出PDF for the window: what is being typed is committed first, the
layout itself is ui.printing's, and a failure is one message box.  None of them touches the
undo stack, so the window's modified state is what it was.

导出PDF runs in the background (``ui.pdf_export``) on a copy of the report: the window stays in
use, editing included, and the PDF is the report as it was at 导出PDF.  The status bar shows
正在导出PDF… with 取消; one export per window at a time, one per file in the program.  Closing
the window during an export waits for it to finish (the close goes ahead once it has), unless
the user cancels it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from app import names
from app.findings import Finding, Location, Severity
from app.io import WriteError, check_target
from app.ownfiles import PUBLISHED_TAG
from app.report import Report
from app.schema import META
from app.values import format_date
from ui import filedialogs, questions
from ui.documents import DocumentController
from ui.state import EditorState
from ui.window_commands import WindowController, busy

if TYPE_CHECKING:
    from ui.pdf_export import ExportStatus, PdfExport

PDF_FILTER = "PDF 文件 (*.pdf)"
DOCX_FILTER = "Word 文档 (*.docx)"
PUBLISHED_NOTE = "不含已忽略问题的理由、忽略人的登录名和上年报告等编辑器数据"
# Each output's question while errors remain: what it does with them, the question, its button.
ERRORS_LEFT = {
    "导出发布稿": ("发布稿会把它们原样发布", "仍要导出发布稿吗？", "仍要导出"),
    "导出PDF": ("导出的PDF会原样带着它们", "仍要导出PDF吗？", "仍要导出"),
    "打印": ("打印出来的报告会原样带着它们", "仍要打印吗？", "仍要打印"),
    "打印预览": ("打印出来的报告会原样带着它们", "仍要打印预览吗？", "仍要预览"),
}


class OutputController(WindowController):
    """The window's print and PDF commands; the file dialog is a method tests can replace."""

    reviewRequested = Signal(object)  # a Finding to choose in the findings list (查看问题)

    def __init__(self, state: EditorState, docs: DocumentController, window: QMainWindow) -> None:
        super().__init__(state, docs, window)
        self.exporting: PdfExport | None = None  # the PDF export under way
        self.status: ExportStatus | None = None  # its place in the status bar, made at the first
        self._close_when_done = False  # the window was closed during the export

    def default_pdf_path(self) -> Path:
        """Beside the open file with its name, else the report's title (in the last folder)."""
        return self.output_path(".pdf")

    def print_file_path(self) -> Path:
        """打印's 打印到文件 name: 导出PDF's, a report never saved in the folder chosen last."""
        path = self.default_pdf_path()
        return path if path.is_absolute() else filedialogs.last_folder() / path

    def ask_pdf_path(self) -> str:
        return filedialogs.get_save_path(self.window, "导出PDF", self.default_pdf_path(), PDF_FILTER)

    def default_published_path(self) -> Path:
        """Beside the report with “（发布稿）” added to its name: never the report's own file."""
        source = self.docs.path or self.docs.source or self.docs.suggested
        if source is None:
            return Path(names.titled(self.state.report.file_stem + PUBLISHED_TAG, ".docx"))
        stem = source.stem if source.suffix else source.name
        return Path(names.fit(source.parent, stem + PUBLISHED_TAG, ".docx"))

    def ask_published_path(self) -> str:
        return filedialogs.get_save_path(self.window, "导出发布稿", self.default_published_path(), DOCX_FILTER)

    def ask_errors_left(self, errors: list[Finding], title: str = "导出发布稿") -> str:
        """The report still has errors, about to be output by ``title`` (a key of ERRORS_LEFT):
        'review' (查看问题, the default), 'export' (仍要…) or '' (取消, or the box closed)."""
        from PySide6.QtWidgets import QMessageBox

        from app.publish import errors_warning

        fate, question, go = ERRORS_LEFT[title]
        Role = QMessageBox.ButtonRole
        buttons = [("查看问题(&V)", Role.AcceptRole), (filedialogs.keyed(go), Role.DestructiveRole), ("取消(&C)", Role.RejectRole)]
        text = errors_warning(errors, fate) + "\n\n" + question
        answer = filedialogs.choose(self.window, QMessageBox.Icon.Warning, title, text, buttons, 0, 2)
        return ("review", "export", "")[answer]

    def errors_ok(self, title: str) -> bool:
        """Every output's second gate (发布稿, PDF, 打印, 打印预览), after ``refused_ok``: while
        errors remain (dismissed ones do not count) it asks first — the website, or the PDF an
        office posts there, would get figures that do not add up, and a status-line note was all
        the GUI tester got (rev24c S1: the PDF went out with 5 errors, unasked).  查看问题 chooses
        the first error in the findings list and makes nothing."""
        errors = [f for f in self.state.findings if f.severity >= Severity.ERROR]
        if not errors:
            return True
        answer = self.ask_errors_left(errors, title)
        if answer == "review":
            self.reviewRequested.emit(errors[0])
        return answer == "export"

    def ask_refused(self, title: str, text: str, go: str) -> bool:
        return questions.ask_output_refused(self.window, title, text, go)

    def refused_ok(self, title: str, go: str) -> bool:
        """Every output's gate (发布稿, PDF, 打印, 打印预览), after the flush: an entry refused
        (a grid's red frame, 成文日期 “2024年2月30日”) is on screen but not in the report, so the
        output would carry the old value — the old date on the website — and nothing said.  Asked
        as closing asks: 返回改正 (the default) goes back to it and makes nothing."""
        refused, fields = self.state.open_entries(), self.state.field_entries()
        if not refused and not fields:
            return True
        text = questions.output_refused(refused, fields, format_date(self.state.report.date))
        if self.ask_refused(title, text, go):
            return True
        if fields:
            self.state.show_location(Location(META))  # 基本信息 focuses the date refused
        else:
            self.state.show_location(Location(refused[0][0].table, (refused[0][0],)))
        return False

    def export_published(self) -> bool:
        """文件 → 导出发布稿…: the .docx to put on the website (app/publish.py).  The report open
        here is not changed, nor its file: the copy is an output, like a PDF.  While errors
        remain it asks first (``errors_ok``)."""
        self.state.flush()
        if not self.refused_ok("导出发布稿", "仍要导出") or not self.errors_ok("导出发布稿"):
            return False
        from ui.output_target import chosen

        title = "导出发布稿失败"
        path = chosen(self.ask_published_path, ".docx", lambda p: self._published_over(p, title))
        if path is None:
            return False
        from app.publish import write_published

        def write() -> bool:
            write_published(self.state.snapshot(), path)
            return True

        with busy():
            done = self._guarded(title, write)
        if done:
            self.message.emit(f"已导出发布稿：{names.shown_name(path)}（{PUBLISHED_NOTE}）")
            self._warn_undrawn("导出发布稿", "在本机用 Word/WPS 打开时", "；网站和其他电脑上也要有这样的字体才能显示")
        return bool(done)

    def _published_over(self, path: Path, title: str) -> str:
        """Whether the 发布稿 may replace ``path`` ('write'; 'again': another name; '': no)."""
        if names.same_file(path, self.docs.path) or names.same_file(path, self.docs.source):
            # Our data (dismissals, last year's report) would be gone from the working file.
            self.docs.show_error(title, f"{path}：这是正在编辑的报告文件本身，发布稿不能覆盖它"
                                        f"（发布稿{PUBLISHED_NOTE}）；请另取一个文件名")
            return ""
        from app.lock import live_owner

        owner = live_owner(path)
        if owner is not None:
            self.docs.show_error(title, f"{path}：文件正在另一个编辑器中打开（{owner.describe()}），未写入；请另取一个文件名")
            return ""
        from ui.output_target import over_other_program

        return over_other_program(self.window, path)

    def _warn_undrawn(self, title: str, output: str, then: str, kept: bool = True) -> None:
        """Characters of the report no font here draws: they show as boxes in ``output``; said
        in a box (the output is made all the same).  Nothing is laid out for a report whose
        characters are all common ones (app/undrawn.py)."""
        from app.undrawn import candidates

        report = self.state.report
        if not candidates(report):
            return
        from ui.print_fonts import undrawn_warning

        said = undrawn_warning(report, None, output, then, kept)
        if said:
            self.warn(title, said)

    def warn(self, title: str, text: str) -> None:
        self.message.emit(text)
        self.docs.show_warning(title, text)

    def preview(self) -> None:
        printing = self._prepare("打印预览", "仍要预览")
        if printing is not None:
            self._warn_undrawn("打印预览", "打印出来的报告中", "后重新打印", kept=False)
            self._guarded("打印预览失败", lambda: printing.print_preview(self.window, self.state.report))

    def print_report(self) -> bool:
        printing = self._prepare("打印", "仍要打印")
        if printing is None:
            return False
        # Said before the print dialog, where the printing can still be given up
        self._warn_undrawn("打印", "打印出来的报告中", "后重新打印", kept=False)
        where = self._guarded("打印失败", lambda: printing.print_report(self.window, self.state.report, self.print_file_path()))
        if isinstance(where, str) and where:
            # Printed without a word: “打印到文件” put the PDF in the home folder, and the user
            # looked beside the report for it (the GUI tester).
            # (a printer is said as 打印机“…”; a file is a path, whatever it ends in: a name typed
            # without .pdf was said as 已送往/home/…/报告)
            self.message.emit(f"已送往{where}" if where.startswith("打印机") else f"已打印到文件：{where}")
        return bool(where)

    def export_pdf(self) -> bool:
        """Ask where, then export in the background; True if the export has begun."""
        if self.exporting is not None:
            self.message.emit("正在导出PDF，请等它完成，或点状态栏中的“取消”")
            return False
        self.state.flush()
        if not self.refused_ok("导出PDF", "仍要导出") or not self.errors_ok("导出PDF"):
            return False
        try:
            import ui.print_pdf  # noqa: F401  (loaded here, on the GUI thread, before the worker uses it)
        except ImportError:
            self._unloadable("无法导出PDF")
            return False
        from ui.output_target import chosen, over_other_program

        path = chosen(self.ask_pdf_path, ".pdf", lambda p: over_other_program(self.window, p))
        if path is None:
            return False
        from ui.pdf_export import busy_with  # on first use: not a module the start needs (~2 ms)

        if busy_with(path):  # another window is writing it: never two writers on one file
            self._failed(f"{path}：另一个窗口正在导出这个文件，请等它完成后再导出")
            return False
        try:
            check_target(path)  # no folder, a read-only file: said now, not after the painting
        except WriteError as e:
            self._failed(str(e))
            return False
        self.export_in_background(self.state.snapshot(), path)
        return True

    def export_in_background(self, report: Report, path: Path) -> PdfExport:
        """Paint ``report`` (a copy nobody else changes) to ``path`` on a worker thread."""
        from ui.pdf_export import PdfExport

        export = self.exporting = PdfExport(report, path)
        status = self._status()
        export.task.progressed.connect(status.set_progress)
        export.task.succeeded.connect(lambda _path: self._exported(export))
        export.task.failed.connect(lambda text: self._not_exported(export, text))
        export.task.cancelled.connect(lambda: self._not_exported(export))
        status.begin(path.name)
        self.window.installEventFilter(self)  # for its close (only while exporting: it sees every event)
        export.start()
        return export

    def cancel_export(self) -> None:
        """取消: stop the export, nothing written; or, if the PDF is already complete, let it end."""
        export = self.exporting
        if export is not None and not export.cancel():
            self._status().finishing()
            self.message.emit("PDF 已经写完，正在保存到文件，无法取消")

    def _exported(self, export: PdfExport) -> None:
        close = self._end(export)
        if close is None:
            return
        self.message.emit(f"已导出PDF：{names.shown_name(export.path)}")
        if close:  # the close the user asked for during the export
            QTimer.singleShot(0, self.window.close)
        elif export.warning:  # made all the same: the characters are in its text
            self.warn("导出PDF", export.warning)

    def _not_exported(self, export: PdfExport, error: str = "") -> None:
        if self._end(export) is None:
            return
        if error:
            self._failed(error)
        else:
            self.message.emit(f"已取消导出，未写出 {names.shown_name(export.path.name)}")

    def _end(self, export: PdfExport) -> bool | None:
        """The export is over: None if it was not this window's current one; else whether the
        window was closed meanwhile (a failed or cancelled export keeps the window open)."""
        if export is not self.exporting:
            return None
        self.exporting = None
        self.window.removeEventFilter(self)
        self._status().hide()
        close, self._close_when_done = self._close_when_done, False
        return close

    def _failed(self, text: str) -> None:
        self.docs.show_error("导出PDF失败", text)
        self.message.emit("导出PDF失败")

    def _status(self) -> ExportStatus:
        if self.status is None:
            from ui.pdf_export import ExportStatus

            self.status = ExportStatus(self.window)
            self.status.cancel_button.clicked.connect(self.cancel_export)
            assert isinstance(self.window, QMainWindow)
            self.window.statusBar().insertPermanentWidget(0, self.status)
        return self.status

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A close during an export waits for it: the PDF the user asked for is finished, then
        the window closes (asking about unsaved changes as ever).  取消 keeps the window."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.exporting is not None:
            event.ignore()
            self._close_when_done = True
            self.message.emit("正在导出PDF，完成后关闭窗口（点“取消”停止导出）")
            return True
        return False

    def _prepare(self, title: str, go: str) -> ModuleType | None:
        """Commit the cell or text being typed (an entry refused: asked, ``refused_ok``; errors
        left: asked, ``errors_ok``), then the printing module (loaded on first use: QtPrintSupport
        is not needed to start the editor)."""
        self.state.flush()
        if not self.refused_ok(title, go) or not self.errors_ok(title):
            return None
        try:
            import ui.printing as printing
        except ImportError:
            self._unloadable("无法打印")
            return None
        return printing

    def _unloadable(self, title: str) -> None:
        """The printing modules would not load (a system library missing, the program updated
        on disk while it runs): Python's English reason into the log, where support reads it,
        the user told in Chinese (it showed “cannot import name … from 'app.plan' (/opt/…)”, gui22)."""
        from ui.crashlog import data_folder, log

        log().exception("打印组件未能加载")
        self.docs.show_error(title, f"打印组件未能加载，请重新安装本程序。\n原因已记入日志文件（{data_folder()}），如需帮助请发给技术支持。")

    def _guarded(self, title: str, action: Callable[[], object]) -> object:
        try:
            return action()
        except Exception as e:  # WriteError says why; anything else is still one message
            text = str(e) if isinstance(e, WriteError) else f"出现意外问题（{type(e).__name__}: {e}）"
            self.docs.show_error(title, text)
            self.message.emit(title)
            return None

