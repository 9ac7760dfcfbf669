"""打印预览, 打印 and 导出PDF for the window: what is being typed is committed first, the
layout itself is ui.printing's, and a failure is one message box.  None of them touches the
undo stack, so the window's modified state is what it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from app.io import WriteError
from ui import filedialogs
from ui.documents import WindowController, busy

PDF_FILTER = "PDF 文件 (*.pdf)"


class OutputController(WindowController):
    """The window's print and PDF commands; the file dialog is a method tests can replace."""

    def default_pdf_path(self) -> Path:
        """Beside the open file with its name, else the report's title (in the last folder)."""
        return self.output_path(".pdf")

    def ask_pdf_path(self) -> str:
        return filedialogs.get_save_path(self.window, "导出PDF", self.default_pdf_path(), PDF_FILTER)

    def preview(self) -> None:
        printing = self._prepare()
        if printing is not None:
            self._guarded("打印预览失败", lambda: printing.print_preview(self.window, self.state.report))

    def print_report(self) -> bool:
        printing = self._prepare()
        if printing is None:
            return False
        return bool(self._guarded("打印失败", lambda: printing.print_report(self.window, self.state.report)))

    def export_pdf(self) -> bool:
        printing = self._prepare()
        name = self.ask_pdf_path() if printing is not None else ""
        if printing is None or not name:
            return False
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")

        def write() -> bool:
            printing.export_pdf(self.state.report, path)
            return True

        with busy():
            done = self._guarded("导出PDF失败", write)
        if done:
            self.message.emit(f"已导出PDF：{path}")
        return bool(done)

    def _prepare(self) -> ModuleType | None:
        """Commit the cell or text being typed, then the printing module (loaded on first use:
        QtPrintSupport is not needed to start the editor)."""
        self.state.flush()
        try:
            import ui.printing as printing
        except ImportError as e:
            self.docs.show_error("无法打印", f"打印组件未能加载（{e}），请重新安装本程序。")
            return None
        return printing

    def _guarded(self, title: str, action: Callable[[], object]) -> object:
        try:
            return action()
        except Exception as e:  # WriteError says why; anything else is still one message
            text = str(e) if isinstance(e, WriteError) else f"出现意外问题（{type(e).__name__}: {e}）"
            self.docs.show_error(title, text)
            self.message.emit(title)
            return None

