"""打印预览, 打印 and 导出PDF: one layout (``ui.print_layout``) painted on any paged device.

The layout is our own (QPainter + QTextLayout) rather than QTextDocument's: it gives exact
control of the fixed 28 pt line pitch, of where pages break (never inside a table row, header
rows repeated, headings kept with what follows) and of the odd/even page numbers.

For the main window (the painting and the PDF are ``ui.print_pdf``'s, re-exported here)::

    print_preview(parent, report)        # QPrintPreviewDialog
    print_report(parent, report) -> bool # QPrintDialog, then the printer; False if cancelled
    export_pdf(report, path)             # raises app.io.WriteError with a one-line message
    paint_report(report, device) -> int  # any QPagedPaintDevice (QPrinter, QPdfWriter)
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from app.io import WriteError
from app.report import Report
from ui.kept_on_screen import kept_on_screen
from ui.pdf_text import make_searchable
from ui.print_pdf import (
    CREATOR,
    PDF_DPI,
    check_fonts,
    ensure_app,
    export_pdf,
    paint_page,
    paint_page_number,
    paint_report,
    prepare_device,
)

__all__ = ["CREATOR", "PDF_DPI", "check_fonts", "ensure_app", "export_pdf", "new_printer", "paint_page",
           "paint_page_number", "paint_report", "prepare_device", "print_preview", "print_report"]


def new_printer(report: Report) -> QPrinter:
    """A printer set up for the report: A4, both sides (the page numbers alternate sides)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(report.file_stem)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    printer.setFullPage(True)
    return printer


def print_preview(parent: QWidget | None, report: Report) -> None:
    """打印预览: the pages as they will print; the dialog's own button prints them.  Raises
    WriteError if the pages could not be painted."""
    check_fonts()
    printer = new_printer(report)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    kept_on_screen(dialog)  # and the print and page set-up dialogs its buttons open
    errors: list[WriteError] = []

    def paint(device: QPrinter) -> None:  # a slot: an exception must not escape into Qt
        try:
            paint_report(report, device)
        except WriteError as e:
            errors.append(e)
            dialog.reject()

    dialog.paintRequested.connect(paint)
    if parent is not None:
        dialog.resize(parent.size())
    dialog.exec()
    if errors:
        raise errors[0]


def print_report(parent: QWidget | None, report: Report, file: Path | None = None) -> str:
    """打印 (Ctrl+P): the system print dialog, then straight to the printer.  Where it went, to
    be said (“打印机“办公室”” or the file printed to); "" if the user cancelled; raises
    WriteError if the printer could not be used.  ``file``: 打印到文件's name as the dialog
    opens (导出PDF's, beside the report)."""
    check_fonts()
    printer = new_printer(report)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    from PySide6.QtWidgets import QAbstractButton

    from ui.filedialogs import key_the_dialog_it_opens, keyed_cancel

    keyed_cancel(dialog)  # 取消(C) as every question's
    for name in ("properties", "fileBrowser"):  # 属性 and “…”: dialogs Qt makes when asked
        opener = dialog.findChild(QAbstractButton, name)
        if opener is not None:
            key_the_dialog_it_opens(opener)
    kept_on_screen(dialog)  # 选项 >> grows it downward
    field = dialog.findChild(QLineEdit, "filename")  # Qt's own dialog (Linux); Windows asks its own way
    if file is not None and field is not None:
        # Qt's default is the home folder (the working folder at best), where the user did not
        # look for it.  Given here, not as the printer's output file: that would choose 打印到文件.
        field.setText(str(file))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return ""
    copies = 1 if printer.supportsMultipleCopies() else printer.copyCount()
    for _ in range(copies):  # the application makes the copies where the driver cannot
        paint_report(report, printer)
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        make_searchable(Path(printer.outputFileName()))  # “print to file” is a PDF too
        return printer.outputFileName()
    return f"打印机“{printer.printerName()}”" if printer.printerName() else "打印机"
