"""The open and save dialogs (Qt's own, as on 统信UOS/麒麟) leave out the files beside reports that
are none: Word's ~$ owner file, this program's backup of the report beside it, Thumbs.db — a
reviewer picked 报告.bak.docx for the report, or saved over ~$报告.docx (ui/filedialog_filter.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QListView, QTreeView
from pytestqt.qtbot import QtBot

from app import ownfiles
from app.io import save_report
from tests.test_batch import report
from ui import filedialogs
from ui.documents import backup_path


def folder_of_reports(tmp_path: Path) -> Path:
    folder = tmp_path / "年报"
    folder.mkdir()
    save_report(report("某县财政局", 2023), folder / "报告.docx")
    save_report(report("某县财政局", 2022), folder / "报告.docx", backup_path(folder / "报告.docx"))  # saved again
    assert (folder / "报告.bak.docx").exists() and ownfiles.own_backup(folder / "报告.bak.docx") == "报告.docx"
    (folder / "~$报告.docx").write_bytes(b"\x0bowner" + b"\x00" * 157)  # Word's owner file while it is open
    (folder / "~WRL0001.tmp").write_bytes(b"x")
    (folder / "Thumbs.db").write_bytes(b"x")
    # A report someone named .bak with no file of that name beside it: a report, listed.
    shutil.copyfile(folder / "报告.docx", folder / "去年.bak.docx")
    (folder / "下级单位").mkdir()
    return folder


def shown_names(qtbot: QtBot, seen: dict[str, object], folder: Path) -> None:
    """In the dialog shown: the names its list and detail views show, then the dialog closed."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QFileDialog):
        QTimer.singleShot(20, lambda: shown_names(qtbot, seen, folder))
        return
    QTimer.singleShot(10_000, dialog.reject)  # never a test hanging on an open dialog
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    root = model.index(str(folder))
    qtbot.waitUntil(lambda: model.rowCount(root) >= 5, timeout=5000)
    qtbot.wait(50)  # the dialog's own turn after the folder loaded
    names = [model.fileName(model.index(r, 0, root)) for r in range(model.rowCount(root))]
    listed = next(v for v in dialog.findChildren(QListView) if v.model() is model and not isinstance(v, QTreeView))
    tree = next(v for v in dialog.findChildren(QTreeView) if v.model() is model)
    seen["list"] = sorted(n for r, n in enumerate(names) if not listed.isRowHidden(r))
    seen["details"] = sorted(n for r, n in enumerate(names) if not tree.isRowHidden(r, root))
    dialog.reject()


def test_the_open_dialog_leaves_out_owner_files_and_lists_our_backups(qtbot: QtBot, tmp_path: Path) -> None:
    """Our backup stays in 打开: after 仍然覆盖 it holds the other window's changes (rev22b M4)."""
    folder = folder_of_reports(tmp_path)
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: shown_names(qtbot, seen, folder))
    all_files = "所有文件 (*)"  # what the filter lets through is the dialog's: here, everything
    assert filedialogs.get_open_path(None, "打开报告", all_files, start=folder) == ""
    assert seen["list"] == seen["details"] == ["下级单位", "去年.bak.docx", "报告.bak.docx", "报告.docx"], seen


def test_the_save_dialog_leaves_them_and_our_backups_out(qtbot: QtBot, tmp_path: Path) -> None:
    folder = folder_of_reports(tmp_path)
    seen: dict[str, object] = {}
    QTimer.singleShot(0, lambda: shown_names(qtbot, seen, folder))
    assert filedialogs.get_save_path(None, "另存为", folder / "新报告.docx", "Word 文档 (*.docx)") == ""
    assert seen["list"] == seen["details"] == ["下级单位", "去年.bak.docx", "报告.docx"], seen


def test_what_the_dialogs_leave_out() -> None:
    for name in ("~$报告.docx", "~WRL0001.tmp", "Thumbs.db", ".~lock.报告.docx#", ".nianbao-lock.报告.docx#"):
        assert ownfiles.hidden_in_dialogs(Path("/无此文件夹") / name), name
    for name in ("报告.docx", "报告.bak.docx", "~报告.docx", "$报告.docx"):  # no backup without its file beside
        assert not ownfiles.hidden_in_dialogs(Path("/无此文件夹") / name), name


def test_our_backup_is_left_out_of_the_save_dialog_only(tmp_path: Path) -> None:
    folder = folder_of_reports(tmp_path)
    assert ownfiles.hidden_in_dialogs(folder / "报告.bak.docx")
    assert not ownfiles.hidden_in_dialogs(folder / "报告.bak.docx", saving=False)
    assert ownfiles.hidden_in_dialogs(folder / "~$报告.docx", saving=False)


def test_the_overwrite_question_names_the_backup_it_keeps(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import questions

    asked: list[str] = []
    monkeypatch.setattr(filedialogs, "choose", lambda _p, _i, _t, text, *_a: asked.append(text) or 2)
    assert questions.ask_overwrite_changed(None, Path("/年报/报告.docx")) == ""
    assert "“报告.bak.docx”" in asked[0] and "打开" in asked[0], asked
