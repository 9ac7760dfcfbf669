"""导出PDF in the background (ui/pdf_export.py, ui/output.py): the PDF is the report as it was at
导出PDF and reads back as it; the event loop turns while it is painted; 取消 leaves no file and the
old one intact; an unwritable target is one message; editing meanwhile changes neither the PDF nor
loses the edit; no two exports write one file; closing or quitting mid-export ends cleanly."""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import app.io as app_io
import ui.print_pdf as print_pdf
from app.cli import dump
from app.reading import load_report
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, CellRef
from tests.helpers import fill_disk, temporaries
from tests.ui.conftest import SAMPLE, table, type_into, type_text
from tests.ui.test_tasks import busy_until
from ui import tasks
from ui.main_window import MainWindow
from ui.pdf_export import PdfExport

CELL = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)
REAL_PAINT_PAGE = print_pdf.paint_page


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Holds a worker until the test releases it (and always at the end of the test)."""
    event = threading.Event()
    yield event
    event.set()
    tasks.cancel_all(20)  # no worker of this test outlives it


@pytest.fixture
def opened(window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> MainWindow:
    """The window with the sample open; 导出PDF answered with tmp_path/年报.pdf."""
    assert window.docs.load(SAMPLE)
    monkeypatch.setattr(window.output, "ask_pdf_path", lambda: str(tmp_path / "年报.pdf"))
    return window


def hold_page(monkeypatch: pytest.MonkeyPatch, at: int, reached: threading.Event,
              wait: Callable[[], None]) -> None:
    """The painter stops before page ``at`` until ``wait`` returns (a slow page, a test's gate)."""
    def paint_page(painter, ctx, page, number):  # type: ignore[no-untyped-def]
        if number == at:
            reached.set()
            wait()
        REAL_PAINT_PAGE(painter, ctx, page, number)

    monkeypatch.setattr(print_pdf, "paint_page", paint_page)


def held(monkeypatch: pytest.MonkeyPatch, gate: threading.Event, at: int = 2) -> threading.Event:
    reached = threading.Event()
    hold_page(monkeypatch, at, reached, lambda: gate.wait(20) or None)
    return reached


def held_before_layout(monkeypatch: pytest.MonkeyPatch, gate: threading.Event) -> threading.Event:
    """The worker stops before it reads anything of the report (it lays the pages out first)."""
    reached = threading.Event()
    real = print_pdf.layout_report

    def layout_report(report, device):  # type: ignore[no-untyped-def]
        reached.set()
        assert gate.wait(20)
        return real(report, device)

    monkeypatch.setattr(print_pdf, "layout_report", layout_report)
    return reached


def ended(window: MainWindow, qtbot: QtBot) -> None:
    """Until the window's export has ended and its worker is done."""
    export = window.output.exporting
    assert export is not None, "no export under way"
    qtbot.waitUntil(lambda: window.output.exporting is None, timeout=60000)
    assert export.task.wait(20)


def status_text(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_the_pdf_reads_back_as_the_report_it_was_exported_from(opened: MainWindow, qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    """Through pdfplumber (our PDF reader): every field of `dump`, values and section texts."""
    type_into(qtbot, table(opened, "三"), (CELL.row, CELL.col), "7")
    expected = dump(opened.state.report)
    assert opened.output.export_pdf()
    ended(opened, qtbot)
    out = tmp_path / "年报.pdf"
    assert dump(load_report(out)) == expected
    assert load_report(out).value(CELL) == 7
    assert not opened.errors and temporaries(tmp_path) == []
    assert status_text(opened) == f"已导出PDF：{out}"
    assert opened.output.status is not None and not opened.output.status.isVisible()


def test_the_event_loop_turns_while_the_pdf_is_painted(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A painter that never sleeps and only goes on once the GUI thread's timer has fired ten
    times while it paints page 2: painted on the GUI thread (or holding it up) it would spin to its
    20 s cap.  (Ticks counted from page 2 on: the pages are laid out by then, however long that
    took on a loaded machine, so the bar has their number.)"""
    turned, painting = threading.Event(), threading.Event()
    ticks: list[int] = []
    seen: list[tuple[bool, str, bool, int]] = []

    def tick() -> None:
        if not painting.is_set():
            return
        ticks.append(1)
        status = opened.output.status
        if len(ticks) == 3 and status is not None:  # what the user sees meanwhile
            seen.append((status.isVisible(), status.label.text(), status.cancel_button.isEnabled(),
                         status.bar.maximum()))
        if len(ticks) >= 10:
            turned.set()

    hold_page(monkeypatch, 2, painting, lambda: busy_until(turned, 20))
    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    assert opened.output.export_pdf()
    ended(opened, qtbot)
    timer.stop()
    assert turned.is_set(), "the event loop did not turn while the PDF was painted"
    assert len(seen) == 1
    visible, label, can_cancel, pages = seen[0]
    assert visible and label == "正在导出PDF…" and can_cancel
    assert pages > 1, "the progress bar counts the pages once they are laid out"
    assert (tmp_path / "年报.pdf").read_bytes()[:5] == b"%PDF-" and not opened.errors


def test_cancel_leaves_no_file_and_the_old_one_intact(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                      gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "年报.pdf"
    out.write_bytes(b"%PDF-1.4 last year's export")
    reached = held(monkeypatch, gate)
    assert opened.output.export_pdf()
    export = opened.output.exporting
    assert export is not None and reached.wait(30)
    status = opened.output.status
    assert status is not None and status.isVisible()
    qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
    # At once, while the worker is still held: the window is told, the status bar is clear.
    assert opened.output.exporting is None and not status.isVisible()
    assert status_text(opened) == "已取消导出，未写出 年报.pdf"
    gate.set()
    assert export.task.wait(20)
    for _ in range(5):
        QApplication.processEvents()
    assert out.read_bytes() == b"%PDF-1.4 last year's export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["年报.pdf"], "no temporary, nothing else"
    assert not opened.errors and status_text(opened) == "已取消导出，未写出 年报.pdf"
    # The next export goes through.
    monkeypatch.setattr(print_pdf, "paint_page", REAL_PAINT_PAGE)
    assert opened.output.export_pdf()
    ended(opened, qtbot)
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 10_000


def test_cancel_too_late_lets_the_export_end(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                             gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the PDF is complete and replacing the target, 取消 says it is too late; the export
    ends with the file written (never told 已取消 with a new file on disk)."""
    real_verify = app_io._verify
    reached = threading.Event()

    def verify(path: Path, suffix: str) -> None:  # after the last page and the text-layer fix
        reached.set()
        assert gate.wait(20)
        real_verify(path, suffix)

    monkeypatch.setattr(app_io, "_verify", verify)
    assert opened.output.export_pdf()
    export = opened.output.exporting
    assert export is not None and reached.wait(30)
    assert not export.cancel() and opened.output.exporting is export
    opened.output.cancel_export()
    assert "无法取消" in status_text(opened)
    gate.set()
    ended(opened, qtbot)
    assert (tmp_path / "年报.pdf").read_bytes()[:5] == b"%PDF-"
    assert status_text(opened) == f"已导出PDF：{tmp_path / '年报.pdf'}" and not opened.errors


@pytest.mark.parametrize("how", ["no folder", "read-only file", "held by a viewer", "not a folder"])
def test_an_unwritable_target_is_one_message(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
                                             how: str) -> None:
    out = tmp_path / "年报.pdf"
    old = b"%PDF-1.4 the file open in the viewer"
    if how == "no folder":
        out = tmp_path / "没有这个文件夹" / "年报.pdf"
    elif how == "read-only file":
        out.write_bytes(old)
        out.chmod(0o444)
    elif how == "not a folder":
        (tmp_path / "文件").write_bytes(b"x")
        out = tmp_path / "文件" / "年报.pdf"
    else:  # Windows: a PDF viewer holds the file open, the rename is refused
        out.write_bytes(old)
        real_replace = os.replace

        def replace(src: str | Path, dst: str | Path) -> None:
            if Path(dst) == out:
                raise PermissionError(errno.EACCES, "Permission denied", str(dst))
            real_replace(src, dst)

        monkeypatch.setattr(app_io.os, "replace", replace)
    monkeypatch.setattr(opened.output, "ask_pdf_path", lambda: str(out))
    steps = opened.state.stack.count()
    if opened.output.export_pdf():
        ended(opened, qtbot)
    assert len(opened.errors) == 1, opened.errors
    message = opened.errors[0]
    assert str(out) in message and "Traceback" not in message
    expected = {"no folder": "文件夹不存在", "read-only file": "只读", "held by a viewer": "文件可能正在 PDF 阅读器中打开",
                "not a folder": "文件夹不存在"}[how]
    assert expected in message, message
    assert status_text(opened) == "导出PDF失败" and opened.output.exporting is None
    if out.parent.is_dir():
        assert temporaries(out.parent) == []
    if how in ("read-only file", "held by a viewer"):
        assert out.read_bytes() == old
    else:
        assert not out.exists()
    assert opened.state.stack.count() == steps and opened.act_pdf.isEnabled()
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("leave", [0, 40_000])
def test_a_full_disk_is_one_message_and_no_half_pdf(opened: MainWindow, qtbot: QtBot, small_disk: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capfd: pytest.CaptureFixture[str], leave: int) -> None:
    out = small_disk / "年报.pdf"
    out.write_bytes(b"%PDF-1.4 old")
    monkeypatch.setattr(opened.output, "ask_pdf_path", lambda: str(out))
    fill_disk(small_disk, leave)
    assert opened.output.export_pdf()
    ended(opened, qtbot)
    # Qt's PDF writer notices the full disk at a page break or not at all (the file is then
    # found incomplete): either way one line that names the disk.
    assert len(opened.errors) == 1 and str(out) in opened.errors[0] and "磁盘" in opened.errors[0], opened.errors
    assert out.read_bytes() == b"%PDF-1.4 old" and temporaries(small_disk) == []
    assert "Traceback" not in capfd.readouterr().err


def test_editing_during_the_export_changes_neither_the_pdf_nor_is_lost(
        opened: MainWindow, qtbot: QtBot, tmp_path: Path, gate: threading.Event,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF is the report at 导出PDF, text being typed then included; what is typed while it
    is painted stays in the editor (and on the undo stack), not in the PDF."""
    before = opened.state.report.value(CELL)
    editor = opened.show_page("一").editor  # type: ignore[attr-defined]
    editor.setFocus()
    type_text(editor, "导出之前输入")  # not yet synced to the report: 导出PDF commits it
    reached = held_before_layout(monkeypatch, gate)
    assert opened.output.export_pdf()
    expected = dump(opened.state.report)
    assert "导出之前输入" in str(expected["sections"])
    assert reached.wait(30)
    type_into(qtbot, table(opened, "三"), (CELL.row, CELL.col), "4321")
    editor = opened.show_page("一").editor  # type: ignore[attr-defined]
    editor.setFocus()
    type_text(editor, "导出之中输入")
    opened.state.sync_text()
    gate.set()
    ended(opened, qtbot)
    out = load_report(tmp_path / "年报.pdf")
    assert dump(out) == expected and out.value(CELL) == before
    assert "导出之中输入" not in out.section_text("一")
    assert opened.state.report.value(CELL) == 4321 and opened.isWindowModified()
    assert "导出之前输入导出之中输入" in opened.state.report.section_text("一")
    opened.state.stack.undo()
    assert "导出之中输入" not in opened.state.report.section_text("一")


def test_no_two_exports_write_one_file(opened: MainWindow, qtbot: QtBot, tmp_path: Path, gate: threading.Event,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    reached = held(monkeypatch, gate)
    assert opened.output.export_pdf()
    first = opened.output.exporting
    assert reached.wait(30)
    asked: list[int] = []
    monkeypatch.setattr(opened.output, "ask_pdf_path", lambda: asked.append(1) or str(tmp_path / "另一个.pdf"))
    opened.act_pdf.trigger()  # the same window: refused before asking where
    assert asked == [] and opened.output.exporting is first
    assert "正在导出PDF" in status_text(opened)
    other = MainWindow(autosave_dir=tmp_path / "autosave2")
    qtbot.addWidget(other)
    other.docs.show_error = lambda title, text: errors.append(text)  # type: ignore[method-assign]
    errors: list[str] = []
    monkeypatch.setattr(other.output, "ask_pdf_path", lambda: str(tmp_path / "." / "年报.pdf"))
    assert not other.output.export_pdf()  # another window, the same file: refused
    assert len(errors) == 1 and "另一个窗口正在导出" in errors[0] and other.output.exporting is None
    gate.set()
    ended(opened, qtbot)
    monkeypatch.setattr(print_pdf, "paint_page", REAL_PAINT_PAGE)
    assert other.output.export_pdf()  # once the first is done, it may
    ended(other, qtbot)
    assert not opened.errors and errors == [errors[0]]


def test_closing_the_window_waits_for_the_export(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                 gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    reached = held(monkeypatch, gate)
    assert opened.output.export_pdf()
    assert reached.wait(30)
    assert not opened.close(), "the close waits for the export"
    assert opened.isVisible() and "完成后关闭窗口" in status_text(opened)
    gate.set()
    qtbot.waitUntil(lambda: not opened.isVisible(), timeout=60000)
    assert (tmp_path / "年报.pdf").read_bytes()[:5] == b"%PDF-" and not opened.errors


def test_closing_then_cancelling_keeps_the_window(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                  gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    reached = held(monkeypatch, gate)
    assert opened.output.export_pdf()
    assert reached.wait(30)
    assert not opened.close()
    opened.output.cancel_export()
    for _ in range(5):
        QApplication.processEvents()
    assert opened.isVisible() and not (tmp_path / "年报.pdf").exists()
    gate.set()
    assert opened.close(), "with no export under way the window closes at once"


def test_quitting_during_an_export_stops_it_cleanly(opened: MainWindow, qtbot: QtBot, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """What the program does at exit (ui.main: aboutToQuit → cancel_all): the worker stops at
    its next page, removes its temporary, and the old file stays."""
    out = tmp_path / "年报.pdf"
    out.write_bytes(b"%PDF-1.4 old")
    reached = threading.Event()
    hold_page(monkeypatch, 2, reached, lambda: time.sleep(0.3))
    assert opened.output.export_pdf()
    export = opened.output.exporting
    assert isinstance(export, PdfExport) and reached.wait(30)
    t = time.perf_counter()
    tasks.cancel_all(20)
    assert time.perf_counter() - t < 10 and export.task.wait(0)
    assert out.read_bytes() == b"%PDF-1.4 old" and temporaries(tmp_path) == []
    assert opened.output.exporting is None and "已取消导出" in status_text(opened)


def test_the_worker_makes_no_qobject_of_the_text_layout(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A QTextDocument laid out on the worker connects signals while the worker holds Python's
    lock: that deadlocked once against the GUI thread destroying a menu.  Made before, on the
    GUI thread."""
    from ui import print_flow
    from ui.pdf_export import PdfExport

    print_flow.text_option.cache_clear()  # as in a fresh program: nothing made yet
    made_on: list[bool] = []
    real = print_flow.QTextDocument

    def recording(*args: object) -> object:
        made_on.append(threading.current_thread() is threading.main_thread())
        return real(*args)

    monkeypatch.setattr(print_flow, "QTextDocument", recording)
    export = PdfExport(load_report(SAMPLE), tmp_path / "年报.pdf").start()
    with qtbot.waitSignal(export.task.ended, timeout=60000):
        pass
    assert (tmp_path / "年报.pdf").exists()
    assert made_on and all(made_on), "every text document made on the GUI thread"
