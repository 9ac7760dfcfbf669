"""Narrative panes, the findings panel and the 基本信息 page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QFont, QTextBlock, QTextCursor
from PySide6.QtTest import QTest

from app.findings import Finding, Location, Severity, Span
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import PROBLEMS, REQUESTS, REVIEWS, T3_COL_NATURAL, T3_COL_TOTAL, T3_NEW, CellRef
from tests.ui.conftest import report_with, table, type_text
from ui import paraformat, richtext
from ui.findings import FINDING_ROLE
from ui.narrative import NarrativePage
from ui.resources import Colors


def narrative(window, key: str) -> NarrativePage:  # type: ignore[no-untyped-def]
    page = window.show_page(key)
    assert isinstance(page, NarrativePage)
    return page


def test_paragraphs_round_trip_through_the_document(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    paragraphs = [
        Paragraph([Run("（一）主动公开。", bold=True), Run("正文", italic=True), Run("下划线", underline=True)],
                  ParaKind.HEADING2),
        Paragraph.plain("一、总体情况", ParaKind.HEADING1),
        Paragraph.plain("普通段落。"),
    ]
    doc = QTextDocument()
    richtext.paragraphs_to_document(doc, paragraphs)
    assert richtext.document_to_paragraphs(doc) == [p.normalized() for p in paragraphs]


def test_paste_keeps_paragraphs_and_bold_italic_underline_only(window) -> None:  # type: ignore[no-untyped-def]
    page = narrative(window, "五")
    mime = QMimeData()
    mime.setHtml(
        "<p style='font-family:Arial; color:red; font-size:30pt'>　　<b>加粗</b>普通<i>斜体</i></p>"
        "<p>&nbsp;</p><p><u>下划线</u>（一）不是标题</p><p>（二）小标题。正文</p>"
    )
    page.editor.insertFromMimeData(mime)
    window.state.sync_text()
    paras = [p for p in window.state.report.sections["五"] if p.text]
    assert [p.text for p in paras] == ["加粗普通斜体", "下划线（一）不是标题", "（二）小标题。正文"]
    assert paras[0].runs == [Run("加粗", bold=True), Run("普通"), Run("斜体", italic=True)]
    assert paras[1].runs[0] == Run("下划线", underline=True)
    assert paras[2].kind is ParaKind.HEADING2
    block = page.editor.document().begin()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        assert not fmt.hasProperty(fmt.Property.ForegroundBrush), "no foreign colours"
        assert not fmt.hasProperty(fmt.Property.FontFamilies) and not fmt.hasProperty(fmt.Property.FontPointSize)
        it += 1
    assert window.state.stack.count() == 1, "a paste is one undo step"


def test_typing_updates_the_report_findings_and_undo(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = narrative(window, "六")
    assert any(f.code == "FEE-NOT-REPORTED" for f in window.state.findings)
    page.editor.setFocus()
    type_text(page.editor, "本年度未收取信息处理费。")
    qtbot.waitUntil(lambda: window.state.report.section_text("六") == "本年度未收取信息处理费。")
    assert not any(f.code == "FEE-NOT-REPORTED" for f in window.state.findings)
    assert window.state.stack.count() == 1, "typing merges into one step"
    assert window.isWindowModified()
    qtbot.keyClick(page.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the window's stack
    assert window.state.stack.index() == 0
    qtbot.waitUntil(lambda: window.state.report.section_text("六") == "")
    assert any(f.code == "FEE-NOT-REPORTED" for f in window.state.findings)
    window.state.stack.redo()
    assert page.editor.toPlainText() == "本年度未收取信息处理费。"


def test_undo_mixes_text_and_cells_in_order(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = narrative(window, "五")
    type_text(page.editor, "甲")
    table(window, "三").paste("3")
    stack = window.state.stack
    assert stack.count() == 2
    stack.undo()
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_NATURAL)) is None and page.editor.toPlainText() == "甲"
    stack.undo()
    assert page.editor.toPlainText() == ""
    assert window.current_key() == "五", "undo shows the page it changes"


def test_bold_button_and_paragraph_kind(window) -> None:  # type: ignore[no-untyped-def]
    page = narrative(window, "五")
    type_text(page.editor, "一、问题")
    cursor = page.editor.textCursor()
    cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
    page.editor.setTextCursor(cursor)
    page.apply_style("bold", True)
    page.kind_box.setCurrentIndex(page.kind_box.findData(ParaKind.HEADING1))
    page._set_kind(page.kind_box.currentIndex())
    window.state.sync_text()
    para = window.state.report.sections["五"][0]
    assert para.kind is ParaKind.HEADING1 and para.runs == [Run("一、问题", bold=True)]
    assert page.editor.currentCharFormat().fontWeight() == QFont.Weight.Bold


def test_character_count_for_section_one(window) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    report.sections["一"] = [Paragraph.plain("字" * 1001)]
    window.state.replace_report(report)
    page = narrative(window, "一")
    assert page.count.text().startswith("1001/1000")
    assert narrative(window, "五").count.text() == "0 字"


def test_text_findings_are_highlighted_with_a_tooltip(window) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    report.sections["五"] = [Paragraph.plain("第一段。"), Paragraph.plain("政府政府信息")]
    window.state.replace_report(report)
    page = narrative(window, "五")
    finding = Finding("DUP-PHRASE", Severity.WARNING, Location("五", span=Span(1, 0, 4)), "“政府”重复")
    page.editor.findings = [finding]
    page.highlighter.set_findings([finding])
    block = page.editor.document().findBlockByNumber(1)
    formats = block.layout().formats()
    assert any(r.start == 0 and r.format.underlineStyle() == r.format.UnderlineStyle.WaveUnderline for r in formats)
    page.show_finding(finding)
    assert page.editor.textCursor().selectedText() == "政府政府"


def test_an_error_stays_red_under_a_carried_over_hint(window) -> None:  # type: ignore[no-untyped-def]
    """From the GUI tester: in a report made from last year's, the 与上年相同 tint (a hint) was
    drawn over an error on the same words, whichever finding came later; the graver wins."""
    report = Report()
    report.sections[PROBLEMS] = [Paragraph.plain("本机关2021年度政府信息公开工作存在不足。")]
    window.state.replace_report(report)
    page = narrative(window, PROBLEMS)
    error = Finding("STALE-YEAR", Severity.ERROR, Location(PROBLEMS, span=Span(0, 3, 8)), "年份")
    hint = Finding("SAME-AS-LAST-YEAR", Severity.INFO, Location(PROBLEMS, span=Span(0, 0, 20)), "与上年相同",
                   kind="sentence")
    for order in ([error, hint], [hint, error]):
        page.highlighter.set_findings([])
        page.highlighter.set_findings(order)
        block = page.editor.document().findBlockByNumber(0)

        def background(pos: int, block: QTextBlock = block) -> str:
            last = None
            for r in block.layout().formats():  # later ranges are drawn over earlier ones
                if r.start <= pos < r.start + r.length and r.format.background().style() != Qt.BrushStyle.NoBrush:
                    last = r.format.background().color().name()
            return last or ""

        assert background(4) == Colors.TEXT_ERROR_BG.name(), order
        assert background(15) == Colors.TEXT_INFO_BG.name(), order


def test_findings_panel_navigates_filters_and_fixes(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    report = report_with(**{"三": {(T3_NEW, T3_COL_NATURAL): 3}})
    report.tables["三"][(T3_NEW, T3_COL_TOTAL)] = 5
    report.pin_disagreeing_totals()
    window.state.replace_report(report)
    panel = window.findings
    proxy = panel.proxy
    rows = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    row = next(i for i in rows if proxy.data(i, FINDING_ROLE).code == "T3-ROW-TOTAL")
    assert window.current_key() == "基本信息"
    panel.view.setFocus()  # makes the first row current without going there (ui/findings.py)
    panel.view.selectionModel().clear()
    panel.view.setCurrentIndex(row)  # choosing a finding shows its place, the list keeps the keys
    assert window.current_key() == "三"
    view = window.pages["三"].view
    assert view.currentIndex() == view.grid_model().index_of((0, T3_COL_TOTAL))
    assert panel.view.hasFocus()
    window.show_page("基本信息")
    rect = panel.view.visualRect(row)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "三", "clicking the chosen finding again goes back there"
    with qtbot.waitSignal(panel.navigate):
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.hasFocus(), "double-click goes there to edit"
    assert panel.fix_button.isEnabled() and "按明细重算" in panel.fix_button.text()
    panel.fix_button.click()
    assert window.state.report.value(CellRef("三", T3_NEW, T3_COL_TOTAL)) == 3
    assert window.state.stack.count() == 1
    errors_before = proxy.rowCount()
    panel.toggles[Severity.WARNING].setChecked(False)
    assert proxy.rowCount() < errors_before
    assert all(proxy.data(proxy.index(r, 0), FINDING_ROLE).severity is not Severity.WARNING
               for r in range(proxy.rowCount()))


def test_basic_info_edits_are_undoable_and_typing_merges(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("基本信息")
    page.organ.setFocus()
    type_text(page.organ, "某某局")
    assert window.state.report.organ == "某某局"
    assert window.state.stack.count() == 1
    page.year.setValue(2023)
    page.date.line.setFocus()
    type_text(page.date.line, "2024年1月20日")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)  # as a user ends a field
    assert window.state.report.year == 2023 and window.state.report.date == dt.date(2024, 1, 20)
    assert "某某局2023年度" in page.title.text()
    window.state.stack.undo()
    window.state.stack.undo()
    window.state.stack.undo()
    assert window.state.report.organ == "" and page.organ.text() == ""


def test_each_entry_into_a_basic_info_field_is_its_own_undo_step(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("基本信息")
    stack = window.state.stack
    page.organ.setFocus()
    type_text(page.organ, "某某局")
    QTest.keyClick(page.organ, Qt.Key.Key_Return)  # the entry ends
    assert stack.count() == 1, "the keystrokes of one entry merge"
    page.organ.setFocus()
    type_text(page.organ, "办公室")
    page.year.setFocus()  # leaving the field ends this entry too
    assert stack.count() == 2 and window.state.report.organ == "某某局办公室"
    page.organ.setFocus()
    type_text(page.organ, "一")
    assert stack.count() == 3
    stack.undo()
    assert window.state.report.organ == "某某局办公室"
    stack.undo()
    assert window.state.report.organ == "某某局" and page.organ.text() == "某某局"
    stack.undo()
    assert window.state.report.organ == ""


def test_the_chosen_finding_stays_chosen_when_findings_are_rebuilt(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.findings
    proxy = panel.proxy
    blank4 = next(proxy.index(r, 0) for r in range(proxy.rowCount())
                  if proxy.data(proxy.index(r, 0), FINDING_ROLE).location.section == "四")
    panel.view.setCurrentIndex(blank4)
    table(window, "三").paste("5")  # findings change: the list is rebuilt
    current = panel.current()
    assert current is not None and current.location.section == "四"
    assert panel.fix_button.isEnabled()


def test_the_chosen_finding_stays_chosen_when_only_its_cells_change(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """From the review: choosing 表三有N个单元格空白 and filling one of them (N → N-1) cleared the
    choice, though the list keeps it as the same row; a finding that went is still unchosen."""
    panel = window.findings
    proxy = panel.proxy

    def blanks(key: str) -> QModelIndex:
        return next(proxy.index(r, 0) for r in range(proxy.rowCount())
                    if (f := proxy.data(proxy.index(r, 0), FINDING_ROLE)).code == "BLANK-CELL"
                    and f.location.section == key)

    panel.view.setCurrentIndex(blanks(REQUESTS))
    before = panel.current()
    grid = table(window, REQUESTS)
    cell = before.location.cells[0]
    grid.setCurrentIndex(grid.grid_model().index_of((cell.row, cell.col)))
    grid.paste("5")
    now = panel.current()
    assert now is not None and now.code == "BLANK-CELL" and now.location.section == REQUESTS
    assert len(now.location.cells) < len(before.location.cells)  # the same finding, fewer blanks
    # Every blank of 四 filled: its finding went, and nothing is chosen in its place.
    panel.view.setCurrentIndex(blanks(REVIEWS))
    assert table(window, REVIEWS).fill_blanks_with_zero() > 0
    assert panel.current() is None


def test_the_date_is_typed_as_written_and_the_calendar_opens_near_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("基本信息")
    page.year.setValue(2023)
    for typed, expected in (("2024.1.5", dt.date(2024, 1, 5)), ("二〇二四年一月八日", dt.date(2024, 1, 8))):
        page.date.line.setFocus()
        page.date.line.selectAll()
        type_text(page.date.line, typed)
        QTest.keyClick(page.date.line, Qt.Key.Key_Return)
        assert window.state.report.date == expected
        assert page.date.line.text() == f"{expected.year}年{expected.month}月{expected.day}日"
    page.date.line.selectAll()
    type_text(page.date.line, "2024年2月30日")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2024, 1, 8)  # refused: the report's date stays
    assert "不是有效的日期" in window.statusBar().currentMessage()
    # what was typed stays for correcting, marked, whatever else is edited meanwhile
    assert page.date.line.text() == "2024年2月30日" and "不是有效的日期" in (page.date.invalid() or "")
    assert "#d93025" in page.date.line.styleSheet()
    page.organ.setFocus()
    type_text(page.organ, "某街道办事处")
    assert window.state.report.organ == "某街道办事处"
    assert page.date.line.text() == "2024年2月30日" and page.date.invalid()
    page.date.line.setFocus()
    page.date.line.setCursorPosition(len("2024年2月30"))  # after the wrong day
    QTest.keyClick(page.date.line, Qt.Key.Key_Backspace)
    QTest.keyClick(page.date.line, Qt.Key.Key_Backspace)
    type_text(page.date.line, "28")
    QTest.keyClick(page.date.line, Qt.Key.Key_Return)
    assert window.state.report.date == dt.date(2024, 2, 28)
    assert page.date.invalid() is None and page.date.line.styleSheet() == ""
    window.state.stack.undo()  # the date changed elsewhere: shown as it is
    assert window.state.report.date == dt.date(2024, 1, 8) and page.date.line.text() == "2024年1月8日"
    page.date.set_date(None)
    calendar = page.date.open_calendar()
    assert calendar.selectedDate().year() == 2024 and calendar.selectedDate().month() == 1
    calendar.close()


def test_the_panes_set_text_in_the_printed_pages_fonts() -> None:
    """One font declaration (app/page.py) for the page, the printer and the editor's panes."""
    from app.page import FONTS, Role

    assert paraformat.body_font().families() == list(FONTS[Role.BODY].fallbacks)


def test_the_calendar_of_a_report_of_an_impossible_year_opens_on_today(window) -> None:  # type: ignore[no-untyped-def]
    """A 报告年度 of a year no report is for (a file's typo, 9999): the calendar opened on January
    of year 10000, which is no date (ValueError from 日历…); it opens on today instead."""
    page = window.show_page("基本信息")
    page.date.set_date(None)
    for year in (9999, 0, -5):
        page.date.set_default_year(year)
        calendar = page.date.open_calendar()
        assert calendar.selectedDate().toPython() == dt.date.today(), year
        calendar.close()
    page.date.set_default_year(2023)
    calendar = page.date.open_calendar()
    assert (calendar.selectedDate().year(), calendar.selectedDate().month()) == (2024, 1)
    calendar.close()
