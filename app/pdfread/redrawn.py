"""A glyph drawn again a little off its place — a fake bold (Word's and WPS's bold for a font
without one), a shadow — told from the same character really repeated (一一, 11, 00), in
constant time per glyph (app/pdfread/text.py reads each such glyph once)."""

from __future__ import annotations

import math


class Drawn:
    """Where each glyph was drawn on a page, found near a place in constant time.  The same
    glyph drawn again is the same size (within a factor of two across and up): glyphs are kept
    by text and size class (powers of two of their reach across and up), each class in squares
    twice its reach, and a glyph looks in the four squares near it of its own and the
    neighbouring classes only.  Comparing with every earlier one was quadratic (a page of 9,000
    “a” took 12 s); so was one reach per text, once a single huge “a” was drawn (5,000 small
    ones after it took 14 s, and read as that one drawn again)."""

    def __init__(self) -> None:
        # text -> (class across, class up) -> square -> glyphs drawn there (x, y, width, height)
        self._texts: dict[str, dict[tuple[int, int], dict[tuple[float, float], list[tuple[float, float, float, float]]]]] = {}
        # (text, width, height) -> its reach and classes: a page's glyphs come in few sizes (and
        # its objects are capped, bounds.py: a page of every size grows it no more than _texts)
        self._shapes: dict[tuple[str, float, float], tuple[float, float, int, int, float, float]] = {}

    def again(self, text: str, x: float, y: float, width: float, height: float) -> bool:
        """Whether ``text`` at (x, y) is a glyph drawn before drawn again (``again_near``, by one of
        about its size); if not, it is kept as drawn."""
        shape = self._shapes.get((text, width, height))
        if shape is None:
            if not math.isfinite(width + height):
                return False
            across, up = max(abs(width), 1.0), max(abs(height) / 2, 1.0)
            kx, ky = math.frexp(across)[1], math.frexp(up)[1]  # across < 2**kx, up < 2**ky
            shape = self._shapes[(text, width, height)] = (across, up, kx, ky, 2.0 ** (kx + 1), 2.0 ** (ky + 1))
        if not math.isfinite(x + y):
            return False
        across, up, kx, ky, qx, qy = shape
        classes = self._texts.get(text)
        if classes is None:  # the first of its text on the page: most are
            self._texts[text] = {(kx, ky): {(x // qx, y // qy): [(x, y, width, height)]}}
            return False
        own = classes.get((kx, ky))
        if own is not None and len(classes) == 1:  # one size of a text on most pages
            near = [(qx / 2, qy / 2, own)]
        elif len(classes) <= 9:
            near = [(2.0 ** i, 2.0 ** j, cells) for (i, j), cells in classes.items()
                    if -1 <= i - kx <= 1 and -1 <= j - ky <= 1]
        else:
            near = [(2.0 ** i, 2.0 ** j, cells) for i in (kx - 1, kx, kx + 1) for j in (ky - 1, ky, ky + 1)
                    if (cells := classes.get((i, j))) is not None]
        for sx, sy, cells in near:
            # a glyph of the class (i, j) reaches less than sx = 2**i across, sy = 2**j up, and one
            # drawn again stands less than that from it (``again_near``): in a square the span meets
            qi, qj = 2 * sx, 2 * sy
            a0, a1 = (x - sx) // qi, (x + sx) // qi
            b0, b1 = (y - sy) // qj, (y + sy) // qj
            for key in ((a0, b0), (a1, b0), (a0, b1), (a1, b1)):
                places = cells.get(key)
                if places and any(same_size(across, up, w, h) and again_near(x - px, y - py, w, h)
                                  for px, py, w, h in places):
                    return True
        own = classes[(kx, ky)] = {} if own is None else own
        own.setdefault((x // qx, y // qy), []).append((x, y, width, height))
        return False


def same_size(across: float, up: float, width: float, height: float) -> bool:
    """Whether a glyph reaching ``across`` and ``up`` is within a factor of two of one
    ``width`` by ``height`` (a small “a” inside a huge one is no fake bold of it)."""
    other_across, other_up = max(abs(width), 1.0), max(abs(height) / 2, 1.0)
    return (across <= 2 * other_across and other_across <= 2 * across
            and up <= 2 * other_up and other_up <= 2 * up)


def again_near(dx: float, dy: float, width: float, height: float) -> bool:
    """Whether a glyph ``dx``, ``dy`` from the same glyph drawn before is that one drawn again:
    over more than half of it (a fake bold a fraction of a point off, a shadow of a broad
    glyph), or off its baseline by less than half its height and overlapping it (a shadow
    cast down or up).  The same character really repeated (一一, 11, 00) stands a whole
    advance to the side on the same baseline: kept."""
    dx, dy = abs(dx), abs(dy)
    if dx < max(width / 2, 1.0) and dy < max(height / 2, 1.0):
        return True
    return _OFF_BASELINE <= dy < height / 2 and dx < 0.8 * width


_OFF_BASELINE = 0.25  # points: two glyphs this far apart vertically are on different baselines
