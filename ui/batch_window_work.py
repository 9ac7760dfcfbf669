"""批量检查's work on its worker thread (ui.tasks.Task): the run over the folder, streaming its
plan, each result and the pairs about to be compared with last year's; and the rows of files
changed since checked, checked again, streaming the rows about to be read again and each new
result.  The window (ui/batch_window.py) shows what they hand over."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app import batch
from app.batch_collect import Listings
from app.batch_recheck import Rechecked, recheck
from app.names import is_folder
from ui.tasks import Control

# The files read in worker processes, one at least (app.batch_pool.Runner's ``apart``): on this
# window's worker thread the reading held the GIL each data() call of the list's repaint waits
# for.  False: in the window's process (a test that slows a read down with a check_file of its own).
APART = True


@dataclass(frozen=True)
class Plan:
    """The first item of a run's stream: how many files there are to check (the progress counts
    a paired report twice, so it cannot say), and the files that are no report."""

    files: int
    skipped: list[Path]
    paths: tuple[str, ...] = ()  # the files to check: those a 取消 leaves unreached are named


@dataclass(frozen=True)
class Comparing:
    """The rows about to be checked again against last year's report (marked paired_with)."""

    rows: list[batch.FileResult]


@dataclass(frozen=True)
class Rechecking:
    """The files of rows about to be read again after a file changed on disk."""

    paths: list[str]


def not_reached(plan: Plan | None, rows: list[batch.FileResult]) -> list[str]:
    """The files of ``plan`` no row is of: those a 取消 (or a failure) left unchecked."""
    reached = {r.path for r in rows}
    return [p for p in plan.paths if p not in reached] if plan is not None else []


def batch_work(paths: list[Path], jobs: int | None,
               listings: Listings | None = None) -> Callable[[Control], batch.Batch]:
    """The run, as a Task's work: the plan, then each FileResult as it comes (``control.emit``),
    in the worker thread that drives app.batch's processes (one at least, one core or not: the
    list repaints meanwhile); the Batch at the end.  ``listings`` keeps the folders as listed,
    for the searches again on activation (``recheck_work``)."""
    def work(control: Control) -> batch.Batch:
        files, skipped = batch.collect(paths, listings=listings)
        control.check()  # cancelled while a large folder was searched: no processes started
        control.emit(Plan(len(files), skipped, tuple(str(f) for f in files)))

        def progress(done: int, total: int, result: batch.FileResult) -> None:
            control.progress(done, total)  # first: a 取消 from the row's handler keeps both
            # A copy: the run goes on marking pairs and duplicates on its own results, which a
            # row must not show before the comparison with last year's report is in.
            control.emit(copy.copy(result))

        def pairing(rows: list[batch.FileResult]) -> None:
            control.emit(Comparing([copy.copy(r) for r in rows]))

        # ``files`` named one by one are checked as collect found them, in the same order; those
        # the user named (dropped one by one) are checked whatever they hold
        named = [p for p in paths if not is_folder(p)]
        result = batch.run(files, jobs, progress=progress, cancelled=control.cancelled, named=named,
                           base=batch.base_folder(paths), pairing=pairing, apart=APART)
        result.skipped = skipped
        return result
    return work


def recheck_work(rows: list[batch.FileResult], folders: list[Path] | None = None,
                 listings: Listings | None = None) -> Callable[[Control], Rechecked]:
    """The rows whose files changed on disk since they were read checked again, as a Task's work
    (app/batch_recheck.py): each file's stamp looked at here, off the GUI thread (a network
    share answers slowly), the rows about to be read again and each new FileResult handed over
    as they come (``control.emit``).  The files are read in a process (``apart``): the list
    repaints meanwhile.  ``folders`` are searched again: a report file new there joins the list;
    ``listings``, as the last search left them, spare listing the folders unchanged since."""
    def work(control: Control) -> Rechecked:
        return recheck(rows, control.emit, control.cancelled, lambda paths: control.emit(Rechecking(paths)),
                       apart=APART, folders=folders or [], listings=listings)
    return work


def failed_message(error: BaseException, _what: str) -> str:
    """A folder that vanished, no processes allowed: one line, no traceback."""
    return f"批量检查未能完成（{type(error).__name__}: {error}）"
