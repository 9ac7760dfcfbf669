"""Narrative paragraphs <-> QTextDocument.

A block carries its paragraph kind as a block property; its look (黑体 for 一、, 楷体 for the
lead of （一）) is drawn by the highlighter in ui/narrative.py, so display fonts never leak into
the report.  Only bold, italic and underline travel between the two sides.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QMimeData
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.report import HEADING1_NUMBER, HEADING2_NUMBER, Paragraph, ParaKind, Run
from ui.resources import BODY_FAMILIES

KIND_PROPERTY = QTextFormat.Property.UserProperty + 1
# A paragraph far longer than any a report has (a text pasted by mistake, 1.9 million characters)
# is shown as blocks of about CHUNK_CHARS, each after the first marked as continuing it: Qt lays a
# block out whole, and one of a million characters took seconds to show and seconds after each
# keystroke.  The report still has one paragraph (document_to_paragraphs joins them again);
# paragraph numbers and offsets map to blocks through ``to_block``/``to_paragraph``.
CONTINUES_PROPERTY = QTextFormat.Property.UserProperty + 2
CHUNKED = "chunked"  # a dynamic property of a document that has had such blocks (else: identity maps)
LONG_PARAGRAPH = 20_000
CHUNK_CHARS = 4_000
_SENTENCE_END = re.compile(r"[。！？；!?;]")
BODY_POINT_SIZE = 13.0
_DROPPED = str.maketrans({"\u2028": "", "\u2029": "", "\ufffc": "", "\u00a0": " "})
_DROPPED_RE = re.compile("[\u2028\u2029\ufffc\u00a0]")
T = TypeVar("T")


def body_font() -> QFont:
    font = QFont()
    font.setFamilies(BODY_FAMILIES)
    font.setPointSizeF(BODY_POINT_SIZE)
    return font


def setup_document(doc: QTextDocument, compact: bool = False) -> None:
    doc.setDefaultFont(body_font())
    doc.setDocumentMargin(4 if compact else 24)


def block_format(kind: ParaKind, doc: QTextDocument | None = None) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(KIND_PROPERTY, kind.value)
    font = doc.defaultFont() if doc is not None else body_font()
    fmt.setTextIndent(2 * QFontMetricsF(font).horizontalAdvance("中"))  # 首行缩进两字
    fmt.setLineHeight(160, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    fmt.setBottomMargin(4)
    return fmt


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


def _watched(doc: QTextDocument) -> None:
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
                out.append(_paragraph(runs, kind, False))
            runs, kind = [], block_kind(block.blockFormat()) or ParaKind.BODY
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            at = frag.position()
            lo, hi = max(at, start), min(at + frag.length(), end)
            if frag.isValid() and lo < hi:
                fmt = frag.charFormat()
                runs.append(Run(_clean(frag.text()[lo - at:hi - at]), bold=fmt.fontWeight() >= QFont.Weight.DemiBold.value,
                                italic=fmt.fontItalic(), underline=fmt.fontUnderline()))
            it += 1
        block = block.next()
    if kind is not None:
        out.append(_paragraph(runs, kind, False))
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
            cursor.insertText(_clean(run.text), char_format(run))


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


def char_format(run: Run) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if run.bold else QFont.Weight.Normal)
    fmt.setFontItalic(run.italic)
    fmt.setFontUnderline(run.underline)
    return fmt


def block_kind(fmt: QTextBlockFormat) -> ParaKind | None:
    if not fmt.hasProperty(KIND_PROPERTY):
        return None  # (asking for a missing property would hand PySide an invalid QVariant)
    value = fmt.property(KIND_PROPERTY)
    try:
        return ParaKind(value) if value else None
    except ValueError:
        return None


def guess_kind(text: str) -> ParaKind:
    """A pasted paragraph's kind from its numbering (一、 or （一）)."""
    text = text.lstrip(" \u3000\t")
    if HEADING1_NUMBER.match(text):
        return ParaKind.HEADING1
    if HEADING2_NUMBER.match(text):
        return ParaKind.HEADING2
    return ParaKind.BODY


