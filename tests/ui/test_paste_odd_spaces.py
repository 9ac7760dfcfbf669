"""Ctrl+V of text copied from Word, WPS, a web page or a PDF viewer into a section: what the copy
brought and nobody typed is not saved into the report.  A writer pasting a paragraph had
“小港街道\\xa0\\xa0高度重视” (a gap printed between Chinese characters), a zero-width space
and a trailing tab saved into the .docx, invisible in the editor but not in
the published report.  Said once in the status bar; a space beside a figure (“信息\\u2002356\\u2002条”),
a tab inside a line and the ideographic space of a pasted table's cells stay."""

from __future__ import annotations

from pathlib import Path

from app.io import save_report
from app.reading import load_report
from app.schema import OVERVIEW
from tests.ui.test_paste_tables import paste
from ui.main_window import MainWindow

COPIED = ("\u3000\u30002022年，小港街道\u00a0\u00a0高度重视政务公开工作。全年主动公开信息\u2002356\u2002条。\r\n"
          "\r\n\u3000\u3000（一）强化组织领导。 \u200b 专人负责。\t\r\n")
WORD_HTML = ('<html><body><p class=MsoNormal style="text-indent:2em">2022年，小港<b>街道</b>&nbsp;'
             '<b>&nbsp;</b>高度重视政务公开工作。&#8203;</p>'
             '<p class=MsoNormal>联系电话：0574-86000000&nbsp;&nbsp;</p></body></html>')


def test_odd_spaces_of_a_plain_copy_are_not_pasted(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    got = paste(window, qtbot, None, COPIED)
    assert [text for text, _kind in got] == ["2022年，小港街道高度重视政务公开工作。全年主动公开信息\u2002356\u2002条。",
                                            "（一）强化组织领导。专人负责。"]
    assert "已去掉粘贴文字中3处多余的空格或不可见字符" in window.statusBar().currentMessage()
    window.state.sync_text()
    path = tmp_path / "2022.docx"
    save_report(window.state.report, path)
    assert [p.text for p in load_report(path).sections[OVERVIEW]] == [text for text, _kind in got]


def test_word_html_keeps_its_bold(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    got = paste(window, qtbot, WORD_HTML, "2022年，小港街道  高度重视政务公开工作。\n联系电话：0574-86000000")
    assert [text for text, _kind in got] == ["2022年，小港街道高度重视政务公开工作。", "联系电话：0574-86000000"]
    window.state.sync_text()
    runs = next(p for p in window.state.report.sections[OVERVIEW] if p.text).runs
    assert [r.text for r in runs if r.bold] == ["街道"]
    assert "多余的空格或不可见字符" in window.statusBar().currentMessage()


def test_a_clean_paste_says_nothing_of_spaces(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    got = paste(window, qtbot, None, "全年主动公开信息356条。\n")
    assert got[-1][0] == "全年主动公开信息356条。"
    assert "空格" not in window.statusBar().currentMessage()


def test_a_tab_inside_a_line_and_a_tables_cells_stay(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    got = paste(window, qtbot, None, "联系电话：\t0574-86000000\n")
    assert got[-1][0] == "联系电话：\t0574-86000000"
    got = paste(window, qtbot, None, "本年新收\t12\t15\n上年结转\t0\t3\n")
    assert [text for text, _kind in got[-2:]] == ["本年新收\u300012\u300015", "上年结转\u30000\u30003"]
