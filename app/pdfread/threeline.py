"""Statutory tables a PDF draws as 三线表: a rule above the table, one under its header and one
below it, no vertical line and no rule between rows (many published reports' 表二/表三/表四).
The table finder finds no cells in them; their lines of text are read as rows instead.

A table's stretch of the page is found by its rules: the lines between two long rules of the
same extent (or between a rule and the page's foot, and on the next pages down to the closing
rule, for a table going on over pages) where some line holds cells apart.  Its columns are the
stretches across that the rows' words and figures fill, one after another with a clear gap
between (the rows with a figure decide them; a header's words spanning columns do not).  Each
line is then one row, its cells between tabs at their columns, and handed to the text-copy
reader as a table copied with tabs (app/docx/linetables.py): it keeps a table only where it is
a statutory one, wrapped labels joined to their rows.  Where the columns found are not the
statutory table's figure columns (a column no row has a figure in, two run together), the
lines stay text and the PDF is refused as before — a figure is never put into a column guessed.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from app.docx.blocks import Block, GridCell, TableBlock
from app.findings import PDF_THREE_LINE, Finding, Location
from app.labels import loose
from app.pdfread.grid import ONE_CELL_ROWS, Piece
from app.pdfread.text import Char, Line
from app.schema import META

_RULE_SHARE = 0.25  # a rule across at least this share of the page's width (a header's, under part of it)
_TOL = 3.0  # points: rules of the same extent; a rule's thickness
_GAP = 0.45  # of the type size: a gap between two cells (a space is some 0.25–0.3)
# A statutory table has some thirty rows of a few lines and at most 15 figures' columns beside
# its labels': lines or columns far past that are no such table, not looked at further.
_MOST_LINES, _MOST_COLUMNS = 2000, 40
_FIGURE = re.compile(r"^[0-9０-９][0-9０-９,，.．%]*$")


@dataclass
class Rule:
    """A long horizontal rule of a page (points from its top, its left and right ends): a 三线表's
    top, head and bottom rules are such lines."""

    top: float
    x0: float
    x1: float


def rules_of(page: Any, lines: list[Line], tables: Sequence[Piece]) -> list[Rule]:
    """The page's long horizontal rules (lines, or boxes a rule's thickness high; a rule drawn as
    one piece a cell, as Word draws a table's borders, joined) outside its ruled tables, top to
    bottom; none on a page with no line of text (``lines``: those outside its tables) holding
    cells apart — most pages: a page of text, a register all in boxes — looked at no further."""
    objects = (*page.lines, *page.rects)
    if not objects or not any(len(segments(ln)) >= 2 for ln in lines):
        return []
    spans = _spans([(t.top - _TOL, t.bottom + _TOL) for t in tables])  # (apart, in order: looked up by bisection)
    starts = [t for t, _ in spans]
    pieces: list[Rule] = []
    for obj in objects:
        top, bottom = float(obj["top"]), float(obj["bottom"])
        mid = (top + bottom) / 2
        n = bisect_right(starts, mid) - 1
        if bottom - top <= _TOL and not (n >= 0 and mid <= spans[n][1]) and obj["x1"] > obj["x0"]:
            pieces.append(Rule(mid, float(obj["x0"]), float(obj["x1"])))
    pieces.sort(key=lambda r: (round(r.top), r.x0))
    joined: list[Rule] = []
    for r in pieces:
        last = joined[-1] if joined else None
        if last is not None and abs(r.top - last.top) <= 1.0 and r.x0 <= last.x1 + _TOL:
            last.x1 = max(last.x1, r.x1)
        else:
            joined.append(Rule(r.top, r.x0, r.x1))
    found = sorted((r for r in joined if r.x1 - r.x0 >= _RULE_SHARE * float(page.width)), key=lambda r: r.top)
    out: list[Rule] = []
    for r in found:  # a box's top and bottom edge, or a line drawn twice: one rule
        if not (out and r.top - out[-1].top <= _TOL and abs(r.x0 - out[-1].x0) <= _TOL):
            out.append(r)
    return out


def segments(line: Line) -> list[list[Char]]:
    """The line's characters in runs with a cell's gap between them (blanks left out)."""
    out: list[list[Char]] = []
    for c in line.chars:
        if c.blank:
            continue
        if out and c.x0 - out[-1][-1].x1 <= _GAP * c.size:
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _text(run: list[Char]) -> str:
    return "".join(c.text for c in run)


def _mid(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _has_figure(line: Line) -> bool:
    return any(_FIGURE.match(_text(s)) for s in segments(line))


@dataclass(eq=False)
class Group:
    """A 三线表's lines, over all the pages it takes, and the extent of its rules across."""

    lines: list[Line]
    x0: float
    x1: float
    open_below: bool = False  # no closing rule yet: the table goes on over the page
    pages: list[int] = field(default_factory=list)  # each line's page
    unread: str | None = None  # the statutory table it is, where its columns were not certain (``read``)


