"""build/windows_dryrun.py: the Windows bundle checked on paper (the real spec, synthetic wheels
and PE files; the pinned wheels themselves are fetched only by the script)."""

from __future__ import annotations

import struct
from pathlib import Path

from tests.helpers import BUILD, build_module

dry = build_module("windows_dryrun")


def make_pe(subsystem: int, imports: tuple[str, ...] = ()) -> bytes:
    """A PE32+ file: headers with the subsystem field, and one section holding an import table
    naming `imports`."""
    data = bytearray(0x400)
    data[:2] = b"MZ"
    struct.pack_into("<I", data, 0x3C, 0x80)
    data[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<HH", data, 0x84, 0x8664, 1)  # machine, one section
    struct.pack_into("<H", data, 0x94, 240)  # optional header size
    opt = 0x98
    struct.pack_into("<H", data, opt, 0x20B)  # PE32+
    struct.pack_into("<H", data, opt + 68, subsystem)
    section_va, section_raw = 0x1000, 0x200
    if imports:
        struct.pack_into("<II", data, opt + 112 + 8, section_va, 20 * (len(imports) + 1))
    struct.pack_into("<8sIIII", data, opt + 240, b".idata", 0x200, section_va, 0x200, section_raw)
    name_at = 20 * (len(imports) + 1)
    for i, dll in enumerate(imports):
        struct.pack_into("<IIIII", data, section_raw + 20 * i, 0, 0, 0, section_va + name_at, 0)
        data[section_raw + name_at:section_raw + name_at + len(dll)] = dll.encode()
        name_at += len(dll) + 1
    return bytes(data)


def test_pe_reader_finds_subsystem_and_imports() -> None:
    assert dry.pe_info(make_pe(3, ("Qt6Core.dll", "KERNEL32.dll"))) == (3, ["Qt6Core.dll", "KERNEL32.dll"])
    assert dry.pe_info(make_pe(2)) == (2, [])


IMPORTS = {"QtPrintSupport.pyd": ("Qt6PrintSupport.dll", "Qt6Widgets.dll"),
           "Qt6PrintSupport.dll": ("Qt6Widgets.dll", "KERNEL32.dll")}


def wheel_files(*paths: str) -> dict[str, tuple[int, bytes | None]]:
    """Wheel contents: binaries are PE files importing what IMPORTS says."""
    return {p: (1000, make_pe(2, IMPORTS.get(Path(p).name, ())) if p.endswith((".dll", ".pyd")) else None)
            for p in paths}


FULL = (
    "PySide6/QtCore.pyd", "PySide6/QtGui.pyd", "PySide6/QtWidgets.pyd", "PySide6/QtPrintSupport.pyd",
    "PySide6/QtQuick.pyd", "PySide6/Qt6PrintSupport.dll", "PySide6/Qt6Widgets.dll", "PySide6/Qt6Quick.dll", "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/platforms/qdirect2d.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/plugins/imageformats/qico.dll", "PySide6/plugins/generic/qtuiotouchplugin.dll",
    "PySide6/translations/qtbase_zh_CN.qm", "PySide6/translations/qtbase_de.qm",
)


def test_the_plan_keeps_what_windows_needs_and_drops_the_rest() -> None:
    kept, problems = dry.plan_windows(wheel_files(*FULL))
    assert problems == []
    assert "PySide6/plugins/platforms/qwindows.dll" in kept
    assert "PySide6/plugins/styles/qmodernwindowsstyle.dll" in kept
    assert {"PySide6/Qt6PrintSupport.dll", "PySide6/Qt6Widgets.dll"} <= set(kept)  # imported, transitively
    for dropped in ("PySide6/QtQuick.pyd", "PySide6/Qt6Quick.dll", "PySide6/plugins/platforms/qdirect2d.dll",
                    "PySide6/plugins/generic/qtuiotouchplugin.dll", "PySide6/translations/qtbase_de.qm"):
        assert dropped not in kept


def test_a_plan_without_the_windows_platform_or_style_fails() -> None:
    files = wheel_files(*(p for p in FULL if "qwindows" not in p and "styles" not in p))
    _kept, problems = dry.plan_windows(files)
    assert any("qwindows.dll" in p for p in problems)
    assert any("风格" in p for p in problems)


def test_the_real_spec_passes_and_fonts_have_windows_fallbacks() -> None:
    assert dry.check_spec(BUILD / "nianbao.spec") == []
    assert dry.check_fonts() == []


def test_linux_only_spec_content_outside_the_guard_is_found(tmp_path: Path) -> None:
    spec = tmp_path / "x.spec"
    spec.write_text(
        'import sys\n'
        'if sys.platform.startswith("linux"):\n'
        '    from linux_system import SYSTEM_LIBS\n'
        '    skip = "/usr/lib/"\n'
        'extra = [("/usr/lib/x86_64-linux-gnu/libxcb-util.so.1", ".")]\n'
        'gui = EXE(name="nianbao", console=True)\n'
        'cli = EXE(name="nianbao-cli", console=True)\n', encoding="utf-8")
    problems = dry.check_spec(spec)
    assert any("第5行" in p and "libxcb-util" in p for p in problems)
    assert not any("第3行" in p or "第4行" in p for p in problems)  # guarded: fine
    assert any("console=False" in p for p in problems)  # a console window behind the editor


def test_check_dist_reads_the_exe_subsystems(tmp_path: Path) -> None:
    dist = tmp_path / "nianbao"
    (dist / "_internal/PySide6/plugins/platforms").mkdir(parents=True)
    (dist / "_internal/PySide6/plugins/styles").mkdir(parents=True)
    (dist / "_internal/PySide6/translations").mkdir(parents=True)
    (dist / "nianbao.exe").write_bytes(make_pe(2))
    (dist / "nianbao-cli.exe").write_bytes(make_pe(3))
    for rel in ("PySide6/plugins/platforms/qwindows.dll", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
                "PySide6/Qt6PrintSupport.dll", "PySide6/translations/qtbase_zh_CN.qm"):
        (dist / "_internal" / rel).write_bytes(b"x")
    assert dry.check_dist(dist) == []
    (dist / "nianbao.exe").write_bytes(make_pe(3))  # built with a console
    assert dry.check_dist(dist) == ["nianbao.exe：子系统 3，应为 2（2 窗口，3 控制台）"]
