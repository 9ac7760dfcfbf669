"""Findings in the editor: choosing one shows its place, duplicates and stutters are deleted as
one undo step, a sentence that contradicts a table reaches its cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip

from app.findings import Finding, Severity
from app.report import Paragraph, ParaKind, Report
from app.schema import META, PREAMBLE
from tests.ui.conftest import SAMPLE, type_text
from ui import richtext
from ui.finding_actions import delete_copy, repeat_length
from ui.findings import FINDING_ROLE
from ui.narrative import NarrativePage
from ui.table_page import TablePage

COPIED = "本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。"


def choose(window, code: str, section: str | None = None) -> Finding:  # type: ignore[no-untyped-def]
    """Choose the first finding with ``code`` in the panel as a user would (the list focused)."""
    panel = window.findings
    panel.view.setFocus()
    # Focusing the list makes its first row current without going there (ui/findings.py): start
    # from no row, so that choosing any row, the first too, is a change the panel acts on.
    panel.view.selectionModel().clear()
    for row in range(panel.proxy.rowCount()):
        index = panel.proxy.index(row, 0)
        finding: Finding = index.data(FINDING_ROLE)
        if finding.code == code and section in (None, finding.location.section):
            panel.view.setCurrentIndex(index)
            return finding
    raise AssertionError(f"no {code} finding in the panel")


def button(window, name: str) -> QPushButton:  # type: ignore[no-untyped-def]
    found = window.findings.findChild(QPushButton, f"finding-{name}")
    assert found is not None and found.isVisible(), f"the panel offers {name}"
    return found


def span_text(report: Report, finding: Finding) -> str:
    span = finding.location.span
    assert span is not None
    return report.sections[finding.location.section][span.paragraph].text[span.start : span.end]


def editor_of(window, key: str):  # type: ignore[no-untyped-def]
    page = window.pages[key]
    return page.editor if isinstance(page, NarrativePage) else page.lead


def codes(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in window.state.findings]


def open_report(window, report: Report) -> None:  # type: ignore[no-untyped-def]
    window.state.replace_report(report)


def copied_report() -> Report:
    report = Report(organ="测试局", year=2021)
    report.sections["一"] = [Paragraph.plain("一、总体情况", ParaKind.HEADING1), Paragraph.plain(COPIED)]
    report.sections["五"] = [Paragraph.plain("（一）存在问题。"), Paragraph.plain(COPIED),
                            Paragraph.plain("（二）改进情况。下一步继续努力。", ParaKind.HEADING2)]
    return report


def test_choosing_a_duplicate_selects_its_span_and_marks_the_other_copy(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    finding = choose(window, "DUP-PARAGRAPH", PREAMBLE)
    assert window.current_key() == PREAMBLE
    editor = editor_of(window, PREAMBLE)
    assert editor.textCursor().selectedText() == span_text(window.state.report, finding)
    assert window.findings.view.hasFocus(), "arrow keys keep walking the list"
    assert "浅蓝底色" in window.statusBar().currentMessage()
    (mark,) = editor.extraSelections()
    other = finding.location.others[0].span
    assert (mark.cursor.selectionStart(), mark.cursor.selectionEnd()) == (other.start, other.end)
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Return)  # into the text: the tint still explained
    message = window.statusBar().currentMessage()
    assert "浅蓝底色" in message and "按Esc回到问题列表" in message, message


def test_the_duplicate_note_goes_when_the_arrow_keys_leave_the_duplicate(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """From the GUI tester: walking on with ↓ to another finding left the status bar saying
    “选中的是这一处重复…”, about the duplicate chosen before."""
    assert window.docs.load(SAMPLE)
    choose(window, "DUP-PARAGRAPH", PREAMBLE)
    view = window.findings.view
    assert "浅蓝底色" in window.statusBar().currentMessage()
    for _ in range(view.model().rowCount()):  # bounded: ↓ at the last row would loop for ever
        qtbot.keyClick(view, Qt.Key.Key_Down)  # as a user walks the list
        finding: Finding = view.currentIndex().data(FINDING_ROLE)
        if finding.code == "TEXT-TABLE-MISMATCH":
            break
    else:
        pytest.fail("no TEXT-TABLE-MISMATCH below the duplicate in the sample's findings")
    assert window.current_key() == finding.location.section
    assert "浅蓝底色" not in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert "浅蓝底色" not in window.statusBar().currentMessage()


def test_delete_this_copy_is_one_undo_step(window) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    state = window.state
    finding = choose(window, "DUP-PARAGRAPH", PREAMBLE)
    doc = state.document(PREAMBLE)
    before_paragraphs = richtext.document_to_paragraphs(doc)
    before_text = state.report.section_text(PREAMBLE)
    before_findings = list(state.findings)
    copy = span_text(state.report, finding)
    button(window, "delete-copy").click()
    after = state.report.section_text(PREAMBLE)
    assert after == before_text.replace(copy, "", 1) and len(after) == len(before_text) - len(copy)
    assert finding not in state.findings and not any(
        f.code == "DUP-PARAGRAPH" and f.location.section == PREAMBLE for f in state.findings)
    assert state.stack.count() == 1 and state.stack.undoText() == "删除重复"
    assert window.isWindowModified()
    state.stack.undo()
    assert state.report.sections[PREAMBLE] == before_paragraphs
    assert state.findings == before_findings
    state.stack.redo()
    assert state.report.section_text(PREAMBLE) == after


def test_a_copy_that_is_a_whole_paragraph_goes_with_its_paragraph(window) -> None:  # type: ignore[no-untyped-def]
    open_report(window, copied_report())
    finding = choose(window, "DUP-PARAGRAPH")
    assert finding.location.section == "五" and finding.location.others[0].section == "一"
    before = richtext.document_to_paragraphs(window.state.document("五"))
    button(window, "delete-copy").click()
    paragraphs = window.state.report.sections["五"]
    assert [(p.text, p.kind) for p in paragraphs] == [
        ("（一）存在问题。", ParaKind.BODY), ("（二）改进情况。下一步继续努力。", ParaKind.HEADING2)]
    assert "DUP-PARAGRAPH" not in codes(window)
    window.state.stack.undo()
    assert window.state.report.sections["五"] == before


def test_go_to_the_other_copy_in_another_section(window) -> None:  # type: ignore[no-untyped-def]
    open_report(window, copied_report())
    finding = choose(window, "DUP-PARAGRAPH")
    assert window.current_key() == "五"
    button(window, "other").click()
    assert window.current_key() == "一"
    editor = editor_of(window, "一")
    assert editor.textCursor().selectedText() == COPIED
    assert editor.textCursor().blockNumber() == finding.location.others[0].span.paragraph


@pytest.mark.parametrize(("text", "n"), [
    ("政府政府", 2), ("的的", 1), ("，，", 1), ("做好公开工作，做好公开工作", 7), ("依申请公开依申请公开", 5),
    ("政府信息", 0), ("", 0),
])
def test_repeat_length(text: str, n: int) -> None:
    assert repeat_length(text) == n


def test_delete_repeated_words(window) -> None:  # type: ignore[no-untyped-def]
    report = Report(organ="测试局", year=2021)
    report.sections["五"] = [Paragraph.plain("我们进一步加强政府政府信息管理。"),
                            Paragraph.plain("要做好公开工作，做好公开工作，提高质量。")]
    open_report(window, report)
    choose(window, "DUP-PHRASE")
    button(window, "delete-repeat").click()
    assert window.state.report.sections["五"][0].text == "我们进一步加强政府信息管理。"
    assert window.state.stack.count() == 1 and window.state.stack.undoText() == "删除重复字词"
    choose(window, "DUP-PHRASE")
    button(window, "delete-repeat").click()
    assert window.state.report.sections["五"][1].text == "要做好公开工作，提高质量。"
    assert "DUP-PHRASE" not in codes(window)
    window.state.stack.undo()
    window.state.stack.undo()
    assert [p.text for p in window.state.report.sections["五"]] == [p.text for p in report.sections["五"]]
    assert codes(window).count("DUP-PHRASE") == 2


def test_a_mismatch_shows_the_sentence_and_reaches_the_cell(window) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    finding = choose(window, "TEXT-TABLE-MISMATCH")
    ref = finding.location.cells[0]
    assert window.current_key() == finding.location.section == "六"
    assert editor_of(window, "六").textCursor().selectedText() == "未收到政府信息公开申请"
    grid = window.pages[ref.table]
    assert isinstance(grid, TablePage), "the table's page has the cell chosen already"
    assert grid.view.currentIndex() == grid.model.index_of((ref.row, ref.col))
    button(window, "table").click()
    assert window.current_key() == ref.table
    assert grid.view.hasFocus() and grid.view.selectionModel().isSelected(grid.model.index_of((ref.row, ref.col)))
    assert grid.flash.isVisible(), "a frame blinks round the cell"
    window.show_page(PREAMBLE)
    grid.view.cell_actions(ref)["转到正文"]()  # and back, from the cell's context menu
    assert window.current_key() == "六" and editor_of(window, "六").hasFocus()
    assert editor_of(window, "六").textCursor().selectedText() == "未收到政府信息公开申请"


def test_the_text_context_menu_offers_the_commands_of_the_span(window) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    editor = window.show_page(PREAMBLE).editor
    finding = next(f for f in window.state.findings if f.code == "DUP-PARAGRAPH" and f.location.span)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(finding.location.span.start + 5)
    pos = editor.cursorRect(cursor).center()
    QApplication.sendEvent(editor.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, editor.viewport().mapToGlobal(pos)))
    assert QToolTip.text() == f"{finding.message}\n（右键可转到另一处、删除此处重复）"
    menu = editor.context_menu(cursor)
    names = [a.objectName() for a in menu.actions()]
    assert names[:2] == ["finding-other", "finding-delete-copy"], "the span's commands come first"
    assert "edit-undo" not in names and "edit-copy" in names
    next(a for a in menu.actions() if a.objectName() == "finding-delete-copy").trigger()
    assert window.state.stack.undoText() == "删除重复"
    cursor.setPosition(2)  # in the first copy, which is not flagged: the standard menu only
    assert not any(a.objectName().startswith("finding-") for a in editor.context_menu(cursor).actions())


def test_a_date_finding_goes_to_the_basic_information_page(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    open_report(window, Report(organ="测试局", year=2021))
    window.show_page("五")
    finding = choose(window, "DATE-MISSING")
    assert finding.location.section == META
    assert window.current_key() == META
    window.findings.navigate.emit(finding, True)
    assert window.pages[META].date.hasFocus()


def test_typing_does_not_pull_the_view_back_to_the_chosen_finding(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    choose(window, "DUP-PARAGRAPH", PREAMBLE)
    page = window.show_page("五")
    page.editor.setFocus()
    type_text(page.editor, "政府政府")  # a new finding: the list is rebuilt
    qtbot.waitUntil(lambda: "DUP-PHRASE" in codes(window))
    QApplication.processEvents()
    assert window.current_key() == "五" and page.editor.hasFocus()
    assert window.findings.current() is not None and window.findings.current().location.section == PREAMBLE


def test_a_stale_finding_does_nothing(window) -> None:  # type: ignore[no-untyped-def]
    open_report(window, copied_report())
    finding = choose(window, "DUP-PARAGRAPH")
    editor = editor_of(window, "五")
    cursor = QTextCursor(editor.document().findBlockByNumber(1))
    cursor.insertText("另外。")  # typed, not yet checked: the finding's span is old
    assert delete_copy(window.state, finding)  # found again at its new place
    assert window.state.report.sections["五"][1].text == "另外。"
    assert not delete_copy(window.state, finding), "nothing left to delete"


def test_a_finding_in_a_tables_lead_in_text_opens_it(window) -> None:  # type: ignore[no-untyped-def]
    report = Report(organ="测试局", year=2021)
    report.sections["三"] = [Paragraph.plain("本年度政府政府信息公开申请情况如下。")]
    open_report(window, report)
    window.show_page("三")
    window.pages["三"].lead.hide()  # as if the page had been shown closed
    choose(window, "DUP-PHRASE", "三")
    lead = window.pages["三"].lead
    assert window.current_key() == "三" and lead.isVisible()
    assert lead.textCursor().selectedText() == "政府政府"
    formats = lead.document().findBlockByNumber(0).layout().formats()
    assert any(r.start == 3 and r.length == 4 for r in formats), "the stutter is marked in the lead-in"


def test_the_arrow_keys_walk_the_findings_and_show_each_place(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.docs.load(SAMPLE)
    choose(window, "DUP-PARAGRAPH", PREAMBLE)
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Down)  # the errors in the report's order: 前言, 一, 六
    assert window.findings.current().code == "DUP-PARAGRAPH" and window.current_key() == "一"
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Down)
    assert window.findings.current().code == "TEXT-TABLE-MISMATCH"
    assert window.current_key() == "六" and window.findings.view.hasFocus()
    assert editor_of(window, "六").textCursor().selectedText() == "未收到政府信息公开申请"
    window.findings.toggles[Severity.ERROR].setChecked(False)  # the chosen row is hidden
    assert window.current_key() == "六", "filtering is not a request to go anywhere"
    qtbot.keyClick(window.findings.view, Qt.Key.Key_End)
    assert window.findings.current().code == "BLANK-CELL" and window.current_key() == "四"
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Home)
    assert window.findings.current().code == "SECTION1-TOO-LONG" and window.current_key() == "一"
    qtbot.keyClick(window.findings.view, Qt.Key.Key_End)
    qtbot.keyClick(window.findings.view, Qt.Key.Key_Return)  # Enter: go there to edit
    assert window.pages["四"].view.hasFocus()


def test_a_passage_of_several_paragraphs_is_deleted_in_one_step(window) -> None:  # type: ignore[no-untyped-def]
    first = "本年度持续优化政府信息公开平台建设，及时更新栏目内容，方便群众查阅。"
    second = "本年度进一步规范依申请公开办理流程，严格按照法定时限答复申请人。"
    report = Report(organ="测试局", year=2021)
    report.sections["一"] = [Paragraph.plain(first), Paragraph.plain(second), Paragraph.plain("中间是不同的一段话，用来分开两份。"),
                            Paragraph.plain(first), Paragraph.plain(second), Paragraph.plain("最后一段。")]
    open_report(window, report)
    finding = choose(window, "DUP-PARAGRAPH", "一")
    assert finding.location.span is not None and finding.location.span.last == 4
    editor = editor_of(window, "一")
    assert editor.textCursor().selectedText().replace("\u2029", "\n") == f"{first}\n{second}"
    button(window, "delete-copy").click()
    texts = [p.text for p in window.state.report.sections["一"]]
    assert texts == [first, second, "中间是不同的一段话，用来分开两份。", "最后一段。"]
    assert "DUP-PARAGRAPH" not in codes(window)
    window.state.stack.undo()
    assert len(window.state.report.sections["一"]) == 6


def _numbered(n: int) -> str:
    return f"附件说明第{n}段：本街道依法公开各类政府信息，及时回应群众关切，第{n}项工作按计划推进完成。"


def test_delete_copy_takes_a_doubled_block_and_never_a_numbered_paragraph(window) -> None:  # type: ignore[no-untyped-def]
    """The GUI tester's 大报告.docx: 删除此处重复 on a “第10段 (88字)” finding deleted 第2段 and
    第3段, distinct paragraphs.  Now the numbered run gives no finding; a block pasted twice is
    one finding whose copy goes whole, and the numbered paragraphs all stay."""
    numbered = [_numbered(i) for i in range(12)]
    block = ["本年度持续优化政府信息公开平台建设，及时更新栏目内容。", "本年度进一步规范依申请公开办理流程，严格按照法定时限答复。"]
    report = Report(organ="测试局", year=2021)
    report.sections["六"] = [Paragraph.plain(p) for p in [*numbered, *block, "另起一段不同的说明文字，用来隔开两份。", *block]]
    open_report(window, report)
    dups = [f for f in window.state.findings if f.code == "DUP-PARAGRAPH"]
    assert len(dups) == 1 and f"（{sum(map(len, block))}字）" in dups[0].message
    choose(window, "DUP-PARAGRAPH", "六")
    button(window, "delete-copy").click()
    assert [p.text for p in window.state.report.sections["六"]] == [*numbered, *block, "另起一段不同的说明文字，用来隔开两份。"]
    assert "DUP-PARAGRAPH" not in codes(window)
    window.state.stack.undo()
    assert [p.text for p in window.state.report.sections["六"]][-2:] == block


def test_delete_copy_refuses_a_span_that_is_not_written_elsewhere(window) -> None:  # type: ignore[no-untyped-def]
    """Whatever a finding claims, the copy is compared with the other one, sentence by
    sentence, before anything goes: distinct numbered paragraphs are never deleted."""
    from app.checks import text
    from app.findings import DUP_NEAR, Location, Span

    paragraphs = [_numbered(i) for i in range(6)]
    report = Report(organ="测试局", year=2021)
    report.sections["六"] = [Paragraph.plain(p) for p in paragraphs]
    open_report(window, report)
    assert not any(f.code == "DUP-PARAGRAPH" for f in window.state.findings)
    # What the old check reported: 第3、4段 as a copy of 第1、2段.
    other = Location("六", span=Span(0, 0, len(paragraphs[1]), 1))
    forged = DUP_NEAR.at(Location("六", span=Span(2, 0, len(paragraphs[3]), 3), others=(other,)), "（88字）")
    assert not text.is_copy(window.state.report, forged.location)
    window.state.findings.append(forged)  # as if the checks had said so
    assert not delete_copy(window.state, forged)
    assert [p.text for p in window.state.report.sections["六"]] == paragraphs
    assert window.state.stack.count() == 0
