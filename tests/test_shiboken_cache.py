"""app.shiboken_cache: PySide imported through the cache behaves as PySide imported plainly; a
second process compiles none of shiboken's embedded sources; a corrupt or unwritable cache is only
a slower start; every other compile passes through.  Each case in a fresh interpreter: PySide is
imported once per process."""

from __future__ import annotations

import builtins
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

from app import shiboken_cache

ROOT = Path(__file__).resolve().parents[1]

# What PySide's signature support gives: the message for wrong argument types (errorhandler),
# a signature (parser, layout), an enum of the namespace; and how many embedded sources were
# compiled, here and now, rather than taken from the cache.
PROBE = """
import json, sys
from app import shiboken_cache
compiles = []
real = shiboken_cache._compile
def counting(source, filename, mode, *a, **k):
    compiles.append(filename)
    return real(source, filename, mode, *a, **k)
shiboken_cache._compile = counting
if sys.argv[1] == "ui":
    import ui
elif sys.argv[1] == "cache":
    with shiboken_cache.compiled():
        import PySide6.QtCore
else:
    import PySide6.QtCore
import builtins
import PySide6.QtCore
from PySide6.QtGui import QFont
try:
    QFont().setPointSizeF("大")
except TypeError as e:
    message = str(e)
print(json.dumps({"message": message, "signature": QFont.setPointSizeF.__doc__,
                  "enum": repr(PySide6.QtCore.Qt.AlignmentFlag.AlignLeft),
                  "compiled": len([f for f in compiles if f.startswith(("shibokensupport/", "signature_bootstrap"))]),
                  "restored": builtins.compile is real}))
"""


def probe(how: str, cache_dir: Path) -> dict[str, object]:
    env = dict(os.environ, NIANBAO_CACHE_DIR=str(cache_dir), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, how], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_pyside_through_the_cache_is_pyside(tmp_path: Path) -> None:
    plain = probe("plain", tmp_path)
    assert plain["compiled"] == 0 and not list(tmp_path.iterdir()), "no cache: shiboken compiles on its own"
    first, second = probe("cache", tmp_path), probe("cache", tmp_path)
    assert first["compiled"] >= 10, "the first process compiles shiboken's sources (and keeps them)"
    assert second["compiled"] == 0, "the next one compiles none of them"
    for got in (first, second):
        assert {k: got[k] for k in ("message", "signature", "enum")} == {
            k: plain[k] for k in ("message", "signature", "enum")}
        assert got["restored"], "builtins.compile is Python's own again"
    assert "setPointSizeF" in str(plain["message"]) and "float" in str(plain["signature"])


def test_the_ui_package_imports_qt_through_the_cache(tmp_path: Path) -> None:
    first = probe("ui", tmp_path)
    (cached,) = tmp_path.iterdir()
    stamp = cached.stat().st_mtime_ns
    second = probe("ui", tmp_path)
    assert first["compiled"] >= 10 and second["compiled"] == 0
    assert cached.stat().st_mtime_ns == stamp, "nothing new: not written again"


def test_a_corrupt_or_unwritable_cache_is_only_a_slower_start(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    where = shiboken_cache.path().name
    (corrupt / where).write_bytes(b"\x00not marshal")
    got = probe("cache", corrupt)
    assert got["compiled"] >= 10 and got["restored"]
    assert isinstance(marshal.loads((corrupt / where).read_bytes()), dict), "written anew, whole"
    assert probe("cache", corrupt)["compiled"] == 0
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    got = probe("cache", a_file / "cache")  # its folder cannot be made
    assert got["compiled"] >= 10 and got["restored"]


def test_other_compiles_pass_through(tmp_path: Path) -> None:
    with shiboken_cache.compiled(tmp_path / "c.bin") as cache:
        assert builtins.compile is not shiboken_cache._compile
        assert eval(compile("6 * 7", "<x>", "eval")) == 42
        code = compile(b"x = 1\n", "shibokensupport/other.py", "exec", dont_inherit=True)  # not as shiboken asks
        assert code.co_filename == "shibokensupport/other.py"
    assert builtins.compile is shiboken_cache._compile
    assert cache.codes == {} and not (tmp_path / "c.bin").exists()
