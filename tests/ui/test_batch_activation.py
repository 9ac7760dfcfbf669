"""批量检查 back in front after a whole run searches its folders again for reports new there —
but lists again only the folders changed since (a file added, removed or renamed changes its
folder's time): every activation listed the whole tree, a network share's thousands of files
each time the reviewer came back from an editor (left18a)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from ui.batch_window import BatchWindow

FOLDERS = [f"乡镇{i:02d}" for i in range(12)]


def _aged(root: Path) -> None:
    """Every folder under ``root`` last changed an hour ago (as a tree received earlier is)."""
    old = time.time() - 3600
    for folder, _dirs, _files in os.walk(root):
        os.utime(folder, (old, old))


def test_activation_lists_only_the_folders_changed_since(qtbot: QtBot, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "收到的年报"
    for i, name in enumerate(FOLDERS):
        (root / name / "附件").mkdir(parents=True)
        if i < 3:
            save_report(report(f"某县{i}局", 2023, in_force=10), root / name / "年报.docx")
    _aged(root)
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    listed: list[str] = []
    scandir = os.scandir

    def counted(path: str | os.PathLike[str] = ".") -> object:
        if Path(path).is_relative_to(root):  # not a temporary folder of the reading's
            listed.append(os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", counted)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None
    assert listed == [], "nothing changed: no folder listed again"
    save_report(report("某县新局", 2023, in_force=10), root / FOLDERS[7] / "年报.docx")
    listed.clear()  # saving looked at the folder (for this program's backups beside the file)
    with qtbot.waitSignal(w.rechecked, timeout=60000):
        assert w.recheck_changed() is not None
    assert [Path(p).name for p in listed] == [FOLDERS[7]], "only the folder a report was saved into"
    assert str(root / FOLDERS[7] / "年报.docx") in [r.path for r in w.model.results], "and the new report is in the list"
