"""When the marks cannot be known — marks.json of a newer version, or one that cannot be read —
状态 says 未知, in the list, the window's summary and the command line's, never 未审核 for reports
that may be 已发布 (rev23b L6)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from app import review_marks as rm
from tests.ui.conftest import checked_batch
from tests.ui.test_batch_marks import folder, status  # noqa: F401  (the fixture)
from ui import batch_marks


def _newer(data: Path, reports: Path) -> None:
    data.mkdir(exist_ok=True)
    marks = [{"digest": rm.digest(p), "path": str(p), "state": rm.PUBLISHED, "at": "2026-11-30T10:00:00", "by": "审核人"}
             for p in reports.glob("*.docx")]
    (data / rm.NAME).write_text(json.dumps({"format": rm.FORMAT + 1, "marks": marks}), encoding="utf-8")


def _summary_status(path: Path) -> set[object]:
    ws = openpyxl.load_workbook(path)["汇总"]
    col = [c.value for c in ws[1]].index("状态")
    return {row[col] for row in ws.iter_rows(min_row=2, values_only=True)}


def test_a_newer_versions_marks_are_unknown_in_the_list_and_the_summary(qtbot: QtBot, folder: Path,  # noqa: F811
                                                                         tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _newer(tmp_path / "data", folder)
    said: list[str] = []
    monkeypatch.setattr(batch_marks.BatchMarks, "_warn", lambda self, text: said.append(text))
    w = checked_batch(qtbot, folder)
    assert len(said) == 1 and rm.NEWER in said[0]
    assert set(status(w).values()) - {None} == {rm.UNKNOWN}
    dest = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(w.exported, timeout=60000):
        assert w.export(dest)
    assert _summary_status(dest) == {rm.UNKNOWN}
    w.marks.reload(force=True)  # read again: still unknown, not said again
    assert len(said) == 1 and set(status(w).values()) - {None} == {rm.UNKNOWN}


@pytest.mark.parametrize("kind", ["newer", "unreadable"])
def test_the_command_lines_summary_says_unknown(folder: Path, tmp_path: Path, kind: str) -> None:  # noqa: F811
    data = tmp_path / "data"
    if kind == "newer":
        _newer(data, folder)
    else:
        (data / rm.NAME).mkdir(parents=True)  # read as a file: refused (no permission test as root)
    files = [(str(p), rm.digest(p)) for p in folder.glob("*.docx")]
    columns, problem = rm.stored(files, data)
    assert problem and set(columns.values()) == {(rm.UNKNOWN, "")}
