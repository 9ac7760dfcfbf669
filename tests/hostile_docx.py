"""Hostile .docx files and the containers Office writes: the seeded .docx damages
(``DOCX``, for tests/hostile.py ``make``), the sample rewritten one way each for the gallery,
OLE compound files (Word 97, password-protected .docx) and a zip whose directory is the bomb."""

from __future__ import annotations

import io
import os
import random
import re
import struct
import zipfile
from collections.abc import Callable

from tests.hostile_base import _W, SAMPLE, _flip, _nth_sub, _sample_parts, _size, _xml_damage, _zip


def _docx_edit(edit: Callable[[str, random.Random], str]) -> Callable[[random.Random], bytes]:
    def make(rnd: random.Random) -> bytes:
        parts = []
        for info, data in _sample_parts():
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8"), rnd).encode("utf-8")
            parts.append((info.filename, data))
        return _zip(parts)
    make.__name__ = edit.__name__
    return make


_SPANS = ("2147483647", "10000000", "abc", "1.5", "", "-3", "0", "99999999999999999999", "１２", " 2 ", "1e9")


def _span_value(rnd: random.Random) -> str:
    return rnd.choice(_SPANS)


def _grid_span(xml: str, rnd: random.Random) -> str:
    return _nth_sub(r"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{_span_value(rnd)}"/>', xml, rnd)


def _grid_before(xml: str, rnd: random.Random) -> str:
    return _nth_sub(r"<w:tr(?=[ >])[^>]*>", f'\\g<0><w:trPr><w:gridBefore w:val="{_span_value(rnd)}"/></w:trPr>', xml, rnd)


def _vmerge(xml: str, rnd: random.Random) -> str:
    for _ in range(rnd.randint(1, 40)):
        xml = _nth_sub(r"<w:tcPr>", f'<w:tcPr><w:vMerge w:val="{rnd.choice(["continue", "restart", "x", ""])}"/>', xml, rnd)
    return xml


def _many_rows(xml: str, rnd: random.Random) -> str:
    row = re.search(r"<w:tr(?=[ >]).*?</w:tr>", xml, re.S)
    assert row is not None
    return xml.replace(row.group(0), row.group(0) * _size(rnd, [200, 3100], [500, 4000, 20000]), 1)


def _long_number(xml: str, rnd: random.Random) -> str:
    digits = "".join(rnd.choice("0123456789") for _ in range(rnd.choice([31, 4301, 5000, 20000])))
    return _nth_sub(r"<w:t>0</w:t>", f"<w:t>{digits}</w:t>", xml, rnd)


def _huge_paragraph(xml: str, rnd: random.Random) -> str:
    text = rnd.choice(["依法公开政府信息，", "政府", "本机关认真贯彻落实《条例》。"])
    times = (_size(rnd, [100_000], [1_000_000]) // len(text)) if rnd.random() < 0.5 else _size(rnd, [2_000], [20_000])
    return _nth_sub(r"<w:t>[^<]{10,}</w:t>", f"<w:t>{text * times}</w:t>", xml, rnd)


def _deep_nesting(xml: str, rnd: random.Random) -> str:
    depth = rnd.choice([100, 300, 3000])
    nested = "<w:sdt><w:sdtContent>" * depth + "<w:p/>" + "</w:sdtContent></w:sdt>" * depth
    return xml.replace("<w:body>", "<w:body>" + nested, 1)


def _bytes_of(rnd: random.Random, data: bytes) -> bytes:
    return data


def _truncated(rnd: random.Random) -> bytes:
    data = SAMPLE.read_bytes()
    return data[: rnd.randrange(1, len(data))]


def _flipped_zip(rnd: random.Random) -> bytes:
    return _flip(SAMPLE.read_bytes(), rnd, rnd.randint(1, 20))


def _zip_bomb(rnd: random.Random) -> bytes:
    parts = [(i.filename, d) for i, d in _sample_parts()]
    name = rnd.choice(["word/document.xml", "word/media/image9.png", "word/styles.xml"])
    size = _size(rnd, [9], [9, 70]) * 1024 * 1024
    blob = b"<w:document " + _W.encode() + b"><w:body>" + b" " * size + b"</w:body></w:document>"
    parts = [(n, d) for n, d in parts if n != name] + [(name, blob)]
    return _zip(parts)


def _macro(rnd: random.Random) -> bytes:
    parts = [(i.filename, d) for i, d in _sample_parts()]
    out = []
    for n, d in parts:
        if n == "[Content_Types].xml":
            d = d.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
        out.append((n, d))
    if rnd.random() < 0.5:
        out.append(("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + bytes(rnd.randrange(256) for _ in range(512))))
    return _zip(out)


def _rel_cycle(rnd: random.Random) -> bytes:
    out = []
    for info, d in _sample_parts():
        if info.filename == "word/_rels/document.xml.rels":
            extra = ''.join(
                f'<Relationship Id="rIdX{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                f'{rnd.choice(["styles", "settings", "footer", "header"])}" Target="document.xml"/>' for k in range(3))
            d = d.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
        out.append((info.filename, d))
    if rnd.random() < 0.5:  # a long chain of parts, each referring to the next
        for k in range(3000):
            out.append((f"word/_rels/p{k}.xml.rels",
                        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="r1" Type="http://x/y" Target="p{k + 1}.xml"/></Relationships>'.encode()))
            out.append((f"word/p{k}.xml", b"<x/>"))
    return _zip(out)


_FORMATS = ("chineseCounting", "upperLetter", "upperRoman", "ideographDigital", "decimalZero", "bullet", "x", "")
_STARTS = ("1", "0", "-5", "999", "1000", "32767", "99999999999999999999", "abc", "1.5")


def _numbering(rnd: random.Random) -> bytes:
    """Auto-numbered paragraphs with hostile list definitions (starts, formats, level text)."""
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="{rnd.choice(_STARTS)}"/><w:numFmt w:val="{rnd.choice(_FORMATS)}"/>'
        f'<w:lvlText w:val="{rnd.choice(["%1、", "（%1）", "%1.%2.%9", "%", "%0", "%%1"])}"/>'
        f'<w:lvlRestart w:val="{rnd.choice(_STARTS)}"/></w:lvl>' for k in range(rnd.randint(1, 9)))
    numbering = (f'<w:numbering {_W}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="{rnd.choice(_STARTS)}">'
                 f'<w:startOverride w:val="{rnd.choice(_STARTS)}"/></w:lvlOverride></w:num></w:numbering>')
    out = []
    for info, d in _sample_parts():
        if info.filename == "word/document.xml":
            xml = d.decode("utf-8")
            for _ in range(rnd.randint(1, 30)):
                ilvl = rnd.choice(["0", "1", "8", "9", "-1", "x"])
                xml = _nth_sub(r"<w:pPr>", f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>', xml, rnd)
            d = xml.encode("utf-8")
        elif info.filename == "word/_rels/document.xml.rels":
            d = d.replace(b"</Relationships>", b'<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/'
                          b'officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>')
        elif info.filename == "[Content_Types].xml":
            d = d.replace(b"</Types>", b'<Override PartName="/word/numbering.xml" ContentType="application/'
                          b'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>')
        out.append((info.filename, d))
    return _zip([*out, ("word/numbering.xml", numbering.encode())])


DOCX: list[Callable[[random.Random], bytes]] = [
    _docx_edit(_grid_span), _docx_edit(_grid_before), _docx_edit(_vmerge), _docx_edit(_many_rows),
    _docx_edit(_long_number), _docx_edit(_huge_paragraph), _docx_edit(_deep_nesting), _docx_edit(_xml_damage),
    _truncated, _flipped_zip, _zip_bomb, _macro, _rel_cycle, _numbering,
]


# -- containers other programs write ---------------------------------------------------------

def cfb(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding ``streams``, laid out as
    Office writes one: header, FAT, directory, then each stream's sectors.  Small streams are
    kept in ordinary sectors (no mini stream): valid, and all a directory reader looks at."""
    size, free, end, fat_mark = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = list(streams)
    dir_sectors = -(-(len(names) + 1) * 128 // size)
    data_sectors = [max(1, -(-len(streams[n]) // size)) for n in names]
    used = dir_sectors + sum(data_sectors)
    fat_sectors = 1
    while fat_sectors * (size // 4) < used + fat_sectors:
        fat_sectors += 1
    fat: list[int] = [fat_mark] * fat_sectors
    first_dir = len(fat)
    fat += [*range(first_dir + 1, first_dir + dir_sectors), end]
    starts = []
    for n in data_sectors:
        starts.append(len(fat))
        fat += [*range(len(fat) + 1, len(fat) + n), end]
    fat += [free] * (fat_sectors * (size // 4) - len(fat))

    def entry(name: str, kind: int, start: int, length: int, child: int = free, right: int = free) -> bytes:
        raw = (name + "\0").encode("utf-16-le")
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, free, right, child)
                + bytes(16 + 4 + 16) + struct.pack("<IQ", start, length))

    directory = entry("Root Entry", 5, end, 0, child=1 if names else free)
    for i, n in enumerate(names):
        directory += entry(n, 2, starts[i], len(streams[n]), right=i + 2 if i + 1 < len(names) else free)
    directory = directory.ljust(dir_sectors * size, b"\0")
    difat = [*range(fat_sectors), *[free] * (109 - fat_sectors)]
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, fat_sectors, first_dir, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", *difat))
    body = b"".join(struct.pack(f"<{size // 4}I", *fat[k * (size // 4):(k + 1) * (size // 4)]) for k in range(fat_sectors))
    body += directory
    for n, count in zip(names, data_sectors, strict=True):
        body += streams[n].ljust(count * size, b"\0")
    return header + body


def word97(encrypted: bool = False) -> bytes:
    """A Word 97-2003 file's container: a WordDocument stream opening with a FIB (its flags
    saying whether a password encrypts it) and a table stream."""
    flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm (1Table), fEncrypted
    fib = struct.pack("<HHHHHH", 0xA5EC, 0x00C1, 0, 0x0804, 0, flags)
    return cfb({"WordDocument": fib.ljust(4608, b"\0"), "1Table": bytes(1024), "\x05SummaryInformation": bytes(200)})


def encrypted_docx(payload: int = 300_000) -> bytes:
    """A password-protected .docx as Office saves it: the encrypted package in a compound
    file, its directory after the (large) package stream."""
    return cfb({"EncryptedPackage": os.urandom(payload), "EncryptionInfo": b"\x04\x00\x04\x00" + bytes(200),
                "\x06DataSpaces": bytes(64)})


# -- the sample rewritten, one class each (tests/hostile.py GALLERY) --------------------------

def _sample_rewritten(edit: Callable[[str], str] | None = None, strict: bool = False,
                      drop: str = "", extra: dict[str, bytes] | None = None,
                      styles: Callable[[str], str] | None = None) -> bytes:
    parts = []
    for info, data in _sample_parts():
        if info.filename == drop:
            continue
        if info.filename == "word/document.xml" and edit is not None:
            data = edit(data.decode("utf-8")).encode("utf-8")
        if info.filename == "word/styles.xml" and styles is not None:
            data = styles(data.decode("utf-8")).encode("utf-8")
        if strict:
            data = (data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                 b"http://purl.oclc.org/ooxml/wordprocessingml/main")
                    .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                             b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
        parts.append((info.filename, data))
    return _zip(parts + list((extra or {}).items()))


def _nest(depth: int) -> Callable[[str], str]:
    inner = "<w:p/>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return lambda xml: xml.replace("<w:body>", "<w:body>" + inner, 1)


def _laughs(xml: str) -> str:
    entities = "".join(f'<!ENTITY {a} "{("&" + b + ";") * 10}">' for a, b in zip("bcdefgh", "abcdefg", strict=True))
    start = xml.index("<w:document")
    doctype = f'<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA">{entities}]>'
    return xml[:start] + doctype + xml[start:].replace("<w:body>", "<w:body><w:p><w:r><w:t>&h;</w:t></w:r></w:p>", 1)


def _wrap_cells(xml: str) -> str:
    return re.sub(r"<w:tc>((?:(?!</w:tc>).)*?</w:tc>)", r"<w:sdt><w:sdtContent><w:tc>\1</w:sdtContent></w:sdt>", xml, flags=re.S)


def _plain_zip() -> bytes:
    return _zip([("年报/说明.txt", "请查收".encode())])


def _no_tables(xml: str) -> str:
    return re.sub(r"<w:tbl>.*?</w:tbl>", "<w:p><w:r><w:drawing/></w:r></w:p>", xml, flags=re.S)


def _hidden(xml: str) -> str:
    """A hidden paragraph first, a hidden figure in a run, text hidden in the web layout only
    (printed: read) and a run of a character style whose basedOn chain is a cycle (the styles:
    ``_hiding_styles``)."""
    hidden_para = ('<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr>'
                   '<w:t>隐藏的段落999</w:t></w:r></w:p>')
    xml = xml.replace("<w:body>", "<w:body>" + hidden_para, 1)
    xml = xml.replace("<w:rPr></w:rPr><w:t>711", '<w:rPr><w:rStyle w:val="HidA"/></w:rPr><w:t>711', 1)
    xml = xml.replace("<w:rPr></w:rPr><w:t>2019", "<w:rPr><w:webHidden/></w:rPr><w:t>2019", 1)
    return xml.replace("<w:rPr></w:rPr><w:t>60", '<w:rPr><w:specVanish w:val="1"/><w:vanish/></w:rPr><w:t>999', 1)


def _hiding_styles(xml: str) -> str:
    cycle = ('<w:style w:type="character" w:styleId="HidA"><w:name w:val="HidA"/><w:basedOn w:val="HidB"/></w:style>'
             '<w:style w:type="character" w:styleId="HidB"><w:name w:val="HidB"/><w:basedOn w:val="HidA"/></w:style>'
             '<w:style w:type="character" w:styleId="HidC"><w:name w:val="HidC"/><w:basedOn w:val="HidA"/>'
             '<w:rPr><w:vanish/></w:rPr></w:style>')
    return xml.replace("</w:styles>", cycle + "</w:styles>", 1)


# -- a zip whose directory is the bomb -----------------------------------------------------------

def many_parts_zip(extra: int, stated: int | None = None, zip64: bool = False, comment: bytes = b"",
                   directory_size: int | None = None) -> bytes:
    """The published sample's parts (stored) and ``extra`` empty parts after them, written
    directly (zipfile takes seconds for 300,000 entries).  ``stated``: the part count the end
    record gives instead of the real one (a file that understates it); ``zip64``: with the
    zip64 end records, as a zip of more than 65,535 parts has; ``directory_size``: the size
    the end records give instead of the real one."""
    import zlib

    local, central = bytearray(), bytearray()
    parts = [(info.filename.encode(), data) for info, data in _sample_parts()]
    names = [(f"customXml/i{i}.xml".encode(), b"") for i in range(extra)]
    for name, data in parts + names:
        crc = zlib.crc32(data)
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 0, 0x21, 0x21, crc, len(data),
                               len(data), len(name), 0, 0, 0, 0, 0, len(local)) + name
        local += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0x21, 0x21, crc, len(data), len(data),
                             len(name), 0) + name + data
    count = len(parts) + extra if stated is None else stated
    size = len(central) if directory_size is None else directory_size
    tail = b""
    if zip64:
        record = len(local) + len(central)
        tail = (struct.pack("<4sQ2H2I4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, len(local))
                + struct.pack("<4sIQI", b"PK\x06\x07", 0, record, 1))
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, min(count, 0xFFFF), min(count, 0xFFFF),
                      min(size, 0xFFFFFFFF), len(local), len(comment)) + comment
    return bytes(local + central) + tail + end


def claimed_size(data: bytes, part: str, size: int) -> bytes:
    """The zip ``data`` with the size its central directory gives ``part`` (inflated) changed to
    ``size``: 0xFFFFFFFF is a zip64 size whose extra field is missing; the data stay as they are."""
    out = bytearray(data)
    pos = struct.unpack_from("<I", data, data.rindex(b"PK\x05\x06") + 16)[0]
    while data[pos:pos + 4] == b"PK\x01\x02":
        name, extra, comment = struct.unpack_from("<HHH", data, pos + 28)
        if data[pos + 46:pos + 46 + name] == part.encode():
            struct.pack_into("<I", out, pos + 24, size)
        pos += 46 + name + extra + comment
    return bytes(out)


def foreign_custom_parts(docx: bytes, count: int, size: int) -> bytes:
    """``docx`` with ``count`` more custom XML parts of another application, ``size`` bytes of
    elements each (within the part cap), related from the main document as Word relates its own."""
    item = b'<?xml version="1.0"?><data xmlns="urn:other">' + b"<v a='1'/>" * (size // 10) + b"</data>"
    rels = b"".join(b'<Relationship Id="rF%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                    b'customXml" Target="../customXml/other%d.xml"/>' % (i, i) for i in range(count))
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    parts = [(n, d.replace(b"</Relationships>", rels + b"</Relationships>") if n == "word/_rels/document.xml.rels" else d)
             for n, d in parts]
    return _zip(parts + [(f"customXml/other{i}.xml", item) for i in range(count)])


def _merges_all_continued(xml: str) -> str:
    """Every vertical merge written without its "restart": each merged cell, its first too,
    "continue" (or the bare <w:vMerge/>), as some generators write them."""
    return xml.replace('<w:vMerge w:val="restart"/>', "<w:vMerge/>")


def _parts_cased(case: Callable[[str], str]) -> bytes:
    """The sample with its parts stored under ``case`` of their names (the relationships and
    content types naming them as before): part names are compared without regard to case."""
    return _zip([(case(info.filename), data) for info, data in _sample_parts()])


def placeholder_prompts(xml: str) -> str:
    """The title's organ and a figure of 表三 in content controls still showing their placeholders
    (w:showingPlcHdr): “[单位名称]”, a sample “8”; neither is read (app/docx/placeholders.py)."""
    shown = '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>{}</w:t></w:r></w:sdtContent></w:sdt>'
    xml = xml.replace('<w:r><w:rPr><w:b/></w:rPr><w:t>宁波市北仑区人民政府小港街道办事处</w:t></w:r>', shown.format("[单位名称]"), 1)
    at = xml.index("本年新收")
    return xml[:at] + xml[at:].replace("<w:r><w:rPr></w:rPr><w:t>1</w:t></w:r>", shown.format("8"), 1)


def framed_beside_label(xml: str) -> str:
    """表三 in the second cell of a one-row frame table whose first cell says “附表” (read as 表三)."""
    at = xml.index("本年新收")
    start, end = xml.rindex("<w:tbl>", 0, at), xml.index("</w:tbl>", at) + len("</w:tbl>")
    return (xml[:start] + '<w:tbl><w:tblGrid><w:gridCol w:w="900"/><w:gridCol w:w="9000"/></w:tblGrid><w:tr>'
            '<w:tc><w:p><w:r><w:t>附表</w:t></w:r></w:p></w:tc><w:tc>' + xml[start:end] + "<w:p/></w:tc></w:tr></w:tbl>" + xml[end:])


# -- one part odd each (hostile32): the sample with one part replaced or grown ------------------

def with_part(name: str, data: bytes) -> bytes:
    """The sample with its part ``name`` holding ``data`` instead."""
    return _zip([(i.filename, data if i.filename == name else d) for i, d in _sample_parts()])


def sample_part(name: str) -> str:
    return next(d for i, d in _sample_parts() if i.filename == name).decode("utf-8")


def at_body_start(markup: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("<w:body>", "<w:body>" + markup, 1)


def wide_table(columns: int) -> bytes:
    cells = "".join(f"<w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc>" for i in range(columns))
    return _sample_rewritten(at_body_start(f"<w:tbl><w:tr>{cells}</w:tr><w:tr>{cells}</w:tr></w:tbl>"))


def with_doctype(declaration: str, use: str, after: str = "") -> bytes:
    """The sample's document.xml with a DOCTYPE declaring entities, and a paragraph using them
    (or, ``after`` given, the sample's words ``after`` followed by them)."""
    def edit(xml: str) -> str:
        at = xml.index("<w:document")
        body = xml[at:].replace(after, after + use, 1) if after else \
            xml[at:].replace("<w:body>", f"<w:body><w:p><w:r><w:t>{use}</w:t></w:r></w:p>", 1)
        return xml[:at] + declaration + body
    return _sample_rewritten(edit)


def big_styles(megabytes: int) -> bytes:
    """styles.xml grown by paragraph styles each based on the one before, to ``megabytes``."""
    styles = sample_part("word/styles.xml")
    one = len('<w:style w:type="paragraph" w:styleId="s000000"><w:name w:val="样式000000"/>'
              '<w:basedOn w:val="s000000"/><w:rPr><w:b/></w:rPr></w:style>')
    extra = "".join(f'<w:style w:type="paragraph" w:styleId="s{i:06}"><w:name w:val="样式{i:06}"/>'
                    f'<w:basedOn w:val="s{i - 1:06}"/><w:rPr><w:b/></w:rPr></w:style>'
                    for i in range(1, megabytes * 2**20 // one + 1))
    return with_part("word/styles.xml", styles.replace("</w:styles>", extra + "</w:styles>").encode("utf-8"))
