"""A report whose file name is not UTF-8 (a Windows zip's GBK name unzipped on Linux: Python sees
lone surrogates) keeps its safety nets: the recovery copy is written and offered after a crash,
最近打开 and the next dialog's folder name it exactly (rev23b H1, the recent-files note)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings

from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from ui import filedialogs, recent
from ui.autosave import Recovery

GBK = os.fsdecode("财政局".encode("gbk"))  # what Linux gives Python for the zip's bytes
CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)


def test_a_gbk_named_report_is_autosaved_and_recovered_after_a_crash(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / GBK  # the folder's name too
    folder.mkdir()
    path = Path(shutil.copy(SAMPLE, folder / f"{GBK}2021年报.docx"))
    autosaves = tmp_path / "autosave"
    win = autosave_window(qtbot, autosaves)
    said: list[str] = []
    win.docs.message.connect(said.append)
    assert win.docs.load(path)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "7")
    assert win.docs.autosave(), f"no recovery copy: {said}"
    crashed(win)
    starting = autosave_window(qtbot, autosaves)
    seen: list[Recovery] = []
    starting.docs.ask_restore = lambda info: seen.append(info) or True  # type: ignore[method-assign]
    starting.docs.offer_restore()
    assert len(seen) == 1
    assert str(path) in (seen[0].path, seen[0].source), "the very file, its bytes' name unchanged"
    assert starting.state.report.value(CELL) == 7


def test_recent_files_and_the_dialogs_folder_keep_a_gbk_name(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ordinary = tmp_path / "本机关.docx"
    odd = tmp_path / GBK / f"{GBK}.docx"
    odd.parent.mkdir()
    for p in (ordinary, odd):
        p.write_bytes(b"x")
    files = recent.RecentFiles()
    files.add(ordinary)
    files.add(odd)
    files.write()
    QSettings().sync()
    assert recent.stored() == [str(odd), str(ordinary)]
    assert os.fsencode(recent.stored()[0]) == os.fsencode(str(odd))
    assert filedialogs.last_folder() == odd.parent
    filedialogs.remember(odd)
    assert filedialogs.last_folder() == odd.parent
    filedialogs.remember(ordinary)  # an ordinary folder is stored as before: the path itself
    assert QSettings().value(filedialogs.LAST_FOLDER_KEY) == str(tmp_path)
    assert filedialogs.last_folder() == tmp_path


def test_lists_stored_by_earlier_versions_still_read(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QSettings().setValue(recent.KEY, f'["{tmp_path}/年报.docx"]')
    QSettings().setValue(filedialogs.LAST_FOLDER_KEY, str(tmp_path))
    assert recent.stored() == [f"{tmp_path}/年报.docx"]
    assert filedialogs.last_folder() == tmp_path
