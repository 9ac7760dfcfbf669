"""A paragraph far longer than any a report has (a text pasted by mistake, 1.9 million characters)
shown as blocks of about CHUNK_CHARS, each after the first marked as continuing it
(CONTINUES_PROPERTY): Qt lays a block out whole, and one of a million characters took seconds to
show and seconds after each keystroke.  The report still has one paragraph (ui/richtext.py's
document_to_paragraphs joins them again); paragraph numbers and offsets map to blocks through
``to_block``/``to_paragraph``; an edit, a copy, a cut, a drop or a find across the blocks treats
them as the one paragraph they are.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.report import Paragraph, ParaKind, Run
from ui.paraformat import block_format, block_kind, char_format, clean_text, paragraph_of, run_of

CONTINUES_PROPERTY = QTextFormat.Property.UserProperty + 2
CHUNKED = "chunked"  # a dynamic property of a document that has had such blocks (else: identity maps)
LONG_PARAGRAPH = 20_000
CHUNK_CHARS = 4_000
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def continued_format(fmt: QTextBlockFormat) -> QTextBlockFormat:
    """A block continuing its paragraph: no first-line indent, no gap before it."""
    out = QTextBlockFormat(fmt)
    out.setProperty(CONTINUES_PROPERTY, True)
    out.setTextIndent(0)
    return out


def continues(fmt: QTextBlockFormat) -> bool:
    return fmt.boolProperty(CONTINUES_PROPERTY)


class _Continuations:
    """Keeps a chunked document's paragraphs what the same edit makes of plain blocks.

    Qt joins the blocks a selection spans into one with the format of the block where the
    selection *ends* when it starts at a block's start (else of the block where it starts).
    Plain blocks keep their paragraph break so; continued blocks would not: select from a long
    paragraph's start into its second block and delete, and the block left continues the
    paragraph before it (the break and the kind lost).  So whether a block starting where an
    edit starts continues its paragraph is what it was before the edit: known from the start
    positions of the continued blocks, kept here from edit to edit."""

    def __init__(self, doc: QTextDocument) -> None:
        self.doc = doc
        self.starts: list[int] | None = None  # the positions where continued blocks start
        self.chars = 0  # the document's length when they were
        self.busy = False
        # Qt tells contentsChange only to a document with a layout: one is not made here (it would
        # lay out the huge paragraph as it loads); a view makes it.  Edits made without one
        # (commands on a section not shown) keep the paragraphs with remove_selection.
        doc.contentsChange.connect(self._changed)

    def rescan(self) -> None:
        self.starts, self.chars = self.scan(), self.doc.characterCount()

    def scan(self, start: int = 0, end: int | None = None) -> list[int]:
        out: list[int] = []
        block = self.doc.findBlock(start)
        while block.isValid() and (end is None or block.position() <= end):
            if block.position() and continues(block.blockFormat()):
                out.append(block.position())
            block = block.next()
        return out

    def _changed(self, position: int, removed: int, added: int) -> None:
        if self.busy:
            return
        old = self.starts
        if old is None or self.chars + added - removed != self.doc.characterCount():
            self.rescan()  # edits unheard (no layout yet): what they left, nothing to mend
            return
        self.busy = True
        # The fix joins the edit's undo step; Qt would announce that step again (a second
        # step on the window's stack undoing the same thing).
        quiet = self.doc.blockSignals(True)
        try:
            block = self.doc.findBlock(position)
            if block.isValid() and block.position() == position and position:
                at = bisect.bisect_left(old, position)
                was = at < len(old) and old[at] == position
                if continues(block.blockFormat()) != was:
                    set_continues(block, was, join=True)
            if removed:  # blocks of a paragraph joined onto another: they take its kind
                _restamp_kinds(self.doc.findBlock(position + added))
        finally:
            self.doc.blockSignals(quiet)
            self.busy = False
        lo, hi = bisect.bisect_left(old, position), bisect.bisect_right(old, position + removed)
        delta = added - removed
        self.starts = [*old[:lo], *self.scan(position, position + added), *(p + delta for p in old[hi:])]
        self.chars = self.doc.characterCount()


def watch(doc: QTextDocument) -> None:
    """Keep ``doc``'s continued blocks right through every edit (see _Continuations)."""
    doc.setProperty(CHUNKED, True)
    if getattr(doc, "_continuations", None) is None:
        doc._continuations = _Continuations(doc)  # type: ignore[attr-defined]  # kept on the wrapper


def rescan_continued(doc: QTextDocument) -> None:
    """After a load or a paste: the watcher knows the continued blocks as they are now."""
    watcher = getattr(doc, "_continuations", None)
    if watcher is not None:
        watcher.rescan()


