"""A file far larger than any report, mostly nothing: a download not finished (a download manager
such as 迅雷 writes the whole size first and fills it in as it goes), a disk image's hole.  Each
format is refused in one Chinese line at once, by its size or its structure, never read through:
a 1 GB PDF of a header and zeros took 13 s (8 GB) reading its zeros back to the content before it
was refused as "taking too long".  Sparse files: the test costs no disk."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.errors import ReadError
from app.limits import MAX_PDF_BYTES
from app.reading import load_report
from tests.helpers import run_app

HEADS = {
    ".pdf": b"%PDF-1.4\n",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".html": b"<html><body>",
    ".txt": "一、总体情况".encode(),
    ".rtf": b"{\\rtf1",
}


def _sparse(path: Path, head: bytes, size: int) -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def _bytes_read() -> int | None:
    """What this process has read through read() so far (Linux's /proc/self/io rchar); None elsewhere."""
    try:
        with open("/proc/self/io", encoding="ascii") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("rchar:"))
    except (OSError, StopIteration, ValueError):
        return None


@pytest.mark.skipif(sys.platform == "win32", reason="a truncated file is not sparse on NTFS by default")
@pytest.mark.parametrize("suffix", list(HEADS))
def test_a_gigabyte_of_nothing_is_refused_at_once(tmp_path: Path, suffix: str) -> None:
    path = _sparse(tmp_path / f"未下载完{suffix}", HEADS[suffix], 1 << 30)
    before = _bytes_read()
    with pytest.raises(ReadError) as caught:
        load_report(path)  # as the window opens it
    after = _bytes_read()
    if before is not None and after is not None:  # not read through: what it read is a reader's modules at most
        assert after - before < 64 << 20, f"read {after - before} bytes of a 1 GiB file of nothing"
    message = str(caught.value)
    assert message.startswith(f"{path}：") and "\n" not in message, message
    out = run_app("dump", path)
    assert out.returncode == 2 and out.stdout == "" and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a truncated file is not sparse on NTFS by default")
def test_a_pdf_past_the_size_limit_says_so(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "报告.pdf", HEADS[".pdf"], MAX_PDF_BYTES + 1)
    out = run_app("check", path)
    assert out.returncode == 2 and out.stderr.strip() == (
        f"错误：{path}：PDF 文件有{(MAX_PDF_BYTES + 1) / 1048576:.0f} MB，年报不会这么大（上限"
        f"{MAX_PDF_BYTES // 1048576} MB），可能是没有下载完的文件或不是年报"), out.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="a truncated file is not sparse on NTFS by default")
def test_a_pdf_at_the_size_limit_is_read_as_a_pdf(tmp_path: Path) -> None:
    """At the limit the file is read: its own trouble (here: no PDF but a header) is what is said."""
    path = _sparse(tmp_path / "报告.pdf", HEADS[".pdf"], MAX_PDF_BYTES)
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert "上限" not in str(caught.value), caught.value


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="Linux's /proc")
def test_a_text_copy_longer_than_its_size_says_is_read_no_further_than_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file still being written (a download, a log) grows past the size it had when looked at,
    and the system's own files (/proc) say 0 and have content: read to their end, however long.
    Now no more than the limit is read (here 1,000 bytes: /proc/self/maps is some thousands)."""
    from app import limits

    monkeypatch.setattr(limits, "MAX_TEXT_COPY_BYTES", 1000)
    path = tmp_path / "报告.txt"
    path.symlink_to("/proc/self/maps")
    assert path.stat().st_size == 0
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert str(caught.value).startswith(f"{path}：文件超过0 MB（读取时比它的大小所说的长"), caught.value
