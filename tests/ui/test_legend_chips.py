"""A table page's legend wraps between its items, never inside a coloured chip: at 1366×768 with
150 % scaling 表四's legend broke its 错误 chip in two, 错 at the end of one line and 误 at the
start of the next, each half with its own scrap of pink (gui19 under Xvfb, shot 46)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from tests.ui.conftest import table
from ui.main_window import MainWindow
from ui.table_page import TablePage

CHIPS = ("合计", "红字", "错误", "警告")


def lines_of(doc: QTextDocument, word: str) -> set[int]:
    """The layout lines the characters of ``word`` (its first occurrence; a word joiner may
    stand between them) are on."""
    found = doc.find(QRegularExpression("\u2060?".join(word)))
    assert not found.isNull(), word
    lines = set()
    for pos in range(found.selectionStart(), found.selectionEnd()):
        cursor = QTextCursor(doc)
        cursor.setPosition(pos)
        block = cursor.block()
        line = block.layout().lineForTextPosition(pos - block.position())
        lines.add(line.lineNumber())
    return lines


def test_no_chip_of_the_legend_is_broken_across_lines(window: MainWindow, qtbot: QtBot) -> None:
    table(window, "四")
    page = window.stack.currentWidget()
    assert isinstance(page, TablePage)
    doc = QTextDocument()
    doc.setDefaultFont(page.legend.font())
    doc.setDocumentMargin(0)
    for text in set(page._legend_texts):
        doc.setHtml(text)
        one_line = int(doc.idealWidth()) + 1
        for width in range(one_line // 4, one_line, 3):  # every width it may wrap at
            doc.setTextWidth(width)
            for chip in CHIPS:
                assert len(lines_of(doc, chip)) == 1, (chip, width)
