"""审核状态 marks belong to one file (app/review_marks.py): an identical copy elsewhere shows that its
twin is marked and keeps its own state; an undo after another instance changed the marks takes back
only what it wrote; the command line's summary carries the marks the window keeps."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from app.io import save_report
from app.review_marks import (
    PUBLISHED,
    REVIEWED,
    Index,
    MarksError,
    MarkStore,
    data_folder,
    digest,
    file_key,
    new_mark,
    status,
    statuses,
    take_back,
)
from tests.test_batch import report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """One report, and the same bytes under another folder (sent twice, kept as 副本)."""
    first = tmp_path / "收到的年报" / "财政局.docx"
    first.parent.mkdir()
    save_report(report("某县财政局", 2023), first)
    second = tmp_path / "收到的年报" / "副本" / "财政局.docx"
    second.parent.mkdir()
    shutil.copyfile(first, second)
    return first, second


def test_marking_one_copy_leaves_the_other_its_own_and_says_it_is_identical(tmp_path: Path,
                                                                            copies: tuple[Path, Path]) -> None:
    first, second = (str(p) for p in copies)
    content = digest(first)
    assert content is not None and content == digest(second)
    store = MarkStore(tmp_path / "data")
    marks = store.change([new_mark(content, first, REVIEWED)])
    a, b = status(marks, first, content), status(marks, second, content)
    assert a.name == "已审核" and a.same_as is None
    assert (b.name, b.mark, b.changed) == ("未审核（副本已审核）", None, False)
    assert b.same_as is not None and b.same_as.path == first and first in b.tip and "Ctrl+1" in b.tip
    assert b.columns == ("未审核（副本已审核）", ""), "the summary says so too, with no day of its own"
    # The copy marked on its own: both marks kept, each its file's.
    marks = store.change([new_mark(content, second, PUBLISHED)])
    assert len(marks) == 2
    assert status(marks, first, content).name == "已审核" and status(marks, second, content).name == "已发布"
    # Taking the copy's mark away leaves the first one's.
    marks = store.change(drop={(content, file_key(second))})
    assert status(marks, first, content).name == "已审核"
    assert status(marks, second, content).name == "未审核（副本已审核）"
    again = MarkStore(tmp_path / "data").load()  # as stored: another instance, a later run
    assert [m.path for m in again.values()] == [first]


def test_a_moved_file_keeps_its_mark_a_copy_does_not(tmp_path: Path, copies: tuple[Path, Path]) -> None:
    first, second = copies
    content = digest(first) or ""
    marks = MarkStore(tmp_path / "data").change([new_mark(content, str(first), REVIEWED)])
    assert status(marks, str(second), content).mark is None, "the marked file is still there: a copy"
    first.unlink()  # the marked one moved away: this is it now
    assert status(marks, str(second), content).name == "已审核"


def test_the_list_knows_its_files_contents_before_the_disk(tmp_path: Path, copies: tuple[Path, Path]) -> None:
    """A file in the list with other content than was marked (edited since) is no longer the
    marked one: its copy elsewhere — the content marked — is the report reviewed, moved."""
    first, second = (str(p) for p in copies)
    content = digest(first) or ""
    marks = {m.key: m for m in [new_mark(content, first, REVIEWED)]}
    seen = statuses(marks, [(first, "e" * 64), (second, content)])
    assert seen[first].name == "已审核（文件已改动）"
    assert seen[second].name == "已审核" and seen[second].same_as is None
    # Not in the list: the disk says whether the marked file is there.
    looked: list[str] = []
    index = Index(marks, {second: content}, exists=lambda p: looked.append(p) or True)
    assert status(marks, second, content, index).mark is None and looked == [first]


def test_undo_keeps_what_another_instance_changed_since(tmp_path: Path, copies: tuple[Path, Path]) -> None:
    first, second = (str(p) for p in copies)
    x, y = "a" * 64, "b" * 64
    mine, theirs = MarkStore(tmp_path / "data"), MarkStore(tmp_path / "data")
    # This window marks X and Y reviewed (one step); another instance then publishes X and marks Z.
    wrote = [new_mark(x, first, REVIEWED), new_mark(y, second, REVIEWED)]
    mine.change(wrote)
    z = new_mark("c" * 64, str(tmp_path / "其他.docx"), REVIEWED)
    published = new_mark(x, first, PUBLISHED, at=dt.datetime(2030, 1, 1))
    theirs.change([published, z])
    kept = 0

    def undo(marks):  # type: ignore[no-untyped-def]
        nonlocal kept
        out, kept = take_back(marks, wrote, [])
        return out

    after = mine.update(undo)
    assert kept == 1
    assert set(after.values()) == {published, z}, "X keeps the other's 已发布, Z stays, Y is taken back"
    assert set(MarkStore(tmp_path / "data").load().values()) == {published, z}


def test_undo_of_an_unmarking_puts_back_only_where_nothing_newer_is(tmp_path: Path) -> None:
    store = MarkStore(tmp_path / "data")
    old_a, old_b = new_mark("a" * 64, "/年报/a.docx", REVIEWED), new_mark("b" * 64, "/年报/b.docx", PUBLISHED)
    store.change([old_a, old_b])
    store.change(drop={old_a.key, old_b.key})  # this window: both back to 未审核
    newer = new_mark("a" * 64, "/年报/a.docx", PUBLISHED)
    MarkStore(tmp_path / "data").change([newer])  # another instance marks a meanwhile
    marks, kept = take_back(store.load(), [], [old_a, old_b])
    assert kept == 1 and set(marks.values()) == {newer, old_b}


def test_an_undo_with_nothing_changed_since_is_exact(tmp_path: Path) -> None:
    store = MarkStore(tmp_path / "data")
    before = new_mark("a" * 64, "/年报/a.docx", REVIEWED)
    store.change([before])
    after = new_mark("a" * 64, "/年报/a.docx", PUBLISHED)
    store.change([after], drop={before.key})
    marks, kept = take_back(store.load(), [after], [before])
    assert kept == 0 and list(marks.values()) == [before]


# -- the command line's summary ------------------------------------------------------------------
def cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data), "APPDATA": str(data)}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def summary_status(path: Path) -> dict[str, tuple[object, object]]:
    ws = openpyxl.load_workbook(path)["汇总"]
    head = [c.value for c in ws[1]]
    return {row[0]: (row[head.index("状态")], row[head.index("标记日期")])
            for row in ws.iter_rows(min_row=2, values_only=True)}


def test_the_command_lines_summary_carries_the_marks(tmp_path: Path, copies: tuple[Path, Path],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = copies[0]
    folder = first.parent
    save_report(report("某县教育局", 2023), folder / "教育局.docx")
    save_report(report("某县卫健委", 2023), folder / "卫健委.docx")
    data = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("APPDATA", str(data))
    when = dt.datetime(2026, 3, 9, 10, 0)
    MarkStore(data_folder()).change([
        new_mark(digest(first) or "", str(first), REVIEWED, when),
        new_mark(digest(folder / "教育局.docx") or "", str(folder / "教育局.docx"), PUBLISHED, when),
        new_mark(digest(folder / "卫健委.docx") or "", str(folder / "卫健委.docx"), REVIEWED, when)])
    save_report(report("某县卫健委", 2023, in_force=7), folder / "卫健委.docx")  # edited since
    out = tmp_path / "汇总.xlsx"
    done = cli("check", str(folder), "--xlsx", str(out), data=data)
    assert done.returncode in (0, 1), done.stderr
    assert summary_status(out) == {
        "财政局.docx": ("已审核", "2026-03-09"),
        os.path.join("副本", "财政局.docx"): ("未审核（副本已审核）", None),
        "教育局.docx": ("已发布", "2026-03-09"),
        "卫健委.docx": ("已审核（文件已改动）", "2026-03-09"),
    }
    assert not list(folder.rglob("marks*")), "nothing written into the folder checked"


def test_the_command_line_says_a_damaged_marks_file_and_still_writes(tmp_path: Path, copies: tuple[Path, Path],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("APPDATA", str(data))
    data_folder().mkdir(parents=True)
    (data_folder() / "marks.json").write_bytes(b"\x00garbage")
    out = tmp_path / "汇总.xlsx"
    done = cli("check", str(copies[0]), "--xlsx", str(out), data=data)
    assert done.returncode in (0, 1), done.stderr
    assert "审核标记文件已损坏" in done.stderr and "Traceback" not in done.stderr
    assert set(summary_status(out).values()) == {("未审核", None)}


def test_what_the_system_refused_is_said_in_chinese(tmp_path: Path) -> None:
    """The three messages put the system's reason in brackets: its strerror is English on
    Linux/UOS/Kylin ("Is a directory", "Not a directory") — said in Chinese now (rev22 L3)."""
    folder = tmp_path / "data"
    (folder / "marks.json").mkdir(parents=True)  # a file that cannot be read as one
    store = MarkStore(folder)
    assert store.load() == {}
    assert store.problem is not None and "文件夹" in store.problem
    with pytest.raises(MarksError) as err:
        store.change([new_mark("a" * 64, str(tmp_path / "a.docx"), REVIEWED)])
    assert "文件夹" in str(err.value)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    with pytest.raises(MarksError) as err:
        MarkStore(blocked / "data").change([new_mark("a" * 64, str(tmp_path / "a.docx"), REVIEWED)])
    assert "路径中有一段不是文件夹" in str(err.value)
    said = store.problem + str(err.value)
    assert "directory" not in said.lower() and "Not a" not in said, said


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symlinks need rights on Windows")
def test_the_same_file_by_another_route_is_marked_a_copy_is_not(tmp_path: Path, copies: tuple[Path, Path]) -> None:
    """A folder reached another way (a symlink here; on Windows a mapped drive and its UNC path)
    holds the file marked, not a copy of it: 已审核, not 未审核（副本已审核） (rev22 M10)."""
    first, second = copies
    content = digest(first) or ""
    marks = MarkStore(tmp_path / "data").change([new_mark(content, str(first), REVIEWED)])
    route = tmp_path / "映射的盘"
    os.symlink(first.parent, route)
    assert status(marks, str(route / first.name), content).name == "已审核"
    assert status(marks, str(route / first.name), content).same_as is None
    assert status(marks, str(second), content).name == "未审核（副本已审核）", "a real copy is still one"
    here, copy = str(route / first.name), str(route / "副本" / second.name)
    seen = statuses(marks, [(here, content), (copy, content)])
    assert seen[here].name == "已审核" and seen[copy].name == "未审核（副本已审核）"