def set_continues(block: QTextBlock, on: bool, join: bool = False) -> None:
    """Make ``block`` continue the paragraph before it (``on``) or begin one of its own, with
    the kind of the paragraph it then belongs to."""
    doc = block.document()
    if on:
        fmt = continued_format(block_format(block_kind(block.previous().blockFormat()) or ParaKind.BODY, doc))
    else:
        fmt = block_format(block_kind(block.blockFormat()) or ParaKind.BODY, doc)
    cursor = QTextCursor(block)
    if join:
        cursor.joinPreviousEditBlock()  # part of the edit that made it needed: one undo step
    else:
        cursor.beginEditBlock()
    cursor.setBlockFormat(fmt)
    cursor.endEditBlock()
    doc._block_starts = None  # type: ignore[attr-defined]  # a format change keeps the revision


def _restamp_kinds(block: QTextBlock) -> None:
    """The blocks continuing after ``block`` get its paragraph's kind (they may have been
    another paragraph's, joined onto this one)."""
    nxt = block.next()
    if not (nxt.isValid() and continues(nxt.blockFormat())):
        return
    first = block
    while first.previous().isValid() and continues(first.blockFormat()):
        first = first.previous()
    kind = block_kind(first.blockFormat()) or ParaKind.BODY
    if block_kind(nxt.blockFormat()) is kind:
        return
    fmt = continued_format(block_format(kind, block.document()))
    cursor = QTextCursor(nxt)
    cursor.joinPreviousEditBlock()
    while nxt.isValid() and continues(nxt.blockFormat()):
        cursor.setPosition(nxt.position())
        cursor.setBlockFormat(fmt)
        nxt = nxt.next()
    cursor.endEditBlock()


def remove_selection(cursor: QTextCursor) -> None:
    """cursor.removeSelectedText(), the paragraphs left as plain blocks would leave them (for
    an edit of several steps: the next step sees the right paragraph)."""
    doc = cursor.document()
    start = cursor.selectionStart()
    block = doc.findBlock(start)
    check = bool(doc.property(CHUNKED)) and block.position() == start and start > 0
    was = continues(block.blockFormat())
    cursor.removeSelectedText()
    if check:
        block = doc.findBlock(start)
        if continues(block.blockFormat()) != was:
            set_continues(block, was, join=True)
        _restamp_kinds(block)


def previous_character(cursor: QTextCursor) -> tuple[int, int] | None:
    """What Backspace removes at the start of a continued block, as in one block: the
    paragraph's character before (or the break before the paragraph, when all before the
    cursor is empty).  None: not at such a start (Qt's own Backspace does)."""
    block = cursor.block()
    if not (cursor.atBlockStart() and continues(block.blockFormat()) and block.previous().isValid()):
        return None
    end = cursor.position()
    probe = QTextCursor(cursor)
    while True:
        probe.movePosition(QTextCursor.MoveOperation.PreviousCharacter)  # over the break
        if not probe.atBlockStart():  # the paragraph's character before: it alone (the blocks stay)
            at = probe.position()
            probe.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
            return probe.position(), at
        if not continues(probe.block().blockFormat()):  # the paragraph begins empty: join the one before
            if probe.block().previous().isValid():
                probe.movePosition(QTextCursor.MoveOperation.PreviousCharacter)
            return probe.position(), end


def next_character(cursor: QTextCursor) -> tuple[int, int] | None:
    """What Delete removes at the end of a block continued by the next, as in one block."""
    after = cursor.block().next()
    if not (cursor.atBlockEnd() and after.isValid() and continues(after.blockFormat())):
        return None
    start = cursor.position()
    probe = QTextCursor(cursor)
    while True:
        probe.movePosition(QTextCursor.MoveOperation.NextCharacter)  # over the break
        block = probe.block()
        if not continues(block.blockFormat()):  # the paragraph's end: the next one joins it
            return start, probe.position()
        if not probe.atBlockEnd():  # the paragraph's next character alone
            at = probe.position()
            probe.movePosition(QTextCursor.MoveOperation.NextCharacter)
            return at, probe.position()
        if not block.next().isValid():  # empty blocks to the document's end
            return start, probe.position()


def selection_paragraphs(cursor: QTextCursor) -> list[Paragraph]:
    """The selected text as the report's paragraphs (a long paragraph's blocks joined)."""
    doc = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    out: list[Paragraph] = []
    runs: list[Run] = []
    kind: ParaKind | None = None
    block = doc.findBlock(start)
    while block.isValid() and block.position() <= end:
        if kind is None or not continues(block.blockFormat()):
            if kind is not None:
                out.append(paragraph_of(runs, kind, False))
            runs, kind = [], block_kind(block.blockFormat()) or ParaKind.BODY
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            at = frag.position()
            lo, hi = max(at, start), min(at + frag.length(), end)
            if frag.isValid() and lo < hi:
                runs.append(run_of(frag.text()[lo - at:hi - at], frag.charFormat()))
            it += 1
        block = block.next()
    if kind is not None:
        out.append(paragraph_of(runs, kind, False))
    return out


