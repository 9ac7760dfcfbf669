"""The Linux bundle's floor: every ELF file in it must run on glibc 2.28 (统信UOS 20, 麒麟 V10).

    python build/glibc_floor.py build/out/dist/nianbao [--floor 2.28] [--quiet]

Lists, per ELF file, the highest GLIBC_ (and GLIBCXX_/CXXABI_) symbol version it needs, read
from its .gnu.version_r section, and fails (exit 1) when one is above the floor. It also fails
when a file needs a shared library that is neither in the bundle nor one the target system
provides (build/linux_system.py: glibc itself and the packages the .deb depends on) — a library
dropped from the bundle must be one the office PC has.

Reads the ELF structures itself (no objdump), so it runs on any machine with Python 3.
"""

from __future__ import annotations

import argparse
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from linux_system import GLIBC_SONAMES, SYSTEM_LIBS

Version = tuple[int, ...]
# C++ runtime of GCC 7 (麒麟 V10's compiler; UOS 20 has GCC 8): the system's libstdc++ serves Qt.
CXX_FLOORS: dict[str, Version] = {"GLIBCXX": (3, 4, 24), "CXXABI": (1, 3, 11)}

SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED = 1


class NotElf(Exception):
    pass


@dataclass
class ElfInfo:
    needed: list[str] = field(default_factory=list)  # DT_NEEDED sonames
    versions: dict[str, Version] = field(default_factory=dict)  # "GLIBC" -> highest needed


def _cstr(data: bytes, off: int) -> str:
    end = data.index(b"\0", off)
    return data[off:end].decode("ascii", "replace")


def _version(text: str) -> Version:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def read_elf(path: Path) -> ElfInfo:
    """The shared libraries and symbol versions an ELF file needs; NotElf for anything else."""
    return read_elf_bytes(path.read_bytes())


def read_elf_bytes(data: bytes) -> ElfInfo:
    if data[:4] != b"\x7fELF" or len(data) < 64:
        raise NotElf("不是 ELF 文件")
    if data[4] != 2 or data[5] != 1:
        raise NotElf("不是 64 位小端 ELF 文件")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        (_name, stype, _flags, _addr, off, size, link, _info, _align, _entsize) = struct.unpack_from(
            "<IIQQQQIIQQ", data, shoff + i * shentsize)
        sections.append((stype, off, size, link))
    info = ElfInfo()
    for stype, off, size, link in sections:
        if stype not in (SHT_DYNAMIC, SHT_GNU_VERNEED):
            continue
        strtab_off = sections[link][1]
        if stype == SHT_DYNAMIC:
            for pos in range(off, off + size, 16):
                tag, val = struct.unpack_from("<qQ", data, pos)
                if tag == 0:
                    break
                if tag == DT_NEEDED:
                    info.needed.append(_cstr(data, strtab_off + val))
            continue
        pos = off
        while True:  # Elf64_Verneed entries, each with its Elf64_Vernaux list
            _ver, cnt, _file, aux, nxt = struct.unpack_from("<HHIII", data, pos)
            apos = pos + aux
            for _ in range(cnt):
                _hash, _flags, _other, name, anext = struct.unpack_from("<IHHII", data, apos)
                label = _cstr(data, strtab_off + name)
                kind, _, num = label.partition("_")
                if kind in ("GLIBC", "GLIBCXX", "CXXABI") and num[:1].isdigit():
                    v = _version(num)
                    info.versions[kind] = max(info.versions.get(kind, ()), v)
                if not anext:
                    break
                apos += anext
            if not nxt:
                break
            pos += nxt
    return info


def elf_files(root: Path) -> list[Path]:
    out = []
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    out.append(p)
    return out


def show(v: Version) -> str:
    return ".".join(map(str, v))


def check(root: Path, floor: Version, quiet: bool = False) -> list[str]:
    """Problems found in the bundle at root (empty: it runs on glibc `floor`)."""
    problems: list[str] = []
    files = elf_files(root)
    if not files:
        return [f"{root}: 没有 ELF 文件（不是 Linux 程序目录？）"]
    bundled = {p.name for p in root.rglob("*") if p.is_file() or p.is_symlink()}
    highest: Version = ()
    for path in files:
        rel = path.relative_to(root)
        try:
            info = read_elf(path)
        except (NotElf, struct.error, ValueError, IndexError) as e:
            problems.append(f"{rel}: 无法读取 ELF 结构（{e}）")
            continue
        glibc = info.versions.get("GLIBC", ())
        highest = max(highest, glibc)
        if not quiet:
            extra = " ".join(f"{k}_{show(v)}" for k, v in sorted(info.versions.items()) if k != "GLIBC")
            print(f"GLIBC_{show(glibc) if glibc else '-':<6} {rel}{'  ' + extra if extra else ''}")
        if glibc > floor:
            problems.append(f"{rel}: 需要 GLIBC_{show(glibc)}，高于 {show(floor)}")
        for kind, cap in CXX_FLOORS.items():
            if info.versions.get(kind, ()) > cap:
                problems.append(f"{rel}: 需要 {kind}_{show(info.versions[kind])}，高于 {show(cap)}")
        for lib in info.needed:
            if lib not in bundled and lib not in GLIBC_SONAMES and lib not in SYSTEM_LIBS:
                problems.append(f"{rel}: 依赖 {lib}，它既不在程序目录中，也不是目标系统提供的库")
    print(f"{len(files)} 个 ELF 文件，最高需要 GLIBC_{show(highest)}（下限 {show(floor)}）")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--floor", default="2.28")
    ap.add_argument("--quiet", action="store_true", help="only the summary and the problems")
    args = ap.parse_args(argv)
    problems = check(args.bundle, _version(args.floor), args.quiet)
    for p in problems:
        print(f"  不符合：{p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
