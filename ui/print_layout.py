"""The document plan (``app.plan``) as a flow of lines and table rows, set with the page and
type of ``app.page`` (as the .docx writer sets them): then paginated into the GB/T 9704 text block.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QPaintDevice, QTextCharFormat, QTextLayout

from app.page import (
    BODY_PT,
    LETTER_SPACING_PT,
    LINE_PT,
    TAB_STOP_PT,
    TWIPS_PER_PT,
    Align,
    ParaType,
    Role,
    grid_twips,
)
from app.plan import UNWRITABLE, Block, Kind, TableBlock, TextBlock, build_plan
from app.report import Report, Run
from ui.print_flow import Context, Glue, LineUnit, Page, Unit, paginate, set_width, text_option, utf16_length
from ui.print_fonts import families, font, spaced
from ui.print_table import TableLayout

if TYPE_CHECKING:
    from PySide6.QtGui import QTextLine

# Qt counts a tab stop distance in pixels of a 96 dpi screen, scaled to the device's resolution;
# stops are counted from the line's start (Word's from the paragraph's left indent: the same on
# every line but an indented first).
_QT_TAB_PX_PER_PT = 96 / 72
LINE_SEPARATOR = "\u2028"  # QTextLayout's forced line break
_BREAKS = re.compile(r"\r\n|[\r\n\x0b]")

# Word's and LibreOffice's default “autospace”: a quarter em between Chinese and Latin/digits.
AUTOSPACE_EM = 0.25
_HAN = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))
# Any non-ASCII character beside a Latin letter or digit; ``autospace_at`` keeps the Chinese
# ones.  (A class of the Han ranges themselves took 11 ms to compile, in every PDF export.)
_BOUNDARY = re.compile(r"[^\x00-\x7f](?=[A-Za-z0-9])|[A-Za-z0-9](?=[^\x00-\x7f])")


def _is_han(ch: str) -> bool:
    return any(lo <= ch <= hi for lo, hi in _HAN)


def autospace_at(text: str) -> list[int]:
    """Where a Chinese character meets a Latin letter or digit: the index of the first of the two."""
    return [m.start() for m in _BOUNDARY.finditer(text) if _is_han(text[m.start()]) or _is_han(text[m.end()])]


def _spacing_pt(style: ParaType) -> float:
    """28 characters of 3号 to the 156 mm line, on the grid; natural pitch off it."""
    return LETTER_SPACING_PT * style.size_pt / BODY_PT if style.on_grid else 0.0


def clean_text(text: str) -> str:
    """Line breaks as QTextLayout's line separator; control characters dropped."""
    return UNWRITABLE.sub("", _BREAKS.sub(LINE_SEPARATOR, text))  # would print as boxes


def _run_format(run: Run) -> QTextCharFormat | None:
    if not (run.bold or run.italic or run.underline):
        return None
    fmt = QTextCharFormat()
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(run.italic)
    fmt.setFontUnderline(run.underline)
    return fmt


def _formatted(runs: list[Run], kai_chars: int) -> tuple[str, list[QTextLayout.FormatRange]]:
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
    if kai_chars and text:
        fmt = QTextCharFormat()
        fmt.setFontFamilies(list(families(Role.KAI)))  # as a font of the role gets them (print_fonts.families)
        ranges.append(_range(0, kai_chars, fmt))
    return text, ranges


def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
    r = QTextLayout.FormatRange()
    # PySide6 6.9's stubs omit FormatRange's fields; they exist at runtime.
    r.start, r.length, r.format = start, length, fmt  # type: ignore[attr-defined]
    return r


def _in_utf16(text: str, ranges: list[QTextLayout.FormatRange]) -> list[QTextLayout.FormatRange]:
    """The ranges (in characters) in Qt's UTF-16 units: past a character outside the BMP (a
    生僻字 such as 𠀀) every bold run and autospace stood that many places too early."""
    if not ranges or max(text, default=" ") <= "\uffff":
        return ranges
    at = [0]
    for ch in text:
        at.append(at[-1] + 1 + (ch > "\uffff"))
    for r in ranges:
        start, end = r.start, min(r.start + r.length, len(text))  # type: ignore[attr-defined]
        r.start, r.length = at[start], at[end] - at[start]  # type: ignore[attr-defined]
    return ranges


