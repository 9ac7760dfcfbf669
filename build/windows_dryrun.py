"""The Windows 10/11 bundle, on paper: what build/build-windows.ps1 would put in it, checked here.

    python build/windows_dryrun.py                 # fetch the pinned win_amd64 wheels, print, check
    python build/windows_dryrun.py --check-dist D  # on Windows, after the build: check the real folder

Without a Windows machine it takes the pinned packages' win_amd64 wheels (pip download), applies
the spec's own plan (build/bundle_plan.py) to their files, follows the DLL imports of the Qt
modules kept, and checks: the Windows platform plugin and a Windows style are kept, printing is
there, Chinese translations are there, the editor is windowed and the command line a console
program, every font chain has a font Windows ships, and the spec's Linux-only parts are all
behind its Linux guard. Exit 1 with the problems listed otherwise.
"""

from __future__ import annotations

import argparse
import ast
import struct
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "build"))
from bundle_plan import EXCLUDES, keep  # noqa: E402

# Fonts every Chinese Windows 10/11 has (宋体, 新宋体, 黑体, 仿宋, 楷体, 微软雅黑).
WINDOWS_FONTS = {"SimSun", "宋体", "NSimSun", "新宋体", "SimHei", "黑体", "FangSong", "仿宋", "KaiTi", "楷体",
                 "Microsoft YaHei", "Microsoft YaHei UI", "微软雅黑"}
QT_MODULES_USED = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport")
# Markers of Linux-only spec content: allowed only under `if sys.platform.startswith("linux")`.
LINUX_MARKERS = ("/usr/", "/lib/", "/lib64/", ".so", "linux_system", "glibc", "xcb", "wayland")


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    build = [d for d in project["optional-dependencies"]["build"] if d.startswith("pyinstaller")]
    return [*project["dependencies"], *build]


def download(dest: Path) -> list[Path]:
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:",
                    "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
                    "--abi", "cp311", "-d", str(dest), *requirements()], check=True)
    return sorted(dest.glob("*.whl"))


def pe_info(data: bytes) -> tuple[int, list[str]]:
    """(subsystem, imported DLL names) of a PE file: 2 = windowed, 3 = console."""
    if data[:2] != b"MZ":
        raise ValueError("not a PE file")
    pe, = struct.unpack_from("<I", data, 0x3C)
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("no PE signature")
    nsect, = struct.unpack_from("<H", data, pe + 6)
    opt_size, = struct.unpack_from("<H", data, pe + 20)
    opt = pe + 24
    magic, = struct.unpack_from("<H", data, opt)
    subsystem, = struct.unpack_from("<H", data, opt + 68)
    dirs = opt + (112 if magic == 0x20B else 96)
    import_rva, _size = struct.unpack_from("<II", data, dirs + 8)
    sections = []
    for i in range(nsect):
        base = opt + opt_size + 40 * i
        vsize, va, rawsize, rawptr = struct.unpack_from("<IIII", data, base + 8)
        sections.append((va, max(vsize, rawsize), rawptr))

    def off(rva: int) -> int:
        for va, size, raw in sections:
            if va <= rva < va + size:
                return rva - va + raw
        raise ValueError(f"RVA {rva:#x} outside the sections")

    names: list[str] = []
    if import_rva:
        pos = off(import_rva)
        while True:
            fields = struct.unpack_from("<IIIII", data, pos)
            if not any(fields):
                break
            start = off(fields[3])
            names.append(data[start:data.index(b"\0", start)].decode("ascii", "replace"))
            pos += 20
    return subsystem, names


def bundle_files(wheels: Iterable[Path]) -> dict[str, tuple[int, bytes | None]]:
    """dest path in the bundle's _internal -> (size, content of DLL/PYD files)."""
    files: dict[str, tuple[int, bytes | None]] = {}
    for whl in wheels:
        with zipfile.ZipFile(whl) as z:
            for info in z.infolist():
                name = info.filename
                if name.endswith("/") or ".dist-info/" in name:
                    continue
                binary = name.lower().endswith((".dll", ".pyd", ".exe"))
                files[name] = (info.file_size, z.read(info) if binary else None)
    return files


