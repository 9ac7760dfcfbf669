"""编辑 → 查找… / 替换… on the real window: count, next/previous across panes, the pane and
paragraph shown, 替换, and 全部替换 as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.report import Paragraph, Report


def _report() -> Report:
    r = Report(organ="某区2023年度专班", year=2024)
    r.sections["前言"] = [Paragraph.plain("2023年，我区认真贯彻条例。")]
    r.sections["一"] = [Paragraph.plain("概述。"), Paragraph.plain("2023年全区受理申请，2023年办结。")]
    r.sections["五"] = [Paragraph.plain("下一步，在2023年基础上改进。")]
    return r


def _open(window, replace: bool = False):  # type: ignore[no-untyped-def]
    window.state.replace_report(_report())
    (window.year_tools.act_replace if replace else window.year_tools.act_find).trigger()
    dialog = window.year_tools.find_dialog()
    assert dialog.isVisible()
    return dialog


def test_shortcuts_are_the_usual_ones(window) -> None:  # type: ignore[no-untyped-def]
    assert window.year_tools.act_find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.year_tools.act_replace.shortcut() == QKeySequence("Ctrl+H")
    assert window.year_tools.act_find in window.edit_menu.actions()


def test_find_next_and_previous_across_panes(window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window)
    assert not dialog.replace_edit.isVisible()
    dialog.find_edit.setText("2023年")
    assert "共 5 处" in dialog.status.text()
    dialog.find_next()
    assert window.current_key() == "基本信息"
    assert window.pages["基本信息"].organ.selectedText() == "2023年"
    dialog.find_next()
    assert window.current_key() == "前言" and "第 2 处" in dialog.status.text() and "前言 第1段" in dialog.status.text()
    assert window.pages["前言"].editor.textCursor().selectedText() == "2023年"
    dialog.find_next()
    editor = window.pages["一"].editor
    assert window.current_key() == "一" and "第2段" in dialog.status.text()
    assert editor.textCursor().blockNumber() == 1 and editor.textCursor().selectedText() == "2023年"
    dialog.find_next()
    dialog.find_next()
    assert window.current_key() == "五"
    dialog.find_next()
    assert window.current_key() == "基本信息" and "已从头开始" in dialog.status.text()
    dialog.find_next(backward=True)
    assert window.current_key() == "五"
    dialog.find_edit.setText("没有的词")
    assert dialog.find_next() is None and "未找到" in dialog.status.text()


def test_replace_one_then_all_in_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, replace=True)
    state = window.state
    dialog.find_edit.setText("2023年")
    dialog.replace_edit.setText("2024年")
    dialog.find_next()
    dialog.find_next()  # 前言
    dialog.replace_one()
    state.sync_text()
    assert state.report.section_text("前言") == "2024年，我区认真贯彻条例。"
    assert window.current_key() == "一"  # and on to the next one
    steps = state.stack.count()
    assert dialog.replace_all() == 4
    assert "已替换 4 处" in dialog.status.text()
    state.sync_text()
    assert state.stack.count() == steps + 1
    assert state.report.organ == "某区2024年度专班"
    assert state.report.section_text("一") == "概述。\n2024年全区受理申请，2024年办结。"
    assert state.report.section_text("五") == "下一步，在2024年基础上改进。"
    assert "2024年" in window.pages["基本信息"].organ.text()
    window.act_undo.trigger()
    assert state.report.organ == "某区2023年度专班"
    assert state.report.section_text("一") == "概述。\n2023年全区受理申请，2023年办结。"
    assert state.report.section_text("五") == "下一步，在2023年基础上改进。"
    assert state.report.section_text("前言").startswith("2024年")  # the single replacement stays
    window.act_redo.trigger()
    assert state.report.section_text("五") == "下一步，在2024年基础上改进。"
    assert dialog.matches() == []


def test_a_table_pages_lead_in_text_is_searched(window) -> None:  # type: ignore[no-untyped-def]
    """二、三、四 have a short text above their grid: found, shown and replaced there too."""
    r = _report()
    r.sections["二"] = [Paragraph.plain("统计期限为2023年1月1日至2023年12月31日。")]
    window.state.replace_report(r)
    window.year_tools.act_replace.trigger()
    dialog = window.year_tools.find_dialog()
    dialog.find_edit.setText("2023年1月1日")
    dialog.find_next()
    assert window.current_key() == "二"
    assert window.pages["二"].lead.textCursor().selectedText() == "2023年1月1日"
    dialog.replace_edit.setText("2024年1月1日")
    dialog.replace_one()
    window.state.sync_text()
    assert window.state.report.section_text("二") == "统计期限为2024年1月1日至2023年12月31日。"


def test_the_replace_all_message_goes_when_undone_or_edited_over(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """已全部替换 N 处 describes the document only until it changes: Ctrl+Z says 已撤销 (in the
    dialog; the window's status bar clears), redo 已重做, any other edit the plain count."""
    dialog = _open(window, replace=True)
    dialog.find_edit.setText("2023年")
    dialog.replace_edit.setText("2024年")
    assert dialog.replace_all() == 5
    assert "已替换 5 处" in dialog.status.text()
    assert window.statusBar().currentMessage() == "已全部替换 5 处"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # as a user undoes
    assert window.state.report.organ == "某区2023年度专班"
    assert "已替换" not in dialog.status.text() and "已撤销全部替换（5 处）" in dialog.status.text()
    assert "现有 5 处" in dialog.status.text()
    # The window says what the undo changed (ui/reveal.py), no longer 已全部替换.
    assert window.statusBar().currentMessage() == "已撤销全部替换“2023年”：基本信息，前言，一、总体情况等4个部分"
    window.act_redo.trigger()
    assert "已重做全部替换（5 处）" in dialog.status.text() and window.state.report.organ == "某区2024年度专班"
    # Another edit after it: no word of replacing any more, the count of what is there now.
    dialog.find_edit.setText("2024年")
    page = window.show_page("基本信息")
    page.organ.setFocus()
    page.organ.end(False)
    qtbot.keyClicks(page.organ, "x")
    page.organ.editingFinished.emit()
    qtbot.waitUntil(lambda: window.state.report.organ.endswith("x"))
    assert "替换" not in dialog.status.text() and "撤销" not in dialog.status.text()
    assert "共 5 处" in dialog.status.text()
    # A fresh replace-all, then a new report: nothing stale either.
    dialog.replace_edit.setText("2025年")
    assert dialog.replace_all() == 5
    window.state.replace_report(_report())
    assert "已替换" not in dialog.status.text() and "已全部替换" not in window.statusBar().currentMessage()


def test_a_window_closed_after_replace_all_goes_quietly(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window torn down after 全部替换 (its undo stack emptied on the way): no error from
    the dialog that was listening to it."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.main_window import MainWindow

    win = MainWindow(autosave_dir=tmp_path / "autosave")
    win.docs.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    win.show()
    qtbot.waitExposed(win)
    dialog = _open(win, replace=True)
    dialog.find_edit.setText("2023年")
    dialog.replace_edit.setText("2024年")
    assert dialog.replace_all() == 5
    win.act_undo.trigger()
    win.act_redo.trigger()  # the message stays meaningful: still listening
    with qtbot.captureExceptions() as raised:
        win.close()
        win.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
    assert raised == []


def test_replace_all_shows_it_is_working_and_checks_once(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """全部替换 over many places holds the window for a moment: the wait cursor and 正在替换 show
    meanwhile (three text pages here; 机关名称 is a command of its own), and the checks run once
    after every page is replaced, not once a page."""
    from PySide6.QtWidgets import QApplication

    dialog = _open(window, replace=True)
    state = window.state
    dialog.find_edit.setText("2023年")
    dialog.replace_edit.setText("2024年")
    seen: list[tuple[object, str]] = []
    real_edit, real_check = state.edit_text, state.check_soon
    checks: list[int] = []

    def edit_text(*args, **kwargs):  # type: ignore[no-untyped-def]
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor is not None else None, dialog.status.text()))
        return real_edit(*args, **kwargs)

    monkeypatch.setattr(state, "edit_text", edit_text)
    monkeypatch.setattr(state, "check_soon", lambda: (checks.append(1), real_check()))
    assert dialog.replace_all() == 5
    assert len(seen) == 3 and all(shape == Qt.CursorShape.WaitCursor and "正在替换 5 处" in text for shape, text in seen)
    assert QApplication.overrideCursor() is None
    assert checks == [1]
    assert state.report.organ == "某区2024年度专班"
    assert state.report.section_text("一") == "概述。\n2024年全区受理申请，2024年办结。"
    assert "已替换 5 处" in dialog.status.text()
