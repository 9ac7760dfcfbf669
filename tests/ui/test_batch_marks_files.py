"""批量检查's 状态 beside what the brief of session 22 asked: identical copies keep their own marks
in the window, an undo after another instance's change keeps that change, the command line's
summary says what the window's does, and both read the same data folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from app.io import save_report
from app.review_marks import PUBLISHED, MarkStore, data_folder, digest
from tests.test_batch import report
from tests.ui.conftest import checked_batch
from tests.ui.test_batch_marks import FILE, STATUS, select, status
from ui import batch_marks
from ui.appsetup import APP_NAME, ORGANIZATION

TODAY = dt.date.today().isoformat()
ROOT = Path(__file__).resolve().parents[2]
COPY = os.path.join("副本", "财政局.docx")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "收到的年报"
    (root / "副本").mkdir(parents=True)
    save_report(report("某县财政局", 2023), root / "财政局.docx")
    shutil.copyfile(root / "财政局.docx", root / COPY)  # sent twice: the same bytes
    save_report(report("某县教育局", 2023), root / "教育局.docx")
    return root


def tip(w, name: str) -> str:  # type: ignore[no-untyped-def]
    row = next(r for r in range(w.proxy.rowCount()) if w.proxy.index(r, FILE).data() == name)
    return str(w.proxy.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole))


def test_marking_a_copy_marks_it_alone_and_the_other_says_it_is_identical(qtbot: QtBot, folder: Path) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert status(w) == {"财政局.docx": f"已审核 {TODAY}", COPY: "未审核（副本已审核）", "教育局.docx": "未审核"}
    assert str(folder / "财政局.docx") in tip(w, COPY) and "Ctrl+1" in tip(w, COPY)
    row = next(r for r in range(w.proxy.rowCount()) if w.proxy.index(r, FILE).data() == COPY)
    said = QFontMetrics(w.view.font()).horizontalAdvance("未审核（副本已审核）")
    qtbot.waitUntil(lambda: said < w.view.visualRect(w.proxy.index(row, STATUS)).width(), timeout=5000)  # not elided
    select(w, COPY)
    qtbot.keyClick(w.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}" and status(w)[COPY] == f"已发布 {TODAY}"
    qtbot.keyClick(w.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # the copy back to 未审核
    assert status(w)["财政局.docx"] == f"已审核 {TODAY}", "the other copy's mark stays"
    assert status(w)[COPY] == "未审核（副本已审核）"


def test_a_copys_mark_is_offered_and_taken_for_this_file(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 已发布
    select(w, COPY, "教育局.docx")  # 教育局 has no marked copy: left as it is
    assert "沿用副本的标记" in tip(w, COPY)
    w.marks.adopt_action.trigger()  # as chosen from the list's menu
    assert status(w) == {"财政局.docx": f"已发布 {TODAY}", COPY: f"已发布 {TODAY}", "教育局.docx": "未审核"}
    assert w.status.currentMessage() == "已为 1 份报告沿用副本的标记（Ctrl+Z 撤销）"
    assert len(MarkStore(tmp_path / "data").load()) == 2, "a mark of its own, beside the other's"
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status(w)[COPY] == "未审核（副本已发布）" and status(w)["财政局.docx"] == f"已发布 {TODAY}"
    select(w, "教育局.docx")
    assert not w.marks.adopt() and "没有已标记的副本" in w.status.currentMessage()


def test_undo_after_another_instance_marked_keeps_its_marks(qtbot: QtBot, folder: Path, tmp_path: Path) -> None:
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx", "教育局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    # Another instance (its own process) publishes 教育局 and marks the copy, after this window's marking.
    code = ("import sys; from pathlib import Path; from app.review_marks import *;"
            "s = MarkStore(Path(sys.argv[1])); s.change([new_mark(digest(p), p, PUBLISHED) for p in sys.argv[2:]])")
    subprocess.run([sys.executable, "-c", code, str(tmp_path / "data"), str(folder / "教育局.docx"), str(folder / COPY)],
                   check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    select(w, "财政局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status(w) == {"财政局.docx": "未审核（副本已发布）", COPY: f"已发布 {TODAY}",
                         "教育局.docx": f"已发布 {TODAY}"}, "only this window's own mark, still as it wrote it, went"
    assert w.status.currentMessage() == "已撤销：将 2 份报告标记为已审核；1 份报告的标记已在其他窗口更改，保留那边的标记"
    stored = {Path(m.path).name if "副本" not in m.path else COPY: m.state
              for m in MarkStore(tmp_path / "data").load().values()}
    assert stored == {"教育局.docx": PUBLISHED, COPY: PUBLISHED}


def test_the_command_lines_summary_says_what_the_windows_says(qtbot: QtBot, folder: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setattr(batch_marks, "marks_folder", data_folder)  # the window's store where the CLI looks
    save_report(report("某县卫健委", 2023), folder / "卫健委.docx")
    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx", "卫健委.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    select(w, "教育局.docx")
    qtbot.keyClick(w.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    save_report(report("某县卫健委", 2023, in_force=7), folder / "卫健委.docx")  # edited since
    w.close()
    again = checked_batch(qtbot, folder)
    windows = tmp_path / "窗口.xlsx"
    with qtbot.waitSignal(again.exported, timeout=60000):
        assert again.export(windows)
    commands = tmp_path / "命令行.xlsx"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data)}
    done = subprocess.run([sys.executable, "-m", "app", "check", str(folder), "--xlsx", str(commands)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr

    def columns(path: Path) -> dict[str, tuple[object, object]]:
        ws = openpyxl.load_workbook(path)["汇总"]
        head = [c.value for c in ws[1]]
        return {r[0]: (r[head.index("状态")], r[head.index("标记日期")]) for r in ws.iter_rows(min_row=2, values_only=True)}

    got = columns(commands)
    assert got == columns(windows)
    assert got == {"财政局.docx": ("已审核", TODAY), COPY: ("未审核（副本已审核）", None),
                   "教育局.docx": ("已发布", TODAY), "卫健委.docx": ("已审核（文件已改动）", TODAY)}


def test_the_command_line_and_the_window_keep_marks_in_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """app/review_marks.data_folder (no Qt) is Qt's AppDataLocation for the program's names."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    try:
        qt = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])
    assert qt == data_folder() == tmp_path / "xdg" / "nianbao" / "年报编辑器"
    assert digest(tmp_path / "无此文件") is None and MarkStore(data_folder()).load() == {}
