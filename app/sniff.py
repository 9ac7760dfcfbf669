"""What a file really is, by its content: offices rename files freely (an OA system's “.doc”
is a .docx, a “.wps” a .docx, a workbook saved as “.docx”), so the name only breaks ties.

Two containers carry almost every office file: a zip (.docx, .xlsx, .odt, .pptx) and the OLE
compound file of Office 97-2003 and WPS (.doc, .wps, .xls, .et) — which also wraps a password-
protected .docx/.xlsx (its streams “EncryptionInfo” and “EncryptedPackage”).  The zip's
member names and the compound file's directory say which one it is, without reading the rest.
Both are read defensively: a damaged container is “unknown”, never an exception.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import BinaryIO

from app.errors import ReadError
from app.limits import NotAFile, open_regular
from app.ziplimits import check_zip_directory

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA  # above: free, end of chain, FAT or DIFAT markers
_FIB_ENCRYPTED = 0x0100  # FibBase flags: fEncrypted (a password to open, or XOR obfuscation)
_FIB_OBFUSCATED = 0x8000


class Kind(Enum):
    DOCX = "docx"
    XLSX = "xlsx"
    ODT = "odt"  # OpenDocument text (LibreOffice, 永中, some WPS versions)
    OFD = "ofd"  # GB/T 33190 fixed-layout document (数科, 福昕 OFD), what many offices publish
    OTHER_ZIP = "other_zip"  # a zip that is none of the above (.ods, a plain archive)
    ENCRYPTED = "encrypted"  # a .docx/.xlsx with a password to open
    DOC = "doc"  # Word 97-2003 or WPS text
    DOC_ENCRYPTED = "doc_encrypted"
    XLS = "xls"  # Excel 97-2003 or WPS spreadsheet
    PPT = "ppt"  # PowerPoint, 97-2003 or .pptx
    MAIL = "mail"  # an Outlook message (.msg): the report is its attachment
    UNKNOWN = "unknown"


def wide_encoding(head: bytes) -> str | None:
    """The codec of a text saved in UTF-32 or UTF-16 (Notepad's “Unicode”), by its BOM or, for
    UTF-32 without one, by its zero bytes (every character of a report is below U+10000, so two
    bytes of four are zero); None for any other text.  UTF-32's BOM starts as UTF-16's does:
    it is looked for first."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32" if _wide_after(head, 4) else None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16" if _wide_after(head, 2) else None
    sample = head[: min(len(head), 4000) // 4 * 4]
    if len(sample) >= 40 and any(sample):
        if not any(sample[2::4]) and not any(sample[3::4]):
            return "utf-32-le"
        if not any(sample[0::4]) and not any(sample[1::4]):
            return "utf-32-be"
    return None


def _wide_after(head: bytes, bom: int) -> bool:
    """Whether what follows a UTF-16/32 BOM is that: its ASCII (markup, digits, line ends) leaves
    zero bytes.  None in 2,000+ characters' worth is a BOM that lies — a tool that put it before
    UTF-8 (or GBK) text, read as UTF-16 it was a page of rare ideographs, said to be 繁体字 (host29):
    the text is then read as what it is (app/webdecode.py drops the BOM)."""
    body = head[bom: bom + 4000]
    return len(body) < 40 or b"\x00" in body


def zip_kind(path: Path) -> Kind:
    """Which office file a zip is, by its members and content types.  A zip of more parts than
    a report can have is “unknown” at once, from its end record: the reader then refuses it
    in one line, as cheaply."""
    try:
        with open_regular(path) as fh:
            return _zip_kind(fh)
    except NotAFile:
        raise  # swapped for a FIFO or device since it was looked at: said so, never read
    except OSError:  # gone since: whoever opens it next says why
        return Kind.UNKNOWN


def _zip_kind(fh: BinaryIO) -> Kind:
    try:
        check_zip_directory(fh)
    except ReadError:
        return Kind.UNKNOWN
    try:
        with zipfile.ZipFile(fh) as z:
            return kind_in(z)
    except Exception:  # a damaged zip: whoever reads it says so
        return Kind.UNKNOWN


@contextmanager
def opened_zip(path: Path, whole: bytes | None = None) -> Iterator[zipfile.ZipFile | None]:
    """The zip at ``path`` opened once for the look (``kind_in``) and the read after it, its
    directory checked first as ``zip_kind`` checks it: one open, one parse of the directory,
    where the look and the read each made their own.  None when it cannot be (gone, damaged,
    too many parts): the caller then goes the way that says why.  ``whole``: the file's bytes,
    read already (a report of text and tables is a few dozen kilobytes): read from them, the
    file not opened again and its parts read without a system call each."""
    try:
        fh: BinaryIO = io.BytesIO(whole) if whole is not None else open_regular(path)
    except NotAFile:
        raise  # swapped for a FIFO or device since it was looked at: said so, never read
    except OSError:
        yield None
        return
    with fh:
        try:
            check_zip_directory(fh)
            z = zipfile.ZipFile(fh)
        except Exception:  # ReadError (the directory), a damaged zip: said by the ordinary way
            yield None
            return
        with z:
            yield z


def kind_in(z: zipfile.ZipFile) -> Kind:
    """``zip_kind`` of a zip already open (its directory checked); a damaged one is “unknown”."""
    try:
        # Part names without regard to case (ECMA-376 Part 2: "[CONTENT_TYPES].XML" is the same part)
        # and without a leading "/" (a writer that put the part name's own slash in the zip's
        # member name): an Office package still, damaged, not some other archive
        members: dict[str, str] = {}
        for n in z.namelist():
            members.setdefault(n.lstrip("/").casefold(), n)  # the first of two alike, as before
        names = set(members)
        types = b""
        stored = members.get("[content_types].xml")
        info = z.getinfo(stored) if stored is not None else None
        if info is not None and info.file_size < 1 << 20:
            types = z.read(info)
        mimetype = b""
        if "mimetype" in z.namelist() and z.getinfo("mimetype").file_size < 256:  # ODF's: exactly so named
            mimetype = z.read("mimetype")
    except Exception:  # a damaged zip: whoever reads it says so
        return Kind.UNKNOWN
    # By the main part's content type (an Override ending in .main+xml): a Default entry only
    # says how embedded files of that extension are typed (a workbook holding a Word object).
    main = types.lower()
    if (b"wordprocessingml.document.main" in main or b"wordprocessingml.template.main" in main
            or b"ms-word.document.macroenabled.main" in main or b"ms-word.template.macroenabledtemplate.main" in main
            or "word/document.xml" in names):
        return Kind.DOCX
    if (b"spreadsheetml.sheet.main" in main or b"spreadsheetml.template.main" in main
            or b"ms-excel.sheet.macroenabled.main" in main or b"ms-excel.template.macroenabled.main" in main
            or "xl/workbook.xml" in names):
        return Kind.XLSX
    if b"presentationml" in main and b".main" in main:
        return Kind.PPT
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return Kind.ODT
    if any(n.lower() == "ofd.xml" for n in names):  # GB/T 33190 §7: the package's entry file
        return Kind.OFD
    if "[content_types].xml" in names or not names:
        return Kind.UNKNOWN  # an Office package without its main part: damaged
    return Kind.OTHER_ZIP


def ole_kind(path: Path) -> Kind:
    """Which office file an OLE compound file is, by the streams in its directory."""
    try:
        with open_regular(path) as fh:
            cfb, streams = _ole_streams(fh)
            names = {n.lower(): start for n, start in streams}
            if "encryptedpackage" in names:
                return Kind.ENCRYPTED
            if "worddocument" in names:
                return Kind.DOC_ENCRYPTED if _fib_encrypted(cfb, names["worddocument"]) else Kind.DOC
    except (OSError, ValueError, struct.error):
        return Kind.UNKNOWN
    if "workbook" in names or "book" in names:
        return Kind.XLS
    if "powerpoint document" in names:
        return Kind.PPT
    if "__properties_version1.0" in names or any(n.startswith("__substg1.0_") for n in names):
        return Kind.MAIL  # LibreOffice cannot convert it: it was told a failed Word 97 conversion (rev26h)
    return Kind.UNKNOWN


_ENCRYPTED_NAME = "EncryptedPackage".encode("utf-16-le")


def names_encrypted_package(path: Path) -> bool:
    """A compound file whose directory could not be followed (damaged, or written by a tool
    that bends the format) that still names the stream of a password-protected .docx."""
    try:
        with open_regular(path) as fh:
            # what it held when opened: a file still being written is not followed for ever
            left, tail = os.fstat(fh.fileno()).st_size, b""
            while left > 0 and (chunk := fh.read(min(left, 1 << 20))):
                left -= len(chunk)
                if _ENCRYPTED_NAME in tail + chunk:
                    return True
                tail = chunk[-len(_ENCRYPTED_NAME):]
    except OSError:
        return False
    return False


class _Cfb:
    """The parts of a compound file header the directory needs."""

    def __init__(self, fh: BinaryIO, header: bytes) -> None:
        self.fh = fh
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise ValueError("sector size")
        self.size = 1 << shift
        self.fh.seek(0, 2)
        self.sectors = self.fh.tell() // self.size
        self.fat = self._fat(header)

    def sector(self, n: int) -> bytes:
        if n >= self.sectors:
            raise ValueError("sector beyond the file")
        self.fh.seek((n + 1) * self.size)
        return self.fh.read(self.size)

    def _fat(self, header: bytes) -> list[int]:
        fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s <= _MAX_SECTOR]
        difat, count = struct.unpack_from("<II", header, 0x44)
        per = self.size // 4
        for _ in range(min(count, self.sectors)):  # the DIFAT chain, for files over ~7 MB
            if difat > _MAX_SECTOR:
                break
            entries = struct.unpack(f"<{per}I", self.sector(difat))
            fat_sectors += [s for s in entries[:-1] if s <= _MAX_SECTOR]
            difat = entries[-1]
        fat: list[int] = []
        # Only as many FAT sectors as the file's sectors need: a crafted DIFAT that lists every
        # sector would otherwise read the whole file into a list, ~10x its size in memory.
        for s in fat_sectors[: -(-self.sectors // per)]:
            fat += struct.unpack(f"<{per}I", self.sector(s))
        return fat

    def chain(self, start: int) -> list[int]:
        out: list[int] = []
        seen: set[int] = set()
        while start <= _MAX_SECTOR and start < len(self.fat) and start not in seen:
            seen.add(start)
            out.append(start)
            start = self.fat[start]
        return out


def _ole_streams(fh: BinaryIO) -> tuple[_Cfb, list[tuple[str, int]]]:
    """(name, first sector) of every stream and storage in the directory."""
    header = fh.read(512)
    if len(header) < 512 or not header.startswith(OLE_MAGIC):
        raise ValueError("not a compound file")
    cfb = _Cfb(fh, header)
    first_dir = struct.unpack_from("<I", header, 0x30)[0]
    out: list[tuple[str, int]] = []
    for s in cfb.chain(first_dir)[:4096]:  # 4096 directory sectors: 16384+ entries, more than any file
        data = cfb.sector(s)
        for off in range(0, len(data) - 127, 128):
            length, kind = struct.unpack_from("<HB", data, off + 64)
            if kind in (1, 2) and 2 <= length <= 64:
                name = data[off: off + length - 2].decode("utf-16-le", "replace")
                out.append((name, struct.unpack_from("<I", data, off + 116)[0]))
    return cfb, out


def _fib_encrypted(cfb: _Cfb, start: int) -> bool:
    """Whether the WordDocument stream's FIB says the text is encrypted (a password to open)."""
    try:
        fib = cfb.sector(start)[:16]
    except ValueError:  # a stream in the mini stream, or a damaged entry: LibreOffice will say
        return False
    if len(fib) < 12 or fib[:2] not in (b"\xec\xa5", b"\xdc\xa5"):  # wIdent of Word 97+ / WPS
        return False
    flags = struct.unpack_from("<H", fib, 0x0A)[0]
    return bool(flags & (_FIB_ENCRYPTED | _FIB_OBFUSCATED))
