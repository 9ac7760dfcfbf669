"""批量检查's 状态 column: the reviewer marks selected reports 已审核 / 已发布 with the keys or the
list's menu, takes it back, filters and sorts by it; marks outlive the window and the run, follow a
moved file, and say when a file changed since; a damaged marks file is said once."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app import batch
from app.io import save_report
from tests.test_batch import report
from tests.ui.conftest import checked_batch
from ui import batch_marks
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow

STATUS, FILE = COLUMNS.index("状态"), COLUMNS.index("文件")
TODAY = dt.date.today().isoformat()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "收到的年报"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "财政局.docx")
    save_report(report("某县教育局", 2023), root / "教育局.docx")
    # carried over 0 → 3 with nothing on either side: 错误-level findings
    save_report(report("某县卫健委", 2023, carried_in=3), root / "卫健委.docx")
    (root / "说明.md").write_text("不是年报", encoding="utf-8")
    return root


def status(w: BatchWindow) -> dict[str, str]:
    return {w.proxy.index(r, FILE).data(): w.proxy.index(r, STATUS).data() for r in range(w.proxy.rowCount())}


def select(w: BatchWindow, *names: str) -> None:
    """The rows of ``names`` selected, the list focused: as clicked with Ctrl."""
    sel = w.view.selectionModel()
    sel.clearSelection()
    for r in range(w.proxy.rowCount()):
        if w.proxy.index(r, FILE).data() in names:
            sel.select(w.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    w.view.setFocus()


def test_keys_mark_the_selected_rows_and_undo_takes_it_back(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    w = checked_batch(qtbot, folder)
    assert status(w) == {"财政局.docx": "未审核", "教育局.docx": "未审核", "卫健委.docx": "未审核"}
    select(w, "财政局.docx", "教育局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert status(w) == {"财政局.docx": f"已审核 {TODAY}", "教育局.docx": f"已审核 {TODAY}", "卫健委.docx": "未审核"}
    assert (tmp_path / "data" / "marks.json").exists(), "kept in the data folder"
    assert sorted(os.listdir(folder)) == ["卫健委.docx", "教育局.docx", "说明.md", "财政局.docx"], "nothing written there"
    tip = w.proxy.index(0, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "标记为已审核" in tip
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert set(status(w).values()) == {"未审核"}
    assert w.status.currentMessage() == "已撤销：将 2 份报告标记为已审核"


def test_the_menu_has_the_marks_and_publishing_errors_asks_once(qtbot: QtBot, folder: Path) -> None:
    w = checked_batch(qtbot, folder)
    assert w.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    texts = [a.text() for a in w.view.actions() if not a.isSeparator()]
    assert texts[0] == "打开(&O)" and {"标记为已审核(&R)", "标记为已发布(&P)", "标记为未审核(&N)", "撤销标记(&U)"} <= set(texts)
    asked: list[str] = []
    w.marks.ask = lambda text: asked.append(text) or False
    select(w, "财政局.docx", "卫健委.docx")
    w.marks.actions["published"].trigger()  # as chosen from the menu
    assert len(asked) == 1 and "卫健委.docx" in asked[0] and "仍然标记为已发布" in asked[0]
    assert set(status(w).values()) == {"未审核"}, "answered no: nothing marked"
    w.marks.ask = lambda text: asked.append(text) or True
    w.marks.actions["published"].trigger()
    assert len(asked) == 2, "once for the two rows"
    assert status(w)["卫健委.docx"] == status(w)["财政局.docx"] == f"已发布 {TODAY}"
    select(w, "教育局.docx")
    w.marks.actions["published"].trigger()  # no errors: not asked
    assert len(asked) == 2 and status(w)["教育局.docx"] == f"已发布 {TODAY}"


def test_filter_and_sort_by_status_and_the_summary_has_it(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "教育局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    w.search.setText("已发布")
    assert list(status(w)) == ["教育局.docx"]
    w.search.setText("未审核")
    assert sorted(status(w)) == ["卫健委.docx", "财政局.docx"]
    w.search.clear()
    w.view.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)  # pinyin: 未 wei before 已 yi
    assert list(status(w).values())[-1] == f"已发布 {TODAY}"
    dest = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(w.exported, timeout=60000):
        assert w.export(dest)
    ws = openpyxl.load_workbook(dest)["汇总"]
    head = [c.value for c in ws[1]]
    got = {row[0]: (row[head.index("状态")], row[head.index("标记日期")]) for row in ws.iter_rows(min_row=2, values_only=True)}
    assert got["教育局.docx"] == ("已发布", TODAY) and got["财政局.docx"] == ("未审核", None)


def test_marks_outlive_the_window_follow_a_move_and_see_a_change(qtbot: QtBot, folder: Path) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx", "教育局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    w.close()
    (folder / "财政局.docx").rename(folder / "财政局（定稿）.docx")  # renamed after review
    save_report(report("某县教育局", 2023, in_force=7), folder / "教育局.docx")  # edited after review
    again = checked_batch(qtbot, folder)  # a new window: as after quitting and starting again
    assert status(again) == {"财政局（定稿）.docx": f"已审核 {TODAY}", "教育局.docx": "已审核（文件已改动）",
                             "卫健委.docx": "未审核"}
    row = next(r for r in range(again.proxy.rowCount()) if again.proxy.index(r, FILE).data() == "教育局.docx")
    assert "需要重新审核" in again.proxy.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    colour = again.proxy.index(row, STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert colour is not None and colour.color().name() == "#b3261e", "a review to do again: red"
    kept = next(r for r in range(again.proxy.rowCount()) if again.proxy.index(r, FILE).data() == "财政局（定稿）.docx")
    assert again.proxy.index(kept, STATUS).data(Qt.ItemDataRole.ForegroundRole) is None
    again.search.setText("文件已改动")
    assert list(status(again)) == ["教育局.docx"]


def test_another_instance_marking_shows_when_the_window_comes_back(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    w = checked_batch(qtbot, folder)
    code = ("import sys; from pathlib import Path; from app.review_marks import *;"
            "p = sys.argv[2]; MarkStore(Path(sys.argv[1])).change([new_mark(digest(p), p, PUBLISHED)])")
    path = next(r.path for r in w.model.results if r.path.endswith("财政局.docx"))
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "data"), path], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    select(w, "教育局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # this one's own, at once
    w.marks.reload()  # what activating the window does
    assert status(w)["财政局.docx"] == f"已发布 {TODAY}" and status(w)["教育局.docx"] == f"已审核 {TODAY}"


def test_a_damaged_marks_file_is_said_once_and_kept_aside(qtbot: QtBot, folder: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "marks.json").write_bytes(b"\x00\x01 garbage")
    said: list[str] = []
    monkeypatch.setattr(batch_marks.BatchMarks, "_warn", lambda self, text: said.append(text))
    w = checked_batch(qtbot, folder)
    assert len(said) == 1 and "审核标记文件已损坏" in said[0]
    assert set(status(w).values()) == {"未审核"}
    aside = [p for p in data.iterdir() if "损坏" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == b"\x00\x01 garbage"
    w.marks.reload(force=True)
    select(w, "财政局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert len(said) == 1, "said once"
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}"


def test_nothing_to_mark_where_nothing_was_read(qtbot: QtBot, folder: Path) -> None:
    """A file gone (or a run that failed) has no 状态 and is not marked; a file that is no report neither."""
    w = checked_batch(qtbot, folder)
    w.model.put(batch.FileResult(str(folder / "已删除.docx"), error="文件不存在"))
    w.show_passed_over.setChecked(True)
    shown = status(w)
    assert shown["已删除.docx"] == "" and shown["说明.md"] == "" and shown["财政局.docx"] == "未审核"
    select(w, "已删除.docx", "说明.md")
    assert not w.marks.mark("reviewed")
    assert w.status.currentMessage() == "无法读取的文件不能标记"


def test_right_click_opens_the_menu_and_its_entry_marks(qtbot: QtBot, folder: Path) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    seen: list[list[str]] = []

    def choose() -> None:  # as the reviewer does in the menu that opened
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append([a.text() for a in menu.actions() if not a.isSeparator()])
        next(a for a in menu.actions() if a.text() == "标记为已审核(&R)").trigger()
        menu.close()

    QTimer.singleShot(100, choose)
    row = next(r for r in range(w.proxy.rowCount()) if w.proxy.index(r, FILE).data() == "财政局.docx")
    at = w.view.visualRect(w.proxy.index(row, FILE)).center()
    click = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, w.view.viewport().mapToGlobal(at))
    QApplication.sendEvent(w.view.viewport(), click)  # returns when the menu closes
    assert seen == [["打开(&O)", "标记为已审核(&R)", "标记为已发布(&P)", "标记为未审核(&N)", "沿用副本的标记(&C)", "撤销标记(&U)"]]
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}" and status(w)["教育局.docx"] == "未审核"


def batch_process(tmp_path: Path, folder: Path, name: str, key: str) -> subprocess.Popen[str]:
    """The program's batch window in a process of its own (tests/ui/batch_marks_process.py)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "xdg-data"),
               XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), XDG_CACHE_HOME=str(tmp_path / "xdg-cache"),
               PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "tests.ui.batch_marks_process", str(folder), name, key], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def said(proc: subprocess.Popen[str]) -> dict[str, str]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    line = next(line for line in out.splitlines() if line.startswith("status "))
    return dict(json.loads(line[len("status "):]))


