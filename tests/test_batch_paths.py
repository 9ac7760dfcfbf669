"""The reviewer's batch and the names and folders it is handed, from whoever sent the files: a FIFO
or a device named like a report, a name that is not UTF-8, a folder it may not enter or past the
system's path limit, linked folders and links back up, names that would forge the output's lines."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import openpyxl
import pytest

from app import batch
from app.io import save_report
from tests.helpers import run_app
from tests.test_batch import report


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and devices are POSIX's")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_fifo_or_device_named_like_a_report_never_hangs(tmp_path: Path, jobs: str) -> None:
    """A FIFO named 报告.docx (the reader refused it, then the batch opened it to see whether it
    was a picture: waited for a writer for ever) and links to devices: each one line, unreadable;
    the report beside them checked."""
    root = tmp_path / "收到的年报"
    root.mkdir()
    save_report(report("某县财政局", 2023), root / "好.docx")
    os.mkfifo(root / "报告.docx")
    (root / "零.docx").symlink_to("/dev/zero")
    (root / "网页.html").symlink_to("/dev/urandom")
    out = run_app("check", root, "--jobs", jobs, timeout=90)
    assert out.returncode == 2, out.stderr
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 3 and all("不是普通文件" in e for e in errors), errors
    assert "好.docx" in out.stdout and "检查 1 份，无法读取 3 份" in out.stdout
    assert batch.read_head(root / "报告.docx", 16) is None and batch.read_head(root / "零.docx", 16) is None
    assert batch.read_head(root / "好.docx", 4) == b"PK\x03\x04"


GBK_NAME = os.fsdecode(b"\xb1\xa8\xb8\xe6-gbk-name.docx")  # 报告 in GBK, as unzip of a Windows zip leaves it


@pytest.mark.skipif(sys.platform == "win32", reason="names are UTF-16 there")
def test_a_name_that_is_not_utf8_is_read_checked_and_summarised(tmp_path: Path) -> None:
    """`new --from F`, `check DIR --xlsx`, `check F --json`: exit 0 with the name escaped, where
    lock_path's .encode("utf-8") made them exit 2 (and the editor say 意外错误)."""
    root = tmp_path / "收到的年报"
    root.mkdir()
    source = root / GBK_NAME
    save_report(report("某县财政局", 2022), source)
    out = run_app("new", "--from", source, "--to", tmp_path / "n.docx")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert batch.read_head(tmp_path / "n.docx", 2) == b"PK"
    out = run_app("check", root, "--xlsx", tmp_path / "汇总.xlsx")
    assert out.returncode == 0, out.stderr
    assert "\\udcb1\\udca8\\udcb8\\udce6-gbk-name.docx" in out.stdout
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    assert wb["汇总"]["A2"].value == "\ufffd" * 4 + "-gbk-name.docx"
    out = run_app("check", source, "--json")
    assert out.returncode == 0 and json.loads(out.stdout) is not None
    from app import lock

    held = lock.acquire(source)  # the editor's owner file beside it
    assert held is not None and lock.read_owner(source) is not None
    held.release()
    assert not lock.lock_path(source).exists()


def test_a_folder_that_cannot_be_entered_is_named_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permissions cannot be taken from root, so the system's refusal is made where it is asked.
    save_report(report("某县财政局", 2023), tmp_path / "财政局.docx")
    (tmp_path / "乡镇").mkdir()
    save_report(report("某镇人民政府", 2023), tmp_path / "乡镇" / "某镇.docx")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).name == "乡镇":  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    b = batch.run([tmp_path], jobs=1)
    assert [b.shown(r.path) for r in b.checked] == ["财政局.docx"]
    assert [(b.shown(r.path), r.reason) for r in b.unreadable] == [("乡镇", "无法打开这个文件夹（没有权限），其中的文件没有检查")]
    assert b.exit_code() == 2, "reports not checked are never a clean pass"


@pytest.mark.skipif(sys.platform == "win32", reason="a path past Linux's PATH_MAX, made through folder handles")
def test_a_folder_past_the_systems_path_limit_is_named(tmp_path: Path) -> None:
    save_report(report("某县财政局", 2023), tmp_path / "浅.docx")
    fd = os.open(tmp_path, os.O_RDONLY)
    for _ in range(20):  # 20 × 240 bytes: past PATH_MAX (4096), each name within NAME_MAX
        os.mkdir("目" * 80, dir_fd=fd)
        inner = os.open("目" * 80, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(os.open("深.docx", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd))
    os.close(fd)
    result = run_app("check", tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr + result.stdout
    assert "路径过长" in result.stderr and "无法读取 1 份" in result.stdout
    deep = str(tmp_path / "/".join(["目" * 80] * 20) / "深.docx")
    alone = run_app("check", deep)
    assert alone.returncode == 2 and alone.stderr.strip() == f"错误：{deep}：文件名或路径过长，无法读取"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need a privilege on Windows")
def test_a_linked_folder_is_checked_once_and_a_link_back_up_never_loops(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "batch").mkdir()
    save_report(report("某镇人民政府", 2023), tmp_path / "real" / "某镇.docx")
    save_report(report("某县财政局", 2023), tmp_path / "batch" / "财政局.docx")
    (tmp_path / "batch" / "某镇").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "batch" / "回到上层").symlink_to(tmp_path / "batch", target_is_directory=True)
    (tmp_path / "batch" / "又一个链接").symlink_to(tmp_path / "real", target_is_directory=True)
    files, _ = batch.collect([tmp_path / "batch"])
    assert sorted(p.name for p in files) == ["某镇.docx", "财政局.docx"]


def test_file_names_never_forge_or_erase_lines_of_the_text_output(tmp_path: Path) -> None:
    # Names come from whoever sent the files: a line break must not print a fake summary line,
    # an escape sequence must not move the terminal's cursor.
    forged = "甲\n  共 0 个错误，0 个警告，0 个提示\n.docx"
    erasing = "乙\x1b[12A\x1b[J\r.docx"
    for name, organ in ((forged, "某县财政局"), (erasing, "某县财政局")):
        save_report(report(organ, 2023), tmp_path / name)
    result = run_app("check", tmp_path)
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    lines = result.stdout.splitlines()
    assert sum(1 for line in lines if line.startswith("共 ")) == 1
    assert sum(1 for line in lines if line.strip().startswith("共 ") and "个错误" in line) == 2, "one count per file"
    assert any("\\x1b[12A" in line for line in lines) and any("\\n" in line for line in lines)