def groups(lines: list[Line], rules: list[Rule], carried: Group | None, foot: float, number: int = 0) -> list[Group]:
    """The page's 三线表 (``lines``: its body lines, by their middles; ``carried``: the last page's
    table going on over the page break, if any, which its lines from the page's top join)."""
    edges: list[Rule | None] = [None, *rules, None]
    out: list[Group] = []
    current = carried if carried is not None and carried.open_below else None
    mids = [_mid(ln) for ln in lines]
    for above, below in itertools.pairwise(edges):
        top, bottom = above.top if above else -1.0, below.top if below else foot + 1
        inside = lines[bisect_right(mids, top):bisect_left(mids, bottom)]
        if not inside:  # (a rule drawn twice; the header's rule at the page's foot, its rows overleaf)
            if below is None and current is not None:
                current.open_below = True
            continue
        celled = any(len(segments(ln)) >= 2 for ln in inside)
        if above is None or (current is not None and _within(above, current)):
            # the page's top, going on from the last page; or a rule within the table (under its
            # header, a part of the header's width; or its last) — never over a section's heading
            # (“三、<tab>收到和处理…”, numbered by Word: two runs, as a row's cells), after its last
            ok, extent = celled and current is not None and not _headed(inside), current
        else:  # a table opens under the rule, closed by a rule within its width or the page's foot
            ok, extent = celled and (below is None or _within(below, above)), Group([], above.x0, above.x1)
        if not ok or extent is None:
            if current is not None:
                current.open_below = False
            current = None
            continue
        current = extent
        if current not in out:
            out.append(current)
        kept = [ln for ln in inside if current.x0 - _TOL <= ln.x0 and ln.x1 <= current.x1 + _TOL]
        current.lines += kept
        current.pages += [number] * len(kept)
        current.open_below = below is None
    return out


def _headed(lines: list[Line]) -> bool:
    """Whether a section's heading is among the lines: no table's row (表三's 三、本年度办理结果 is none)."""
    from app.docx.headings import classify_heading

    return any(len(ln.text) <= _HEADING and classify_heading(ln.text, False, "") is not None for ln in lines)


_HEADING = 60  # characters: a line longer is no heading alone


def _within(rule: Rule, outer: Rule | Group) -> bool:
    return outer.x0 - _TOL <= rule.x0 and rule.x1 <= outer.x1 + _TOL