def test_two_programs_marking_at_once_and_a_relaunch_keep_both(tmp_path: Path, folder: Path) -> None:
    """Two instances of the program, each marking its own file at the same moment, then the
    program started again: both marks there, in the user's data folder of the environment."""
    first = batch_process(tmp_path, folder, "财政局.docx", "1")
    second = batch_process(tmp_path, folder, "教育局.docx", "2")
    assert said(first)["财政局.docx"] == f"已审核 {TODAY}"
    assert said(second)["教育局.docx"] == f"已发布 {TODAY}"
    again = said(batch_process(tmp_path, folder, "-", "1"))
    assert again == {"财政局.docx": f"已审核 {TODAY}", "教育局.docx": f"已发布 {TODAY}", "卫健委.docx": "未审核"}
    assert list((tmp_path / "xdg-data").rglob("marks.json")), "in the data folder the environment names"


def test_marks_that_cannot_be_kept_say_so_and_change_nothing(qtbot: QtBot, folder: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").write_text("一个文件占了数据文件夹的名字", encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(batch_marks.BatchMarks, "_warn", lambda self, text: said.append(text))
    w = checked_batch(qtbot, folder)
    assert len(said) == 1 and "审核标记文件无法读取" in said[0]
    # not read: 未知, never 未审核 (rev23b L6); the failed marking leaves every row as it was
    before = status(w)
    assert set(before.values()) == {"未知（审核标记文件无法读取）"}
    select(w, "财政局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert len(said) == 2 and said[1].startswith("审核标记未保存：数据文件夹无法创建")
    assert status(w) == before and not w.marks.undo_action.isEnabled()


def test_a_letter_in_the_lists_menu_marks_the_row(qtbot: QtBot, folder: Path) -> None:
    """Shift+F10 on the list, then R: the row is reviewed, as 标记为已审核 clicked (each item of
    the list's menu has a letter of its own, as the editor's menus do)."""
    w = checked_batch(qtbot, folder)
    texts = [a.text() for a in w.view.actions() if not a.isSeparator()]
    letters = [t[t.index("(&") + 2] for t in texts if "(&" in t]
    assert len(letters) == len(texts) and len(set(letters)) == len(letters), texts
    select(w, "教育局.docx")
    pressed: list[bool] = []

    def press() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, press)
            return
        QTest.keyClick(menu, Qt.Key.Key_R)
        pressed.append(True)

    QTimer.singleShot(0, press)
    qtbot.keyClick(w.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(pressed), timeout=10000)
    qtbot.waitUntil(lambda: status(w)["教育局.docx"] == f"已审核 {TODAY}", timeout=5000)
    assert status(w)["财政局.docx"] == "未审核" and status(w)["卫健委.docx"] == "未审核"
