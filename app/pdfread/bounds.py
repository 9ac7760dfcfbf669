"""Bounds on the work one page of a PDF may cost, inside the page: pdfminer parses a page's
content stream and builds every object it draws in one call, so a limit checked between pages
(``PDF_TIME_LIMIT_S``) comes seconds late for a page drawing 30,000 ruling lines, and never
for a stream that is only operators (a million ``q Q``) or one array of a million numbers.

pdfminer and pdfplumber have no knob for this (``laparams`` only groups what was already
parsed; ``STRICT`` only decides which damage raises), so ``install`` puts two counting
classes in their place, as ``inflate`` does for the decoders:

- the content parser counts the page's tokens (numbers, names, operators…: all of its content
  streams and the forms it draws together, inside ``page``), stopping past
  ``MAX_PDF_PAGE_TOKENS`` (``PageLimit``) and, every thousand, checking the reading's deadline
  (processor time, the whole document: ``deadline``), raising ``TimeLimit``;
- the interpreter counts the drawings it runs: the page's own and each form it draws, every
  time it draws it (``MAX_PDF_PAGE_FORMS``), pdfminer's cost of a form before its tokens;
- the device counts what the page draws (characters, pictures, lines and shapes) and stops
  past ``MAX_PDF_PAGE_OBJECTS``, raising ``PageLimit``; pdfplumber's table finder and our own
  grid then never see more;
- every parser's tokenizer (the file's, a page's, a font's or CMap's) bounds one token: pdfminer
  glues each piece it reads onto the token so far, the square of its length in copying (one
  30 MB word after a cut-off file took the whole deadline inside a single token, where no
  deadline is looked at); past ``MAX_PDF_TOKEN_BYTES`` or ``MAX_PDF_TOKEN_WORK`` bytes glued
  it raises ``TokenLimit`` — damage, read as such;
- an inline picture's data (``BI … ID … EI``) is gathered in linear time, its end found by a
  regular expression, the deadline looked at every piece (pdfminer's went a byte at a time
  after every ``E``, gluing as above).

Outside ``page`` the parser counts nothing; the device's cap holds wherever pdfplumber is used.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from app.limits import (
    MAX_PDF_PAGE_FORMS,
    MAX_PDF_PAGE_OBJECTS,
    MAX_PDF_PAGE_TOKENS,
    MAX_PDF_TOKEN_BYTES,
    MAX_PDF_TOKEN_WORK,
)


class TimeLimit(Exception):
    """The reading went past its deadline (processor seconds)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took more than {seconds} s")
        self.seconds = seconds


class PageLimit(Exception):
    """A page draws more than ``limit`` objects, or its drawing has more than ``limit`` tokens
    (``tokens``) or draws forms more than ``limit`` times (``forms``)."""

    def __init__(self, limit: int, tokens: bool = False, forms: bool = False) -> None:
        super().__init__(f"more than {limit} {'tokens' if tokens else 'forms' if forms else 'objects'}")
        self.limit = limit
        self.tokens = tokens
        self.forms = forms


class TokenLimit(Exception):
    """One token, or one inline picture's data, is longer or costs more to gather than any
    a real PDF has: the file is damaged (or made to hang its reader)."""

    def __init__(self, length: int) -> None:
        super().__init__(f"a token of more than {length} bytes")
        self.length = length


class ObjectLimit(Exception):
    """The cross-reference lists (or the recovery scan finds) more objects than any report's
    PDF has, or its table runs on past what is read at once: damaged or made to hang its reader."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} objects")
        self.limit = limit


# (deadline in process_time, the limit in seconds) of the reading in progress, if any
_deadline: ContextVar[tuple[float, float] | None] = ContextVar("pdf_deadline", default=None)
# tokens the page being read has had, and the drawings run for it, the page's own and one each
# time it draws a form (a list: counted in place)
_page: ContextVar[list[int] | None] = ContextVar("pdf_page_tokens", default=None)
_PSEOF: type[Exception] = EOFError  # pdfminer's, once installed
CHECK_EVERY = 1024  # tokens between looks at the clock (a token costs some 10 µs)
_installed = False


@contextmanager
def deadline(seconds: float, started: float | None = None) -> Iterator[None]:
    """Processor time from ``started`` (now) that the reading inside may take."""
    start = time.process_time() if started is None else started
    token = _deadline.set((start + seconds, seconds))
    try:
        yield
    finally:
        _deadline.reset(token)


@contextmanager
def page() -> Iterator[None]:
    """One page's reading: its tokens are counted together."""
    token = _page.set([0, 0])
    try:
        yield
    finally:
        _page.reset(token)


