"""批量检查's rows brought up to date after their files changed on disk (a report saved in the
editor after 忽略此问题, corrected in Word, replaced by a sync tool): the files whose stamps moved
are read again, with the reports paired with them; where a correction moved a report's 机关名称
or 年度, its pairing with last year's report and the duplicate notes are made again as
``batch.run`` makes them, for the rows of the (organ, year) groups it left and joined only.

Everything here runs off the GUI thread (ui/batch_window.py runs it as a Task): a stat on a
network share may take its time, and a few hundred of them on every activation would stall the
window."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app import batch
from app.batch import FileResult, pair_groups, pair_key
from app.batch_collect import Listings, collect
from app.batch_pool import Runner
from app.names import is_folder


@dataclass(frozen=True)
class Rechecked:
    """What a recheck of a batch changed."""

    files: int  # rows read again: those whose files changed, and those checked against them
    repaired: int  # rows whose 上年 pairing or duplicate note changed with a 机关名称 or 年度
    added: int = 0  # report files new in the folders checked (a copy saved as “…（修订）.docx”)

    def message(self) -> str | None:
        """The status line's; None when no file had changed."""
        if not self.files and not self.repaired and not self.added:
            return None
        parts = [f"已重新检查 {self.files} 份检查后修改过的年报"] if self.files else []
        if self.added:
            parts.append(f"文件夹中新出现 {self.added} 个年报文件，已检查并加入列表")
        text = "；".join(parts)
        if self.repaired:  # a new file joins a group as a 机关名称 corrected into it does
            why = "" if self.added else "机关名称或年度有改动，"
            text += ("；" if text else "") + f"{why}已更新 {self.repaired} 份的对照上年和重复备注"
        return text


def changed_on_disk(r: FileResult) -> bool:
    """Whether the file of a checked report was written (or deleted) since it was read.  A file
    that could not be read counts too (re-downloaded, repaired in Word: its 无法读取 row would
    stay so for good — review31 L1), when it was read with a stamp: a worker that died on it
    left none, and such a file is never read again here, in the window's process."""
    if r.not_report is not None or (r.error is not None and r.stamp is None):
        return False
    return r.stamp != batch.file_stamp(r.path)


def recheck(rows: Sequence[FileResult], emit: Callable[[FileResult], None],
            stopped: Callable[[], bool], due: Callable[[list[str]], None] | None = None,
            apart: bool = False, folders: Sequence[Path] = (), listings: Listings | None = None) -> Rechecked:
    """Each row that changes handed to ``emit`` as a new FileResult (the rows given are never
    altered: the window's list holds them); ``stopped`` is asked between files, and a read of a
    .doc is stopped midway by it.  ``due`` is told the paths about to be read again before they
    are (what their rows show meanwhile is not their last word).  What was done so far, when stopped.
    ``apart``: the files read in a process of their own (app.batch_pool), not in this one — the
    batch window's: on its worker thread the reading held the GIL that each of the thousands
    of data() calls of a repaint of its list waits for.
    ``folders``: those the rows were found in, searched again — a report file new there (the
    reviewer's copy saved from the editor as “…（修订）.docx”, one copied in) is checked as
    ``batch.run`` would have, handed to ``emit`` as a row of its own, and joins its (机关, 年度)
    group: its duplicates and its pairing with last year's report are made as for a moved row.
    ``listings``: the folders as the last search listed them (app.batch_collect.Listings): only
    those changed since are listed again."""
    listings = listings if listings is not None else Listings()
    with Runner(1, check_again, batch.crashed, apart=apart) as runner:
        return _recheck(rows, emit, stopped, due, runner, lambda: _new_files(rows, folders, stopped, listings))


def _new_files(rows: Sequence[FileResult], folders: Sequence[Path], stopped: Callable[[], bool],
               listings: Listings) -> list[str]:
    """The report files in ``folders`` that no row is of (a folder searched as a run searches it;
    this program's backups and the files that are no report by name stay out, as they do there)."""
    searched = [f for f in folders if is_folder(f)]
    if not searched:
        return []
    files, _skipped = collect(searched, stopped, listings)  # the window closed meanwhile: its thread let go
    found = [str(f) for f in files]
    keys = listings.keys([*(r.path for r in rows), *found])  # the kept listings gathered once
    known = set(keys[:len(rows)])
    return [path for path, key in zip(found, keys[len(rows):], strict=True) if key not in known]


