"""A cap on what pdfminer inflates.  A PDF stream can promise anything: a 1 MB flate stream of
spaces inflates to 1 GB, and pdfminer inflates each stream whole (``zlib.decompress``) before
parsing a byte of it — gigabytes of memory and seconds per page for what then reads as an
empty page.  The limit on a page's compressed size (``MAX_PDF_PAGE_BYTES``) cannot see it, and
fonts, object streams and cross-reference streams are inflated the same way.

``install`` puts bounded decoders in pdfminer's place for every filter it decodes (its stream
module's ``zlib``, ``lzwdecode``, ``rldecode``, ``ascii85decode``, ``ccittfaxdecode`` and the
predictors): every stream stops inflating past ``MAX_PDF_STREAM_INFLATED`` and, inside
``budget``, all of a document's streams together past ``MAX_PDF_INFLATED``, raising
``InflateLimit`` — which the reader turns into one line saying the file is too big or damaged.
Filters after filters are each capped (ASCII85 over flate over ASCII85…).  The decoders written
in Python (LZW, ASCII85, RunLength, the predictors) take at most ``MAX_PDF_SLOW_FILTER_BYTES``
and look at the reading's deadline (``bounds.check_time``) as they go.  CCITT fax is refused:
only scanned pictures use it, and pdfminer never decodes a picture for us (a scan is known by
its pictures being there), so a stream of it that must be decoded is a damaged or hostile file.
"""

from __future__ import annotations

import zlib
from contextlib import AbstractContextManager
from io import BytesIO
from typing import Any

from app.limits import (
    MAX_PDF_INFLATED,
    MAX_PDF_PREDICTOR_ROW_BYTES,
    MAX_PDF_SLOW_FILTER_BYTES,
    MAX_PDF_STREAM_INFLATED,
)
from app.pdfread import bounds
from app.pdfread.bounds import check_time
from app.pdfread.budget import Budget


class InflateLimit(Exception):
    """A stream, or the document's streams together, inflate past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"inflates to more than {limit} bytes")
        self.limit = limit


# Bytes the document being read may still inflate (spent by the decoders below).
_BYTES = Budget("pdf_inflate_left", MAX_PDF_INFLATED, lambda: InflateLimit(MAX_PDF_INFLATED))
_installed = False
_spend = _BYTES.spend


def budget(total: int | None = None) -> AbstractContextManager[None]:
    """Counts all the streams inflated inside against one total (one document's read)."""
    return _BYTES.within(MAX_PDF_INFLATED if total is None else total)  # the cap as it is now (tests set it)


class _BoundedDecompressor:
    """zlib's decompressor that refuses to give more than the cap, in total over its calls."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._d = zlib.decompressobj(*args, **kwargs)
        self._given = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_PDF_STREAM_INFLATED + 1 - self._given
        limit = room if max_length <= 0 else min(max_length, room)
        out = self._d.decompress(data, limit)
        self._given += len(out)
        if self._given > MAX_PDF_STREAM_INFLATED:
            raise InflateLimit(MAX_PDF_STREAM_INFLATED)
        _spend(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        # Whatever is left stands in unconsumed_tail only when decompress stopped at its limit;
        # flush would inflate that without one.
        return self.decompress(self._d.unconsumed_tail) if self._d.unconsumed_tail else b""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._d, name)


def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
    """``zlib.decompress`` with the cap: the same bytes, or the same zlib.error for a stream
    cut short (pdfminer then tries its recovery, ``decompress_corrupted``)."""
    d = _BoundedDecompressor(wbits)
    out = d.decompress(data)
    if not d.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's recovery of a stream whose checksum (its last bytes) is damaged, bounded and
    in linear time: pdfminer's own feeds one byte at a time and joins the output by repeated
    concatenation, quadratic in what a bomb inflates to.  As there, an error before the last
    three bytes is raised; one in them keeps what came before."""
    d = _BoundedDecompressor()
    out = [d.decompress(data[:-3])]
    for i in range(max(0, len(data) - 3), len(data)):
        try:
            out.append(d.decompress(data[i:i + 1]))
        except zlib.error:
            break
    return b"".join(out)


class _Zlib:
    """The zlib module as pdfminer's stream module sees it."""

    error = zlib.error
    decompress = staticmethod(decompress)
    decompressobj = _BoundedDecompressor

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _slow(data: bytes) -> None:
    """Before a decoder written in Python: its input bounded, the deadline not passed."""
    if len(data) > MAX_PDF_SLOW_FILTER_BYTES:
        raise InflateLimit(MAX_PDF_SLOW_FILTER_BYTES)
    check_time()


def lzwdecode(data: bytes) -> bytes:
    """pdfminer's LZW decoding, stopped past the cap (LZW inflates a thousandfold at most, which
    is still gigabytes from a few MB)."""
    from pdfminer.lzw import LZWDecoder

    _slow(data)
    out: list[bytes] = []
    size = 0
    for n, chunk in enumerate(LZWDecoder(BytesIO(data)).run()):
        size += len(chunk)
        if size > MAX_PDF_STREAM_INFLATED:
            raise InflateLimit(MAX_PDF_STREAM_INFLATED)
        if not n % 65536:
            check_time()
        out.append(chunk)
    _spend(size)
    return b"".join(out)


def rldecode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 32000 7.4.5), capped: two bytes repeat one a 128 times, so a few MB
    promise gigabytes — which pdfminer's own builds as a list of ints, eight bytes each."""
    _slow(data)
    out = bytearray()
    i, end = 0, len(data)
    runs = 0
    while i < end:
        length = data[i]
        if length == 128:  # end of data
            break
        if length < 128:
            out += data[i + 1: i + 2 + length]
            i += 2 + length
        else:
            if i + 1 >= end:
                break
            out += data[i + 1: i + 2] * (257 - length)
            i += 2
        runs += 1
        if len(out) > MAX_PDF_STREAM_INFLATED:
            raise InflateLimit(MAX_PDF_STREAM_INFLATED)
        if not runs % 65536:
            check_time()
    _spend(len(out))
    return bytes(out)