def check_time() -> None:
    """TimeLimit past the deadline of the reading in progress; nothing outside one."""
    current = _deadline.get()
    if current is not None and time.process_time() > current[0]:
        raise TimeLimit(current[1])


def current_page() -> list[int] | None:
    """The tokens counted so far of the page being read (counted in place), or None outside one."""
    return _page.get()


def check_page(tokens: int) -> None:
    """PageLimit past the tokens a page may have, TimeLimit past the deadline: every
    ``CHECK_EVERY`` tokens (app/pdfread/content.py counts as the parser here does)."""
    if tokens > MAX_PDF_PAGE_TOKENS:
        raise PageLimit(MAX_PDF_PAGE_TOKENS, tokens=True)
    check_time()


def cause(e: BaseException, kind: type[BaseException]) -> Any:
    """The exception of ``kind`` behind ``e``, however pdfplumber or pdfminer wrapped it."""
    seen: set[int] = set()
    todo: list[object] = [e]
    while todo:
        x = todo.pop()
        if not isinstance(x, BaseException) or id(x) in seen:
            continue
        if isinstance(x, kind):
            return x
        seen.add(id(x))
        todo += [x.__cause__, x.__context__, *x.args]
    return None


FAST_RECTS = True  # plain_rect's shortcut taken (the tests compare it with pdfminer's way)


def plain_rect(ctm: Any, path: Any) -> tuple[list[Any], list[tuple[Any, ...]]] | None:
    """A path that is one rectangle (m l l l h, as pdfminer writes ``re``) whose sides stay
    level under ``ctm``: its five points on the page and the path on the page, exactly as
    pdfminer's ``paint_path`` computes them before it makes an LTRect of them; else None."""
    if len(path) != 5 or [seg[0] for seg in path] != ["m", "l", "l", "l", "h"]:
        return None
    a, b, c, d, e, f = ctm
    raw = [seg[1:] for seg in path[:4]]
    if any(len(p) != 2 for p in raw):
        return None
    pts = [(a * x + c * y + e, b * x + d * y + f) for x, y in raw]
    if pts[3] == pts[0]:
        return None  # pdfminer drops the last side first: not this shape
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    if not ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
        return None
    pts.append(pts[0])
    if all(type(v) is float for p in raw for v in p):  # as ``re`` writes them: the same points
        return pts, [("m", pts[0]), ("l", pts[1]), ("l", pts[2]), ("l", pts[3]), ("h",)]
    transformed: list[tuple[Any, ...]] = [(seg[0], (a * float(x) + c * float(y) + e, b * float(x) + d * float(y) + f))
                   for seg, (x, y) in zip(path[:4], raw, strict=True)]
    transformed.append(("h",))
    return pts, transformed


def install() -> None:
    """Once per process, before pdfplumber reads a page."""
    global _installed
    if _installed:
        return
    import pdfminer.pdfinterp as pdfinterp
    import pdfminer.psparser as psparser
    import pdfplumber.page as plumber_page

    from app.pdfread import fontmaps

    fontmaps.install()  # fonts' width tables and character maps bounded as they are expanded

    from pdfminer.layout import LTRect

    from app.pdfread import glyphs

    class BoundedContentParser(pdfinterp.PDFContentParser):
        def nexttoken(self) -> Any:
            counted = _page.get()
            if counted is not None:
                counted[0] += 1
                if not counted[0] % CHECK_EVERY:
                    check_page(counted[0])
            return _nexttoken(self)  # pdfminer's, bounded (PSBaseParser.nexttoken is it): one call less a token

        def get_inline_data(self, pos: int, target: bytes = b"EI") -> tuple[int, bytes]:
            return _inline_data(self, pos, target)

    class CountingDevice(plumber_page.PDFPageAggregatorWithMarkedContent):
        _drawn = 0

        def _count(self) -> None:
            self._drawn += 1
            if self._drawn > MAX_PDF_PAGE_OBJECTS:
                raise PageLimit(MAX_PDF_PAGE_OBJECTS)

        def render_char(self, matrix: Any, font: Any, fontsize: float, scaling: float, rise: float, cid: int,
                        ncs: Any, graphicstate: Any) -> float:
            # not pdfplumber's (it only adds a marked-content id, unread) nor pdfminer's: the same
            # character, its font's answers asked once a code (glyphs.draw)
            self._count()
            return glyphs.draw_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            self._count()
            super().render_image(*args, **kwargs)

        def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
            self._count()
            rect = plain_rect(self.ctm, path) if FAST_RECTS else None
            if rect is None:
                super().paint_path(gstate, stroke, fill, evenodd, path)
                return
            # what pdfminer's paint_path makes of a ``re`` with level sides, without its general
            # pass over the path (a table with each border a filled box has a thousand a page)
            pts, transformed = rect
            self.cur_item.add(LTRect(gstate.linewidth, (*pts[0], *pts[2]), stroke, fill, evenodd,
                                     gstate.scolor, gstate.ncolor, transformed, gstate.dash))
            self.tag_cur_item()  # as pdfplumber's paint_path: the marked-content id

    render_contents = pdfinterp.PDFPageInterpreter.render_contents

    def counted_contents(self: Any, *args: Any, **kwargs: Any) -> Any:
        # the page's drawing, then each form each time it is drawn (app/pdfread/seen.py's
        # interpreter and content.py's tokenizer both come through here)
        counted = _page.get()
        if counted is not None:
            counted[1] += 1
            if counted[1] > MAX_PDF_PAGE_FORMS + 1:  # the page's own drawing is not a form
                raise PageLimit(MAX_PDF_PAGE_FORMS, forms=True)
        return render_contents(self, *args, **kwargs)

    pdfinterp.PDFPageInterpreter.render_contents = counted_contents  # type: ignore[method-assign]
    global _PSEOF
    _PSEOF = psparser.PSEOF
    psparser.PSBaseParser.nexttoken = _nexttoken  # type: ignore[method-assign]
    pdfinterp.PDFContentParser = BoundedContentParser  # type: ignore[misc]
    plumber_page.PDFPageAggregatorWithMarkedContent = CountingDevice  # type: ignore[misc]
    _installed = True


