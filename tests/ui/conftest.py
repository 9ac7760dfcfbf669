"""Fixtures for the editor's tests: offscreen Qt, private settings, a window, typing helpers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, QSettings, Qt, QTranslator, QUrl
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox, QWidget

import app.lock as app_lock
from app.findings import Finding
from app.report import Report
from app.schema import CellRef
from tests.conftest import SAMPLE as SAMPLE  # the editor tests import it from here
from ui import batch_marks
from ui.batch_window import BatchWindow
from ui.documents import DocumentController
from ui.main_window import MainWindow
from ui.output import OutputController
from ui.resources import install_translators, ui_font
from ui.table_page import TablePage
from ui.table_view import GridView


@contextmanager
def translated(qapp: QCoreApplication) -> Iterator[list[QTranslator]]:
    """Qt's zh_CN and our supplement installed again for one test (as the editor installs them),
    taken out after it: a test of Qt's own words as users see them."""
    installed = install_translators(qapp)
    try:
        yield installed
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)

@pytest.fixture(autouse=True)
def private_settings(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test has its own QSettings file: no shared recent files or window geometry."""
    QCoreApplication.setOrganizationName("nianbao-tests")
    QCoreApplication.setApplicationName("editor-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    # Another window of the test holding the same file opens it anyway, as before owner files
    # (tests/ui/test_owner_lock.py asks its own): never a modal question waiting for nobody.
    monkeypatch.setattr(DocumentController, "ask_locked", lambda self, path, owner: "open")
    # …and so does a file with Word's, WPS's or LibreOffice's owner file beside it
    # (tests/ui/test_open_in_other_program.py asks its own).
    monkeypatch.setattr(DocumentController, "ask_in_other_program", lambda self, path, other: "open")
    monkeypatch.setattr(DocumentController, "ask_save_in_other_program", lambda self, path, other: "save")
    # A recovery copy left by a test's crash, of a file opened again: kept, never a modal
    # question waiting for nobody (tests/ui/test_autosave.py asks its own).
    monkeypatch.setattr(DocumentController, "ask_restore_opened", lambda self, info: None)
    # Several crashed copies at the start are asked about one by one through ask_restore, which
    # the tests answer (tests/ui/test_recovery_choice.py asks the real list of them all).
    monkeypatch.setattr(DocumentController, "ask_restore_many", lambda self, infos: [self.ask_restore(i) for i in infos])
    # Entries a test left refused (red frames) go with its window unasked
    # (tests/ui/test_recovery_entries.py asks its own).
    monkeypatch.setattr(DocumentController, "ask_drop_refused", lambda self, entries: True)
    monkeypatch.setattr(DocumentController, "ask_drop_field", lambda self, name, typed: True)
    # 导出PDF, 打印 and 打印预览 ask about the errors left, as 导出发布稿 always did (rev24c S1):
    # answered 仍要… unasked in the tests that make them of reports with errors for other ends;
    # 导出发布稿's question is asked as before (tests/ui/test_output_errors.py asks the others).
    monkeypatch.setattr(OutputController, "ask_errors_left", _export_anyway_but_publish)
    # 批量检查's 审核状态 marks in the test's own data folder, never the user's (ui/batch_marks.py).
    monkeypatch.setattr(batch_marks, "marks_folder", lambda: tmp_path / "data")
    if not getattr(qapp, "_zh_installed", False):
        install_translators(qapp)
        # The editor's own font (ui.main.create_application's), not Qt's default: the tests see
        # the widths users see (in Qt's default font a note cut in Noto Sans CJK SC passed: start20a).
        qapp.setFont(ui_font())
        qapp._zh_installed = True  # type: ignore[attr-defined]
    yield
    # The windows the test closed (pytest-qt closes them, then deleteLater) deleted now, in this
    # test: processEvents never deletes them, so a file of tests that only process events left
    # them (12 after test_long_paragraph_edits.py) to the next test's first event loop — that is
    # tests/ui/test_tasks.py's read, whose spinning reader each deletion's many calls into
    # Python then waited on for the GIL (1.3 s more here, past its cap under load).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _let_go_of_files()
    # What a test put on the clipboard is deleted now, by Qt: a QMimeData left there until the
    # interpreter's exit crashed it (segmentation fault after “passed”, exit code 139: pytest
    # run on tests/ui/test_paste_links.py or test_paste_picture.py alone).
    QApplication.clipboard().clear()


ASK_ERRORS_LEFT = OutputController.ask_errors_left  # the real question, for the tests that ask it


def _export_anyway_but_publish(self: OutputController, errors: list[Finding], title: str = "导出发布稿") -> str:
    return ASK_ERRORS_LEFT(self, errors, title) if title == "导出发布稿" else "export"


def _let_go_of_files() -> None:
    """After pytest-qt closed the test's windows: a window whose close the test refused (its
    保存更改 answer left at 取消) stayed open for the rest of the run, holding its file's owner
    lock (app/lock.py) — tests/data/xiaogang-2021.docx itself.  A later test's `python -m app` on
    that file then found it open in another live editor and asked, with nobody to answer: running
    tests/ui/test_tasks.py before tests/test_start_cache.py waited out its 120 s.  Such windows are
    closed now, unasked, and no owner lock of this process outlives its test."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            widget.quit_answered = True  # as after the quit's one question: closes without asking
            widget.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app_lock._release_all()


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(autosave_dir=tmp_path / "autosave")
    qtbot.addWidget(win)
    win.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.docs.show_error = lambda title, text: win.errors.append(text)  # type: ignore[method-assign]
    win.docs.show_warning = lambda title, text: win.warnings.append(text)  # type: ignore[method-assign]
    # The save dialog answered as a user pressing Enter: the name it offers.
    win.docs.ask_save_path = lambda: str(win.docs.path or win.docs.suggested or tmp_path / "未命名.docx")  # type: ignore[method-assign]
    win.errors = []  # type: ignore[attr-defined]
    win.warnings = []  # type: ignore[attr-defined]
    win.show()
    qtbot.waitExposed(win)
    return win


