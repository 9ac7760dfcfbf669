"""状态 never looks at other paths on the window's thread: a report marked on a share and
checked again on the desktop copy asked, per row at every activation, whether the share's file
was still there — a share offline froze the window seconds a row (rev22 M9).  The looks run on a
worker thread and the rows are worked out again when they answer: a copy says 副本已审核, a
moved folder's reports keep their marks, the same folder by another route too."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import checked_batch
from tests.ui.test_batch_marks import TODAY, folder, select, status  # noqa: F401  (fixture)

NAMES = ("财政局.docx", "教育局.docx", "卫健委.docx")


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every look at the disk for another path: whether it was on the window's thread."""
    seen: list[bool] = []
    lexists, samefile = os.path.lexists, os.path.samefile

    def exists(path: str) -> bool:
        seen.append(threading.current_thread() is threading.main_thread())
        return lexists(path)

    def same(a: str, b: str) -> bool:
        seen.append(threading.current_thread() is threading.main_thread())
        return samefile(a, b)

    monkeypatch.setattr(os.path, "lexists", exists)
    monkeypatch.setattr(os.path, "samefile", same)
    return seen


def marked_all(qtbot: QtBot, where: Path) -> None:
    w = checked_batch(qtbot, where)
    for name in NAMES:
        select(w, name)
        assert w.marks.mark("reviewed")
    w.close()


def test_a_copy_of_the_marked_folder_is_looked_at_off_the_windows_thread(qtbot: QtBot, folder: Path, tmp_path: Path,  # noqa: F811
                                                                        looks: list[bool]) -> None:
    marked_all(qtbot, folder)
    copy = tmp_path / "桌面副本"
    shutil.copytree(folder, copy)
    v = checked_batch(qtbot, copy)
    qtbot.waitUntil(lambda: all(status(v)[n] == "未审核（副本已审核）" for n in NAMES), timeout=10000)
    looks.clear()
    v.marks.reload(force=True)  # an activation
    qtbot.waitUntil(lambda: bool(looks), timeout=10000)
    qtbot.wait(50)
    assert looks and not any(looks), "looked at on the window's thread"
    assert all(status(v)[n] == "未审核（副本已审核）" for n in NAMES)


def test_a_moved_folder_and_another_route_keep_their_marks(qtbot: QtBot, folder: Path, tmp_path: Path,  # noqa: F811
                                                           looks: list[bool]) -> None:
    marked_all(qtbot, folder)
    if hasattr(os, "symlink") and os.name != "nt":
        route = tmp_path / "映射的盘"
        os.symlink(folder, route)
        v = checked_batch(qtbot, route)
        qtbot.waitUntil(lambda: all(status(v)[n] == f"已审核 {TODAY}" for n in NAMES), timeout=10000)
        v.close()
        route.unlink()
    moved = tmp_path / "已归档"
    folder.rename(moved)
    w = checked_batch(qtbot, moved)
    qtbot.waitUntil(lambda: all(status(w)[n] == f"已审核 {TODAY}" for n in NAMES), timeout=10000)
    assert looks and not any(looks)


def test_the_summary_exported_before_the_looks_come_back_has_the_moved_marks(
        qtbot: QtBot, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Marks made on a folder since moved (收到的年报 → 收到的年报-已审) follow their content once the
    window's look says the marked path is gone; 导出汇总表 taken before that (a share asleep) works
    its 状态 out on its own worker with the disk's answers: 已审核, not the list's 副本已审核 (rev22b M5)."""
    import openpyxl

    from app.batch_summary import SUMMARY_HEADER

    w = checked_batch(qtbot, folder)
    select(w, "财政局.docx")
    assert w.marks.mark("reviewed")
    w.close()
    moved = folder.with_name(folder.name + "-已审")
    os.rename(folder, moved)
    asleep = threading.Event()
    real = os.path.lexists

    def lexists(path: str) -> bool:  # the window's look waits on a share asleep; the export's does not
        if threading.current_thread().name == "状态-lookups":
            asleep.wait(20)
        return real(path)

    monkeypatch.setattr(os.path, "lexists", lexists)
    v = checked_batch(qtbot, moved)
    try:
        assert "副本已审核" in status(v)["财政局.docx"], "the list's own look is still out"
        dest = tmp_path / "汇总.xlsx"
        with qtbot.waitSignal(v.exported, timeout=30000):
            assert v.export(dest)
    finally:
        asleep.set()
    sheet = openpyxl.load_workbook(dest)["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == SUMMARY_HEADER[0])
    file_col, state_col = header.index("文件"), header.index("状态")
    states = {str(r[file_col]).rsplit("/", 1)[-1]: r[state_col] for r in rows if r and r is not header and r[file_col]}
    assert str(states["财政局.docx"]).startswith("已审核"), states
