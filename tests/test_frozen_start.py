"""The frozen command line's start (issue 15), checked without a build: the modules `check` and
`dump` import (build/hot_modules.py, shipped as .pyc), PyInstaller's hooks run on first import
(build/rth_deferred.py), and python-docx without the template source the bundle leaves out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **env))


def test_check_and_dump_import_the_readers_and_checks_but_no_pool_and_no_qt() -> None:
    done = _run([str(BUILD / "hot_modules.py")])
    assert done.returncode == 0, done.stderr
    hot = set(done.stdout.split())
    assert {"app.cli", "app.checks", "app.docx.reader", "lxml.etree"} <= hot
    # One file is checked in this process: the pool's modules are for `check DIR` alone.
    assert not {m for m in hot if m.split(".")[0] in ("multiprocessing", "concurrent", "PySide6", "ui")}


DEFERRED = """
import json, sys
sys.path.insert(0, {build!r})
from rth_deferred import _install
_install({{"multiprocessing": "import multiprocessing; multiprocessing.HOOKED = multiprocessing.HOOKED + 1 "
                              "if hasattr(multiprocessing, 'HOOKED') else 1",
           "colorsys": "import colorsys; colorsys.HOOKED = True"}})
before = "multiprocessing" in sys.modules
import concurrent.futures.process  # imports multiprocessing: the hook runs once it has loaded
import multiprocessing
import importlib
importlib.reload(multiprocessing)  # a second execution of the module is not a first import
loader = multiprocessing.__spec__.loader
print(json.dumps({{"before": before, "hooked": multiprocessing.HOOKED, "pool": hasattr(multiprocessing, "Pool"),
                  "loader_restored": "exec_module" not in vars(loader),
                  "finders": sum(type(f).__name__ == "AfterFirstImport" for f in sys.meta_path)}}))
import colorsys
print(json.dumps({{"tool": colorsys.HOOKED,
                  "finders": sum(type(f).__name__ == "AfterFirstImport" for f in sys.meta_path)}}))
"""


def test_a_deferred_hook_runs_once_right_after_its_module_first_loads() -> None:
    done = _run(["-c", DEFERRED.format(build=str(BUILD))])
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first == {"before": False, "hooked": 1, "pool": True, "loader_restored": True, "finders": 1}
    assert second == {"tool": True, "finders": 0}  # nothing pending: the finder stepped aside


ON_FIRST_CALL = """
import json, marshal, sys
sys.path.insert(0, {build!r})
from rth_deferred import _install
HOOK = '''
import colorsys
colorsys.RUNS = getattr(colorsys, "RUNS", 0) + 1
_orig = colorsys.rgb_to_hsv
def rgb_to_hsv(*args):
    return ("hooked", _orig(*args))
colorsys.rgb_to_hsv = rgb_to_hsv
'''
_install({{"colorsys": marshal.dumps(compile(HOOK, "<colorsys hook>", "exec"))}}, {{"colorsys": "rgb_to_hsv"}})
import colorsys
early = colorsys.rgb_to_hsv  # taken before the first call (from colorsys import rgb_to_hsv)
out = {{"after_import": getattr(colorsys, "RUNS", 0), "name": early.__name__}}
out["first"] = early(1, 0, 0)
out["again"] = colorsys.rgb_to_hsv(1, 0, 0)
out["early_again"] = early(1, 0, 0)
out["runs"] = colorsys.RUNS
print(json.dumps(out))
"""


def test_a_hook_that_replaces_one_function_runs_at_its_first_call_from_compiled_code() -> None:
    """The inspect hook's way (build/nianbao.spec ON_FIRST_CALL): importing the module runs
    nothing; the first call runs the hook once, which wraps the module's own function."""
    done = _run(["-c", ON_FIRST_CALL.format(build=str(BUILD))])
    assert done.returncode == 0, done.stderr
    hooked = ["hooked", [0.0, 1.0, 1.0]]
    assert json.loads(done.stdout) == {"after_import": 0, "name": "rgb_to_hsv", "first": hooked,
                                       "again": hooked, "early_again": hooked, "runs": 1}


def test_pyinstallers_own_hooks_still_run_from_the_spec() -> None:
    """The spec defers exactly the hooks rth_deferred names; its generated hook calls _install."""
    spec = (BUILD / "nianbao.spec").read_text(encoding="utf-8")
    for hook, module in (("pyi_rth_multiprocessing", "multiprocessing"), ("pyi_rth_pkgutil", "pkgutil"),
                         ("pyi_rth_inspect", "inspect")):
        assert f'"{hook}": "{module}"' in spec
    assert 'ON_FIRST_CALL = {"inspect": "getsourcefile"}' in spec
    entry = (BUILD / "entry.py").read_text(encoding="utf-8")
    assert "--multiprocessing-fork" in entry and "freeze_support()" in entry


