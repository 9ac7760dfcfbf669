"""批量检查's rows brought up to date after files changed on disk (app/batch_recheck.py): the file's
stamp is the one it had when it was read, only changed files (and those checked against them) are
read again, and a corrected 机关名称 or 年度 is paired again as a fresh run pairs it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app import batch
from app.batch_recheck import Rechecked, changed_on_disk, recheck
from app.io import save_report
from app.report import Report
from tests.test_batch import report


def saved(r: Report, path: Path) -> None:
    """``r`` written over ``path`` as a later save: its time moves on even where the file system
    keeps coarse times."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    save_report(r, path)
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def rows_of(results: list[batch.FileResult], emitted: list[batch.FileResult]) -> dict[str, batch.FileResult]:
    """The list as the window shows it: each row, replaced by the last result emitted for its file."""
    out = {r.path: r for r in results}
    out.update({r.path: r for r in emitted})
    return out


def seen(r: batch.FileResult) -> tuple[object, ...]:
    """What a row says: its pairing, its duplicates, its findings."""
    return r.organ, r.year, r.paired_with, sorted(r.duplicates), sorted(f.code for f in r.findings), r.error


def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files read from now on."""
    names: list[str] = []
    real = batch.check_file
    monkeypatch.setattr(batch, "check_file", lambda p, *a, **k: names.append(Path(p).name) or real(p, *a, **k))
    return names


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """教育局 2022 and 2023 (paired: the 2023 figures do not follow on); 财政局 2023 and its copy
    (duplicates); 卫健局 2022 and its 2023 report, whose organ is mistyped 卫建局 (not paired)."""
    root = tmp_path / "收到"
    root.mkdir()
    save_report(report("某县教育局", 2022, carried_out=5, in_force=10), root / "a2022.docx")
    save_report(report("某县教育局", 2023, carried_in=3, carried_out=3, in_force=4), root / "b2023.docx")
    save_report(report("某县财政局", 2023), root / "c.docx")
    shutil.copy(root / "c.docx", root / "d.docx")
    save_report(report("某县卫健局", 2022, carried_out=5, in_force=10), root / "f2022.docx")
    save_report(report("某县卫建局", 2023, carried_in=3, carried_out=3, in_force=4), root / "e2023.docx")
    return root


def test_a_file_saved_while_it_was_read_reads_as_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamp is the file's before it is read: a save landing during the read (or before
    the row reaches the list) leaves the row marked as changed, so the next look reads it again."""
    import app.reading

    path = tmp_path / "报告.docx"
    save_report(report("某县财政局", 2023), path)
    assert not changed_on_disk(batch.check_file(str(path))), "nothing written: nothing changed"
    real = app.reading.load_report

    def read_then_saved(p: str, *args: object, **kwargs: object) -> Report:
        got = real(p, *args, **kwargs)  # type: ignore[arg-type]
        saved(report("某县财政局", 2024), path)  # the author saves while the batch reads
        return got

    monkeypatch.setattr(app.reading, "load_report", read_then_saved)
    result = batch.check_file(str(path))
    assert result.year == 2023 and changed_on_disk(result)


