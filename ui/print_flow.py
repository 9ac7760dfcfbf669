"""The page model of the printed report: device units, flow units and pagination.

The report is laid out as one flow of *units* (a line of text, a table row, a space), each with
its height in device pixels and how strongly it binds to the next unit.  Pagination fills the
GB/T 9704 text block page by page: units bound to each other move to the next page together,
a table row is never split, and a table continued on a new page gets its header rows again.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPaintDevice, QPainter, QPdfWriter, QTextDocument, QTextLayout, QTextOption

if TYPE_CHECKING:
    from PySide6.QtGui import QTextLine

    from ui.print_table import TableLayout

from app.page import BLOCK_H_MM, BLOCK_W_MM, BODY_PT, LEFT_MM, PAGE_NUMBER_GAP_MM, TOP_MM, Align, Role
from ui.print_fonts import font

__all__ = ["BLOCK_H_MM", "BLOCK_W_MM", "LEFT_MM", "PAGE_NUMBER_GAP_MM", "TOP_MM"]
EPSILON = 0.5  # device pixels: rounding never pushes a unit that fits onto the next page

# The alignments as HTML's align attribute names them (Qt reads them as Qt::AlignLeft, AlignRight,
# AlignHCenter, AlignJustify): see ``text_option``.
_HTML_ALIGN = {Align.LEFT: "left", Align.RIGHT: "right", Align.CENTER: "center", Align.JUSTIFY: "justify"}


@cache
def text_option(align: Align) -> QTextOption:
    """Wrapping anywhere if need be, aligned as ``align``; never changed (shared, cached).

    PySide builds every one of the ~100 enum classes of the ``Qt`` namespace the first time any
    of them is touched (18 ms of each `export --to .pdf` process), and QTextOption takes its
    alignment only as a ``Qt.AlignmentFlag``.  So the option comes from a text document's block
    whose alignment is given as a name, as Qt's own document layout sets it for that block; the
    print path touches no enum of the namespace (QPen/QBrush defaults, not Qt.GlobalColor).
    The block is given as HTML, not through a cursor and a block format: two more classes whose
    enums PySide would build in each export process; Qt's document sets the same alignment
    either way."""
    doc = QTextDocument()
    doc.setDefaultFont(font(Role.BODY, BODY_PT))  # one already loaded (Qt's default costs 7 ms)
    doc.setHtml(f'<p align="{_HTML_ALIGN[align]}">x</p>')
    doc.size()  # lays the block out, which gives its layout the option
    # A copy; never QTextOption(other), whose overload resolution tries Qt.AlignmentFlag.
    option = doc.firstBlock().layout().textOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return option


# How far past a line's end a last glyph's ink (not its advance) may reach, in ems: see ``set_width``.
INK_ROOM_EM = 0.25


def utf16_length(text: str) -> int:
    """``text``'s length as Qt counts it (a character outside the BMP is two)."""
    return len(text) if max(text, default=" ") <= "\uffff" else len(text.encode("utf-16-le")) // 2


def set_width(line: QTextLine, width: float, em: float, text_length: int) -> None:
    """Lay ``line`` out to ``width`` as Word and LibreOffice set a line: by the characters'
    advances, whatever their ink.  Qt also wants room for the ink of a line's last glyph past
    its advance (a negative right bearing: Noto Serif CJK's 以 passes its em box by 0.04 em, 员
    0.055, 贇 0.08): it broke before such a character where its advance fitted (以其心员必真具办标
    … as the 28th of a body line went to the next, 27 spread over the line: rev24b P2), and
    justified a line ending in one short of the line's end by that ink.  Such a line is
    widened by that ink alone: justification spreads the advances to ``width``, the ink passes
    it as in Word.  ``text_length``: the layout's, in UTF-16 units (the last line is left as is)."""
    line.setLineWidth(width)
    advance = line.horizontalAdvance()
    # room for an ideograph (did Qt refuse one for its ink? a Latin letter's seldom passes its
    # advance), or ink past the advance; neither on most lines, which cost no more calls
    refused = width - advance >= 0.9 * em
    if not refused and line.naturalTextWidth() <= advance:
        return
    if line.textStart() + line.textLength() >= text_length:
        return
    if refused:
        n = line.textLength()
        line.setLineWidth(width + INK_ROOM_EM * em)
        if line.textLength() == n or line.horizontalAdvance() > width:
            line.setLineWidth(width)
    ink = line.naturalTextWidth() - line.horizontalAdvance()
    if ink > 0:
        line.setLineWidth(width + ink + 1 / 16)  # Qt keeps widths in 1/64 pixels


def prime_text_options() -> None:
    """Make every ``text_option`` now, on the GUI thread, before a worker paints a PDF: it lays
    out a QTextDocument, whose layout connects signals; a connect on a worker thread (which holds
    Python's lock meanwhile) deadlocked against the GUI thread destroying a menu (it holds Qt's
    connection lock while it asks Python about overrides) — seen once in the test suite."""
    for align in _HTML_ALIGN:
        text_option(align)


def recorded(painter: QPainter) -> bool:
    """True when ``painter`` records its drawing to replay it later: 打印预览 records each page
    as a QPicture.  A recorded text item keeps only its string, font and start point, and is laid
    out again when replayed, with the screen's metrics: a justified line came back with its last
    characters moved below it (“3500 条 。” and “具” a line lower) while the printer and the
    PDF were right."""
    if isinstance(painter.device(), QPdfWriter):  # never recorded; and QPaintEngine's enums unbuilt
        return False
    engine = painter.paintEngine()
    from PySide6.QtGui import QPaintEngine  # a preview's or a printer's painter only

    return engine is not None and engine.type() == QPaintEngine.Type.Picture


