"""Paths the system itself refuses, and what the user is told: a link to itself or a ring of
links, a path through a file, a vanished network mount.  The system's own words are English
("Too many levels of symbolic links" reached the user as it was): every refusal is said in
Chinese, through `dump`, `export`, `check FILE`, `check DIR` and the reader the window uses."""

from __future__ import annotations

import errno
import os
import re
import sys
from pathlib import Path

import pytest

from app.errors import os_words, unreadable
from app.io import ReadError, save_report
from app.reading import load_report
from tests.helpers import run_app
from tests.test_batch import report

_ENGLISH = re.compile(r"[A-Za-z]{3,}")  # a word of the system's; file names and suffixes aside


def _reason(line: str, path: Path) -> str:
    """What a one-line refusal says after naming ``path``."""
    assert line.startswith(f"错误：{path}：") or line.startswith(f"{path}："), line
    return line.split(f"{path}：", 1)[1]


def _said_in_chinese(reason: str) -> None:
    assert re.search(r"[\u4e00-\u9fff]", reason) and not _ENGLISH.search(reason.replace(".docx", "")), reason


@pytest.fixture
def linked(tmp_path: Path) -> dict[str, Path]:
    """A folder holding a report, two links naming each other, a link to itself, and a path
    that goes through a file as if it were a folder."""
    root = tmp_path / "收到的年报"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "好.docx")
    (root / "甲.docx").symlink_to("乙.docx")
    (root / "乙.docx").symlink_to("甲.docx")
    (root / "自己.docx").symlink_to("自己.docx")
    return {"root": root, "ring": root / "甲.docx", "self": root / "自己.docx", "through": root / "好.docx" / "x.docx"}


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
@pytest.mark.parametrize("kind", ["ring", "self", "through"])
def test_a_path_the_system_refuses_is_said_in_chinese(linked: dict[str, Path], kind: str, tmp_path: Path) -> None:
    path = linked[kind]
    with pytest.raises(ReadError) as caught:
        load_report(path)  # as the window opens it
    _said_in_chinese(_reason(str(caught.value), path))
    for args in (("dump", path), ("check", path), ("export", path, "--to", tmp_path / "出.xlsx")):
        out = run_app(*args)
        assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr, out.stderr
        assert out.stderr.count("\n") == 1, out.stderr
        _said_in_chinese(_reason(out.stderr.strip(), path))
    assert not (tmp_path / "出.xlsx").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_links_in_a_ring_in_a_batch_are_each_one_chinese_line(linked: dict[str, Path]) -> None:
    out = run_app("check", linked["root"], "--jobs", "2")
    assert out.returncode == 2 and "Traceback" not in out.stderr, out.stderr
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 3, errors  # 甲, 乙, 自己; 好.docx checked
    for line in errors:
        path = Path(line.removeprefix("错误：").split("：", 1)[0])
        reason = _reason(line, path)
        _said_in_chinese(reason)
        assert "符号链接循环" in reason, line
    assert "好.docx" in out.stdout and "检查 1 份，无法读取 3 份" in out.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_writing_through_a_ring_of_links_is_refused_in_chinese(linked: dict[str, Path]) -> None:
    out = run_app("export", linked["root"] / "好.docx", "--to", linked["ring"])
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    reason = _reason(out.stderr.strip(), linked["ring"])
    _said_in_chinese(reason)
    assert "符号链接循环" in reason
    assert linked["ring"].is_symlink() and os.readlink(linked["ring"]) == "乙.docx"  # the link left as it was


# Codes a user meets on a desktop (a network share or USB drive gone, a FUSE mount of a phone or
# a WebDAV folder dropped): each in Chinese words, never the system's.
_MET = ["ELOOP", "ENOTDIR", "ESTALE", "ENOTCONN", "ETIMEDOUT", "EHOSTDOWN", "EHOSTUNREACH", "ENODEV", "ENXIO",
        "EMFILE", "ENOMEM", "EBUSY", "ETXTBSY", "EAGAIN", "EINVAL", "EOVERFLOW", "EROFS", "ENOMEDIUM"]


@pytest.mark.parametrize("name", [n for n in _MET if hasattr(errno, n)])
def test_each_code_users_meet_has_its_own_chinese_words(name: str) -> None:
    code = getattr(errno, name)
    e = OSError(code, os.strerror(code))
    words = os_words(e)
    _said_in_chinese(words)
    assert "代码" not in words, (name, words)  # known: said, not numbered
    _said_in_chinese(unreadable(e))


