"""The start's warm-up of the checks (ui/state.py asks for it, WARM_UP_DELAY_MS after a start
whose report came checked by app.prefetch's child)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QTimer

# The checks' modules, imported one at a time by the warm-up, those they import first.
_WARM_UP_MODULES = ("app.lastyear", "app.deadlines", "app.checks.arithmetic", "app.checks.content",
                    "app.checks.crossyear", "app.checks.dates", "app.checks.mismatch", "app.checks.text",
                    "app.checks")
# What the first edit imports (the undo commands, app.tablestate), not needed before the paint
# (ui/table_model.py, ui/state.py import it on first use): ~3 ms the first keystroke would pay.
_EDIT_MODULES = ("app.tablestate", "ui.commands")
WARM_UP_SLICE_S = 0.01  # the warm-up's work between two turns of the event loop (a module may take longer)


def checks(read_text: bool = True) -> None:
    """After a start whose report came checked by app.prefetch's child: the checks imported,
    their patterns compiled and (``read_text``) the report's text read once more, so that the
    first edit costs what every later one does (the child's caches died with it).  Not for a
    huge report (ui/state.py's BACKGROUND_CHECK_CHARS): its edits are checked in its check
    process, which the window warms instead, and its text read here held the GIL ~0.6 s.  The imports and patterns on
    this thread, a slice at a time between events: on a worker thread the half second of it
    held the GIL each call Qt makes into Python waits for, and keys typed meanwhile were painted
    ~0.5 s late (benchmarks/bench_busy_window.py --start).  The text is read on a worker (tens
    of milliseconds): the copy read is the child's own, unpickled again — the window's report
    is never read off its thread."""
    import time

    steps = _steps(read_text)

    def turn() -> None:
        end = time.perf_counter() + WARM_UP_SLICE_S
        for _ in steps:
            if time.perf_counter() >= end:
                QTimer.singleShot(0, turn)
                return

    QTimer.singleShot(0, turn)


def _steps(read_text: bool) -> Iterator[None]:
    from app import compile_cache, prefetch

    # Their patterns from the compile cache (the reading child's, an earlier start's): compiled
    # afresh they held this thread ~50 ms, a stutter under the keys typed meanwhile.
    yield from compile_cache.stepwise(_compiles())
    if not read_text:
        return
    spare = prefetch.spare()
    if spare is None:
        return
    from ui.tasks import Task

    def work(_control: object) -> None:
        import app.checks

        app.checks.run_all(spare)  # fills what is kept per version of the text, and per paragraph

    Task(work, what="准备检查").start()


def _compiles() -> Iterator[None]:
    """The checks imported and their patterns compiled, a module or a pattern a step."""
    import importlib

    for name in (*_WARM_UP_MODULES, *_EDIT_MODULES):
        importlib.import_module(name)
        yield
    from app import patterns

    yield from patterns.compile_each()
