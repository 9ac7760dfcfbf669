"""批量检查 in the window: the list fills in while the window keeps running, sorts, filters,
cancels, opens a report in an editor window of its own and exports the summary workbook."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import hanzi_order
from app.io import save_report
from tests.test_batch import report
from tests.ui.conftest import checked_batch, drop_files
from ui import batch_window, tasks
from ui.batch_model import COLUMNS, SORT_ROLE
from ui.batch_window import BatchWindow


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


def export(qtbot: QtBot, w: BatchWindow, dest: Path) -> None:
    """导出汇总表 to ``dest``, waited for: the workbook is written on a worker thread."""
    with qtbot.waitSignal(w.exported, timeout=60000) as done:
        assert w.export(dest)
    assert done.args == [True], w.status.currentMessage()


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
    dept = {n: os.path.join("部门", n) for n in ("教育局2022.docx", "教育局2023.docx")}  # within the folder
    assert set(got) == {"good.docx", "good - 副本.docx", "坏文件.docx", *dept.values()}
    assert got["坏文件.docx"]["机关名称"] == "（无法读取）"
    assert got["坏文件.docx"]["第一个问题"].startswith("文件已损坏"), "the reason, not the file's path again"
    assert got["good.docx"]["错误"] == "0" and got["good.docx"]["年度"] == "2023"
    assert "good - 副本.docx" in got["good.docx"]["备注"]
    later = got[dept["教育局2023.docx"]]
    assert int(later["错误"]) >= 1 and f"已对照上年：{dept['教育局2022.docx']}" in later["备注"]
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
    assert os.path.join("部门", "教育局2023.docx") in with_errors and "good.docx" not in with_errors
    w.errors_only.setChecked(True)
    assert set(rows(w)) == with_errors | {"坏文件.docx"}  # an unreadable file counts as an error
    w.search.setText("教育局")
    assert set(rows(w)) == {n for n in with_errors if "教育局" in n}
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
    row = next(r for r in range(w.proxy.rowCount())
               if w.proxy.index(r, COLUMNS.index("文件")).data() == os.path.join("部门", "教育局2023.docx"))
    w.view.doubleClicked.emit(w.proxy.index(row, 0))
    assert opened == [folder / "部门" / "教育局2023.docx"]
    dest = tmp_path / "汇总.xlsx"
    export(qtbot, w, dest)
    wb = openpyxl.load_workbook(dest)
    assert wb.sheetnames == ["汇总", "全部问题", "无法读取", "未检查"]
    assert wb["汇总"].max_row == 5 and wb["无法读取"].max_row == 2 and wb["未检查"].max_row == 2  # 说明.md


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
    with qtbot.waitSignal(w.finished, timeout=60000):
        drop_files(w, folder / "部门")
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
    drop_files(win, folder)
    assert shown == [[folder]]


@pytest.mark.parametrize("jobs", [1, 2])
def test_rows_and_the_summary_are_in_file_order_whatever_finishes_first(qtbot: QtBot, folder: Path,
                                                                       tmp_path: Path, jobs: int) -> None:
    w = BatchWindow(jobs=jobs)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    listed = [w.proxy.index(r, 0).data(SORT_ROLE) for r in range(w.proxy.rowCount())]
    shown = [w.proxy.index(r, COLUMNS.index("文件")).data() for r in range(w.proxy.rowCount())]
    paths = sorted((str(p) for p in folder.rglob("*.docx")), key=hanzi_order.key)
    assert [os.path.relpath(p, folder) for p in paths] == shown, "by folder, then name (Chinese by pinyin)"
    assert shown.index(os.path.join("部门", "教育局2022.docx")) < shown.index("坏文件.docx"), "bu before huai"
    assert len(listed) == len(paths)
    w.errors_only.setChecked(True)
    dest = tmp_path / "汇总.xlsx"
    export(qtbot, w, dest)
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


# -- 取消: the rows kept (the processes it ends: tests/ui/test_batch_processes.py) ---------------------
def many(tmp_path: Path, n: int, suffix: str = ".docx") -> Path:
    root = tmp_path / "许多"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / f"r000{suffix}")
    for i in range(1, n):
        shutil.copy(root / f"r000{suffix}", root / f"r{i:03}{suffix}")
    return root


def cancelled_at_third(qtbot: QtBot) -> BatchWindow:
    """A one-process batch window whose 取消 is clicked as its third row comes in."""
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)

    def third(*_args: object) -> None:
        if w.model.rowCount() == 3:
            w.cancel_button.click()

    w.model.rowsInserted.connect(third)
    return w


def shown_active(qtbot: QtBot) -> BatchWindow:
    """A one-process batch window, shown and active (keys reach it)."""
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    return w


def test_cancel_keeps_the_rows_checked_and_says_how_many(qtbot: QtBot, tmp_path: Path) -> None:
    root = many(tmp_path, 40)
    w = cancelled_at_third(qtbot)
    task = None
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
        task = w.worker
    assert task is not None and task.wait(20)  # the worker stopped: it was not waited for
    for _ in range(5):
        QApplication.processEvents()
    assert w.model.rowCount() == 3, "exactly the rows shown when 取消 was pressed: none before, none after"
    assert set(rows(w)) == {"r000.docx", "r001.docx", "r002.docx"}
    assert w.status.currentMessage().startswith("已取消：已检查 3/40 份")
    assert (w.progress.value(), w.progress.maximum()) == (3, 40), "the bar stops where the list did"
    assert w.worker is None and not w.cancel_button.isEnabled() and w.export_button.isEnabled()
    dest = tmp_path / "部分.xlsx"
    export(qtbot, w, dest)
    assert openpyxl.load_workbook(dest)["汇总"].max_row == 1 + 3


def test_no_processes_allowed_is_one_message(qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app import batch_pool

    def refused(self: object, workers: int) -> object:
        raise PermissionError(13, "不允许创建进程")

    monkeypatch.setattr(batch_pool.Runner, "_new_pool", refused)
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    got = rows(w)
    assert list(got) == ["收到的年报"] and got["收到的年报"]["机关名称"] == "（无法读取）"
    says = got["收到的年报"]["第一个问题"]
    assert says.startswith("批量检查未能完成（PermissionError") and "不允许创建进程" in says
    assert w.status.currentMessage() == says and "Traceback" not in says
    assert w.worker is None and not w.cancel_button.isEnabled()


def test_a_folder_that_vanished_is_one_row(qtbot: QtBot, tmp_path: Path) -> None:
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([tmp_path / "已删除的文件夹"])
    got = rows(w)
    assert list(got) == ["已删除的文件夹"] and got["已删除的文件夹"]["机关名称"] == "（无法读取）"
    assert got["已删除的文件夹"]["第一个问题"] == "文件不存在" and "Traceback" not in str(got)


def test_a_run_started_from_a_row_of_the_first_gets_none_of_its_rows(qtbot: QtBot, tmp_path: Path) -> None:
    """The first run's rows are queued faster than they are shown; the second run starts from
    the handler of its second row: not one more row of the first reaches the list."""
    first = many(tmp_path, 20)
    second = tmp_path / "乙"
    second.mkdir()
    save_report(report("某县教育局", 2023), second / "b0.docx")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    runs: list[object] = []

    def again(*_args: object) -> None:
        if not runs and w.model.rowCount() == 2:
            runs.append(w.worker)
            w.start([second])

    w.model.rowsInserted.connect(again)
    ends: list[int] = []
    w.finished.connect(lambda: ends.append(w.model.rowCount()))
    w.start([first])
    qtbot.waitUntil(lambda: bool(ends), timeout=60000)
    old = runs[0]
    assert isinstance(old, tasks.Task) and old.wait(20)
    for _ in range(5):
        QApplication.processEvents()
    assert set(rows(w)) == {"b0.docx"} and ends == [1]


def header_click(qtbot: QtBot, w: BatchWindow, name: str) -> None:
    """A click on a column's header, as the reviewer makes it."""
    header = w.view.horizontalHeader()
    col = COLUMNS.index(name)
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def column(w: BatchWindow, name: str) -> list[str]:
    return [w.proxy.index(r, COLUMNS.index(name)).data() for r in range(w.proxy.rowCount())]


