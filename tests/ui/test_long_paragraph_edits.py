"""Any edit of a section with long paragraphs (shown as blocks continuing them, ui/longpara.py)
leaves the report's paragraphs exactly as the same edit on plain blocks would: a property over
seeded random selections — many on block boundaries and paragraph starts — and Delete,
Backspace, typing, an input method's commit, cut, paste and Enter pressed in the real widget, compared with the edit
applied to a plain model of the paragraphs; one undo step restores the paragraphs exactly."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.report import Paragraph, ParaKind, Report, Run
from tests.ui.conftest import type_text
from ui import longpara, richtext
from ui.main_window import MainWindow
from ui.narrative import NarrativeEdit, NarrativePage

KEY = "一"
SENTENCE = "本机关认真落实政府信息公开工作要求，持续推进决策、执行、管理、服务、结果公开。"
Model = list[tuple[str, ParaKind]]


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long paragraphs from 200 characters, blocks of about 40: many boundaries, a quick test
    (the real sizes: test_the_reported_selection_at_real_size)."""
    monkeypatch.setattr(longpara, "LONG_PARAGRAPH", 200)
    monkeypatch.setattr(longpara, "CHUNK_CHARS", 40)


def _text(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(SENTENCE) for _ in range(n))


def _report(size: int) -> Report:
    report = Report(organ="某街道办事处", year=2024)
    report.sections[KEY] = [
        Paragraph.plain("一、总体情况", ParaKind.HEADING1),
        Paragraph([Run(_text(size, 1)), Run(_text(size // 3, 2), bold=True), Run(_text(size, 3))]),
        Paragraph.plain("短段落。"),
        Paragraph.plain("（一）" + _text(2 * size, 4), ParaKind.HEADING2),
        Paragraph.plain(""),
        Paragraph.plain(_text(size + size // 2, 5)),
        Paragraph.plain("最后一段。"),
    ]
    return report


def _page(window: MainWindow, report: Report) -> NarrativePage:
    window.resize(1200, 800)
    window.state.replace_report(report)
    page = window.show_page(KEY)
    assert isinstance(page, NarrativePage)
    return page


def _paragraphs(editor: NarrativeEdit) -> Model:
    return [(p.text, p.kind) for p in richtext.document_to_paragraphs(editor.document())]


# -- the plain model: each paragraph one QTextBlock, Qt's rules -------------------------------------
def _remove(model: Model, a: tuple[int, int], b: tuple[int, int]) -> Model:
    """Qt joins the blocks a selection spans with the format of the block it ends in when it
    starts at a block's start, else of the block it starts in."""
    (i, oa), (j, ob) = a, b
    if a == b:
        return list(model)
    kind = model[j][1] if oa == 0 and i != j else model[i][1]
    return [*model[:i], (model[i][0][:oa] + model[j][0][ob:], kind), *model[j + 1:]]


def _insert(model: Model, at: tuple[int, int], pasted: list[Paragraph]) -> Model:
    i, o = at
    text, kind = model[i]
    head, tail = text[:o], text[o:]
    if len(pasted) == 1:
        return [*model[:i], (head + pasted[0].text + tail, kind), *model[i + 1:]]
    middle = [(p.text, p.kind) for p in pasted[1:-1]]
    return [*model[:i], (head + pasted[0].text, kind), *middle, (pasted[-1].text + tail, pasted[-1].kind), *model[i + 1:]]


def _expected(model: Model, a: tuple[int, int], b: tuple[int, int], action: str, pasted: list[Paragraph]) -> Model:
    if action == "backspace" and a == b:
        i, o = a
        if o:
            return _remove(model, (i, o - 1), a)
        if i == 0:
            return list(model)
        # The break before the paragraph goes: from the previous one's end (its start if empty).
        return _remove(model, (i - 1, len(model[i - 1][0])), a)
    if action == "delete" and a == b:
        i, o = a
        if o < len(model[i][0]):
            return _remove(model, a, (i, o + 1))
        return _remove(model, a, (i + 1, 0)) if i + 1 < len(model) else list(model)
    removed = _remove(model, a, b)
    if action in ("backspace", "delete", "cut"):
        return removed
    if action in ("type", "ime"):
        return _insert(removed, a, [Paragraph.plain("甲")])
    if action == "paste":
        return _insert(removed, a, pasted)
    assert action == "enter"
    i, o = a
    text, kind = removed[i]
    heading_end = a == b and o == len(text) and kind is not ParaKind.BODY
    return [*removed[:i], (text[:o], kind), (text[o:], ParaKind.BODY if heading_end else kind), *removed[i + 1:]]


# -- the edits, pressed in the widget ---------------------------------------------------------------
def _positions(editor: NarrativeEdit, rng: random.Random) -> list[int]:
    """Candidate selection ends: every block's start and end (a boundary inside a long
    paragraph is two positions of one offset), their neighbours, and random ones."""
    doc = editor.document()
    out: set[int] = set()
    block = doc.begin()
    while block.isValid():
        for p in (block.position(), block.position() + block.length() - 1):
            out.update((p, p - 1, p + 1))
        block = block.next()
    end = doc.characterCount() - 1
    out.update(rng.randrange(end + 1) for _ in range(20))
    return sorted(p for p in out if 0 <= p <= end)


def _paragraph_offset(editor: NarrativeEdit, position: int) -> tuple[int, int]:
    block = editor.document().findBlock(position)
    return longpara.to_paragraph(editor.document(), block.blockNumber(), position - block.position())


def _press(qtbot: QtBot, editor: NarrativeEdit, action: str) -> None:
    if action == "backspace":
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    elif action == "delete":
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    elif action == "type":
        type_text(editor, "甲")
    elif action == "ime":  # an input method: its preedit replaces the selection, then it commits
        preedit = QInputMethodEvent("jia", [QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.Cursor, 3, 1, 0)])
        QApplication.sendEvent(editor, preedit)
        commit = QInputMethodEvent()
        commit.setCommitString("甲")
        QApplication.sendEvent(editor, commit)
    elif action == "cut":
        qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    elif action == "paste":
        qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Return)


ACTIONS = ("backspace", "delete", "type", "cut", "paste", "enter", "ime")


@pytest.mark.parametrize("seed", range(4))
def test_any_edit_leaves_the_paragraphs_as_plain_blocks_would(
        window: MainWindow, qtbot: QtBot, small_blocks: None, seed: int) -> None:
    rng = random.Random(seed)
    page = _page(window, _report(300))
    editor = page.editor
    doc = editor.document()
    assert doc.property(longpara.CHUNKED) and doc.blockCount() > 30
    clipboard = QApplication.clipboard()
    for step in range(40):
        model = _paragraphs(editor)
        positions = _positions(editor, rng)
        if rng.random() < 0.3:  # no selection: the caret on a boundary, at a start, anywhere
            anchor = position = rng.choice(positions)
        else:
            anchor, position = rng.choice(positions), rng.choice(positions)
        action = ACTIONS[step % len(ACTIONS)] if step < 2 * len(ACTIONS) else rng.choice(ACTIONS)
        pasted: list[Paragraph] = []
        if action == "paste":
            clipboard.setText(rng.choice(["乙丙", "乙\n二、丙", "乙\n丁\n（二）戊"]))
            pasted = richtext.mime_to_paragraphs(clipboard.mimeData())
        cursor = QTextCursor(doc)
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        a, b = sorted((_paragraph_offset(editor, anchor), _paragraph_offset(editor, position)))
        selected = "\n".join(t for t, _ in _remove_inverse(model, a, b))
        steps = window.state.stack.count()
        _press(qtbot, editor, action)
        what = f"step {step}: {action} {anchor}->{position} = paragraph offsets {a}->{b}"
        after = _expected(model, a, b, action, pasted)
        assert _paragraphs(editor) == after, what
        if action == "cut" and a != b:
            assert clipboard.text() == selected, what  # no break where blocks meet
        if after != model:
            assert window.state.stack.count() == steps + 1, what  # one undo step
            window.act_undo.trigger()
            assert _paragraphs(editor) == model, what
            window.act_redo.trigger()
            assert _paragraphs(editor) == after, what


def _remove_inverse(model: Model, a: tuple[int, int], b: tuple[int, int]) -> Model:
    """The selected paragraphs' text (what a copy holds)."""
    (i, oa), (j, ob) = a, b
    if i == j:
        return [(model[i][0][oa:ob], model[i][1])]
    return [(model[i][0][oa:], model[i][1]), *model[i + 1:j], (model[j][0][:ob], model[j][1])]


def test_the_reported_selection_at_real_size(window: MainWindow, qtbot: QtBot) -> None:
    """From the long paragraph's start into its second block, at the real sizes: Delete, cut,
    a typed character, an input method's and a paste keep the break before it and its kind."""
    report = Report(organ="某街道办事处", year=2024)
    long_text = (SENTENCE * 700)[:25_000]
    report.sections[KEY] = [Paragraph.plain("前一段。"), Paragraph.plain("（一）" + long_text, ParaKind.HEADING2)]
    page = _page(window, report)
    editor = page.editor
    doc = editor.document()
    second = doc.findBlockByNumber(2)
    assert longpara.continues(second.blockFormat())
    for action in ("delete", "cut", "type", "ime", "paste"):
        QApplication.clipboard().setText("甲")
        steps = window.state.stack.index()
        cursor = QTextCursor(doc)
        cursor.setPosition(doc.findBlockByNumber(1).position())
        cursor.setPosition(doc.findBlockByNumber(2).position() + 10, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        before = _paragraphs(editor)
        cut = len(doc.findBlockByNumber(1).text()) + 10
        _press(qtbot, editor, action)
        typed = "甲" if action in ("type", "ime", "paste") else ""
        assert _paragraphs(editor) == [("前一段。", ParaKind.BODY), (typed + before[1][0][cut:], ParaKind.HEADING2)], action
        window.state.flush()
        assert [p.kind for p in window.state.report.sections[KEY]] == [ParaKind.BODY, ParaKind.HEADING2]
        assert window.state.stack.index() == steps + 1
        window.act_undo.trigger()
        assert _paragraphs(editor) == before
    # Ctrl+A Ctrl+C: two paragraphs, in text and in HTML (as Word or WPS would read it), however
    # many blocks show the long one; pasted over the selection, the same two texts (the first
    # takes the kind of the paragraph it joins: Qt's, as in plain blocks).
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.text() == "前一段。\n（一）" + long_text
    html_only = QMimeData()
    html_only.setHtml(mime.html())
    assert [(p.text, p.kind) for p in richtext.mime_to_paragraphs(html_only)] == before
    assert mime.html().count("<p") == 2
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [text for text, _ in _paragraphs(editor)] == [text for text, _ in before]


def test_copy_across_blocks_is_one_paragraph_and_pastes_back_the_same(
        window: MainWindow, qtbot: QtBot, small_blocks: None) -> None:
    page = _page(window, _report(300))
    editor = page.editor
    doc = editor.document()
    model = _paragraphs(editor)
    cursor = QTextCursor(doc)
    start = longpara.doc_position(doc, 1, 5)
    end = longpara.doc_position(doc, 1, len(model[1][0]) - 5)
    assert start is not None and end is not None
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    clipboard = QApplication.clipboard()
    assert clipboard.text() == model[1][0][5:-5]
    assert [p.text for p in richtext.mime_to_paragraphs(clipboard.mimeData())] == [model[1][0][5:-5]]
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # over itself: nothing changes
    assert _paragraphs(editor) == model
    bold = richtext.document_to_paragraphs(doc)[1]
    assert [r.bold for r in bold.runs] == [False, True, False]  # the styles travel too


def test_backspace_and_delete_at_a_boundary_remove_a_character(
        window: MainWindow, qtbot: QtBot, small_blocks: None) -> None:
    page = _page(window, _report(300))
    editor = page.editor
    doc = editor.document()
    text = _paragraphs(editor)[1][0]
    third = longpara.paragraph_blocks(doc, 1)[2]
    block = doc.findBlockByNumber(third)
    _, offset = longpara.to_paragraph(doc, third, 0)
    blocks = doc.blockCount()
    editor.setTextCursor(QTextCursor(block))
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert _paragraphs(editor)[1][0] == text[:offset - 1] + text[offset:]
    cursor = editor.textCursor()
    assert _paragraph_offset(editor, cursor.position()) == (1, offset - 1)
    assert doc.blockCount() == blocks  # the character went, the blocks stay as they were
    cursor.setPosition(doc.findBlockByNumber(third).position() - 1)  # the end of the block before
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert _paragraphs(editor)[1][0] == text[:offset - 1] + text[offset + 1:]
    assert _paragraph_offset(editor, editor.textCursor().position()) == (1, offset - 1)
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert _paragraphs(editor)[1][0] == text


def test_find_and_replace_a_match_across_a_block_boundary(
        window: MainWindow, qtbot: QtBot, small_blocks: None) -> None:
    page = _page(window, _report(300))
    editor = page.editor
    doc = editor.document()
    model = _paragraphs(editor)
    blocks = longpara.paragraph_blocks(doc, 3)  # the long （一） heading
    _, cut = longpara.to_paragraph(doc, blocks[2], 0)
    needle = model[3][0][cut - 3:cut + 3]
    assert needle not in doc.findBlockByNumber(blocks[1]).text() + "\n" + doc.findBlockByNumber(blocks[2]).text()
    window.year_tools.act_replace.trigger()
    dialog = window.year_tools.find_dialog()
    dialog.find_edit.setText(needle)
    expected = sum(text.count(needle) for text, _ in model)
    assert f"共 {expected} 处" in dialog.status.text()
    found = dialog.find_next()
    while found is not None and (found.paragraph, found.start) != (3, cut - 3):
        found = dialog.find_next()
    assert found is not None
    assert [p.text for p in longpara.selection_paragraphs(editor.textCursor())] == [needle]  # selected across
    dialog.replace_edit.setText("替")
    steps = window.state.stack.count()
    dialog.replace_one()
    after = [(t.replace(needle, "替", 1) if i == 3 and t[cut - 3:cut + 3] == needle else t, k)
             for i, (t, k) in enumerate(model)]
    after[3] = (model[3][0][:cut - 3] + "替" + model[3][0][cut + 3:], model[3][1])
    assert _paragraphs(editor) == after
    window.act_undo.trigger()
    assert _paragraphs(editor) == model
    assert window.state.stack.index() == steps
    # 全部替换 of a match starting a paragraph and running into its second block: break and kind kept.
    first = model[3][0][:longpara.to_paragraph(doc, blocks[1], 0)[1] + 2]
    dialog.find_edit.setText(first)
    dialog.replace_edit.setText("")
    assert dialog.replace_all() == sum(text.count(first) for text, _ in model)
    assert _paragraphs(editor) == [(t.replace(first, ""), k) for t, k in model]
    window.act_undo.trigger()
    assert _paragraphs(editor) == model


def test_a_selection_across_blocks_is_the_query(window: MainWindow, small_blocks: None) -> None:
    page = _page(window, _report(300))
    editor = page.editor
    doc = editor.document()
    second = doc.findBlockByNumber(longpara.paragraph_blocks(doc, 1)[1])
    cursor = QTextCursor(doc)
    cursor.setPosition(second.position() - 4)
    cursor.setPosition(second.position() + 3, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()
    window.year_tools.act_find.trigger()
    dialog = window.year_tools.find_dialog()
    assert dialog.find_edit.text() == _paragraphs(editor)[1][0][cursor.selectionStart() - doc.findBlockByNumber(
        longpara.paragraph_blocks(doc, 1)[0]).position():][:6]


def test_marks_follow_typing_until_the_findings_come(
        window: MainWindow, qtbot: QtBot, small_blocks: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed early in a long paragraph, the marks after the caret move with the text at once
    (each still under its words), and the findings of the new text, when they come, find every
    block's marks already right: no block is formatted and laid out again for them."""
    report = Report(organ="某街道办事处", year=2024)
    report.sections[KEY] = [Paragraph.plain("前一段。"),
                            Paragraph.plain("".join(SENTENCE[:20 + i % 17] + "政府政府" for i in range(30)))]
    page = _page(window, report)
    editor, highlighter = page.editor, page.highlighter
    doc = editor.document()
    assert len(longpara.paragraph_blocks(doc, 1)) > 10
    highlighter.finish()

    def marked() -> list[list[str]]:
        out = []
        block = doc.begin()
        while block.isValid():
            out.append([block.text()[r.start:r.start + r.length] for r in block.layout().formats()])
            block = block.next()
        return out

    before = marked()
    assert sum(texts.count("政府政府") for texts in before) == 30
    editor.setTextCursor(QTextCursor(doc.findBlockByNumber(1)))
    type_text(editor, "甲")
    highlighter.finish()
    assert marked() == before  # each mark still under its stutter, in every block
    formatted: list[int] = []
    real = type(highlighter)._format

    def spy(self: object, block: object) -> bool:
        changed = real(self, block)  # type: ignore[arg-type]
        if changed:
            formatted.append(block.blockNumber())  # type: ignore[attr-defined]
        return changed

    monkeypatch.setattr(type(highlighter), "_format", spy)
    window.state.flush()  # the checks of the new text
    assert window.state.report.sections[KEY][1].text.startswith("甲")
    highlighter.finish()
    assert formatted == []
    assert marked() == before


@pytest.mark.parametrize("to", [5, 1])
def test_a_drag_moving_a_long_paragraphs_start_keeps_its_break(
        window: MainWindow, qtbot: QtBot, small_blocks: None, monkeypatch: pytest.MonkeyPatch, to: int) -> None:
    """A drag from the start of a long paragraph into its second block dropped in the pane,
    after it or before: the paragraph keeps its break and kind, and the moved text arrives
    as the one paragraph it was; one undo step."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    page = _page(window, _report(300))
    editor = page.editor
    doc = editor.document()
    model = _paragraphs(editor)
    blocks = longpara.paragraph_blocks(doc, 3)  # the long （一） heading
    _, into = longpara.to_paragraph(doc, blocks[1], 7)
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.findBlockByNumber(blocks[0]).position())
    cursor.setPosition(doc.findBlockByNumber(blocks[1]).position() + 7, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    dragged = editor.createMimeDataFromSelection()  # what a drag from the pane carries
    assert dragged.text() == model[3][0][:into]
    target = QTextCursor(doc)
    target.setPosition(longpara.doc_position(doc, to, 10) or 0)
    editor.ensureCursorVisible()
    point = editor.cursorRect(target).center()
    landed = editor.cursorForPosition(point)
    at = longpara.to_paragraph(doc, landed.blockNumber(), landed.positionInBlock())
    assert at[0] == to
    # A drop from this pane (Qt knows the source only while its own drag runs).
    monkeypatch.setattr(QDropEvent, "source", lambda self: editor)
    steps = window.state.stack.index()
    drop = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, dragged, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    editor.dropEvent(drop)  # (Qt hands a drop only to the target of a drag it runs itself)
    after = list(model)
    after[3] = (model[3][0][into:], ParaKind.HEADING2)
    after[to] = (model[to][0][:at[1]] + model[3][0][:into] + model[to][0][at[1]:], model[to][1])
    assert _paragraphs(editor) == after
    assert window.state.stack.index() == steps + 1
    window.act_undo.trigger()
    assert _paragraphs(editor) == model
