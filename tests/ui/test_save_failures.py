"""Saving from the editor onto a full disk (a real small tmpfs), over a read-only file, or where
the backup cannot be written: one message, the report stays open and modified, the file on
disk and its backup untouched, no temporary left, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

import app.io as app_io
import app.reading as app_reading
from app.schema import T3_CARRIED_IN, T3_COL_NATURAL, CellRef
from tests.helpers import fill_disk, temporaries
from tests.ui.conftest import SAMPLE, table, type_into
from ui.documents import backup_path
from ui.main_window import MainWindow

CELL = CellRef("三", T3_CARRIED_IN, T3_COL_NATURAL)


def _edit_and_save(window: MainWindow, qtbot, path: Path) -> bool:  # type: ignore[no-untyped-def]
    assert window.docs.load(path)
    type_into(qtbot, table(window, "三"), (CELL.row, CELL.col), "2")
    return window.docs.save()


def _own_copy(folder: Path) -> Path:
    path = folder / "报告.docx"
    app_io.save_report(app_reading.load_report(SAMPLE), path)
    return path


@pytest.mark.parametrize("leave", [0, 4096, 12000])
def test_full_disk_save_is_one_message_and_loses_nothing(window, qtbot, small_disk, capfd, leave) -> None:  # type: ignore[no-untyped-def]
    path = _own_copy(small_disk)
    backup_path(path).unlink(missing_ok=True)
    original = path.read_bytes()
    fill_disk(small_disk, leave)
    assert not _edit_and_save(window, qtbot, path)
    assert len(window.errors) == 1
    first_line = window.errors[0].split("\n")[0]
    assert "磁盘空间不足" in first_line or "备份" in first_line or "不完整" in first_line, first_line
    assert "修改没有丢失" in window.errors[0]
    assert window.isWindowModified() and window.state.report.value(CELL) == 2
    assert path.read_bytes() == original
    assert temporaries(small_disk) == []
    assert "Traceback" not in capfd.readouterr().err


def test_backup_that_does_not_fit_stops_the_save(window, qtbot, small_disk) -> None:  # type: ignore[no-untyped-def]
    path = _own_copy(small_disk)
    backup = backup_path(path)
    backup.write_bytes(b"the previous backup")
    original = path.read_bytes()
    fill_disk(small_disk, len(original) // 2)
    assert not _edit_and_save(window, qtbot, path)
    assert "备份" in window.errors[0] and "未保存" in window.errors[0]
    assert path.read_bytes() == original and backup.read_bytes() == b"the previous backup"


def test_read_only_report_is_not_overwritten(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _own_copy(tmp_path)
    path.chmod(0o444)
    original = path.read_bytes()
    assert not _edit_and_save(window, qtbot, path)
    assert "只读" in window.errors[0]
    assert "占用" not in window.errors[0], "its own advice, not the one for a file held by a program"
    assert path.read_bytes() == original and not backup_path(path).exists()
    assert window.isWindowModified()
