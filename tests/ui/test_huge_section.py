"""A huge section (a report pasted into itself): its page shows with the marks on screen drawn
and the rest drawn in slices between events; typing meanwhile is neither lost nor mis-marked;
the section loads as one change.  (How long it takes: benchmarks/bench_huge_section.py.)"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from app.findings import Severity
from app.report import Paragraph, ParaKind, Report
from tests.realistic import varied_report
from ui import highlight, richtext
from ui.highlight import finding_spans
from ui.main_window import MainWindow
from ui.narrative import NarrativePage
from ui.resources import Colors

KEY = "一"
COLORS = {Severity.ERROR: Colors.TEXT_ERROR_BG.name(), Severity.WARNING: Colors.TEXT_WARNING_BG.name(),
          Severity.INFO: Colors.TEXT_INFO_BG.name()}


def _pasted(times: int) -> Report:
    """Section 一 is a report's paragraphs pasted ``times`` times: each is a duplicate, marked."""
    r = varied_report(30_000, 3)
    texts = [p.text for ps in r.sections.values() for p in ps]
    report = Report(organ=r.organ, year=r.year, tables=r.tables)
    report.sections[KEY] = [Paragraph.plain(t) for _ in range(times) for t in texts]
    report.sections[KEY][0] = Paragraph.plain("一、总体情况", ParaKind.HEADING1)
    return report


def _tints(block: QTextBlock) -> set[tuple[int, str]]:
    return {(r.start, r.format.background().color().name()) for r in block.layout().formats()
            if r.format.background().style().value}


def _expected(window: MainWindow, block: QTextBlock) -> set[tuple[int, str]]:
    """What the findings say block ``n`` should show (the graver one where two start together)."""
    out: dict[int, str] = {}
    for start, _end, severity in finding_spans(window.state.by_section.get(KEY, [])).get(block.blockNumber(), []):
        out[start] = COLORS[severity]
    return set(out.items())


@pytest.fixture
def one_block_a_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slices of one block beyond those on screen, however fast the machine: what is drawn
    first is seen."""
    monkeypatch.setattr(highlight, "SLICE_MS", 0)


def test_the_page_shows_before_every_mark_is_drawn_and_all_are_drawn_in_the_end(
        window: MainWindow, qtbot: QtBot, one_block_a_turn: None) -> None:
    window.resize(1400, 900)
    window.state.replace_report(_pasted(10))
    doc = window.state.document(KEY)
    assert doc.blockCount() > 1000
    turned: list[int] = []
    QTimer.singleShot(0, lambda: turned.append(window.pages[KEY].editor.highlighter.pending()))  # type: ignore[attr-defined]
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    highlighter = page.editor.highlighter
    qtbot.waitUntil(lambda: bool(turned), timeout=60_000)  # a guard against a hang, not a measure
    assert turned[0] > 0, "the event loop turned while marks were still to be drawn: the window answered"
    assert doc.findBlockByNumber(0).layout().formats(), "the heading's look is drawn at once"

    def on_screen() -> list[QTextBlock]:
        top, bottom = page.editor._visible_blocks()
        return [doc.findBlockByNumber(n) for n in range(top, bottom + 1)]

    assert on_screen() and [_tints(b) for b in on_screen()] == [_expected(window, b) for b in on_screen()]
    end = page.editor.textCursor()
    end.movePosition(QTextCursor.MoveOperation.End)
    page.editor.setTextCursor(end)  # Ctrl+End: far from where the slices have got to
    page.editor.ensureCursorVisible()
    qtbot.wait(1)
    assert highlighter.pending() > 0
    shown = on_screen()
    assert shown[-1].blockNumber() == doc.blockCount() - 1 and any(_expected(window, b) for b in shown)
    assert [_tints(b) for b in shown] == [_expected(window, b) for b in shown], "what is on screen is drawn first"
    # The slices go on by themselves between events: what is left, seen from events of our own
    # (a zero timer re-armed at each turn), falls turn after turn and is not all drawn at once.
    # Counted in turns, not in milliseconds: a slice may step over a block drawn earlier (on
    # screen) and draw none, and a loaded machine turns the loop few times in a given 20 ms.
    seen = [highlighter.pending()]

    def look() -> None:
        seen.append(highlighter.pending())
        if len(set(seen)) < 4 and seen[-1]:
            QTimer.singleShot(0, look)

    QTimer.singleShot(0, look)
    qtbot.waitUntil(lambda: len(set(seen)) >= 4 or not seen[-1], timeout=60_000)  # a guard against a hang
    assert seen == sorted(seen, reverse=True) and len(set(seen)) >= 4, seen
    assert seen[-1] > 0, "drawn a slice at a time, the events between"
    highlighter.finish()
    marked = 0
    block = doc.begin()
    while block.isValid():
        assert _tints(block) == _expected(window, block), block.blockNumber()
        marked += bool(_tints(block))
        block = block.next()
    assert marked > 1000, marked


def test_typing_while_the_marks_are_drawn_loses_nothing(window: MainWindow, qtbot: QtBot, one_block_a_turn: None) -> None:
    window.state.replace_report(_pasted(10))
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    editor, highlighter = page.editor, page.editor.highlighter
    doc = editor.document()
    far = doc.findBlockByNumber(doc.blockCount() - 3)
    cursor = QTextCursor(far)
    editor.setTextCursor(cursor)
    assert highlighter.pending() > 0
    qtbot.keyClicks(editor, "abc")
    editor.textCursor().insertBlock()  # a paragraph more: the blocks still waiting move down
    qtbot.keyClicks(editor, "xyz")
    assert highlighter.pending() > 0
    window.state.sync_text()
    paragraphs = window.state.report.sections[KEY]
    assert paragraphs[-4].text.startswith("abc") and paragraphs[-3].text.startswith("xyz")
    highlighter.finish()
    block = doc.begin()
    while block.isValid():  # marked as the checks of the text as typed say
        assert _tints(block) == _expected(window, block), block.blockNumber()
        block = block.next()


def test_a_section_loads_as_one_change(qapp: object) -> None:
    """The layout and the highlighter hear once of a section being loaded, not per paragraph."""
    doc = QTextDocument()
    doc.documentLayout()  # as a document shown in a view: it hears of its changes
    changes: list[tuple[int, int, int]] = []
    doc.contentsChange.connect(lambda *args: changes.append(args))
    paragraphs = [Paragraph.plain(f"第{i}段，政府信息公开。") for i in range(500)]
    richtext.paragraphs_to_document(doc, paragraphs)
    assert len(changes) <= 3, changes  # the old text cleared (Qt says so twice), the new inserted
    assert richtext.document_to_paragraphs(doc) == paragraphs


def test_the_count_leaves_out_every_white_space(window: MainWindow) -> None:
    text = "一二\u3000三 四\t五\u00a0六\u2003七\n八\u200b九"
    report = Report()
    report.sections[KEY] = [Paragraph.plain(text), Paragraph.plain(" 十 ")]
    window.state.replace_report(report)
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    plain = page.editor.document().toPlainText()
    assert page.char_count() == len(re.sub(r"\s", "", plain))
