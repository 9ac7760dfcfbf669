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
_VERSION = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}-{sys.hexversion}"


def cache_file() -> Path:
    """Beside the user's other caches (NIANBAO_CACHE_DIR for tests and portable installs)."""
    base = os.environ.get("NIANBAO_CACHE_DIR")
    if base:
        return Path(base) / f"dataclasses-{_VERSION}.bin"
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "nianbao"
    else:
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nianbao"
    return root / f"dataclasses-{_VERSION}.bin"


class _Cache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = {}
        self.new = False
        self.hits = 0
        try:
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict) and all(isinstance(v, CodeType) for v in loaded.values()):
                self.codes = loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass  # none yet, or not ours: compiled as usual, written anew

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
        if not self.new:
            return
        import tempfile  # here: with shutil and random it is ~2 ms of every start, and saving is rare

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".dataclasses-")
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(self.codes))
            os.replace(tmp, self.path)  # another instance may write at once: whole files only
        except OSError:
            pass  # a read-only home: the next start compiles again
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
