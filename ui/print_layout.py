"""The report as a flow of lines and table rows, laid out like ``app/docx/writer.py``: the
title, the sections with their headings, body text at a fixed 28 pt pitch, the statutory
tables, the signature; then paginated into the GB/T 9704 text block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice, QTextCharFormat, QTextLayout, QTextOption

from app.docx.writer import BODY_PT, CHAR_SPACING, LINE_PT, TITLE_PT
from app.report import Paragraph, ParaKind, Report, Run
from app.schema import PREAMBLE, SECTIONS, TABLES
from app.values import format_date
from ui.print_flow import Context, Glue, LineUnit, Page, Unit, paginate
from ui.print_fonts import CHAINS, Role, font, spaced
from ui.print_table import TableLayout

TITLE_PITCH_PT = 35.0  # the writer's title line spacing (2号 glyphs need more than 28 pt)
BODY_SPACING_PT = float(CHAR_SPACING) / 20  # 28 characters of 3号 in the 156 mm line
KAI_END = "。"  # a “（一）” paragraph's lead sentence, in 楷体, ends here
LINE_SEPARATOR = "\u2028"  # QTextLayout's forced line break
_BREAKS = re.compile(r"\r\n|[\r\n\x0b]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")  # would print as boxes

# Word's and LibreOffice's default “autospace”: a quarter em between Chinese and Latin/digits.
AUTOSPACE_EM = 0.25
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_AUTOSPACE = re.compile(f"[{_HAN}](?=[A-Za-z0-9])|[A-Za-z0-9](?=[{_HAN}])")

_JUSTIFY = Qt.AlignmentFlag.AlignJustify
_CENTER = Qt.AlignmentFlag.AlignHCenter
_RIGHT = Qt.AlignmentFlag.AlignRight


@dataclass(frozen=True)
class ParaStyle:
    """A paragraph style of the writer, in the terms this layout needs."""

    role: Role
    size_pt: float = BODY_PT
    pitch_pt: float = LINE_PT
    indent_chars: float = 2.0  # first line
    align: Qt.AlignmentFlag = _JUSTIFY
    spacing_pt: float = BODY_SPACING_PT
    keep_next: bool = False
    autospace: bool = True


BODY = ParaStyle(Role.BODY)
HEADING = ParaStyle(Role.HEI, keep_next=True)
TITLE = ParaStyle(Role.TITLE, TITLE_PT, TITLE_PITCH_PT, 0.0, _CENTER, 0.0)
SIGNATURE = ParaStyle(Role.BODY, indent_chars=0.0, align=_RIGHT, autospace=False)  # as the writer


def clean_text(text: str) -> str:
    """Line breaks as QTextLayout's line separator; control characters dropped."""
    return _INVISIBLE.sub("", _BREAKS.sub(LINE_SEPARATOR, text))


def _run_format(run: Run) -> QTextCharFormat | None:
    if not (run.bold or run.italic or run.underline):
        return None
    fmt = QTextCharFormat()
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(run.italic)
    fmt.setFontUnderline(run.underline)
    return fmt


def _formatted(runs: list[Run], kai: bool) -> tuple[str, list[QTextLayout.FormatRange]]:
    """The paragraph's text and its character formats (bold/italic/underline, the 楷体 lead)."""
    ranges: list[QTextLayout.FormatRange] = []
    parts: list[str] = []
    start = 0
    for run in runs:
        text = clean_text(run.text)
        fmt = _run_format(run)
        if text and fmt is not None:
            ranges.append(_range(start, len(text), fmt))
        parts.append(text)
        start += len(text)
    text = "".join(parts)
    if kai and text:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(list(CHAINS[Role.KAI]))
        ranges.append(_range(0, text.find(KAI_END) + 1 or len(text), fmt))
    return text, ranges


def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    # PySide6 6.9's stubs omit FormatRange's fields; they exist at runtime.
    r.start, r.length, r.format = start, length, fmt  # type: ignore[attr-defined]
    return r