def ascii85decode(data: bytes) -> bytes:
    """pdfminer's ASCII85 decoding, refused before it starts when its output could pass the cap:
    five characters give four bytes, but one “z” gives four."""
    from pdfminer.ascii85 import ascii85decode as decode

    _slow(data)
    if len(data) + 4 * data.count(b"z") > MAX_PDF_STREAM_INFLATED:
        raise InflateLimit(MAX_PDF_STREAM_INFLATED)
    out = decode(data)
    _spend(len(out))
    return out


def ccittfaxdecode(data: bytes, params: object) -> bytes:
    """Never decoded (see the module's note): a stream that must be is refused as damaged."""
    raise ValueError("a CCITT fax stream that is not a picture")


def _predictor(apply: Any) -> Any:
    """pdfminer's predictor ``apply`` with its row and its input bounded: it makes a row of
    ``Columns`` entries before reading a byte, and goes through the data a byte at a time."""
    def bounded(*args: Any) -> bytes:
        *params, data = args
        colors, columns, bits = params[-3:]
        if colors * columns * bits // 8 > MAX_PDF_PREDICTOR_ROW_BYTES or min(colors, columns, bits) < 0:
            raise ValueError("a predictor row wider than any a report has")
        _slow(data)
        return apply(*args)  # type: ignore[no-any-return]
    return bounded


def install() -> None:
    """Once per process, before pdfminer reads a file."""
    global _installed
    if _installed:
        return
    import pdfminer.pdftypes as pdftypes

    pdftypes.zlib = _Zlib()  # type: ignore[assignment]
    pdftypes.lzwdecode = lzwdecode
    pdftypes.rldecode = rldecode
    pdftypes.ascii85decode = ascii85decode
    pdftypes.ccittfaxdecode = ccittfaxdecode  # type: ignore[assignment]
    pdftypes.apply_png_predictor = _predictor(pdftypes.apply_png_predictor)
    pdftypes.apply_tiff_predictor = _predictor(pdftypes.apply_tiff_predictor)
    pdftypes.decompress_corrupted = decompress_corrupted
    _installed = True


def cause(e: BaseException) -> InflateLimit | None:
    """The InflateLimit behind an exception pdfplumber or pdfminer wrapped it in, if any."""
    return bounds.cause(e, InflateLimit)  # type: ignore[no-any-return]
