"""The window's 打印预览, 打印 and 导出PDF commands (the layout itself: test_printing.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QLineEdit, QToolBar

from app.io import WriteError
from app.schema import T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, table
from ui import printing


def test_print_actions_are_in_the_file_menu_and_the_toolbar(window) -> None:  # type: ignore[no-untyped-def]
    actions = (window.act_preview, window.act_print, window.act_pdf)
    assert window.act_print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.act_print.shortcut().toString() == "Ctrl+P"
    # Hold the action: PySide6 6.8/6.9 invalidate the menu's wrapper when a temporary action
    # wrapper goes (the QMenu itself lives on).
    file_action = window.menuBar().actions()[0]
    file_menu = file_action.menu()
    assert all(a in file_menu.actions() for a in actions)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert all(a in toolbar.actions() for a in actions)
    assert [a.iconText() for a in actions] == ["打印预览", "打印", "导出PDF"]
    assert all(not a.icon().isNull() for a in actions)


def test_export_pdf_writes_a_pdf_named_after_the_document(window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    asked: list[str] = []

    def ask(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(tmp_path / "年报"), filters  # no suffix typed: .pdf is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    window.act_pdf.trigger()
    assert asked == [str(SAMPLE.with_suffix(".pdf"))]
    qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)  # written in the background
    out = tmp_path / "年报.pdf"
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 10_000
    assert not window.errors
    assert not window.isWindowModified() and window.state.stack.count() == 0, "printing is not an edit"
    assert "年报.pdf" in window.statusBar().currentMessage()


def test_export_pdf_failure_is_one_message(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "没有这个文件夹" / "年报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    assert not window.output.export_pdf()
    assert len(window.errors) == 1 and "没有这个文件夹" in window.errors[0]
    assert not target.parent.exists()


def test_export_pdf_cancelled_writes_nothing(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert not window.output.export_pdf()
    assert not window.errors and not list(tmp_path.glob("*.pdf"))


def test_printing_commits_the_cell_being_typed(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    printed: list[object] = []
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: printed.append(
        report.value(CellRef("三", T3_NEW, T3_COL_NATURAL))) or True)
    view = table(window, "三")
    view.setFocus()
    view.setCurrentIndex(view.grid_model().index_of((T3_NEW, T3_COL_NATURAL)))
    qtbot.keyClick(view, "7")
    assert [w for w in view.findChildren(QLineEdit) if w.isVisible()], "the cell is being typed"
    window.act_print.trigger()
    assert printed == [7]
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_TOTAL)) == 7


def test_preview_and_print_go_to_the_printing_module(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple[str, object, object]] = []
    monkeypatch.setattr(printing, "print_preview", lambda parent, report: calls.append(("preview", parent, report)))
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: calls.append(("print", parent, report)))
    window.act_preview.trigger()
    window.act_print.trigger()
    assert calls == [("preview", window, window.state.report), ("print", window, window.state.report)]


def test_a_printer_error_is_one_message(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    def fail(parent, report, file=None):  # type: ignore[no-untyped-def]
        raise WriteError("打印机“办公室”无法使用")

    monkeypatch.setattr(printing, "print_report", fail)
    assert not window.output.print_report()
    assert window.errors == ["打印机“办公室”无法使用"]


def test_the_default_pdf_name_is_never_the_pdf_the_report_was_read_from(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.reading import load_report
    from ui.print_pdf import export_pdf

    published = tmp_path / "去年.pdf"
    export_pdf(load_report(SAMPLE), published)
    assert window.docs.load(published)
    assert window.output.default_pdf_path() == tmp_path / "去年（修订）.pdf"
    assert window.output.output_path(".xlsx") == tmp_path / "去年.xlsx"
    word = tmp_path / "别人的.docx"
    word.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(word)
    assert window.output.default_pdf_path() == tmp_path / "别人的.pdf"


def test_printing_says_where_it_went(window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """打印 said nothing once done: “打印到文件” put the PDF in the home folder, and the user looked
    for it beside the report (the GUI tester)."""
    printed = tmp_path / "未命名报告.pdf"
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: str(printed))
    assert window.output.print_report()
    assert window.statusBar().currentMessage().startswith("已打印到文件："), window.statusBar().currentMessage()
    assert "未命名报告.pdf" in window.statusBar().currentMessage()
    unnamed = tmp_path / "报告"  # a name typed without .pdf in the dialog's 打印到文件: a file all the same
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: str(unnamed))
    assert window.output.print_report()
    assert window.statusBar().currentMessage() == f"已打印到文件：{unnamed}"
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: "打印机“办公室”")
    assert window.output.print_report()
    assert window.statusBar().currentMessage() == "已送往打印机“办公室”"
    window.statusBar().clearMessage()
    monkeypatch.setattr(printing, "print_report", lambda parent, report, file=None: "")  # 取消
    assert not window.output.print_report() and window.statusBar().currentMessage() == ""


def test_print_to_file_is_named_and_placed_as_export_pdf(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """打印's “打印到文件” offered the home folder (user33 under Xvfb): it offers the report's
    folder and name, as 导出PDF does, and the PDF lands there."""
    from PySide6.QtCore import QTimer
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication, QComboBox

    report = tmp_path / "某街道2024年报.docx"
    report.write_bytes(SAMPLE.read_bytes())
    assert window.docs.load(report)
    offered: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, answer)
            return
        QTimer.singleShot(10_000, dialog.reject)  # never a test hanging on an open dialog
        name = dialog.findChild(QLineEdit, "filename")
        printers = dialog.findChild(QComboBox, "printers")
        assert name is not None and printers is not None
        offered.append(name.text())
        printers.setCurrentIndex(printers.count() - 1)  # 打印到文件 (PDF), the list's last
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert window.output.print_report()
    pdf = tmp_path / "某街道2024年报.pdf"
    assert offered == [str(pdf)]
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert window.statusBar().currentMessage() == f"已打印到文件：{pdf}"


def test_print_to_file_of_a_report_never_saved_is_in_the_last_folder(window, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui import filedialogs

    monkeypatch.setattr(filedialogs, "last_folder", lambda: tmp_path)
    path = window.output.print_file_path()
    assert path.parent == tmp_path and path.suffix == ".pdf"
