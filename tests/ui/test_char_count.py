"""The 字数 of a section's header follows every change of its text, whatever made it: typing,
删除此处重复, 删除重复字词, 全部替换, undo and redo (from the GUI tester: after a fix or a
replace it stayed at the old figure, “1201/1000 超出篇幅要求”, until the next keystroke)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from app.report import Paragraph, Report
from tests.ui.conftest import SAMPLE, read_through, type_text
from ui.finding_actions import commands
from ui.narrative import NarrativePage


def _page(window, key: str) -> NarrativePage:  # type: ignore[no-untyped-def]
    page = window.show_page(key)
    assert isinstance(page, NarrativePage)
    return page


def _shown(page: NarrativePage) -> int:
    """The figure the header shows."""
    found = re.match(r"(\d+)(/\d+)? 字", page.count.text())
    assert found, page.count.text()
    return int(found.group(1))


def _counted(page: NarrativePage) -> int:
    """What is not white space in the pane, counted here from its plain text."""
    return len(re.sub(r"\s", "", page.editor.toPlainText()))


def _run(window, key: str, code: str, name: str) -> None:  # type: ignore[no-untyped-def]
    finding = next(f for f in window.state.findings if f.code == code and f.location.section == key)
    command = next(c for c in commands(window.state, finding, here="text") if c.name == name)
    command.run()


def test_delete_copy_and_its_undo_update_the_count(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.docs.open(str(SAMPLE))
    read_through(window)
    page = _page(window, "前言")
    before = _shown(page)
    assert before == _counted(page) > 0
    _run(window, "前言", "DUP-PARAGRAPH", "delete-copy")
    after = _counted(page)
    assert after < before and _shown(page) == after, "删除此处重复 changes the count at once"
    page.editor.setFocus()
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _counted(page) == before and _shown(page) == before, "its undo too"
    qtbot.keyClick(page.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert _shown(page) == after, "and its redo"


def test_replace_all_updates_the_count_and_its_over_length_mark(window) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    report.sections["一"] = [Paragraph.plain("政府信息公开" * 170)]  # 1020 characters: over 1000
    window.state.replace_report(report)
    page = _page(window, "一")
    assert page.count.text() == "1020/1000 字（超出篇幅要求）"
    window.year_tools.act_replace.trigger()
    dialog = window.year_tools.find_dialog()
    dialog.find_edit.setText("政府信息公开")
    dialog.replace_edit.setText("政务公开")
    assert dialog.replace_all() == 170
    assert _counted(page) == 680
    assert page.count.text() == "680/1000 字" and page.count.styleSheet() == "", "no longer marked as too long"
    window.state.stack.undo()
    assert page.count.text() == "1020/1000 字（超出篇幅要求）"


def test_delete_repeat_and_typing_update_the_count(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    report.sections["六"] = [Paragraph.plain("本年度未收取信息处理处理费。")]
    window.state.replace_report(report)
    page = _page(window, "六")
    assert _shown(page) == 14
    _run(window, "六", "DUP-PHRASE", "delete-repeat")
    assert page.editor.toPlainText() == "本年度未收取信息处理费。"
    assert _shown(page) == 12
    page.editor.setFocus()
    page.editor.moveCursor(page.editor.textCursor().MoveOperation.End)
    type_text(page.editor, "无。")
    assert _shown(page) == 14 == _counted(page)
