"""Qt's ICU data cut down to what the editor can use (Linux bundle).

    python build/icu_subset.py LIBICUDATA OUT_DIR CC      -> OUT_DIR/libicudata.so.NN

PySide6's Qt links ICU, whose data library (libicudata.so.73, 31 MB) carries every locale,
character converter, collation and break dictionary ICU knows. The editor is Chinese: Qt asks ICU
for the zh/en locales (QLocale, QCollator), case mapping and normalisation (compiled into
libicuuc, not this data) and, at most, GB18030 conversion. The data is one "common data" package
(a table of contents of named items, looked up by binary search) exported as the symbol
icudtNN_dat; this keeps its items for the root, zh* and en* locales and the locale-independent ones,
drops other locales, converters other than GB18030 and GBK, transliteration and the dictionaries of
Thai/Khmer/Lao/Burmese/CJK word breaking (Qt breaks lines itself), and compiles the result into a
library of the same name and symbol with CC (zig's, against nothing: no libc needed). A missing
locale falls back to root in ICU, so nothing fails: it is answered in the root locale's words.
"""

from __future__ import annotations

import hashlib
import re
import struct
import subprocess
import sys
from pathlib import Path

# Locales kept wherever a tree has per-locale bundles (main, coll, curr, lang, region, unit,
# zone, rbnf, brkitr): root (the fallback), Chinese and English (Qt's default C/en locale).
LOCALES = re.compile(r"(root|zh|en|pool|res_index)(_.*)?$")
# A locale-named bundle: ll or lll, then optional script/region/variant parts.
LOCALE_NAME = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*$")
CONVERTERS_KEEP = ("gb18030", "windows-936", "ibm-1386")  # GB18030; GBK (an extension of ibm-1386)
DROPPED_TREES = ("translit",)
SYMBOL = r"icudt\d+_dat"


def keep_item(name: str) -> bool:
    """name is an item of the package, e.g. icudt73l/coll/zh.res."""
    parts = name.split("/")[1:]
    base, _, ext = parts[-1].rpartition(".")
    if parts[0] in DROPPED_TREES:
        return False
    if ext == "dict":
        return False
    if ext == "cnv":
        return base.startswith(CONVERTERS_KEEP)
    if ext == "res" and LOCALE_NAME.match(base):
        return bool(LOCALES.match(base))
    return True


def elf_symbol(lib: bytes, pattern: str) -> tuple[str, int, int]:
    """(name, file offset, size) of the exported data symbol whose name matches pattern (an
    ELF64 little-endian file)."""
    if lib[:4] != b"\x7fELF" or lib[4] != 2 or lib[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for pos in range(offset, offset + size, entsize):
            st_name, _st_info, _other, shndx, value, st_size = struct.unpack_from("<IBBHQQ", lib, pos)
            name = lib[strtab + st_name:lib.index(b"\0", strtab + st_name)].decode()
            if re.fullmatch(pattern, name) and shndx:
                home = sections[shndx]
                return name, home[4] + value - home[3], st_size
    raise ValueError(f"no symbol {pattern}")


def subset(package: bytes) -> tuple[bytes, int, int]:
    """The package with only the items keep_item() accepts: (bytes, items kept, items in all)."""
    header_size, = struct.unpack_from("<H", package, 0)
    if package[2:4] != b"\xda\x27" or package[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    count, = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    items: list[tuple[str, bytes]] = []
    for i, (name_at, data_at) in enumerate(entries):
        name = package[toc + name_at:package.index(b"\0", toc + name_at)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        items.append((name, package[toc + data_at:toc + end]))
    kept = sorted((n, d) for n, d in items if keep_item(n))  # ICU binary-searches the names
    names = b"".join(n.encode("ascii") + b"\0" for n, _d in kept)
    table_size = 4 + 8 * len(kept)
    data_at = (table_size + len(names) + 15) & ~15
    toc_bytes = bytearray(struct.pack("<I", len(kept)))
    name_at, body = table_size, bytearray()
    for name, data in kept:
        toc_bytes += struct.pack("<II", name_at, data_at + len(body))
        name_at += len(name) + 1
        body += data
        body += b"\0" * (-len(body) % 16)  # items start 16-byte aligned, as in ICU's own packages
    toc_bytes += names
    toc_bytes += b"\0" * (data_at - len(toc_bytes))
    return package[:header_size] + bytes(toc_bytes) + bytes(body), len(kept), count


def build(lib: Path, out: Path, cc: list[str]) -> Path:
    original = lib.read_bytes()
    symbol, at, size = elf_symbol(original, SYMBOL)
    package = original[at:at + size]
    data, kept, total = subset(package)
    out.mkdir(parents=True, exist_ok=True)
    # Named by content: zig caches the object by the assembly text, which names the data file.
    blob = out / f"icudata-{hashlib.sha256(data).hexdigest()[:16]}.dat"
    blob.write_bytes(data)
    (out / "icudata.S").write_text(
        f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n'
        f'.incbin "{blob}"\n.size {symbol}, . - {symbol}\n'
        '.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
    target = out / lib.name
    subprocess.run([*cc, "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(target),
                    str(out / "icudata.S")], check=True)
    made = target.read_bytes()
    name, at, size = elf_symbol(made, SYMBOL)
    if name != symbol or made[at:at + size] != data:
        raise SystemExit(f"{target}：{symbol} 与裁剪后的数据不一致")
    print(f"ICU 数据：保留 {kept}/{total} 项，{len(package) / 1e6:.1f} MB → {len(data) / 1e6:.1f} MB", file=sys.stderr)
    return target


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__.splitlines()[2].strip())
    print(build(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]))