def plain_document(doc: QTextDocument, paragraphs: list[Paragraph]) -> None:
    """``paragraphs`` in ``doc`` a block each, however long (for the clipboard: a long
    paragraph's blocks would be a break each)."""
    doc.clear()
    cursor = QTextCursor(doc)
    for i, para in enumerate(paragraphs):
        if i:
            cursor.insertBlock(block_format(para.kind, doc), QTextCharFormat())
        else:
            cursor.setBlockFormat(block_format(para.kind, doc))
        for run in para.runs:
            cursor.insertText(clean_text(run.text), char_format(run))


def chunk_cuts(text: str) -> list[int]:
    """Where a long paragraph's blocks begin (after the first): about every CHUNK_CHARS, at a
    sentence's end where there is one in the last quarter of the stretch."""
    if len(text) <= LONG_PARAGRAPH:
        return []
    cuts: list[int] = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        cut = limit
        for m in _SENTENCE_END.finditer(text, limit - CHUNK_CHARS // 4, limit):
            cut = m.end()
        cuts.append(cut)
        start = cut
    return cuts


def _block_starts(doc: QTextDocument) -> tuple[list[int], list[int]]:
    """Per block: its paragraph's number and the offset of its text in that paragraph."""
    paragraphs: list[int] = []
    offsets: list[int] = []
    block = doc.begin()
    paragraph, offset, prev_len = -1, 0, 0
    while block.isValid():
        if paragraph >= 0 and continues(block.blockFormat()):
            offset += prev_len
        else:
            paragraph, offset = paragraph + 1, 0
        paragraphs.append(paragraph)
        offsets.append(offset)
        prev_len = block.length() - 1
        block = block.next()
    return paragraphs, offsets


def _starts(doc: QTextDocument) -> tuple[list[int], list[int]] | None:
    """None for a document without continued blocks: blocks are paragraphs."""
    if not doc.property(CHUNKED):
        return None
    # Kept on the document's own Python object for its revision (each edit makes a new one).
    cached = getattr(doc, "_block_starts", None)
    if cached is None or cached[0] != doc.revision() or len(cached[1][0]) != doc.blockCount():
        cached = (doc.revision(), _block_starts(doc))
        doc._block_starts = cached  # type: ignore[attr-defined]  # kept on the wrapper, not declared by Qt
    return cached[1]  # type: ignore[no-any-return]


def to_paragraph(doc: QTextDocument, block: int, pos: int) -> tuple[int, int]:
    """A block number and a position in it as the paragraph number and the offset in it."""
    starts = _starts(doc)
    if starts is None or not 0 <= block < len(starts[0]):
        return block, pos
    return starts[0][block], starts[1][block] + pos


def to_block(doc: QTextDocument, paragraph: int, offset: int) -> tuple[int, int]:
    """A paragraph number and an offset in it as the block holding it and the position there
    (an offset at a block's end: the end of that block, not the next one's start)."""
    starts = _starts(doc)
    if starts is None:
        return paragraph, offset
    paragraphs, offsets = starts

    first = bisect.bisect_left(paragraphs, paragraph)  # paragraphs are ascending
    if first >= len(paragraphs) or paragraphs[first] != paragraph:
        return len(paragraphs), offset  # no such paragraph: an invalid block, as findBlockByNumber's
    last = bisect.bisect_right(paragraphs, paragraph) - 1
    n = first
    while n < last and offsets[n + 1] < offset:
        n += 1
    return n, offset - offsets[n]


def paragraph_blocks(doc: QTextDocument, paragraph: int) -> range:
    """The blocks showing a paragraph."""
    starts = _starts(doc)
    if starts is None:
        return range(paragraph, paragraph + 1)

    return range(bisect.bisect_left(starts[0], paragraph), bisect.bisect_right(starts[0], paragraph))


def paragraph_texts(doc: QTextDocument) -> list[str]:
    """The text of each paragraph (a long paragraph's blocks joined)."""
    chunked = bool(doc.property(CHUNKED))
    texts: list[list[str]] = []
    block = doc.begin()
    while block.isValid():
        if chunked and texts and continues(block.blockFormat()):
            texts[-1].append(block.text())
        else:
            texts.append([block.text()])
        block = block.next()
    return ["".join(parts) for parts in texts]


def doc_position(doc: QTextDocument, paragraph: int, offset: int) -> int | None:
    """The document position of an offset in a paragraph (None: no such paragraph)."""
    n, pos = to_block(doc, paragraph, offset)
    block = doc.findBlockByNumber(n)
    return block.position() + min(pos, block.length() - 1) if block.isValid() else None
