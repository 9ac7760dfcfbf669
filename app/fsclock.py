"""The clock of a folder: the time now as the file system there stamps files — a file server's
for a shared folder.  Another computer's owner file (app/lock.py) or temporary (app/io.py) in a
shared folder is aged on it, never on this PC's clock against a time the server or another PC
stamped: two PCs' clocks differ by minutes, hours or days."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def folder_clock(folder: Path, probe: str) -> float | None:
    """The time now by the clock that stamps the files in ``folder``: a file server's for a shared
    folder, not this computer's.  A probe temporary is made there and removed, its time read.
    Another computer's owner file or temporary in a shared folder is judged by its age on that one
    clock: two PCs' clocks differ by minutes or hours, and this PC's clock against a time the server
    or another PC stamped took a live lock for a crash's leftover.  None where nothing can be made
    (a read-only folder).  ``probe``: the name it is made under (app.io.temp_name: one of our
    temporaries, so that a crash's is removed as theirs are).  Never raises."""
    name = folder / probe
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600))
    except (OSError, ValueError):
        return None
    try:
        return os.stat(name).st_mtime  # after the close: a share's client asks the server
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
