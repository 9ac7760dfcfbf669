"""Regular expressions compiled the first time they are used, not when their module is imported.

The checks declare some sixty patterns at module level; compiling them all costs start-up time
(about 15 ms) for every program that imports the checks, whether it runs them or not (``dump``,
the editor before a report is open), and the text-vs-table patterns are only needed for a
sentence that names a figure.  ``lazy`` returns an object that stands for the compiled pattern:
on first use it compiles and binds the pattern's methods onto itself, so every later call costs
what a call on the compiled pattern does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Iterator

_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex", "scanner")


class _Lazy:
    def __init__(self, source: str, flags: int) -> None:
        self.source = source
        self._flags = flags
        _declared.append(self)

    def __getattr__(self, name: str) -> Any:
        # Called only for what is not yet bound here: the first use (and dunder probes, such
        # as copy's and pickle's, which must not compile or recurse).
        if name.startswith("__") or name in ("source", "_flags"):
            raise AttributeError(name)
        compiled = re.compile(self.source, self._flags)
        for attr in _FORWARDED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.source!r})"


_declared: list[_Lazy] = []


def compile_all() -> int:
    """Compile every lazy pattern declared so far that is not yet (a program's idle moment, so
    that no later first use pays); how many were compiled."""
    todo = [p for p in _declared if "search" not in p.__dict__]
    for p in todo:
        p.__getattr__("search")
    return len(todo)


def compile_each() -> Iterator[None]:
    """compile_all a pattern at a time, for a caller that does other work between them (a
    window's event loop: a keystroke waits for one pattern, not for all)."""
    for p in [p for p in _declared if "search" not in p.__dict__]:
        p.__getattr__("search")
        yield


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, done on first use."""
    return cast("re.Pattern[str]", _Lazy(source, flags))


def source(pattern: re.Pattern[str]) -> str:
    """A pattern's text, without compiling a lazy one."""
    return pattern.source if isinstance(pattern, _Lazy) else pattern.pattern  # type: ignore[attr-defined]