def test_only_changed_files_and_those_checked_against_them_are_read_again(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = batch.run([folder], jobs=1).results
    names = checked(monkeypatch)
    emitted: list[batch.FileResult] = []
    assert recheck(results, emitted.append, lambda: False) == Rechecked(0, 0)
    assert names == [] and emitted == []
    before = {r.path: seen(r) for r in results}
    a = folder / "a2022.docx"
    saved(report("某县教育局", 2022, carried_out=5, in_force=10), a)  # saved again, unchanged
    done = recheck(results, emitted.append, lambda: False)
    assert sorted(names) == ["a2022.docx", "b2023.docx"], "last year's changed: this year's is checked again"
    assert done == Rechecked(2, 0) and done.message() == "已重新检查 2 份检查后修改过的年报"
    assert {Path(r.path).name for r in emitted} == {"a2022.docx", "b2023.docx"}
    assert all(seen(r) == before[r.path] for r in emitted), "same pairing, same findings"
    assert all(not changed_on_disk(r) for r in emitted), "stamped anew as read again"


def test_corrected_organs_and_years_are_paired_again_as_a_fresh_run_pairs_them(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """2023 corrected to 2024: no longer checked against 2022; the copy's organ corrected: neither
    is a duplicate any more; the mistyped 卫建局 corrected: checked against 卫健局's 2022 report.
    Every row then says what a new run of the folder says."""
    results = batch.run([folder], jobs=1).results
    old = {Path(r.path).name: r for r in results}
    assert old["b2023.docx"].paired_with == str(folder / "a2022.docx")
    assert old["c.docx"].duplicates == [str(folder / "d.docx")]
    assert old["e2023.docx"].paired_with is None
    saved(report("某县教育局", 2024, carried_in=3, carried_out=3, in_force=4), folder / "b2023.docx")
    saved(report("某县审计局", 2023), folder / "d.docx")
    saved(report("某县卫健局", 2023, carried_in=3, carried_out=3, in_force=4), folder / "e2023.docx")
    names = checked(monkeypatch)
    emitted: list[batch.FileResult] = []
    done = recheck(results, emitted.append, lambda: False)
    assert "a2022.docx" not in names and "f2022.docx" not in names, "no row that stays as it was is read again"
    assert "c.docx" not in names, "a duplicate note needs no read"
    got = rows_of(results, emitted)
    fresh = {r.path: seen(r) for r in batch.run([folder], jobs=1).results}
    assert {p: seen(r) for p, r in got.items()} == fresh
    rows = {Path(p).name: r for p, r in got.items()}
    assert rows["b2023.docx"].paired_with is None and not any(f.code.startswith("CROSS-YEAR") for f in rows["b2023.docx"].findings)
    assert rows["c.docx"].duplicates == [] and rows["d.docx"].duplicates == []
    assert rows["e2023.docx"].paired_with == str(folder / "f2022.docx")
    assert any(f.code == "CROSS-YEAR-CARRYOVER" for f in rows["e2023.docx"].findings)
    assert done.repaired == 4 and "已更新 4 份的对照上年和重复备注" in (done.message() or "")  # b, c, d, e


def test_last_years_report_deleted_leaves_this_years_checked_alone(folder: Path) -> None:
    results = batch.run([folder], jobs=1).results
    (folder / "a2022.docx").unlink()
    emitted: list[batch.FileResult] = []
    recheck(results, emitted.append, lambda: False)
    rows = {Path(p).name: r for p, r in rows_of(results, emitted).items()}
    assert rows["a2022.docx"].error is not None
    assert rows["b2023.docx"].paired_with is None
    assert not any(f.code.startswith("CROSS-YEAR") for f in rows["b2023.docx"].findings)


def test_a_stopped_recheck_reads_no_further_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = batch.run([folder], jobs=1).results
    for r in results:
        saved(report("某县教育局", 2021), Path(r.path))
    names = checked(monkeypatch)
    emitted: list[batch.FileResult] = []
    recheck(results, emitted.append, lambda: bool(emitted))
    assert len(names) == 1 and len(emitted) == 1


def test_a_file_that_could_not_be_read_is_read_again_once_it_changes(tmp_path: Path) -> None:
    """Review31 L1: a broken download replaced by the good file kept its 无法读取 row for good."""
    good, broken = tmp_path / "a.docx", tmp_path / "b.docx"
    save_report(report("某县教育局", 2023), good)
    broken.write_bytes(b"PK\x03\x04 a download cut short")
    rows = batch.run([str(good), str(broken)], jobs=1).results
    assert [r.error is not None for r in rows] == [False, True]
    assert not changed_on_disk(rows[1]), "unchanged: not read again on every activation"
    save_report(report("某县财政局", 2023), broken)
    emitted: list[batch.FileResult] = []
    assert recheck(rows, emitted.append, lambda: False).files == 1
    assert [(Path(r.path).name, r.error, r.organ) for r in emitted] == [("b.docx", None, "某县财政局")]


def test_a_file_whose_worker_died_is_not_read_again_in_the_window(tmp_path: Path) -> None:
    """A result made for a worker that died on the file has no stamp: reading that file again in
    the window's own process could take the window down with it."""
    path = tmp_path / "a.docx"
    save_report(report("某县教育局", 2023), path)
    died = batch.FileResult(str(path), error="读取时检查进程异常退出")
    assert died.stamp is None and not changed_on_disk(died)


def test_new_report_files_in_the_folder_join_as_a_fresh_run_lists_them(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files new in the folder since the run (a saved copy of 财政局's report, 教育局's 2024 report,
    one of an organ alone, a note that is no report) are checked and listed, and every row then says
    what a new run of the folder says: the copy a duplicate, 2024 paired with 2023.  Only the new
    files are read; no new file: nothing read, nothing said."""
    results = batch.run([folder], jobs=1).results
    names = checked(monkeypatch)
    emitted: list[batch.FileResult] = []
    assert recheck(results, emitted.append, lambda: False, folders=[folder]) == Rechecked(0, 0)
    assert names == [] and emitted == []
    shutil.copy(folder / "c.docx", folder / "c（修订）.docx")
    save_report(report("某县教育局", 2024, carried_in=3, in_force=4), folder / "g2024.docx")
    save_report(report("某县档案馆", 2023), folder / "h.docx")
    (folder / "说明.txt").write_text("不是年报", encoding="utf-8")
    done = recheck(results, emitted.append, lambda: False, folders=[folder])
    assert sorted(set(names)) == ["c（修订）.docx", "g2024.docx", "h.docx", "说明.txt"], names
    got = rows_of(results, emitted)
    fresh = {r.path: seen(r) for r in batch.run([folder], jobs=1).results}
    assert {p: seen(r) for p, r in got.items()} == fresh
    rows = {Path(p).name: r for p, r in got.items()}
    assert rows["说明.txt"].not_report is not None, "passed over, as a run passes it over"
    assert rows["g2024.docx"].paired_with == str(folder / "b2023.docx")
    assert sorted(rows["c.docx"].duplicates) == sorted([str(folder / "d.docx"), str(folder / "c（修订）.docx")])
    assert (done.files, done.added) == (0, 3), "no listed file changed"
    assert done.message() == "文件夹中新出现 3 个年报文件，已检查并加入列表；已更新 2 份的对照上年和重复备注", done
    names.clear()
    emitted.clear()
    assert recheck(list(got.values()), emitted.append, lambda: False, folders=[folder]) == Rechecked(0, 0)
    assert names == [] and emitted == []


def test_a_changed_row_comes_back_before_the_folders_are_searched(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reviewer back from the editor: the row of the file just saved is announced and read
    again first, the folders searched for new files after it — a share of thousands of files takes
    seconds to search (2,000 local files: 0.6 s of Python), and the row waited for all of it."""
    from app import batch_recheck

    results = batch.run([folder], jobs=1).results
    saved(report("某县财政局", 2023, in_force=7), folder / "c.docx")
    shutil.copy(folder / "c.docx", folder / "c（修订）.docx")
    emitted: list[batch.FileResult] = []
    announced: list[int] = []  # how many searches had been made when the rows were announced
    searches: list[int] = []  # how many rows had come back when the folders were searched
    real = batch_recheck.collect
    monkeypatch.setattr(batch_recheck, "collect", lambda *args: searches.append(len(emitted)) or real(*args))
    done = recheck(results, emitted.append, lambda: False, due=lambda _paths: announced.append(len(searches)),
                   folders=[folder])
    assert announced[0] == 0, "the changed row was announced only after the search"
    assert searches == [1] and Path(emitted[0].path).name == "c.docx", "its new counts came after the search"
    assert (done.files, done.added) == (1, 1), done
    got = rows_of(results, emitted)
    assert {p: seen(r) for p, r in got.items()} == {r.path: seen(r) for r in batch.run([folder], jobs=1).results}


def test_a_recheck_stopped_while_the_folders_are_searched_stops_searching(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window closed while its folders are searched (a share of thousands of files: seconds):
    the search ends at the next folder, no file of it read — the program's end waited for the
    whole walk, the pool thread holding it."""
    from app import batch_collect

    root = tmp_path / "收到"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "a.docx")
    for i in range(20):
        (root / f"乡镇{i:02}").mkdir()
        shutil.copy(root / "a.docx", root / f"乡镇{i:02}" / "b.docx")
    results = batch.run([root / "a.docx"], jobs=1).results  # listed alone: the rest is new
    visited: list[int] = []
    real = batch_collect.backups_in
    monkeypatch.setattr(batch_collect, "backups_in", lambda names: visited.append(1) or real(names))  # once a folder
    names = checked(monkeypatch)
    done = recheck(results, [].append, lambda: len(visited) >= 2, folders=[root])
    assert len(visited) == 2, f"{len(visited)} folders searched, the stop came after 2"
    assert names == [] and done == Rechecked(0, 0)
