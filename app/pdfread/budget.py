"""A total one document's reading spends down (bytes inflated: app/pdfread/inflate.py; font
table entries: app/pdfread/fontmaps.py), kept per context as the reading's deadline is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from app import collector


class Budget:
    """A total one document's reading spends down (bytes inflated, font table entries): set for
    a read by ``within()``, spent by ``spend()``, ``exceeded()`` raised past it; outside a read
    nothing is counted.  Per context, as the deadline is: two reads in two threads apart."""

    def __init__(self, name: str, total: int, exceeded: Callable[[], Exception]) -> None:
        self._left: ContextVar[list[int] | None] = ContextVar(name, default=None)
        self.total = total
        self._exceeded = exceeded

    @contextmanager
    def within(self, total: int | None = None) -> Iterator[None]:
        token = self._left.set([self.total if total is None else total])
        try:
            yield
        finally:
            self._left.reset(token)

    def spend(self, n: int) -> None:
        left = self._left.get()
        if left is not None:
            left[0] -= n
            if left[0] < 0:
                raise self._exceeded()


@contextmanager
def collector_paused() -> Iterator[None]:
    """One page read with Python's cycle collector paused, then a pass over what the page left
    young: a page makes tens of thousands of objects (a table whose every border is a box of
    its own: a thousand boxes, each a dictionary of tuples) that live until the page is done and
    are then freed by reference counting; the collector's passes over them meanwhile, and its
    full passes the growing count set off, were a sixth of such a page's reading (a 60-page
    register 5.5 s, now under 3).  A page's objects are bounded (app/pdfread/bounds.py)."""
    with collector.paused(young_after=True):  # what the page made in a cycle, as the collector would have
        yield
