"""Qt's PDF read and written again as objects by number: what ``ui.pdf_runs`` needs to put
a page's drawing and a font's ToUnicode map right (Qt writes one classic cross-reference table,
objects one after another; a stream's length stated directly or in an object of its own)."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

_XREF = re.compile(rb"\nxref\n0 (\d+)\n")
_REF = re.compile(rb"/(Contents)\s+(?:(\d+) 0 R|\[([^\]]*)\])")
_CMAP_ENTRY = re.compile(rb"<([0-9A-Fa-f]{4})>\s+<([0-9A-Fa-f]{4})>\s+(?:<([0-9A-Fa-f]{4})>|\[([^\]]*)\])")


class Mismatch(Exception):
    """What Qt drew is not what was recorded: the file is left as Qt wrote it."""


class Pdf:
    """Qt's PDF as objects by number (Qt writes one classic cross-reference table)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        xref = None
        for xref in _XREF.finditer(data):  # noqa: B007 (the last table: Qt writes one)
            continue
        if xref is None:
            raise Mismatch("no cross-reference table")
        count = int(xref.group(1))
        table = data[xref.end():xref.end() + 20 * count]
        self.offsets = {n: int(table[20 * n:20 * n + 10]) for n in range(1, count)
                        if table[20 * n + 17:20 * n + 18] == b"n"}
        self.xref_at = xref.start() + 1
        ordered = sorted(self.offsets.values())
        ends = dict(zip(ordered, [*ordered[1:], self.xref_at], strict=True))
        self.spans = {n: (at, ends[at]) for n, at in self.offsets.items()}

    def body(self, n: int) -> bytes:
        at, end = self.spans[n]
        return self.data[at:end]

    def ref(self, n: int, key: bytes) -> int | None:
        head = self.body(n).split(b"stream", 1)[0]
        for m in _REF.finditer(head):
            if m.group(1) == key and m.group(2):
                return int(m.group(2))
        return None

    def stream(self, n: int) -> bytes:
        body = self.body(n)
        head, _, rest = body.partition(b"stream\n")
        m = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head)
        if m is None:
            raise Mismatch(f"object {n}: no length")
        length = int(m.group(1))
        if m.group(2):
            length = int(self.body(length).split(b"obj", 1)[1].split(b"endobj", 1)[0])
        raw = rest[:length]
        return zlib.decompress(raw) if b"/FlateDecode" in head else raw

    def pages(self) -> list[int]:
        catalog = _first(self.data[self.xref_at:], rb"/Root\s+(\d+) 0 R")
        return list(self._kids(_first(self.body(catalog), rb"/Pages\s+(\d+) 0 R")))

    def _kids(self, n: int) -> Iterator[int]:
        head = self.body(n).split(b"stream", 1)[0]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", head)
        if kids is None:
            yield n
            return
        for k in re.findall(rb"(\d+) 0 R", kids.group(1)):
            yield from self._kids(int(k))

    def fonts(self) -> dict[int, int]:
        """Font object → its ToUnicode map's object."""
        out = {}
        for n in self.offsets:
            head = self.body(n)[:600]
            if b"/Type /Font" in head and b"/Subtype /Type0" in head:
                tu = re.search(rb"/ToUnicode\s+(\d+) 0 R", head)
                if tu is not None:
                    out[n] = int(tu.group(1))
        return out

    @property
    def size(self) -> int:
        """The number of the next new object (the trailer's /Size)."""
        return _first(self.data[self.xref_at:], rb"/Size\s+(\d+)")

    @property
    def root(self) -> int:
        return _first(self.data[self.xref_at:], rb"/Root\s+(\d+) 0 R")

    def replaced(self, new: dict[int, bytes]) -> bytes:
        """The file with the bodies of objects ``new`` replaced, or added after the others (a
        number from ``size`` on), and the cross-reference table written again."""
        out = bytearray(self.data[:min(self.offsets.values())])
        offsets: dict[int, int] = {}
        for n, _ in sorted(self.offsets.items(), key=lambda kv: kv[1]):
            offsets[n] = len(out)
            out += new.get(n, self.body(n))
        tail = self.data[self.xref_at:]
        count = int(_XREF.search(b"\n" + tail).group(1))  # type: ignore[union-attr]
        for n in sorted(set(new) - set(self.offsets)):
            offsets[n] = len(out)
            out += new[n]
        size = max(count, *(n + 1 for n in new))
        xref_at = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % size
        for n in range(1, size):
            out += b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
        trailer = tail[tail.index(b"trailer"):]
        trailer = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % xref_at, trailer)
        if size != count:
            trailer = re.sub(rb"/Size\s+\d+", b"/Size %d" % size, trailer, count=1)
        return bytes(out + trailer)


def _first(data: bytes, pattern: bytes) -> int:
    m = re.search(pattern, data)
    if m is None:
        raise Mismatch(pattern.decode())
    return int(m.group(1))


def qt_map(cmap: bytes) -> dict[int, int]:
    """Qt's ToUnicode entries: code → its (BMP) character."""
    out: dict[int, int] = {}
    for m in _CMAP_ENTRY.finditer(cmap):
        lo, hi = int(m.group(1), 16), int(m.group(2), 16)
        if m.group(3):
            base = int(m.group(3), 16)
            for i in range(hi - lo + 1):
                out[lo + i] = base + i
        else:
            for i, code in enumerate(re.findall(rb"<([0-9A-Fa-f]{4})>", m.group(4))):
                out[lo + i] = int(code, 16)
    return out


def cmap(entries: dict[int, str]) -> bytes:
    lines = []
    items = sorted(entries.items())
    for at in range(0, len(items), 100):
        chunk = items[at:at + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        for code, text in chunk:
            lines.append(b"<%04X> <%s>" % (code, text.encode("utf-16-be").hex().upper().encode()))
        lines.append(b"endbfchar")
    return (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            + b"\n".join(lines) + b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")


def stream_object(n: int, data: bytes) -> bytes:
    return b"%d 0 obj\n<<\n/Length %d\n>>\nstream\n%s\nendstream\nendobj\n" % (n, len(data), data)


def content_objects(pdf: Pdf, n: int, packed: bytes) -> dict[int, bytes]:
    """Page contents ``n`` holding ``packed`` (flate), and its length object where it has one."""
    head = pdf.body(n).split(b"stream\n", 1)[0]
    length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head)
    if length is None:
        raise Mismatch(f"object {n}: no length")
    out = {}
    if length.group(2):
        out[int(length.group(1))] = b"%d 0 obj\n%d\nendobj\n" % (int(length.group(1)), len(packed))
    else:
        head = head[:length.start()] + b"/Length %d" % len(packed) + head[length.end():]
    out[n] = head + b"stream\n" + packed + b"\nendstream\nendobj\n"
    return out
