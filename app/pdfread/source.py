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
  file costs no more than the per-file processor seconds, however it is damaged;
- a file changed after its last cross-reference table (objects appended with no table of their
  own: a hand or tool edit) is read by the recovery scan, as viewers rebuild such a file, and the
  recovery scan reads to the end of the file, a later definition of an object replacing an
  earlier one: pdfminer's stopped at the first ``trailer``, so an update after it was never read
  and a figure the viewer shows (its update) was read as it stood before (hostile30).  The
  document is marked (``REPAIRED``) for the reader to say so;
- an object that is only a reference is followed to what it refers to, a loop (“6 0 obj 6 0 R”)
  taken for null (``_followed``): pdfminer followed it for ever;
- a classic cross-reference table is read at once and split into lines (``_load_table``), not
  gathered line by line through pdfminer's parser;
- a cross-reference table is read once: tables whose /Prev links loop are read as viewers read them;
  a cross-reference stream promising far more entries than it holds sends the file to the
  recovery scan, as a table that cannot be read does.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import Any, BinaryIO

from app.limits import MAX_PDF_OBJECTS
from app.pdfread import bounds

_STEP = 1 << 20
_PADDING = b"\x00 \t\r\n\f"
_KEYWORD = b"startxref"
_OFFSET = re.compile(rb"startxref[\x00 \t\r\n\f]*(\d{1,12})")
_OBJ_CUE = re.compile(rb"(?:^|[\r\n])[ \t]*\d{1,10}[ \t]+\d{1,5}[ \t]+obj\b")
_TEXT_CUE = re.compile(r"^\s*(\d{1,10})\s+(\d{1,5})\s+obj\b")
REPAIRED = "nianbao_repaired"  # set on a PDFDocument read by the recovery scan: why
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


def last_startxref(fh: BinaryIO, end: int) -> tuple[int | None, int]:
    """The offset the last ``startxref`` before ``end`` gives (None without one, or without a
    number after it), and where that keyword stands (-1: nowhere)."""
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
            return (int(m.group(1)) if m else None), start + found
        pos = start
    return None, -1


def defines_objects(fh: BinaryIO, start: int, end: int) -> bool:
    """An object (``12 0 obj``) is defined between ``start`` and ``end``: read in 1 MB steps that
    overlap by a cue's length."""
    pos = start
    while pos < end:
        bounds.check_time()
        fh.seek(pos)
        if _OBJ_CUE.search(fh.read(min(end, pos + _STEP + 32) - pos)):
            return True
        pos += _STEP
    return False


def repaired(document: Any) -> str | None:
    """Why ``document`` (a PDFDocument) was read by the recovery scan, where that can change what
    is read: "appended" (objects after its last cross-reference table), "updated" (a damaged
    file holding an object written more than once: the last was read), else None."""
    how = getattr(document, REPAIRED, None)
    if how == "appended":
        return how
    if how and any(getattr(x, "redefined", 0) for x in getattr(document, "xrefs", ())):
        return "updated"
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
    from app.limits import open_regular

    fh = open_regular(Path(path))  # the view owns it and closes it; never a FIFO swapped in since the look
    try:
        size = os.fstat(fh.fileno()).st_size
        return View(fh, content_end(fh, size))
    except BaseException:
        fh.close()
        raise