def table(window: MainWindow, key: str) -> GridView:
    page = window.show_page(key)
    assert isinstance(page, TablePage)
    return page.view


def type_into(qtbot, view: GridView, pos: tuple[int, int], text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:  # type: ignore[no-untyped-def]
    """Select a data cell, type like a user (first key opens the editor), commit with ``key``."""
    model = view.grid_model()
    view.setFocus()
    view.setCurrentIndex(model.index_of(pos))
    qtbot.keyClick(view, text[0])
    editors = [w for w in view.findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "typing should open exactly one cell editor"
    editor = editors[0]
    assert editor.text() == text[0], "typing replaces the cell's content"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    # The delegate queues the commit; then the editor goes (and may already be deleted).
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()


def crash(window: MainWindow) -> None:
    """What a crash leaves: the recovery copy, its lock no longer held by a live process, and
    the file's owner file left behind, stale (app/lock.py: this process no longer holds it)."""
    slot = window.docs._slot
    assert slot is not None
    slot.release()
    window.docs._slot = None
    lock = window.docs.locks.lock
    if lock is not None:
        app_lock._HELD.pop(lock.owner.token, None)
        window.docs.locks.lock = None



# Another process holding a report's owner file through app.lock, as a second instance of the
# editor (or another user's, on a shared folder) holds it, until its stdin closes.
_HOLD = """import sys
from pathlib import Path
import app.lock
lock = app.lock.acquire(Path(sys.argv[1]))
print("held" if lock is not None else "refused", flush=True)
sys.stdin.read()
"""


@contextmanager
def held_by_another_process(document: Path) -> Iterator[int]:
    """``document`` locked by another live process while the block runs (its id is given): a
    window of this test process holding it would be this program's own, which is shown instead
    of asked about (ui/open_editors.py), never the other editor a test means."""
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(document)], cwd=root, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        said = proc.stdout.readline().strip()
        assert said == "held", f"the other process could not lock {document.name}: {said!r}"
        yield proc.pid
    finally:
        proc.stdin.close()  # it ends, and app.lock's exit handler removes its owner file
        proc.wait(timeout=30)


def read_through(window: MainWindow, timeout_s: float = 30.0) -> None:
    """Until the window's background read (打开, last year's report for 从上年报告新建 or
    与上年报告对照) has ended: its report is in, or its message said."""
    deadline = time.monotonic() + timeout_s
    while window.docs.loading is not None:
        assert time.monotonic() < deadline, f"still reading after {timeout_s} s"
        QApplication.processEvents()
        time.sleep(0.002)


def autosave_window(qtbot, folder: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window of its own autosaving into ``folder`` (several share one folder, as windows and
    processes share the user's); closing discards, and an error dialog fails the test."""
    win = MainWindow(autosave_dir=folder)
    qtbot.addWidget(win)
    win.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.docs.show_error = lambda title, text: pytest.fail(text)  # type: ignore[method-assign]
    win.docs.show_warning = lambda title, text: pytest.fail(text)  # type: ignore[method-assign]
    win.show()
    qtbot.waitExposed(win)
    return win


def crashed(window: MainWindow) -> None:
    """``crash``, and its window gone from the screen, as a crashed editor's is (ui/open_editors.py
    would bring a window still showing the file forward instead of opening it again); it then
    closes asking nothing (the test's teardown closes it)."""
    crash(window)
    window.state.mark_saved()
    window.hide()


def checked_batch(qtbot, folder: Path, jobs: int = 1) -> BatchWindow:  # type: ignore[no-untyped-def]
    """A batch window shown, ``folder`` checked in it to the end."""
    w = BatchWindow(jobs=jobs)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    return w


def drop_files(target: QWidget, *paths: Path) -> None:
    """``paths`` dropped on ``target`` from a file manager (its dropEvent, as Qt calls it)."""
    mime = QMimeData()  # held here until the drop is handled: the event does not own it
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))

def ref3(row: int, col: int) -> CellRef:
    return CellRef("三", row, col)


def report_with(**tables: dict[tuple[int, int], int]) -> Report:
    report = Report(organ="测试机关", year=2021)
    for key, values in tables.items():
        for (row, col), value in values.items():
            report.set_value(CellRef(key, row, col), value)
    return report


def type_text(widget: QWidget, text: str) -> None:
    """Type any text (QTest.keyClicks only knows Latin-1 keys) as key events with text."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def plain(text: str) -> str:
    """A menu item's words as read, without the access key ui/menu_keys.py gives it:
    “忽略此问题(&I)…” → “忽略此问题…”, “复制(&C)” → “复制”."""
    return re.sub(r"\(&[A-Za-z0-9]\)", "", text)


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, list[str]]]:
    """Each message box shown, answered at once: its title, text and buttons' texts (a notice's
    one 确定(&O) among them: ui.filedialogs.notice)."""
    seen: list[tuple[str, str, list[str]]] = []

    def shown(box: QMessageBox) -> int:
        seen.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown)
    return seen
