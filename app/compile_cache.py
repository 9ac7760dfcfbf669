"""What Python compiles afresh in every process, compiled once: PySide's embedded Python and the
regular expressions an import or an `export --to .pdf` compiles.

shiboken6 (the 6.9 we pin) keeps its signature support — 14 modules, ~140 kB of source — as
text in a zip inside libshiboken and compiles it with ``compile()`` at every ``import PySide6``
(~20 ms), and those modules compile five large regular expressions as they load (~15 ms); the
export's reader and print path compile some sixty small ones (~10 ms).  Inside ``compiled()``
both are kept in a cache file, as Python's own ``__pycache__`` keeps modules on disk and
app/dataclass_cache.py the dataclasses' methods.  The editor's start holds it (``hold()`` in
app/launch.py, after the file's child is forked, to ``release()`` once the window is complete,
in ui/main.py): whatever pattern a module imported meanwhile compiles at import comes from it,
whichever module it is:

- code: shiboken's embedded sources only, keyed by file name and the whole source text;
- regular expressions: what ``re`` hands its C engine (``_sre.compile``'s arguments: the
  pattern's compiled program, its groups), keyed by the pattern and flags, kept only when the
  pattern rebuilt from them equals the one ``re`` made.  Python's own parser and code
  generator are the slow part; the engine checks every program it is given.  Only our own and
  libraries' patterns are compiled where it is used (ui/__init__, the command line's export),
  never a user's search.

Each entry is kept marshalled in the file and unmarshalled only when it is used: the window's
process needs shiboken's code and a few patterns, the file's reading child the checks' patterns
and none of shiboken's; unmarshalling the whole file in both cost each of them what the other
needed (~0.5 MB).  The file is per Python version (bytecode and ``re``'s programs are); anything not seen is
compiled as usual, every other ``compile`` passes through untouched, and a ``compiled()``
inside another uses the outer one's cache.  A missing, unreadable or corrupt cache is only a
slower start; it is written (whole, under a temporary name) when something was new, with what
another process wrote since this one read it.  ``stepwise`` is the same for work sliced between
a window's events (the checks' warm-up).  Only the thread that entered the cache compiles
through it: ``compile`` and re's code generator are process-wide, and a worker thread's pattern
(a user's search, a file's reader) compiled meanwhile passes through untouched.  Nothing here
imports Qt.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's C engine
import builtins
import io
import marshal
import os
import re
import sys
import threading
import tokenize
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from pathlib import Path
from re import _compiler  # type: ignore[attr-defined]  # re's code generator (sre_compile)
from types import CodeType, ModuleType
from typing import Any

from app.dataclass_cache import VERSION, cache_file, file_mark, load, locked, read_marked, save

# The file names shiboken gives the sources it compiles from its embedded zip.
_EMBEDDED = ("shibokensupport/", "signature_bootstrap.py")
# Of those, modules run at their first use instead of at ``import PySide6`` (``_deferred``): the
# .pyi stub writer (pyside6-genpyi's) comes with the signature support, and running it imports
# argparse, logging, gettext and string and builds its classes: ~2.5 ms and ~190 page faults of
# every start, for a tool the program never calls.  No other module reads it as it loads.
DEFERRED = frozenset({"shibokensupport/signature/lib/pyi_generator.py"})
# A deferred module's code: a module-level __getattr__ (PEP 562) that runs the real source in
# the module's own namespace at the first name asked of it (``from m import x`` included), then
# gives that name.  ``dont_inherit`` passes it by the cache's compile (only plain calls are kept).
_DEFERRED_CODE = """\
def __getattr__(name):
    namespace = globals()
    del namespace["__getattr__"]
    exec(compile({source!r}, {filename!r}, "exec", dont_inherit=True), namespace)
    if name in namespace:
        return namespace[name]
    raise AttributeError(f"module {{__name__!r}} has no attribute {{name!r}}")
