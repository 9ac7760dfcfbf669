"""Start-up: the methods ``dataclasses`` writes for every dataclass, compiled once, not at every start.

Python 3.11's ``dataclasses`` makes each class's ``__init__``, ``__eq__``, ``__hash__``… by
compiling generated source text with ``exec``; the editor creates some forty dataclasses before
its window holds a report, and compiling their methods is ~15 ms of every start.  The source
text alone decides the code (the class's namespace is given when the code runs), so the
compiled code is kept, as ``.pyc`` files keep a module's, in a cache file keyed by the text and
the Python version.  ``install()`` makes ``dataclasses`` compile through the cache; a missing,
unreadable or corrupt cache is only a slower start, and it is written once, at exit, when a
class was new.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

MAX_ENTRIES = 4000  # the program's classes, over several versions; beyond that it starts over
# Bytecode and re's programs are per Python build: each cache file names the one it is for.
VERSION = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}-{sys.hexversion}"


def cache_file() -> Path:
    """Beside the user's other caches (NIANBAO_CACHE_DIR for tests and portable installs)."""
    base = os.environ.get("NIANBAO_CACHE_DIR")
    if base:
        return Path(base) / f"dataclasses-{VERSION}.bin"
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "nianbao"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nianbao"
    return root / f"dataclasses-{VERSION}.bin"


def load(path: Path) -> Any:
    """What ``save`` wrote to ``path``; None when there is none or it is not marshal data."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # none yet, or not ours: compiled as usual, written anew


def save(path: Path, value: Any) -> None:
    """``value`` marshalled into ``path`` whole, under a temporary name first: another instance
    may write at once, and a reader sees the old file or the new one, never half.  A read-only
    home (or a value marshal refuses) leaves the old file: the next start compiles again."""
    import tempfile  # here: with shutil and random it is ~2 ms of every start, and saving is rare

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(value))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass


class _Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = {}
        self.new = False
        self.hits = 0
        loaded = load(path)
        if isinstance(loaded, dict) and all(isinstance(v, CodeType) for v in loaded.values()):
            self.codes = loaded

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            code = self.codes.get(source)
            if code is None:
                code = compile(source, "<string>", "exec")
                if len(self.codes) >= MAX_ENTRIES:
                    self.codes = {}
                self.codes[source] = code
                self.new = True
            else:
                self.hits += 1
            source = code
        builtins.exec(source, globals, locals)

    def save(self) -> None:
        if self.new:
            save(self.path, self.codes)
            self.new = False


_installed: _Cache | None = None


def install(path: Path | None = None) -> _Cache:
    """From now on, dataclasses compile their methods through the cache (once per process)."""
    global _installed
    if _installed is None:
        _installed = _Cache(path or cache_file())
        dataclasses.exec = _installed.exec  # type: ignore[attr-defined]  # the module's name for exec
        atexit.register(_installed.save)
    return _installed