def plan_windows(files: dict[str, tuple[int, bytes | None]]) -> tuple[dict[str, int], list[str]]:
    """What PyInstaller would collect of PySide6/shiboken6: the kept Qt modules' extension
    modules, the DLLs they import (transitively, within the wheels), the Qt plugins and
    translations the plan keeps. Returns (dest -> size, problems)."""
    problems: list[str] = []
    excluded = {m.split(".", 1)[1] for m in EXCLUDES if m.startswith("PySide6.")}
    by_name = {PurePosixPath(p).name.lower(): p for p, (_s, d) in files.items() if d is not None}
    kept: dict[str, int] = {}
    todo: list[str] = []
    for path, (size, _data) in files.items():
        parts = PurePosixPath(path).parts
        if parts[0] not in ("PySide6", "shiboken6"):
            continue
        name = parts[-1]
        if name.endswith(".pyd"):
            # PyInstaller takes the extension modules the program imports, never an excluded one.
            module = name.split(".")[0]
            if module in excluded or module not in (*QT_MODULES_USED, "Shiboken"):
                continue
        is_plugin = "plugins" in parts
        if name.endswith(".pyd") or (is_plugin and name.endswith(".dll")):
            if keep(path):
                kept[path] = size
                todo.append(path)
        elif "translations" in parts and keep(path):
            kept[path] = size
    while todo:  # DLL imports of what is kept, as PyInstaller's dependency analysis would
        data = files[todo.pop()][1]
        try:
            _sub, imports = pe_info(data or b"")
        except (ValueError, struct.error) as e:
            problems.append(f"无法读取 PE 文件：{e}")
            continue
        for dll in imports:
            dep = by_name.get(dll.lower())
            if dep and dep not in kept:
                kept[dep] = files[dep][0]
                todo.append(dep)
    for module in QT_MODULES_USED:
        if not any(PurePosixPath(p).name.startswith(f"{module}.") and p.endswith(".pyd") for p in kept):
            problems.append(f"缺少 PySide6.{module}")
    need = {
        "Windows 平台插件 qwindows.dll": lambda p: p.endswith("plugins/platforms/qwindows.dll"),
        "Windows 界面风格插件（plugins/styles）": lambda p: "/plugins/styles/" in p,
        "打印支持 Qt6PrintSupport.dll": lambda p: p.endswith("Qt6PrintSupport.dll"),
        "中文翻译 qtbase_zh_CN.qm": lambda p: p.endswith("qtbase_zh_CN.qm"),
        "图片格式插件（图标）": lambda p: "/plugins/imageformats/" in p,
    }
    for what, test in need.items():
        if not any(test(p) for p in kept):
            problems.append(f"Windows 程序中缺少{what}")
    return kept, problems


def _is_linux_guard(node: ast.If) -> bool:
    return "linux" in ast.unparse(node.test) and "platform" in ast.unparse(node.test)


def check_spec(spec: Path) -> list[str]:
    """The spec's Linux-only parts are all under its Linux guard; the editor is windowed and the
    command line is a console program."""
    tree = ast.parse(spec.read_text(encoding="utf-8"))
    problems: list[str] = []

    def visit(node: ast.AST, guarded: bool) -> None:
        if isinstance(node, ast.If) and _is_linux_guard(node):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, guarded)
            return
        if not guarded:
            texts = []
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
            elif isinstance(node, ast.ImportFrom) and node.module:
                texts.append(node.module)
            for text in texts:
                hit = [m for m in LINUX_MARKERS if m in text]
                if hit:
                    problems.append(f"{spec.name} 第{node.lineno}行：Linux 专用内容（{text!r}）不在 Linux 条件下")
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(tree, False)
    exes = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "EXE":
            kw = {k.arg: k.value for k in node.keywords if k.arg}
            name = kw.get("name")
            console = kw.get("console")
            if isinstance(name, ast.Constant) and isinstance(console, ast.Constant):
                exes[name.value] = console.value
    if exes.get("nianbao") is not False:
        problems.append("编辑器 nianbao 必须是窗口程序（console=False）")
    if exes.get("nianbao-cli") is not True:
        problems.append("命令行 nianbao-cli 必须是控制台程序（console=True）")
    return problems


