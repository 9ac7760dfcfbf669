"""The batch window after a report was fixed and saved from it (GUI tester, session 12, #2, #8,
#9): the editor's backup and owner file are no report and no other file, and a duplicate is the
first thing 备注 says."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import batch, lock, ownfiles
from app.io import save_report
from tests.test_batch import report
from tests.test_batch_paths import GBK_NAME
from tests.ui.test_batch_window import rows
from ui import batch_window
from ui.batch_model import COLUMNS
from ui.batch_window import BatchWindow
from ui.documents import DocumentController, atomic_save, backup_path
from ui.main_window import MainWindow


def test_fixed_and_saved_the_folder_holds_the_same_reports(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "收到的年报"
    root.mkdir()
    fixed = root / "bad-2022.docx"
    save_report(report("某县财政局XBZ", 2023, carried_out=5), fixed)
    atomic_save(report("某县财政局", 2023), fixed)  # Ctrl+S in the editor
    assert backup_path(fixed).exists()
    save_report(report("某县教育局", 2023), root / "教育局.docx")
    held = lock.acquire(fixed)  # still open in the editor
    assert held is not None
    try:
        w = BatchWindow(jobs=1)
        qtbot.addWidget(w)
        with qtbot.waitSignal(w.finished, timeout=60000):
            w.start([root])
        assert set(rows(w)) == {"bad-2022.docx", "教育局.docx"}
        message = w.status.currentMessage()
        assert "已检查 2 个文件：0 份有错误" in message and "非年报文件" not in message, message
        assert "本程序保存时留下的备份 1 个未检查" in message, message
        w.show_passed_over.setChecked(True)
        got = rows(w)
        assert set(got) == {"bad-2022.docx", "教育局.docx", "bad-2022.bak.docx"}, "no lock file listed"
        assert got["bad-2022.bak.docx"]["机关名称"] == "（未检查：本程序的备份）"
        assert got["bad-2022.bak.docx"]["第一个问题"] == ownfiles.BACKUP_REASON
    finally:
        held.release()


def test_a_duplicate_is_said_before_the_pairing(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "年报"
    root.mkdir()
    save_report(report("某县财政局", 2022), root / "a2022.docx")
    save_report(report("某县财政局", 2023), root / "b2023.docx")
    save_report(report("某县财政局", 2023), root / "c2023.docx")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    note = rows(w)["b2023.docx"]["备注"]
    assert note.startswith("同一机关同一年度另有：c2023.docx"), note
    assert note.endswith("已对照上年：a2022.docx"), note


@pytest.mark.skipif(sys.platform == "win32", reason="names are UTF-16 there")
def test_saving_over_a_file_whose_name_is_not_utf8_keeps_its_backup(tmp_path: Path) -> None:
    """A GBK name from an old USB stick: naming its backup raised UnicodeEncodeError (the
    Windows name check counted UTF-16 units of a name that cannot be UTF-16)."""
    path = tmp_path / GBK_NAME
    save_report(report("某县财政局XBZ", 2023), path)
    atomic_save(report("某县财政局", 2023), path)
    assert backup_path(path).exists() and backup_path(path).name.endswith(".bak.docx")
    assert batch.collect([tmp_path]) == ([path], [backup_path(path)])


def test_double_click_on_a_report_open_here_brings_its_window_forward(
        qtbot: QtBot, tmp_path: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """No second window and no “已在另一个编辑器中打开” about our own window (GUI tester, #10)."""
    root = tmp_path / "年报"
    root.mkdir()
    for name, organ in (("bad-2022.docx", "某县财政局"), ("教育局.docx", "某县教育局")):
        save_report(report(organ, 2023), root / name)
    window.docs.open(root / "bad-2022.docx")
    qtbot.waitUntil(lambda: window.docs.loading is None and window.docs.path is not None, timeout=20000)
    made: list[Path] = []
    monkeypatch.setattr(batch_window, "new_editor", lambda path: made.append(path))
    asked: list[Path] = []
    monkeypatch.setattr(DocumentController, "ask_locked", lambda self, path, owner: asked.append(path) or "cancel")
    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([root])
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    names = [w.proxy.index(r, COLUMNS.index("文件")).data() for r in range(w.proxy.rowCount())]
    w.view.doubleClicked.emit(w.proxy.index(names.index("bad-2022.docx"), 0))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not made and not asked
    window.showMinimized()  # minimised meanwhile: shown again
    w.view.doubleClicked.emit(w.proxy.index(names.index("bad-2022.docx"), 0))
    assert not window.isMinimized() and not made
    w.view.doubleClicked.emit(w.proxy.index(names.index("教育局.docx"), 0))  # not open anywhere: a window of its own
    assert made == [root / "教育局.docx"]
