"""build/glibc_floor.py: the Linux bundle's check that every ELF file runs on glibc 2.28.

ELF files are made here byte by byte (a .dynamic list of needed libraries and a .gnu.version_r
list of needed symbol versions: what the check reads), and the reader is compared with objdump
on the machine's own programs."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import build_module

BUILD = Path(__file__).resolve().parent.parent / "build"


floor = build_module("glibc_floor")
system = build_module("linux_system")


def make_elf(needed: list[str], versions: dict[str, list[str]]) -> bytes:
    """A 64-bit little-endian ELF with DT_NEEDED entries and a version-needs section:
    versions maps a library to the symbol versions needed from it ({"libc.so.6": ["GLIBC_2.17"]})."""
    strtab = bytearray(b"\0")

    def s(text: str) -> int:
        off = len(strtab)
        strtab.extend(text.encode() + b"\0")
        return off

    dyn = b"".join(struct.pack("<qQ", 1, s(n)) for n in needed) + struct.pack("<qQ", 0, 0)
    verneed = bytearray()
    libs = list(versions.items())
    for i, (lib, names) in enumerate(libs):
        file_off = s(lib)
        size = 16 + 16 * len(names)
        verneed += struct.pack("<HHIII", 1, len(names), file_off, 16, size if i + 1 < len(libs) else 0)
        for j, name in enumerate(names):
            verneed += struct.pack("<IHHII", 0, 0, 2, s(name), 16 if j + 1 < len(names) else 0)
    body = bytes(strtab) + dyn + bytes(verneed)
    str_off, dyn_off = 64, 64 + len(strtab)
    ver_off = dyn_off + len(dyn)
    shoff = 64 + len(body)
    sections = [
        (0, 0, 0, 0),
        (3, str_off, len(strtab), 0),  # SHT_STRTAB
        (6, dyn_off, len(dyn), 1),  # SHT_DYNAMIC, strings in section 1
        (0x6FFFFFFE, ver_off, len(verneed), 1),  # SHT_GNU_verneed
    ]
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<Q", header, 0x28, shoff)
    struct.pack_into("<HH", header, 0x3A, 64, len(sections))
    shdrs = b"".join(struct.pack("<IIQQQQIIQQ", 0, t, 0, 0, off, size, link, 0, 1, 0)
                     for t, off, size, link in sections)
    return bytes(header) + body + shdrs


def bundle(tmp_path: Path, files: dict[str, bytes]) -> Path:
    root = tmp_path / "nianbao"
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_reads_needed_libraries_and_the_highest_version_of_each_kind() -> None:
    info = floor.read_elf_bytes(make_elf(
        ["libc.so.6", "libstdc++.so.6"],
        {"libc.so.6": ["GLIBC_2.2.5", "GLIBC_2.17", "GLIBC_2.14"],
         "libstdc++.so.6": ["GLIBCXX_3.4.9", "GLIBCXX_3.4.21", "CXXABI_1.3"]}))
    assert info.needed == ["libc.so.6", "libstdc++.so.6"]
    assert info.versions == {"GLIBC": (2, 17), "GLIBCXX": (3, 4, 21), "CXXABI": (1, 3)}


def test_a_bundle_within_the_floor_passes(tmp_path: Path) -> None:
    root = bundle(tmp_path, {
        "nianbao": make_elf(["libpython3.11.so.1.0", "libc.so.6"], {"libc.so.6": ["GLIBC_2.14"]}),
        "_internal/libpython3.11.so.1.0": make_elf(["libc.so.6", "libm.so.6"],
                                                   {"libc.so.6": ["GLIBC_2.28", "GLIBC_2.3"]}),
        "_internal/libQt6Core.so.6": make_elf(["libstdc++.so.6", "libglib-2.0.so.0"],
                                              {"libstdc++.so.6": ["GLIBCXX_3.4.21"]}),
        "_internal/base_library.zip": b"PK\x03\x04 not an ELF file",
    })
    assert floor.check(root, (2, 28), quiet=True) == []
    assert floor.main([str(root), "--quiet"]) == 0


def test_one_file_above_2_28_fails_and_is_named(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = bundle(tmp_path, {
        "nianbao": make_elf(["libc.so.6"], {"libc.so.6": ["GLIBC_2.14"]}),
        "_internal/python3.11/lib-dynload/_ctypes.so": make_elf(
            ["libc.so.6"], {"libc.so.6": ["GLIBC_2.2.5", "GLIBC_2.34"]}),
    })
    problems = floor.check(root, (2, 28), quiet=False)
    assert len(problems) == 1 and "_ctypes.so" in problems[0] and "GLIBC_2.34" in problems[0]
    out = capsys.readouterr().out
    assert re.search(r"GLIBC_2.34 +_internal/python3.11/lib-dynload/_ctypes.so", out)  # the listing
    assert "最高需要 GLIBC_2.34" in out
    assert floor.main([str(root), "--quiet"]) == 1
    # The floor is a parameter: the same bundle passes a 2.34 floor.
    assert floor.check(root, (2, 34), quiet=True) == []


def test_a_newer_cxx_runtime_than_the_target_has_fails(tmp_path: Path) -> None:
    root = bundle(tmp_path, {"libx.so": make_elf(["libstdc++.so.6"], {"libstdc++.so.6": ["GLIBCXX_3.4.30"]})})
    problems = floor.check(root, (2, 28), quiet=True)
    assert problems and "GLIBCXX_3.4.30" in problems[0]


def test_a_library_neither_shipped_nor_provided_by_the_system_fails(tmp_path: Path) -> None:
    root = bundle(tmp_path, {
        "a.so": make_elf(["libxcb-util.so.1", "libfontconfig.so.1"], {}),
        "b.so": make_elf(["libgnutls.so.30"], {}),
        "libxcb-util.so.1": make_elf(["libxcb.so.1"], {}),
    })
    problems = floor.check(root, (2, 28), quiet=True)
    assert problems == ["b.so: 依赖 libgnutls.so.30，它既不在程序目录中，也不是目标系统提供的库"]


def test_damaged_or_foreign_files_are_reported_not_crashed_on(tmp_path: Path) -> None:
    good = make_elf(["libc.so.6"], {"libc.so.6": ["GLIBC_2.17"]})
    root = bundle(tmp_path, {
        "cut.so": good[:80],  # ELF magic, then the file ends
        "elf32.so": b"\x7fELF\x01\x01" + bytes(58),
        "ok.so": good,
    })
    problems = floor.check(root, (2, 28), quiet=True)
    assert sorted(p.split(":")[0] for p in problems) == ["cut.so", "elf32.so"]
    assert floor.check(tmp_path / "empty", (2, 28), quiet=True)  # no ELF at all: not a bundle


@pytest.mark.skipif(shutil.which("objdump") is None, reason="needs objdump")
def test_agrees_with_objdump_on_real_programs() -> None:
    candidates = [Path(sys.executable).resolve(), Path("/bin/ls"), Path("/usr/bin/env")]
    checked = 0
    for path in candidates:
        if not path.exists() or path.read_bytes()[:4] != b"\x7fELF":
            continue
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
        expected = {m for m in re.findall(r"NEEDED\s+(\S+)", dump)}
        versions = re.findall(r"\bGLIBC_(\d+(?:\.\d+)+)", dump)
        info = floor.read_elf(path)
        assert set(info.needed) == expected
        assert info.versions.get("GLIBC") == max(tuple(int(x) for x in v.split(".")) for v in versions)
        checked += 1
    assert checked


def test_the_deb_depends_on_every_system_library_package_and_glibc_2_28() -> None:
    depends = system.depends()
    assert depends.startswith("libc6 (>= 2.28), ")
    for pkg in system.SYSTEM_LIBS.values():
        assert pkg in depends
    assert len(depends.split(", ")) == len(set(depends.split(", ")))
    assert not set(system.SYSTEM_LIBS) & system.GLIBC_SONAMES