class FlowBuilder:
    """Builds the units of one report for one device."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.units: list[Unit] = []

    def base_font(self, style: ParaStyle) -> QFont:
        f = font(style.role, style.size_pt)
        return spaced(f, style.spacing_pt) if style.spacing_pt else f

    def autospace(self, text: str, style: ParaStyle) -> list[QTextLayout.FormatRange]:
        """A quarter em more after the last character before a Chinese/Latin boundary (as a
        percentage of that character's own advance: Qt's absolute spacing is unreliable)."""
        if not style.autospace:
            return []
        metrics = QFontMetricsF(font(style.role, style.size_pt), self.ctx.device)
        em = self.ctx.pt_x(style.size_pt)
        base = 100.0 * (1 + style.spacing_pt / style.size_pt)
        ranges = []
        for match in _AUTOSPACE.finditer(text):
            advance = metrics.horizontalAdvance(match.group()) or em
            fmt = QTextCharFormat()
            fmt.setFontLetterSpacingType(QFont.SpacingType.PercentageSpacing)
            fmt.setFontLetterSpacing(base + 100.0 * AUTOSPACE_EM * em / advance)
            ranges.append(_range(match.start(), 1, fmt))
        return ranges

    def text_width(self, text: str, style: ParaStyle) -> float:
        return QFontMetricsF(self.base_font(style), self.ctx.device).horizontalAdvance(text)

    def paragraph(self, runs: list[Run], style: ParaStyle, *, kai: bool = False,
                  right_chars: float = 0.0) -> None:
        """Lines at the style's fixed pitch, each baseline at the same place in its slot."""
        ctx = self.ctx
        text, ranges = _formatted(runs, kai)
        base = self.base_font(style)
        layout = QTextLayout(text, base, ctx.device)
        option = QTextOption(style.align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.setFormats(ranges + self.autospace(text, style))
        pitch = ctx.pt_y(style.pitch_pt)
        metrics = QFontMetricsF(base, ctx.device)
        baseline = (pitch - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()
        indent = ctx.pt_x(style.indent_chars * style.size_pt)
        right = ctx.pt_x(right_chars * style.size_pt)
        lines: list[Unit] = []
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            x = 0.0 if lines else indent
            line.setLineWidth(max(ctx.block_width - x - right, ctx.pt_x(style.size_pt)))
            line.setPosition(QPointF(x, baseline - line.ascent()))
            lines.append(LineUnit(layout, line.lineNumber(), pitch))
        layout.endLayout()
        _bind_lines(lines, style.keep_next)
        self.units += lines

    def text_paragraph(self, para: Paragraph) -> None:
        if para.kind is ParaKind.HEADING1:
            self.paragraph(para.runs, HEADING)
        elif para.kind is ParaKind.HEADING2:
            # A bare “（一）…” heading (no lead sentence) stays with what it heads.
            keep = ParaStyle(Role.BODY, keep_next=KAI_END not in para.text)
            self.paragraph(para.runs, keep, kai=True)
        else:
            self.paragraph(para.runs, BODY)

    def space(self, pt: float, glue: Glue = Glue.FREE) -> None:
        self.units.append(Unit(self.ctx.pt_y(pt), glue))

    def glue_last(self) -> None:
        if self.units:
            self.units[-1].glue = Glue.HARD


def _bind_lines(lines: list[Unit], keep_next: bool) -> None:
    """Widow and orphan control (never one line of a paragraph alone on a page), and
    keep-with-next for headings."""
    for k, unit in enumerate(lines[:-1]):
        unit.glue = Glue.HARD if k in (0, len(lines) - 2) else Glue.FREE
    if lines:
        lines[-1].glue = Glue.HARD if keep_next else Glue.FREE


def _title(b: FlowBuilder, report: Report) -> None:
    """Broken after the organ when the title does not fit one line, as real reports do."""
    title = report.title
    if report.organ and b.text_width(title, TITLE) > b.ctx.block_width:
        title = report.organ + LINE_SEPARATOR + title[len(report.organ):]
    b.paragraph([Run(title)], TITLE)
    b.space(LINE_PT)  # GB/T 9704: one empty line under the title


def _signature(b: FlowBuilder, report: Report) -> None:
    """GB/T 9704 7.3.5.3 (no seal), as the writer does it: the organ two characters from the
    right, the date under it starting two characters further right; a longer date sits two
    in and pushes the organ."""
    date = format_date(report.date)
    organ = report.organ.strip()
    if not (organ or date):
        return
    em = b.ctx.pt_x(BODY_PT)
    line = b.ctx.block_width / em
    # An organ too long for one line wraps (right-aligned) at two characters from the right.
    w_organ = min(b.text_width(organ, SIGNATURE) / em, line - 2.0)
    w_date = b.text_width(date, SIGNATURE) / em
    date_in = min(max(w_organ - w_date, 2.0) if organ else 4.0, line - w_date)
    organ_in = max(date_in - w_organ + w_date + 2.0, 0.0)
    b.glue_last()  # never a signature alone on the last page
    b.space(LINE_PT, Glue.HARD)  # one empty line between the text and the signature
    if organ:
        b.paragraph([Run(organ)], SIGNATURE, right_chars=organ_in)
        b.glue_last()
    if date:
        b.paragraph([Run(date)], SIGNATURE, right_chars=date_in)


def build_flow(report: Report, ctx: Context) -> list[Unit]:
    b = FlowBuilder(ctx)
    _title(b, report)
    for para in report.sections.get(PREAMBLE, []):
        b.text_paragraph(para)
    for spec in SECTIONS:
        b.paragraph([Run(spec.heading)], HEADING)
        for para in report.sections.get(spec.key, []):
            b.text_paragraph(para)
        if spec.table:
            b.glue_last()  # the heading or lead-in stays on the page of its table
            b.units += TableLayout(TABLES[spec.table], report.cell_texts(spec.table), ctx).units()
    _signature(b, report)
    return b.units


def layout_report(report: Report, device: QPaintDevice) -> list[Page]:
    """The report's pages, measured for ``device``; placements are relative to the text block."""
    ctx = Context(device)
    return paginate(build_flow(report, ctx), ctx.block_height)