def install() -> None:
    """Once per process, before pdfminer opens a document: ``find_xref`` linear in the file, the
    recovery scan to the file's end."""
    global _installed
    if _installed:
        return
    from pdfminer.pdfdocument import PDFDocument, PDFNoValidXRef, PDFXRef, PDFXRefFallback
    from pdfminer.psparser import PSBaseParser

    def find_xref(self: Any, parser: Any) -> int:
        fp = parser.fp
        end = fp.seek(0, os.SEEK_END)
        start, keyword = last_startxref(fp, end)
        if start is None or start >= end:
            setattr(self, REPAIRED, "damaged")
            raise PDFNoValidXRef("no startxref")  # pdfminer then recovers by scanning the file
        if defines_objects(fp, keyword, end):
            # The last table is not the file's last word: a viewer rebuilds, and so do we.
            setattr(self, REPAIRED, "appended")
            raise PDFNoValidXRef("objects after the last startxref")
        return start

    read_from = PDFDocument.read_xref_from

    def read_xref_from(self: Any, parser: Any, start: int, xrefs: list[Any]) -> None:
        # A /Prev (or /XRefStm) leading back to a table already read, its own or round a loop:
        # viewers stop there; pdfminer followed it until RecursionError (called damaged).
        read = self.__dict__.setdefault("_xref_starts", set())
        if start in read:
            return
        read.add(start)
        try:
            read_from(self, parser, start, xrefs)
            if xrefs and _misplaced(parser.fp, xrefs[-1]):
                xrefs.pop()  # its offsets would be tried first, before the recovery scan's
                raise PDFNoValidXRef("a table whose offsets do not lead to its objects")
            if any(_overpromising(x) for x in xrefs):
                raise PDFNoValidXRef("a cross-reference stream promising more than it holds")
            if sum(_listed(x) for x in xrefs) > MAX_PDF_OBJECTS and _distinct(xrefs) > MAX_PDF_OBJECTS:
                raise bounds.ObjectLimit(MAX_PDF_OBJECTS)
        except PDFNoValidXRef:
            setattr(self, REPAIRED, getattr(self, REPAIRED, None) or "damaged")
            raise

    PDFDocument.find_xref = find_xref  # type: ignore[method-assign]
    PDFDocument.read_xref_from = read_xref_from  # type: ignore[method-assign]
    _table_load[:] = [PDFXRef.load]
    PDFXRef.load = _load_table  # type: ignore[method-assign]
    getobj = PDFDocument.getobj

    def getobj_followed(self: Any, objid: int) -> object:
        return _followed(self, objid, getobj)

    PDFDocument.getobj = getobj_followed  # type: ignore[method-assign]
    PDFXRefFallback.load = _load_whole  # type: ignore[method-assign]
    PSBaseParser.nextline = _nextline  # type: ignore[method-assign]
    _installed = True


# An object whose whole value is a reference to another (“6 0 obj 7 0 R endobj”) is rare and never
# needs a long chain; pdfminer's resolve1 followed such references with no end, and one object
# referring to itself (“6 0 obj 6 0 R”: a 634-byte file) hung the reader past its deadline, no
# byte read to look at the clock.
_MAX_REFERENCE_CHAIN = 32


def _followed(document: Any, objid: int, getobj: Any) -> object:
    """pdfminer's ``PDFDocument.getobj``, a value that is a reference followed to what it refers
    to: a loop, or a chain longer than _MAX_REFERENCE_CHAIN, is null (None), as viewers take a
    reference that leads nowhere."""
    from pdfminer.pdftypes import PDFObjRef

    obj = getobj(document, objid)
    seen = {objid}
    while isinstance(obj, PDFObjRef):
        if obj.objid in seen or len(seen) > _MAX_REFERENCE_CHAIN:
            return None
        seen.add(obj.objid)
        obj = getobj(document, obj.objid)
    return obj


_table_load: list[Any] = []  # pdfminer's own PDFXRef.load, for a table _load_table cannot end
# A table read at once (some 400,000 objects; a report has a few thousand): its lines as objects
# take some ten times its size.
_MAX_TABLE_BYTES = 8 * 1024 * 1024


def _table_lines(fp: Any, start: int) -> bytes | None:
    """The bytes of a cross-reference table from ``start`` to the end of its first ``trailer``
    keyword, read in 1 MB steps on the clock; b"" when there is none, None past _MAX_TABLE_BYTES."""
    fp.seek(start)
    data = bytearray()
    while len(data) <= _MAX_TABLE_BYTES:
        chunk = fp.read(_STEP)
        if not chunk:
            return b""
        look = max(0, len(data) - 6)  # a keyword cut in two by a step is found whole
        data += chunk
        found = data.find(b"trailer", look)
        if found >= 0:
            return bytes(data[: found + 7])
    return None