def _recheck(rows: Sequence[FileResult], emit: Callable[[FileResult], None], stopped: Callable[[], bool],
             due: Callable[[list[str]], None] | None, runner: Runner, new_files: Callable[[], list[str]]) -> Rechecked:
    changed: set[str] = set()
    for r in rows:
        if stopped():
            return Rechecked(0, 0)
        if changed_on_disk(r):
            changed.add(r.path)
    listed, old = list(rows), len(rows)  # the rows listed: 0 … old - 1
    current = list(listed)
    read: set[int] = set()  # rows read again
    # The rows of changed files first (the reviewer back from the editor waits for that one):
    # the folders are searched only after them — thousands of files on a share take seconds.
    first = [i for i, r in enumerate(listed)
             if r.path in changed or (r.paired_with is not None and r.paired_with in changed)]
    if due is not None and first:
        due([listed[i].path for i in first])
    for i in first:  # paired as before: last year's report is read again
        if stopped():
            return Rechecked(len(read), 0)
        again = _again(runner, listed[i], listed[i].paired_with, listed[i].duplicates, stopped)
        if again is None:
            return Rechecked(len(read), 0)
        current[i] = again
        read.add(i)
        emit(current[i])
    new = [] if stopped() else new_files()
    if not first and not new:
        return Rechecked(0, 0)
    # A new file is a row that was "nothing" before (no group): pairs_again then makes its
    # group's duplicates and its pairing with last year's report as for a row whose 机关 moved.
    before = [*listed, *(FileResult(path) for path in new)]
    current.extend(before[old:])
    added = 0  # the new files that are reports (those that are not are listed as passed over)
    for i in range(old, len(before)):
        if stopped():
            return Rechecked(len(read), 0, added)
        again = _again(runner, before[i], None, [], stopped, named=False)
        if again is None:
            return Rechecked(len(read), 0, added)
        current[i] = again
        added += again.not_report is None
        emit(again)  # a row of its own at once: no row says it is awaited meanwhile
    moved = pairs_again(before, current)
    if due is not None and (later := [current[i].path for i, (last, _d) in moved.items()
                                      if last != current[i].paired_with and current[i].error is None]):
        due(later)
    for i, (last, duplicates) in sorted(moved.items()):
        if stopped():
            break
        r = current[i]
        if last != r.paired_with and r.error is None:
            again = _again(runner, r, last, duplicates, stopped)
            if again is None:
                break
            r = again
            read.add(i)
        else:
            r = replace(r, duplicates=duplicates, paired_with=last if r.error is None else None)
        current[i] = r
        emit(r)
    # A new file read against last year's report is one added, not one read again
    return Rechecked(sum(1 for i in read if i < old), sum(1 for i in moved if i < old), added)


def pairs_again(before: Sequence[FileResult], after: Sequence[FileResult]) -> dict[int, tuple[str | None, list[str]]]:
    """The rows of ``after`` whose last year's report or duplicates are no longer what the rows
    say, because a row's (organ, year) differs from ``before``'s (a corrected 机关名称 or 年度, a
    file become unreadable): row → (last year's report, duplicates).  Only the groups left and
    joined are looked at, and their next years; a row still paired with one of last year's
    duplicates keeps it; a new pair takes the fullest, newest copy (``batch.choose_last``)."""
    touched = {k for b, a in zip(before, after, strict=True) if pair_key(b) != pair_key(a)
               for k in (pair_key(b), pair_key(a)) if k is not None}
    if not touched:
        return {}
    moved_keys = {i for i, (b, a) in enumerate(zip(before, after, strict=True)) if pair_key(b) != pair_key(a)}
    by_key = pair_groups(after)
    moved: dict[int, tuple[str | None, list[str]]] = {}
    for i, r in enumerate(after):
        key = pair_key(r)
        near = key is not None and (key in touched or (key[0], key[1] - 1) in touched)
        if not near and i not in moved_keys:
            continue
        last: str | None = None
        duplicates: list[str] = []
        if key is not None:
            duplicates = [after[j].path for j in by_key[key] if j != i]
            rows = by_key.get((key[0], key[1] - 1), [])
            earlier = [after[j].path for j in rows]
            last = r.paired_with if r.paired_with in earlier else (batch.choose_last(after, rows).path if rows else None)
        if last != r.paired_with or set(duplicates) != set(r.duplicates):
            moved[i] = (last, duplicates)
    return moved


def _again(runner: Runner, old: FileResult, last_path: str | None, duplicates: list[str],
           stopped: Callable[[], bool], named: bool = True) -> FileResult | None:
    """``old``'s file checked again against ``last_path`` (alone when None, gone or unreadable);
    a report still, whatever it now holds (its row is one).  None: stopped first."""
    for _i, result in runner.map([(0, old.path, last_path)], stopped):  # type: ignore[list-item]
        new = batch.settle(result, named=named)
        new.duplicates, new.last_year = list(duplicates), None
        return new
    return None


def check_again(path: str, last_path: str | None, cancelled: Callable[[], bool] | None = None) -> FileResult:
    """One file read and checked against last year's report at ``last_path`` (read here too:
    in the worker process, when there is one); ``paired_with`` says whether it was."""
    last = _last_year(last_path) if last_path else None
    result = batch.check_file(path, last, cancelled)
    result.paired_with = last_path if last is not None else None
    return result


def _last_year(path: str) -> dict[str, Any] | None:
    from app import backstop
    from app.lastyear import LastYear
    from app.reading import load_report

    try:
        with backstop.reading():  # bounded as the file's own read is (app/batch.check_file)
            return LastYear.from_report(load_report(path), Path(path).name).to_json()
    except (Exception, backstop.TooCostly):  # last year's file gone or unreadable meanwhile: checked alone
        return None
