"""Pasting into a narrative section what a Word user copies from a web page or a report: a table
is its rows, one paragraph each, its cells one space apart (it came one paragraph per cell), and
a section's heading pasted inside another section is body text there, said in the status bar
(it was guessed a heading: printed, the text after it opened that other section)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from app.report import ParaKind
from app.schema import OVERVIEW
from ui import richtext
from ui.main_window import MainWindow
from ui.narrative import NarrativePage

TABLE = ('<html><body><p>申请办理情况如下：</p><table border="1">'
         '<tr><th>项目</th><th>自然人</th><th>总计</th></tr>'
         '<tr><td>本年新收</td><td><b>12</b></td><td>15</td></tr>'
         '<tr><td>上年结转</td><td>0</td><td></td></tr>'
         '</table><p>以上数据截至年底。</p></body></html>')


def paste(window: MainWindow, qtbot, html: str | None, plain: str) -> list[tuple[str, ParaKind]]:  # type: ignore[no-untyped-def]
    """Section 一's paragraphs after Ctrl+V of ``html`` (None: plain text only) at its end."""
    page = window.show_page(OVERVIEW)
    assert isinstance(page, NarrativePage)
    page.editor.setFocus()
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    data.setText(plain)
    QGuiApplication.clipboard().setMimeData(data)
    qtbot.keyClick(page.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.editor, Qt.Key.Key_Return)
    qtbot.keyClick(page.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return [(p.text, p.kind) for p in richtext.document_to_paragraphs(page.editor.document()) if p.text]


def test_a_web_tables_rows_are_pasted_as_lines(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    got = paste(window, qtbot, TABLE, "项目\t自然人\t总计\n本年新收\t12\t15\n上年结转\t0\t")
    assert [text for text, _kind in got] == [
        "申请办理情况如下：", "项目\u3000自然人\u3000总计", "本年新收\u300012\u300015", "上年结转\u30000", "以上数据截至年底。"]
    assert "法定统计表请在表二、表三、表四中填写" in window.statusBar().currentMessage()


def test_a_tab_separated_table_in_plain_text_too(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    got = paste(window, qtbot, None, "本年新收\t12\t15\n上年结转\t0\t3\n")
    assert got == [("本年新收\u300012\u300015", ParaKind.BODY), ("上年结转\u30000\u30003", ParaKind.BODY)]
    assert "表格已转为文字" in window.statusBar().currentMessage()


def test_a_lone_line_with_a_tab_is_the_authors_text_not_a_table(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """“联系电话：⇥0551-…” between lines without a tab: no table's row, kept as typed, nothing said of tables."""
    got = paste(window, qtbot, None, "联系地址：某县人民政府大院\n联系电话：\t0551-12345678\n邮编：230000")
    assert [text for text, _kind in got] == ["联系地址：某县人民政府大院", "联系电话：\t0551-12345678", "邮编：230000"]
    assert "表格" not in window.statusBar().currentMessage()


def test_another_sections_heading_is_pasted_as_body_text_and_said(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """“四、政府信息公开行政复议、行政诉讼情况” pasted into 一 with the sentence under it: both
    stay in 一 as body text, and the status bar says what the line is."""
    plain = "全年工作平稳。\n四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。"
    got = paste(window, qtbot, None, plain)
    assert got == [("全年工作平稳。", ParaKind.BODY), ("四、政府信息公开行政复议、行政诉讼情况", ParaKind.BODY),
                   ("本年度未发生行政复议、行政诉讼。", ParaKind.BODY)]
    said = window.statusBar().currentMessage()
    assert "第四部分的标题" in said and "没有移到其他部分" in said, said
    assert not window.state.report.sections.get("四")


def test_the_sections_own_heading_pasted_into_it_is_not_printed_twice(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Last year's 一 copied with its heading and pasted into 一: the page has the heading; as body
    text it printed twice.  Left out and said; the text under it pasted (rev18)."""
    got = paste(window, qtbot, None, "一、总体情况\n本年度，我办认真贯彻落实《条例》。")
    assert got == [("本年度，我办认真贯彻落实《条例》。", ParaKind.BODY)], got
    said = window.statusBar().currentMessage()
    assert "本部分的标题" in said and "没有再粘贴" in said, said
    # the heading alone, as a PDF's copy spaces it: nothing to paste, said, no error
    assert paste(window, qtbot, None, "一、 总 体 情 况") == got
    assert "没有再粘贴" in window.statusBar().currentMessage()


def test_a_long_paragraph_opening_with_a_number_is_body_text(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A numbered point of the text (“四、加强培训。全年组织…”) was made a 一级标题 whole; a short
    “四、加强平台建设” line of the author's own is still a heading, said nothing of."""
    long = "四、加强业务培训。全年组织政府信息公开培训3次，参训人员120人次，提升了工作人员的业务能力。"
    got = paste(window, qtbot, None, "全年工作平稳。\n" + long + "\n四、加强平台建设")
    assert got == [("全年工作平稳。", ParaKind.BODY), (long, ParaKind.BODY), ("四、加强平台建设", ParaKind.HEADING1)]
    assert "标题" not in window.statusBar().currentMessage()



def test_a_heading_copied_from_a_pdf_with_its_characters_spaced_is_said(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Copied from a PDF, a line comes with a space between its characters: section 四's heading so
    pasted into 一 is body text, and said, as the reader finds it; the spaces between its Chinese
    characters, the copy's, are left out (tests/ui/test_paste_odd_spaces.py)."""
    spaced = " ".join("四、政府信息公开行政复议、行政诉讼情况")
    got = paste(window, qtbot, None, "全年工作平稳。\n" + spaced)
    assert got == [("全年工作平稳。", ParaKind.BODY), ("四、政府信息公开行政复议、行政诉讼情况", ParaKind.BODY)]
    assert "第四部分的标题" in window.statusBar().currentMessage()