def check_fonts() -> list[str]:
    """Every font chain the editor and its printing use names a font Windows ships."""
    sys.path.insert(0, str(ROOT))
    from ui import appsetup, print_fonts, resources

    chains: dict[str, Iterable[str]] = {f"打印 {r.name}": c for r, c in print_fonts.CHAINS.items()}
    chains.update({name: getattr(resources, name) for name in dir(resources) if name.endswith("_FAMILIES")})
    chains["界面 UI_FAMILIES"] = appsetup.UI_FAMILIES
    return [f"字体 {name} 没有 Windows 自带的字体：{list(chain)}"
            for name, chain in chains.items() if not WINDOWS_FONTS & set(chain)]


def check_dist(dist: Path) -> list[str]:
    """On Windows, after build-windows.ps1: the real folder."""
    problems = []
    for exe, want in (("nianbao.exe", 2), ("nianbao-cli.exe", 3)):
        path = dist / exe
        if not path.exists():
            problems.append(f"缺少 {exe}")
            continue
        sub, _ = pe_info(path.read_bytes())
        if sub != want:
            problems.append(f"{exe}：子系统 {sub}，应为 {want}（2 窗口，3 控制台）")
    for rel in ("plugins/platforms/qwindows.dll", "Qt6PrintSupport.dll", "translations/qtbase_zh_CN.qm"):
        if not list(dist.rglob(PurePosixPath(rel).name)):
            problems.append(f"缺少 {rel}")
    if not [p for p in dist.rglob("*") if p.parent.name == "styles" and p.suffix == ".dll"]:
        problems.append("缺少 Windows 界面风格插件")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheels", type=Path, default=ROOT / "build" / "out" / "win-wheels")
    ap.add_argument("--check-dist", type=Path)
    args = ap.parse_args(argv)
    if args.check_dist:
        problems = check_dist(args.check_dist)
    else:
        wheels = download(args.wheels)
        print("Windows 10/11 x64 程序（build/build-windows.ps1）将包含：")
        for whl in wheels:
            print(f"  轮子 {whl.name}")
        kept, problems = plan_windows(bundle_files(wheels))
        groups: dict[str, list[tuple[str, int]]] = {}
        for path, size in sorted(kept.items()):
            parts = PurePosixPath(path).parts
            group = "/".join(parts[: parts.index("plugins") + 2]) if "plugins" in parts else parts[0]
            groups.setdefault(group, []).append((PurePosixPath(path).name, size))
        for group, items in groups.items():
            mb = sum(s for _n, s in items) / 1e6
            print(f"  {group}（{mb:.1f} MB）：{' '.join(n for n, _s in items)}")
        print(f"  Qt 部分合计 {sum(kept.values()) / 1e6:.0f} MB（另有 Python 3.11、python-docx、openpyxl、lxml）")
        print("  nianbao.exe 窗口程序（编辑器）；nianbao-cli.exe 控制台程序（check/dump/export/new）")
        left_out = sorted(m for m in EXCLUDES if not m.startswith("PySide6."))
        print(f"  不打包（build/bundle_plan.py 的 EXCLUDES，程序从不导入）：{'、'.join(left_out)}")
        problems += check_spec(ROOT / "build" / "nianbao.spec") + check_fonts()
    for p in problems:
        print(f"  不符合：{p}", file=sys.stderr)
    print("Windows 程序检查：" + ("通过" if not problems else f"{len(problems)} 个问题"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
