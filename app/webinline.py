"""A saved web page's bytes without the pictures written into it (data: URIs in base64 —
browsers' “single file” savers, CMS pages that embed their photos): sixteen photos make a 43 KB
report a 26 MB page, refused by the text copy's cap though a person sees a report.  The page is
read in pieces and each base64 payload left out as it goes (the <img> stays, its data gone), so
what is kept is the page's text, held to the cap, and no more than a piece of the rest is in
memory at once."""

from __future__ import annotations

import re
from typing import BinaryIO

from app import limits
from app.errors import ReadError

_PIECE = 1 << 20
# ";base64," then its payload: the alphabet's bytes are ASCII, never part of a GBK or UTF-8
# character's trailing bytes that could stand for a quote ending the attribute.
_PAYLOAD = re.compile(rb";[Bb][Aa][Ss][Ee]64,[A-Za-z0-9+/=]*")
_MORE = re.compile(rb"[A-Za-z0-9+/=]*")
_HEAD = len(b";base64,") - 1  # bytes a piece may end with that could begin a payload's head


def without_inline_data(fh: BinaryIO) -> bytes:
    """The page's bytes read from ``fh`` with every base64 payload left out; ReadError when what
    is kept passes MAX_TEXT_COPY_BYTES, or what is read passes MAX_WEB_PAGE_BYTES."""
    kept = bytearray()
    carry = b""
    inside = False  # the last piece ended in a payload: it may go on in the next
    read = 0
    while piece := fh.read(_PIECE):
        read += len(piece)
        if read > limits.MAX_WEB_PAGE_BYTES:
            raise ReadError(f"文件超过{limits.MAX_WEB_PAGE_BYTES // 1048576} MB，网页的年报不会这么大，文件可能不是年报")
        if inside:
            piece = piece[_MORE.match(piece).end():]  # type: ignore[union-attr]  # matches the empty string
            if not piece:
                continue
            inside = False
        buf = carry + piece
        at = 0
        for m in _PAYLOAD.finditer(buf):
            kept += buf[at:m.start() + len(b";base64,")]
            at = m.end()
        inside = at == len(buf) and at > 0
        keep_to = len(buf) if inside else max(at, len(buf) - _HEAD)
        kept += buf[at:keep_to]
        carry = buf[keep_to:]
        if len(kept) > limits.MAX_TEXT_COPY_BYTES:
            raise ReadError(_too_big())
    kept += carry
    if len(kept) > limits.MAX_TEXT_COPY_BYTES:
        raise ReadError(_too_big())
    return bytes(kept)


def _too_big() -> str:
    return f"网页去掉其中内嵌的图片后仍超过{limits.MAX_TEXT_COPY_BYTES // 1048576} MB，网页的年报不会这么大，文件可能不是年报"