def _nexttoken(self: Any) -> Any:
    """pdfminer's ``PSBaseParser.nexttoken`` (20260107), the token it gathers bounded: each
    step of its state machine glues a piece onto ``_curtoken`` (an immutable bytes: a copy of
    all of it); the copies are summed and capped, and the length too."""
    if self.eof:
        raise _PSEOF("Unexpected EOF")  # as pdfminer: “It's not really unexpected”
    work = 0
    held = len(self._curtoken)
    while not self._tokens:
        try:
            changed_stream = self.fillbuf()
            if changed_stream and self._curtoken:
                # a token cut by the end of one of a page's streams ends there (pdfminer #1157)
                self._parse1(b"\n", 0)
            else:
                self.charpos = self._parse1(self.buf, self.charpos)
        except _PSEOF:
            # the end in the middle of a token ends the token; PSEOF comes at the next call
            self.charpos = self._parse1(b"\n", 0)
            self.eof = True
            if not self._tokens:
                raise
        grown = len(self._curtoken)
        if grown != held:  # a step that glued (or began a new token: a few bytes)
            held = grown
            work += grown
            if grown > MAX_PDF_TOKEN_BYTES or work > MAX_PDF_TOKEN_WORK:
                raise TokenLimit(MAX_PDF_TOKEN_BYTES)
    return self._tokens.pop(0)


# The end of an inline picture's data: its mark and the white-space byte after it (pdfminer's
# test, ``bytes.isspace``).  The data's length: a whole scanned page drawn inline, compressed.
_INLINE_END = {mark: re.compile(re.escape(mark) + rb"[ \t\n\r\x0b\x0c]") for mark in (b"EI", b"~>")}
_INLINE_BYTES = 8 * MAX_PDF_TOKEN_BYTES


def _inline_data(self: Any, pos: int, target: bytes) -> tuple[int, bytes]:
    """pdfminer's ``PDFContentParser.get_inline_data`` in linear time: the data from ``pos`` up
    to ``target`` (``EI``, or ``~>`` for ASCII85) followed by a white-space byte, which is
    passed over; PSEOF when the stream ends first."""
    end = _INLINE_END.get(target) or re.compile(re.escape(target) + rb"[ \t\n\r\x0b\x0c]")
    self.seek(pos)
    data = bytearray()
    while True:
        self.fillbuf()  # PSEOF at the end of the page's streams
        before = len(data)
        data += self.buf[self.charpos:]
        found = end.search(data, max(0, before - len(target)))
        if found:
            self.charpos += found.end() - before
            del data[found.start():]
            break
        self.charpos = len(self.buf)
        if len(data) > _INLINE_BYTES:
            raise TokenLimit(_INLINE_BYTES)
        check_time()
    if data[-2:] == b"\r\n":
        del data[-2:]
    elif data[-1:] in (b"\r", b"\n"):
        del data[-1:]
    return pos, bytes(data)
