"""Hostile and broken report files, generated from a seed: the published sample and an
exported workbook cut, flipped, inflated and rewritten the ways damaged or malicious files
are.  Shared by tests/test_fuzz.py (a few hundred, in CI) and scripts/fuzz.py (thousands).

``make(kind, seed, folder)`` writes one file and returns its path; the same seed always
makes the same bytes.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import resource
import signal
import struct
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "xiaogang-2021.docx"
SAMPLE_TXT = DATA / "xiaogang-2021.txt"
KINDS = ("docx", "xlsx", "html", "txt", "doc")

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_heavy = [True]  # set by make(): the CI suite uses the light sizes, scripts/fuzz.py the full ones


def _size(rnd: random.Random, light: list[int], heavy: list[int]) -> int:
    return rnd.choice(heavy if _heavy[0] else light)


@cache
def _sample_parts() -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    with zipfile.ZipFile(SAMPLE) as z:
        return tuple((i, z.read(i)) for i in z.infolist())


@cache
def _workbook_parts() -> tuple[tuple[str, bytes], ...]:
    import tempfile

    from app.reading import load_report
    from app.xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        write_xlsx(load_report(SAMPLE), path)
        with zipfile.ZipFile(path) as z:
            return tuple((n, z.read(n)) for n in z.namelist())


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            # A fixed time: a name alone takes the clock's, and two runs a second apart differ.
            if isinstance(name, str):
                name = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                name.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(name, data)
    return buf.getvalue()


def _flip(data: bytes, rnd: random.Random, n: int) -> bytes:
    b = bytearray(data)
    for _ in range(n):
        if b:
            b[rnd.randrange(len(b))] = rnd.randrange(256)
    return bytes(b)


# -- .docx ---------------------------------------------------------------------------------------

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


def _nth_sub(pattern: str, repl: str, xml: str, rnd: random.Random) -> str:
    hits = list(re.finditer(pattern, xml))
    if not hits:
        return xml
    m = hits[rnd.randrange(len(hits))]
    return xml[: m.start()] + repl + xml[m.end():]


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


def _xml_damage(xml: str, rnd: random.Random) -> str:
    i = rnd.randrange(len(xml))
    return xml[:i] + rnd.choice(["<", "&", "</w:tbl>", "\x00", "<w:tc>", "]]>", "&#0;", ""]) + xml[i + rnd.randint(0, 40):]


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


_DOCX: list[Callable[[random.Random], bytes]] = [
    _docx_edit(_grid_span), _docx_edit(_grid_before), _docx_edit(_vmerge), _docx_edit(_many_rows),
    _docx_edit(_long_number), _docx_edit(_huge_paragraph), _docx_edit(_deep_nesting), _docx_edit(_xml_damage),
    _truncated, _flipped_zip, _zip_bomb, _macro, _rel_cycle, _numbering,
]


# -- .xlsx ---------------------------------------------------------------------------------------

def _xlsx_sheet_edit(edit: Callable[[str, random.Random], str]) -> Callable[[random.Random], bytes]:
    def make(rnd: random.Random) -> bytes:
        parts = []
        for n, d in _workbook_parts():
            if n == "xl/worksheets/sheet2.xml":
                d = edit(d.decode("utf-8"), rnd).encode("utf-8")
            parts.append((n, d))
        return _zip(parts)
    make.__name__ = edit.__name__
    return make


def _far_cell(xml: str, rnd: random.Random) -> str:
    ref = rnd.choice(["XFD1048576", "A1048576", "XFD1", "ZZ9999", "AAA30000"])
    row = re.sub(r"\D", "", ref)
    return xml.replace("</sheetData>", f'<row r="{row}"><c r="{ref}" t="n"><v>1</v></c></row></sheetData>', 1)


def _big_merge(xml: str, rnd: random.Random) -> str:
    ref = rnd.choice(["A1:XFD1048576", "A1:Z100000", "B3:AZ5000", "A1:C3"])
    if "<mergeCells" in xml:
        return re.sub(r"<mergeCells[^>]*>", f'\\g<0><mergeCell ref="{ref}"/>', xml, count=1)
    return xml.replace("</worksheet>", f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells></worksheet>')


def _xlsx_number(xml: str, rnd: random.Random) -> str:
    digits = "".join(rnd.choice("0123456789") for _ in range(rnd.choice([40, 5000])))
    return _nth_sub(r"<v>\d+</v>", f"<v>{digits}</v>", xml, rnd)


def _xlsx_damage(xml: str, rnd: random.Random) -> str:
    return _xml_damage(xml, rnd)


def _xlsx_truncated(rnd: random.Random) -> bytes:
    data = _zip(list(_workbook_parts()))
    return data[: rnd.randrange(1, len(data))]


def _xlsx_flipped(rnd: random.Random) -> bytes:
    return _flip(_zip(list(_workbook_parts())), rnd, rnd.randint(1, 20))


_XLSX: list[Callable[[random.Random], bytes]] = [
    _xlsx_sheet_edit(_far_cell), _xlsx_sheet_edit(_big_merge), _xlsx_sheet_edit(_xlsx_number),
    _xlsx_sheet_edit(_xlsx_damage), _xlsx_truncated, _xlsx_flipped,
]


# -- web pages and text copies ----------------------------------------------------------------

def _html_table(rnd: random.Random) -> str:
    rows = []
    for _ in range(rnd.randint(1, 30)):
        cells = []
        for _ in range(rnd.randint(1, 12)):
            attrs = ""
            if rnd.random() < 0.3:
                attrs += f' colspan="{rnd.choice(["2", "1000", "2147483647", "abc", "-1", "1.5", "99999999999"])}"'
            if rnd.random() < 0.3:
                attrs += f' rowspan="{rnd.choice(["2", "65534", "2147483647", "x", "0"])}"'
            cells.append(f"<td{attrs}>{rnd.choice(['0', '12', '申请人', '—', '行政复议', ''])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def _html(rnd: random.Random) -> bytes:
    choice = rnd.randrange(6)
    if choice == 0:
        body = "".join(_html_table(rnd) for _ in range(rnd.randint(1, 60)))
    elif choice == 1:
        depth = _size(rnd, [200, 2000], [200, 2000, 20000])
        body = "<div>" * depth + "一、总体情况" + "</div>" * depth
    elif choice == 2:
        body = "<table>" * rnd.choice([50, 500, 5000]) + _html_table(rnd)
    elif choice == 3:
        body = _flip(("<p>" + SAMPLE_TXT.read_text("utf-8").replace("\n", "</p><p>")).encode(), rnd, 50).decode("utf-8", "replace")
    elif choice == 4:
        body = "<p>" + "依法公开政府信息，" * _size(rnd, [2_000], [20_000, 100_000]) + "</p>" + _html_table(rnd)
    else:
        body = "<table><tr>" + '<td colspan="100" rowspan="100">0</td>' * rnd.choice([10, 200, 5000]) + "</tr></table>"
    return f"<html><body>{body}</body></html>".encode()


def _txt(rnd: random.Random) -> bytes:
    text = SAMPLE_TXT.read_text("utf-8")
    choice = rnd.randrange(7)
    if choice == 0:  # UTF-16 cut at an odd byte
        data = text.encode("utf-16")
        return data[: len(data) - 1 - 2 * rnd.randrange(20)]
    if choice == 1:
        return _flip(text.encode(rnd.choice(["utf-8", "gb18030"])), rnd, rnd.randint(1, 200))
    if choice == 2:
        return ("\t0\n" * _size(rnd, [1000, 20_000], [1000, 200_000])).encode()
    if choice == 3:
        return ("本机关依法公开政府信息。" * _size(rnd, [2_000], [20_000, 50_000])).encode()
    if choice == 4:
        return (text + "\n" + ("政府" * _size(rnd, [5_000], [50_000])) + "\n").encode()
    if choice == 5:
        return bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 5000)))
    return ("\n".join(text.splitlines()[: rnd.randint(0, 200)])).encode("gb18030")


# -- .doc-like (what goes to LibreOffice, or is refused before) --------------------------------

def _doc(rnd: random.Random) -> bytes:
    noise = bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 2000)))
    choice = rnd.randrange(5)
    if choice == 0:
        return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise
    if choice == 1:
        return b"\xd0\xcf\x11\xe0" + "EncryptedPackage".encode("utf-16-le") + noise
    if choice == 2:
        return b"{\\rtf1 " + noise
    if choice == 3:
        return b"MIME-Version: 1.0\r\n" + noise
    return b"PK\x03\x04" + noise


_MAKERS: dict[str, tuple[str, list[Callable[[random.Random], bytes]]]] = {
    "docx": (".docx", _DOCX),
    "xlsx": (".xlsx", _XLSX),
    "html": (".html", [_html]),
    "txt": (".txt", [_txt]),
    "doc": (".doc", [_doc]),
}


def make(kind: str, seed: int, folder: Path, heavy: bool = True) -> Path:
    _heavy[0] = heavy
    suffix, makers = _MAKERS[kind]
    rnd = random.Random(f"{kind}-{seed}")
    maker = makers[seed % len(makers)]
    path = folder / f"{kind}-{seed}-{maker.__name__.strip('_')}{suffix}"
    path.write_bytes(maker(rnd))
    return path


# -- running one input, bounded ------------------------------------------------------------------

@dataclass
class Outcome:
    """How reading one file ended: read (and checked), refused (one clear line), generic (the
    catch-all's line: a class no reader handles yet), crash, hang or memory."""

    path: str
    result: str
    seconds: float
    peak_mb: float
    message: str = ""


GENERIC = "文件结构异常，无法读取（"


def _child(path: Path) -> dict[str, object]:
    from app.cli import check_report, dump
    from app.io import ReadError
    from app.reading import load_report

    start = time.perf_counter()
    try:
        report = load_report(path)
        check_report(report)
        dump(report)
        result, message = "read", ""
    except ReadError as e:
        message = str(e)
        bad = "\n" in message.strip() or not re.search(r"[\u4e00-\u9fff]", message)
        result = "crash" if bad else "generic" if GENERIC in message else "refused"
    except BaseException as e:
        result, message = "crash", f"{type(e).__name__}: {e}"[:300]
    return {"result": result, "message": message, "seconds": time.perf_counter() - start}


def run_one(path: Path, timeout: float = 20, memory_mb: int = 2048) -> Outcome:
    """Read ``path`` in a forked child (POSIX): its own time limit, address-space cap and
    peak RSS (wait4), so one hostile file cannot take the suite down with it."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(r)
        code = 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
            signal.alarm(int(timeout))
            out = _child(path)
            os.write(w, json.dumps(out, ensure_ascii=False).encode())
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    _, status, usage = os.wait4(pid, 0)
    peak = usage.ru_maxrss / 1024  # KiB on Linux
    if not chunks:
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM
        return Outcome(str(path), "hang" if killed else "memory" if os.WIFEXITED(status) else "crash",
                       timeout, peak, f"status {status}")
    out = json.loads(b"".join(chunks))
    return Outcome(str(path), str(out["result"]), float(out["seconds"]), peak, str(out["message"]))


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


# -- one file per class, for every entry point (tests/test_gallery.py, tests/ui/test_hostile_open.py) --

READ = ""  # the gallery's expectation for a file that opens


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


def _gbk_page() -> bytes:
    from tests.test_webcopy import page

    return page({}).replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("gbk")


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


def _page_in(codec: str, meta: str = "", declaration: str = "") -> Callable[[], bytes]:
    def make() -> bytes:
        from tests.test_webcopy import page

        html = page({}).replace("<head>", f"<head>{meta}", 1)
        return (declaration + html).encode(codec)
    return make


def _ruled_pdf(lines: int) -> bytes:
    from tests.test_hostile_pdf import ruled_page

    return ruled_page(lines)


def _big5_page() -> bytes:
    from tests.test_webcopy_encodings import TRADITIONAL

    return TRADITIONAL.replace("<head>", '<head><meta charset="big5">', 1).encode("big5")


GALLERY: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # class: (file name, bytes, READ or a words of the one-line message)
    "docx-named-doc": ("报告.doc", lambda: SAMPLE.read_bytes(), READ),
    "docx-named-wps": ("报告.wps", lambda: SAMPLE.read_bytes(), READ),
    "docx-named-txt": ("报告.txt", lambda: SAMPLE.read_bytes(), READ),
    "xlsx-named-docx": ("报告（表格）.docx", lambda: _zip(list(_workbook_parts())), READ),
    "strict-ooxml": ("严格 格式.docx", lambda: _sample_rewritten(strict=True), READ),
    "content-controls-in-cells": ("内容控件.docx", lambda: _sample_rewritten(_wrap_cells), READ),
    "tracked-moves": ("修订.docx", lambda: _sample_rewritten(lambda x: x.replace(
        "<w:body>", '<w:body><w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom></w:p>', 1)), READ),
    "hidden-text": ("隐藏文字.docx", lambda: _sample_rewritten(_hidden, styles=_hiding_styles), READ),
    "long-chinese-name": ("宁" * 70 + ".docx", lambda: SAMPLE.read_bytes(), READ),
    "gbk-web-page": ("网页（GB2312）.html", _gbk_page, READ),
    "gbk-web-page-named-doc": ("OA下载.doc", _gbk_page, READ),  # an OA system's “.doc” that is its web page
    "lying-charset-page": ("网页（标注UTF-8）.html", _page_in("gbk", '<meta charset="utf-8">'), READ),
    "xml-declared-gbk-page": ("网页 XHTML.htm", _page_in("gbk", declaration='<?xml version="1.0" encoding="GB2312"?>\n'), READ),
    "utf16-page-named-doc": ("OA导出.doc", _page_in("utf-16"), READ),  # Notepad's “Unicode”, with its BOM
    # an old CMS's lone \xa0 in a UTF-8 page: read, the byte as U+FFFD (STRAY-BYTES)
    "utf8-page-stray-byte": ("网页（零星字节）.html", lambda: _page_in("utf-8")().replace("。".encode(), "。".encode() + b"\xa0", 1), READ),
    # a visibility:hidden figure cell: read blank, the row's later figures not shifted
    "hidden-table-cell-page": ("网页（隐藏单元格）.html", lambda: _page_in("utf-8")().replace(
        b"<td><p>0</p></td>", b'<td style="visibility:hidden"><p>0</p></td>', 1), READ),
    "utf16-text-copy-without-bom": ("网页 副本（UTF-16）.txt", lambda: SAMPLE_TXT.read_text("utf-8").encode("utf-16-le"), READ),
    "big5-web-page": ("繁體 網頁.html", _big5_page, "繁体字网页"),
    "traditional-utf8-page": ("繁體版.html", lambda: _big5_page().decode("big5").replace("big5", "utf-8").encode("utf-8"),
                              "繁体字网页"),
    "shift-jis-page": ("日文网页.html", lambda: (
        "<html><body><p>" + "日本国政府の情報公開に関する年次報告書です。開示請求は十二件でした。" * 5
        + "</p><table><tr><td>1</td></tr></table></body></html>").encode("shift_jis"), "文字编码"),
    "gbk-text-copy": ("网页 副本.txt", lambda: SAMPLE_TXT.read_text("utf-8").replace("\xa0", " ").encode("gbk"), READ),
    "not-a-zip": ("不是zip.docx", lambda: "这不是一个Word文件".encode(), "不是 Word 文档"),
    "truncated-zip": ("截断.docx", lambda: SAMPLE.read_bytes()[:5000], "损坏"),
    "no-document-part": ("缺正文.docx", lambda: _sample_rewritten(drop="word/document.xml"), "损坏"),
    "corrupt-document-xml": ("坏XML.docx", lambda: _sample_rewritten(lambda x: x[:20000]), "损坏"),
    "encrypted-docx": ("加密.docx", lambda: encrypted_docx(), "打开密码"),
    "encrypted-doc": ("加密.doc", lambda: word97(encrypted=True), "打开密码"),
    "xls-named-doc": ("表格.doc", lambda: cfb({"Workbook": bytes(5000)}), ".xlsx"),
    "plain-zip": ("压缩包.docx", _plain_zip, "压缩包"),
    "billion-laughs": ("实体.docx", lambda: _sample_rewritten(_laughs), "XML 实体"),
    "deep-nesting": ("嵌套.docx", lambda: _sample_rewritten(_nest(100)), "嵌套"),
    "zip-bomb": ("炸弹.docx", lambda: _sample_rewritten(drop="word/document.xml", extra={
        "word/document.xml": b"<w:document " + _W.encode() + b"><w:body>" + b" " * (9 << 20) + b"</w:body></w:document>"}),
        "解压后过大"),
    "empty": ("空.docx", lambda: b"", "0 字节"),
    "mht": ("网页.doc", lambda: b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n", ".mht"),
    "tables-as-pictures": ("图片表格.docx", lambda: _sample_rewritten(_no_tables), READ),  # text read, tables to fill
    "memo-without-tables": ("会议纪要.docx", lambda: _sample_rewritten(lambda x: re.sub(
        r"<w:body>.*<w:sectPr", "<w:body><w:p><w:r><w:t>会议纪要</w:t></w:r></w:p><w:sectPr", x, flags=re.S)),
        "没有找到统计表格"),
    # WPS/OA templates frame the body in a one-cell layout table (tests/test_layout_tables.py)
    "body-in-layout-table": ("版式表格.docx", lambda: _sample_rewritten(lambda x: re.sub(
        r"<w:body>(.*)(<w:sectPr)", r"<w:body><w:tbl><w:tr><w:tc>\1<w:p/></w:tc></w:tr></w:tbl><w:p/>\2", x, count=1, flags=re.S)), READ),
    # a note mark set as a superscript, and an old figure struck through, in cells (tests/test_note_marks.py)
    "note-mark-and-strike-in-cells": ("注释标记.docx", lambda: _sample_rewritten(lambda x: x.replace(
        "</w:t></w:r></w:p></w:tc>", '</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r>'
        '<w:r><w:rPr><w:strike/></w:rPr><w:t>36</w:t></w:r></w:p></w:tc>', 3)), READ),
    # a zip whose directory is the bomb: refused from its end record (app/limits.py check_zip_directory)
    "zip-many-parts": ("部件过多.docx", lambda: many_parts_zip(60_000), "个部件组成"),
    # a PDF page of 30,000 ruling lines: stopped at the page's object cap (app/pdfread/bounds.py)
    "pdf-page-of-30000-rules": ("网格.pdf", lambda: _ruled_pdf(30_000), "文字和图形过多"),
    "huge-span": ("跨列.docx", lambda: _sample_rewritten(lambda x: x.replace("<w:tcPr>", '<w:tcPr><w:gridSpan w:val="2147483647"/>', 1)),
                  "跨2147483647格"),
}


# Classes that are no report by their content: named on their own they are refused as above; found
# in a folder, a batch passes them over (listed as 未检查, with the same words) instead.
PASSED_OVER = frozenset({"memo-without-tables"})


def gallery(folder: Path) -> dict[str, tuple[Path, str]]:
    """Every GALLERY class written into ``folder`` (plus a folder named like a report):
    class -> (path, READ or words of its message)."""
    out: dict[str, tuple[Path, str]] = {}
    for kind, (name, make_bytes, expect) in GALLERY.items():
        path = folder / name
        path.write_bytes(make_bytes())
        out[kind] = (path, expect)
    (folder / "文件夹.docx").mkdir()
    out["folder-named-docx"] = (folder / "文件夹.docx", "文件夹")
    return out


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