def test_the_first_click_on_a_count_puts_the_most_first(qtbot: QtBot, folder: Path) -> None:
    w = checked_batch(qtbot, folder)
    for name in ("错误", "警告"):
        header_click(qtbot, w, name)
        counts = column(w, name)
        assert w.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        # the most first (the unreadable file, its counts unknown, after the reports)
        assert counts[-1] == "" and column(w, "文件")[-1] == "坏文件.docx"
        assert counts[:-1] == sorted(counts[:-1], key=int, reverse=True) and int(counts[0]) > int(counts[-2])
        header_click(qtbot, w, name)  # the second click: fewest first
        counts = column(w, name)
        assert w.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        assert counts[0] == "" and counts[1:] == sorted(counts[1:], key=int) and int(counts[1]) < int(counts[-1])
    header_click(qtbot, w, "机关名称")  # any other column starts as it did: A to Z
    assert w.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder


def test_paths_within_the_folder_the_reason_alone_and_notes_passed_over(qtbot: QtBot, folder: Path,
                                                                        tmp_path: Path) -> None:
    """A subfolder's file shows its path within the chosen folder; an unreadable row its reason,
    not the path again; a note (.txt), a picture and a .md are passed over — not 无法读取 —
    listed on request and in the summary's 未检查 sheet."""
    (folder / "部门" / "说明.txt").write_text("各单位年报请于1月31日前报送。", encoding="utf-8")
    (folder / "截图.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    w = BatchWindow(jobs=2)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    sub = os.path.join("部门", "教育局2022.docx")
    got = rows(w)
    assert set(got) == {"good.docx", "good - 副本.docx", "坏文件.docx", sub, os.path.join("部门", "教育局2023.docx")}
    assert got["坏文件.docx"]["第一个问题"].startswith("文件已损坏") and str(folder) not in got["坏文件.docx"]["第一个问题"]
    assert f"已对照上年：{sub}" in got[os.path.join("部门", "教育局2023.docx")]["备注"]
    message = w.status.currentMessage()
    assert "1 个无法读取" in message and "另有 3 个非年报文件未检查" in message, message
    assert w.show_passed_over.isEnabled() and "（3）" in w.show_passed_over.text()
    w.show_passed_over.setChecked(True)
    got = rows(w)
    passed = {n: c for n, c in got.items() if c["机关名称"].startswith("（未检查")}
    assert set(passed) == {os.path.join("部门", "说明.txt"), "截图.docx", "说明.md"}
    assert "图片" in passed["截图.docx"]["第一个问题"] and ".md" in passed["说明.md"]["第一个问题"]
    w.search.setText("部门")  # the filter looks in the path shown
    assert set(rows(w)) == {sub, os.path.join("部门", "教育局2023.docx"), os.path.join("部门", "说明.txt")}
    w.search.clear()
    w.errors_only.setChecked(True)
    assert not any(c["机关名称"].startswith("（未检查") for c in rows(w).values())
    dest = tmp_path / "汇总.xlsx"
    export(qtbot, w, dest)
    wb = openpyxl.load_workbook(dest)
    assert [c.value for c in wb["汇总"]["A"][1:]] == [
        "good - 副本.docx", "good.docx", sub, os.path.join("部门", "教育局2023.docx")]
    assert [[c.value for c in r] for r in wb["无法读取"].iter_rows(min_row=2)] == [
        ["坏文件.docx", got["坏文件.docx"]["第一个问题"]]]
    assert sorted(r[0].value for r in wb["未检查"].iter_rows(min_row=2)) == sorted(passed)


def test_dismissed_findings_are_counted_apart(qtbot: QtBot, tmp_path: Path) -> None:
    """忽略此问题 in a file shows in its row: 已忽略 1 (its tooltip says what and why), 错误 0,
    and 第一个问题 says none is open — as the summary workbook does."""
    from tests.test_batch import dismissed_folder

    folder = dismissed_folder(tmp_path / "收到")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    got = rows(w)
    row = got["已忽略.docx"]
    assert (row["错误"], row["已忽略"], row["第一个问题"]) == ("0", "1", "未发现问题（另有1个已忽略）")
    assert got["good.docx"]["已忽略"] == "0" and "已忽略" not in got["good.docx"]["第一个问题"]
    r = next(i for i in range(w.proxy.rowCount()) if w.proxy.index(i, COLUMNS.index("文件")).data() == "已忽略.docx")
    tip = w.proxy.index(r, COLUMNS.index("已忽略")).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("[已忽略·错误]") and "含上级转办件" in tip
    w.errors_only.setChecked(True)
    assert w.proxy.rowCount() == 0, "a dismissed error is no open error"


def test_a_report_saved_after_the_check_is_checked_again_when_the_window_is_back(
        qtbot: QtBot, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reviewer opens a report from the list, dismisses its error in the editor and saves:
    back in the list (the window active again), its row is checked again — 错误 0, 已忽略 1 —
    and keeps its pairing with last year's report; rows of unchanged files are not read again."""
    from app import dismissals
    from app.checks import run_all
    from app.lastyear import LastYear
    from app.reading import load_report

    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    later = os.path.join("部门", "教育局2023.docx")
    before = rows(w)[later]
    assert int(before["错误"]) >= 1 and before["已忽略"] == "0"
    from app import batch_pool

    checked: list[str] = []  # the files sent to be read again (in the recheck's process)
    real = batch_pool.Runner.map

    def reading(runner: batch_pool.Runner, work: list[tuple[int, str, object]], stop: object) -> object:
        checked.extend(Path(path).name for _i, path, _last in work)
        return real(runner, work, stop)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_pool.Runner, "map", reading)
    status = w.status.currentMessage()
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None  # the files are looked at on a worker thread
    assert checked == [] and w.status.currentMessage() == status, "nothing changed: nothing read again"
    # What the editor does on 忽略此问题 and 保存, for every error of the file (the cross-year
    # ones too: the file carries last year's report it was checked against).
    path = folder / later
    report = load_report(path)
    found = run_all(report, LastYear.from_report(load_report(folder / "部门" / "教育局2022.docx")))
    errors = [f for f in found if f.severity.name == "ERROR"]
    prints = dismissals.fingerprints(report, found)
    records = [dismissals.dismissal(report, f, prints[found.index(f)], "已核实", by="审核人") for f in errors]
    dismissals.set_records(report, dismissals.records_with(report, records))
    save_report(report, path)
    monkeypatch.setattr(w, "isActiveWindow", lambda: True)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        QApplication.sendEvent(w, QEvent(QEvent.Type.ActivationChange))  # the window active again
    assert checked == ["教育局2023.docx"]
    after = rows(w)[later]
    assert (after["错误"], after["已忽略"]) == ("0", str(len(errors)))
    assert "已对照上年" in after["备注"], "still checked against last year's report"
    assert "重新检查 1 份" in w.status.currentMessage()
