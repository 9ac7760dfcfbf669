"""What a PDF's pages are laid out as that the reading cannot follow, and how the user is told:
a page without text among text pages (scanned and put back, or its text turned into outlines),
and text set in two columns side by side, which reading line by line across the page joins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.findings import PAGE_WITHOUT_TEXT, PDF_COLUMNS, Finding, Location
from app.pdfread.text import Line
from app.schema import META

if TYPE_CHECKING:
    from app.pdfread import PageRead

# Lines and shapes on a page without text that make it a page of text drawn as outlines (a
# page's frame, a rule or two, a letterhead's lines are fewer; a page of text has hundreds).
SHAPES_OF_TEXT = 50
# The share of a page without text its pictures cover that makes it a scan (a picture of the
# page, or strips of one); a logo, a QR code or a seal alone on a page is no page of text.
SCANNED = 0.25
# Lines cut by one gutter that make a page of two columns (a signature line or two with a wide
# space, a few lines of a borderless list, are fewer).
COLUMN_LINES = 6
COLUMN_TEXT = 6  # characters on each side of the gutter: a line of text, not a word or a figure


def two_columns(lines: list[Line], width: float) -> bool:
    """Whether the page's text stands in two columns side by side: lines read across the page
    join the two columns' lines of one height (a sentence of the left column, then one of the
    right).  At least ``COLUMN_LINES`` lines have one gap of two characters or more, about the
    middle of the page, between two runs of text, and what follows it starts at one place (the
    right column's edge)."""
    starts: Counter[int] = Counter()
    for line in lines:
        ink = line.ink
        gaps = [i for i in range(1, len(ink)) if ink[i].x0 - ink[i - 1].x1 >= 2 * line.size]
        # one gap, in the middle, with a column's line of text on each side (a table's row
        # drawn without lines has a gap between each pair of its cells)
        if len(gaps) == 1 and COLUMN_TEXT <= gaps[0] <= len(ink) - COLUMN_TEXT \
                and 0.3 * width < (ink[gaps[0] - 1].x1 + ink[gaps[0]].x0) / 2 < 0.7 * width:
            starts[round(ink[gaps[0]].x0)] += 1
    edge = max(starts, key=lambda x: starts[x] + starts[x - 1] + starts[x + 1], default=0)
    return starts[edge] + starts[edge - 1] + starts[edge + 1] >= COLUMN_LINES


def pictured(page: Any) -> float:
    """The share of the page's area its pictures cover, each clipped to the page (strips of a
    scan together), at most 1."""
    width, height = float(page.width), float(page.height)
    area = 0.0
    for im in page.images:
        x0, x1, top, bottom = (float(im.get(k) or 0) for k in ("x0", "x1", "top", "bottom"))
        area += max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(bottom, height) - max(top, 0.0))
    return min(1.0, area / (width * height)) if width > 0 and height > 0 else 0.0


def page_notes(pages: Sequence[PageRead]) -> list[Finding]:
    """The notes on a report read whose pages the reading could not follow."""
    out = []
    if bare := [p for p in pages if not p.shown and not p.unseen.chars and (p.pictured >= SCANNED or p.drawn >= SHAPES_OF_TEXT)]:
        # A page scanned and put in among the text pages, or one whose text was turned into
        # outlines: its rows read as missing from the table, and nothing said why.
        what = "，".join(f"第{'、'.join(str(p.number) for p in group)}页{words}" for group, words in (
            ([p for p in bare if p.pictured >= SCANNED], "是图片（扫描件）"),
            ([p for p in bare if p.pictured < SCANNED], "只有线条和图形（文字转成了曲线）")) if group)
        out.append(PAGE_WITHOUT_TEXT.at(
            Location(META), f"PDF 的{what}，没有可读取的文字：这些页上的正文和表格内容未读入，表格在这些页上的行为空白；"
                            "请用 PDF 阅读器核对这些页，在编辑器中照原文件填写"))
    if columns := [str(p.number) for p in pages if p.columns]:
        out.append(PDF_COLUMNS.at(
            Location(META), f"PDF 的第{'、'.join(columns)}页正文分左右两栏排版，读入时同一高度的两栏文字连在了一起，"
                            "这几页的正文（以及其中的标题、机关名称、日期）可能是两栏交错的；请用 PDF 阅读器核对后在编辑器中改正"))
    return out
