"""How a narrative pane draws its text: heading looks by paragraph kind, and a tint with a wavy
underline under every span a finding points at.

The looks are display only (QSyntaxHighlighter formats are never saved), so the 黑体/楷体 of
headings and the finding tints never leak into the report.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from app.findings import Finding, Severity
from app.report import ParaKind
from ui import richtext
from ui.resources import HEADING1_FAMILIES, HEADING2_FAMILIES, Colors

_LEAD = re.compile(r"^[^。！？]*[。！？]?")  # a （一） heading's leading sentence
Spans = dict[int, list[tuple[int, int, Severity]]]  # paragraph -> (start, end, severity)
TO_END = 1 << 30


def finding_spans(findings: list[Finding]) -> Spans:
    spans: Spans = {}
    for f in findings:
        s = f.location.span
        if s is not None:
            # A passage over several paragraphs: to the end of each but its last (the
            # highlighter clips a format at its paragraph's end).
            for p, start, end in s.parts({p: TO_END for p in range(s.paragraph, s.last_paragraph)}):
                spans.setdefault(p, []).append((start, end, f.severity))
    for marks in spans.values():  # the graver drawn last, over the milder: an error under a
        marks.sort(key=lambda m: m[2])  # 与上年相同 hint keeps its red
    return spans


class SectionHighlighter(QSyntaxHighlighter):
    """Heading looks by paragraph kind, and a tint under each text finding's span."""

    def __init__(self, doc: QTextDocument) -> None:
        super().__init__(doc)
        self.spans: Spans = {}
        self._h1 = QTextCharFormat()
        self._h1.setFontFamilies(HEADING1_FAMILIES)
        self._h2 = QTextCharFormat()
        self._h2.setFontFamilies(HEADING2_FAMILIES)

    def set_findings(self, findings: list[Finding]) -> None:
        spans = finding_spans(findings)
        changed = {p for p in spans.keys() | self.spans.keys() if spans.get(p) != self.spans.get(p)}
        self.spans = spans
        doc = self.document()
        # Only the paragraphs whose marks changed: after a keystroke that is one or none.
        for paragraph in sorted(changed):
            block = doc.findBlockByNumber(paragraph)
            if block.isValid():
                self.rehighlightBlock(block)

    def highlightBlock(self, text: str) -> None:
        kind = richtext.block_kind(self.currentBlock().blockFormat())
        # The block as segments of one base format: the heading look, then plain text.
        head_end = len(text) if kind is ParaKind.HEADING1 else 0
        if kind is ParaKind.HEADING2:
            head_end = len(_LEAD.match(text).group(0))  # type: ignore[union-attr]
        base = self._h1 if kind is ParaKind.HEADING1 else self._h2
        if head_end:
            self.setFormat(0, head_end, base)
        for start, end, severity in self.spans.get(self.currentBlock().blockNumber(), []):
            end = min(end, len(text))
            for seg_start, seg_end, seg_base in ((0, head_end, base), (head_end, len(text), None)):
                lo, hi = max(start, seg_start), min(end, seg_end)
                if lo < hi:
                    self.setFormat(lo, hi - lo, finding_format(seg_base, severity))


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
