"""A paragraph far longer than any report has (a text pasted by mistake) is shown in blocks that
continue it (ui/longpara.py CONTINUES_PROPERTY): the report keeps one paragraph, its findings are
marked and chosen where they are, Enter still makes a paragraph, and a huge report's checks run
on a worker when typing pauses, their findings applied only if the text is still what they read."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from app import reading
from app.findings import DUP_PHRASE
from app.report import Paragraph, ParaKind, Report, Run
from tests.ui.conftest import type_text
from ui import longpara, richtext
from ui.main_window import MainWindow
from ui.narrative import NarrativePage

KEY = "一"
SENTENCE = "本机关认真落实政府信息公开工作要求，持续推进决策、执行、管理、服务、结果公开。"


def _long_report(chars: int = 120_000, stutter_at: int = 60_000) -> tuple[Report, int]:
    text = (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]
    text = text[:stutter_at] + "政府政府" + text[stutter_at:]  # a DUP-PHRASE deep in the paragraph
    bold_from = stutter_at - 5000  # a bold stretch across a block's end
    runs = [Run(text[:bold_from]), Run(text[bold_from:bold_from + 9000], bold=True), Run(text[bold_from + 9000:])]
    report = Report(organ="某街道办事处", year=2024)
    report.sections[KEY] = [Paragraph.plain("一、总体情况", ParaKind.HEADING1), Paragraph(runs), Paragraph.plain("最后一段。")]
    return report, stutter_at


def _page(window: MainWindow, report: Report) -> NarrativePage:
    window.resize(1400, 900)
    window.state.replace_report(report)
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    return page


def test_a_long_paragraph_shows_in_blocks_and_stays_one_paragraph(window: MainWindow, tmp_path: Path) -> None:
    report, _ = _long_report()
    page = _page(window, report)
    doc = page.editor.document()
    assert doc.blockCount() > 20  # shown in blocks of a few thousand characters
    assert max(len(doc.findBlockByNumber(n).text()) for n in range(doc.blockCount())) <= longpara.CHUNK_CHARS
    assert richtext.document_to_paragraphs(doc) == [p.normalized() for p in report.sections[KEY]]
    type_text(page.editor, "")  # nothing typed: nothing changes
    window.docs.ask_save_path = lambda: str(tmp_path / "long.docx")  # type: ignore[method-assign]
    assert window.docs.save_as()
    back = reading.load_report(tmp_path / "long.docx").sections[KEY]
    assert [p.text for p in back] == [p.text for p in report.sections[KEY]]  # one paragraph, whole
    assert [r.bold for r in back[1].runs] == [False, True, False]


def test_a_finding_deep_in_it_is_marked_and_chosen_where_it_is(window: MainWindow, qtbot: QtBot) -> None:
    report, at = _long_report()
    page = _page(window, report)
    [finding] = [f for f in window.state.by_section.get(KEY, []) if f.code == DUP_PHRASE.code]
    span = finding.location.span
    assert span is not None and span.paragraph == 1 and span.start >= at - 4
    window.go_to_finding(finding)
    assert page.editor.textCursor().selectedText() == window.state.report.sections[KEY][1].text[span.start:span.end]
    assert "政府政府" in window.state.report.sections[KEY][1].text[span.start - 2:span.end + 2]
    cursor = page.editor.textCursor()
    paragraph, offset = longpara.to_paragraph(page.editor.document(), cursor.blockNumber(), cursor.positionInBlock())
    assert (paragraph, offset) == (1, span.end)
    assert finding in page.editor.findings_at(*longpara.to_paragraph(page.editor.document(), cursor.blockNumber(),
                                                                     cursor.positionInBlock() - 1))
    page.editor.highlighter.finish()
    block = page.editor.document().findBlockByNumber(cursor.blockNumber())
    tinted = [(r.start, r.length) for r in block.layout().formats() if r.format.background().style().value]
    start_in_block = cursor.positionInBlock() - (span.end - span.start)
    assert (start_in_block, span.end - span.start) in tinted  # the tint where the words are, in its block


def test_enter_inside_it_makes_two_paragraphs_there(window: MainWindow) -> None:
    report, _ = _long_report()
    page = _page(window, report)
    doc = page.editor.document()
    text = report.sections[KEY][1].text
    n, pos = longpara.to_block(doc, 1, 50_001)
    cursor = QTextCursor(doc.findBlockByNumber(n))
    cursor.setPosition(cursor.position() + pos)
    page.editor.setTextCursor(cursor)
    page.editor._new_paragraph()
    window.state.flush()
    texts = [p.text for p in window.state.report.sections[KEY]]
    assert texts == ["一、总体情况", text[:50_001], text[50_001:], "最后一段。"]
    window.act_undo.trigger()
    window.state.flush()
    assert [p.text for p in window.state.report.sections[KEY]] == ["一、总体情况", text, "最后一段。"]


def test_a_huge_reports_checks_run_off_the_ui_thread_and_never_show_stale(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.checks
    import ui.huge_checks
    import ui.state

    monkeypatch.setattr(ui.state, "BACKGROUND_CHECK_CHARS", 50_000)
    # The slow check is this test's run_all, which a check process would never call: on a thread
    # (the same waiting and staleness rules; test_check_apart.py has them in the process).
    monkeypatch.setattr(ui.huge_checks, "CHECK_APART", False)
    report, _ = _long_report()
    page = _page(window, report)
    real = app.checks.run_all
    threads: list[bool] = []
    release = threading.Event()

    def run_all(checked: Report) -> object:
        threads.append(threading.current_thread() is threading.main_thread())
        if len(threads) == 1:
            release.wait(10)  # the first check is slow: typing goes on meanwhile
        return real(checked)

    monkeypatch.setattr(app.checks, "run_all", run_all)
    editor = page.editor
    cursor = QTextCursor(editor.document())
    editor.setTextCursor(cursor)
    type_text(editor, "甲")
    qtbot.waitUntil(lambda: threads == [False], timeout=5000)  # on a worker
    assert window.state.report.sections[KEY][0].text.startswith("甲")  # the text is in the report
    type_text(editor, "乙")  # while the worker checks the text without 乙
    release.set()
    qtbot.waitUntil(lambda: len(threads) == 2 and window.state._unchecked is None, timeout=10_000)
    assert threads == [False, False]
    shown = [(f.code, f.location.describe(), f.message) for f in window.state.findings]
    window.state.rerun_checks()  # what the checks say of the text as it is
    assert shown == [(f.code, f.location.describe(), f.message) for f in window.state.findings]
    assert window.state.report.sections[KEY][0].text.startswith("甲乙")
