"""The editor's start through app/compile_cache.py: the cache held from app.launch (before the
file's child is forked: the child inherits it and writes what it added) until ui.main.first_window
has the window complete, so that a second start compiles none of the patterns the window's
modules, nor the child's reader and checks, compile as they import; and shiboken's
look at every module imported after PySide (is "PySide6" in its source?) answered from the file,
the same answer as shiboken's own for every module and for the odd ones (another encoding, no
file, a file gone since)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_compile_cache import COUNT_PATTERNS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "xiaogang-2021.docx"

# `python -m app FILE` as it starts, with the compile cache watched: what is held when the file's
# child is forked, how many patterns were compiled afresh (not from the cache) by the time the
# window is complete, who releases the cache and whether compile is Python's own again after.
START = COUNT_PATTERNS + """
import builtins, re
from app import prefetch
seen = {}
start = prefetch.start
def spying_start(path):
    seen["held at the fork"] = bool(compile_cache._held)
    return start(path)
prefetch.start = spying_start
release = compile_cache.release
def spying_release():
    seen.setdefault("held", bool(compile_cache._held))
    seen.setdefault("released by", sys._getframe(1).f_code.co_name)
    seen.setdefault("fresh", len(patterns))
    release()
    seen.setdefault("restored", builtins.compile is compile_cache._compile and re._compiler.compile is real_pattern)
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import QTimer
    # Quit once the window has taken the child's report, not at once: a child whose report nobody
    # took is ended with the editor, unsaved (app.prefetch_child.leave_with_parent), and on a busy
    # machine the window can be complete before the child has read the file.
    def quit_once_taken():
        if prefetch.pending():
            QTimer.singleShot(10, quit_once_taken)
        else:
            QApplication.exit(0)
    QTimer.singleShot(0, quit_once_taken)
compile_cache.release = spying_release
from app.launch import main
main([sys.argv[1]])
print(json.dumps(seen), flush=True)
"""


def _start(tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), NIANBAO_CACHE_DIR=str(tmp_path / "cache"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", START, str(SAMPLE)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_start_holds_the_cache_until_the_window_is_complete(tmp_path: Path) -> None:
    first, second = _start(tmp_path), _start(tmp_path)
    for got in (first, second):
        assert got["held at the fork"] is True, "the modules both processes import before the fork come from the cache"
        assert got["held"] is True and got["released by"] == "first_window", got
        assert got["restored"] is True, "builtins.compile and re's compiler are Python's own again"
    assert int(first["fresh"]) >= 3, "the first start compiles the patterns its modules declare (and keeps them)"  # type: ignore[call-overload]
    assert second["fresh"] == 0, "the next start compiles none of them"


def test_the_child_writes_the_patterns_it_compiled_into_the_held_cache(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The reading child inherits the editor's held cache at the fork; what its reader and checks
    compiled (modules the editor itself never imports at the start) is in the file after the
    first start, so the next start's child compiles none of them either."""
    import re
    import time

    from app import compile_cache
    from app.docx import captions

    child_only = {v.pattern for v in vars(captions).values() if isinstance(v, re.Pattern)}
    assert child_only, "the reader's app.docx.captions declares its patterns at import"
    _start(tmp_path)
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cache"))
    written: set[object] = set()
    for _ in range(100):  # the child writes once its result is delivered: it may outlive the window
        written = {key[0] for key in compile_cache.Cache(compile_cache.path()).programs}
        if child_only <= written:
            break
        time.sleep(0.1)
    assert child_only <= written, sorted(child_only - written)  # type: ignore[type-var]


def test_release_without_hold_and_a_second_hold_change_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import builtins
    import re

    from app import compile_cache

    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    plain = builtins.compile
    compile_cache.release()
    assert builtins.compile is plain and not compile_cache._held
    compile_cache.hold()
    compile_cache.hold()
    try:
        assert len(compile_cache._held) == 1 and builtins.compile is not plain
        pattern = re.compile(r"start25-only-(\d+)-here")
    finally:
        compile_cache.release()
    assert builtins.compile is plain and not compile_cache._held
    compile_cache.release()
    assert builtins.compile is plain
    again = compile_cache.Cache(compile_cache.path())
    assert (pattern.pattern, 0) in again.programs, "written at release"


# Every module the editor has (all of app/ and ui/ imported) and a few odd ones: shiboken's own
# answer and the quick one, module by module.
SAME = r"""
import importlib, json, pkgutil, sys, types
from pathlib import Path
import ui, app
from app import compile_cache
feature = sys.modules["shibokensupport.feature"]
quick = feature._mod_uses_pyside
installed = hasattr(quick, "original")
original = quick.original
for package in (app, ui):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name not in ("app.__main__", "app.prefetch_child"):
            importlib.import_module(info.name)
folder = Path(sys.argv[1])
sys.path.insert(0, str(folder))
(folder / "gbk_mod.py").write_bytes("# -*- coding: gbk -*-\n# 用 PySide6 的模块\nX = 1\n".encode("gbk"))
(folder / "plain_mod.py").write_text("X = 'no Qt here'\n", encoding="utf-8")
(folder / "gone_mod.py").write_text("X = 'PySide6'\n", encoding="utf-8")
(folder / "bad_mod.py").write_bytes(b"# -*- coding: no-such-codec -*-\n")
odd = [importlib.import_module(n) for n in ("gbk_mod", "plain_mod", "gone_mod")]
(folder / "gone_mod.py").unlink()
bad = types.ModuleType("bad_mod")
bad.__file__ = str(folder / "bad_mod.py")
bad.__spec__ = importlib.util.spec_from_file_location("bad_mod", bad.__file__)
odd += [bad, types.ModuleType("no_file"), sys]
# A module named as one of Python's own, but not from its library (first on the path): read.
(folder / "tabnanny.py").write_text("X = 'PySide6'\n", encoding="utf-8")
odd.append(importlib.import_module("tabnanny"))
different = [m.__name__ for m in [*sys.modules.values(), *odd] if quick(m) != original(m)]
import builtins
opened = []
real_open = builtins.open
builtins.open = lambda file, *a, **k: (opened.append(str(file)), real_open(file, *a, **k))[1]
try:
    for name in ("wave", "plistlib", "gbk_mod"):  # two of Python's own library not imported yet
        quick(sys.modules.get(name) or importlib.import_module(name))
finally:
    builtins.open = real_open
print(json.dumps({"installed": installed, "modules": len(sys.modules), "different": different,
                  "ours": sum(quick(m) for n, m in sys.modules.items() if n.startswith(("app.", "ui."))),
                  "odd": [quick(m) for m in odd], "read": [Path(f).name for f in opened]}))
"""


def test_the_quick_pyside_check_answers_as_shibokens_own(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), NIANBAO_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run([sys.executable, "-c", SAME, str(tmp_path)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["installed"], "ui/__init__ installs it once PySide is imported"
    assert got["modules"] > 300 and got["different"] == []
    assert got["ours"] >= 40, "the ui modules use PySide"
    # gbk: a cookie, decoded as shiboken does; plain: none; gone: no file (shiboken's answer);
    # an unknown codec, a module without a file, a built-in: shiboken's own; a tabnanny.py of
    # the path's, not Python's: read.
    assert got["odd"] == [True, False, False, False, False, False, True]
    # Python's own library is answered without reading its files; the others are read.
    assert got["read"] == ["gbk_mod.py"]
