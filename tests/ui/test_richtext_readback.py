"""After an edit the write-back reads only the blocks it changed (ui/richtext.current_paragraphs),
and so does the count of characters: after seeded random edits, undos and redos they equal what
reading every block gives, with a view on the document or without."""

from __future__ import annotations

import random

import pytest
from PySide6.QtGui import QTextCursor

from app.report import Paragraph, ParaKind, Run
from tests.ui.test_long_paragraph_edits import _text
from ui import paraformat, richtext


def _visible(doc: object) -> int:
    return sum(map(len, doc.toPlainText().split()))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("seed", "view"), [(0, True), (1, True), (2, False), (3, True)])
def test_reading_back_only_the_changed_blocks_gives_every_paragraph(qapp: object, seed: int, view: bool) -> None:
    """The write-back after an edit reads only the blocks it changed (richtext.current_paragraphs),
    and so does the count of characters: after random edits, undos and redos they are what
    reading every block gives, with a view (whose layout tells each change's range) or without
    (``view`` False: a view only after some edits, which Qt's document did not tell of)."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QTextEdit

    rng = random.Random(seed)
    doc = QTextDocument()
    paraformat.setup_document(doc)
    odd = ["", "\u00a0", "\u2028", "\ufffc", "\t", "  "] + (["\n"] if seed == 3 else [])  # 3: a break in a paragraph's text

    def runs(n: int) -> list[Run]:
        return [Run(_text(rng.randrange(0, 12), n + k) + rng.choice(odd), bold=rng.random() < 0.3, italic=rng.random() < 0.2)
                for k in range(rng.randrange(0, 4))]

    loaded = [Paragraph(runs(n), rng.choice(list(ParaKind))) for n in range(40)]
    richtext.paragraphs_to_document(doc, loaded)  # the reader knows what it loaded: not read again
    assert (getattr(doc, "_paragraph_reader", None) is None) == (seed == 3)
    shown = QTextEdit() if view else None
    if shown is not None:
        shown.setDocument(doc)
    assert richtext.current_paragraphs(doc) == richtext.document_to_paragraphs(doc)
    assert richtext.visible_count(doc) == _visible(doc)
    for step in range(150):
        if step == 75 and shown is None:
            shown = QTextEdit()
            shown.setDocument(doc)
        cursor = QTextCursor(doc)
        end = doc.characterCount() - 1
        cursor.setPosition(rng.randrange(end + 1))
        if rng.random() < 0.5:
            cursor.setPosition(rng.randrange(end + 1), QTextCursor.MoveMode.KeepAnchor)
        op = rng.choice(["type", "remove", "block", "kind", "undo", "redo", "bold"])
        if op == "type":
            cursor.insertText(rng.choice(["甲", "乙丙", "一、", " \u3000丁", "\u00a0"]))
        elif op == "remove":
            cursor.removeSelectedText()
        elif op == "block":
            cursor.insertBlock()
        elif op == "kind":
            cursor.setBlockFormat(paraformat.block_format(rng.choice(list(ParaKind)), doc))
        elif op == "bold":
            fmt = paraformat.char_format(Run("", bold=True))
            cursor.mergeCharFormat(fmt)
        else:
            doc.undo() if op == "undo" else doc.redo()
        if rng.random() < 0.6:  # sometimes several edits between two reads
            assert richtext.current_paragraphs(doc) == richtext.document_to_paragraphs(doc), f"step {step}: {op}"
        if rng.random() < 0.6:
            assert richtext.visible_count(doc) == _visible(doc), f"step {step}: {op}"
