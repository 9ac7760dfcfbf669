"""The autosave folder spoiled while the editor runs, after a first copy was written: a file
put in its place (a sync tool's conflict copy, a script), or its permissions taken (a profile
restored by an administrator, a share's rights changed).  The next copy failed in the system's
English words — 自动保存失败：[Errno 13] Permission denied: '…lock', 自动保存失败：[Errno 17] File
exists: '…' — in the status bar at every try (state31).  Now the one Chinese wording of the
folder that cannot be written; what was typed stays in the window, and once the folder is
usable again the next copy is written with it."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import autosave_window, table, type_into

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)


REFUSING: list[bool] = []


def spoil(folder: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "a file in its place":
        shutil.rmtree(folder)
        folder.write_text("同步工具留下的文件")
        return
    real = os.stat  # root reads any folder: the system's refusal made here, as a user meets it
    REFUSING[:] = [True]

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if REFUSING and isinstance(path, (str, os.PathLike)) and os.fspath(path).startswith(str(folder) + os.sep):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)


def mend(folder: Path, how: str) -> None:
    if how == "a file in its place":
        folder.unlink()
    REFUSING.clear()  # the permissions given back


@pytest.mark.parametrize("how", ["a file in its place", "no permission"])
def test_a_spoiled_autosave_folder_is_said_in_chinese_and_the_typing_is_kept(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    said: list[str] = []
    win.docs.message.connect(said.append)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert win.docs.autosave()
    spoil(folder, how, monkeypatch)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "6")
    assert win.docs.autosave(background=True)  # as the timer writes it: on the worker thread
    qtbot.waitUntil(lambda: bool(said), timeout=10000)
    assert said == [f"自动保存失败：无法写入自动保存文件夹 {folder}"
                    f"（{'同名文件已存在' if how.startswith('a file') else '没有权限'}）"]
    assert "Errno" not in said[0] and win.state.report.value(CELL) == 6 and win.isWindowModified()
    mend(folder, how)
    said.clear()
    assert win.docs.autosave()
    copy = win.docs.autosave_file
    assert copy is not None and copy.exists() and said == []
    from app.reading import load_report

    assert load_report(copy).value(CELL) == 6
