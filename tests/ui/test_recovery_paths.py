"""What a recovery copy's description names as its file is where the recovered report is saved:
it must name that file wherever the next start runs from, and only a file.

`python -m app 年报.docx` (the file named from a terminal, or by a script, in its folder) kept
the name as typed, relative, in the description; after a crash the next start — from the menu,
in the home folder, or from another folder — recovered the report as “年报.docx” of THAT folder:
保存 wrote the recovered report over another file of the same name there (or a new one where
nobody looked), and the file the user had worked on kept none of the edits (state31).  A value of
another type than a path (a damaged or hand-edited description: 12, a list) was offered and saved
as the file “12” in the working folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import app.io as app_io
import app.reading as app_reading
from app.schema import T3_COL_NATURAL, T3_NEW, CellRef
from tests.ui.conftest import SAMPLE, autosave_window, crashed, table, type_into
from ui.autosave import Recovery
from ui.main_window import MainWindow

CELL = CellRef("三", T3_NEW, T3_COL_NATURAL)


def offers(window: MainWindow, answer: bool | None) -> list[Recovery]:
    seen: list[Recovery] = []
    window.docs.ask_restore = lambda info: seen.append(info) or answer  # type: ignore[method-assign]
    window.docs.offer_restore()
    return seen


def test_a_file_named_relatively_is_recovered_as_that_file_from_another_folder(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    worked, elsewhere = tmp_path / "科室", tmp_path / "家"
    worked.mkdir()
    elsewhere.mkdir()
    app_io.save_report(app_reading.load_report(SAMPLE), worked / "年报.docx")
    shutil.copy(worked / "年报.docx", elsewhere / "年报.docx")  # another report of the same name
    other = (elsewhere / "年报.docx").read_bytes()
    folder = tmp_path / "autosave"
    monkeypatch.chdir(worked)  # started there: python -m app 年报.docx
    win = autosave_window(qtbot, folder)
    assert win.docs.load(Path("年报.docx"))
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert win.docs.autosave()
    described = json.loads(win.docs._slot.info_file.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert described["path"] == str(worked / "年报.docx")
    crashed(win)
    monkeypatch.chdir(elsewhere)  # the next start: from the menu, in another folder
    starting = autosave_window(qtbot, folder)
    seen = offers(starting, True)
    assert [i.path for i in seen] == [str(worked / "年报.docx")]
    assert starting.docs.path == worked / "年报.docx"
    assert starting.docs.save()
    assert app_reading.load_report(worked / "年报.docx").value(CELL) == 5
    assert (elsewhere / "年报.docx").read_bytes() == other, "the other folder's report is left alone"


@pytest.mark.parametrize("path", [12, ["/tmp/a.docx"], {"x": 1}, "年报.docx", "../年报.docx", True])
def test_a_description_naming_no_absolute_path_recovers_an_unnamed_report(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: object) -> None:  # type: ignore[no-untyped-def]
    """An older version's relative name, or no path at all: nothing tells which folder it meant,
    so the report comes back unnamed (saving asks where), with what the copy holds."""
    folder = tmp_path / "autosave"
    win = autosave_window(qtbot, folder)
    type_into(qtbot, table(win, "三"), (T3_NEW, T3_COL_NATURAL), "5")
    assert win.docs.autosave()
    info_file = win.docs._slot.info_file  # type: ignore[union-attr]
    crashed(win)
    described = json.loads(info_file.read_text(encoding="utf-8"))
    described.update(path=path, source=path)
    if not isinstance(path, str):
        described["title"] = path  # no title either: the report's own (none yet) names it
    info_file.write_text(json.dumps(described), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    starting = autosave_window(qtbot, folder)
    seen = offers(starting, True)
    assert len(seen) == 1 and seen[0].path == "" and seen[0].source == ""
    assert seen[0].name() == "未命名报告" and seen[0].origin() == "尚未保存过的新报告"
    assert starting.docs.path is None and starting.docs.source is None
    assert starting.state.report.value(CELL) == 5 and starting.state.is_modified()
    assert not (tmp_path / "12").exists() and not (tmp_path / "年报.docx").exists()
