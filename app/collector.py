"""Python's garbage collector during the editor's start: held off while it starts, given back
once the window holds its report (app.launch holds it, ui.main_window releases it)."""

from __future__ import annotations

import gc
from contextlib import contextmanager  # loaded before any of ours (site)
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: nothing more imported at the start
    from collections.abc import Iterator

_held = False


def hold() -> None:
    """Python's cyclic garbage collector off while the editor starts: the start makes hundreds
    of thousands of objects that live as long as the program and frees almost none, so every
    collection then is pure cost (~10 ms of a start; benchmarks/bench_start_stages.py).  The
    window gives it back (``release``) once it holds its report.  The prefetch child,
    forked after this, reads and checks without it too: it lives a fraction of a second."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The collector back on (once; a no-op unless held), what the start made moved out of its
    sight first (gc.freeze): it lives as long as the program, and a collection after the start
    then looks only at what came after."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


@contextmanager
def paused(young_after: bool = False) -> Iterator[None]:
    """The collector off for one run of work that makes many objects and frees them by reference
    counting (a command's read, a PDF page), back as it was after: left off when it was off
    already (held at the start, or paused further out).  ``young_after``: a pass over the
    youngest generation once it is back, for what the work left in cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
            if young_after:
                gc.collect(0)