def test_python_docx_writes_without_its_template_source(tmp_path: Path) -> None:
    """The bundle leaves out docx/templates/default-docx-template (build/bundle_plan.py): new
    reports, exports and python-docx's default document, headers and footers work without it."""
    sys.path.insert(0, str(BUILD))
    try:
        from bundle_plan import keep_data
    finally:
        sys.path.remove(str(BUILD))
    package = Path(docx.__file__).parent
    copy = tmp_path / "lib" / "docx"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    dropped = [p for p in copy.rglob("*") if p.is_file()
               and not keep_data(p.relative_to(copy.parent).as_posix())]
    assert dropped and all("default-docx-template" in p.parts for p in dropped)
    shutil.rmtree(copy / "templates" / "default-docx-template")
    assert keep_data("docx/templates/default.docx") and keep_data("docx/templates/default-footer.xml")

    out = tmp_path / "out"
    out.mkdir()
    script = f"""
import sys
sys.path.insert(0, {str(copy.parent)!r})
import docx
assert docx.__file__.startswith({str(copy.parent)!r}), docx.__file__
d = docx.Document()
d.sections[0].header.paragraphs[0].text = "页眉"
d.sections[0].footer.paragraphs[0].text = "页脚"
d.settings
d.styles
d.save({str(out / "plain.docx")!r})
from app.cli import main
assert main(["export", {str(SAMPLE)!r}, "--to", {str(out / "e.docx")!r}]) == 0
assert main(["new", "--from", {str(SAMPLE)!r}, "--to", {str(out / "n.docx")!r}]) == 0
"""
    done = _run(["-c", script])
    assert done.returncode == 0, done.stderr
    back = docx.Document(str(out / "plain.docx"))
    assert back.sections[0].header.paragraphs[0].text == "页眉"
    assert back.sections[0].footer.paragraphs[0].text == "页脚"
    dumped = _run(["-m", "app", "dump", str(out / "e.docx")])
    assert '"year": 2021' in dumped.stdout, dumped.stderr


CTYPES = """
import json, marshal, sys, types
sys.path.insert(0, {build!r})
# PyInstaller's pyimod03_ctypes, as its bootstrap leaves it in sys.modules: install() wraps ctypes.CDLL.
stand_in = types.ModuleType("pyimod03_ctypes")
def install():
    import ctypes
    class PyInstallerCDLL(ctypes.CDLL):
        pass
    ctypes.CDLL = PyInstallerCDLL
    stand_in.calls = getattr(stand_in, "calls", 0) + 1
stand_in.install = install
sys.modules["pyimod03_ctypes"] = stand_in
from rth_deferred import BOOTSTRAP_FIX, CTYPES_HOOK, _install
_install({{"ctypes": marshal.dumps(compile(CTYPES_HOOK, "<ctypes hook>", "exec"))}})
at_start = "ctypes" in sys.modules
from ctypes import CDLL  # the first import: wrapped before the importer hands the module out
import ctypes.util
print(json.dumps({{"at_start": at_start, "cdll": CDLL.__name__, "calls": stand_in.calls,
                  "bootstrap_call_dropped": "import pyimod03_ctypes" in BOOTSTRAP_FIX[0]
                                            and "import " not in BOOTSTRAP_FIX[1]}}))
"""


def test_ctypes_is_wrapped_for_the_bundle_when_first_imported_not_at_every_start() -> None:
    """PyInstaller's bootstrap imported ctypes at every start to wrap its loaders (2% of a frozen
    `check`): the spec drops that call (BOOTSTRAP_FIX) and CTYPES_HOOK makes it on first import."""
    done = _run(["-c", CTYPES.format(build=str(BUILD))])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"at_start": False, "cdll": "PyInstallerCDLL", "calls": 1,
                                       "bootstrap_call_dropped": True}
    done = _run([str(BUILD / "hot_modules.py")])
    assert done.returncode == 0, done.stderr
    assert "ctypes" not in done.stdout.split()  # check and dump never import it: it stays in the archive


PATHS = """
import json, runpy, sys
sys._MEIPASS = {meipass!r}
sys.path[:0] = [{meipass!r} + "/base_library.zip", {meipass!r}]
runpy.run_path({hook!r})
import basemod
print(json.dumps({{"from": basemod.WHERE, "last": sys.path[-1].endswith("base_library.zip")}}))
"""


def test_after_start_the_programs_folder_serves_a_module_before_base_library_zip(tmp_path: Path) -> None:
    """build/rth_paths.py: a module both in base_library.zip and in the folder (as the spec ships
    what `check` imports of it) comes from the folder's .pyc, not through zipimport."""
    import py_compile
    import zipfile

    for where in ("zip", "folder"):
        src = tmp_path / f"{where}.py"
        src.write_text(f"WHERE = {where!r}\n", encoding="utf-8")
        py_compile.compile(str(src), cfile=str(tmp_path / f"{where}.pyc"), doraise=True)
    with zipfile.ZipFile(tmp_path / "base_library.zip", "w") as z:
        z.write(tmp_path / "zip.pyc", "basemod.pyc")
    (tmp_path / "folder.pyc").rename(tmp_path / "basemod.pyc")
    for p in tmp_path.glob("*.py"):
        p.unlink()
    done = _run(["-S", "-c", PATHS.format(meipass=str(tmp_path), hook=str(BUILD / "rth_paths.py"))])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"from": "folder", "last": True}