def test_an_unknown_code_is_numbered_not_left_in_english() -> None:
    e = OSError(4242, "Some brand new failure")
    assert os_words(e) == "系统错误，代码 4242"
    assert "Some" not in unreadable(e)


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege there")
def test_links_up_or_into_the_system_are_passed_over_not_walked(tmp_path: Path) -> None:
    """A received folder holding a link to "/", to a folder it is in, and into /proc (where each
    process's working folder is a link): walked, they made `check` search the whole disk (200,000
    files, 74 s, other people's reports among them).  Not entered, and listed as passed over with
    why; a link to a folder beside (a town's folder linked in) is still followed."""
    root = tmp_path / "收到的年报"
    (root / "乡镇").mkdir(parents=True)
    save_report(report("某县财政局", 2023), root / "好.docx")
    beside = tmp_path / "另一处"
    beside.mkdir()
    save_report(report("某镇人民政府", 2023), beside / "镇.docx")
    save_report(report("不该读到", 2023), tmp_path / "上级里的.docx")
    (root / "根").symlink_to("/")
    (root / "乡镇" / "上两级").symlink_to(tmp_path)
    (root / "乡镇" / "本身").symlink_to(root)  # the folder itself: walked once, as before
    (root / "链入").symlink_to(beside)
    if Path("/proc/self").is_dir():
        (root / "进程").symlink_to("/proc/self")
    out = run_app("check", root, "--xlsx", tmp_path / "汇总.xlsx", timeout=60)
    assert out.returncode in (0, 1) and "Traceback" not in out.stderr, out.stderr
    assert "检查 2 份，无法读取 0 份" in out.stdout, out.stdout
    assert "好.docx" in out.stdout and "镇.docx" in out.stdout and "上级里的" not in out.stdout
    import openpyxl

    passed = {row[0]: row[1] for row in openpyxl.load_workbook(tmp_path / "汇总.xlsx")["未检查"].iter_rows(
        min_row=2, values_only=True)}
    expected = {"根", "乡镇/上两级"} | ({"进程"} if (root / "进程").exists() else set())
    assert set(passed) == expected, passed
    assert all("链接" in why and "未进入" in why for why in passed.values()), passed


def test_a_folder_inside_a_system_folder_is_searched_when_chosen(tmp_path: Path) -> None:
    """The rule is about where a link leads from the folder chosen, not where that folder is:
    a reviewer who chose a folder under /dev/shm has it searched, its own subfolders too."""
    from app.batch_collect import _beyond

    assert _beyond("/", "/home/审核/收到的年报") and _beyond("/home/审核", "/home/审核/收到的年报")
    assert not _beyond("/home/审核/收到的年报/乡镇", "/home/审核/收到的年报")
    assert not _beyond("/home/审核/收到的年报2", "/home/审核/收到的年报")  # a name that begins alike
    if sys.platform != "win32":
        assert _beyond("/proc/123/cwd", "/home/审核/收到的年报")
        assert not _beyond("/dev/shm/年报/乡镇", "/dev/shm/年报")


def test_a_batch_starts_no_more_processes_than_the_machine_can_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check DIR --jobs 99999` started a worker per file (2,000 reports: 2,000 Pythons of some
    37 MB each); now at most four a core, every file still checked."""
    from app import batch, batch_pool

    monkeypatch.setattr(batch_pool, "default_jobs", lambda: 1)  # a one-core machine: four at most
    started: list[int] = []
    spawn = batch_pool.spawn_pool

    def counted(workers: int, *args: object) -> object:
        started.append(workers)
        return spawn(workers, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_pool, "spawn_pool", counted)
    folder = tmp_path / "收到的年报"
    folder.mkdir()
    for i in range(6):
        save_report(report(f"某县{i}局", 2023), folder / f"{i}.docx")
    result = batch.run([folder], jobs=99999)
    assert started == [4], started
    assert len(result.results) == 6 and all(f.error is None and f.organ for f in result.results), result.results


def test_windows_pool_limit_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' process pool refuses more than 61 workers (ValueError: a traceback)."""
    from app import batch_pool

    monkeypatch.setattr(batch_pool, "default_jobs", lambda: 32)
    monkeypatch.setattr(sys, "platform", "win32")
    assert batch_pool.most_jobs() == 61
    monkeypatch.setattr(sys, "platform", "linux")
    assert batch_pool.most_jobs() == 128
