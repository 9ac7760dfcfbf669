"""The “Package” stream of an OLE compound file ([MS-CFB]): Word keeps an Excel 2007+ worksheet
object as word/embeddings/oleObject1.bin when it was made so (an object converted, pasted from an
older program, or written by WPS), and the workbook's .xlsx is that stream whole.  Read without a
library, bounded by the data: every chain is followed at most as many steps as the file has sectors,
so a loop or a lie in its tables gives None (the section keeps its hint), never a hang."""

from __future__ import annotations

import struct
import sys
from array import array

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE  # end of a chain; anything from 0xFFFFFFFA up is no sector
_LAST = 0xFFFFFFFA
_ENTRY = 128  # a directory entry's bytes
_STREAM = 2  # a directory entry's type: a stream


def _table(data: bytes) -> array[int]:
    out = array("I", data[:len(data) // 4 * 4])
    if sys.byteorder == "big":
        out.byteswap()
    return out


def package_stream(data: bytes) -> bytes | None:
    """The bytes of the file's “Package” stream; None when it has none or cannot be followed."""
    if len(data) < 512 or not data.startswith(MAGIC):
        return None
    try:
        return _package(data)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError):
        return None


def _package(data: bytes) -> bytes | None:
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        return None
    size = 1 << shift
    _, first_dir, _, cutoff, first_mini, _, first_difat, n_difat = struct.unpack_from("<8I", data, 0x2C)
    count = len(data) // size - 1  # the sectors the file holds (the header takes the first)

    def sector(n: int) -> bytes:
        if n >= count:
            raise ValueError(n)
        return data[(n + 1) * size:(n + 2) * size]

    def chain(start: int, table: array[int], most: int) -> list[int]:
        out: list[int] = []
        n = start
        while n < _LAST:
            if n >= len(table) or len(out) >= most:
                raise ValueError(n)  # a sector outside the table, or a loop
            out.append(n)
            n = table[n]
        return out

    fat_sectors = [n for n in _table(data[0x4C:0x200]) if n < _LAST]
    n = first_difat
    for _ in range(min(n_difat, count)):  # sectors listing more FAT sectors, each naming the next
        if n >= _LAST:
            break
        listed = _table(sector(n))
        fat_sectors += [m for m in listed[:-1] if m < _LAST]
        n = listed[-1]
    fat = _table(b"".join(sector(s) for s in fat_sectors[:count]))
    directory = b"".join(sector(s) for s in chain(first_dir, fat, count))
    entries = [directory[i:i + _ENTRY] for i in range(0, len(directory) - _ENTRY + 1, _ENTRY)]
    if not entries:
        return None
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
        if entry[0x42] != _STREAM or entry[:max(length - 2, 0)].decode("utf-16-le").lower() != "package":
            continue
        start, stream_size = struct.unpack_from("<IQ", entry, 0x74)
        if shift == 9:
            stream_size &= 0xFFFFFFFF  # (version 3: the high half may hold anything)
        if stream_size > len(data):
            return None
        if stream_size >= cutoff:
            stream = b"".join(sector(s) for s in chain(start, fat, count))
        else:  # a small stream: in the mini stream, 64-byte sectors the root entry's chain holds
            root_start = struct.unpack_from("<I", entries[0], 0x74)[0]
            mini = b"".join(sector(s) for s in chain(root_start, fat, count))
            mini_fat = _table(b"".join(sector(s) for s in chain(first_mini, fat, count)))
            stream = b"".join(mini[s * 64:(s + 1) * 64] for s in chain(start, mini_fat, len(mini) // 64))
        return stream[:stream_size] if len(stream) >= stream_size else None
    return None