class FlowBuilder:
    """Builds the units of one report for one device."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.units: list[Unit] = []
        # Per style (role, size): its metrics and the autospace format of each character met
        # (a report has thousands of boundaries and a few dozen distinct characters at them).
        self._spacing: dict[tuple[Role, float], tuple[QFontMetricsF, dict[str, QTextCharFormat]]] = {}
        self._fonts: dict[tuple[Role, float, bool], QFont] = {}

    def base_font(self, style: ParaType) -> QFont:
        key = (style.role, style.size_pt, style.on_grid)
        if key not in self._fonts:
            self._fonts[key] = self._base_font(style)
        return self._fonts[key]

    def _base_font(self, style: ParaType) -> QFont:
        """On the grid, every Chinese character advances exactly one cell on this device: Qt
        sets a font at whole device pixels (3号 at 1200 dpi: 267 px for 266.67), so spacing by
        the 16 pt em's difference left each cell 0.02 pt too wide and a line held 27, the first
        25 (PDF export, 300 and 1200 dpi printers)."""
        f = font(style.role, style.size_pt)
        if not _spacing_pt(style):
            return f
        em = QFontMetricsF(f, self.ctx.device).horizontalAdvance("国")
        # a thousandth under the cell: 28 advances, each rounded to 1/64 pixel, never a hair over the line
        cell = self.ctx.pt_x(style.size_pt + _spacing_pt(style)) * (1 - 1e-3)
        if em <= 0:
            return spaced(f, _spacing_pt(style))
        out = QFont(f)
        out.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100.0 * cell / em)
        return out

    def autospace(self, text: str, style: ParaType) -> list[QTextLayout.FormatRange]:
        """A quarter em more after the last character before a Chinese/Latin boundary (as a
        percentage of that character's own advance: Qt's absolute spacing is unreliable)."""
        boundaries = autospace_at(text) if style.autospace else []
        if not boundaries:
            return []
        key = (style.role, style.size_pt)
        if key not in self._spacing:
            self._spacing[key] = QFontMetricsF(font(style.role, style.size_pt), self.ctx.device), {}
        metrics, formats = self._spacing[key]
        ranges = []
        for at in boundaries:
            fmt = formats.get(text[at])
            if fmt is None:
                em = self.ctx.pt_x(style.size_pt)
                base = 100.0 * (1 + _spacing_pt(style) / style.size_pt)
                advance = metrics.horizontalAdvance(text[at]) or em
                fmt = formats[text[at]] = QTextCharFormat()
                fmt.setFontLetterSpacingType(QFont.SpacingType.PercentageSpacing)
                fmt.setFontLetterSpacing(base + 100.0 * AUTOSPACE_EM * em / advance)
            ranges.append(_range(at, 1, fmt))
        return ranges

    def text_width(self, text: str, style: ParaType) -> float:
        return QFontMetricsF(self.base_font(style), self.ctx.device).horizontalAdvance(text)

    def paragraph(self, block: TextBlock) -> None:
        """Lines at the style's fixed pitch, each baseline at the same place in its slot."""
        ctx, style = self.ctx, block.type
        if block.space_before_lines:
            self.glue_last()
            self.space(block.space_before_lines * LINE_PT, Glue.HARD)
        text, ranges = _formatted(block.runs, block.kai_chars)
        base = self.base_font(style)
        layout = QTextLayout(text, base, ctx.device)
        layout.setTextOption(text_option(block.align))
        if "\t" in text:  # Word's tab stops, not Qt's 80 pixels (60 pt)
            option = layout.textOption()  # (a copy; the shared option stays as it is)
            option.setTabStopDistance(TAB_STOP_PT * _QT_TAB_PX_PER_PT)
            layout.setTextOption(option)
        layout.setFormats(_in_utf16(text, ranges + self.autospace(text, style)))
        layout.setCacheEnabled(True)  # keeps its glyphs after endLayout: drawn, it would shape them again
        pitch = ctx.pt_y(style.pitch)
        metrics = QFontMetricsF(base, ctx.device)
        baseline = (pitch - metrics.ascent() - metrics.descent()) / 2 + metrics.ascent()
        indent = ctx.pt_x(style.indent_twips(style.indent_chars) / TWIPS_PER_PT)
        left, right = (ctx.pt_x(grid_twips(chars) / TWIPS_PER_PT) for chars in (block.left_chars, block.right_chars))
        lines: list[Unit] = []
        em, length = ctx.pt_x(style.size_pt), utf16_length(text)
        justify = block.align is Align.JUSTIFY
        # Qt's line offsets are UTF-16 units: with a character outside the BMP (an emoji, a CJK
        # Ext-B 生僻字) the text is encoded once here, not once a line (quadratic in a long paragraph).
        wide = _utf16(text) if justify and len(text) != length else None
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            x = left + (0.0 if lines else indent)
            set_width(line, max(ctx.block_width - x - right, em), em, length)
            if justify:
                _unstretched(line, text, length, wide)
            line.setPosition(QPointF(x, baseline - line.ascent()))
            lines.append(LineUnit(layout, line.lineNumber(), pitch))
        layout.endLayout()
        if block.kind is Kind.SECTION and lines:
            lines[0].heading = text
        _bind_lines(lines, block.keep_next)
        self.units += lines
        if style.space_after_lines:
            self.space(style.space_after_lines * LINE_PT)

    def space(self, pt: float, glue: Glue = Glue.FREE) -> None:
        self.units.append(Unit(self.ctx.pt_y(pt), glue))

    def glue_last(self) -> None:
        if self.units:
            self.units[-1].glue = Glue.HARD


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _unstretched(line: QTextLine, text: str, length: int, wide: bytes | None = None) -> None:
    """A justified line with no space and no Chinese character (a web address broken before its
    long unbroken rest) as Word and LibreOffice set it: unstretched, there being nowhere to put
    the room; Qt spread its letters over the line (“h t t p s :/ / w w w”).  Narrowed to its
    own width, justification has nothing to spread.  ``wide``: ``text`` in UTF-16, given when
    its length in UTF-16 units (``length``) is not its length in characters."""
    start, n = line.textStart(), line.textLength()
    if start + n >= length:
        return  # the last line is never stretched
    if len(text) == length:
        piece = text[start:start + n]
    else:  # (Qt's offsets are in UTF-16 units: a character outside the BMP is two)
        units = wide if wide is not None else _utf16(text)
        piece = units[2 * start:2 * (start + n)].decode("utf-16-le", "replace")
    if any(ch.isspace() or east_asian_width(ch) in "WF" for ch in piece):
        return
    width = line.width()
    line.setLineWidth(line.naturalTextWidth() + 1 / 16)
    if line.textLength() != n:  # (never a different break)
        line.setLineWidth(width)


def _bind_lines(lines: list[Unit], keep_next: bool) -> None:
    """Widow and orphan control (never one line of a paragraph alone on a page), and
    keep-with-next for headings."""
    for k, unit in enumerate(lines[:-1]):
        unit.glue = Glue.HARD if k in (0, len(lines) - 2) else Glue.FREE
    if lines:
        lines[-1].glue = Glue.HARD if keep_next else Glue.FREE


def build_flow(report: Report, ctx: Context, plan: list[Block] | None = None) -> list[Unit]:
    b = FlowBuilder(ctx)
    for block in build_plan(report) if plan is None else plan:
        if isinstance(block, TableBlock):
            b.units += TableLayout(block, ctx).units()
        else:
            b.paragraph(block)
    return b.units


def layout_report(report: Report, device: QPaintDevice) -> list[Page]:
    """The report's pages, measured for ``device``; placements are relative to the text block."""
    ctx = Context(device)
    return paginate(build_flow(report, ctx), ctx.block_height)
