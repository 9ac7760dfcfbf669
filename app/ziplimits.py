"""A .docx/.xlsx zip checked before any library inflates it: its directory read from the end
records (part counts, directory size), each part's declared size (zip bombs), encryption by a
zip tool, two parts of one name, macros.  The caps are declared in app/limits.py."""

from __future__ import annotations

import contextlib
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.errors import DAMAGED_DOCX, DAMAGED_XLSX, ReadError, unreadable
from app.limits import (
    MAX_PACKAGE_BYTES,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_XML_PART_BYTES,
    MAX_XML_PART_ELEMENTS,
    MAX_ZIP_DIRECTORY_BYTES,
    NOT_A_REPORT,
    open_regular,
)

# A package by its path, or the file already opened (limits.open_regular) that every later step
# reads too: opened by name again, the path could be another file by then.
Source = Path | BinaryIO


@contextlib.contextmanager
def opened(source: Source) -> Iterator[BinaryIO]:
    """``source`` as a file at its start: a path opened as open_regular does (closed after),
    a file object as it is (left open for the next step)."""
    if isinstance(source, Path):
        with open_regular(source) as fh:
            yield fh
    else:
        source.seek(0)
        yield source

# Sought in the lower-cased content types: a case-blind pattern, having no literal start, tried
# a match at every byte of them (half a million instructions a .docx read).
_MACROS = (b"macroenabled", b"vbaproject", b"vbadata")
_EMBEDDED_XLSM = b"application/vnd.ms-excel.sheet.macroenabled.12"


_EOCD = b"PK\x05\x06"  # end of central directory: 22 bytes and a comment of up to 64 KB
_EOCD_SIZE = 22
_ZIP64_LOCATOR = b"PK\x06\x07"  # 20 bytes just before the end record of a zip64 file
_ZIP64_EOCD = b"PK\x06\x06"  # 56 bytes just before the locator
_CENTRAL_ENTRY = b"PK\x01\x02"


def too_many_parts(count: int | str) -> ReadError:
    return ReadError(f"文件由{count}个部件组成，{NOT_A_REPORT}")


def part_cap(name: str) -> int:
    """How large one inflated part named ``name`` may be: an XML part is parsed into a tree."""
    return MAX_XML_PART_BYTES if name.lower().endswith((".xml", ".rels")) else MAX_PART_BYTES


def too_large(name: str, size: int) -> ReadError:
    return ReadError(f"文件解压后过大（“{name}”一项就有{size / 1048576:.0f} MB），{NOT_A_REPORT}")


def xml_elements(data: bytes) -> int:
    """The start tags in ``data`` (and the few declarations and comments a part has): counted in C,
    before a tree is built of them."""
    return data.count(b"<") - data.count(b"</")


def too_many_elements(name: str) -> ReadError:
    return ReadError(f"文件中“{name}”一项有超过{MAX_XML_PART_ELEMENTS}个元素（段落、文字块等），{NOT_A_REPORT}")


def checked_xml(name: str, data: bytes) -> bytes:
    """``data`` itself, or ReadError when it has more elements than MAX_XML_PART_ELEMENTS."""
    if len(data) > MAX_XML_PART_ELEMENTS and xml_elements(data) > MAX_XML_PART_ELEMENTS:
        raise too_many_elements(name)
    return data


def check_zip_directory(path: Source) -> None:
    """A zip's part count and directory size, read from its end records before zipfile.ZipFile
    parses the whole directory (300,000 entries: seconds and some 200 MB).  The count the end
    record states is checked, and the entries are counted too (zipfile reads the directory by
    its size and ignores the count, so a file may understate it).  What cannot be followed is
    left to zipfile, which says the file is damaged exactly as before."""
    try:
        with opened(path) as fh:
            fh.seek(0, 2)
            size = fh.tell()
            if size < _EOCD_SIZE:
                return
            # Where zipfile looks: the last 22 bytes (no comment), else the last signature in
            # the final 64 KB.
            fh.seek(size - _EOCD_SIZE)
            tail = fh.read(_EOCD_SIZE)
            if tail[:4] == _EOCD and tail[-2:] == b"\0\0":
                end = size - _EOCD_SIZE
            else:
                start = max(0, size - _EOCD_SIZE - 65535)
                fh.seek(start)
                tail = fh.read()
                found = tail.rfind(_EOCD)
                if found < 0 or len(tail) - found < _EOCD_SIZE:
                    return
                end = start + found
                tail = tail[found:found + _EOCD_SIZE]
            entries, directory = struct.unpack_from("<HI", tail, 10)
            directory_start = end - directory
            if end >= 20 + 56:
                fh.seek(end - 20 - 56)
                zip64 = fh.read(56 + 20)
                if zip64[56:60] == _ZIP64_LOCATOR and zip64[:4] == _ZIP64_EOCD:
                    entries, directory = struct.unpack_from("<QQ", zip64, 32)
                    directory_start = end - 20 - 56 - directory
            if entries > MAX_PARTS:
                raise too_many_parts(entries)
            if directory > MAX_ZIP_DIRECTORY_BYTES:
                raise ReadError(f"文件的部件目录有{directory / 1048576:.0f} MB，{NOT_A_REPORT}")
            if directory_start < 0:
                return
            fh.seek(directory_start)
            data = fh.read(directory)
    except OSError:
        return  # the reader that opens it next says what is wrong
    pos = count = 0
    while pos + 46 <= len(data) and data[pos:pos + 4] == _CENTRAL_ENTRY:
        count += 1
        if count > MAX_PARTS:
            raise too_many_parts(f"{MAX_PARTS}多")
        name, extra, comment = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + name + extra + comment