def paragraphs_to_document(doc: QTextDocument, paragraphs: list[Paragraph]) -> None:
    """The document holds ``paragraphs`` (and nothing else).  One edit block: the layout and
    the highlighter hear of the whole once, not of each paragraph (a long section loads in a
    fraction of a second, not in minutes)."""
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    formats = {kind: block_format(kind, doc) for kind in ParaKind}  # one each: made 100,000 times otherwise
    plain = QTextCharFormat()
    cursor.setBlockFormat(formats[paragraphs[0].kind if paragraphs else ParaKind.BODY])
    _insert_runs(cursor, paragraphs[:1])
    for para in paragraphs[1:]:
        cursor.insertBlock(formats[para.kind], plain)
        _insert_runs(cursor, [para])
    cursor.endEditBlock()
    _watched(doc)
    _prime_paragraphs(doc, paragraphs)


def _insert_runs(cursor: QTextCursor, paragraphs: list[Paragraph]) -> None:
    for para in paragraphs:
        cuts = chunk_cuts(para.text)
        if not cuts:
            for run in para.runs:
                cursor.insertText(_clean(run.text), char_format(run))
            continue
        # A paragraph far too long for one block: in blocks continuing it (see CONTINUES_PROPERTY).
        watch(cursor.document())
        continued = continued_format(cursor.blockFormat())
        at, cut = 0, iter([*cuts, len(para.text) + 1])
        nxt = next(cut)
        for run in para.runs:
            text, fmt = run.text, char_format(run)
            while at + len(text) >= nxt and nxt <= len(para.text):
                head = nxt - at
                cursor.insertText(_clean(text[:head]), fmt)
                cursor.insertBlock(continued, QTextCharFormat())
                text, at = text[head:], nxt
                nxt = next(cut)
            if text:
                cursor.insertText(_clean(text), fmt)
            at += len(text)


def _clean(text: str) -> str:
    # str.translate looks up every character: a megabyte paragraph is searched first, in C.
    return text.translate(_DROPPED) if _DROPPED_RE.search(text) else text


_FOLDED = (-1, -1)  # _PerBlock.pending: the range told was taken in before its contentsChanged came


class _PerBlock(Generic[T]):
    """A value of each block (its paragraph, its count of characters), read again after an
    edit only for the blocks it changed: after a keystroke the one typed in, not all 10,000."""

    def __init__(self, doc: QTextDocument, value: Callable[[QTextBlock], T],
                 whole: Callable[[QTextDocument], list[T] | None] | None = None) -> None:
        self.doc = doc
        self.value = value
        self.whole = whole  # every block's value at once, faster (None: it cannot tell)
        self.values: list[T] | None = None  # as last read, one per block
        self.lazy: Callable[[], list[T]] | None = None  # or, known from a load: made when first needed
        self.dirty: tuple[int, int] | None = None  # blocks unchanged since: so many first, so many last
        # Qt tells the range of a change (contentsChange) only to a document with a layout,
        # just before it tells that there was one (contentsChanged): a change without its range
        # (no view yet) leaves nothing known, and all is read again.  A range told alone is no
        # edit (a view made the layout, which hears of the whole text).
        self.pending: tuple[int, int] | None = None
        doc.contentsChange.connect(self._range)
        doc.contentsChanged.connect(self._changed)

    def _range(self, position: int, removed: int, added: int) -> None:
        doc = self.doc
        count = doc.blockCount()
        first = max(0, doc.findBlock(position).blockNumber())
        end = doc.findBlock(position + added)
        last = end.blockNumber() if end.isValid() else count - 1
        self.pending = first, max(0, count - 1 - last)

    def _changed(self) -> None:
        pending, self.pending = self.pending, None
        if pending is _FOLDED:  # read() already took this change in
            return
        if pending is None:
            self.values = self.lazy = None
        elif self.values is not None or self.lazy is not None:
            head, tail = pending
            if self.dirty is not None:
                head, tail = min(head, self.dirty[0]), min(tail, self.dirty[1])
            self.dirty = head, tail

    def prime(self, values: Callable[[], list[T]]) -> None:
        """The values of the blocks as they are now, known without reading them (made when
        first needed: not while the page is being shown)."""
        self.values, self.lazy, self.dirty, self.pending = None, values, None, None

    def read(self) -> list[T]:
        doc = self.doc
        if self.pending is not None and self.pending is not _FOLDED:
            # Read by a slot of the same contentsChanged, called before ours (a QTextEdit's
            # textChanged, connected first): the change is taken in now, or the values read
            # would be of the text before it (the 字数 one edit behind after a fix or an undo).
            self._changed()
            self.pending = _FOLDED
        if self.lazy is not None:
            self.values, self.lazy = self.lazy(), None
        count, old = doc.blockCount(), self.values
        head, tail = self.dirty if self.dirty is not None else (count, 0)
        if old is None or head + tail > min(count, len(old)) or (self.dirty is None and count != len(old)):
            out = self.whole(doc) if self.whole is not None else None
            if out is None:
                out = _read_blocks(doc.begin(), count, self.value)
        else:
            middle = _read_blocks(doc.findBlockByNumber(head), count - tail - head, self.value)
            out = [*old[:head], *middle, *old[len(old) - tail:]]
        self.values, self.dirty = out, None
        return out


