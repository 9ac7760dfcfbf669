"""A link inside text the author underlined keeps the underline when pasted, and a page's own
sheet that underlines links (``a { text-decoration: underline }``, not hidden in a comment as
Word's is) adds none (rev17b, after 613a1cb): the paste's default sheet ``a { text-decoration:
none }`` set “no underline” on the link itself, over the underline around it, and a page's sheet
came after it."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication

from app.report import Paragraph
from app.schema import OVERVIEW
from ui import richtext
from ui.main_window import MainWindow
from ui.narrative import NarrativePage

SHEET = '<html><head><style>a { color: blue; text-decoration: underline }</style></head><body>'
TEXT = ('<p>详见<A HREF="http://www.gov.cn/">政府网站</A>，<u>另见<a href="#x">附件</a>说明</u>；'
        '<a href="#y" style="text-decoration:underline">标注</a><abbr>缩写</abbr>。</p>')


def first_pasted(window: MainWindow, qtbot, html: str, plain: str) -> Paragraph:  # type: ignore[no-untyped-def]
    """The first paragraph of section 一 after ``html`` (``plain`` as its text) is pasted at its
    start with Ctrl+V."""
    page = window.show_page(OVERVIEW)
    assert isinstance(page, NarrativePage)
    page.editor.setFocus()
    data = QMimeData()
    data.setHtml(html)
    data.setText(plain)
    QGuiApplication.clipboard().setMimeData(data)
    qtbot.keyClick(page.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    return richtext.document_to_paragraphs(page.editor.document())[0]


def pasted(window: MainWindow, qtbot, html: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The underlined runs of the first paragraph after ``html`` is pasted with Ctrl+V."""
    first = first_pasted(window, qtbot, html, "详见政府网站，另见附件说明；标注缩写。")
    assert first.text.startswith("详见政府网站，另见附件说明；标注缩写。")
    return [r.text for r in first.runs if r.underline]


def test_a_link_inside_an_underline_stays_underlined(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert pasted(window, qtbot, TEXT) == ["另见附件说明", "标注"]


def test_a_pages_own_link_rule_underlines_no_link(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert pasted(window, qtbot, SHEET + TEXT + "</body></html>") == ["另见附件说明", "标注"]
