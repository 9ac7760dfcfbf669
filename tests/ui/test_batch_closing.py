"""批量检查's window and the work it leaves running: closing it while a recheck or an export is under
way stops what can stop and touches nothing of the window after (it is deleted on close); the
recheck on coming back looks at the files on a worker thread, by the stamp each had when read,
and pairs a corrected report again."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import batch, batch_summary
from app.io import save_report
from app.report import Report
from tests.test_batch import report
from ui import batch_window_work
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow


def later_save(r: Report, path: Path) -> None:
    """``r`` written over ``path``, its time moved on as a later save's (coarse file times)."""
    before = path.stat().st_mtime_ns
    save_report(r, path)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "收到"
    root.mkdir()
    save_report(report("某县教育局", 2022, carried_out=5, in_force=10), root / "a2022.docx")
    save_report(report("某县教育局", 2023, carried_in=3, carried_out=3, in_force=4), root / "b2023.docx")
    save_report(report("某县财政局", 2023), root / "c.docx")
    return root


def checked_window(qtbot: QtBot, folder: Path, deleted_on_close: bool = False) -> BatchWindow:
    w = BatchWindow(jobs=1)
    if deleted_on_close:  # as show_batch_window makes it; the test closes it
        w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    else:
        qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    return w


def row(w: BatchWindow, name: str) -> dict[str, str]:
    for r in range(w.model.rowCount()):
        cells = {COLUMNS[c]: w.model.index(r, c).data() for c in range(len(COLUMNS))}
        if cells["文件"] == name:
            return cells
    raise AssertionError(name)


def test_closing_during_a_recheck_stops_it_and_leaves_the_window_alone(
        qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's steps: every report touched (Word, a sync tool), the window active again — a
    recheck of them all — and closed at once: the recheck is stopped at its file, the close does
    not wait for it, and its answers, arriving after the window is deleted, reach nothing."""
    w = checked_window(qtbot, folder, deleted_on_close=True)
    for path in folder.glob("*.docx"):
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    reading = threading.Event()
    read: list[str] = []
    real = batch.check_file

    def slow(path: str, *args: object, **kwargs: object) -> batch.FileResult:
        read.append(path)
        reading.set()
        time.sleep(2)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "check_file", slow)
    # The slow read is this test's check_file, which a worker process never calls: read here
    # (the same stopping; tests/test_batch_work_apart.py reads in the process).
    monkeypatch.setattr(batch_window_work, "APART", False)
    task = w.recheck_changed()
    assert task is not None and reading.wait(30)
    deleted: list[bool] = []
    w.destroyed.connect(lambda: deleted.append(True))
    w.close()
    assert not task.running, "closing stopped the recheck"
    assert not task.wait(0), "the close did not wait for the file being read"
    assert task.wait(30)
    qtbot.waitUntil(lambda: bool(deleted), timeout=10000)
    qtbot.wait(300)  # the recheck's last answers, queued: delivered to no window (no RuntimeError)
    assert len(read) == 1, "a stopped recheck reads no further file"


def test_closing_during_an_export_still_writes_the_workbook_and_leaves_the_window_alone(
        qtbot: QtBot, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = checked_window(qtbot, folder, deleted_on_close=True)
    writing, release = threading.Event(), threading.Event()
    real = batch_summary.write_summary_apart

    def held(result: batch.Batch, dest: Path) -> None:
        writing.set()
        release.wait(30)
        real(result, dest)

    monkeypatch.setattr(batch_summary, "write_summary_apart", held)
    dest = tmp_path / "汇总.xlsx"
    assert w.export(dest)
    task = w.exporting
    assert task is not None and writing.wait(30)
    deleted: list[bool] = []
    w.destroyed.connect(lambda: deleted.append(True))
    w.close()
    assert not task.wait(0), "the close did not wait for the workbook"
    qtbot.waitUntil(lambda: bool(deleted), timeout=10000)
    release.set()
    assert task.wait(30)
    qtbot.wait(300)  # the export's answer, queued: delivered to no window (no RuntimeError)
    names = [c.value for c in openpyxl.load_workbook(dest)["汇总"]["A"][1:]]
    assert sorted(names) == ["a2022.docx", "b2023.docx", "c.docx"], "the workbook asked for is written"


def test_a_file_saved_after_it_was_read_is_checked_again(
        qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Saved between the batch's read and its row reaching the list: the row's stamp is the read's,
    so coming back to the list reads it again (its 年度 is now 2024)."""
    real = batch.check_file
    saved: list[str] = []

    def then_saved(path: str, *args: object, **kwargs: object) -> batch.FileResult:
        result = real(path, *args, **kwargs)  # type: ignore[arg-type]
        if Path(path).name == "c.docx" and not saved:
            later_save(report("某县财政局", 2024), Path(path))
            saved.append(path)
        return result

    monkeypatch.setattr(batch, "check_file", then_saved)
    monkeypatch.setattr(batch_window_work, "APART", False)  # then_saved runs in this process only
    w = checked_window(qtbot, folder)
    assert saved and row(w, "c.docx")["年度"] == "2023", "the row is of what was read"
    monkeypatch.setattr(w, "isActiveWindow", lambda: True)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))
    assert row(w, "c.docx")["年度"] == "2024"
    assert "重新检查 1 份" in w.status.currentMessage()


def test_coming_back_looks_at_the_files_off_the_gui_thread(
        qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file on a share that is slow to answer: the window's activation returns at once, and the
    window keeps answering while the files are looked at."""
    w = checked_window(qtbot, folder)
    entered, release = threading.Event(), threading.Event()
    threads: list[threading.Thread] = []
    real = batch.file_stamp

    def slow_stamp(path: str) -> tuple[int, int] | None:
        threads.append(threading.current_thread())
        entered.set()
        release.wait(10)
        return real(path)

    monkeypatch.setattr(batch, "file_stamp", slow_stamp)
    monkeypatch.setattr(w, "isActiveWindow", lambda: True)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))
        assert entered.wait(10), "the files are looked at"
        assert not release.is_set() and w.rechecking is not None  # the activation came back meanwhile
        w.search.setText("财政")  # and the window answers
        assert w.proxy.rowCount() == 1
        release.set()
    assert threads and threading.main_thread() not in threads


def test_a_corrected_year_is_paired_again_in_the_list(
        qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    w = checked_window(qtbot, folder)
    assert "已对照上年：a2022.docx" in row(w, "b2023.docx")["备注"]
    later_save(report("某县教育局", 2024, carried_in=3, carried_out=3, in_force=4), folder / "b2023.docx")
    monkeypatch.setattr(w, "isActiveWindow", lambda: True)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))
    got = row(w, "b2023.docx")
    assert got["年度"] == "2024" and "已对照上年" not in got["备注"]
    assert "已更新 1 份的对照上年和重复备注" in w.status.currentMessage()


def test_a_task_ending_after_its_window_was_deleted_unclosed_reaches_none_of_its_handlers(qtbot: QtBot) -> None:
    """A recheck's answer after its window was deleted without a close (seen as “Signal source has
    been deleted” from _rechecked when a test's window went first): no handler of it runs."""
    import shiboken6

    from ui.batch_window import BatchWindow
    from ui.tasks import Task

    w = BatchWindow(jobs=1)
    release = threading.Event()
    task = Task(lambda _control: release.wait(30), what="重新检查")
    handled: list[object] = []
    w._on(task.succeeded, lambda value: handled.append((value, w.status.currentMessage())))
    task.start()
    shiboken6.delete(w)
    release.set()
    with qtbot.waitSignal(task.ended, timeout=30000):
        pass
    assert handled == []
