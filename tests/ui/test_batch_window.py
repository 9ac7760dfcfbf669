"""批量检查 in the window: the list fills in while the window keeps running, sorts, filters,
cancels, opens a report in an editor window of its own and exports the summary workbook."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from ui import batch_window
from ui.batch_window import COLUMNS, BatchWindow


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "收到的年报"
    (root / "部门").mkdir(parents=True)
    save_report(report("某县财政局", 2023), root / "good.docx")
    shutil.copy(root / "good.docx", root / "good - 副本.docx")
    save_report(report("某县教育局", 2022, carried_out=5, in_force=10), root / "部门" / "教育局2022.docx")
    save_report(report("某县教育局", 2023, carried_in=3, carried_out=3, in_force=4), root / "部门" / "教育局2023.docx")
    (root / "坏文件.docx").write_bytes(b"PK\x03\x04broken")
    (root / "说明.md").write_text("不是年报", encoding="utf-8")
    return root


def rows(w: BatchWindow) -> dict[str, dict[str, str]]:
    out = {}
    for r in range(w.proxy.rowCount()):
        cells = {COLUMNS[c]: w.proxy.index(r, c).data() for c in range(len(COLUMNS))}
        out[cells["文件"]] = cells
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_list_fills_in_without_blocking(qtbot: QtBot, folder: Path, jobs: int) -> None:
    w = BatchWindow(jobs=jobs)
    qtbot.addWidget(w)
    w.show()
    ticks: list[int] = []
    timer = QTimer(w)
    timer.timeout.connect(lambda: ticks.append(w.model.rowCount()))
    timer.start(5)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
        assert w.worker is not None and w.worker.isRunning()  # start() returned at once
    timer.stop()
    assert ticks and ticks[0] < 5  # the event loop ran while the reports were being read
    got = rows(w)
    assert set(got) == {"good.docx", "good - 副本.docx", "坏文件.docx", "教育局2022.docx", "教育局2023.docx"}
    assert got["坏文件.docx"]["机关名称"] == "（无法读取）" and "坏文件.docx" in got["坏文件.docx"]["第一个问题"]
    assert got["good.docx"]["错误"] == "0" and got["good.docx"]["年度"] == "2023"
    assert "good - 副本.docx" in got["good.docx"]["备注"]
    later = got["教育局2023.docx"]
    assert int(later["错误"]) >= 1 and "已对照上年：教育局2022.docx" in later["备注"]
    assert "非年报文件" in w.status.currentMessage() and "对照上年 1 对" in w.status.currentMessage()


def test_sort_and_errors_only(qtbot: QtBot, folder: Path) -> None:
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    w.view.sortByColumn(COLUMNS.index("错误"), Qt.SortOrder.DescendingOrder)
    errors = [w.proxy.index(r, COLUMNS.index("错误")).data() for r in range(w.proxy.rowCount())]
    assert errors[-1] == "" and errors[:-1] == sorted(errors[:-1], key=int, reverse=True)  # numbers, not text
    assert int(errors[0]) >= 2
    with_errors = {n for n, c in rows(w).items() if c["错误"] not in ("", "0")}
    assert "教育局2023.docx" in with_errors and "good.docx" not in with_errors
    w.errors_only.setChecked(True)
    assert set(rows(w)) == with_errors | {"坏文件.docx"}  # an unreadable file counts as an error
    w.search.setText("教育局")
    assert set(rows(w)) == {n for n in with_errors if n.startswith("教育局")}
    w.errors_only.setChecked(False)
    w.search.clear()
    assert w.proxy.rowCount() == 5


def test_cancel_stops_the_batch(qtbot: QtBot, folder: Path) -> None:
    for i in range(30):
        shutil.copy(folder / "good.docx", folder / f"copy{i:02d}.docx")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    first = []
    w.model.rowsInserted.connect(lambda *a: first or (first.append(1), w.cancel()))
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    assert 1 <= w.model.rowCount() < 35
    assert w.status.currentMessage().startswith("已取消")
    assert w.worker is None and not w.cancel_button.isEnabled()


def test_double_click_opens_own_editor_and_export(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    opened: list[Path] = []
    w = BatchWindow(jobs=1, open_report=opened.append)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    row = next(r for r in range(w.proxy.rowCount()) if w.proxy.index(r, COLUMNS.index("文件")).data() == "教育局2023.docx")
    w.view.doubleClicked.emit(w.proxy.index(row, 0))
    assert opened == [folder / "部门" / "教育局2023.docx"]
    dest = tmp_path / "汇总.xlsx"
    assert w.export(dest)
    wb = openpyxl.load_workbook(dest)
    assert wb.sheetnames == ["汇总", "全部问题", "无法读取"]
    assert wb["汇总"].max_row == 5 and wb["无法读取"].max_row == 2


def test_editor_window_of_its_own(qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import editor_for

    monkeypatch.setattr(batch_window, "new_editor", editor_for)  # as the editor does when it opens the batch
    editor = batch_window.open_in_editor(folder / "部门" / "教育局2023.docx")
    qtbot.addWidget(editor)
    assert editor.isVisible()  # at once, 正在打开 until the report is read
    qtbot.waitUntil(lambda: editor.docs.loading is None, timeout=20000)  # type: ignore[attr-defined]
    assert editor.state.report.organ == "某县教育局"  # type: ignore[attr-defined]
    assert editor.state.stack.count() == 0  # type: ignore[attr-defined]  # its own, fresh undo


def test_drop_a_folder_starts(qtbot: QtBot, folder: Path) -> None:
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder / "部门"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.dropEvent(event)
    assert set(rows(w)) == {"教育局2022.docx", "教育局2023.docx"}


def test_menu_action_opens_batch_window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert "批量检查…" in [a.text().replace("(&B)", "") for a in win.file_menu.actions()]
    shown: list[BatchWindow] = []
    monkeypatch.setattr(batch_window, "show_batch_window", lambda parent=None, paths=None: shown.append(parent))
    win.act_batch.trigger()
    assert shown == [win]


def test_folder_dropped_on_editor_opens_batch(qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    shown: list[object] = []
    monkeypatch.setattr(batch_window, "show_batch_window", lambda parent=None, paths=None: shown.append(paths))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    win.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                             Qt.KeyboardModifier.NoModifier))
    assert shown == [[folder]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_rows_and_the_summary_are_in_file_order_whatever_finishes_first(qtbot: QtBot, folder: Path,
                                                                       tmp_path: Path, jobs: int) -> None:
    w = BatchWindow(jobs=jobs)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    listed = [w.proxy.index(r, 0).data(batch_window.SORT_ROLE) for r in range(w.proxy.rowCount())]
    shown = [w.proxy.index(r, COLUMNS.index("文件")).data() for r in range(w.proxy.rowCount())]
    paths = sorted(str(p) for p in folder.rglob("*.docx"))
    assert [str(Path(p).name) for p in paths] == shown, "by folder, then name"
    assert len(listed) == len(paths)
    w.errors_only.setChecked(True)
    dest = tmp_path / "汇总.xlsx"
    assert w.export(dest)
    assert "全部 5 份" in w.status.currentMessage(), "the filter does not narrow the summary: it says so"
    sheet = openpyxl.load_workbook(dest)["汇总"]
    files = [str(c.value) for c in next(sheet.iter_cols(min_row=2, max_col=1))]
    readable = [p for p in paths if not p.endswith("坏文件.docx")]
    assert len(files) == len(readable) == 4
    assert all(p.endswith(f.replace("\\", "/")) for f, p in zip(files, readable, strict=True)), (files, readable)


def test_a_second_run_replaces_the_first_without_its_late_rows(qtbot: QtBot, tmp_path: Path) -> None:
    """Starting another folder while one is being checked: the first run's queued results and
    its end must neither land in the new list nor end (or block on) the new run."""
    first, second = tmp_path / "甲", tmp_path / "乙"
    first.mkdir()
    second.mkdir()
    save_report(report("某县财政局", 2023), first / "a0.docx")
    for i in range(1, 12):
        shutil.copy(first / "a0.docx", first / f"a{i}.docx")
    save_report(report("某县教育局", 2023), second / "b0.docx")
    for i in range(1, 3):
        shutil.copy(second / "b0.docx", second / f"b{i}.docx")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    ends: list[int] = []
    w.finished.connect(lambda: ends.append(w.model.rowCount()))
    w.start([first])
    qtbot.waitUntil(lambda: w.model.rowCount() >= 2, timeout=60000)
    w.start([second])  # while the first still has results on their way
    qtbot.waitUntil(lambda: bool(ends), timeout=60000)
    qtbot.wait(300)  # anything the first run still had queued arrives now
    assert set(rows(w)) == {"b0.docx", "b1.docx", "b2.docx"}
    assert ends == [3] and w.worker is None and w.last is not None
    assert "已检查 3 个文件" in w.status.currentMessage()
