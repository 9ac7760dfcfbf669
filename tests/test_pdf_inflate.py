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

from app.limits import MAX_PDF_STREAM_INFLATED
from app.pdfread import inflate
from tests.hostile import refused_in_process
from tests.hostile_pdf import flate_of_spaces, lzw_of_one_byte, one_page, raw_pdf, stream
from tests.hostile_pdf import one_line_error as _error


def test_p04_a_flate_bomb_is_refused_without_inflating_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = flate_of_spaces(4 * MAX_PDF_STREAM_INFLATED >> 20)  # four times the cap, a quarter MB on disk
    path = tmp_path / "p04-flate-bomb.pdf"
    path.write_bytes(one_page([stream(bomb, b"/Filter /FlateDecode")]))
    assert path.stat().st_size < 2**20
    message, peak = refused_in_process(path)
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


# -- every filter pdfminer decodes is capped -------------------------------------------------------

def test_lzw_bomb_helper_is_what_pdfminer_decodes() -> None:
    from pdfminer.lzw import lzwdecode

    small = lzwdecode(lzw_of_one_byte(3))
    assert set(small) == {ord(" ")} and len(small) > 3 * 3800


def test_an_lzw_bomb_is_refused_as_a_flate_bomb_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = lzw_of_one_byte(4 * MAX_PDF_STREAM_INFLATED // 3839)  # four times the cap, ~100 KB on disk
    path = tmp_path / "lzw-bomb.pdf"
    path.write_bytes(one_page([stream(bomb, b"/Filter /LZWDecode")]))
    assert path.stat().st_size < 2**20
    message, peak = refused_in_process(path)
    assert "解压后超过64 MB" in message and "扫描件" not in message, message
    assert peak < 3 * MAX_PDF_STREAM_INFLATED, peak
    assert "解压后超过" in _error(path, capsys)


def _runs(n: int) -> bytes:
    return b"\x81 " * n  # each: a space 128 times


_CAP = 8 * 2**20  # the stream cap for these tests: the same code, a faster test


@pytest.mark.parametrize("filters, data", [
    (b"/RunLengthDecode", _runs(_CAP // 128 + 1)),  # 128 KB that are 8 MB
    (b"[/FlateDecode /RunLengthDecode]", zlib.compress(_runs(4 * _CAP // 128), 9)),
    (b"[/FlateDecode /ASCII85Decode]", zlib.compress(b"z" * (_CAP // 4), 9)),  # 2 MB that are 8 MB of zeros
    (b"[/FlateDecode /ASCII85Decode /FlateDecode]", zlib.compress(
        __import__("base64").a85encode(flate_of_spaces(2 * _CAP >> 20)), 9)),
])
def test_run_length_and_ascii85_bombs_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch, filters: bytes, data: bytes) -> None:
    """RunLength repeats a byte 128 times for two, ASCII85 gives four zero bytes for one “z”;
    over flate, or under it, every step is capped."""
    monkeypatch.setattr(inflate, "MAX_PDF_STREAM_INFLATED", _CAP)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(one_page([stream(data, b"/Filter " + filters)]))
    message, peak = refused_in_process(path)
    assert "解压后超过8 MB" in message and "扫描件" not in message, message
    assert peak < 3 * _CAP, peak
    assert "解压后超过" in _error(path, capsys)


@pytest.mark.parametrize("data", [b"", b"\x80", b"\x02abc\xfdx\x80", b"\x00a\xffb", bytes(range(256)) * 3])
def test_the_bounded_run_length_gives_what_pdfminer_gives(data: bytes) -> None:
    from pdfminer.runlength import rldecode

    try:
        expected = rldecode(data)
    except (StopIteration, RuntimeError):
        return  # pdfminer fails on a run cut short; ours keeps what came before
    assert inflate.rldecode(data) == expected


def test_the_bounded_ascii85_gives_what_pdfminer_gives() -> None:
    import base64

    from pdfminer.ascii85 import ascii85decode

    for data in (b"", b"hello world" * 100, bytes(4000), bytes(range(256)) * 10):
        encoded = base64.a85encode(data) + b"~>"
        assert inflate.ascii85decode(encoded) == ascii85decode(encoded) == data


def test_a_ccitt_stream_is_never_decoded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scanned page's CCITT picture is a scan, as ever (pdfminer never decodes a picture for
    us); a page drawing that claims to be CCITT fax is damaged, not decoded (nothing bounds it:
    each row is ``Columns`` wide)."""
    image = stream(b"\x00" * 64, b"/Type /XObject /Subtype /Image /Width 2480 /Height 3508 /BitsPerComponent 1"
                   b" /ColorSpace /DeviceGray /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 2480 >>")
    scan = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                    b" /Resources << /XObject << /Im1 5 0 R >> >> >>",
                    stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"), image])
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan)
    assert "扫描件" in _error(path, capsys)
    # each 1 bit (“vertical 0” against a white line) is a white row of 100,000,000 pixels: 6 GB
    path.write_bytes(one_page([stream(b"\xff" * 64, b"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 100000000 >>")]))
    err = _error(path, capsys)
    assert "第1页已损坏" in err, err


@pytest.mark.parametrize("parms", [b"/Predictor 12 /Columns 1000000000", b"/Predictor 2 /Colors 255 /Columns 100000000"])
def test_a_predictor_wider_than_any_row_is_damaged_not_allocated(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 parms: bytes) -> None:
    """pdfminer makes a row of ``Columns`` entries before reading a byte: a gigabyte here."""
    path = tmp_path / "predictor.pdf"
    path.write_bytes(one_page([stream(zlib.compress(b"\x00" * 100), b"/Filter /FlateDecode /DecodeParms << " + parms + b" >>")]))
    tracemalloc.start()
    try:
        err = _error(path, capsys)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "第1页已损坏" in err, err
    assert peak < 64 * 2**20, peak


def test_a_python_decoder_takes_a_bounded_input(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """ASCII85, LZW, RunLength and the predictors go a byte at a time in Python: their input is
    capped (here at 1 MB), not only their output."""
    monkeypatch.setattr(inflate, "MAX_PDF_SLOW_FILTER_BYTES", 2**20)
    import base64

    path = tmp_path / "a85.pdf"
    path.write_bytes(one_page([stream(zlib.compress(base64.a85encode(b"report " * 200_000)),
                                      b"/Filter [/FlateDecode /ASCII85Decode]")]))
    assert "解压后超过1 MB" in _error(path, capsys)
