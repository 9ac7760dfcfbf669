"""How a narrative pane draws its text: heading looks by paragraph kind, and a tint with a wavy
underline under every span a finding points at.

The looks are display only (formats of each block's layout, as QSyntaxHighlighter sets them,
never saved), so the 黑体/楷体 of headings and the finding tints never leak into the report.

Not a QSyntaxHighlighter: that one tells the document's layout of every block it formats, one
by one, and each such notice lays out again everything after the block — a section pasted into
itself to 1.9 million characters froze its first show for a minute.  Here the blocks are
formatted in slices of a few milliseconds between events, those on screen first, and the layout
hears once of each stretch of neighbouring blocks that changed; a section of ordinary length is
done within the first slice, at once (benchmarks/bench_huge_section.py).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from app.findings import Finding, Severity
from app.report import ParaKind
from ui import longpara, paraformat
from ui.resources import HEADING1_FAMILIES, HEADING2_FAMILIES, Colors

_LEAD = re.compile(r"^[^。！？]*[。！？]?")  # a （一） heading's leading sentence
Spans = dict[int, list[tuple[int, int, Severity]]]  # paragraph -> (start, end, severity)
TO_END = 1 << 30
SLICE_MS = 12  # formatting work per turn of the event loop: typing and scrolling stay smooth
# An edit touching more blocks than this (a paste of a long text, a report replaced) is
# formatted in slices too; one keystroke's block is formatted at once, before it is painted.
AT_ONCE_BLOCKS = 64


def finding_spans(findings: list[Finding]) -> Spans:
    spans: Spans = {}
    for f in findings:
        s = f.location.span
        if s is None:
            continue
        if s.last is None or s.last == s.paragraph:  # most: one paragraph (thousands in a huge section)
            spans.setdefault(s.paragraph, []).append((s.start, s.end, f.severity))
            continue
        # A passage over several paragraphs: to the end of each but its last (the
        # highlighter clips a format at its paragraph's end).
        for p, start, end in s.parts({p: TO_END for p in range(s.paragraph, s.last_paragraph)}):
            spans.setdefault(p, []).append((start, end, f.severity))
    for marks in spans.values():  # the graver drawn last, over the milder: an error under a
        if len(marks) > 1:  # 与上年相同 hint keeps its red
            marks.sort(key=lambda m: m[2])
    return spans


class SectionHighlighter(QObject):
    """Heading looks by paragraph kind, and a tint under each text finding's span."""

    def __init__(self, doc: QTextDocument, parent: QObject | None = None) -> None:
        """``parent``: the view drawing ``doc`` (the slices stop with it); else the document."""
        super().__init__(parent or doc)
        self._doc = doc
        self.spans: Spans = {}
        self.moved = False  # spans moved with an edit since the findings were set (_follow_edit)
        self._h1 = QTextCharFormat()
        self._h1.setFontFamilies(HEADING1_FAMILIES)
        self._h2 = QTextCharFormat()
        self._h2.setFontFamilies(HEADING2_FAMILIES)
        # Still to format: every block from ``_scan`` on (-1: none), in order; a few single
        # blocks (``_pending``: those whose marks changed); blocks past ``_scan`` already done
        # out of order, being on screen (``_ahead``).
        self._scan = -1
        self._pending: set[int] = set()
        self._ahead: set[int] = set()
        # The blocks on screen, (first, last): formatted before the others.
        self.visible: Callable[[], tuple[int, int]] | None = None
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._slice)
        self._blocks = doc.blockCount()
        doc.contentsChange.connect(self._contents_change)
        self.rehighlight()

    # -- what to format ---------------------------------------------------------------------------
    def rehighlight(self) -> None:
        """Every block again."""
        self._from(0)
        self._slice()

    def set_findings(self, findings: list[Finding]) -> None:
        self.moved = False
        spans = finding_spans(findings)
        old = self.spans
        changed = {p for p, marks in spans.items() if old.get(p) != marks}
        changed.update(p for p in old if p not in spans)
        self.spans = spans
        if self._doc.property(longpara.CHUNKED):  # paragraphs to the blocks showing them
            changed = {n for p in changed for n in longpara.paragraph_blocks(self._doc, p)}
        # Only the paragraphs whose marks changed: after a keystroke that is one or none.
        if len(changed) > AT_ONCE_BLOCKS:
            self._from(min(changed))
        else:
            self._pending |= changed
        self._slice()

    def pending(self) -> int:
        """How many blocks are still to be formatted (0: every block shows its looks)."""
        scan = self._doc.blockCount() - self._scan - len(self._ahead) if self._scan >= 0 else 0
        return len(self._pending) + max(0, scan)

    def finish(self) -> None:
        """Format whatever is left now (a print, a test)."""
        while self.pending():
            self._slice(whole=True)

    def _from(self, block: int) -> None:
        """Every block from ``block`` on is to be formatted again."""
        self._scan = block if self._scan < 0 else min(self._scan, block)
        self._pending = {n for n in self._pending if n < self._scan}
        self._ahead.clear()

    def _contents_change(self, position: int, removed: int, added: int) -> None:
        """Typed, pasted, undone or loaded: the blocks it touched are formatted again."""
        doc = self._doc
        count = doc.blockCount()
        first = max(0, doc.findBlock(position).blockNumber())
        end = doc.findBlock(position + added)
        last = end.blockNumber() if end.isValid() else count - 1
        moved, self._blocks = count != self._blocks, count
        # (A change of the whole text is a load, or a view telling its layout of the text: no edit.)
        if not moved and first == last and added != removed and added < doc.characterCount() - 1:
            self._follow_edit(first, position, removed, added)
        if moved and (self._scan >= 0 or any(n >= first for n in self._pending)):
            # Blocks came or went while others wait: those waiting have new numbers.
            self._from(first)
        elif last - first >= AT_ONCE_BLOCKS:  # a long paste, a section loaded
            self._from(first)
        else:
            self._pending.update(range(first, last + 1))
        # Only the blocks edited and those on screen now: Qt is telling of this edit, and any
        # block formatted meanwhile joins the stretch it lays out again (one far down: every
        # block between, 0.7 s in 7,500 paragraphs).  The others follow from the event loop.
        self._slice(first=range(first, last + 1) if last - first < AT_ONCE_BLOCKS else range(0), near=True)

    def _follow_edit(self, block_number: int, position: int, removed: int, added: int) -> None:
        """An edit inside one block: the marks after it move with the text until the checks of
        the new text come.  Else a keystroke early in a long paragraph would leave every later
        block's marks a character off, each formatted and laid out again (then once more when
        the findings come): seconds of work behind every keystroke in 1.9 million characters."""
        block = self._doc.findBlockByNumber(block_number)
        paragraph, at = longpara.to_paragraph(self._doc, block_number, position - block.position())
        marks = self.spans.get(paragraph)
        if not marks:
            return
        delta, gone = added - removed, at + removed
        moved: list[tuple[int, int, Severity]] = []
        for start, end, severity in marks:
            if end <= at and not (end == at and removed == 0 and start < at):
                moved.append((start, end, severity))  # before the edit (typing at a mark's end extends it)
                continue
            new_start = start if start < at else (at if start < gone else start + delta)
            new_end = end if end >= TO_END else (end + delta if end >= gone else at)
            if new_start < new_end:
                moved.append((new_start, new_end, severity))
        self.spans = {**self.spans, paragraph: moved}
        self.moved = True  # the next findings are applied whether or not they changed (set_findings)

    # -- formatting -------------------------------------------------------------------------------
    def _slice(self, first: range = range(0), whole: bool = False, near: bool = False) -> None:
        """Format waiting blocks — ``first``, those on screen, the single ones, then in order —
        for about SLICE_MS (at least one more each time), or all of them (``whole``); ``near``:
        ``first`` and those on screen only, the others later."""
        if not self._pending and self._scan < 0:
            return
        deadline = None if whole else time.perf_counter() + SLICE_MS / 1000
        doc = self._doc
        count = doc.blockCount()
        # The layout hears of each stretch of neighbouring blocks whose looks changed once, as
        # the next stretch begins: Qt joins what it has not yet heard of into one stretch, and
        # two blocks far apart would have it lay out every block between them again (0.8 s in
        # a section of 1.9 million characters, for a keystroke's marks).
        stretch = [-1, -1]

        def tell() -> None:
            if stretch[0] >= 0:
                doc.markContentsDirty(stretch[0], stretch[1] - stretch[0])
            stretch[0] = stretch[1] = -1

        def take(n: int) -> None:
            block = doc.findBlockByNumber(n)
            if not block.isValid():
                return
            start, end = block.position(), block.position() + block.length()
            if stretch[0] >= 0 and not stretch[0] <= start <= stretch[1]:
                tell()  # before setFormats below: it adds the block to what Qt has not heard of
            if self._format(block):
                stretch[0] = start if stretch[0] < 0 else stretch[0]
                stretch[1] = max(stretch[1], end)

        def waiting(n: int) -> bool:
            if n in self._pending:
                self._pending.discard(n)
                return True
            if 0 <= self._scan <= n < count and n not in self._ahead:
                self._ahead.add(n)
                return True
            return False

        on_screen = range(0)
        if self.visible is not None:
            top, bottom = self.visible()
            on_screen = range(max(0, top), min(count, bottom + 1))
        for n in (*first, *on_screen):
            if waiting(n):
                take(n)
        if near:
            tell()
            if self._pending or self._scan >= 0:
                self._timer.start()
            return
        more = [1]  # at least one block beyond those on screen, however busy the machine

        def go_on() -> bool:
            if deadline is None or more[0] > 0 or time.perf_counter() < deadline:
                more[0] -= 1
                return True
            return False

        for n in sorted(self._pending):
            if not go_on():
                break
            self._pending.discard(n)
            take(n)
        while self._scan >= 0 and go_on():
            if self._scan >= count:
                self._scan = -1
                self._ahead.clear()
                break
            n = self._scan
            self._scan += 1
            if n in self._ahead:
                self._ahead.discard(n)
            else:
                take(n)
        tell()
        if self._pending or self._scan >= 0:
            self._timer.start()

    def _format(self, block: QTextBlock) -> bool:
        """Set the block's looks; True if they changed."""
        layout = block.layout()
        ranges = self._ranges(block)
        old = layout.formats()
        if len(old) == len(ranges) and all(_same(a, b) for a, b in zip(old, ranges, strict=True)):
            return False
        layout.setFormats(ranges)
        return True

    def _ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        paragraph, offset = longpara.to_paragraph(self._doc, block.blockNumber(), 0)
        marks = self.spans.get(paragraph, [])
        kind = paraformat.block_kind(block.blockFormat())
        if not marks and kind not in (ParaKind.HEADING1, ParaKind.HEADING2):
            return []
        text = block.text()
        if offset:  # a block continuing a long paragraph: its share of the paragraph's marks
            marks = [(max(0, a - offset), b - offset, sev) for a, b, sev in marks if b > offset and a - offset < len(text)]
        # The block as segments of one base format: the heading look, then plain text.
        head_end = len(text) if kind is ParaKind.HEADING1 else 0
        if kind is ParaKind.HEADING2 and not offset:  # the lead is the paragraph's, not a block's
            head_end = len(_LEAD.match(text).group(0))  # type: ignore[union-attr]
        base = self._h1 if kind is ParaKind.HEADING1 else self._h2
        out: list[QTextLayout.FormatRange] = []
        if head_end:
            out.append(_range(0, head_end, base))
        for start, end, severity in marks:
            end = min(end, len(text))
            for seg_start, seg_end, seg_base in ((0, head_end, base), (head_end, len(text), None)):
                lo, hi = max(start, seg_start), min(end, seg_end)
                if lo < hi:
                    out.append(_range(lo, hi - lo, finding_format(seg_base, severity)))
        return out


def _same(a: QTextLayout.FormatRange, b: QTextLayout.FormatRange) -> bool:
    return bool(a.start == b.start and a.length == b.length and a.format == b.format)  # type: ignore[attr-defined]


def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    # PySide6 6.9's stubs omit FormatRange's fields; they exist at runtime.
    r.start, r.length, r.format = start, length, fmt  # type: ignore[attr-defined]
    return r


def finding_format(base: QTextCharFormat | None, severity: Severity) -> QTextCharFormat:
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    if severity is Severity.INFO:  # a hint (与上年相同): a quiet tint, no alarm underline
        fmt.setBackground(Colors.TEXT_INFO_BG)
        return fmt
    error = severity is Severity.ERROR
    fmt.setBackground(Colors.TEXT_ERROR_BG if error else Colors.TEXT_WARNING_BG)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(Colors.ERROR if error else Colors.WARNING)
    return fmt
