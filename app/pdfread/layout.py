"""How a PDF page is laid out: text in two columns side by side read one column after the other,
and what the reading cannot follow, told the user:
a page without text among text pages (scanned and put back, or its text turned into outlines),
and two columns with a line across the gutter among them, which reading line by line across the
page joins."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.findings import PAGE_WITHOUT_TEXT, PDF_COLUMNS, Finding, Location
from app.pdfread.text import Char, Line
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


def _gutter(lines: list[Line], width: float) -> tuple[float, float] | None:
    """Where the page's text stands in two columns side by side, the gap between them (the
    left column's furthest end, the right column's start); None if it does not.  At least
    ``COLUMN_LINES`` lines have one gap of two characters or more, about the middle of the page,
    between two runs of text, and what follows it starts at one place (the right column's edge):
    read across the page, such lines join the two columns' lines of one height."""
    starts: Counter[int] = Counter()
    ends: dict[int, float] = {}
    for line in lines:
        ink = line.ink
        gaps = [i for i in range(1, len(ink)) if ink[i].x0 - ink[i - 1].x1 >= 2 * line.size]
        # one gap, in the middle, with a column's line of text on each side (a table's row
        # drawn without lines has a gap between each pair of its cells)
        if len(gaps) == 1 and COLUMN_TEXT <= gaps[0] <= len(ink) - COLUMN_TEXT \
                and 0.3 * width < (ink[gaps[0] - 1].x1 + ink[gaps[0]].x0) / 2 < 0.7 * width:
            at = round(ink[gaps[0]].x0)
            starts[at] += 1
            ends[at] = max(ends.get(at, 0.0), ink[gaps[0] - 1].x1)
    edge = max(starts, key=lambda x: starts[x] + starts[x - 1] + starts[x + 1], default=0)
    if starts[edge] + starts[edge - 1] + starts[edge + 1] < COLUMN_LINES:
        return None
    near = [x for x in (edge - 1, edge, edge + 1) if x in starts]
    return max(ends[x] for x in near), float(min(near))


@dataclass
class Columns:
    """Two columns of a page read one after the other: the band of the page they stand in
    (lines above and below it run across the page: a title, the text after the columns end)."""

    gutter: float  # the middle of the gap between them
    top: float
    bottom: float
    left: tuple[float, float]  # each column's edges
    right: tuple[float, float]

    def key(self, top: float, bottom: float, middle: float) -> tuple[int, int, float]:
        """Where an item (its top, bottom and horizontal middle) is read: above the columns,
        in the left one, in the right one, below them."""
        if bottom <= self.top:
            return 0, 0, top
        if top >= self.bottom:
            return 2, 0, top
        return 1, int(middle > self.gutter), top


def split_columns(lines: list[Line], width: float, furniture: Callable[[str], bool],
                  others: Sequence[float] = ()) -> tuple[list[Line], Columns | None, bool]:
    """The page's lines with those of two columns side by side cut in two at the gutter, each
    with its column's edges, and the columns' band; the lines as they are when the page is not
    in two columns.  The third value: the page is in two columns the reading cannot follow —
    a line runs across the gutter between lines of both columns (said, ``page_notes``).
    ``furniture``: a page number, never taken into a column; ``others``: the tops of the page's
    tables and pictures."""
    gap = _gutter(lines, width)
    if gap is None:
        return lines, None, False
    mid = sum(gap) / 2
    parts: list[tuple[Line, list[Char], list[Char]] | None] = []  # None: across the gutter
    for line in lines:
        left = [c for c in line.chars if (c.x0 + c.x1) / 2 < mid]
        right = [c for c in line.chars if (c.x0 + c.x1) / 2 >= mid]
        inked_left, inked_right = [c for c in left if not c.blank], [c for c in right if not c.blank]
        crosses = any(c.x0 < mid < c.x1 for c in line.ink) or (
            inked_left and inked_right and inked_right[0].x0 - inked_left[-1].x1 < 2 * line.size)
        parts.append(None if crosses or furniture(line.text.strip()) else (line, left, right))
    both = [i for i, p in enumerate(parts) if p is not None and p[1] and p[2]
            and any(not c.blank for c in p[1]) and any(not c.blank for c in p[2])]
    kept = [p for i in both if (p := parts[i]) is not None]
    sides = [[Line(left) for _, left, _ in kept], [Line(right) for _, _, right in kept]]
    if not both or not all(_flowing(side, lines[both[0]].size) for side in sides):
        # lines of a table drawn without lines (a label, a gap, its value: read across they
        # are right) or of something else than text running down two columns: as they are
        return lines, None, True
    first, last = both[0], both[-1]
    if any(p is None for p in parts[first:last + 1]):
        return lines, None, True  # a line across the gutter among the columns' lines
    # Lines of one column only above or below the lines of both: the columns' own (a column
    # longer than the other) where nothing runs across the page beyond them; where something
    # does (text after a section of balanced columns, a table), they are that text's.
    top, bottom = lines[first].top, lines[last].bottom
    if not any(p is None for p in parts[:first]) and not any(y < top for y in others):
        first = 0
    if not any(p is None for p in parts[last + 1:]) and not any(y > bottom for y in others):
        last = len(parts) - 1
    else:  # the longer column's paragraph going on below the other's end, line after line
        pitch = min((lines[b].top - lines[a].top for a, b in itertools.pairwise(both) if b == a + 1), default=0.0)
        while last + 1 < len(parts) and parts[last + 1] is not None \
                and lines[last + 1].top - lines[last].top <= 1.3 * pitch:
            last += 1
    band = [p for p in parts[first:last + 1] if p is not None]
    lefts = [Line(ls) for _, ls, _ in band if any(not c.blank for c in ls)]
    rights = [Line(rs) for _, _, rs in band if any(not c.blank for c in rs)]
    edges = [(min(x.x0 for x in side), max(x.x1 for x in side)) if side else (0.0, mid) for side in (lefts, rights)]
    for side, edge in zip((lefts, rights), edges, strict=True):
        for x in side:
            x.column = edge
    cols = Columns(mid, min(line.top for line, _, _ in band), max(line.bottom for line, _, _ in band),
                   edges[0], edges[1])
    return [*lines[:first], *lefts, *rights, *lines[last + 1:]], cols, False


def _flowing(side: list[Line], size: float) -> bool:
    """Whether one side's lines are text running down a column: most of them (all but each
    paragraph's last) filled out to one right edge, as a column's text is set."""
    end = max(line.x1 for line in side)
    return sum(line.x1 >= end - 2 * size for line in side) >= len(side) / 2


def place(item: Any) -> tuple[float, float, float]:
    """An item of a page's flow (a line, a table's piece, a picture): its top, bottom and
    horizontal middle."""
    if isinstance(item, Line):
        return item.top, item.bottom, (item.x0 + item.x1) / 2
    if hasattr(item, "cells"):  # a table's piece on the page
        return item.top, item.bottom, sum((c.x0 + c.x1) / 2 for c in item.cells) / max(1, len(item.cells))
    x, top, w, h = item.key  # a picture: its place and size
    return top, top + h, x + w / 2


def carry_columns(pages: Sequence[PageRead]) -> None:
    """A page after a page of two columns, of its size, whose every line stands in the left
    column (the columns' text going on, the right column not reached): its lines get the left
    column's edges, each line a line of a column, not a paragraph ended short."""
    known: dict[tuple[int, int], Columns] = {}
    for p in pages:
        size = (round(p.width), round(p.height))
        if p.split is not None:
            known[size] = p.split
        elif (cols := known.get(size)) and p.lines and all(line.x1 < cols.gutter for line in p.lines):
            for line in p.lines:
                line.column = cols.left


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
            Location(META), f"PDF 的第{'、'.join(columns)}页正文分左右两栏排版，且有文字横跨两栏之间的空白，无法分栏读入；"
                            "读入时同一高度的两栏文字连在了一起，这几页的正文（以及其中的标题、机关名称、日期）可能是两栏交错的；"
                            "请用 PDF 阅读器核对后在编辑器中改正"))
    return out
