"""年报编辑器 — the domain: the statutory format, the report, checks, .docx/.xlsx I/O.

Plain Python: nothing under app/ imports Qt (tests/test_layering.py enforces it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging

__version__ = "0.1.0"


def logger(name: str) -> logging.Logger:
    """The logger ``name`` ("nianbao" or "nianbao.…"): silent unless a program gives "nianbao" a
    handler (the editor's log file, app/logs.py) — without one, logging's last resort would
    print tracebacks on stderr.  ``logging`` is imported here, at the first logger asked for,
    not with the package: its import compiles four patterns (string's, logging's), and the
    editor's start imports the package before it can serve patterns from its compile cache
    (app/launch.py); the window's modules import logging after that."""
    import logging

    quiet = logging.getLogger("nianbao")
    if not any(isinstance(h, logging.NullHandler) for h in quiet.handlers):
        quiet.addHandler(logging.NullHandler())
    return logging.getLogger(name)
