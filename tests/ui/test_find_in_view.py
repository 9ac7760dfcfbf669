"""查找下一个 on a small screen shows the match clear of the dialog, its line in the middle of the
text (rev25c Z2: at 1366×768 and 150 % the dialog covered three quarters of the text and each
match came onto its last visible line, half cut, the sentence above it under the dialog)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor

from app.report import Paragraph, Report
from ui.main_window import MainWindow


def _long() -> Report:
    r = Report(organ="某区人民政府", year=2024)
    r.sections["一"] = [Paragraph.plain(f"第{i}段，本机关依法公开政府信息，做好各项工作。") for i in range(1, 80)]
    r.sections["一"][60] = Paragraph.plain("第61段，全年共受理政府信息公开申请，依法答复。")
    return r


def test_the_match_is_in_the_middle_and_the_dialog_off_it(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(910, 512)  # the small office PC: 1366×768 at 150 %
    window.state.replace_report(_long())
    window.year_tools.act_find.trigger()
    dialog = window.year_tools.find_dialog()
    editor = window.show_page("一").text_edit()
    assert editor is not None
    viewport = editor.viewport()
    # The dialog where it opens over the text: its middle
    middle = viewport.mapToGlobal(viewport.rect().center())
    dialog.move(middle.x() - dialog.frameGeometry().width() // 2, middle.y() - dialog.frameGeometry().height() // 2)
    dialog.find_edit.setText("受理政府信息公开申请")
    assert dialog.find_next() is not None
    cursor = editor.textCursor()
    start = QTextCursor(cursor)
    start.setPosition(cursor.selectionStart())
    line = editor.cursorRect(start).united(editor.cursorRect(cursor))
    height = viewport.height()
    assert height / 4 <= line.center().y() <= height * 3 / 4, f"the match's line at {line.center().y()} of {height}"
    shown = QRect(viewport.mapToGlobal(line.topLeft()), line.size())
    assert not dialog.frameGeometry().intersects(shown), f"the dialog {dialog.frameGeometry()} covers the match {shown}"
