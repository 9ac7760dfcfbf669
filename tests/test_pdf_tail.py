"""A PDF whose end is not a PDF trailer (app/pdfread/source.py): an unfinished download a download
manager preallocated (the first part of a PDF, then zeros: the tester's q07), a whole report
followed by 30 MB of zeros (q08), zeros named .pdf, junk after the trailer.  pdfminer looked
for the trailer line by line backwards, quadratic without a line break (q07 145 s, q08 119 s),
and opening was not on the per-file clock: now the padding is cut off, the last ``startxref``
found in linear time, and opening counts against the deadline."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

import app.pdfread as pdfread
from app.errors import ReadError
from app.pdfread import source
from app.reading import load_report
from tests.pdfmake import plain_pdf

PADDING = 30 * 2**20
_NO_TABLES = "没有找到统计表格"
_DAMAGED = "文件已损坏或不是 PDF 文件，无法读取"
_CUT_SHORT = "PDF 文件不完整（后面的部分缺失，可能没有下载完或复制时中断），无法读取；请重新下载或复制一份再打开"


def _refused(path: Path) -> str:
    """The one message reading ``path`` gives, and that it came well within the deadline (the
    quadratic search ran minutes; this is no timing, only “not the deadline”)."""
    started = time.process_time()
    with pytest.raises(ReadError) as caught:
        load_report(path)
    assert time.process_time() - started < pdfread.TIME_LIMIT_S / 2
    return str(caught.value)


@pytest.fixture
def pdf(tmp_path: Path) -> bytes:
    return plain_pdf(tmp_path / "plain.pdf", [[f"line {j} of page {i}" for j in range(30)] for i in range(3)]).read_bytes()


@pytest.mark.parametrize("tail", [b"\0" * PADDING, b"\0 \r\n" * (PADDING // 4), b"A" * PADDING, b"%%EOF\n" + b"\x1f" * PADDING])
def test_q08_a_whole_pdf_then_padding_or_junk_is_read(tmp_path: Path, pdf: bytes, tail: bytes) -> None:
    """Read as the PDF it is (no report in it: the reader got as far as looking for tables)."""
    path = tmp_path / "padded.pdf"
    path.write_bytes(pdf + tail)
    assert _NO_TABLES in _refused(path)


def test_q07_the_start_of_a_pdf_then_zeros_is_said_cut_short(tmp_path: Path, pdf: bytes) -> None:
    """A download manager's file, its rest not yet written: said to be incomplete (fetch it again)."""
    path = tmp_path / "download.pdf"
    path.write_bytes(pdf[: len(pdf) * 2 // 3] + b"\0" * (PADDING - len(pdf)))
    assert _refused(path) == f"{path}：{_CUT_SHORT}"


def test_zeros_named_pdf_are_damaged(tmp_path: Path) -> None:
    path = tmp_path / "zeros.pdf"
    path.write_bytes(b"\0" * (20 * 2**20))
    assert _refused(path) == f"{path}：{_DAMAGED}"


def test_opening_counts_against_the_deadline(tmp_path: Path, pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """Junk pdfminer's recovery scan must go through (15 million short lines after a cut-off
    PDF) stops at the reading's deadline while the file is still being opened."""
    monkeypatch.setattr(pdfread, "TIME_LIMIT_S", 0.3)
    path = tmp_path / "junk.pdf"
    path.write_bytes(pdf[: len(pdf) // 2] + b"A\n" * (PADDING // 2))
    with pytest.raises(ReadError, match="PDF 内容过多，0秒内未能读完，不像一份年度报告"):
        load_report(path)


def test_the_tail_is_found_across_the_read_steps() -> None:
    """The padding cut at any point; the last ``startxref`` found however the 1 MB steps cut it,
    junk after it allowed, none when it has no number."""
    for cut in (0, 1, 4, 8, 9):  # the keyword split across two steps, or not
        body = b"%PDF-1.4\n" + b"x" * (3 * 2**20 - 9 - cut) + b"startxref\n123\n%%EOF\n"
        fh = io.BytesIO(body + b"\0" * (2**20 + 7))
        end = source.content_end(fh, len(fh.getvalue()))
        assert end == len(body.rstrip())
        assert source.last_startxref(fh, end)[0] == 123
    twice = io.BytesIO(b"startxref\n7\n%%EOF\nstartxref\r\n  99 junk")
    assert source.last_startxref(twice, len(twice.getvalue())) == (99, 18)
    assert source.last_startxref(io.BytesIO(b"startxref\n%%EOF"), 15) == (None, 0)
    assert source.last_startxref(io.BytesIO(b"no trailer"), 10) == (None, -1)
    assert source.content_end(io.BytesIO(b"\0" * 100), 100) == 0


def test_the_view_shows_only_the_content(tmp_path: Path) -> None:
    path = tmp_path / "f.pdf"
    path.write_bytes(b"%PDF-1.4 abc\n" + b"\0" * 5000)
    with source.open_view(path) as view:
        assert view.seek(0, io.SEEK_END) == 12
        view.seek(9)
        assert view.read() == b"abc"
        assert view.read(5) == b""
