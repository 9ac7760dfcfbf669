"""The autosave folder unusable in the ways the system says in English — a link to itself
(ELOOP), a file where a folder of its path should be (ENOTDIR): the one status message says why
in Chinese words (app.errors.os_words), and the typed figure stays in the report."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import autosave_window, table, type_into


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
@pytest.mark.parametrize("trouble", ["link-to-itself", "file-on-the-path"])
def test_an_autosave_folder_the_system_refuses_is_said_in_chinese(qtbot, tmp_path: Path, trouble: str) -> None:  # type: ignore[no-untyped-def]
    if trouble == "link-to-itself":
        folder = tmp_path / "autosave"
        folder.symlink_to("autosave")
    else:
        (tmp_path / "是文件").write_text("x")
        folder = tmp_path / "是文件" / "autosave"
    win = autosave_window(qtbot, folder)
    said: list[str] = []
    win.docs.message.connect(said.append)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert not win.docs.autosave()
    assert len(said) == 1 and said[0].startswith("自动保存失败：无法写入自动保存文件夹"), said
    reason = said[0].rsplit("（", 1)[1]
    assert re.search(r"[\u4e00-\u9fff]", reason) and not re.search(r"[A-Za-z]{3,}", reason), said
    assert win.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) == 5 and win.isWindowModified()
