"""Start-up: the Python that PySide carries inside its library, compiled once, not at every start.

shiboken6 (the 6.9 we pin) keeps its signature support — 14 modules, ~140 kB of source — as
text in a zip inside libshiboken, and compiles it with ``compile()`` every time PySide6 is
imported: ~20 ms of each process that loads Qt (the editor's start, `export --to .pdf`).  While
PySide6 is imported, ``compiled()`` routes those compiles through a cache file, as Python's own
``__pycache__`` does for modules on disk and app/dataclass_cache.py for dataclasses' methods:
keyed by the file name, the whole source text and the Python version, so another PySide's text
is compiled anew.  Every other ``compile`` passes through untouched.  A missing, unreadable or
corrupt cache is only a slower start; it is written (whole, under a temporary name) when a
source was new.  Nothing here imports Qt: the caller imports PySide6 inside the ``with``.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import CodeType
from typing import Any

from app.dataclass_cache import cache_file

_VERSION = f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}-{sys.hexversion}"
# The file names shiboken gives the sources it compiles from its embedded zip.
_EMBEDDED = ("shibokensupport/", "signature_bootstrap.py")
MAX_ENTRIES = 200  # a few PySide versions' worth (14 each); beyond that it starts over


def path() -> Path:
    """Beside the dataclass cache (NIANBAO_CACHE_DIR, else the user's cache folder)."""
    return cache_file().with_name(f"shiboken-{_VERSION}.bin")


class Cache:
    def __init__(self, where: Path) -> None:
        self.where = where
        self.codes: dict[tuple[str, bytes], CodeType] = {}
        self.hits = 0
        self.new = 0
        try:
            loaded = marshal.loads(where.read_bytes())
            if isinstance(loaded, dict) and all(isinstance(v, CodeType) for v in loaded.values()):
                self.codes = loaded
        except (OSError, ValueError, EOFError, TypeError):
            pass  # none yet, or not ours: compiled as usual, written anew

    def compile(self, source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        """``compile``, from the cache for shiboken's embedded sources (compiled as given)."""
        if (args or kwargs or mode != "exec" or not isinstance(source, bytes) or not isinstance(filename, str)
                or not filename.startswith(_EMBEDDED)):
            return _compile(source, filename, mode, *args, **kwargs)
        key = (filename, source)
        code = self.codes.get(key)
        if code is not None:
            self.hits += 1
            return code
        code = _compile(source, filename, mode)
        if len(self.codes) >= MAX_ENTRIES:
            self.codes = {}
        self.codes[key] = code
        self.new += 1
        return code

    def save(self) -> None:
        if not self.new:
            return
        import tempfile  # shiboken6 imports it anyway: no cost once PySide is in

        try:
            self.where.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.where.parent, prefix=".shiboken-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(marshal.dumps(self.codes))
                os.replace(tmp, self.where)  # another instance may write at once: whole files only
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            pass  # a read-only home: the next start compiles again
        self.new = 0


_compile = builtins.compile


@contextmanager
def compiled(where: Path | None = None) -> Iterator[Cache]:
    """Import PySide6 inside: shiboken's embedded sources are compiled through the cache."""
    cache = Cache(where or path())
    previous = builtins.compile
    builtins.compile = cache.compile
    try:
        yield cache
    finally:
        builtins.compile = previous
        cache.save()