"""
MAX_ENTRIES = 1000  # a few versions' worth (~100 each); beyond that it starts over

Program = tuple[Any, int, list[int], int, dict[str, int], tuple[Any, ...]]  # _sre.compile's arguments


_NAME = f"compiled-v2-{VERSION}.bin"
_OLD_NAME = f"compiled-{VERSION}.bin"  # the layout of before, every value unmarshalled at once: removed at a save


def path() -> Path:
    """Beside the dataclass cache (NIANBAO_CACHE_DIR, else the user's cache folder)."""
    return cache_file().with_name(_NAME)


class _Recorder:
    """Stands in for ``_sre`` inside ``re._compiler`` during one compile: what it passes to
    ``_sre.compile`` is recorded; everything else is the engine's own."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, *args: Any) -> Any:
        self.args = args
        return _sre.compile(*args)


class Cache:
    def __init__(self, where: Path) -> None:
        self.where = where
        # Values marshalled, as in the file (unmarshalled at use, _code and _stored_program).
        self.codes: dict[tuple[str, bytes], bytes] = {}
        self.programs: dict[tuple[Any, int], bytes] = {}
        self.hits = 0
        self.new = 0
        self.thread: int | None = None  # the thread it is installed for (_installed); no other's compiles
        loaded, self.read_from = read_marked(where)
        self.codes, self.programs = _entries(loaded)

    def _added(self) -> None:
        if len(self.codes) + len(self.programs) >= MAX_ENTRIES:
            self.codes, self.programs = {}, {}
        self.new += 1

    def compile(self, source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        """``compile``, from the cache for shiboken's embedded sources (compiled as given, but a
        ``DEFERRED`` module's, which stands for it until its first use)."""
        if (args or kwargs or mode != "exec" or not isinstance(source, bytes) or not isinstance(filename, str)
                or not filename.startswith(_EMBEDDED) or threading.get_ident() != self.thread):
            return _compile(source, filename, mode, *args, **kwargs)
        deferred = filename in DEFERRED
        # Its own key: a file written before deferring holds the module's real code under the plain one.
        key = (f"{filename} (deferred)" if deferred else filename, source)
        code = _code(self.codes.get(key))
        if code is not None:
            self.hits += 1
            return code
        self.codes.pop(key, None)  # not code (a damaged entry): replaced
        code = _compile(_deferred(source, filename) if deferred else source, filename, mode)
        self._added()
        self.codes[key] = marshal.dumps(code)
        return code

    def compile_pattern(self, pattern: Any, flags: Any = 0) -> Any:
        """``re._compiler.compile``: a program seen before goes straight to the engine."""
        if (not isinstance(pattern, (str, bytes)) or not isinstance(flags, int) or flags & re.DEBUG
                or threading.get_ident() != self.thread):
            return _compile_pattern(pattern, flags)
        key = (pattern, int(flags))
        stored = self.programs.get(key)
        if stored is not None:
            program = _stored_program(stored)
            try:
                if program is None:
                    raise ValueError(key)
                compiled = _sre.compile(*program)
            except Exception:  # not a program, or one the engine refuses (RuntimeError): compiled as usual
                del self.programs[key]
            else:
                self.hits += 1
                return compiled
        recorder = _Recorder()
        engine, _compiler._sre = _compiler._sre, recorder
        try:
            compiled = _compile_pattern(pattern, flags)
        finally:
            _compiler._sre = engine
        kept = _program(recorder.args, pattern)
        if kept is not None and _sre.compile(*kept) == compiled:  # the same program, flags, pattern
            self._added()
            self.programs[key] = marshal.dumps(kept)
        return compiled

    def save(self) -> None:
        """Written when something was new.  Another process (the editor's reading child, the
        window's warm-up, an export) may have written the file since this one read it: what it
        added is kept too, else the last to write wins and the cache settles only starts later.
        Reread only then (the file is replaced, never rewritten, so the same inode, size and
        time mean the same content); over the cap, only this process's entries are written."""
        if not self.new:
            return
        with locked(self.where) as turn:  # another process's merge and write first, then this one's
            if turn:
                self._save()

    def _save(self) -> None:
        codes, programs = self.codes, self.programs
        if file_mark(self.where) != self.read_from:
            disk_codes, disk_programs = _entries(load(self.where))
            merged_codes, merged_programs = disk_codes | codes, disk_programs | programs
            if len(merged_codes) + len(merged_programs) <= MAX_ENTRIES:
                codes, programs = merged_codes, merged_programs
        save(self.where, {"code": codes, "re": programs})
        self.codes, self.programs, self.read_from = codes, programs, file_mark(self.where)
        if self.where.name == _NAME:
            with suppress(OSError):
                self.where.with_name(_OLD_NAME).unlink()


def _entries(loaded: Any) -> tuple[dict[tuple[str, bytes], bytes], dict[tuple[Any, int], bytes]]:
    """The code and the programs of a file ``save`` wrote, still marshalled; nothing of anything
    else (another program's file, a truncated or older one).  Each value is checked when used."""
    codes, programs = (loaded.get("code"), loaded.get("re")) if isinstance(loaded, dict) else (None, None)
    if (isinstance(codes, dict) and isinstance(programs, dict)
            and all(isinstance(v, bytes) for v in codes.values())
            and all(isinstance(v, bytes) for v in programs.values())):
        return codes, programs
    return {}, {}


def _unmarshalled(value: bytes | None) -> Any:
    if value is None:
        return None
    try:  # a damaged entry is only a miss (the file's checksum passed: app/dataclass_cache.py _SEAL)
        return marshal.loads(value)
    except Exception:  # SystemError, MemoryError from a damaged code object too
        return None


def _code(value: bytes | None) -> CodeType | None:
    """An entry's code; None for none, or what is not code."""
    code = _unmarshalled(value)
    return code if isinstance(code, CodeType) else None


def _stored_program(value: bytes | None) -> Program | None:
    """An entry's program (the engine checks it when given); None for none, or what is not one."""
    program = _unmarshalled(value)
    return program if isinstance(program, tuple) and len(program) == 6 else None  # type: ignore[return-value]


def _program(args: tuple[Any, ...] | None, pattern: Any) -> Program | None:
    """``_sre.compile``'s arguments as plain values marshal keeps (re's opcodes are int
    subclasses); None when they are not the six of this pattern's compile."""
    if args is None or len(args) != 6 or args[0] is not pattern:
        return None
    try:
        flags, code, groups, groupindex, indexgroup = args[1:]
        return (pattern, int(flags), [int(c) for c in code], int(groups),
                {str(k): int(v) for k, v in dict(groupindex).items()}, tuple(indexgroup))
    except (TypeError, ValueError):
        return None


_compile = builtins.compile


def _deferred(source: bytes, filename: str) -> str:
    """The code that stands for the module of ``source`` until its first use (``DEFERRED``)."""
    return _DEFERRED_CODE.format(source=source, filename=filename)
_compile_pattern = _compiler.compile


_active: Cache | None = None
_held: list[AbstractContextManager[Cache]] = []  # hold()'s context, until release()


@contextmanager
def compiled(where: Path | None = None) -> Iterator[Cache]:
    """Inside, shiboken's embedded sources and every pattern come from the cache (import
    PySide6 inside); one inside another uses the outer one's cache."""
    global _active
    if _active is not None:
        yield _active
        return
    cache = Cache(where or path())
    try:
        with _installed(cache):
            yield cache
    finally:
        cache.save()


@contextmanager
def _installed(cache: Cache) -> Iterator[None]:
    """``compile`` and re's code generator through ``cache`` inside, for this thread only (the
    others' pass through it), as they were after."""
    global _active
    previous, previous_pattern = builtins.compile, _compiler.compile
    builtins.compile, _compiler.compile = cache.compile, cache.compile_pattern
    _active, cache.thread = cache, threading.get_ident()
    try:
        yield
    finally:
        _active, cache.thread = None, None
        builtins.compile, _compiler.compile = previous, previous_pattern


def stepwise(steps: Iterator[None], where: Path | None = None) -> Iterator[None]:
    """``steps`` run each inside the cache, and what runs between them outside it: work sliced
    between a window's events (ui/warm_up.py) gets its patterns from the cache, never a user's
    search typed meanwhile.  One cache for all the steps, written (when something was new)
    after the last; inside ``compiled()`` already, that one's."""
    cache: Cache | None = None
    try:
        while True:
            if _active is not None:
                step_cache: Cache = _active
                installed: AbstractContextManager[None] = nullcontext()
            else:
                cache = step_cache = cache or Cache(where or path())
                installed = _installed(step_cache)
            with installed:
                try:
                    next(steps)
                except StopIteration:
                    return
            yield
    finally:
        if cache is not None:
            cache.save()


def hold() -> None:
    """``compiled()`` from here to ``release()``: a start that spans functions (app.launch's
    imports to ui.main's window), in the thread that builds the window (only its compiles go
    through the cache).  Held already: nothing."""
    if not _held:
        context = compiled()
        context.__enter__()
        _held.append(context)


def release() -> None:
    """The end of ``hold()`` (the cache written if something was new); not held: nothing."""
    if _held:
        _held.pop().__exit__(None, None, None)


def _reads_pyside(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """shiboken's ``_mod_uses_pyside`` (is "PySide6" in the module's source?) by reading the
    file: the same answer without inspect.getsource (its source-file and module look-ups, the
    linecache), which shiboken runs on every module imported once PySide is (~0.2 ms each, some
    forty at the editor's start); a module of Python's own library is not read at all (none
    names PySide6).  Anything but a plain source file, one whose text cannot be read or
    decoded: shiboken's own."""

    def uses_pyside(module: ModuleType) -> bool:
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None)
        if not (getattr(spec, "has_location", False) and isinstance(origin, str) and origin.endswith(".py")
                and getattr(module, "__file__", None) == origin):
            return original(module)
        if _standard(getattr(module, "__name__", ""), origin):
            return False  # Python's own library never names PySide6 (os.py alone: 40 kB read)
        try:
            with open(origin, "rb") as f:
                data = f.read()
        except OSError:
            return original(module)
        if b"PySide6" not in data:  # every encoding Python reads source in keeps ASCII as ASCII
            return False
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
            return "PySide6" in data.decode(encoding)
        except (SyntaxError, LookupError, UnicodeDecodeError):
            return original(module)

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


_STDLIB = os.path.dirname(os.__file__) + os.sep  # where os.py is: Python's own library


def _standard(name: str, origin: str) -> bool:
    """A module of Python's own library, from its folder (not a package installed beside it in
    site-packages, nor a module of the same name elsewhere on the path)."""
    return (name.partition(".")[0] in sys.stdlib_module_names and origin.startswith(_STDLIB)
            and not any(f"{os.sep}{d}{os.sep}" in origin[len(_STDLIB) - 1:] for d in ("site-packages", "dist-packages")))


def quicker_pyside_imports() -> None:
    """Once PySide is imported: shiboken's check of each newly imported module read from its
    file (``_reads_pyside``); a shiboken without that check is left alone."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if callable(original) and not hasattr(original, "original"):
        feature._mod_uses_pyside = _reads_pyside(original)  # type: ignore[union-attr]
