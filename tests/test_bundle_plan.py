"""The lean Linux bundle's plan (build/bundle_plan.py, build/icu_subset.py), checked without a build.

What the spec leaves out must be what the program never imports: the command line and the PDF
reader are run here with those modules made unimportable. The ICU data subset is tried with the
venv's own Qt: the wheel's libicudata with its package replaced by the subset, in front of Qt
through LD_LIBRARY_PATH."""

from __future__ import annotations

import ast
import fnmatch
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import build_module
from tests.test_webcopy import page as web_page

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"
WEB_COPY = ROOT / "tests" / "data" / "xiaogang-2021.txt"  # the published page's text


plan = build_module("bundle_plan")
icu = build_module("icu_subset")


# -- the allow-list and the budget ------------------------------------------------------------------

def _dist(tmp_path: Path, files: dict[str, int]) -> Path:
    dist = tmp_path / "nianbao"
    for rel, size in files.items():
        path = dist / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * size)
    return dist


def test_a_listed_folder_within_budget_passes(tmp_path: Path) -> None:
    dist = _dist(tmp_path, {"nianbao": 1000, "_internal/libpython3.11.so.1.0": 500,
                            "_internal/python3.11/lib-dynload/zlib.cpython-311-x86_64-linux-gnu.so": 10,
                            "_internal/pdfminer/cmap/UniGB-UCS2-H.json.gz": 10})
    (dist / "nianbao-cli").symlink_to("nianbao")
    size, problems = plan.check_bundle(dist)
    assert problems == []
    assert size == 1520 + len("nianbao")  # the link counts as itself, not as its target


def test_an_unlisted_file_and_an_overweight_folder_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dist = _dist(tmp_path, {"nianbao": 1000, "_internal/PIL/_imaging.cpython-311-x86_64-linux-gnu.so": 300,
                            "_internal/pdfminer/cmap/to-unicode-Adobe-Japan1.json.gz": 5})
    monkeypatch.setattr(plan, "BUDGET_BYTES", 1200)
    _size, problems = plan.check_bundle(dist)
    assert any("_internal/PIL/_imaging" in p for p in problems)
    assert any("Adobe-Japan1" in p for p in problems)
    assert any("超过预算" in p for p in problems)
    assert not any(p.endswith("nianbao（0.00 MB）") for p in problems)


def test_every_kept_item_says_why() -> None:
    assert all(len(reason) > 10 for reason in plan.KEEP.values())


def test_only_the_mainland_pdf_cmaps_are_kept() -> None:
    assert plan.keep_data("pdfminer/cmap/UniGB-UCS2-H.json.gz")
    assert plan.keep_data("pdfminer/cmap/to-unicode-Adobe-GB1.json.gz")
    assert not plan.keep_data("pdfminer/cmap/to-unicode-Adobe-Japan1.json.gz")
    assert not plan.keep_data("pdfminer/cmap/UniCNS-UTF16-H.json.gz")
    assert plan.keep_data("docx/templates/default.docx")


# -- what is left out is never imported -------------------------------------------------------------

def _imported(folder: Path) -> set[str]:
    """Every module named by an import statement in ``folder``'s code, at any depth of the code."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_our_code_imports_is_left_out_of_the_bundle() -> None:
    """lxml.html was left out while the web-copy reader imported it: the frozen program read no
    .html or .txt copy at all ("文件结构异常（ModuleNotFoundError）")."""
    imported = _imported(ROOT / "app") | _imported(ROOT / "ui")
    left_out = sorted(name for name in imported for m in plan.EXCLUDES if name == m or name.startswith(m + "."))
    assert left_out == []


BLOCKED_RUN = """
import importlib.abc, json, sys
sys.path.insert(0, {build!r})
from bundle_plan import EXCLUDES
blocked = [m for m in EXCLUDES if not m.startswith("PySide6.")]

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == m or name.startswith(m + ".") for m in blocked):
            raise ImportError(f"left out of the bundle: {{name}}")
        return None

sys.meta_path.insert(0, Block())
from app.cli import main
codes = [main(args) for args in {commands!r}]

# Where each compiled module these commands loaded lies in the one-folder program.
import importlib.machinery, os
ext = set()
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None) or ""
    if not f.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        continue
    if os.path.basename(os.path.dirname(f)) == "lib-dynload":
        ext.add("_internal/python3.11/lib-dynload/" + os.path.basename(f))
    else:
        site = max((p for p in sys.path if p and f.startswith(os.path.join(p, ""))), key=len)
        ext.add("_internal/" + os.path.relpath(f, site).replace(os.sep, "/"))
