"""导出PDF in the background: a snapshot of the report painted to a PDF on a worker thread
(``ui.tasks``), while the window stays in use; what the status bar shows meanwhile.

The worker never sees the live report: it is given a copy taken on the GUI thread once what
was being typed is committed, so the user may go on editing and the PDF is the report as it
was at 导出PDF.  Painting a QPdfWriter, QTextLayout and fonts are allowed off the GUI thread
(Qt's “painting in threads”); nothing here touches a widget or a QPixmap.

Stopping: the painting polls between pages (``ui.print_pdf``'s ``step``).  The file is written
to a temporary beside the target, which replaces the target only once complete (app.io's
atomic_write): a cancelled or failed export leaves no file and the old one as it was.  Once the
PDF is complete and about to replace the target, 取消 is too late and says so; the export ends.

A file is written by one export at a time, in any window of the program (``busy_with``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QToolButton, QWidget

from app.errors import WriteError
from app.names import same_file
from app.report import Report
from ui.tasks import Cancelled, Control, Task

_targets: list[PdfExport] = []  # the exports writing now, by any window


def busy_with(path: Path) -> bool:
    """True while an export is writing ``path``, however either names it (app.names.same_file:
    a link, another spelling, a hard link)."""
    return any(same_file(path, export.path) for export in _targets)


class PdfExport:
    """One export of one snapshot to one file.  ``task`` says how it ended (``ui.tasks.Task``:
    succeeded with the path, failed with one message, or cancelled)."""

    def __init__(self, report: Report, path: Path) -> None:
        self.report = report
        self.path = path
        self._lock = threading.Lock()  # between 取消 and the worker's point of no return
        self._stop = False
        self._committing = False  # the PDF is complete and is replacing the target
        self.warning: str | None = None  # characters the PDF shows as boxes (set by the worker)
        self.task = Task(self._work, what="导出PDF")
        self.task.ended.connect(self._ended)

    def start(self) -> PdfExport:
        from ui.print_flow import prime_text_options

        prime_text_options()  # no QObject is made on the worker: see there
        _targets.append(self)
        self.task.start()
        return self

    def _ended(self) -> None:
        if self in _targets:
            _targets.remove(self)

    def cancel(self) -> bool:
        """Stop the export: True if it will leave nothing; False if too late (it completes)."""
        with self._lock:
            if self._committing:
                return False
            self._stop = True
        self.task.cancel()
        return True

    # -- the worker thread ----------------------------------------------------------------------
    def _work(self, control: Control) -> Path:
        import ui.print_pdf as print_pdf  # looked up here: tests slow its painting down

        def step(done: int, total: int) -> None:
            with self._lock:
                if self._stop:
                    raise Cancelled
                control.check()  # a cancel from elsewhere (the program quitting)
                self._committing = done >= total
            control.progress(done, total)

        try:
            self.warning = print_pdf.export_pdf(self.report, self.path, step)
        except WriteError as e:
            if isinstance(e.__cause__, Cancelled):  # atomic_write wraps what stopped the writer
                raise Cancelled from None
            raise
        return self.path


class ExportStatus(QWidget):
    """正在导出PDF… with a progress bar and 取消, in the status bar (as Word's background save)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfExportStatus")
        self.label = QLabel("正在导出PDF…", self)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(120)
        self.bar.setMaximumHeight(14)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setText("取消")
        self.cancel_button.setToolTip("停止导出PDF：不写出文件，原有的同名文件保持不变")
        self.cancel_button.setAutoRaise(False)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 6, 0)
        box.setSpacing(6)
        box.addWidget(self.label)
        box.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)
        box.addWidget(self.cancel_button)
        # Its own width, not a share of the bar's: the label stays beside its progress bar.
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # As tall as a line of the bar's text, as its labels are: QStatusBar takes the height of
        # its tallest widget, shown or hidden, and the button's frame made the bar 5 px taller from
        # the first 导出PDF on — the whole window moved up at that moment and stayed so (GUI tester).
        line = self.label.sizeHint().height()
        self.cancel_button.setMaximumHeight(line)
        self.setMaximumHeight(line)
        self.hide()

    def begin(self, name: str) -> None:
        self.label.setText("正在导出PDF…")
        self.setToolTip(f"正在导出 {name}（导出的是点“导出PDF”时的内容，可以继续编辑）")
        self.bar.setRange(0, 0)  # busy until the pages are laid out
        self.cancel_button.setEnabled(True)
        self.show()

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if total and done >= total:  # complete, being moved into place: too late to stop
            self.cancel_button.setEnabled(False)

    def finishing(self) -> None:
        self.label.setText("正在完成导出…")
        self.cancel_button.setEnabled(False)
