"""pdfplumber's table finder with its three passes made to cost what the page holds: the same
tables, cells and order as ``page.find_tables`` gives, found in bounded time.

pdfplumber's passes are quadratic or worse in what a page may hold inside the object cap
(app/limits.py MAX_PDF_PAGE_OBJECTS): a page ruled as a fine grid (graph paper, a form of
small boxes: 170 lines each way, 342 objects in 10 KB) has 29,000 crossings, and for each
crossing ``intersections_to_cells`` scanned every later crossing twice — 26 s past the 8 s
deadline, which nothing inside pdfplumber looks at.  Here each crossing finds the crossings
below it and to its right by index, ``edges_to_intersections`` looks only at the rules level
with a column line's span, and ``cells_to_tables`` builds its groups one connected set of cells
at a time; all three look at the reading's deadline (bounds.check_time) as they go, so what
is still costly (a page drawn to defeat the search) stops there with the one line the reader
gives for a PDF too slow to read.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Any

from pdfplumber import utils
from pdfplumber.table import Table, TableFinder, TableSettings

from app.pdfread.bounds import check_time

_CHECK_EVERY = 2048  # steps of work between looks at the deadline
_HAIR = 1e-6

Point = tuple[float, float]
BBox = tuple[float, float, float, float]


class _Clock:
    """Counts work and looks at the reading's deadline every ``_CHECK_EVERY`` steps."""

    def __init__(self) -> None:
        self.steps = 0

    def tick(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps >= _CHECK_EVERY:
            self.steps = 0
            check_time()


def edges_to_intersections(edges: list[dict[str, Any]], x_tolerance: float = 1,
                           y_tolerance: float = 1) -> dict[Point, dict[str, list[dict[str, Any]]]]:
    """pdfplumber.table.edges_to_intersections: the same crossings, their edges in the same
    order; each column line looks only at the rules whose height is within its span."""
    clock = _Clock()
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [h["top"] for h in h_edges]
    out: dict[Point, dict[str, list[dict[str, Any]]]] = {}
    for v in v_edges:
        # a hair wider than the test below, which is pdfplumber's own, rounding and all
        lo = bisect_left(tops, v["top"] - y_tolerance - _HAIR)
        hi = bisect_right(tops, v["bottom"] + y_tolerance + _HAIR)
        clock.tick(1 + hi - lo)
        for h in h_edges[lo:hi]:
            if v["top"] <= h["top"] + y_tolerance and v["bottom"] >= h["top"] - y_tolerance \
                    and h["x0"] - x_tolerance <= v["x0"] <= h["x1"] + x_tolerance:
                vertex = (v["x0"], h["top"])
                if vertex not in out:
                    out[vertex] = {"v": [], "h": []}
                out[vertex]["v"].append(v)
                out[vertex]["h"].append(h)
    return out


def intersections_to_cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[BBox]:
    """pdfplumber.table.intersections_to_cells: for each crossing, the smallest cell it is the
    top left corner of, found by the same search — its candidates below and to the right taken
    by index, not by scanning every later crossing."""
    clock = _Clock()
    points = sorted(intersections)
    v_sets = {p: {utils.obj_to_bbox(e) for e in intersections[p]["v"]} for p in points}
    h_sets = {p: {utils.obj_to_bbox(e) for e in intersections[p]["h"]} for p in points}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not v_sets[p1].isdisjoint(v_sets[p2]):
            return True
        return p1[1] == p2[1] and not h_sets[p1].isdisjoint(h_sets[p2])

    # How far each rule reaches: the farthest crossing it makes.  A point past the reach of all
    # of a point's rules shares none with it, so the search stops there.
    reach_x: dict[BBox, float] = {}
    reach_y: dict[BBox, float] = {}
    for p in points:
        for e in h_sets[p]:
            reach_x[e] = max(reach_x.get(e, p[0]), p[0])
        for e in v_sets[p]:
            reach_y[e] = max(reach_y.get(e, p[1]), p[1])
    rows: dict[float, list[Point]] = {}  # the points of each height, left to right (points are sorted)
    for p in points:
        rows.setdefault(p[1], []).append(p)
    rows_x = {y: [p[0] for p in row] for y, row in rows.items()}
    cells: list[BBox] = []
    end = 0  # the end of the run of points with the current point's x
    for i, pt in enumerate(points):
        if end <= i:
            end = i + 1
            while end < len(points) and points[end][0] == pt[0]:
                end += 1
        clock.tick()
        if not h_sets[pt] or not v_sets[pt]:
            continue
        down = max(reach_y[e] for e in v_sets[pt])
        across = max(reach_x[e] for e in h_sets[pt])
        below = points[i + 1:bisect_right(points, (pt[0], down), i + 1, end)]
        cell = _smallest_cell(pt, below, across, rows, rows_x, intersections, connects, clock)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(pt: Point, below: list[Point], across: float, rows: dict[float, list[Point]],
                   rows_x: dict[float, list[float]], crossings: dict[Point, Any], connects: Any,
                   clock: _Clock) -> BBox | None:
    """pdfplumber's search: the first point below (top to bottom) and then the first point to
    the right (left to right) joined to ``pt`` whose corner is a crossing joined to both.  Only
    the points its rules reach (``below``, and up to ``across``) and, of those to the right,
    only those whose corner is a crossing are looked at, in the same order."""
    row = rows[pt[1]]
    r0 = bisect_right(rows_x[pt[1]], pt[0])  # the points to the right: row[r0:r1], never copied
    r1 = bisect_right(rows_x[pt[1]], across)
    for below_pt in below:
        clock.tick()
        if not connects(pt, below_pt):
            continue
        level = rows[below_pt[1]]
        l0 = bisect_right(rows_x[below_pt[1]], pt[0])
        l1 = bisect_right(rows_x[below_pt[1]], across)
        by_level = l1 - l0 < r1 - r0  # walk the shorter, in the same order (by x)
        steps = range(l0, l1) if by_level else range(r0, r1)
        clock.tick(len(steps))
        for k in steps:
            if by_level:
                corner = level[k]
                right_pt = (corner[0], pt[1])
                if right_pt not in crossings:
                    continue
            else:
                right_pt = row[k]
                corner = (right_pt[0], below_pt[1])
            if connects(pt, right_pt) and corner in crossings \
                    and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def cells_to_tables(cells: list[BBox]) -> list[list[BBox]]:
    """pdfplumber.table.cells_to_tables: cells grouped by shared corners, each group's cells in
    the order pdfplumber's passes add them.  pdfplumber passed over every cell left for each
    group (and removed each from a list): here the groups are found first, and the passes run
    over one group's cells."""
    clock = _Clock()
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_at: dict[Point, int] = {}
    for n, (x0, top, x1, bottom) in enumerate(cells):
        clock.tick()
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            other = first_at.setdefault(corner, n)
            if other != n:
                a, b = root(n), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for n in range(len(cells)):
        groups.setdefault(root(n), []).append(n)  # keyed by the first cell, in order
    tables = [_added_in_passes([cells[n] for n in members], clock) for members in groups.values()]
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


def _added_in_passes(group: list[BBox], clock: _Clock) -> list[BBox]:
    """One connected group's cells in the order pdfplumber adds them: the first starts it, and
    each pass over those left adds every cell touching a corner of the cells added so far."""
    corners: set[Point] = set()
    added: list[BBox] = []
    left = group
    while left:
        kept = []
        for cell in left:
            x0, top, x1, bottom = cell
            mine = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not added or any(c in corners for c in mine):
                corners.update(mine)
                added.append(cell)
            else:
                kept.append(cell)
        clock.tick(len(left))
        if len(kept) == len(left):
            break  # not connected after all: never so, as the groups are built
        left = kept
    return added


class _Finder(TableFinder):
    """TableFinder with the passes above."""

    def __init__(self, page: Any, settings: TableSettings) -> None:
        self.page = page
        self.settings = settings
        self.edges = self.get_edges()
        check_time()
        self.intersections = edges_to_intersections(self.edges, settings.intersection_x_tolerance,
                                                    settings.intersection_y_tolerance)
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def find_tables(page: Any, settings: dict[str, Any] | None = None) -> list[Table]:
    """``page.find_tables(settings)``, bounded."""
    return _Finder(page, TableSettings.resolve(settings)).tables
