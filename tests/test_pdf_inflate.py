"""A PDF's streams are inflated under a cap: a flate bomb (1 MB that inflates to a gigabyte),
cut short or spread over many streams, is refused in one line saying the file is too big or
damaged — not read for seconds into gigabytes of memory, nor called a scan.  A PDF whose page
tree loops or that holds nothing at all is called damaged, not a scan.  Recipes p04, p05, p07
are the tester's (/tmp/ht-cases/cases_pdf.py); the bombs are built here, never committed."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.errors import ReadError
from app.limits import MAX_PDF_STREAM_INFLATED
from app.pdfread import inflate
from app.reading import load_report


def raw_pdf(objs: list[bytes], root: int = 1) -> bytes:
    """A PDF of the given object bodies (object i+1) with a correct cross-reference table."""
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, body in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, root, x)
    return out


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def flate_of_spaces(mb: int) -> bytes:
    co = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    return b"".join(co.compress(chunk) for _ in range(mb)) + co.flush()


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page(contents: list[bytes]) -> bytes:
    """A page drawn by the given content streams (already wrapped by ``stream``), then a line of text."""
    refs = b" ".join(b"%d 0 R" % (5 + i) for i in range(len(contents) + 1))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [" + refs + b"]"
            b" /Resources << /Font << /F1 4 0 R >> >> >>", _FONT,
            *contents, stream(b"BT /F1 12 Tf 60 820 Td (Report 2023) Tj ET")]
    return raw_pdf(objs)


def _error(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert cli_main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def test_p04_a_flate_bomb_is_refused_without_inflating_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = flate_of_spaces(4 * MAX_PDF_STREAM_INFLATED >> 20)  # four times the cap, a quarter MB on disk
    path = tmp_path / "p04-flate-bomb.pdf"
    path.write_bytes(one_page([stream(bomb, b"/Filter /FlateDecode")]))
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            load_report(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert "解压后超过64 MB" in message and "过大或已损坏" in message and "扫描件" not in message, message
    assert peak < 3 * MAX_PDF_STREAM_INFLATED, peak  # the cap, not the 256 MB it promises
    assert "解压后超过" in _error(path, capsys)


def test_a_bomb_cut_short_is_refused_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated stream goes to pdfminer's recovery, which inflates byte by byte: bounded too."""
    bomb = flate_of_spaces(2 * MAX_PDF_STREAM_INFLATED >> 20)[:-8]
    path = tmp_path / "cut-bomb.pdf"
    path.write_bytes(one_page([stream(bomb, b"/Filter /FlateDecode")]))
    assert "解压后超过" in _error(path, capsys)


def test_a_bomb_in_two_filters_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Flate over flate: the outer stream is small, the inner one is the bomb."""
    inner = flate_of_spaces(2 * MAX_PDF_STREAM_INFLATED >> 20)
    path = tmp_path / "double.pdf"
    path.write_bytes(one_page([stream(zlib.compress(inner, 9), b"/Filter [/FlateDecode /FlateDecode]")]))
    assert "解压后超过" in _error(path, capsys)


def test_many_streams_under_the_cap_count_together(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inflate, "MAX_PDF_INFLATED", 6 * 2**20)
    path = tmp_path / "spread.pdf"
    path.write_bytes(one_page([stream(flate_of_spaces(2), b"/Filter /FlateDecode")] * 4))
    assert "解压后超过6 MB" in _error(path, capsys)


def test_streams_under_the_caps_read_as_before(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """8 MB of spaces in two streams is a page like any other (with no report on it)."""
    path = tmp_path / "fine.pdf"
    path.write_bytes(one_page([stream(flate_of_spaces(4), b"/Filter /FlateDecode")] * 2))
    assert "没有找到统计表格" in _error(path, capsys)


@pytest.mark.parametrize("data", [
    zlib.compress(b"abc" * 1000), zlib.compress(b"abc" * 1000) + b"trailing", zlib.compress(b""),
])
def test_the_bounded_inflate_gives_what_zlib_gives(data: bytes) -> None:
    assert inflate.decompress(data) == zlib.decompress(data)


def test_a_stream_cut_short_raises_as_zlib_does() -> None:
    data = zlib.compress(b"abc" * 1000)[:-10]
    with pytest.raises(zlib.error):
        zlib.decompress(data)
    with pytest.raises(zlib.error):
        inflate.decompress(data)


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_the_recovery_of_a_damaged_checksum_gives_what_pdfminer_gives(cut: int) -> None:
    """pdfminer's recovery keeps a stream whose last bytes (the checksum) are damaged and
    raises on one damaged before them; the bounded one does the same."""
    data = zlib.compress(b"abcdefgh" * 5000)
    assert inflate.decompress_corrupted(data[:-cut] + b"\x00" * cut) == b"abcdefgh" * 5000
    with pytest.raises(zlib.error):
        inflate.decompress_corrupted(b"not zlib at all, damaged from the start")


# -- damaged, not scanned ------------------------------------------------------------------------

def test_p05_a_page_tree_that_loops_is_damaged_not_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p05-page-tree-loop.pdf"
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                              stream(b"")]))
    err = _error(path, capsys)
    assert "已损坏" in err and "扫描件" not in err, err


def test_p07_deeply_nested_arrays_are_damaged_not_a_scan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p07-deep-arrays.pdf"
    path.write_bytes(raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Foo "
        + b"[" * 100000 + b"]" * 100000 + b" >>", stream(b"BT ET")]))
    err = _error(path, capsys)
    assert "已损坏" in err and "扫描件" not in err, err