def _spans(runs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x0, x1 in sorted(runs):
        if out and x0 <= out[-1][1] + 1.0:
            out[-1] = (out[-1][0], max(out[-1][1], x1))
        else:
            out.append((x0, x1))
    return out


@dataclass
class Columns:
    """A 三线表's columns: where its labels start and how far right they reach (left of the
    figures), and the stretches across its figures fill."""

    labels: list[float]
    right: float  # the labels' right end on the figures' lines: further right, a figure's column
    figures: list[tuple[float, float]]

    def __post_init__(self) -> None:
        self._lefts = [x0 - 1.0 for x0, _ in self.figures]
        self._middles = [(x0 + x1) / 2 for x0, x1 in self.figures]

    def cells(self, line: Line) -> list[str]:
        """The line's text in each column: a run goes to the column it starts in (a label's, by
        the nearest start left of it; a figure's where it starts over one, or else — a header's
        word centred over a column, wider than its figures — the one its middle is nearest)."""
        out = [""] * (len(self.labels) + len(self.figures))
        for run in segments(line):
            x = run[0].x0
            if x < self.right:
                k = max(0, bisect_right(self.labels, x + _TOL) - 1)
            else:
                k = bisect_right(self._lefts, x) - 1
                if k < 0 or x > self.figures[k][1] + 1.0:  # in no figure's stretch: by its middle
                    middle = (x + run[-1].x1) / 2
                    at = bisect_left(self._middles, middle)
                    k = min((j for j in (at - 1, at) if 0 <= j < len(self._middles)),
                            key=lambda j: abs(self._middles[j] - middle))
                k += len(self.labels)
            out[k] += _text(run)
        return out


def columns(lines: list[Line]) -> Columns | None:
    """The columns of a table's lines: the figures' from the rows with a figure (a header's words
    may span several); the labels' from where the runs left of the figures start, on the lines
    from the first figure line on with no words over the figures (a header's words, a heading
    row's 信息内容 centred, are no label column's)."""
    figures = _spans([(s[0].x0, s[-1].x1) for ln in lines for s in segments(ln) if _FIGURE.match(_text(s))])
    if not figures:
        return None
    first = next(i for i, ln in enumerate(lines) if _has_figure(ln))
    ends = [s[-1].x1 for ln in lines[first:] if _has_figure(ln)
            for s in itertools.takewhile(lambda s: not _FIGURE.match(_text(s)), segments(ln))]
    right = max(ends, default=figures[0][0] - 1.0)
    right = min(right + _TOL, figures[0][0] - 1.0)
    body = [ln for ln in lines[first:] if not any(s[0].x0 >= right and not _FIGURE.match(_text(s)) for s in segments(ln))]
    starts = sorted(s[0].x0 for ln in body for s in segments(ln) if s[0].x0 < right)  # (not a heading row's: 信息内容)
    labels: list[float] = []
    for x in starts:
        if not labels or x - labels[-1] > _TOL:
            labels.append(x)
    return Columns(labels or [right], right, figures)


def _known_labels() -> frozenset[str]:
    from app.schema import TABLES

    return frozenset(loose(c.text) for spec in TABLES.values() for c in spec.layout if c.text)


_KNOWN = _known_labels()
_BEGUN = frozenset(k[:i] for k in _KNOWN for i in range(1, len(k)))  # 其他 begins 其他结果


def _header(lines: list[list[str]]) -> list[list[str]]:
    """The header's lines (each line's text by column) as its rows: a column's text wrapped over
    lines (自然 / 人, 结 / 果 / 维 / 持 set upright) run together until it is a statutory label,
    whose next line starts the column's next cell (one that begins a longer label, 其他 of
    其他结果, goes on); each cell in the row of the line it starts on."""
    started: dict[int, list[str]] = {}  # line -> its row's cells
    open_at: dict[int, int] = {}  # column -> the line its unfinished cell started on
    for i, line in enumerate(lines):
        for k, text in enumerate(line):
            if not text:
                continue
            start = open_at.get(k, i)
            row = started.setdefault(start, [""] * len(line))
            row[k] += text
            if loose(row[k]) in _KNOWN and loose(row[k]) not in _BEGUN:
                open_at.pop(k, None)
            else:
                open_at[k] = start
    return [started[i] for i in sorted(started)]


def rows(group: Group, cols: Columns) -> list[list[str]] | None:
    """The table's rows: the header's (the lines above the first figure, a header broken over
    a page break too), then each line with a figure one, with its labels' other lines: each label column's
    run of lines (at the type's pitch) goes with the figure line in it or, in none, the figure
    line it is set around (cells set in the middle) or below (set at the top, as Word and WPS
    set them).  None where a figure's column holds words."""
    data = [i for i, ln in enumerate(group.lines) if _has_figure(ln)]
    if not data:
        return None
    cells = [cols.cells(ln) for ln in group.lines]
    n = len(cols.labels)
    start = data[0]  # (a label begins on its figures' line: the lines above the first are the header's)
    labelled = [i for i in data if any(cells[i][:n])]
    if labelled and (len(labelled) * 4 < 3 * len(data) or not all(_begins(cells[i][:n]) for i in labelled)):
        return None  # labels set in the middle of their cells, or not begun on their figures' line: unsure
    figured = set(data)
    body: dict[int, list[str]] = {i: [""] * n + cells[i][n:] for i in data}
    for i in range(start, len(group.lines)):
        if i not in body and (any(cells[i][n:]) or loose(group.lines[i].text) in ONE_CELL_ROWS):
            body[i] = cells[i]  # a heading row within the table (表二's 第二十条第（五）项, 信息内容 | 本年处理决定数量)
    for j in range(n):
        for block in _blocks(group, [i for i in range(start, len(group.lines)) if cells[i][j] and (i in figured or i not in body)]):
            for i in block:
                host = _host(data, figured, block, i)
                if host is not None:
                    body[host][j] += cells[i][j]
    for i in sorted(body):
        if i in figured and any(text and not _FIGURE.match(text) for text in body[i][n:]):
            return None
    return _header(cells[:start]) + [body[i] for i in sorted(body)]


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]?|[0-9０-９]+[.．、])")


def _begins(labels: list[str]) -> bool:
    """Whether the last label on a figures' line begins a row's label (a number “（三）”, “1.”,
    or the first characters of a statutory one): a label set at the top of its cell."""
    text = loose(next(t for t in reversed(labels) if t))
    return bool(_NUMBERING.match(text)) or text[:2] in _BEGUN or text in _KNOWN


