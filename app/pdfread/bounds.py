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
- the device counts what the page draws (characters, pictures, lines and shapes) and stops
  past ``MAX_PDF_PAGE_OBJECTS``, raising ``PageLimit``; pdfplumber's table finder and our own
  grid then never see more.

Outside ``page`` the parser counts nothing; the device's cap holds wherever pdfplumber is used.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from app.limits import MAX_PDF_PAGE_OBJECTS, MAX_PDF_PAGE_TOKENS


class TimeLimit(Exception):
    """The reading went past its deadline (processor seconds)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took more than {seconds} s")
        self.seconds = seconds


class PageLimit(Exception):
    """A page draws more than ``limit`` objects, or its drawing has more than ``limit`` tokens."""

    def __init__(self, limit: int, tokens: bool = False) -> None:
        super().__init__(f"more than {limit} {'tokens' if tokens else 'objects'}")
        self.limit = limit
        self.tokens = tokens


# (deadline in process_time, the limit in seconds) of the reading in progress, if any
_deadline: ContextVar[tuple[float, float] | None] = ContextVar("pdf_deadline", default=None)
# tokens the page being read has had (a list: counted in place by the parsers of its streams)
_page: ContextVar[list[int] | None] = ContextVar("pdf_page_tokens", default=None)
_CHECK_EVERY = 1024  # tokens between looks at the clock (a token costs some 10 µs)
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
    token = _page.set([0])
    try:
        yield
    finally:
        _page.reset(token)


def check_time() -> None:
    """TimeLimit past the deadline of the reading in progress; nothing outside one."""
    current = _deadline.get()
    if current is not None and time.process_time() > current[0]:
        raise TimeLimit(current[1])


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


def install() -> None:
    """Once per process, before pdfplumber reads a page."""
    global _installed
    if _installed:
        return
    import pdfminer.pdfinterp as pdfinterp
    import pdfplumber.page as plumber_page

    class BoundedContentParser(pdfinterp.PDFContentParser):
        def nexttoken(self) -> Any:
            counted = _page.get()
            if counted is not None:
                counted[0] += 1
                if not counted[0] % _CHECK_EVERY:
                    if counted[0] > MAX_PDF_PAGE_TOKENS:
                        raise PageLimit(MAX_PDF_PAGE_TOKENS, tokens=True)
                    check_time()
            return super().nexttoken()

    class CountingDevice(plumber_page.PDFPageAggregatorWithMarkedContent):
        _drawn = 0

        def _count(self) -> None:
            self._drawn += 1
            if self._drawn > MAX_PDF_PAGE_OBJECTS:
                raise PageLimit(MAX_PDF_PAGE_OBJECTS)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self._count()
            return super().render_char(*args, **kwargs)  # type: ignore[no-any-return]

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            self._count()
            super().render_image(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            self._count()
            super().paint_path(*args, **kwargs)

    pdfinterp.PDFContentParser = BoundedContentParser  # type: ignore[misc]
    plumber_page.PDFPageAggregatorWithMarkedContent = CountingDevice  # type: ignore[misc]
    _installed = True
