"""A letter, digit or CJK character drawn over a different one in the same place (hostile16,
hostile17): a viewer shows a blot of both that reads as neither, so app/pdfread/text.py leaves
both out and counts them, in constant time per glyph."""

from __future__ import annotations

import math
import unicodedata

from app.pdfread.redrawn import same_size


class Blots:
    """Where each letter, digit and CJK character was drawn, to find a different one drawn over
    it (“21” then “37” at the same place, or “无” over “37”: a viewer shows a blot of both, which
    reads as neither; hostile16 judged digits only, so a letter over a figure read as both,
    hostile17).  Kept by size class and square, as redrawn.Drawn keeps glyphs: a glyph looks
    only in the classes the page has near its own (one on a page of plain text) and in the
    squares its reach takes in (at most four in its own class), so a page costs constant time
    per glyph.  A glyph drawn to the right of all before it on its line, with no other line
    near enough to reach it, is over nothing and looks nowhere: most of a page's text (looking
    up every glyph cost a plain-text page about a fifth more processor time)."""

    def __init__(self) -> None:
        # size class -> square -> glyphs drawn there (x, y, width, height, place in out, text)
        self._classes: dict[int, dict[tuple[int, int], list[tuple[float, float, float, float, int, str]]]] = {}
        # (width, height) -> size class and its square: a page's glyphs come in few sizes
        self._shapes: dict[tuple[float, float], tuple[int, float]] = {}
        # (size class, y) -> its line; size class -> square of y -> the lines of the class there
        self._lines: dict[tuple[int, float], _Line] = {}
        self._rows: dict[int, dict[int, list[_Line]]] = {}

    def under(self, text: str, x: float, y: float, width: float, height: float, index: int) -> int | None:
        """The place in the page's characters of a different glyph of about this size this one
        is drawn over (more than half of it each way), None if none (this one is then kept as
        drawn, at ``index``)."""
        shape = self._shapes.get((width, height))
        if shape is None:
            if not math.isfinite(width + height):
                return None
            k = math.frexp(max(abs(width), abs(height), 1.0))[1]  # both under 2 ** k
            shape = self._shapes[(width, height)] = (k, 2.0 ** k)
        if not math.isfinite(x + y):
            return None
        k, size = shape
        line = self._lines.get((k, y))
        if line is None:
            line = self._line(k, size, y)
        elif line.alone and x >= line.right and 2 * (x - line.left) >= width:
            # past the right end of every glyph before it on its line (and past half of itself
            # from the start of each): none is drawn over more than half of it
            cells = self._classes[k]  # made with the line
            key = (int(x // size), int(y // size))
            places = cells.get(key)
            if places is None:
                cells[key] = [(x, y, width, height, index, text)]
            else:
                places.append((x, y, width, height, index, text))
            if x + width > line.right:
                line.right = x + width
            line.left = x  # past the right end of all, so past every start
            return None
        classes = self._classes
        own = classes.get(k)
        if own is not None and len(classes) == 1:  # one size of glyphs on most pages
            near: list[tuple[float, dict[tuple[int, int], list[tuple[float, float, float, float, int, str]]]]] = \
                [(size, own)]
        else:
            near = [(2.0 ** j, there) for j in (k - 1, k, k + 1) if (there := classes.get(j)) is not None]
        for step, cells in near:
            # Over another, the two are less than half the larger apart (each is under its
            # class's 2 ** j): only the squares that reach takes in are looked in.
            reach = (step if step > size else size) / 2
            a0, a1 = int((x - reach) // step), int((x + reach) // step)
            b0, b1 = int((y - reach) // step), int((y + reach) // step)
            for a in (a0,) if a0 == a1 else range(a0, a1 + 1):
                for b in (b0,) if b0 == b1 else range(b0, b1 + 1):
                    places = cells.get((a, b))
                    if places:
                        for px, py, w, h, i, t in places:
                            if 2 * abs(x - px) < (w if w > width else width) \
                                    and 2 * abs(y - py) < (h if h > height else height) \
                                    and t != text and same_size(abs(width), abs(height) / 2, w, h) \
                                    and not _marks(t + text):
                                return i
        self._keep(k, size, text, x, y, width, height, index, line)
        return None

    def _keep(self, k: int, size: float, text: str, x: float, y: float, width: float, height: float,
              index: int, line: _Line) -> None:
        """Keep a glyph over nothing, to be found by one drawn over it later."""
        own = self._classes.get(k)
        if own is None:
            own = self._classes[k] = {}
        key = (int(x // size), int(y // size))
        places = own.get(key)
        if places is None:
            own[key] = [(x, y, width, height, index, text)]
        else:
            places.append((x, y, width, height, index, text))
        if x + width > line.right:
            line.right = x + width
        if x > line.left:
            line.left = x

    def _line(self, k: int, size: float, y: float) -> _Line:
        """A new line of glyphs of class ``k`` at ``y``: alone unless a line of its or a
        neighbouring class is within reach up or down (glyphs on the two could meet), and then
        neither is."""
        line = self._lines[(k, y)] = _Line()
        self._classes.setdefault(k, {})
        for j in (k - 1, k, k + 1):
            rows = self._rows.get(j)
            if rows is None:
                continue
            step = 2.0 ** j
            reach = (step if step > size else size) / 2
            for b in range(int((y - reach) // step), int((y + reach) // step) + 1):
                for other in rows.get(b, ()):
                    if abs(other.y - y) < reach:
                        other.alone = line.alone = False
        line.y = y
        self._rows.setdefault(k, {}).setdefault(int(y // size), []).append(line)
        return line


class _Line:
    """Glyphs of one size class drawn at one height: how far right they reach."""

    __slots__ = ("alone", "left", "right", "y")

    def __init__(self) -> None:
        self.alone = True
        self.left = self.right = -math.inf  # the rightmost start and end of its glyphs
        self.y = 0.0


# Letters that sit on another letter by design: modifier letters (“ˇ”, “ʼ” drawn over the letter
# they mark).  Spacing accents and combining marks are no letters (str.isalnum) and never kept.
def _marks(text: str) -> bool:
    """Whether ``text`` holds a modifier letter (looked at only when two glyphs meet: rare)."""
    return not text.isascii() and any(unicodedata.category(c) == "Lm" for c in text)
