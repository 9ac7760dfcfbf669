"""A report paragraph as a QTextDocument block.

A block carries its paragraph kind as a block property; its look (黑体 for 一、, 楷体 for the
lead of （一）) is drawn by the highlighter in ui/narrative.py, so display fonts never leak into
the report.  Only bold, italic and underline travel between the two sides.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QFontMetricsF, QTextBlockFormat, QTextCharFormat, QTextDocument, QTextFormat

from app.report import Paragraph, ParaKind, Run, numbered_kind
from ui.resources import BODY_FAMILIES

KIND_PROPERTY = QTextFormat.Property.UserProperty + 1
BODY_POINT_SIZE = 13.0
# Qt's own characters, none of them the user's text: its line and paragraph separators and the
# object mark.  No-break spaces (U+00A0, U+202F) and the full-width U+3000 are typed text and are
# kept: the .docx holds them as they are, and a reviewer's 不间断空格 must come back as typed.
_DROPPED = str.maketrans({"\u2028": "", "\u2029": "", "\ufffc": ""})
_DROPPED_RE = re.compile("[\u2028\u2029\ufffc]")


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


def run_of(text: str, fmt: QTextCharFormat) -> Run:
    """Text in ``fmt`` as the report's run (char_format's inverse): its b/i/u, nothing else."""
    return Run(clean_text(text), bold=fmt.fontWeight() >= QFont.Weight.DemiBold.value,
               italic=fmt.fontItalic(), underline=fmt.fontUnderline())


def block_kind(fmt: QTextBlockFormat) -> ParaKind | None:
    if not fmt.hasProperty(KIND_PROPERTY):
        return None  # (asking for a missing property would hand PySide an invalid QVariant)
    value = fmt.property(KIND_PROPERTY)
    try:
        return ParaKind(value) if value else None
    except ValueError:
        return None


def guess_kind(text: str) -> ParaKind:
    """A pasted paragraph's kind from its numbering (一、 or （一）), as the reader judges another's
    file: a long “四、…” paragraph pasted is body text, never a heading (app.report.numbered_kind)."""
    return numbered_kind(text.strip(" \u3000\t"))


def clean_text(text: str) -> str:
    # str.translate looks up every character: a megabyte paragraph is searched first, in C.
    return text.translate(_DROPPED) if _DROPPED_RE.search(text) else text


def paragraph_of(runs: list[Run], kind: ParaKind, guess: bool) -> Paragraph:
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
