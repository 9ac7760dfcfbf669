"""The batch window's work reads its files in a worker process even with one job (one core, or a
recheck of the files changed on disk): on the window's thread the reading held the GIL that each
data() call of the list's repaint waits for.  What comes back is what the same work in this
process gives; where no process may be started, it is done in this process as before."""

from __future__ import annotations

import pytest

from app import batch, batch_pool
from app.batch_recheck import recheck
from tests.test_batch_recheck import folder, report, rows_of, saved, seen

__all__ = ["folder"]


def _not_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A file read in this process from now on is a row saying so (the reader fails), and its
    name in the list returned: the worker process has its own reader."""
    import app.reading

    read: list[str] = []

    def here(path: object, *_args: object, **_kwargs: object) -> object:
        read.append(str(path))
        raise AssertionError("a file was read in the window's process")

    monkeypatch.setattr(app.reading, "load_report", here)
    return read


def test_one_job_apart_reads_in_a_worker_process_and_gives_the_same_rows(
        folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    read = _not_here(monkeypatch)
    apart = batch.run([folder], jobs=1, apart=True)
    monkeypatch.undo()
    assert read == []
    here = batch.run([folder], jobs=1)
    assert [seen(r) for r in apart.results] == [seen(r) for r in here.results]
    assert all(r.error is None for r in apart.results)


def test_a_recheck_apart_reads_in_a_worker_process_and_pairs_as_a_fresh_run(
        folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    results = batch.run([folder], jobs=1).results
    saved(report("某县教育局", 2024, carried_in=3, carried_out=3, in_force=4), folder / "b2023.docx")
    saved(report("某县卫健局", 2023, carried_in=3, carried_out=3, in_force=4), folder / "e2023.docx")
    read = _not_here(monkeypatch)
    emitted: list[batch.FileResult] = []
    done = recheck(results, emitted.append, lambda: False, apart=True)
    monkeypatch.undo()
    assert read == []
    assert done.files >= 2 and emitted
    got = rows_of(results, emitted)
    fresh = {r.path: seen(r) for r in batch.run([folder], jobs=1).results}
    assert {p: seen(r) for p, r in got.items()} == fresh


def test_no_process_allowed_reads_here_as_before(folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def refused(_self: object, _workers: int) -> object:
        raise PermissionError(13, "不允许创建进程")

    monkeypatch.setattr(batch_pool.Runner, "_new_pool", refused)
    got = batch.run([folder], jobs=1, apart=True)
    assert all(r.error is None for r in got.results) and len(got.results) == 6
    results = got.results
    saved(report("某县财政局", 2023), folder / "c.docx")
    emitted: list[batch.FileResult] = []
    assert recheck(results, emitted.append, lambda: False, apart=True).files == 1
    assert [r.error for r in emitted] == [None]
