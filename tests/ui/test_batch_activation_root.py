"""A drive's root keeps no time of its own on FAT and exFAT (a USB stick's E:\\ has no directory
entry, hence no modification time): a report saved straight into it leaves its time as it was.
批量检查's activation kept such a folder's listing as unchanged, and the new report never joined
the list; the root of a drive (a mount point) is listed again at each search (rev18)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.test_batch_activation import _aged
from ui.batch_window import BatchWindow


def test_a_report_saved_into_a_sticks_root_joins_the_list(qtbot: QtBot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "U盘"
    (stick / "乡镇").mkdir(parents=True)
    save_report(report("某县一局", 2023, in_force=10), stick / "一局.docx")
    _aged(stick)
    ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == stick or ismount(p))
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([stick])
    before = os.stat(stick)
    save_report(report("某县新局", 2023, in_force=10), stick / "新局.docx")
    os.utime(stick, ns=(before.st_atime_ns, before.st_mtime_ns))  # as FAT's root: its time unchanged
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None
    assert str(stick / "新局.docx") in [r.path for r in w.model.results]