def _reader(doc: QTextDocument, name: str, value: Callable[[QTextBlock], T],
            whole: Callable[[QTextDocument], list[T] | None] | None = None) -> _PerBlock[T]:
    reader = getattr(doc, name, None)
    if reader is None:
        reader = _PerBlock(doc, value, whole)
        setattr(doc, name, reader)  # kept on the document's wrapper
    return reader  # type: ignore[no-any-return]


def _per_block(doc: QTextDocument, name: str, value: Callable[[QTextBlock], T],
               whole: Callable[[QTextDocument], list[T] | None] | None = None) -> list[T]:
    return _reader(doc, name, value, whole).read()


def _prime_paragraphs(doc: QTextDocument, paragraphs: list[Paragraph]) -> None:
    """Just loaded: the paragraphs as reading the blocks would give them, without reading
    10,000 blocks at the first pause in typing.  Only when each is one block of the same
    length (no line break in a paragraph's text made more blocks of it)."""
    if doc.property(CHUNKED) or len(paragraphs) != doc.blockCount():
        return
    if sum(len(_clean(r.text)) for p in paragraphs for r in p.runs) + len(paragraphs) != doc.characterCount():
        return
    # Their runs now (the report's paragraphs are replaced by edits, not changed in place).
    runs = [(p.kind, [(r.text, r.bold, r.italic, r.underline) for r in p.runs]) for p in paragraphs]

    def read() -> list[Paragraph]:
        return [_paragraph([Run(_clean(t), b, i, u) for t, b, i, u in rs], kind, False) for kind, rs in runs]

    _reader(doc, "_paragraph_reader", _block_paragraph).prime(read)


def current_paragraphs(doc: QTextDocument) -> list[Paragraph]:
    """document_to_paragraphs(doc), reading again only the blocks changed since the last call."""
    if doc.property(CHUNKED):
        return document_to_paragraphs(doc)  # a long paragraph's blocks: read whole
    return list(_per_block(doc, "_paragraph_reader", _block_paragraph))


def visible_count(doc: QTextDocument) -> int:
    """How many characters are not white space (str.split's), counting again only the blocks
    changed since the last call (the whole text copied each keystroke: 40 ms in 1.9 million)."""
    return sum(_per_block(doc, "_count_reader", _block_count, _line_counts))


def _line_counts(doc: QTextDocument) -> list[int] | None:
    """Every block's count from the plain text at once (a line a block, unless a block holds
    a line separator)."""
    lines = doc.toPlainText().split("\n")
    return [sum(map(len, line.split())) for line in lines] if len(lines) == doc.blockCount() else None


def _block_count(block: QTextBlock) -> int:
    return sum(map(len, block.text().split()))


