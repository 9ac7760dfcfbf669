"""A cap on what pdfminer inflates.  A PDF stream can promise anything: a 1 MB flate stream of
spaces inflates to 1 GB, and pdfminer inflates each stream whole (``zlib.decompress``) before
parsing a byte of it — gigabytes of memory and seconds per page for what then reads as an
empty page.  The limit on a page's compressed size (``MAX_PDF_PAGE_BYTES``) cannot see it, and
fonts, object streams and cross-reference streams are inflated the same way.

``install`` puts bounded decoders in pdfminer's place (its stream module's ``zlib`` and
``lzwdecode``): every stream stops inflating past ``MAX_PDF_STREAM_INFLATED`` and, inside
``budget``, all of a document's streams together past ``MAX_PDF_INFLATED``, raising
``InflateLimit`` — which the reader turns into one line saying the file is too big or damaged.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from io import BytesIO
from typing import Any

from app.limits import MAX_PDF_INFLATED, MAX_PDF_STREAM_INFLATED


class InflateLimit(Exception):
    """A stream, or the document's streams together, inflate past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"inflates to more than {limit} bytes")
        self.limit = limit


# Bytes the document being read may still inflate (a list: mutated by the decoders below).
_left: ContextVar[list[int] | None] = ContextVar("pdf_inflate_left", default=None)
_installed = False


@contextmanager
def budget(total: int | None = None) -> Iterator[None]:
    """Counts all the streams inflated inside against one total (one document's read)."""
    token = _left.set([MAX_PDF_INFLATED if total is None else total])
    try:
        yield
    finally:
        _left.reset(token)


def _spend(n: int) -> None:
    left = _left.get()
    if left is not None:
        left[0] -= n
        if left[0] < 0:
            raise InflateLimit(MAX_PDF_INFLATED)


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


def lzwdecode(data: bytes) -> bytes:
    """pdfminer's LZW decoding, stopped past the cap (LZW inflates a thousandfold at most, which
    is still gigabytes from a few MB)."""
    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    size = 0
    for chunk in LZWDecoder(BytesIO(data)).run():
        size += len(chunk)
        if size > MAX_PDF_STREAM_INFLATED:
            raise InflateLimit(MAX_PDF_STREAM_INFLATED)
        out.append(chunk)
    _spend(size)
    return b"".join(out)


def install() -> None:
    """Once per process, before pdfminer reads a file."""
    global _installed
    if _installed:
        return
    import pdfminer.pdftypes as pdftypes

    pdftypes.zlib = _Zlib()  # type: ignore[assignment]
    pdftypes.lzwdecode = lzwdecode
    pdftypes.decompress_corrupted = decompress_corrupted
    _installed = True


def cause(e: BaseException) -> InflateLimit | None:
    """The InflateLimit behind an exception pdfplumber or pdfminer wrapped it in, if any."""
    seen: set[int] = set()
    todo: list[object] = [e]
    while todo:
        x = todo.pop()
        if not isinstance(x, BaseException) or id(x) in seen:
            continue
        if isinstance(x, InflateLimit):
            return x
        seen.add(id(x))
        todo += [x.__cause__, x.__context__, *x.args]
    return None
