"""Qt's own dialogs in Chinese beyond what qtbase_zh_CN covers: the file dialog's 类型 column
(“Folder”), and its dates and sizes, which Qt writes in the system's locale — English on a PC
set to English or to none (LANG=C) — whatever the translation."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QTreeView
from pytestqt.qtbot import QtBot

from tests.ui.conftest import translated
from ui import filedialogs

ENGLISH_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|AM|PM")


def test_the_strings_qt_leaves_in_english_are_chinese(qapp: QApplication) -> None:
    with translated(qapp):  # again: the supplement is installed once
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围：", "Qt's own still answer"
        assert QCoreApplication.translate("nianbao-test", "Unlisted") == "Unlisted", "nothing else touched"


def test_the_file_dialogs_details_are_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "二〇二三").mkdir()
    (tmp_path / "报告.docx").write_bytes(b"x" * 3000)
    seen: dict[str, str | None] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        QTimer.singleShot(10_000, dialog.reject)  # never a test hanging on an open dialog
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        view = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
        model = view.model()
        assert isinstance(model, QFileSystemModel)
        qtbot.waitUntil(lambda: model.rowCount(model.index(str(tmp_path))) == 2)
        folder, report = model.index(str(tmp_path / "二〇二三")), model.index(str(tmp_path / "报告.docx"))
        seen["delegate"] = type(view.itemDelegate()).__name__
        seen["type"] = model.data(folder.siblingAtColumn(2))
        seen["date"] = filedialogs.detail_text(report.siblingAtColumn(3))
        seen["size"] = filedialogs.detail_text(report.siblingAtColumn(1))
        seen["qt_date"] = model.data(report.siblingAtColumn(3))  # what Qt itself writes there
        dialog.reject()

    QTimer.singleShot(0, look)
    assert filedialogs.get_open_path(None, "打开报告", start=tmp_path / "报告.docx") == ""
    assert seen["delegate"] == "_ChineseDetails"
    assert seen["type"] == "文件夹"
    assert seen["date"] and re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}", seen["date"]), seen
    assert seen["size"] and not ENGLISH_MONTH.search(seen["size"]) and "bytes" not in seen["size"], seen
    print("Qt's own date text under this system locale:", seen["qt_date"])


def test_the_file_dialogs_buttons_have_their_keys(qtbot: QtBot, tmp_path: Path) -> None:
    """Qt's own open, save and folder dialogs: 取消(&C) as every question's, not Qt's bare 取消;
    the folder dialog's 选择 takes S (Qt's 选择(&C) would share C with it)."""
    from PySide6.QtWidgets import QDialogButtonBox

    seen: list[list[str]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        QTimer.singleShot(10_000, dialog.reject)  # never a test hanging on an open dialog
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        qtbot.waitUntil(lambda: all("&" in b.text() for b in box.buttons()), timeout=3000)
        seen.append([b.text() for b in box.buttons()])
        dialog.reject()

    with translated(QApplication.instance()):  # type: ignore[arg-type]
        for ask in (lambda: filedialogs.get_open_path(None, "打开报告", start=tmp_path),
                    lambda: filedialogs.get_save_path(None, "另存为", tmp_path / "报告.docx", "Word 文档 (*.docx)"),
                    lambda: filedialogs.get_folder(None, "选择存放年报的文件夹")):
            QTimer.singleShot(0, look)
            assert not ask()
    assert [sorted(texts) for texts in seen] == [["取消(&C)", "打开(&O)"], ["保存(&S)", "取消(&C)"], ["取消(&C)", "选择(&S)"]], seen
