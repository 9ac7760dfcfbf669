"""Rectangles of a PDF page in pdfminer's device space, and the shapes a drawing paints that
app/pdfread/seen.py judges by: a path that is one level rectangle, a thick straight line's band,
a path's bounding box, a rectangle through a matrix; a PDF rectangle's and matrix's numbers.
Apart from seen.py's device and interpreter (the house's 500 lines a file), for them and for what
draws a page's annotations."""

from __future__ import annotations

import math
from typing import Any

from app.docx.invisible import TINY_HALF_POINTS

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in pdfminer's device space
LETTER: Rect = (0.0, 0.0, 612.0, 792.0)  # what viewers (pdfium, pdf.js) show for a MediaBox of no area
TINY_PT = TINY_HALF_POINTS / 2  # an em, a line's width or a box's side this small hides no glyph one reads
_SLACK = 0.5  # points: a glyph's middle this close to an edge is inside (rounding in producers)


def holds_middle(box: Rect, item: Any) -> bool:
    """Whether ``box`` holds the middle half of a character's box: what covering it (or, for
    a scan's text layer, lying on its picture) takes — a strip across a glyph does not."""
    qx, qy = (item.x1 - item.x0) / 4, (item.y1 - item.y0) / 4
    return bool(box[0] <= item.x0 + qx and item.x1 - qx <= box[2] and box[1] <= item.y0 + qy and item.y1 - qy <= box[3])


def rect_of(values: Any) -> Rect:
    """A PDF rectangle of any two opposite corners, as (x0, y0, x1, y1) with x0 ≤ x1, y0 ≤ y1;
    ValueError for one that is not four numbers."""
    v = [float(x) for x in values]
    if len(v) != 4 or not all(math.isfinite(x) for x in v):
        raise ValueError(values)
    return min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3])


def matrix_of(value: Any) -> tuple[float, float, float, float, float, float]:
    """A PDF matrix of six numbers; ValueError for anything else."""
    from pdfminer.pdftypes import list_value

    m = [float(v) for v in list_value(value)]
    if len(m) != 6 or not all(map(math.isfinite, m)):
        raise ValueError(value)
    return m[0], m[1], m[2], m[3], m[4], m[5]


