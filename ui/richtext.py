"""Narrative paragraphs <-> QTextDocument.

A block carries its paragraph kind as a block property; its look (黑体 for 一、, 楷体 for the
lead of （一）) is drawn by the highlighter in ui/narrative.py, so display fonts never leak into
the report.  Only bold, italic and underline travel between the two sides.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.report import HEADING1_NUMBER, HEADING2_NUMBER, Paragraph, ParaKind, Run
from ui.resources import BODY_FAMILIES

KIND_PROPERTY = QTextFormat.Property.UserProperty + 1
BODY_POINT_SIZE = 13.0
_DROPPED = str.maketrans({"\u2028": "", "\u2029": "", "\ufffc": "", "\u00a0": " "})
_DROPPED_RE = re.compile("[\u2028\u2029\ufffc\u00a0]")


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


def _insert_runs(cursor: QTextCursor, paragraphs: list[Paragraph]) -> None:
    for para in paragraphs:
        for run in para.runs:
            cursor.insertText(_clean(run.text), char_format(run))


def _clean(text: str) -> str:
    # str.translate looks up every character: a megabyte paragraph is searched first, in C.
    return text.translate(_DROPPED) if _DROPPED_RE.search(text) else text


def document_to_paragraphs(doc: QTextDocument, guess: bool = False) -> list[Paragraph]:
    """Every block is a paragraph (empty ones too, so paragraph numbers match the blocks)."""
    out: list[Paragraph] = []
    block = doc.begin()
    while block.isValid():
        runs: list[Run] = []
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
        para = Paragraph(runs, ParaKind.BODY).normalized()
        para.kind = guess_kind(para.text) if guess else (block_kind(block.blockFormat()) or ParaKind.BODY)
        out.append(para)
        block = block.next()
    return out


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
        cursor.removeSelectedText()
    for i, para in enumerate(paragraphs):
        if i:
            cursor.insertBlock(block_format(para.kind, doc), QTextCharFormat())
        _insert_runs(cursor, [para])
    cursor.endEditBlock()