def _blocks(group: Group, lines: list[int]) -> list[list[int]]:
    """The lines (indices) in runs at the type's pitch on one page: a cell's wrapped text."""
    out: list[list[int]] = []
    for i in lines:
        if out and group.pages[out[-1][-1]] == group.pages[i] \
                and _mid(group.lines[i]) - _mid(group.lines[out[-1][-1]]) <= 1.6 * group.lines[i].size:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _host(data: list[int], figured: set[int], block: list[int], i: int) -> int | None:
    """The figure line (of ``data``, in order; ``figured`` the same) line ``i`` of a label's
    ``block`` of lines goes with: the one the block holds nearest above it (or its first), or
    else the one above the block — a label going on below its figures, or over a page break."""
    inside = [k for k in block if k in figured]
    if inside:
        above = [k for k in inside if k <= i]
        return above[-1] if above else inside[0]
    n = bisect_left(data, block[0])
    return data[n - 1] if n else (data[0] if data else None)


def owners(pages: Sequence[tuple[list[Line], list[Rule], float]]) -> dict[int, Group]:
    """Each 三线表 line's table (by the line's id), over pages given as (body lines, rules, height)."""
    out: dict[int, Group] = {}
    carried: Group | None = None
    for number, (lines, rules, height) in enumerate(pages):
        if not rules and carried is None:
            continue  # most pages: no rule, no table going on
        had = len(carried.lines) if carried is not None else 0  # (its lines of the pages before: owned)
        found = groups(sorted(lines, key=_mid), rules, carried, height, number)
        for g in found:
            out.update((id(ln), g) for ln in g.lines[had if g is carried else 0:])
        carried = found[-1] if found and found[-1].open_below else None
    return out


def tables(pages: Sequence[tuple[list[Line], list[Rule], float]],
           unread: list[str] | None = None) -> tuple[dict[int, Group], dict[Group, list[Block]]]:
    """The 三线表 over pages given as (body lines, rules, height) read as tables: each of their
    lines' table (by the line's id), and each table's blocks; a statutory table whose columns
    are not certain goes into ``unread``, its lines left to be read as text (and so is every
    other stretch between rules: the body between a running header's rule and a footer's)."""
    found = owners(pages)
    tabled: dict[Group, list[Block]] = {}
    for group in dict.fromkeys(found.values()):
        if (blocks := read(group)) is not None:
            tabled[group] = blocks
        elif group.unread and unread is not None:
            unread.append(group.unread)
    return {k: g for k, g in found.items() if g in tabled}, tabled


def read(group: Group) -> list[Block] | None:
    """The table's lines as the text-copy reader reads rows copied with tabs, their cells at the
    columns found; None where that is no statutory table, or its figures' columns are not the
    table's, or its labels are not certain (the lines are then read as text, and a statutory
    table's kind kept in ``group.unread`` to say so)."""
    from app.docx import tables as tbl
    from app.schema import TABLES, Kind
    from app.textcopy import text_blocks

    cols = columns(group.lines) if len(group.lines) <= _MOST_LINES else None
    table = rows(group, cols) if cols is not None and len(cols.labels) + len(cols.figures) <= _MOST_COLUMNS else None
    read = text_blocks("\n".join("\t".join(row) for row in table)) if table is not None else []
    kinds = {kind for b in read if isinstance(b, TableBlock) and (kind := tbl.classify(b)) is not None}
    # Label columns past the table's own (some text not its labels taken into it: a numbered
    # heading after its closing rule, “三、<tab>收到和处理…”) leave blank cells between a row's
    # label and its figures, which the text-copy reader took for figures' cells: 表二's
    # “规章 77 3 52” read as 现行有效件数 77.  Not certain: not read.
    # A figure with a point in a table of counts (表三, 表四): a label's list number run into the
    # figure beside it (“1.” and 27 as “1.27”, a narrow label column), not a count.
    pointed = table is not None and any("." in t or "．" in t for row in table for t in row[len(cols.labels):]) \
        if cols is not None else False
    if kinds and cols is not None and all(TABLES[k].n_cols == len(cols.figures)
                                          and len(cols.labels) <= max(TABLES[k].grid_cols - TABLES[k].n_cols, 1)
                                          and not (pointed and all(c.kind is Kind.COUNT for c in TABLES[k].cells))
                                          for k in kinds):
        return read
    if kinds:
        group.unread = min(kinds)
    elif any(_has_figure(ln) for ln in group.lines):
        group.unread = tbl.classify(TableBlock.of_rows(0, [[GridCell(ln.text, i)] for i, ln in enumerate(group.lines)]))
    return None


def notes(unread: list[str]) -> list[Finding]:
    """What is said of statutory tables drawn as 三线表 whose columns were not certain."""
    return [PDF_THREE_LINE.at(Location(META), f"PDF 中的表{k}画成三线表（只有横线，没有竖线），"
                              "无法确定每个数字属于哪一列，表中的数字未导入；请对照 PDF 在编辑器中填写，"
                              "最好使用原 Word 文档，或在 Word/WPS 中为表格加上框线后另存为 PDF") for k in unread]