def check_package(path: Source, what: str, macros: bool = False) -> None:
    """A .docx/.xlsx zip before any library inflates it: bounded parts (zip bombs), no macros
    (``macros``: allowed, for a workbook embedded in a .docx, whose figures alone are read).
    ``what``: “Word 文档” or “Excel 工作簿”, for the messages."""
    check_zip_directory(path)
    with contextlib.ExitStack() as stack:
        try:
            fh = stack.enter_context(opened(path))
        except PermissionError:  # held open by Word/WPS: the reader says so
            raise
        except OSError as e:  # gone, or a link ring, since it was found: not a damaged file
            raise ReadError(unreadable(e)) from e
        _check_parts(fh, what, macros)


def _check_parts(fh: BinaryIO, what: str, macros: bool = False) -> None:
    try:
        with zipfile.ZipFile(fh) as z:
            check_parts_in(z, what, macros)
    except (ReadError, PermissionError):
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, NotImplementedError) as e:
        raise ReadError(DAMAGED_XLSX if "Excel" in what else DAMAGED_DOCX) from e


def check_parts_in(z: zipfile.ZipFile, what: str, macros: bool = False) -> None:
    """``check_package``'s checks of the parts of a zip already open, its directory checked
    (``check_zip_directory``) before it was: the reader's one opening (app.sniff.opened_zip)."""
    try:
        infos = z.infolist()
        if len(infos) > MAX_PARTS:
            raise too_many_parts(len(infos))
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > part_cap(info.filename) or total > MAX_PACKAGE_BYTES:
                _check_claimed_size(info, what)
                raise too_large(info.filename, info.file_size)
        if any(i.flag_bits & 0x1 for i in infos):  # zip encryption (7-Zip, WinRAR), not Office's
            program = "Excel" if "Excel" in what else "Word"
            raise ReadError(f"文件的内容用压缩软件设置了密码，无法作为 {what}读取；请在 {program} 或 WPS 中打开后另存再试")
        _check_unique_names(infos, what)
        names = {i.filename.lower() for i in infos}
        # the part by its name without regard to case, as Word takes it (ECMA-376 Part 2)
        types = next((z.read(i) for i in infos if i.filename.lower() == "[content_types].xml"), b"")
    except (ReadError, PermissionError):  # held open by Word/WPS: the reader says so, not “damaged”
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, KeyError, NotImplementedError) as e:
        raise ReadError(DAMAGED_XLSX if "Excel" in what else DAMAGED_DOCX) from e
    if macros:
        return
    # A workbook with macros embedded as an object (its own content type; its macros are inside
    # it, never run, and only its figures are read: app/docx/embedded.py) makes no .docx a .docm.
    lowered = types.lower().replace(_EMBEDDED_XLSM, b"") if "Word" in what else types.lower()
    if any(word in lowered for word in _MACROS) or any(n.endswith(("vbaproject.bin", "vbadata.xml")) for n in names):
        raise ReadError(f"这是含有宏的{what}（.docm/.xlsm，扩展名可能被改过），出于安全考虑未读取；"
                        "请在 Word 或 WPS 中另存为不含宏的格式后再打开")


# Deflate makes at most 1032 bytes of each byte it reads (258 from a code of two bits, and a
# block's few bytes of overhead): a part claiming more than that of its compressed size is not a
# bomb but a directory that is wrong (a broken disk, a tool's bug, zip64 sizes read without the
# extra field that carries them: 4 GB), and was said as “解压后过大 … 4096 MB”.
_DEFLATE_MOST = 1032


def _check_claimed_size(info: zipfile.ZipInfo, what: str) -> None:
    """ReadError saying the directory is damaged when ``info``'s size cannot come out of its
    data: stored, it is the data's; deflated, at most _DEFLATE_MOST times it."""
    if info.compress_type == zipfile.ZIP_STORED:
        possible = info.compress_size
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        possible = _DEFLATE_MOST * info.compress_size + 1024
    else:
        return  # bzip2 and LZMA have no such bound (nor does Office write them)
    if info.file_size > possible:
        program = "Excel" if "Excel" in what else "Word"
        raise ReadError(f"文件已损坏：部件目录记录“{info.filename}”解压后有{info.file_size / 1048576:.0f} MB，"
                        f"而它的压缩数据只有{info.compress_size / 1024:.0f} KB，不可能解压出这么多；"
                        f"无法作为 {what}读取，请在 {program} 或 WPS 中打开（修复）后另存再试")


def _check_unique_names(infos: list[zipfile.ZipInfo], what: str) -> None:
    """Two entries of one name (OPC compares them without case): Word refuses such a package as
    damaged, and zipfile would take the last one silently — a hidden second word/document.xml
    read instead of the one another program shows.  Two byte-identical copies (CRC and size
    alike: a careless zip tool) read the same whichever is taken, so they are read."""
    seen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        other = seen.setdefault(info.filename.lower(), info)
        if other is not info and (other.CRC, other.file_size) != (info.CRC, info.file_size):
            program = "Excel" if "Excel" in what else "Word"
            raise ReadError(f"文件中有两个同名但内容不同的部件（“{info.filename}”），{program} 也会认为文件已损坏；"
                            f"无法确定哪一份是真正的内容，未读取；请在 {program} 或 WPS 中打开（修复）后另存再试")
