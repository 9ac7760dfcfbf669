"""Hostile PDFs, built byte by byte: a PDF of given object bodies with a correct cross-reference
table, a page drawn by given content streams, a page of ruling lines, flate and LZW bombs — and
how ``check`` must refuse one (exit 2, one line)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from app.cli import main as cli_main


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


def one_line_error(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """``check`` exits 2 with one line, no traceback: the line."""
    capsys.readouterr()
    assert cli_main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def ruled_page(lines: int) -> bytes:
    """The tester's p03: ``lines`` horizontal rules, 500 vertical ones, and a line of text."""
    ops = b"".join(b"%d %d m %d %d l S\n" % (50 + (i % 500), 50 + (i // 500) * 10, 550, 50 + (i // 500) * 10)
                   for i in range(lines))
    ops += b"".join(b"%d 50 m %d 800 l S\n" % (50 + i, 50 + i) for i in range(500))
    return one_page([stream(ops)])


def forms_fanning_out(depth: int, times: int = 3) -> bytes:
    """A page drawing a form that draws the next ``times`` times, ``depth`` deep (a billion
    laughs of forms: ``times ** depth`` forms drawn), each with a character, and a line of text."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
            b" /Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> >>", _FONT,
            stream(b"BT /F1 12 Tf 60 800 Td (Report 2023) Tj ET /X Do")]
    for k in range(depth):
        objs.append(stream(b"/X Do " * times + b"BT /F1 1 Tf (a) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"
                           b" /Resources << /Font << /F1 4 0 R >> /XObject << /X %d 0 R >> >>" % (7 + k)))
    objs.append(stream(b"", b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]"))
    return raw_pdf(objs)


def text_as_outlines(glyphs: int = 1500, table: bool = False) -> bytes:
    """A page whose characters are filled shapes (text turned into outlines, 转曲): no text, no
    picture; with ``table``, the ruling lines of a table of 8 by 10 cells under them (a table's
    lines stay lines, its text is shapes: Ghostscript's -dNoOutputFonts)."""
    rules = b"".join(b"%d 100 m %d 300 l S\n" % (50 + 60 * i, 50 + 60 * i) for i in range(9)) \
        + b"".join(b"50 %d m 530 %d l S\n" % (100 + 20 * j, 100 + 20 * j) for j in range(11)) if table else b""
    shapes = rules + b"".join(b"%d %d m %d %d l %d %d l h f\n" % (50 + (i % 40) * 12, 800 - (i // 40) * 14, 58 + (i % 40) * 12,
                                                        800 - (i // 40) * 14, 54 + (i % 40) * 12, 810 - (i // 40) * 14)
                      for i in range(glyphs))
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", stream(shapes)])


def xref_loop(pdf: bytes, length: int) -> bytes:
    """``pdf`` (one cross-reference table, as ours) with its tables' /Prev links made a loop:
    ``length`` 1, its one table's /Prev pointing at itself; 2, an (empty) update appended whose
    /Prev is the table, and the table's /Prev pointing back at the update."""
    import re

    table = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    trailer = pdf.rindex(b"trailer")
    at = pdf.index(b"<<", trailer) + 2
    if length == 1:
        return pdf[:at] + b" /Prev %d " % table + pdf[at:]
    body = pdf[:at] + b" /Prev %010d " % 0 + pdf[at:]  # the update's place, once known (fixed width)
    update = len(body) + 1
    body = pdf[:at] + b" /Prev %010d " % update + pdf[at:]
    size = re.search(rb"/Size\s+(\d+)", pdf[trailer:])
    root = re.search(rb"/Root\s+(\d+ \d+ R)", pdf[trailer:])
    assert size is not None and root is not None
    return (body + b"\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %s /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (size.group(1), root.group(1), table, update))


def with_xref_stream(pdf: bytes, widths: bytes = b"1 4 2") -> bytes:
    """``pdf`` (a classic cross-reference table, as ours) rewritten with a cross-reference stream
    in its place, as Word and Acrobat write PDF 1.5+; ``widths`` its /W (lie about it to damage it)."""
    import re

    body = pdf[:pdf.rindex(b"xref")]
    offsets = {int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", body)}
    trailer = pdf[pdf.rindex(b"trailer"):]
    root = re.search(rb"/Root\s+(\d+ \d+ R)", trailer)
    assert root is not None
    size = max(offsets) + 2  # the stream itself is the last object
    at = len(body)
    rows = b"\x00" * 5 + b"\xff\xff" + b"".join(
        b"\x01" + offsets[n].to_bytes(4, "big") + b"\x00\x00" if n in offsets else b"\x00" * 7 for n in range(1, size - 1))
    rows += b"\x01" + at.to_bytes(4, "big") + b"\x00\x00"
    return body + (b"%d 0 obj\n<< /Type /XRef /Size %d /W [%s] /Root %s /Length %d >>\nstream\n"
                   % (size - 1, size, widths, root.group(1), len(rows))) + rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % at


def lzw_of_one_byte(codes: int) -> bytes:
    """LZW (as PDF writes it: 9 to 12 bits, most significant first, early change) of one byte
    repeated: the table's strings grow by one byte a code up to 3,840 bytes, then ``codes``
    repetitions of the longest — the LZW bomb, 1.5 bytes a 3,840."""
    out = bytearray()
    acc = nbits_acc = 0
    width, table = 9, 258

    def emit(code: int) -> None:
        nonlocal acc, nbits_acc
        acc, nbits_acc = (acc << width) | code, nbits_acc + width
        while nbits_acc >= 8:
            nbits_acc -= 8
            out.append((acc >> nbits_acc) & 0xFF)
        acc &= (1 << nbits_acc) - 1

    def grew() -> None:  # the decoder's table and code width after each code but the first
        nonlocal table, width
        table += 1
        width = {511: 10, 1023: 11, 2047: 12}.get(table, width)

    emit(256)
    emit(ord(" "))
    while table < 4096:
        emit(table)  # the code the decoder is about to add: the last string and its first byte
        grew()
    for _ in range(codes):
        emit(4095)
        grew()
    emit(257)
    if nbits_acc:
        out.append((acc << (8 - nbits_acc)) & 0xFF)
    return bytes(out)


def empty_subsections(pdf: bytes, count: int) -> bytes:
    """``pdf`` (one classic cross-reference table, as ours) with ``count`` empty subsections
    (“0 0”, four bytes each) before its trailer: still a valid table, of no more entries."""
    at = pdf.rindex(b"\ntrailer") + 1
    return pdf[:at] + b"0 0\n" * count + pdf[at:]


def referring_to_itself(where: str) -> bytes:
    """A page of one line of text whose object 6 is nothing but a reference to itself
    (“6 0 obj 6 0 R endobj”), put ``where``: the page's contents, resources, font, MediaBox (by
    way of object 7, which refers back), or a stream's /Length; "chain", a contents reached through
    two plain references (6 → 7 → the stream), no loop."""
    text = b"BT /F1 12 Tf 60 820 Td (Report 2023) Tj ET"
    contents, resources, box = b"5 0 R", b"<< /Font << /F1 4 0 R >> >>", b"[0 0 595 842]"
    six, seven, drawn = b"6 0 R", b"7 0 R", stream(text)
    if where == "contents":
        contents = b"6 0 R"
    elif where == "resources":
        resources = b"6 0 R"
    elif where == "font":
        resources = b"<< /Font << /F1 6 0 R >> >>"
    elif where == "mediabox":
        box, six, seven = b"6 0 R", b"7 0 R", b"6 0 R"
    elif where == "length":
        drawn = b"<< /Length 6 0 R >>\nstream\n" + text + b"\nendstream"
    elif where == "chain":
        contents, six, seven = b"6 0 R", b"7 0 R", drawn
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox " + box + b" /Contents " + contents
                    + b" /Resources " + resources + b" >>", _FONT, drawn, six, seven])


def objects_listed(pdf: bytes, count: int, kind: bytes = b"n", pages: bool = True) -> bytes:
    """``pdf`` (one classic cross-reference table, as ours) listing ``count`` more objects after
    its own, 20 bytes each: in use at offset 9 (``n``, nothing there) or free (``f``); without
    ``pages``, its catalog's /Pages renamed (a damaged page tree: pdfminer then tries every
    object listed for a page)."""
    at = pdf.rindex(b"\ntrailer") + 1
    first = int(pdf[pdf.rindex(b"\nxref") + 5:].split()[1])  # after the table's own (“0 N”)
    listed = pdf[:at] + b"%d %d\n" % (first, count) + (b"0000000009 00000 " + kind + b" \n") * count + pdf[at:]
    return listed if pages else re.sub(rb"(/Type\s*/Catalog\s*/Pages)\b", rb"\1z", listed, count=1)


def font_table(kind: str, last: int = 99_999_999) -> bytes:
    """A page of one line of text whose font's table gives every code from 0 to ``last`` in a few
    bytes: a CID font's widths (``widths``: /W [0 last 500]) or its ToUnicode map (``tounicode``:
    one bfrange of 4-byte codes)."""
    hexed = b"<%08X>" % last
    cmap = b"1 beginbfrange\n<00000000> " + hexed + b" <00004E00>\nendbfrange\n" if kind == "tounicode" else b""
    table = stream(b"begincmap\n1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange\n" + cmap + b"endcmap")
    widths = b"[0 %d 500]" % last if kind == "widths" else b"[0 [500]]"
    unicode = b" /ToUnicode 7 0 R" if kind == "tounicode" else b""
    cid = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity)"
           b" /Supplement 0 >> /W " + widths + b" >>")
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
                    b" /Resources << /Font << /F1 4 0 R >> >> >>",
                    b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R]"
                    + unicode + b" >>", stream(b"BT /F1 12 Tf 60 820 Td <00000001> Tj ET"), cid, table])


def resaved(pdf: bytes, times: int) -> bytes:
    """``pdf`` (one classic cross-reference table) followed by ``times`` incremental updates that
    change nothing, each with the full table again and its trailer's /Prev to the one before (as
    some tools re-save)."""
    table = pdf[pdf.rindex(b"\nxref") + 1:pdf.rindex(b"\ntrailer") + 1]
    trailer = re.search(rb"trailer\s*<<(.*?)>>\s*startxref\s*(\d+)", pdf[pdf.rindex(b"\ntrailer"):], re.S)
    assert trailer is not None
    body, prev = trailer[1], int(trailer[2])
    for _ in range(times):
        at = len(pdf)
        pdf += table + b"trailer\n<<" + body + b" /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, at)
        prev = at
    return pdf


def many_fonts(count: int) -> bytes:
    """A page whose resources list ``count`` fonts sharing one small ToUnicode map of every
    two-byte code (65,536 entries, under one font's cap), one of them used: pdfminer builds
    every listed font and each font's own map."""
    cmap = stream(b"begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                  b"1 beginbfrange\n<0000> <FFFF> <4E00>\nendbfrange\nendcmap")
    fonts = b" ".join(b"/F%d %d 0 R" % (i, 6 + i) for i in range(count))
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                    b" /Resources << /Font << " + fonts + b" >> >> >>",
                    stream(b"BT /F0 12 Tf 72 720 Td (a) Tj ET"), cmap]
                   + [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 5 0 R >>"] * count)


def stacked_rules(rules: int, boxes: int) -> bytes:
    """One page: ``rules`` flat 450 pt rectangles stacked (one pair of ends) and ``boxes`` small
    rectangles between those ends far below them — every pair of rules asks every box."""
    ops = [b"BT /F1 12 Tf 100 820 Td (report text) Tj ET", b"0.1 w"]
    ops += [b"50 %.3f 450 0.02 re S" % (800 - i * (600 / rules)) for i in range(rules)]
    ops += [b"%.2f 5 0.3 3 re S" % (60 + (i % 400) * 1.2) for i in range(boxes)]
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                    b" /Resources << /Font << /F1 5 0 R >> >> >>", stream(b"\n".join(ops)),
                    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def retitled(pdf: bytes, title: bytes = b"(\xfe\xff\x5e\x74\x62\xa5)") -> bytes:
    """``pdf`` with its document information's /Title (the first object: ours, LibreOffice's)
    rewritten as ``title`` (年报 in UTF-16), the cross-reference table left as it was: a file
    retitled by a tool that does not rewrite the table.  A shorter title moves every later object
    back, its table's offsets now pointing into the objects."""
    import re

    m = re.search(rb"/Title\s*\((?:\\.|[^\\)])*\)", pdf, flags=re.S)
    assert m is not None and m.start() < pdf.index(b"endobj")
    return pdf[:m.start()] + b"/Title " + title + pdf[m.end():]


def offsets_miscounted(pdf: bytes, by: int) -> bytes:
    """``pdf`` with every in-use entry of its (last) classic cross-reference table ``by`` bytes
    off: a writer that counted its bytes wrong (the line ends it wrote against those it counted)."""
    import re

    at = pdf.rindex(b"\nxref") + 1
    table = re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (max(0, int(m[1]) + by), m[2]), pdf[at:])
    return pdf[:at] + table