print(json.dumps({{"codes": codes, "qt": sorted(m for m in sys.modules if m.startswith("PySide6")),
                  "ext": sorted(ext)}}))
"""


# Compiled modules the bundle's own Python does not have (build/python.sh builds no bz2, lzma or
# OpenSSL): the standard library imports them only where it can do without (zipfile, shutil,
# urllib; hashlib then takes its own _md5/_sha* modules).
NOT_BUILT = {"_bz2", "_lzma", "_ssl", "_hashlib"}


def test_the_command_line_runs_without_what_the_bundle_leaves_out(tmp_path: Path) -> None:
    """check, dump (of a .docx and of the report's PDF: pdfminer without Pillow/pypdfium2), new and
    export to .docx/.xlsx, with every excluded module unimportable: none is needed, none loads Qt."""
    pdf = tmp_path / "p.pdf"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-m", "app", "export", str(SAMPLE), "--to", str(pdf)], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=300)
    page = tmp_path / "page.html"  # a published page saved from the browser
    page.write_text(web_page({}), encoding="utf-8")
    big5 = tmp_path / "big5.txt"  # a traditional-script page: read, and refused with why
    big5.write_bytes("某縣人民政府2024年政府資訊公開工作年度報告\n一、總體情況\n"
                     "本年度，我縣堅持以習近平新時代中國特色社會主義思想為指導，認真貫徹執行條例。\n".encode("big5"))
    commands = [["check", str(SAMPLE)], ["dump", str(SAMPLE)], ["dump", str(pdf)],
                ["export", str(SAMPLE), "--to", str(tmp_path / "o.docx")],
                ["export", str(SAMPLE), "--to", str(tmp_path / "o.xlsx")],
                ["new", "--from", str(SAMPLE), "--to", str(tmp_path / "n.docx")],
                ["dump", str(WEB_COPY)], ["dump", str(page)], ["dump", str(tmp_path / "o.xlsx")],
                ["dump", str(big5)]]
    code = BLOCKED_RUN.format(build=str(BUILD), commands=commands)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=env)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["codes"] == [1, 0, 0, 0, 0, 0, 0, 0, 0, 2], done.stderr  # check: the sample has errors
    assert "繁体字网页（Big5 编码）" in done.stderr and "Error" not in done.stderr, done.stderr
    assert done.stdout.count('"year": 2021') == 4  # the .docx, PDF, text copy and .xlsx read as the report
    assert done.stdout.count('"year": 2023') == 1  # the saved page
    assert result["qt"] == []
    # Each compiled module they load is one the bundle keeps: ffb25af let Python load Big5's
    # codecs and lxml.html, but KEEP did not name _codecs_tw/_codecs_hk, and the build stopped.
    assert "_internal/python3.11/lib-dynload/_codecs_tw.cpython-311-x86_64-linux-gnu.so" in result["ext"]
    unkept = [f for f in result["ext"] if not any(fnmatch.fnmatchcase(f, k) for k in plan.KEEP)
              and f.split("/")[-1].split(".")[0] not in NOT_BUILT]
    assert unkept == [], unkept


def test_a_module_whose_compiled_half_the_bundles_python_lacks_is_left_out() -> None:
    """bz2 and lzma can only raise ImportError in the bundle (no _bz2, _lzma): zipfile and shutil try
    them at every start, and shipped, each was unpacked from the archive and run up to its error."""
    wrappers = {"_bz2": "bz2", "_lzma": "lzma"}
    assert set(wrappers) <= NOT_BUILT
    assert set(wrappers.values()) <= set(plan.EXCLUDES)


# -- the ICU data subset ----------------------------------------------------------------------------

def _package(items: dict[str, bytes]) -> bytes:
    """An ICU common data package: a 32-byte header, the table of contents, the items."""
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + struct.pack("<HHBBBB", 20, 0, 0, 0, 2, 0) + b"CmnD"
    header += bytes(32 - len(header))
    names = sorted(items)
    table = 4 + 8 * len(names)
    blob = b"".join(n.encode() + b"\0" for n in names)
    at = (table + len(blob) + 15) & ~15
    toc, body, name_at = struct.pack("<I", len(names)), b"", table
    for n in names:
        toc += struct.pack("<II", name_at, at + len(body))
        name_at += len(n) + 1
        body += items[n] + bytes(-len(items[n]) % 16)
    return header + toc + blob + bytes(at - len(toc) - len(blob)) + body


def _items(package: bytes) -> dict[str, bytes]:
    toc, = struct.unpack_from("<H", package, 0)
    count, = struct.unpack_from("<I", package, toc)
    entries = [struct.unpack_from("<II", package, toc + 4 + 8 * i) for i in range(count)]
    out = {}
    for i, (name_at, data_at) in enumerate(entries):
        assert (toc + data_at) % 16 == 0
        name = package[toc + name_at:package.index(b"\0", toc + name_at)].decode()
        end = entries[i + 1][1] if i + 1 < count else len(package) - toc
        out[name] = package[toc + data_at:toc + end]
    assert list(out) == sorted(out)
    return out


def test_the_subset_keeps_the_chinese_and_english_locales_and_drops_the_rest() -> None:
    items = {f"icudt73l/{n}": bytes([i + 1]) * (i + 3) for i, n in enumerate([
        "zh.res", "zh_Hans_CN.res", "en.res", "en_GB.res", "root.res", "de.res", "ja_JP.res", "res_index.res",
        "pool.res", "supplementalData.res", "cnvalias.icu", "gb18030.cnv", "windows-936-2000.cnv",
        "ibm-943_P15A-2003.cnv", "coll/zh.res", "coll/ucadata.icu", "coll/ko.res", "brkitr/cjdict.dict",
        "brkitr/char.brk", "translit/root.res", "zone/zh.res", "zone/fr.res", "unames.icu"])}
    package = _package(items)
    data, kept, total = icu.subset(package)
    got = _items(data)
    assert total == len(items) and kept == len(got)
    assert set(got) == {f"icudt73l/{n}" for n in [
        "zh.res", "zh_Hans_CN.res", "en.res", "en_GB.res", "root.res", "res_index.res", "pool.res",
        "supplementalData.res", "cnvalias.icu", "gb18030.cnv", "windows-936-2000.cnv", "coll/zh.res",
        "coll/ucadata.icu", "brkitr/char.brk", "zone/zh.res", "unames.icu"]}
    for name, data_ in got.items():
        assert data_.rstrip(b"\0") == items[name]  # the items themselves, byte for byte
    assert data[:32] == package[:32]


def _qt_icu_lib() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "lib" / "libicudata.so.73"


PROBE = """
import functools, json
from PySide6.QtCore import QCollator, QDate, QLocale, QStringDecoder
zh = QLocale("zh_CN")
c = QCollator(zh)
words = ["政府", "阿明", "张三", "公开", "李四", "王五", "Zeta", "alpha"]
maps = [l.split()[-1] for l in open("/proc/self/maps") if "libicudata" in l]
print(json.dumps({
    "sorted": sorted(words, key=functools.cmp_to_key(c.compare)),
    "date": zh.toString(QDate(2024, 3, 31), QLocale.FormatType.LongFormat),
    "days": [zh.dayName(d) for d in range(1, 8)],
    "language": zh.nativeLanguageName() + zh.nativeTerritoryName(),
    "upper": QLocale("en_US").toUpper("straße"),
    "gb18030": QStringDecoder("GB18030").isValid(), "gbk": QStringDecoder("GBK").isValid(),
    "icudata": maps[0] if maps else "",
}, ensure_ascii=False))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _qt_icu_lib().exists(),
                    reason="PySide6 wheel without ICU (not Linux)")
def test_qt_with_the_icu_subset_sorts_and_formats_chinese_as_with_all_the_data(tmp_path: Path) -> None:
    lib = _qt_icu_lib()
    original = lib.read_bytes()
    _name, at, size = icu.elf_symbol(original, icu.SYMBOL)
    data, kept, total = icu.subset(original[at:at + size])
    assert len(data) < size / 4 and kept < total
    # The wheel's library with the subset in place of its package (the rest zeros): what the
    # bundle's smaller library holds, loaded in front of the wheel's.
    (tmp_path / lib.name).write_bytes(original[:at] + data + bytes(size - len(data)) + original[at + size:])

    def probe(env: dict[str, str]) -> dict[str, object]:
        done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env))
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    full = probe({})
    cut = probe({"LD_LIBRARY_PATH": str(tmp_path)})
    assert cut.pop("icudata") == str(tmp_path / lib.name)
    assert full.pop("icudata") == str(lib)
    assert cut == full
    assert cut["sorted"][:6] == ["阿明", "公开", "李四", "王五", "张三", "政府"]  # pinyin order
    assert cut["gb18030"] and cut["gbk"]
