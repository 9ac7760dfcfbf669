"""批量检查 worked from the keyboard as the editor's windows are: each button and tick box has its
letter (Alt+O 选择文件夹, Alt+E 导出汇总表, Alt+R 只看有错误的, Alt+U 显示未检查的文件) and Ctrl+F
puts the keyboard in the filter box.  The reviewer at the 政务公开 office (user32 under Xvfb)
found none: the filter, the tick boxes and 导出汇总表 were reached only by Tab, counting stops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.io import save_report
from tests.test_batch import report
from tests.ui.test_batch_window import shown_active


def test_the_buttons_and_boxes_have_their_letters(qtbot: QtBot, tmp_path: Path) -> None:
    w = shown_active(qtbot)
    chosen: list[bool] = []
    w.choose_folder = lambda *a, **k: chosen.append(True)  # type: ignore[method-assign]
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: chosen == [True], timeout=2000)  # a button's letter clicks it animated: 100 ms on
    assert not w.errors_only.isChecked()
    qtbot.keyClick(w.view, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(w.errors_only.isChecked, timeout=2000)  # Alt+R: 只看有错误的
    folder = tmp_path / "年报"
    folder.mkdir()
    save_report(report("某县某镇人民政府", 2023), folder / "某镇.docx")
    (folder / "合影.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a report")
    with qtbot.waitSignal(w.finished, timeout=60000):
        w.start([folder])
    qtbot.keyClick(w.view, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(w.show_passed_over.isChecked, timeout=2000)  # Alt+U: 显示未检查的文件
    exported: list[bool] = []
    w.export = lambda *a, **k: exported.append(True)  # type: ignore[method-assign]
    qtbot.keyClick(w.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: exported == [True], timeout=2000)  # Alt+E: 导出汇总表
    assert w.show_passed_over.text() == "显示未检查的文件(&U)（1）", "its count said after its letter"


def test_ctrl_f_goes_to_the_filter(qtbot: QtBot) -> None:
    w = shown_active(qtbot)
    w.search.setText("北仑")
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.search
    assert w.search.selectedText() == "北仑", "what was there selected: typing replaces it"


def test_every_button_and_box_has_a_letter_of_its_own(qtbot: QtBot) -> None:
    """取消 had none (ux32, 1366×768 150 %), where every question's 取消 has Alt+C."""
    import re

    from PySide6.QtWidgets import QAbstractButton

    w = shown_active(qtbot)
    letters = []
    for button in w.findChildren(QAbstractButton):
        if button.parent() is w.view or not button.text():  # the table's corner button has no text
            continue
        found = re.search(r"&([A-Z])", button.text())
        assert found, button.text()
        letters.append(found.group(1))
    assert sorted(letters) == sorted(set(letters)) and "C" in letters, letters
    assert w.cancel_button.text() == "取消(&C)"