def _block_paragraph(block: QTextBlock) -> Paragraph:
    return _paragraph(_block_runs(block), block_kind(block.blockFormat()) or ParaKind.BODY, False)


def _read_blocks(block: QTextBlock, n: int, value: Callable[[QTextBlock], T]) -> list[T]:
    """The value of ``n`` blocks from ``block`` on."""
    out: list[T] = []
    for _ in range(n):
        out.append(value(block))
        block = block.next()
    return out


def _block_runs(block: QTextBlock) -> list[Run]:
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        if frag.isValid():
            fmt = frag.charFormat()
            runs.append(Run(_clean(frag.text()), bold=fmt.fontWeight() >= QFont.Weight.DemiBold.value,
                            italic=fmt.fontItalic(), underline=fmt.fontUnderline()))
        it += 1
    return runs


def document_to_paragraphs(doc: QTextDocument, guess: bool = False) -> list[Paragraph]:
    """Every block is a paragraph (empty ones too, so paragraph numbers match the blocks), but
    those continuing a long paragraph (CONTINUES_PROPERTY) join it."""
    out: list[Paragraph] = []
    chunked = bool(doc.property(CHUNKED))
    runs: list[Run] = []
    kind: ParaKind | None = None
    block = doc.begin()
    while block.isValid():
        if not (chunked and kind is not None and continues(block.blockFormat())):
            if kind is not None:
                out.append(_paragraph(runs, kind, guess))
            runs = []
            kind = block_kind(block.blockFormat()) or ParaKind.BODY
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid():
                fmt = frag.charFormat()
                runs.append(
                    Run(
                        _clean(frag.text()),
                        bold=fmt.fontWeight() >= QFont.Weight.DemiBold.value,
                        italic=fmt.fontItalic(),
                        underline=fmt.fontUnderline(),
                    )
                )
            it += 1
        block = block.next()
    if kind is not None:
        out.append(_paragraph(runs, kind, guess))
    return out


def _paragraph(runs: list[Run], kind: ParaKind, guess: bool) -> Paragraph:
    if len(runs) > 64:  # a long paragraph's blocks: neighbours of one style joined at once, not pairwise
        joined: list[Run] = []
        group: list[Run] = []
        for run in runs:
            if group and not group[0].same_style(run):
                joined.append(Run("".join(r.text for r in group), group[0].bold, group[0].italic, group[0].underline))
                group = []
            group.append(run)
        if group:
            joined.append(Run("".join(r.text for r in group), group[0].bold, group[0].italic, group[0].underline))
        runs = joined
    para = Paragraph(runs, ParaKind.BODY).normalized()
    para.kind = guess_kind(para.text) if guess else kind
    return para


def mime_to_paragraphs(mime: QMimeData) -> list[Paragraph]:
    """Pasted content as paragraphs with b/i/u only; blank lines and leading indents dropped."""
    if mime.hasHtml():
        tmp = QTextDocument()
        # A line break in pasted HTML starts a paragraph: the report has no line breaks.
        tmp.setHtml(re.sub(r"<br\s*/?>", "</p><p>", mime.html(), flags=re.IGNORECASE))
        paragraphs = document_to_paragraphs(tmp, guess=True)
    else:
        paragraphs = [Paragraph.plain(line, guess_kind(line)) for line in mime.text().splitlines()]
    out = []
    for para in paragraphs:
        if not para.text.strip():
            continue
        while para.runs and not para.runs[0].text.lstrip(" \u3000\t"):
            para.runs.pop(0)
        para.runs[0].text = para.runs[0].text.lstrip(" \u3000\t")
        out.append(para)
    return out


def insert_paragraphs(cursor: QTextCursor, paragraphs: list[Paragraph]) -> None:
    """Paste: the first paragraph joins the current one; the others become new blocks."""
    doc = cursor.document()
    cursor.beginEditBlock()
    if cursor.hasSelection():
        remove_selection(cursor)
    for i, para in enumerate(paragraphs):
        if i:
            cursor.insertBlock(block_format(para.kind, doc), QTextCharFormat())
        _insert_runs(cursor, [para])
    cursor.endEditBlock()