def draw_layout(painter: QPainter, layout: QTextLayout, at: QPointF, line: int | None = None) -> None:
    """Draw ``layout`` (or only its line ``line``) with its origin at ``at``.  Where the drawing
    is recorded (``recorded``) the glyphs go as glyph runs, placed where this layout put them,
    which a picture keeps as outlines: the preview then shows the very positions that print.
    The PDF writer's painter draws and keeps the runs itself (``ui.pdf_runs.Recorder``)."""
    own = getattr(painter, "draw_layout", None)
    if own is not None:
        own(layout, at, line)
        return
    if not recorded(painter):
        if line is None:
            layout.draw(painter, at)
        else:
            layout.lineAt(line).draw(painter, at)
        return
    runs = layout.glyphRuns() if line is None else layout.lineAt(line).glyphRuns()
    for run in runs:
        painter.drawGlyphRun(at, run)


class Context:
    """Conversions to the device's pixels; all layout is done at the device's resolution."""

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self.dpi_x = float(device.logicalDpiX())
        self.dpi_y = float(device.logicalDpiY())

    def mm_x(self, mm: float) -> float:
        return mm * self.dpi_x / 25.4

    def mm_y(self, mm: float) -> float:
        return mm * self.dpi_y / 25.4

    def pt_x(self, pt: float) -> float:
        return pt * self.dpi_x / 72.0

    def pt_y(self, pt: float) -> float:
        return pt * self.dpi_y / 72.0

    @property
    def block_width(self) -> float:
        return self.mm_x(BLOCK_W_MM)

    @property
    def block_height(self) -> float:
        return self.mm_y(BLOCK_H_MM)


class Glue(enum.IntEnum):
    """How a unit binds to the next one."""

    FREE = 0  # a page may break here
    SOFT = 1  # keep together if the whole run fits on one page (a table)
    HARD = 2  # never break here unless the run is taller than a page (keep-with-next, widows)


class Unit:
    """A piece of the flow: an empty space unless a subclass paints something."""

    table: TableLayout | None = None
    heading: str | None = None  # a section heading's first line: its text (the PDF's bookmark)

    def __init__(self, height: float, glue: Glue = Glue.FREE) -> None:
        self.height = height
        self.glue = glue

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        """Paint with the unit's top-left corner at (x, y)."""


class LineUnit(Unit):
    """One line of a paragraph laid out by ``QTextLayout`` (its position is set in the slot)."""

    def __init__(self, layout: QTextLayout, index: int, height: float) -> None:
        super().__init__(height)
        self.layout = layout  # keeps the layout alive: a QTextLine points into it
        self.index = index

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        draw_layout(painter, self.layout, QPointF(x, y), self.index)


class RowUnit(Unit):
    """One grid row of a table; painted with its neighbours on the page (merged cells)."""

    def __init__(self, table: TableLayout, row: int, height: float, glue: Glue) -> None:
        super().__init__(height, glue)
        self.table = table
        self.row = row


Placement = tuple[Unit, float]  # a unit and its top, measured from the text block's top
Page = list[Placement]


class _Pager:
    """Fills pages; a table row that starts a page after its table began gets the header rows."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.pages: list[Page] = [[]]
        self.y = 0.0

    @property
    def empty(self) -> bool:
        return not self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def need(self, chain: Sequence[Unit], at_top: bool) -> float:
        return sum(u.height for u in chain) + (_header_height(chain[0]) if at_top else 0.0)

    def fits_here_or_next(self, chain: Sequence[Unit]) -> bool:
        """True if ``chain`` fits here or, after a page break made now, on the next page."""
        if self.y + self.need(chain, self.empty) <= self.height + EPSILON:
            return True
        if not self.empty and self.need(chain, True) <= self.height + EPSILON:
            self.new_page()
            return True
        return False

    def place(self, unit: Unit) -> None:
        if self.empty:
            for header in _repeated_headers(unit):
                self._append(header)
        self._append(unit)

    def place_loose(self, chain: Sequence[Unit]) -> None:
        """A run taller than a page: break wherever the next unit does not fit."""
        for unit in chain:
            if not self.empty and self.y + unit.height > self.height + EPSILON:
                self.new_page()
            self.place(unit)

    def _append(self, unit: Unit) -> None:
        self.pages[-1].append((unit, self.y))
        self.y += unit.height


def _repeated_headers(unit: Unit) -> list[Unit]:
    if isinstance(unit, RowUnit) and unit.table is not None and unit.row >= unit.table.header_rows:
        return unit.table.header_units()
    return []


def _header_height(unit: Unit) -> float:
    return sum(u.height for u in _repeated_headers(unit))


def _chain_end(units: Sequence[Unit], start: int, level: Glue) -> int:
    """End (exclusive) of the run from ``start`` held together by glue of at least ``level``."""
    end = start
    while end < len(units) - 1 and units[end].glue >= level:
        end += 1
    return end + 1


def paginate(units: Sequence[Unit], height: float) -> list[Page]:
    """Pages of placements.  A run kept together softly (a table) moves whole to the next page
    if it fits there; otherwise it is split between its hard-glued runs (rows, widows)."""
    pager = _Pager(height)
    i = 0
    while i < len(units):
        end = _chain_end(units, i, Glue.SOFT)
        if pager.fits_here_or_next(units[i:end]):
            for unit in units[i:end]:
                pager.place(unit)
        else:
            j = i
            while j < end:
                k = min(_chain_end(units, j, Glue.HARD), end)
                if pager.fits_here_or_next(units[j:k]):
                    for unit in units[j:k]:
                        pager.place(unit)
                else:
                    pager.place_loose(units[j:k])
                j = k
        i = end
    return pager.pages