def _load_table(self: Any, parser: Any) -> None:
    """pdfminer's ``PDFXRef.load`` (a classic cross-reference table, its subsections' headers and
    20-byte entries line by line, then the trailer) on the table's bytes read at once: pdfminer
    gathers each line through its parser, some 3 µs a line, and a table of a million empty
    subsections (“0 0”, 4 MB) took 3 processor seconds before a page was read (1.3 now).  Same lines,
    same reading: a table this cannot end (no ``trailer`` line where a header would be), or
    longer than _MAX_TABLE_BYTES, is left to pdfminer's (on the reading's deadline)."""
    from pdfminer.pdfdocument import PDFNoValidXRef

    start = parser.bufpos + parser.charpos
    data = _table_lines(parser.fp, start)
    cut = data is None  # no trailer in the first _MAX_TABLE_BYTES: read them, as far as they go
    if data is None:
        parser.fp.seek(start)
        data = parser.fp.read(_MAX_TABLE_BYTES)
        data = data[: max(data.rfind(b"\n"), data.rfind(b"\r")) + 1] + b"\ntrailer"  # whole lines
    if not data:
        raise PDFNoValidXRef("Unexpected EOF - file corrupted?")
    lines = data.splitlines()
    i, offsets = 0, self.offsets
    while i < len(lines):
        if not i & 0xFFFF:
            bounds.check_time()
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        if line.startswith(b"trailer"):  # the last line: the keyword ends the bytes read
            if cut:
                break  # the table goes on past them, its lines all good: no report's is this long
            parser.seek(start + len(data) - 7)
            self.load_trailer(parser)
            return
        if i == len(lines):
            break  # the keyword inside a line, cut there: read whole as pdfminer reads it
        f = line.split(b" ")
        if len(f) != 2:
            raise PDFNoValidXRef(f"Trailer not found: line={line!r}")
        try:
            first, count = int(f[0]), int(f[1])
        except ValueError as err:
            raise PDFNoValidXRef(f"Invalid line: line={line!r}") from err
        if count > len(lines) - 1 - i:
            break  # entries reaching the keyword's line: as pdfminer reads them
        for objid in range(first, first + count):
            f = lines[i].strip().split(b" ")
            i += 1
            if len(f) != 3:
                raise PDFNoValidXRef(f"Invalid XRef format: line={lines[i - 1]!r}")
            if f[2] != b"n":
                continue
            with contextlib.suppress(ValueError):  # pdfminer leaves such an entry out (with a warning)
                offsets[objid] = (None, int(f[0]), int(f[1]))
            if not objid & 0xFFF and len(offsets) > MAX_PDF_OBJECTS:  # before a dict of them all
                raise bounds.ObjectLimit(MAX_PDF_OBJECTS)
        if len(offsets) > MAX_PDF_OBJECTS:
            raise bounds.ObjectLimit(MAX_PDF_OBJECTS)
    if cut:
        raise bounds.ObjectLimit(MAX_PDF_OBJECTS)
    parser.seek(start)
    _table_load[0](self, parser)
    if len(offsets) > MAX_PDF_OBJECTS:
        raise bounds.ObjectLimit(MAX_PDF_OBJECTS)


# A cross-reference stream's entry: three fields of a few bytes each (/W [1 4 2]); and entries it
# may promise (/Size, /Index) beyond those its data holds (pdfminer takes each missing one for an
# object in use: /W [1 999999999 1] made it look up 100 million objects, the whole 8 s deadline).
_XREF_ENTRY_BYTES = 32
_XREF_MISSING_ENTRIES = 1000


def _overpromising(xref: Any) -> bool:
    """Whether a cross-reference stream (pdfminer's PDFXRefStream) is damaged past use: entries
    wider than any field needs, or many more entries promised than its data holds."""
    ranges, width, data = getattr(xref, "ranges", None), getattr(xref, "entlen", None), getattr(xref, "data", None)
    if not isinstance(ranges, list) or not isinstance(width, int) or width <= 0 or not isinstance(data, bytes):
        return False
    promised = sum(n for _, n in ranges if isinstance(n, int))
    return width > _XREF_ENTRY_BYTES or promised > len(data) // width + _XREF_MISSING_ENTRIES


