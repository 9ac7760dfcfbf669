"""Narrative paragraphs <-> QTextDocument: a section loaded into its document, read back (only
the blocks an edit changed), pasted into.  How a paragraph looks there is ui/paraformat.py; a
paragraph over LONG_PARAGRAPH characters is shown as blocks continuing it (ui/longpara.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument

from app.pastetidy import tidy_runs
from app.report import Paragraph, ParaKind, Run
from ui.longpara import (
    CHUNKED,
    chunk_cuts,
    continued_format,
    continues,
    remove_selection,
    rescan_continued,
    watch,
)
from ui.paraformat import block_format, block_kind, char_format, clean_text, guess_kind, paragraph_of, run_of
from ui.pasting import join_rows, paste_note, section_headings, table_rows, text_rows

T = TypeVar("T")


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
    rescan_continued(doc)
    _prime_paragraphs(doc, paragraphs)


def _insert_runs(cursor: QTextCursor, paragraphs: list[Paragraph]) -> None:
    for para in paragraphs:
        cuts = chunk_cuts(para.text)
        if not cuts:
            for run in para.runs:
                cursor.insertText(clean_text(run.text), char_format(run))
            continue
        # A paragraph far too long for one block: in blocks continuing it (ui/longpara.py).
        watch(cursor.document())
        continued = continued_format(cursor.blockFormat())
        at, cut = 0, iter([*cuts, len(para.text) + 1])
        nxt = next(cut)
        for run in para.runs:
            text, fmt = run.text, char_format(run)
            while at + len(text) >= nxt and nxt <= len(para.text):
                head = nxt - at
                cursor.insertText(clean_text(text[:head]), fmt)
                cursor.insertBlock(continued, QTextCharFormat())
                text, at = text[head:], nxt
                nxt = next(cut)
            if text:
                cursor.insertText(clean_text(text), fmt)
            at += len(text)


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
    if sum(len(clean_text(r.text)) for p in paragraphs for r in p.runs) + len(paragraphs) != doc.characterCount():
        return
    # Their runs now (the report's paragraphs are replaced by edits, not changed in place).
    runs = [(p.kind, [(r.text, r.bold, r.italic, r.underline) for r in p.runs]) for p in paragraphs]

    def read() -> list[Paragraph]:
        return [paragraph_of([Run(clean_text(t), b, i, u) for t, b, i, u in rs], kind, False) for kind, rs in runs]

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
    return paragraph_of(_block_runs(block), block_kind(block.blockFormat()) or ParaKind.BODY, False)


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
            runs.append(run_of(frag.text(), frag.charFormat()))
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
                out.append(paragraph_of(runs, kind, guess))
            runs = []
            kind = block_kind(block.blockFormat()) or ParaKind.BODY
        runs += _block_runs(block)
        block = block.next()
    if kind is not None:
        out.append(paragraph_of(runs, kind, guess))
    return out


# A pasted paragraph's leading indent, dropped (the style indents): spaces, 全角 spaces, tabs and
# the no-break spaces a web page indents with (&nbsp;&nbsp;).  Inside the text they stay.
_INDENT = " \u3000\t\u00a0\u202f"
_LINK = re.compile(r"<(/?)a(?=[\s>/])", re.IGNORECASE)  # <a …> and </a>, not <abbr> <address>


def mime_to_paragraphs(mime: QMimeData) -> list[Paragraph]:
    """Pasted content as paragraphs with b/i/u only; blank lines and leading indents dropped."""
    return mime_to_pasted(mime)[0]


def pasted(source: QMimeData, section: str) -> tuple[list[Paragraph], str | None]:
    """What pasting ``source`` into ``section`` puts in, and the status bar's word on it (None:
    pasted as it came): tables made text, section headings made body text (ui/pasting.py)."""
    paragraphs, tables = mime_to_pasted(source)
    paragraphs, tidied = _tidied(paragraphs)
    paragraphs, headings = section_headings(paragraphs, section)
    return paragraphs, paste_note(tables, headings, tidied)


def _tidied(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], int]:
    """``paragraphs`` without the spaces and invisible characters a copy brought (app/pastetidy.py),
    and at how many places; a paragraph left empty is dropped."""
    out, places = [], 0
    for para in paragraphs:
        texts, n = tidy_runs([run.text for run in para.runs])
        places += n
        for run, text in zip(para.runs, texts, strict=True):
            run.text = text
        para.runs = [run for run in para.runs if run.text]
        if para.runs:
            out.append(para)
    return out, places


def mime_to_pasted(mime: QMimeData) -> tuple[list[Paragraph], int]:
    """``mime_to_paragraphs``, and how many tables it held: each row one paragraph (ui/pasting.py)."""
    if mime.hasHtml():
        tmp = QTextDocument()
        # A link comes in as its text: Qt's own underline of links (a web page's 链接, Word's
        # footnote mark) would be saved in the report.  Made a span, it is no link to Qt nor to
        # a page's `a { … }` rule, and it keeps its own style and an underline around it (a
        # default sheet `a { text-decoration: none }` took that off and lost to a page's rule).
        html = _LINK.sub(r"<\1span", mime.html())
        # A line break in pasted HTML starts a paragraph: the report has no line breaks.
        tmp.setHtml(re.sub(r"<br\s*/?>", "</p><p>", html, flags=re.IGNORECASE))
        paragraphs, tables = join_rows(document_to_paragraphs(tmp, guess=True), table_rows(tmp))
    else:
        rows = text_rows(mime.text().splitlines())
        tables = int(any(row for _line, row in rows))
        paragraphs = [Paragraph.plain(line, ParaKind.BODY if row else guess_kind(line)) for line, row in rows]
    out = []
    for para in paragraphs:
        if not para.text.strip():
            continue
        while para.runs and not para.runs[0].text.lstrip(_INDENT):
            para.runs.pop(0)
        para.runs[0].text = para.runs[0].text.lstrip(_INDENT)
        out.append(para)
    return out, tables


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
