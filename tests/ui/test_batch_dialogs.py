"""批量检查's bottom line and dialogs: how many rows a filter leaves of how many, and its
folder and 导出汇总表 dialogs are the editor's (Chinese dates and sizes, columns wide enough)."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QStyle, QTreeView
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from ui import filedialogs
from ui.batch_window import BatchWindow


@pytest.fixture
def done(qtbot: QtBot, tmp_path: Path) -> BatchWindow:
    root = tmp_path / "收到的年报"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "财政局2023.docx")
    shutil.copy(root / "财政局2023.docx", root / "财政局2023 - 副本.docx")
    save_report(report("某县教育局", 2023), root / "教育局2023.docx")
    (root / "说明.md").write_text("不是年报", encoding="utf-8")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    return w


def test_a_filter_says_how_many_rows_it_shows_of_how_many(done: BatchWindow) -> None:
    w = done
    assert w.proxy.rowCount() == 3 and not w.shown_label.isVisible()  # no filter: the message counts
    w.search.setText("教育局")
    assert w.proxy.rowCount() == 1
    assert w.shown_label.isVisible() and w.shown_label.text() == "筛选后显示 1 个，共 3 个"
    w.show_passed_over.setChecked(True)  # the file that is no report listed too
    assert w.shown_label.text() == "筛选后显示 1 个，共 4 个"
    w.search.clear()
    assert not w.shown_label.isVisible()
    w.errors_only.setChecked(True)
    assert w.shown_label.isVisible() and w.shown_label.text().endswith(f"共 {w.model.rowCount()} 个")


def look_at_dialog(qtbot: QtBot, seen: dict[str, object]) -> None:
    """Once the modal file dialog is up: its detail view's delegate, and whether each detail of a
    file in it (size, type, date, as the delegate writes them) fits its column."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QFileDialog):
        QTimer.singleShot(20, lambda: look_at_dialog(qtbot, seen))
        return
    QTimer.singleShot(10_000, dialog.reject)  # never a test hanging on an open dialog
    seen["directory"] = dialog.directory().absolutePath()
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    view = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
    model = view.model()
    assert isinstance(model, QFileSystemModel)
    with contextlib.suppress(AssertionError, TimeoutError):
        qtbot.waitUntil(lambda: type(view.itemDelegate()).__name__ == "_ChineseDetails", timeout=2000)
    seen["delegate"] = type(view.itemDelegate()).__name__
    folder = model.index(dialog.directory().absolutePath())
    with contextlib.suppress(AssertionError, TimeoutError):  # a folder with nothing the dialog lists
        qtbot.waitUntil(lambda: model.rowCount(folder) > 0, timeout=3000)
    # the widest detail of the files listed
    metrics = view.fontMetrics()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    cut = []
    for row in range(model.rowCount(folder)):
        for col in (1, 2, 3):
            index = model.index(row, 0, folder).siblingAtColumn(col)
            text = filedialogs.detail_text(index)
            text = str(model.data(index)) if text is None else text
            if metrics.horizontalAdvance(text) + margin > view.header().sectionSize(col):
                cut.append(text)
    header = view.header()
    seen["past the edge"] = sum(header.sectionSize(c) for c in range(4)) - view.viewport().width()
    seen["cut"] = cut
    seen["listed"] = model.rowCount(folder)
    dialog.reject()


def test_the_export_dialog_is_the_editors_own(qtbot: QtBot, done: BatchWindow) -> None:
    assert done.folder is not None
    (done.folder / "去年的汇总.xlsx").write_bytes(b"x" * 123456)  # a file the dialog lists
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: look_at_dialog(qtbot, seen))
    assert done.export() is False  # the dialog cancelled
    assert seen["delegate"] == "_ChineseDetails", seen
    assert seen["cut"] == [] and seen["listed"] and seen["past the edge"] <= 0, seen
    assert seen["directory"] == str(done.folder)


def test_the_open_dialogs_details_are_not_cut(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "二〇二三").mkdir()
    (tmp_path / "报告.docx").write_bytes(b"x" * 3000)
    (tmp_path / "报告.txt").write_text("x" * 30000, encoding="utf-8")
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: look_at_dialog(qtbot, seen))
    assert filedialogs.get_open_path(None, "打开报告", start=tmp_path) == ""
    assert seen["delegate"] == "_ChineseDetails" and seen["cut"] == [] and seen["listed"] == 3, seen
    assert seen["past the edge"] <= 0, seen


def test_the_folder_dialog_is_the_editors_own(qtbot: QtBot, tmp_path: Path) -> None:
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: look_at_dialog(qtbot, seen))
    assert filedialogs.get_folder(None, "选择存放年报的文件夹") == ""
    assert seen["delegate"] == "_ChineseDetails", seen


def answer_folder(qtbot: QtBot, seen: dict[str, object], choose: Path | None) -> None:
    """Once the modal folder dialog is up: where it started; then ``choose`` is chosen (None: cancelled)."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QFileDialog):
        QTimer.singleShot(20, lambda: answer_folder(qtbot, seen, choose))
        return
    seen["directory"] = dialog.directory().absolutePath()
    if choose is None:
        dialog.reject()
        return
    dialog.setDirectory(str(choose))
    dialog.accept()  # 选择 with nothing typed: the folder shown


def test_the_folder_dialog_starts_in_the_folder_checked_last(qtbot: QtBot, tmp_path: Path) -> None:
    """Xvfb walk (walk21): a report opened from the list (in 收到的年报/部门) moved the shared last
    folder there, and the next 选择文件夹 started in 部门: 选择 at once checked 19 of 33 reports."""
    root = tmp_path / "收到的年报"
    (root / "部门").mkdir(parents=True)
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: answer_folder(qtbot, seen, root))
    assert Path(filedialogs.get_folder(None, "选择存放年报的文件夹")) == root
    filedialogs.remember(root / "部门" / "财政局2025年报.docx")  # as opening a report does
    assert filedialogs.last_folder() == root / "部门", "the editor's dialogs still start where the report was"
    QTimer.singleShot(0, lambda: answer_folder(qtbot, seen, None))
    assert filedialogs.get_folder(None, "选择存放年报的文件夹") == ""
    assert seen["directory"] == str(root)
    shutil.rmtree(root)  # gone: where the other dialogs start, never the program's working folder
    QTimer.singleShot(0, lambda: answer_folder(qtbot, seen, None))
    filedialogs.get_folder(None, "选择存放年报的文件夹")
    assert seen["directory"] == str(filedialogs.last_folder())