def transformed(m: Any, r: Rect) -> Rect:
    """The bounding box of rectangle ``r`` through matrix ``m``."""
    a, b, c, d, e, f = m
    xs, ys = [], []
    for x, y in ((r[0], r[1]), (r[0], r[3]), (r[2], r[1]), (r[2], r[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def path_box(path: list[Any], ctm: Any) -> Rect | None:
    """The bounding box, in device space, of a path's points (Bézier control points included:
    the curve lies inside their hull); None for a path without points."""
    a, b, c, d, e, f = ctm
    xs: list[float] = []
    ys: list[float] = []
    for segment in path:
        coords = segment[1:]
        for i in range(0, len(coords) - 1, 2):
            x, y = coords[i], coords[i + 1]
            if isinstance(x, (int, float)) and isinstance(y, (int, float)):
                xs.append(a * x + c * y + e)
                ys.append(b * x + d * y + f)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def usable(box: Rect) -> Rect:
    """A MediaBox as viewers take it: one of no area is a Letter page."""
    return box if box[2] > box[0] and box[3] > box[1] else LETTER


def meet(a: Rect | None, b: Rect) -> Rect:
    """Where two rectangles overlap (``a`` None: the whole plane); empty as a zero-size one."""
    if a is None:
        return b
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return x0, y0, max(x0, x1), max(y0, y1)


def widened(r: Rect) -> Rect:
    """The rectangle a point is taken to be inside ``r`` within: ``r`` ``_SLACK`` wider each
    way (a glyph's middle on its edge is inside); for an empty one, none: nothing is inside."""
    if r[2] - r[0] <= 0 or r[3] - r[1] <= 0:
        return math.inf, math.inf, -math.inf, -math.inf
    return r[0] - _SLACK, r[1] - _SLACK, r[2] + _SLACK, r[3] + _SLACK


def filled_rect(path: Any, ctm: Any) -> Rect | None:
    """The rectangle, in device space, a path is when it is one rectangle with level sides
    (``re``, or m l l l with h), else None."""
    a, b, c, d, e, f = ctm
    if not b and not c and len(path) == 5 and [seg[0] for seg in path] == ["m", "l", "l", "l", "h"]:
        # the common case (a ``re`` under a matrix that only scales and moves: a table's
        # border, Word's a filled box each): its sides level in user space are level on the page
        (_, x0, y0), (_, x1, y1), (_, x2, y2), (_, x3, y3) = path[:4]
        if (
                (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)) \
                and x0 != x2 and y0 != y2:
            xs = sorted((round(a * x0 + e, 2), round(a * x2 + e, 2)))
            ys = sorted((round(d * y0 + f, 2), round(d * y2 + f, 2)))
            if xs[0] != xs[1] and ys[0] != ys[1]:
                return xs[0], ys[0], xs[1], ys[1]
    points = [seg[1:3] for seg in path if seg[0] in ("m", "l")]
    if [seg[0] for seg in path if seg[0] != "h"] not in (["m", "l", "l", "l"], ["m", "l", "l", "l", "l"]):
        return None
    if len(points) == 5 and points[4] != points[0]:
        return None
    corners = [(a * x + c * y + e, b * x + d * y + f) for x, y in points[:4]]
    xs = sorted({round(x, 2) for x, _ in corners})
    ys = sorted({round(y, 2) for _, y in corners})
    if len(xs) != 2 or len(ys) != 2:
        return None  # turned at a slant, or not a rectangle
    for (x0, y0), (x1, y1) in zip(corners, corners[1:] + corners[:1], strict=True):
        if round(x0, 2) != round(x1, 2) and round(y0, 2) != round(y1, 2):
            return None  # a diagonal side: a bow tie, not a rectangle
    return xs[0], ys[0], xs[1], ys[1]


def stroked_band(path: Any, ctm: Any, width: Any) -> Rect | None:
    """The rectangle, in device space, a straight level or upright line stroked ``width`` wide
    paints (its ends as butt caps: any other cap paints more), else None."""
    a, b, c, d, e, f = ctm
    if not isinstance(width, (int, float)) or abs(width) * (abs(a) + abs(b) + abs(c) + abs(d)) <= TINY_PT:
        return None  # a rule (a table's border, an underline): thinner than any glyph one reads
    if [seg[0] for seg in path] not in (["m", "l"], ["m", "l", "h"]):
        return None
    (x0, y0), (x1, y1) = path[0][1:3], path[1][1:3]
    length = math.hypot(x1 - x0, y1 - y0)
    if not length or not math.isfinite(length):
        return None
    # half the width across the line: the unit normal in user space, through the matrix
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    half = abs(width) / 2 * math.hypot(a * nx + c * ny, b * nx + d * ny)
    (px, py), (qx, qy) = ((a * x + c * y + e, b * x + d * y + f) for x, y in ((x0, y0), (x1, y1)))
    if round(py, 2) == round(qy, 2):
        return min(px, qx), py - half, max(px, qx), py + half
    if round(px, 2) == round(qx, 2):
        return px - half, min(py, qy), px + half, max(py, qy)
    return None  # at a slant


def with_usable_mediabox(page):  # type: ignore[no-untyped-def]
    """The page with the MediaBox viewers show for one of no area (app/pdfread/seen.py):
    pdfplumber would place every character off a page 0 wide."""
    from pdfplumber.page import Page

    if page.width > 0 and page.height > 0:
        return page
    page_obj = page.page_obj
    page_obj.mediabox = LETTER
    page_obj.attrs = {**page_obj.attrs, "MediaBox": list(LETTER)}
    page.close()
    return Page(page.pdf, page_obj, page_number=page.page_number)


def shown_turned(page, rotate: int):  # type: ignore[no-untyped-def]
    """The page as a viewer shows it with /Rotate ``rotate``: its text read upright."""
    from pdfplumber.page import Page

    page_obj = page.page_obj
    page_obj.rotate = rotate
    page_obj.attrs = {**page_obj.attrs, "Rotate": rotate}
    page.close()
    return Page(page.pdf, page_obj, page_number=page.page_number)
