"""The file as pdfminer reads it: bounded at the end of what was written, and on the clock.

A PDF's last lines say where its cross-reference table is (``startxref``).  pdfminer finds them
by reading the file backwards line by line, gluing each 4 KB it reads before the bytes it has not
yet split into lines — quadratic when no line break comes: an unfinished download a download
manager preallocated (60 KB of PDF, then zeros to 30 MB) took 145 processor seconds before it was
called damaged, a whole report followed by 30 MB of zeros 119 s, and opening was not counted
against the reading's deadline at all.  Here:

- ``content_end``: trailing NULs and white space (padding, never part of a PDF) are cut off by a
  backward scan in 1 MB steps, and ``View`` shows pdfminer only the file up to there (no copy);
- ``find_xref`` takes the place of pdfminer's: the last ``startxref`` is looked for in the view
  with ``bytes.rfind`` in 1 MB steps (linear, in C), junk after it allowed; none — a truncated
  file — goes to pdfminer's recovery scan of the (now short) view as before;
- a line is gathered in linear time (``_nextline``: pdfminer's recovery scan of a damaged file
  reads it line by line);
- every read of the view looks at the reading's deadline (``bounds.check_time``), so opening a
  file costs no more than the per-file processor seconds, however it is damaged.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any, BinaryIO

from app.pdfread import bounds

_STEP = 1 << 20
_PADDING = b"\x00 \t\r\n\f"
_KEYWORD = b"startxref"
_OFFSET = re.compile(rb"startxref[\x00 \t\r\n\f]*(\d{1,12})")
_installed = False


def content_end(fh: BinaryIO, size: int) -> int:
    """Where the file's content ends: its size less the trailing NULs and white space."""
    end = size
    while end > 0:
        bounds.check_time()
        start = max(0, end - _STEP)
        fh.seek(start)
        kept = fh.read(end - start).rstrip(_PADDING)
        if kept:
            return start + len(kept)
        end = start
    return 0


def last_startxref(fh: BinaryIO, end: int) -> int | None:
    """The offset the last ``startxref`` before ``end`` gives, None without one (or without a
    number after it)."""
    pos = end
    while pos > 0:
        bounds.check_time()
        start = max(0, pos - _STEP)
        fh.seek(start)
        # the step overlaps the next one by a keyword and a number: one cut in two is found whole
        chunk = fh.read(min(end, pos + len(_KEYWORD) + 64) - start)
        found = chunk.rfind(_KEYWORD, 0, pos - start + len(_KEYWORD))
        if found >= 0:
            fh.seek(start + found)
            m = _OFFSET.match(fh.read(len(_KEYWORD) + 64))
            return int(m.group(1)) if m else None
        pos = start
    return None


def _nextline(self: Any) -> tuple[int, bytes]:
    """pdfminer's ``PSBaseParser.nextline`` gathering into a bytearray: its own glues 4 KB at a
    time onto an immutable bytes, quadratic in a line with no break (30 MB of junk in a damaged
    file's recovery scan: 8 s, now a tenth of one)."""
    from pdfminer.psparser import EOL

    linebuf = bytearray()
    linepos = self.bufpos + self.charpos
    eol = False
    while True:
        self.fillbuf()
        if eol:
            if self.buf[self.charpos:self.charpos + 1] == b"\n":  # \r\n
                linebuf += b"\n"
                self.charpos += 1
            break
        m = EOL.search(self.buf, self.charpos)
        if m:
            linebuf += self.buf[self.charpos:m.end(0)]
            self.charpos = m.end(0)
            if linebuf[-1:] == b"\r":
                eol = True
            else:
                break
        else:
            linebuf += self.buf[self.charpos:]
            self.charpos = len(self.buf)
    return linepos, bytes(linebuf)


class View(io.RawIOBase):
    """The first ``end`` bytes of an open file, read through the reading's deadline."""

    def __init__(self, fh: BinaryIO, end: int) -> None:
        super().__init__()
        self._fh = fh
        self._end = end
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: self._end}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def read(self, size: int | None = -1) -> bytes:
        bounds.check_time()
        left = max(0, self._end - self._pos)
        n = left if size is None or size < 0 else min(size, left)
        if not n:
            return b""
        self._fh.seek(self._pos)
        data = self._fh.read(n)
        self._pos += len(data)
        return data

    def readall(self) -> bytes:
        return self.read(-1)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._fh.close()
        super().close()


def open_view(path: os.PathLike[str] | str) -> View:
    """The file, without its trailing padding, to hand to pdfplumber."""
    fh = open(path, "rb")  # noqa: SIM115 - the view owns it and closes it
    try:
        size = os.fstat(fh.fileno()).st_size
        return View(fh, content_end(fh, size))
    except BaseException:
        fh.close()
        raise


def install() -> None:
    """Once per process, before pdfminer opens a document: ``find_xref`` linear in the file."""
    global _installed
    if _installed:
        return
    from pdfminer.pdfdocument import PDFDocument, PDFNoValidXRef
    from pdfminer.psparser import PSBaseParser

    def find_xref(self: Any, parser: Any) -> int:
        fp = parser.fp
        end = fp.seek(0, os.SEEK_END)
        start = last_startxref(fp, end)
        if start is None or start >= end:
            raise PDFNoValidXRef("no startxref")  # pdfminer then recovers by scanning the file
        return start

    PDFDocument.find_xref = find_xref  # type: ignore[method-assign]
    PSBaseParser.nextline = _nextline  # type: ignore[method-assign]
    _installed = True