# Where a table says an object begins, "12 0 obj" is found: at once, after white space, or a few
# bytes on (pdfminer's own reading passes over what comes before the keyword).  So many are looked
# at that a table of a report is looked at whole; a longer one at entries spread through it.
_LOOK = 64
_MOST_LOOKED_AT = 4096
_BEGINS = re.compile(rb"(\d{1,10})[\x00 \t\r\n\f]+\d{1,5}[\x00 \t\r\n\f]+obj\b")


def _misplaced(fp: Any, xref: Any) -> bool:
    """Whether a classic cross-reference table (pdfminer's PDFXRef) gives an offset where its
    object does not begin: a file edited after it was written (a figure changed in a text editor,
    a tool that inserted bytes and left the table as it was) or whose writer counted its bytes
    wrong.  pdfminer then took each object from the wrong place — read as a PDF with no text at
    all — where viewers rebuild the table by scanning the file, as we do (``_load_whole``)."""
    from pdfminer.pdfdocument import PDFXRef, PDFXRefFallback

    if type(xref) is not PDFXRef or isinstance(xref, PDFXRefFallback):
        return False
    entries = [(objid, pos) for objid, (_, pos, _gen) in xref.offsets.items() if isinstance(pos, int)]
    step = max(1, len(entries) // _MOST_LOOKED_AT)
    for objid, pos in entries[::step]:
        if pos < 0:
            return True
        fp.seek(pos)
        m = _BEGINS.search(fp.read(_LOOK))
        if m is None or int(m.group(1)) != objid:
            return True
    return False


def _listed(xref: Any) -> int:
    """The objects a cross-reference (pdfminer's table or stream) lists."""
    offsets, ranges = getattr(xref, "offsets", None), getattr(xref, "ranges", None)
    if isinstance(offsets, dict):
        return len(offsets)
    return sum(n for _, n in ranges if isinstance(n, int)) if isinstance(ranges, list) else 0


def _distinct(xrefs: list[Any]) -> int:
    """The objects the cross-references list, each once however many list it (every update of a
    file re-saved with its full table lists them all again), counted to one past MAX_PDF_OBJECTS."""
    seen: set[int] = set()
    for xref in xrefs:
        for objid in xref.get_objids():
            seen.add(objid)
            if len(seen) > MAX_PDF_OBJECTS:
                return len(seen)
    return len(seen)


def _load_whole(self: Any, parser: Any) -> None:
    """The recovery scan, to the end of the file: every ``N G obj`` (a later one replacing an
    earlier: an update; counted in ``redefined``), the objects inside object streams, every
    trailer merged in file order."""
    from pdfminer.pdfdocument import PDFNoValidXRef
    from pdfminer.pdfparser import PDFStreamParser
    from pdfminer.pdftypes import PDFStream, stream_value
    from pdfminer.psparser import LIT, PSEOF

    self.redefined = 0
    parser.seek(0)
    while True:
        try:
            pos, line = parser.nextline()
        except PSEOF:
            break
        if line.startswith(b"trailer"):
            parser.seek(pos)
            try:
                self.load_trailer(parser)
            except PDFNoValidXRef:
                break  # cut off at the end: the trailers before it stand
            continue
        m = _TEXT_CUE.match(line.decode("latin-1"))
        if not m:
            continue
        objid, genno = int(m.group(1)), int(m.group(2))
        if objid in self.offsets:
            self.redefined += 1
        self.offsets[objid] = (None, pos, genno)
        if len(self.offsets) > MAX_PDF_OBJECTS:
            raise bounds.ObjectLimit(MAX_PDF_OBJECTS)
        parser.seek(pos)
        try:
            obj = parser.nextobject()[1]
        except PSEOF:
            break
        if isinstance(obj, PDFStream) and obj.get("Type") is LIT("ObjStm"):
            stream = stream_value(obj)
            numbers: list[Any] = []
            inner = PDFStreamParser(stream.get_data())
            with contextlib.suppress(PSEOF):
                while True:
                    numbers.append(inner.nextobject()[1])
            count = stream.get("N")
            count = min(count, len(numbers) // 2) if isinstance(count, int) else len(numbers) // 2
            for index in range(count):
                if isinstance(numbers[index * 2], int):
                    self.offsets[numbers[index * 2]] = (objid, index, 0)
